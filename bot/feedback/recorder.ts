import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { cleanText } from "../clean-text";
import type { Logger } from "../logger";
import { DISK_FILES, readSpoolLines, SpoolFile, type SpoolFiles } from "../storage/spool-file";
import { FeedbackEventSchema, type FeedbackEvent } from "./events";
import { FeedbackRejectedError, type FeedbackStore } from "./store";

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
   * A file that holds every event waiting for the database (a `SpoolFile`: JSON lines, flushed
   * before the user is thanked), so a crash or a restart loses nothing; replayed by `recover()`.
   * It is rewritten only once drained (or after a dead letter): a crash mid-drain replays events
   * already stored, which their keyed writes store once.
   */
  spoolFile?: string;
  /**
   * A file that keeps every event the database refused for its content (JSON lines with the
   * reason), so one bad event never blocks the others and an operator can still look at it.
   * Without it such events are only logged and counted.
   */
  deadLetterFile?: string;
  /** How the spool's appends are written (tests inject a full disk). */
  files?: SpoolFiles;
}

export type { SpoolFiles };

/**
 * What the recorder did with events: `stored` (committed), `queued` (the database failed: kept
 * in the spool and retried), `buffered` (logs only: written with the next batch, soon),
 * `unsaved` (the database failed and the spool could not be written either, a full disk: kept
 * in memory only, so not durable), `rejected` (the database refused the event for its content:
 * moved to the dead letters, never stored). Only `stored` and `queued` are durable.
 */
export type RecordOutcome = "stored" | "queued" | "buffered" | "unsaved" | "rejected";

/** Outcomes from best to worst: the outcome of several events is the worst of theirs. */
const OUTCOME_ORDER: readonly RecordOutcome[] = ["buffered", "stored", "queued", "unsaved", "rejected"];
const worst = (outcomes: readonly RecordOutcome[]): RecordOutcome =>
  outcomes.reduce<RecordOutcome>((a, b) => (OUTCOME_ORDER.indexOf(b) > OUTCOME_ORDER.indexOf(a) ? b : a), "stored");

/** The outcome of each event of a committed batch. */
type Verdict = (events: readonly FeedbackEvent[]) => RecordOutcome;

/** An event as it may be stored: free text cleaned of what the databases refuse (a NUL byte…). */
function cleanEvent(event: FeedbackEvent): FeedbackEvent {
  switch (event.kind) {
    case "question":
      return { ...event, query: cleanText(event.query) };
    case "comment":
      return { ...event, text: cleanText(event.text) };
    default:
      return event;
  }
}

/** Question and answer logs: nobody is told they were stored, so they need not be written at once. */
const isLog = (event: FeedbackEvent): boolean => event.kind === "question" || event.kind === "answer";

