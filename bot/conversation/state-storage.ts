import type { Storage, StoreItems } from "botbuilder";
import type { StateStore } from "../storage/state-store";

/**
 * botbuilder's `Storage` over Memnun's database, so a conversation can move between instances.
 * botbuilder keys conversation state by the channel's ids (`msteams/conversations/<id>/`); the
 * database holds each key only as `storedKey` makes it (a keyed pseudonym in `bot/index.ts`), as
 * feedback holds conversations and users, so no table of state names who talked.
 */
export class DatabaseStorage implements Storage {
  constructor(
    private readonly store: StateStore,
    private readonly storedKey: (key: string) => string,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const stored = new Map(keys.map((key) => [this.storedKey(key), key]));
    const found = await this.store.read([...stored.keys()]);
    for (const [storedKey, { value, etag }] of found) {
      const key = stored.get(storedKey);
      if (key === undefined) continue;
      items[key] = value !== null && typeof value === "object" ? { ...value, eTag: etag } : { value, eTag: etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const value: unknown = item;
      const record: Record<string, unknown> = value !== null && typeof value === "object" ? { ...value } : { value };
      const etag = typeof record.eTag === "string" ? record.eTag : undefined;
      delete record.eTag;
      await this.store.write(this.storedKey(key), record, etag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys.map(this.storedKey));
  }
}
