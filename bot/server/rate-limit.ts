import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimit } from "../storage/rate-limit";
import type { RedisConnection } from "../storage/redis";

export type { RateLimit };

/** Length of every rate limit window, in seconds (the settings are per minute). */
const WINDOW_SECONDS = 60;

/** Where several instances count together: one Redis, and the limit's name inside the key. */
export interface SharedCounting {
  redis: RedisConnection;
  /** Part of the key (`<prefix>rl:<name>:<client>`): limits with different names never share a count. */
  name: string;
}

/**
 * A per-minute allowance per key (a conversation, a client address; fixed windows, as
 * rate-limiter-flexible counts them). Alone, each instance counts in its own memory. With
 * `shared`, all instances count in one Redis, so the configured rate holds for all of them
 * together; while Redis fails, each instance counts in its memory again (the insurance
 * limiter): a request is never refused only because Redis is down.
 */
export function perMinute(points: number, shared?: SharedCounting): RateLimit {
  const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS });
  const limiter: RateLimiterAbstract = shared
    ? new RateLimiterRedis({
        storeClient: shared.redis.client,
        useRedisPackage: true,
        // a disconnected client fails at once into the insurance limiter, never waits
        rejectIfRedisNotReady: true,
        keyPrefix: shared.redis.key(`rl:${shared.name}`),
        points,
        duration: WINDOW_SECONDS,
        insuranceLimiter: memory,
      })
    : memory;
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return 0;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
        throw rejection;
      }
    },
    async peek(key) {
      const state = await limiter.get(key);
      return state !== null && state.remainingPoints <= 0 ? Math.max(1, state.msBeforeNext) : 0;
    },
  };
}
