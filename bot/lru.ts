/**
 * A `Map` bounded to `capacity` entries that drops the least recently used first. `get` and
 * `set` count as a use; `has` does not. Values may be `null` but not `undefined`, so `get`
 * can tell a missing key from a stored value.
 */
export class LruMap<K, V extends NonNullable<unknown> | null> {
  private readonly items = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`[lru] capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.items.size;
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  get(key: K): V | undefined {
    const value = this.items.get(key);
    if (value !== undefined) {
      this.items.delete(key);
      this.items.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.items.delete(key);
    this.items.set(key, value);
    for (const oldest of this.items.keys()) {
      if (this.items.size <= this.capacity) break;
      this.items.delete(oldest);
    }
  }

  delete(key: K): void {
    this.items.delete(key);
  }

  clear(): void {
    this.items.clear();
  }
}
