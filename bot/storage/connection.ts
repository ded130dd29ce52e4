import { sql } from "kysely";
import type { Logger } from "../logger";
import { isMissingTable, migrate, openDatabase, type Database, type DatabaseOptions } from "./database";
import { DatabaseUnavailableError, StoreClosedError } from "./errors";
import { MemoryStateStore } from "./memory-state-store";
import { SqlStateStore, StateConflictError, type StateStore, type Versioned } from "./state-store";

/** First delay before trying an unreachable database again; doubles up to the maximum. Lower = quicker recovery, more log lines. */
const RECONNECT_BASE_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;
/** A health probe slower than this counts as an outage. Lower = an overloaded database shows as down sooner. */
const PROBE_TIMEOUT_MS = 2_000;
/** Probes closer together than this share one result (`/healthz` may be polled hard). Lower = fresher health, more queries. */
const PROBE_MIN_INTERVAL_MS = 1_000;
/** How often the database is probed in the background, so outages, recoveries and an emptied database are noticed without traffic. */
const PROBE_INTERVAL_MS = 15_000;

/**
 * The database, connected now or later: when it cannot be opened at start the bot still starts
 * and answers, feedback waits in the recorder (and its spool), conversation state lives in
 * memory, and the connection is retried in the background until it succeeds.
 */
export class DatabaseConnection {
  private database: Database | null = null;
  private sqlState: SqlStateStore | null = null;
  private error: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private delay = RECONNECT_BASE_MS;
  private closed = false;
  /** The last probe's finding: null while the database answers. */
  private probeError: string | null = null;
  private probing: Promise<void> | undefined;
  private probedAt = 0;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly recreatedListeners = new Set<() => Promise<void>>();

  private readonly options: DatabaseOptions;

  constructor(
    options: DatabaseOptions,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.options = {
      ...options,
      onConnectionError: (error) => this.logger.warn({ err: error }, "[storage] a database connection broke"),
    };
  }

  /** Called after the schema was created again in a database that came back empty (to restore the installation secret…). */
  onRecreated(listener: () => Promise<void>): void {
    this.recreatedListeners.add(listener);
  }

  /**
   * Asks the database whether it answers and still holds Memnun's tables; an emptied database
   * is migrated again. A good result is shared for `PROBE_MIN_INTERVAL_MS`. Never throws.
   */
  async probe(): Promise<void> {
    const database = this.database;
    if (!database || this.closed) return;
    if (this.probing) return this.probing;
    // while it fails, every call probes again (one at a time): a recovery shows at once
    if (this.probeError === null && this.now() - this.probedAt < PROBE_MIN_INTERVAL_MS) return;
    this.probing = this.runProbe(database).finally(() => {
      this.probedAt = this.now();
      this.probing = undefined;
    });
    return this.probing;
  }

  private async runProbe(database: Database): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`[storage] the database did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    try {
      try {
        await Promise.race([sql`select count(*) from settings`.execute(database.db), timeout]);
      } catch (error) {
        if (!isMissingTable(error)) throw error;
        this.logger.warn("[storage] the database came back empty: creating the schema again");
        await Promise.race([migrate(database.db), timeout]);
        for (const listener of this.recreatedListeners) await listener();
      }
      if (this.probeError !== null) this.logger.info("[storage] database reachable again");
      this.probeError = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.probeError === null) this.logger.warn({ err: message }, "[storage] database unreachable: answering questions, keeping feedback until it is back");
      this.probeError = message;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Probes in the background every `PROBE_INTERVAL_MS` until closed. */
  watch(): void {
    if (this.probeTimer || this.closed) return;
    this.probeTimer = setInterval(() => void this.probe(), PROBE_INTERVAL_MS);
    this.probeTimer.unref();
  }

  /** Tries once; on failure logs why and keeps retrying in the background. Never throws. */
  async connect(): Promise<boolean> {
    try {
      this.database = await openDatabase(this.options);
      this.sqlState = new SqlStateStore(this.database);
      this.error = null;
      this.logger.info({ database: this.database.kind, location: this.database.location }, "[storage] database ready");
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.error === null) this.logger.error({ err: error }, "[storage] database unreachable: answering questions, keeping feedback until it is back");
      this.error = message;
      this.retry();
      return false;
    }
  }

  /**
   * The connected database; throws `DatabaseUnavailableError` while there is none. Stores over it
   * (the feedback store) fail their call then, and their caller retries later.
   */
  current(): Database {
    if (!this.database) throw new DatabaseUnavailableError();
    return this.database;
  }

  /** The state store over the connected database, or null while there is none. */
  stateStore(): SqlStateStore | null {
    return this.sqlState;
  }

  /** What the last connection attempt and probe found (see `probe`). */
  status(): { kind: "sqlite" | "postgres"; connected: boolean; error: string | null } {
    const error = this.error ?? (this.database ? this.probeError : null);
    return { kind: this.options.databaseUrl ? "postgres" : "sqlite", connected: this.database !== null && this.probeError === null, error };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.probeTimer) clearInterval(this.probeTimer);
    await this.probing;
    await this.database?.close();
    this.database = null;
    this.sqlState = null;
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      void this.connect();
    }, this.delay);
    this.timer.unref();
    this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
  }
}

/**
 * Conversation state in the database, or in memory while the database is unreachable (at start
 * or lost mid-run). State written to memory during an outage is newer than the database's, so it
 * wins on read and is written through once the database answers again.
 */
export class ConnectedStateStore implements StateStore {
  private readonly memory = new MemoryStateStore();
  private readonly inMemory = new Set<string>();
  private closed = false;

  constructor(
    private readonly connection: DatabaseConnection,
    private readonly logger: Logger,
  ) {}

  /** Drops the state kept in memory; the connection stays open for its other users (its owner closes it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.memory.close();
  }

  private database(): SqlStateStore | null {
    if (this.closed) throw new StoreClosedError("the state store");
    return this.connection.stateStore();
  }

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const sql = this.database();
    let found = new Map<string, Versioned>();
    if (sql) {
      try {
        found = await sql.read(keys);
      } catch (error) {
        this.fallback(error);
      }
    }
    const newer = keys.filter((key) => this.inMemory.has(key));
    if (newer.length > 0) for (const [key, item] of await this.memory.read(newer)) found.set(key, item);
    return found;
  }

  async write(key: string, value: unknown, etag?: string): Promise<string> {
    const sql = this.database();
    if (sql) {
      try {
        // after an outage the etag came from memory: the memory copy is the newest, so overwrite
        const next = await sql.write(key, value, this.inMemory.has(key) ? "*" : etag);
        if (this.inMemory.delete(key)) await this.memory.delete([key]);
        return next;
      } catch (error) {
        // a conflict is the database answering: the caller must see it, not the memory fallback
        if (error instanceof StateConflictError) throw error;
        this.fallback(error);
      }
    }
    this.inMemory.add(key);
    return this.memory.write(key, value);
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.inMemory.delete(key);
    await this.memory.delete(keys);
    await this.database()?.delete(keys);
  }

  private fallback(error: unknown): void {
    this.logger.warn({ err: error }, "[storage] conversation state kept in memory while the database is unreachable");
  }
}
