import { Worker } from "node:worker_threads";
import type { StatementCache } from "./database";

/** One prepared statement and the parameters of each row it inserts. */
export interface BatchStatement {
  readonly sql: string;
  readonly rows: ReadonlyArray<readonly unknown[]>;
}

/**
 * Runs batches of SQLite statements, each batch in one transaction. better-sqlite3 is
 * synchronous: whoever runs a commit (and the WAL checkpoints and fsyncs that come with some
 * commits) blocks its thread meanwhile.
 */
export interface SqliteBatches {
  /** Runs every row of every statement in one transaction; resolves once it is committed. */
  run(batch: readonly BatchStatement[]): Promise<void>;
  close(): Promise<void>;
}

/** Runs batches on the caller's thread, on the connection Kysely uses (an in-memory database has no other). */
export class InThreadBatches implements SqliteBatches {
  constructor(private readonly statements: StatementCache) {}

  async run(batch: readonly BatchStatement[]): Promise<void> {
    const prepared = batch.map(({ sql, rows }) => ({ statement: this.statements.prepare(sql), rows }));
    this.statements.transaction(() => {
      for (const { statement, rows } of prepared) for (const row of rows) statement.run(row);
    });
  }

  async close(): Promise<void> {
    // the connection belongs to Kysely, which closes it
  }
}

/** What the worker gets at start. */
interface WorkerSetup {
  readonly driver: string;
  readonly file: string;
  readonly busyTimeoutMs: number;
  readonly statementCacheSize: number;
}

/**
 * The worker's code: its own better-sqlite3 connection to the database file, prepared statements
 * kept by SQL text, one transaction per batch, an answer per batch. Plain JavaScript run with
 * `eval`, so it starts the same under tsx, jest and the compiled build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = " + Number(workerData.busyTimeoutMs));
const statements = new Map();
const prepare = (sql) => {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
    if (statements.size > workerData.statementCacheSize) statements.delete(statements.keys().next().value);
  }
  return statement;
};
const runBatch = db.transaction((batch) => {
  for (const { sql, rows } of batch) {
    const statement = prepare(sql);
    for (const row of rows) statement.run(row);
  }
});
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  const { id, batch } = message;
  try {
    runBatch(batch);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/** A worker's answer to one batch. */
interface BatchDone {
  readonly id: number;
  readonly error?: string;
}

const isBatchDone = (value: unknown): value is BatchDone =>
  typeof value === "object" &&
  value !== null &&
  "id" in value &&
  typeof value.id === "number" &&
  (!("error" in value) || typeof value.error === "string");

/**
 * Runs batches in a worker thread with its own connection to the database file, so commits,
 * checkpoints and their fsyncs never stall the event loop (answering, and every other turn).
 * The worker starts with the first batch; if it dies, the batches waiting on it fail (the
 * feedback recorder retries them) and the next batch starts a new one.
 */
export class WorkerBatches implements SqliteBatches {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(private readonly setup: Omit<WorkerSetup, "driver">) {}

  run(batch: readonly BatchStatement[]): Promise<void> {
    const worker = this.worker ?? this.start();
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, batch });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    // messages are handled in order: every batch sent before "close" is answered first
    worker.postMessage("close");
    await exited;
  }

  private start(): Worker {
    const workerData: WorkerSetup = { ...this.setup, driver: require.resolve("better-sqlite3") };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.on("message", (message: unknown) => {
      if (!isBatchDone(message)) return;
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error === undefined) waiter.resolve();
      else waiter.reject(new Error(`[storage] ${message.error}`));
    });
    const failAll = (reason: string): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiter] of this.waiting) {
        this.waiting.delete(id);
        waiter.reject(new Error(`[storage] SQLite writer ${reason}`));
      }
    };
    worker.on("error", (error) => failAll(`failed: ${error.message}`));
    worker.on("exit", (code) => failAll(`stopped (exit code ${code})`));
    this.worker = worker;
    return worker;
  }
}
