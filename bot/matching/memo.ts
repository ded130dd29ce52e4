/**
 * `memo`'s value for `key`, read once; the memo starts over when it holds `limit` words. Words
 * repeat far more than they vary, so a full memo is cleared rather than kept in order: cheaper
 * per look-up than a least-recently-used map, and refilled by the words that come back.
 */
export function remember<T>(memo: Map<string, T>, key: string, limit: number, read: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    value = read();
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
  }
  return value;
}
