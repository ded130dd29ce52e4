import { randomUUID } from "node:crypto";
import { StateConflictError, type StateStore, type Versioned } from "./state-store";

/** Conversation state in process memory: the fallback while the database is unreachable, and for tests. */
export class MemoryStateStore implements StateStore {
  private readonly items = new Map<string, { json: string; etag: string }>();

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const found = new Map<string, Versioned>();
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found.set(key, { value: JSON.parse(item.json) as unknown, etag: item.etag });
    }
    return found;
  }

  async write(key: string, value: unknown, etag?: string): Promise<string> {
    const stored = this.items.get(key);
    if (stored && etag !== undefined && etag !== "*" && etag !== stored.etag) throw new StateConflictError(key);
    const next = randomUUID();
    this.items.set(key, { json: JSON.stringify(value ?? null), etag: next });
    return next;
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}
