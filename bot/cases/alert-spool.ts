import { closeSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { z } from "zod";
import type { Logger } from "../logger";
import { readSpoolLines, SpoolFile } from "../storage/spool-file";
import type { Alert } from "./alerts";

/** Tuning of the alert spool; each says which way it moves things. */
export interface AlertSpoolTuning {
  /**
   * Fewest "done" marks before the spool is compacted while alerts still wait; it is compacted
   * only once the marks also outnumber the alerts waiting, so each delivery costs O(1) on average.
   * Lower = smaller files after a long outage, more rewrites while a backlog drains.
   */
  readonly COMPACT_MIN_MARKS: number;
}

export const ALERT_SPOOL_TUNING: AlertSpoolTuning = Object.freeze({ COMPACT_MIN_MARKS: 256 });

const AlertSchema: z.ZodType<Alert> = z.object({
  kind: z.enum(["case-created", "nps-detractor", "case-overdue"]),
  id: z.string(),
  at: z.string(),
  reference: z.string().optional(),
  status: z.string().optional(),
  source: z.string().optional(),
  channel: z.string().optional(),
  text: z.string().optional(),
  entryId: z.string().optional(),
  rating: z.number().optional(),
  score: z.number().optional(),
  dueAt: z.string().optional(),
});

/** The journal of alerts that need no delivery any more, next to the spool. */
export const doneFile = (spoolFile: string): string => `${spoolFile}.done`;

/**
 * The alerts a spool holds that still wait for delivery, in the order they were raised: what the
 * next start replays. Nothing else is needed to read a spool left by a crash at any moment.
 */
export function readSpool(spoolFile: string): Alert[] {
  const done = new Set(readSpoolLines(doneFile(spoolFile)).flatMap(({ value }) => (typeof value === "string" ? [value] : [])));
  const alerts: Alert[] = [];
  for (const { value } of readSpoolLines(spoolFile)) {
    const parsed = AlertSchema.safeParse(value);
    if (parsed.success && !done.has(parsed.data.id)) alerts.push(parsed.data);
  }
  return alerts;
}

/**
 * Alerts waiting for delivery, kept on disk so that no acknowledged alert is lost by a crash,
 * `kill -9` or a power loss. Two append-only files: the spool (`alert-spool.jsonl`, a `SpoolFile`
 * as the feedback's is), one alert a line, flushed before `raise` returns; and the journal
 * (`….done`), one alert id a line, appended once the alert needs no delivery any more (delivered,
 * refused or dropped). The journal is the alerts' own: a feedback event replayed after a crash is
 * stored once (its writes are keyed), so the feedback spool is only rewritten once drained, but an
 * alert replayed is posted again and read twice by people, so each delivery is noted at once, and
 * rewriting the waiting alerts on every delivery would cost O(n) each. Neither file is ever cut
 * short in place while it holds what waits: every so often (`AlertSpoolTuning`) the alerts still
 * waiting replace the spool (`SpoolFile.replace`), and only then is the journal emptied. A crash at
 * any point leaves every waiting alert in the spool and not in the journal; the worst it costs is
 * an alert delivered again (marks are not flushed; alerts carry ids, so a receiver can drop them).
 */
export class AlertSpool {
  private readonly spool: SpoolFile;
  private journal: number | undefined;
  private marks = 0;
  private readonly tuning: AlertSpoolTuning;

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
    tuning: Partial<AlertSpoolTuning> = {},
  ) {
    this.tuning = { ...ALERT_SPOOL_TUNING, ...tuning };
    this.spool = new SpoolFile(file);
  }

  /** The alerts a previous run left waiting (`readSpool`). */
  load(): Alert[] {
    return readSpool(this.file);
  }

  /** Starts appending, after compacting the files to exactly `waiting` (so no torn line is appended to). */
  open(waiting: readonly Alert[]): void {
    this.spool.open();
    this.compact(waiting);
    // kept as it was when the compaction failed: its marks still name alerts in the spool
    this.journal ??= openSync(doneFile(this.file), "a");
  }

  /** Appends an alert and flushes it; throws when it is not on disk. */
  append(alert: Alert): void {
    this.spool.append([alert]);
  }

  /** Records that an alert needs no delivery any more; compacts the files now and then (`waiting`: the alerts still waiting). */
  done(id: string, waiting: readonly Alert[]): void {
    if (this.journal === undefined) return;
    try {
      writeSync(this.journal, `${JSON.stringify(id)}\n`);
      this.marks += 1;
    } catch (error) {
      this.logger.warn({ err: error }, "[alerts] delivery not noted in the spool: the alert may be sent again after a restart");
    }
    if (waiting.length === 0 || (this.marks >= this.tuning.COMPACT_MIN_MARKS && this.marks >= waiting.length)) this.compact(waiting);
  }

  close(): void {
    this.spool.close();
    if (this.journal !== undefined) closeSync(this.journal);
    this.journal = undefined;
  }

  /**
   * Replaces the spool with `waiting`, then empties the journal. Until the replacement, the old
   * spool and journal say the same; after it, the journal's ids name alerts no longer in the spool.
   */
  private compact(waiting: readonly Alert[]): void {
    try {
      this.spool.replace(waiting);
    } catch (error) {
      // tried again after as many marks again, not on every one (a full disk would make each delivery rewrite the queue)
      this.marks = 0;
      if (this.spool.isOpen) this.logger.error({ err: error }, "[alerts] spool not compacted: it keeps growing until a compaction succeeds");
      else this.logger.error({ err: error }, "[alerts] spool not reopened after compaction: new alerts are kept in memory only");
      return;
    }
    try {
      // appending (O_APPEND), so the marks after the emptying start at its beginning
      this.journal ??= openSync(doneFile(this.file), "a");
      ftruncateSync(this.journal, 0);
      this.marks = 0;
    } catch (error) {
      this.logger.error({ err: error }, "[alerts] journal not emptied after compaction: it keeps the ids of alerts delivered before");
    }
  }
}
