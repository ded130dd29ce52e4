import { LruMap } from "../lru";
import { StoreClosedError } from "./errors";
import type { StateStore, Versioned } from "./state-store";

/** Most conversations whose state is kept in memory; the least recently used is dropped first. Higher = more memory, fewer reads. */
export const STATE_CACHE_SIZE = 10_000;

/**
 * A state store with a write-through memory cache in front, for a store that this process alone
 * writes (the embedded SQLite database of one instance): a turn reads its conversation's state
 * without a query. Writes still go to the store with their etag, so a stale write is refused as
 * before. Not for a database several instances share (PostgreSQL): another instance may have
 * moved the conversation on.
 */
export class CachedStateStore implements StateStore {
  /** Key → the stored JSON and etag, or null when the store holds nothing for the key. */
  private readonly items: LruMap<string, { json: string; etag: string } | null>;

  constructor(
    private readonly inner: StateStore,
    size = STATE_CACHE_SIZE,
  ) {
    this.items = new LruMap(size);
  }

  private closed = false;

  /** Drops the cache and closes the store behind it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.items.clear();
    await this.inner.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError("the cached state store");
  }

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    this.assertOpen();
    const found = new Map<string, Versioned>();
    const missing: string[] = [];
    for (const key of keys) {
      const item = this.items.get(key);
      if (item === undefined) {
        missing.push(key);
        continue;
      }
      // parsed anew on every read: callers may change what they get
      if (item) found.set(key, { value: JSON.parse(item.json) as unknown, etag: item.etag });
    }
    if (missing.length > 0) {
      const loaded = await this.inner.read(missing);
      for (const key of missing) {
        const item = loaded.get(key);
        this.items.set(key, item ? { json: JSON.stringify(item.value ?? null), etag: item.etag } : null);
        if (item) found.set(key, item);
      }
    }
    return found;
  }

  async write(key: string, value: unknown, etag?: string): Promise<string> {
    this.assertOpen();
    try {
      const next = await this.inner.write(key, value, etag);
      this.items.set(key, { json: JSON.stringify(value ?? null), etag: next });
      return next;
    } catch (error) {
      this.items.delete(key);
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const key of keys) this.items.delete(key);
    await this.inner.delete(keys);
  }
}
