import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../logger";
import { FeedbackEventSchema, type FeedbackEvent } from "./events";
import type { FeedbackStore } from "./store";

/** Tuning of the recorder; each says which way it moves things. */
export interface RecorderTuning {
  readonly WRITE_TIMEOUT_MS: number;
  readonly RETRY_BASE_MS: number;
  readonly RETRY_MAX_MS: number;
  readonly MAX_PENDING: number;
  readonly MAX_BATCH: number;
  readonly LOG_DELAY_MS: number;
}

export const RECORDER_TUNING: RecorderTuning = Object.freeze({
  /** A write slower than this is treated as failed and retried in the background. Lower = turns wait less on a slow database. */
  WRITE_TIMEOUT_MS: 2_000,
  /** First retry delay; doubles after each failure. Lower = quicker recovery, more load on a sick database. */
  RETRY_BASE_MS: 250,
  /** Longest delay between retries. */
  RETRY_MAX_MS: 30_000,
  /** Most events kept in memory while the database is away; the oldest questions are dropped first beyond it. */
  MAX_PENDING: 100_000,
  /** Most events written in one transaction (a group commit, or a chunk of the retry queue). Higher = fewer transactions, longer ones. */
  MAX_BATCH: 500,
  /**
   * Longest a question or answer log waits in memory to be written with others. Higher = fewer,
   * larger transactions, and more logs lost if the process is killed meanwhile.
   */
  LOG_DELAY_MS: 50,
});

export interface RecorderOptions {
  store: FeedbackStore;
  logger: Logger;
  /** Overrides for tests (short delays). */
  tuning?: Partial<RecorderTuning>;
  /**
   * A file that holds every event waiting for the database (JSON lines, fsynced before the
   * user is thanked), so a crash or a restart loses nothing; replayed by `recover()`.
   */
  spoolFile?: string;
}

/**
 * What the recorder did with events: `stored` (committed), `queued` (the database failed: kept
 * in the spool and retried), `buffered` (logs only: written with the next batch, soon).
 */
export type RecordOutcome = "stored" | "queued" | "buffered";

/** Question and answer logs: nobody is told they were stored, so they need not be written at once. */
const isLog = (event: FeedbackEvent): boolean => event.kind === "question" || event.kind === "answer";

/** Events written together in one transaction. */
class Batch {
  readonly events: FeedbackEvent[] = [];
  readonly done: Promise<RecordOutcome>;
  private resolve: (outcome: RecordOutcome) => void = () => undefined;
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(private readonly commit: (batch: Batch) => Promise<RecordOutcome>) {
    this.done = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Commits right after this turn of the event loop. */
  soon(): void {
    if (this.started || this.immediate) return;
    if (this.timer) clearTimeout(this.timer);
    this.immediate = setImmediate(() => this.start());
  }

  /** Commits within `delayMs`, unless `soon` comes first. */
  later(delayMs: number): void {
    if (this.started || this.immediate || this.timer) return;
    this.timer = setTimeout(() => this.start(), delayMs);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    if (this.timer) clearTimeout(this.timer);
    this.commit(this).then(this.resolve, () => this.resolve("queued"));
  }
}

/**
 * Writes feedback without ever blocking an answer on the database: a write that fails or is
 * slow is queued and retried with backoff, in order, until it succeeds. Writes are
 * idempotent, so a retry after a write that did land stores nothing twice.
 *
 * Events are written in batches, one transaction each:
 * - a rating, comment or survey answer is committed right after the current turn of the event
 *   loop, with every other event recorded meanwhile (group commit), and `record` resolves once
 *   it is committed or spooled: the bot thanks the user only then;
 * - question and answer logs are not waited for: they join the open batch, which is written
 *   within `LOG_DELAY_MS` (or with the next rating, whichever comes first). Under load that is
 *   one transaction for many turns, and no turn waits for the database.
 */
export class FeedbackRecorder {
  private readonly queue: FeedbackEvent[] = [];
  private batch: Batch | undefined;
  private readonly committing = new Set<Promise<RecordOutcome>>();
  private readonly tuning: RecorderTuning;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private delay: number;
  private lastError: string | null = null;
  private closed = false;
  private spool: number | undefined;

  constructor(private readonly options: RecorderOptions) {
    this.tuning = { ...RECORDER_TUNING, ...options.tuning };
    this.delay = this.tuning.RETRY_BASE_MS;
  }

