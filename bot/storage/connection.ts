import { sql } from "kysely";
import { randomUUID } from "node:crypto";
import type { Logger } from "../logger";
import { LruMap } from "../lru";
import { isMissingTable, migrate, openDatabase, type Database, type DatabaseOptions } from "./database";
import { DatabaseUnavailableError, StoreClosedError } from "./errors";
import { ABSENT, SqlStateStore, StateConflictError, type StateStore, type Versioned } from "./state-store";

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
  private readonly reachableListeners = new Set<() => void>();

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
   * Called after every probe the database answered (in the background every `PROBE_INTERVAL_MS`,
   * and on `/healthz`), so what waited in memory for it is written soon after a recovery. The
   * listener must not throw; it returns at once. Returns the unsubscribe function.
   */
  onReachable(listener: () => void): () => void {
    this.reachableListeners.add(listener);
    return () => this.reachableListeners.delete(listener);
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
    if (this.probeError === null) for (const listener of this.reachableListeners) listener();
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
 * Conversations whose last database version this instance remembers (key and etag, about 100
 * bytes each). A conversation dropped from it counts as never seen: after an outage the
 * database's copy wins over this instance's memory copy if the database has one. Higher = more
 * memory, fewer memory copies given up after an outage.
 */
const KNOWN_VERSIONS_SIZE = 10_000;

/** A conversation's state kept in memory while the database was unreachable. */
interface HeldCopy {
  readonly json: string;
  /** This copy's own version, handed to readers instead of a database etag. */
  readonly etag: string;
  /**
   * The database version the copy replaces: the etag this instance last read from or wrote to
   * the database for the key, or null when it knew none (absent, or not seen).
   */
  readonly base: string | null;
}

const isVersion = (etag: string | undefined): etag is string => etag !== undefined && etag !== "*";

/** A memory copy as a reader gets it: its value, under its own version. */
const asRead = (copy: HeldCopy): Versioned => ({ value: JSON.parse(copy.json) as unknown, etag: copy.etag });

/**
 * Conversation state in the database, or in memory while the database is unreachable (at start
 * or lost mid-run). Each copy kept in memory remembers the database version it replaces. Once the
 * database answers again, a copy wins if the database still holds that version (no other instance
 * wrote since) or nothing, and is written there, checked against what it held; a copy whose
 * version was replaced meanwhile is dropped: another instance moved the conversation on, and its
 * state is the newer one. One instance alone therefore keeps what it wrote during an outage;
 * several never overwrite each other's newer state with a stale copy. Copies are settled on the
 * conversation's next read, and in the background after every probe the database answers.
 */
export class ConnectedStateStore implements StateStore {
  private readonly held = new Map<string, HeldCopy>();
  private readonly known = new LruMap<string, string>(KNOWN_VERSIONS_SIZE);
  private readonly unsubscribe: () => void;
  private flushing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly connection: DatabaseConnection,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = connection.onReachable(() => void this.flush());
  }

  /** Drops the state kept in memory; the connection stays open for its other users (its owner closes it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    await this.flushing;
    this.held.clear();
    this.known.clear();
  }

  private database(): SqlStateStore | null {
    if (this.closed) throw new StoreClosedError("the state store");
    return this.connection.stateStore();
  }

  /**
   * Settles every copy kept in memory against the database, one conversation after the other,
   * until the database fails again; one run at a time. Never rejects.
   */
  private flush(): Promise<void> {
    if (this.closed || this.held.size === 0) return Promise.resolve();
    this.flushing ??= this.settleAll().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async settleAll(): Promise<void> {
    for (const [key, copy] of [...this.held]) {
      const sql = this.connection.stateStore();
      if (this.closed || !sql) return;
      if (this.held.get(key) !== copy) continue;
      try {
        const found = await sql.read([key]);
        this.remember([key], found);
        await this.settle(sql, key, copy, found);
      } catch (error) {
        this.fallback(error);
        return;
      }
    }
  }

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const sql = this.database();
    if (sql) {
      try {
        return await this.readThrough(sql, keys);
      } catch (error) {
        this.fallback(error);
      }
    }
    const found = new Map<string, Versioned>();
    for (const key of keys) {
      const copy = this.held.get(key);
      if (copy) found.set(key, asRead(copy));
    }
    return found;
  }

  /** Reads from the database and settles the copies kept in memory for `keys` against it. */
  private async readThrough(sql: SqlStateStore, keys: readonly string[]): Promise<Map<string, Versioned>> {
    const found = await sql.read(keys);
    this.remember(keys, found);
    for (const key of keys) {
      const copy = this.held.get(key);
      if (!copy) continue;
      try {
        await this.settle(sql, key, copy, found);
      } catch (error) {
        this.fallback(error);
        if (this.held.get(key) === copy) found.set(key, asRead(copy));
        else found.delete(key);
      }
    }
    return found;
  }

  /**
   * Settles `copy` against what the database holds for `key` (in `found`, which is updated to the
   * outcome). Throws when the database fails meanwhile; the copy is then kept.
   */
  private async settle(sql: SqlStateStore, key: string, copy: HeldCopy, found: Map<string, Versioned>): Promise<void> {
    const stored = found.get(key);
    if (stored && stored.etag !== copy.base) {
      this.drop(key, copy);
      return;
    }
    try {
      const value = JSON.parse(copy.json) as unknown;
      const etag = await sql.write(key, value, stored?.etag ?? ABSENT);
      this.known.set(key, etag);
      if (this.held.get(key) === copy) this.held.delete(key);
      found.set(key, { value, etag });
      this.logger.debug("[storage] conversation state kept in memory during the database outage written to it");
    } catch (error) {
      if (!(error instanceof StateConflictError)) throw error;
      // another instance wrote between the read and this write: its state is the newer one
      this.drop(key, copy);
      const latest = (await sql.read([key])).get(key);
      if (latest) found.set(key, latest);
      else found.delete(key);
    }
  }

  async write(key: string, value: unknown, etag?: string): Promise<string> {
    const sql = this.database();
    const copy = this.held.get(key);
    // a reader of the memory copy got its etag: an older one means another turn wrote since
    if (copy && isVersion(etag) && etag !== copy.etag) throw new StateConflictError(key);
    if (sql) {
      try {
        // a turn that began on a memory copy may replace only the database version the copy replaced
        const next = await sql.write(key, value, copy ? (copy.base ?? ABSENT) : etag);
        this.known.set(key, next);
        if (copy && this.held.get(key) === copy) this.held.delete(key);
        return next;
      } catch (error) {
        // a conflict is the database answering: the caller must see it, not the memory fallback
        if (error instanceof StateConflictError) {
          if (copy) this.drop(key, copy);
          throw error;
        }
        this.fallback(error);
      }
    }
    const next = randomUUID();
    const base = copy ? copy.base : etag === ABSENT ? null : isVersion(etag) ? etag : (this.known.get(key) ?? null);
    this.held.set(key, { json: JSON.stringify(value ?? null), etag: next, base });
    return next;
  }

  async delete(keys: readonly string[]): Promise<void> {
    const sql = this.database();
    for (const key of keys) {
      this.held.delete(key);
      this.known.delete(key);
    }
    await sql?.delete(keys);
  }

  /** Notes the database's current version of each of `keys`, as just read. */
  private remember(keys: readonly string[], found: Map<string, Versioned>): void {
    for (const key of keys) {
      const stored = found.get(key);
      if (stored) this.known.set(key, stored.etag);
      else this.known.delete(key);
    }
  }

  /** Gives up a memory copy that another instance's newer state in the database replaced. */
  private drop(key: string, copy: HeldCopy): void {
    if (this.held.get(key) !== copy) return;
    this.held.delete(key);
    this.logger.warn("[storage] conversation state kept in memory during the database outage dropped: another instance changed the conversation since");
  }

  private fallback(error: unknown): void {
    this.logger.warn({ err: error }, "[storage] conversation state kept in memory while the database is unreachable");
  }
}