/** Events written together in one transaction. */
class Batch {
  readonly events: FeedbackEvent[] = [];
  readonly done: Promise<Verdict>;
  private resolve: (verdict: Verdict) => void = () => undefined;
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(private readonly commit: (batch: Batch) => Promise<Verdict>) {
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
    this.commit(this).then(this.resolve, () => this.resolve(() => "unsaved"));
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
  private readonly committing = new Set<Promise<Verdict>>();
  private readonly tuning: RecorderTuning;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private delay: number;
  private lastError: string | null = null;
  private closed = false;
  private spool: SpoolFile | undefined;
  /** Why the last spool write failed (a full disk), until one succeeds again. */
  private spoolError: string | null = null;
  private deadLetterCount = 0;
  private readonly files: SpoolFiles;

  constructor(private readonly options: RecorderOptions) {
    this.tuning = { ...RECORDER_TUNING, ...options.tuning };
    this.delay = this.tuning.RETRY_BASE_MS;
    this.files = options.files ?? DISK_FILES;
  }

  /**
   * Queues the events a previous run left in the spool file (a database outage, a crash) and
   * starts writing them. Writes are idempotent, so events that did land are not doubled.
   */
  recover(): number {
    const deadLetters = this.options.deadLetterFile;
    if (deadLetters && existsSync(deadLetters)) {
      this.deadLetterCount = readFileSync(deadLetters, "utf8").split("\n").filter((line) => line.trim() !== "").length;
    }
    const file = this.options.spoolFile;
    if (!file) return 0;
    const events: FeedbackEvent[] = [];
    // a spool that is no regular file (a device, a pipe) is written to but never read back
    for (const line of readSpoolLines(file)) {
      const parsed = FeedbackEventSchema.safeParse(line.value);
      if (parsed.success) events.push(cleanEvent(parsed.data));
      else this.deadLetter(line.text, "not a valid feedback event");
    }
    const spool = new SpoolFile(file, this.files);
    spool.open();
    this.spool = spool;
    if (events.length > 0) {
      this.queue.unshift(...events);
      this.options.logger.info({ events: events.length }, "[feedback] replaying feedback spooled by an earlier run");
      this.schedule();
    }
    // rewrites the spool with the replayed events, or probes it with a blank line: a full disk
    // shows in /healthz from the start, not at the first rating
    this.rewriteSpool();
    return events.length;
  }

  /**
   * Stores events with the others of their batch if the database answers in time, otherwise
   * queues them; resolves once they are stored or queued, or at once for logs alone
   * (`buffered`). Never throws.
   */
  async record(...raw: FeedbackEvent[]): Promise<RecordOutcome> {
    const events = raw.map(cleanEvent);
    if (this.queue.length > 0 || this.closed) return this.enqueueAll(events);
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
    return (await batch.done)(events);
  }

  /** Remembers a commit in progress until it settles, so `flush` can wait for it. */
  private track(commit: Promise<Verdict>): Promise<Verdict> {
    this.committing.add(commit);
    void commit.finally(() => this.committing.delete(commit));
    return commit;
  }

  private async commit(batch: Batch): Promise<Verdict> {
    if (this.batch === batch) this.batch = undefined;
    const { events } = batch;
    // events queued meanwhile go first: keep the order
    if (this.queue.length === 0 && !this.closed) {
      try {
        await this.withTimeout(this.options.store.write(...events));
        return () => "stored";
      } catch (error) {
        if (error instanceof FeedbackRejectedError) return this.isolate(events);
        this.fail(error);
      }
    }
    const outcome = this.enqueueAll(events);
    return () => outcome;
  }

  /**
   * Writes the events of a batch the database refused one at a time: each event it refuses goes
   * to the dead letters, the others are stored (or queued, in order, if the database fails meanwhile).
   */
  private async isolate(events: readonly FeedbackEvent[]): Promise<Verdict> {
    const outcomes = new Map<FeedbackEvent, RecordOutcome>();
    for (const [index, event] of events.entries()) {
      if (this.queue.length > 0 || this.closed) {
        const rest = events.slice(index);
        const outcome = this.enqueueAll(rest);
        for (const queued of rest) outcomes.set(queued, outcome);
        break;
      }
      try {
        await this.withTimeout(this.options.store.write(event));
        outcomes.set(event, "stored");
      } catch (error) {
        if (error instanceof FeedbackRejectedError) {
          this.deadLetter(event, error.message);
          outcomes.set(event, "rejected");
        } else {
          this.fail(error);
          const rest = events.slice(index);
          const outcome = this.enqueueAll(rest);
          for (const queued of rest) outcomes.set(queued, outcome);
          break;
        }
      }
    }
    return (mine) => worst(mine.map((event) => outcomes.get(event) ?? "stored"));
  }

  /** Events the database refused for their content, since the dead-letter file was started. */
  get deadLetters(): number {
    return this.deadLetterCount;
  }

  /**
   * Keeps an event the database refused (or a spooled line that is no event) in the dead
   * letters, so it never blocks the others. Logs the reason, never the user's text.
   */
  private deadLetter(event: FeedbackEvent | string, reason: string): void {
    this.deadLetterCount += 1;
    const kind = typeof event === "string" ? "unreadable" : event.kind;
    const what = typeof event === "string" ? "[feedback] a spooled line is no valid event" : "[feedback] the database refused an event for its content";
    const file = this.options.deadLetterFile;
    if (!file) {
      this.options.logger.error({ kind, reason }, `${what}: dropped (no dead-letter file)`);
      return;
    }
    try {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), reason, event })}\n`);
      this.options.logger.error({ kind, reason, file }, `${what}: kept in the dead letters`);
    } catch (error) {
      this.options.logger.error({ kind, reason, err: error instanceof Error ? error.message : String(error) }, `${what}, and the dead-letter file cannot be written`);
    }
  }

  /** Events waiting for the database. */
  get pending(): number {
    return this.queue.length;
  }

  /** Why the last write failed, while events are pending, or why the spool cannot be written (for `/healthz`). */
  get error(): string | null {
    return this.spoolError ?? (this.queue.length > 0 ? this.lastError : null);
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
    this.spool?.close();
    this.spool = undefined;
    return this.queue.length;
  }

  /**
   * Queues events for a retry; `queued` once they are in the spool, `unsaved` when the spool
   * cannot be written (they are still retried from memory while the process lives).
   */
  private enqueueAll(events: readonly FeedbackEvent[]): RecordOutcome {
    let outcome: RecordOutcome = "queued";
    for (const event of events) if (!this.enqueue(event)) outcome = "unsaved";
    return outcome;
  }

  /** Queues one event; false if it could not be made durable in the spool. Never throws. */
  private enqueue(event: FeedbackEvent): boolean {
    const durable = this.appendToSpool(event);
    this.queue.push(event);
    if (this.queue.length > this.tuning.MAX_PENDING) {
      const oldestQuestion = this.queue.findIndex((e) => e.kind === "question");
      this.queue.splice(oldestQuestion >= 0 ? oldestQuestion : 0, 1);
      this.options.logger.warn("[feedback] pending queue full: dropped the oldest event");
    }
    this.schedule();
    return durable;
  }

  /** Appends an event to the spool; false if it cannot (a full disk: `SpoolFile` takes a line cut short back). */
  private appendToSpool(event: FeedbackEvent): boolean {
    return this.spoolWrite((spool) => spool.append([event]));
  }

  /** Rewrites the spool with exactly the queued events (after a replay, a drain or a dead letter), whole or not at all. */
  private rewriteSpool(): void {
    this.spoolWrite((spool) => {
      spool.replace(this.queue);
      // with nothing queued, a blank line (skipped on replay) checks the spool can still be written
      if (this.queue.length === 0) spool.probe();
    });
  }

  /** Runs a write to the spool; false, remembered for `/healthz` and logged once, when it fails. */
  private spoolWrite(write: (spool: SpoolFile) => void): boolean {
    const spool = this.spool;
    if (spool === undefined) return true;
    try {
      write(spool);
      if (this.spoolError !== null) this.options.logger.info("[feedback] the spool file can be written again");
      this.spoolError = null;
      return true;
    } catch (error) {
      this.spoolFailed(error);
      return false;
    }
  }

  /** Remembers (for `/healthz`) and logs once that the spool cannot be written. */
  private spoolFailed(error: unknown): void {
    const message = `[feedback] cannot write the spool file: ${error instanceof Error ? error.message : String(error)}`;
    if (this.spoolError === null) this.options.logger.error({ err: error }, message);
    this.spoolError = message;
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
        if (error instanceof FeedbackRejectedError && (await this.isolateQueued(chunk.length))) continue;
        if (!(error instanceof FeedbackRejectedError)) this.fail(error);
        this.delay = Math.min(this.delay * 2, this.tuning.RETRY_MAX_MS);
        return;
      }
      this.queue.splice(0, chunk.length);
    }
    this.rewriteSpool();
    if (this.lastError !== null) this.options.logger.info("[feedback] database reachable again: pending feedback written");
    this.lastError = null;
    this.delay = this.tuning.RETRY_BASE_MS;
  }

  /**
   * Writes the first `count` queued events one at a time, moving each one the database refuses
   * to the dead letters; false if the database failed meanwhile (the rest stays queued).
   */
  private async isolateQueued(count: number): Promise<boolean> {
    let refused = false;
    try {
      for (let i = 0; i < count; i += 1) {
        const event = this.queue[0];
        if (event === undefined) break;
        try {
          await this.withTimeout(this.options.store.write(event));
        } catch (error) {
          if (!(error instanceof FeedbackRejectedError)) {
            this.fail(error);
            return false;
          }
          this.deadLetter(event, error.message);
          refused = true;
        }
        // by identity: a full queue may have dropped its oldest question meanwhile
        const at = this.queue.indexOf(event);
        if (at >= 0) this.queue.splice(at, 1);
      }
      return true;
    } finally {
      // a refused event must not come back from the spool after a restart
      if (refused) this.rewriteSpool();
    }
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
