import { randomUUID } from "node:crypto";
import { StoreClosedError } from "./errors";
import { StateConflictError, type StateStore, type Versioned } from "./state-store";

/** Conversation state in process memory: the contract's simplest implementation, for tests. */
export class MemoryStateStore implements StateStore {
  private readonly items = new Map<string, { json: string; etag: string }>();
  private closed = false;

  async close(): Promise<void> {
    this.closed = true;
    this.items.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError("the memory state store");
  }

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    this.assertOpen();
    const found = new Map<string, Versioned>();
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found.set(key, { value: JSON.parse(item.json) as unknown, etag: item.etag });
    }
    return found;
  }

  async write(key: string, value: unknown, etag?: string): Promise<string> {
    this.assertOpen();
    const stored = this.items.get(key);
    if (stored && etag !== undefined && etag !== "*" && etag !== stored.etag) throw new StateConflictError(key);
    const next = randomUUID();
    this.items.set(key, { json: JSON.stringify(value ?? null), etag: next });
    return next;
  }

  async delete(keys: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const key of keys) this.items.delete(key);
  }
}
