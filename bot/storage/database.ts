import BetterSqlite3 from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  SqliteDialect,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type MigrationProvider,
  type SchemaMetadata,
  type SqliteDatabase,
  type SqliteStatement,
  type TableMetadata,
} from "kysely";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Pool } from "pg";
import { LruMap } from "../lru";
import { MIGRATIONS, type Schema } from "./schema";
import { DatabaseOpenError, StoreClosedError } from "./errors";
import { Checkpointer } from "./sqlite-checkpointer";

/** File name of the embedded database inside `DATA_DIR`. */
export const SQLITE_FILE = "memnun.sqlite";
/** How long SQLite waits for a lock held by another process (a report run, say) before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** SQLite's own automatic checkpoint threshold, in WAL pages: used again if the background checkpointer fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;
/** Prepared SQLite statements kept for reuse (by SQL text). Higher = more memory, fewer re-preparations. */
const SQLITE_STATEMENT_CACHE_SIZE = 200;
/** PostgreSQL connections per instance; a turn needs one briefly, reports one more. */
const POSTGRES_POOL_SIZE = 5;
/** A PostgreSQL connection attempt that takes longer fails, so a dead database cannot hang a turn. */
const POSTGRES_CONNECT_TIMEOUT_MS = 3_000;

export type DatabaseKind = "sqlite" | "postgres";

/** An open, migrated database with Memnun's schema. */
export interface Database {
  readonly db: Kysely<Schema>;
  readonly kind: DatabaseKind;
  /**
   * For SQLite, the same connection without Kysely, for the hot batch writes: prepared
   * statements run synchronously in one transaction (Kysely's per-query work costs several
   * times an insert). Null for PostgreSQL.
   */
  readonly sqlite: StatementCache | null;
  /** Where it lives, without credentials (for logs and `/healthz`). */
  readonly location: string;
  /** True once `close` was called: stores over it then reject with `StoreClosedError`. */
  readonly closed: boolean;
  /** Closes every connection (and the SQLite checkpointer); calling it again does nothing. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** SQLite file name, or `:memory:` (tests). */
  sqliteFile?: string;
  /** Told when an idle PostgreSQL connection breaks (for logging). */
  onConnectionError?: (error: Error) => void;
  /** How often the SQLite checkpointer runs (default `CHECKPOINT_INTERVAL_MS`); tests choose it. */
  checkpointIntervalMs?: number;
}

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/**
 * better-sqlite3 as Kysely's SQLite database, with prepared statements kept by SQL text (least
 * recently used dropped first). Kysely prepares every query anew, and preparing a statement costs
 * more than running it; the queries of a turn repeat the same few SQL texts. Kysely's SQLite
 * driver runs one query at a time, so a cached statement is never in use twice at once.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements: LruMap<string, SqliteStatement>;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    size = SQLITE_STATEMENT_CACHE_SIZE,
  ) {
    this.statements = new LruMap(size);
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    const statement = this.sqlite.prepare(sql);
    this.statements.set(sql, statement);
    return statement;
  }

  /**
   * Runs `work` in one transaction, synchronously: no Kysely query can run in between. Callers
   * must not use it while a Kysely transaction is open on this connection (Memnun opens none
   * on SQLite).
   */
  transaction(work: () => void): void {
    this.sqlite.transaction(work)();
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}

/** Throws `StoreClosedError` when `store` or its database is closed: call before every use. */
export function assertOpen(store: string, closed: boolean, database: Database): void {
  if (closed || database.closed) throw new StoreClosedError(store);
}

/**
 * Looks only at the connection's own schema. Kysely's PostgreSQL introspector (which its
 * migrator uses to find its tables) reads every schema's catalog: another Memnun schema on the
 * same server (tests, staging) made the migrator take that schema's migration tables for its own
 * and skip creating them, and a schema another tenant drops at that moment failed the whole
 * query ("schema … does not exist") and with it Memnun's start.
 */
export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<Schema>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db);
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'v', 'p')`.execute(this.db);
    // the migrator needs names only; columns would need the per-name lookups this class avoids
    return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.kind === "v", columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** PostgreSQL with `CurrentSchemaIntrospector`: every Kysely on a Memnun schema, migrations' included, is built on it. */
export class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<Schema>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

/** Hides the password of a connection URL. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}

/**
 * Brings the schema to the latest migration (under Kysely's lock). Run on open, and again when
 * a database comes back empty (recreated, restored from nothing) while the bot runs.
 */
export async function migrate(db: Kysely<Schema>): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error("migration failed", { cause: error });
}

/** Whether a query failed because Memnun's tables are missing (an empty database), not because the database is away. */
export function isMissingTable(error: unknown): boolean {
  // duck-typed: a native driver's error class may come from another realm
  if (typeof error !== "object" || error === null) return false;
  if ("code" in error && error.code === "42P01") return true;
  return "message" in error && typeof error.message === "string" && /no such table/i.test(error.message);
}

/** Opens (creating if needed) and migrates the database chosen by the configuration. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let db: Kysely<Schema>;
  let kind: DatabaseKind;
  let location: string;
  let statements: StatementCache | null = null;
  let checkpointer: Checkpointer | null = null;
  if (options.databaseUrl) {
    kind = "postgres";
    location = redactUrl(options.databaseUrl);
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: POSTGRES_POOL_SIZE,
      connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    });
    // an idle connection dropped by the server or the network must not crash the process;
    // the pool replaces it and the next query reports the failure to its caller
    pool.on("error", (error) => options.onConnectionError?.(error));
    pool.on("connect", (client) => client.on("error", (error) => options.onConnectionError?.(error)));
    db = new Kysely<Schema>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  } else {
    kind = "sqlite";
    const file = options.sqliteFile ?? SQLITE_FILE;
    location = file === ":memory:" ? ":memory:" : resolve(join(options.dataDir, file));
    let sqlite: BetterSqlite3.Database | undefined;
    try {
      if (location !== ":memory:") mkdirSync(options.dataDir, { recursive: true });
      sqlite = new BetterSqlite3(location);
      // the first statements are where a file that is no database (or a corrupt one) fails
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("synchronous = NORMAL");
      sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    } catch (error) {
      sqlite?.close();
      throw new DatabaseOpenError(kind, location, error);
    }
    if (location !== ":memory:") {
      // WAL checkpoints (a copy and an fsync) happen in a worker, not in the commit of a turn
      checkpointer = new Checkpointer(location, SQLITE_BUSY_TIMEOUT_MS, {
        onStart: () => sqlite.pragma("wal_autocheckpoint = 0"),
        onFailure: (reason, cause) => {
          options.onConnectionError?.(new Error(reason, { cause }));
          if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
        },
      }, options.checkpointIntervalMs);
    }
    statements = new StatementCache(sqlite);
    db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: statements }) });
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    await checkpointer?.close().catch(() => undefined);
    throw new DatabaseOpenError(kind, location, error);
  }
  const background = checkpointer;
  let closing: Promise<void> | null = null;
  return {
    db,
    kind,
    location,
    sqlite: statements,
    get closed() {
      return closing !== null;
    },
    close: () => {
      closing ??= (async () => {
        await db.destroy();
        await background?.close();
      })();
      return closing;
    },
  };
}
