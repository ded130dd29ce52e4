import type { Storage, StoreItems } from "botbuilder";
import type { StateStore } from "../storage/state-store";

/** botbuilder's `Storage` over Memnun's database, so a conversation can move between instances. */
export class DatabaseStorage implements Storage {
  constructor(private readonly store: StateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const found = await this.store.read(keys);
    for (const [key, { value, etag }] of found) {
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
      await this.store.write(key, record, etag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys);
  }
}
