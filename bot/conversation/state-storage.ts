import type { Storage, StoreItems } from "botbuilder";
import { ABSENT, type StateStore } from "../storage/state-store";

/**
 * botbuilder's `Storage` over Memnun's database, so a conversation can move between instances.
 * botbuilder keys conversation state by the channel's ids (`msteams/conversations/<id>/`); the
 * database holds each key only as `storedKey` makes it (a keyed pseudonym in `bot/index.ts`), as
 * feedback holds conversations and users, so no table of state names who talked.
 *
 * Writes are optimistic: each goes out with the version its turn read, and a turn whose
 * conversation another turn changed since (on another instance) gets `StateConflictError`.
 * botbuilder's `BotState.saveChanges` sets `eTag: "*"` on the state object before writing it,
 * which would make every write unconditional; so the version read is kept apart, by the object's
 * identity, and a key read as absent gets an empty object (what botbuilder would make of it)
 * whose write may only create the key.
 */
export class DatabaseStorage implements Storage {
  /** The version each state object handed out was read (or last written) at. */
  private readonly versions = new WeakMap<object, string>();

  constructor(
    private readonly store: StateStore,
    private readonly storedKey: (key: string) => string,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const stored = new Map(keys.map((key) => [this.storedKey(key), key]));
    const found = await this.store.read([...stored.keys()]);
    for (const [storedKey, key] of stored) {
      const versioned = found.get(storedKey);
      if (!versioned) {
        const empty = {};
        this.versions.set(empty, ABSENT);
        items[key] = empty;
        continue;
      }
      const { value, etag } = versioned;
      const item: Record<string, unknown> = value !== null && typeof value === "object" ? { ...value, eTag: etag } : { value, eTag: etag };
      this.versions.set(item, etag);
      items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const value: unknown = item;
      const record: Record<string, unknown> = value !== null && typeof value === "object" ? { ...value } : { value };
      const read = value !== null && typeof value === "object" ? this.versions.get(value) : undefined;
      const etag = read ?? (typeof record.eTag === "string" ? record.eTag : undefined);
      delete record.eTag;
      const next = await this.store.write(this.storedKey(key), record, etag);
      // a second save in the same turn replaces the version this one wrote
      if (value !== null && typeof value === "object") this.versions.set(value, next);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys.map(this.storedKey));
  }
}
