import { Worker } from "node:worker_threads";

/** How often the WAL is copied into the database file. Lower = a smaller WAL, more frequent (background) fsyncs. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/** What the checkpointer gets at start. */
interface CheckpointerSetup {
  readonly driver: string;
  readonly file: string;
  readonly busyTimeoutMs: number;
  readonly intervalMs: number;
}

/**
 * The worker's code: its own connection to the database file and a passive checkpoint every
 * interval (and one last one on close). Plain JavaScript run with `eval`, so it starts the same
 * under tsx, jest and the compiled build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = " + Number(workerData.busyTimeoutMs));
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage(error instanceof Error ? error.message : String(error));
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "close") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * Copies a SQLite database's write-ahead log into the database file from a worker thread, so the
 * copy and its fsync never stall the event loop. The connection that writes turns its own
 * automatic checkpoints off while this runs (`onStart`), and back on if the worker fails
 * (`onFailure`), so the log cannot grow without bound.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private closing: Promise<void> | null = null;

  constructor(
    file: string,
    busyTimeoutMs: number,
    hooks: { onStart: () => void; onFailure: (reason: string, cause?: Error) => void },
    intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {
    const workerData: CheckpointerSetup = { driver: require.resolve("better-sqlite3"), file, busyTimeoutMs, intervalMs };
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    // while open, the worker alone must not keep a process alive (a CLI that opens the database
    // must be able to exit); close() holds the process again until the last checkpoint is done
    this.worker.unref();
    this.exited = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
    hooks.onStart();
    this.worker.on("message", (message: unknown) => hooks.onFailure(`[storage] checkpoint failed: ${String(message)}`));
    this.worker.on("error", (error) => hooks.onFailure(`[storage] checkpointer failed: ${error.message}`, error));
    this.worker.on("exit", (code) => {
      if (this.closing === null) hooks.onFailure(`[storage] checkpointer stopped (exit code ${code})`);
    });
  }

  /**
   * Runs a last checkpoint and stops the worker; safe to call again. The worker is referenced
   * again first: once its port is closed nothing else may be pending in the process, and an
   * unreferenced worker would let the process end before the close (and its caller) completes.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.worker.ref();
      this.worker.postMessage("close");
      await this.exited;
    })();
    return this.closing;
  }
}
