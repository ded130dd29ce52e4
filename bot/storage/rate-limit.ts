/**
 * Answers whether a key may act now and, if not, how long until it may. The counting lives
 * with the server (`server/rate-limit.ts`, in memory) or, shared by instances, in a store; the
 * conversation only asks.
 */
export interface RateLimit {
  /** `0` when allowed; otherwise milliseconds until the next allowed attempt. */
  take(key: string): Promise<number>;
  /** Like `take`, without using up an attempt. */
  peek(key: string): Promise<number>;
}