  /**
   * Queues the events a previous run left in the spool file (a database outage, a crash) and
   * starts writing them. Writes are idempotent, so events that did land are not doubled.
   */
  recover(): number {
    const file = this.options.spoolFile;
    if (!file) return 0;
    mkdirSync(dirname(file), { recursive: true });
    const events: FeedbackEvent[] = [];
    if (existsSync(file)) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (line.trim() === "") continue;
        try {
          const parsed = FeedbackEventSchema.safeParse(JSON.parse(line));
          if (parsed.success) events.push(parsed.data);
        } catch {
          // a line cut short by a crash while it was being written: it was never acknowledged
        }
      }
    }
    this.spool = openSync(file, "a");
    if (events.length > 0) {
      this.queue.unshift(...events);
      this.options.logger.info({ events: events.length }, "[feedback] replaying feedback spooled by an earlier run");
      this.rewriteSpool();
      this.schedule();
    }
    return events.length;
  }

  /**
   * Stores events with the others of their batch if the database answers in time, otherwise
   * queues them; resolves once they are stored or queued, or at once for logs alone
   * (`buffered`). Never throws.
   */
  async record(...events: FeedbackEvent[]): Promise<RecordOutcome> {
    if (this.queue.length > 0 || this.closed) {
      for (const event of events) this.enqueue(event);
      return "queued";
    }
    let batch = this.batch;
    if (!batch || batch.events.length >= this.tuning.MAX_BATCH) {
      batch = new Batch((full) => this.track(this.commit(full)));
      this.batch = batch;
    }
    batch.events.push(...events);
    if (events.every(isLog)) {
      batch.later(this.tuning.LOG_DELAY_MS);
      return "buffered";
    }
    batch.soon();
    return batch.done;
  }

  /** Remembers a commit in progress until it settles, so `flush` can wait for it. */
  private track(commit: Promise<RecordOutcome>): Promise<RecordOutcome> {
    this.committing.add(commit);
    void commit.finally(() => this.committing.delete(commit));
    return commit;
  }

  private async commit(batch: Batch): Promise<RecordOutcome> {
    if (this.batch === batch) this.batch = undefined;
    const { events } = batch;
    // events queued meanwhile go first: keep the order
    if (this.queue.length === 0 && !this.closed) {
      try {
        await this.withTimeout(this.options.store.write(...events));
        return "stored";
      } catch (error) {
        this.fail(error);
      }
    }
    for (const event of events) this.enqueue(event);
    return "queued";
  }

  /** Events waiting for the database. */
  get pending(): number {
    return this.queue.length;
  }

  /** Why the last write failed, while events are pending (for `/healthz`). */
  get error(): string | null {
    return this.queue.length > 0 ? this.lastError : null;
  }

  /** Tries to write everything pending now; resolves when the queue is empty or a write failed. */
  async flush(): Promise<void> {
    const batch = this.batch;
    batch?.soon();
    await Promise.all([batch?.done, ...this.committing]);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
    await this.draining;
    if (this.queue.length > 0 && !this.closed) this.schedule();
  }

  /** Stops retrying after one last flush; returns the number of events that could not be written. */
  async close(): Promise<number> {
    await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.queue.length > 0) {
      if (this.spool !== undefined) {
        this.options.logger.warn({ pending: this.queue.length }, "[feedback] database unreachable at shutdown: pending feedback kept in the spool for the next start");
      } else {
        this.options.logger.error({ pending: this.queue.length }, "[feedback] database unreachable at shutdown: pending feedback not written");
      }
    }
    if (this.spool !== undefined) closeSync(this.spool);
    this.spool = undefined;
    return this.queue.length;
  }

  private enqueue(event: FeedbackEvent): void {
    if (this.spool !== undefined) {
      writeSync(this.spool, `${JSON.stringify(event)}\n`);
      fsyncSync(this.spool);
    }
    this.queue.push(event);
    if (this.queue.length > this.tuning.MAX_PENDING) {
      const oldestQuestion = this.queue.findIndex((e) => e.kind === "question");
      this.queue.splice(oldestQuestion >= 0 ? oldestQuestion : 0, 1);
      this.options.logger.warn("[feedback] pending queue full: dropped the oldest event");
    }
    this.schedule();
  }

  /** Rewrites the spool with exactly the queued events (after a replay). */
  private rewriteSpool(): void {
    if (this.spool === undefined) return;
    ftruncateSync(this.spool, 0);
    if (this.queue.length > 0) writeSync(this.spool, this.queue.map((event) => `${JSON.stringify(event)}\n`).join(""));
    fsyncSync(this.spool);
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delay);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const chunk = this.queue.slice(0, this.tuning.MAX_BATCH);
      try {
        await this.withTimeout(this.options.store.write(...chunk));
      } catch (error) {
        this.fail(error);
        this.delay = Math.min(this.delay * 2, this.tuning.RETRY_MAX_MS);
        return;
      }
      this.queue.splice(0, chunk.length);
    }
    if (this.spool !== undefined) ftruncateSync(this.spool, 0);
    if (this.lastError !== null) this.options.logger.info("[feedback] database reachable again: pending feedback written");
    this.lastError = null;
    this.delay = this.tuning.RETRY_BASE_MS;
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.lastError === null) this.options.logger.warn({ err: error }, "[feedback] write failed; will retry");
    this.lastError = message;
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`[feedback] write took longer than ${this.tuning.WRITE_TIMEOUT_MS} ms`)), this.tuning.WRITE_TIMEOUT_MS);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
