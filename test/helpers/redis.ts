import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { createLogger } from "../../bot/logger";
import { RedisConnection } from "../../bot/storage/redis";

/**
 * Redis for tests: `TEST_REDIS_URL`, by default the one on 127.0.0.1:6379 that the project's
 * machines and CI run (`TEST_REDIS_URL=` empty skips the Redis tests).
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** `describe` when Redis is configured, `describe.skip` otherwise. */
export const describeRedis = TEST_REDIS_URL ? describe : describe.skip;

/** A key prefix no other test (or parallel jest worker) uses. */
export const uniquePrefix = (): string => `memnun-test:${randomBytes(6).toString("hex")}:`;

/** Deletes every key under `prefix`. */
export async function deleteKeys(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
  } finally {
    await client.close();
  }
}

/** A connection under a fresh prefix; `dispose` closes it and deletes its keys. */
export async function testRedis(url = TEST_REDIS_URL): Promise<{ redis: RedisConnection; dispose: () => Promise<void> }> {
  const prefix = uniquePrefix();
  const redis = new RedisConnection({ url, prefix }, createLogger("silent"));
  await redis.connect();
  return {
    redis,
    dispose: async () => {
      await redis.close();
      await deleteKeys(prefix);
    },
  };
}
