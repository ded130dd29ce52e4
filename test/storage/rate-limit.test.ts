import { createLogger } from "../../bot/logger";
import { perMinute } from "../../bot/server/rate-limit";
import type { RateLimit } from "../../bot/storage/rate-limit";
import { RedisConnection } from "../../bot/storage/redis";
import { createServer } from "node:net";
import { describeRedis, TEST_REDIS_URL, testRedis } from "../helpers/redis";
import { TcpProxy } from "../helpers/tcp-proxy";
import { waitFor } from "../helpers/wait";

/** Opens a fresh limit of `points` per minute; `dispose` removes what it kept. */
type RateLimitFactory = (points: number) => Promise<{ limit: RateLimit; dispose: () => Promise<void> }>;

/** Takes `key` `times` times; how many were allowed. */
async function allowed(limit: RateLimit, key: string, times: number): Promise<number> {
  let count = 0;
  for (let i = 0; i < times; i += 1) if ((await limit.take(key)) === 0) count += 1;
  return count;
}

/** One contract for every way of counting a rate limit: in memory and in Redis. */
function rateLimitContract(name: string, factory: RateLimitFactory): void {
  describe(`${name}: rate limit contract`, () => {
    let dispose: () => Promise<void> = async () => undefined;
    afterEach(() => dispose());
    const open = async (points: number): Promise<RateLimit> => {
      const opened = await factory(points);
      dispose = opened.dispose;
      return opened.limit;
    };

    it("allows the configured number per minute and key, then says how long to wait", async () => {
      const limit = await open(3);
      expect(await allowed(limit, "a", 3)).toBe(3);
      const wait = await limit.take("a");
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60_000);
      expect(await allowed(limit, "b", 4)).toBe(3);
    });

    it("peeks without using up an attempt", async () => {
      const limit = await open(2);
      expect(await limit.peek("a")).toBe(0);
      expect(await limit.peek("a")).toBe(0);
      expect(await allowed(limit, "a", 2)).toBe(2);
      expect(await limit.peek("a")).toBeGreaterThan(0);
      expect(await limit.peek("fresh")).toBe(0);
    });
  });
}

rateLimitContract("memory", async (points) => ({ limit: perMinute(points), dispose: async () => undefined }));

describeRedis("rate limits in Redis", () => {
  rateLimitContract("redis", async (points) => {
    const { redis, dispose } = await testRedis();
    return { limit: perMinute(points, { redis, name: "contract" }), dispose };
  });

  it("count for all instances together: two instances allow the configured rate, not twice it", async () => {
    const { redis, dispose } = await testRedis();
    const other = new RedisConnection({ url: TEST_REDIS_URL, prefix: redis.prefix }, createLogger("silent"));
    await other.connect();
    try {
      const [one, two] = [perMinute(5, { redis, name: "client" }), perMinute(5, { redis: other, name: "client" })];
      let count = 0;
      for (let i = 0; i < 10; i += 1) if ((await (i % 2 === 0 ? one : two).take("10.0.0.1")) === 0) count += 1;
      expect(count).toBe(5);
      // another limit's name is another count
      expect(await allowed(perMinute(5, { redis, name: "poll" }), "10.0.0.1", 5)).toBe(5);
    } finally {
      await other.close();
      await dispose();
    }
  });

  it("fall back to this instance's memory while Redis is unreachable, never refusing because of it, and count in Redis again once it is back", async () => {
    const proxy = new TcpProxy("127.0.0.1", 6379);
    await proxy.open();
    const { redis, dispose } = await testRedis(`redis://127.0.0.1:${proxy.port}`);
    try {
      const limit = perMinute(3, { redis, name: "client" });
      expect(await allowed(limit, "a", 2)).toBe(2);
      await proxy.cut();
      // a real outage: the connection is gone, and the memory limit takes over with its own count
      expect(await allowed(limit, "a", 5)).toBe(3);
      expect(await allowed(limit, "b", 3)).toBe(3);
      expect(redis.status().connected).toBe(false);
      await proxy.open();
      await waitFor(() => redis.status().connected, "Redis to reconnect");
      // Redis kept the 2 taken before the outage
      expect(await allowed(limit, "a", 3)).toBe(1);
    } finally {
      await proxy.cut();
      await dispose();
    }
  });

  it("count in memory once the connection is closed (an instance stopping), never refusing because of it", async () => {
    const { redis, dispose } = await testRedis();
    const limit = perMinute(2, { redis, name: "client" });
    expect(await allowed(limit, "a", 1)).toBe(1);
    await dispose();
    await redis.close();
    expect(redis.status().connected).toBe(false);
    expect(await allowed(limit, "a", 3)).toBe(2);
  });

  it("start with nothing listening at REDIS_URL: the connection keeps trying in the background, limits count in memory", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const address = probe.address();
    const port = address && typeof address === "object" ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const redis = new RedisConnection({ url: `redis://127.0.0.1:${port}`, prefix: "unused:" }, createLogger("silent"));
    try {
      await redis.connect();
      expect(redis.status()).toEqual({ connected: false, error: expect.any(String) });
      expect(await allowed(perMinute(2, { redis, name: "client" }), "a", 3)).toBe(2);
    } finally {
      await redis.close();
    }
  });
});
