import { randomUUID } from "node:crypto";
import { assertOpen, type Database } from "./database";
import type { Closable } from "./errors";

/** A stored value and the version tag it was stored with. */
export interface Versioned {
  readonly value: unknown;
  readonly etag: string;
}

/** Thrown when a write names a version that is no longer the stored one. */
export class StateConflictError extends Error {
  constructor(key: string) {
    super(`[storage] conflict writing "${key}": it was changed by another turn`);
    this.name = "StateConflictError";
  }
}

/**
 * The version a reader gets for a key that does not exist. Stored etags are UUIDs, so none equals
 * it: a write carrying it creates the key but never replaces a stored version (another turn
 * created it since the read).
 */
export const ABSENT = "absent";

/**
 * Conversation state shared by every instance: JSON values with optimistic concurrency
 * (botbuilder's `Storage` contract, without botbuilder).
 */
export interface StateStore extends Closable {
  read(keys: readonly string[]): Promise<Map<string, Versioned>>;
  /**
   * Stores `value` under `key` and returns its new etag. With `etag` other than `*` or
   * undefined, the stored version must still carry that etag (or not exist), else
   * `StateConflictError`; with `ABSENT`, the key must not exist.
   */
  write(key: string, value: unknown, etag?: string): Promise<string>;
  delete(keys: readonly string[]): Promise<void>;
}

/** The state store over SQLite or PostgreSQL. */
export class SqlStateStore implements StateStore {
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stops this store; the database stays open for its other users (its opener closes it). */
  async close(): Promise<void> {
    this.closed = true;
  }

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    assertOpen("the state store", this.closed, this.database);
    const found = new Map<string, Versioned>();
    if (keys.length === 0) return found;
    const rows = await this.database.db
      .selectFrom("conversation_state")
      .select(["key", "value", "etag"])
      .where("key", "in", [...keys])
      .execute();
    for (const row of rows) found.set(row.key, { value: JSON.parse(row.value) as unknown, etag: row.etag });
    return found;
  }

  async write(key: string, value: unknown, etag?: string): Promise<string> {
    assertOpen("the state store", this.closed, this.database);
    const { db } = this.database;
    const next = randomUUID();
    const json = JSON.stringify(value ?? null);
    const at = this.now().toISOString();
    if (etag === undefined || etag === "*") {
      await db
        .insertInto("conversation_state")
        .values({ key, value: json, etag: next, updated_at: at })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, etag: next, updated_at: at }))
        .execute();
      return next;
    }
    const updated = await db
      .updateTable("conversation_state")
      .set({ value: json, etag: next, updated_at: at })
      .where("key", "=", key)
      .where("etag", "=", etag)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return next;
    const inserted = await db
      .insertInto("conversation_state")
      .values({ key, value: json, etag: next, updated_at: at })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return next;
    throw new StateConflictError(key);
  }

  async delete(keys: readonly string[]): Promise<void> {
    assertOpen("the state store", this.closed, this.database);
    if (keys.length === 0) return;
    await this.database.db.deleteFrom("conversation_state").where("key", "in", [...keys]).execute();
  }
}
