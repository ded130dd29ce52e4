import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimit } from "../storage/rate-limit";

export type { RateLimit };

/**
 * A sliding per-minute allowance per key (a conversation, a client address), in memory
 * (rate-limiter-flexible). Each instance counts on its own.
 */
export function perMinute(points: number): RateLimit {
  const limiter = new RateLimiterMemory({ points, duration: 60 });
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
