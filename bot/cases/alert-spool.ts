import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { writeFileAtomicSync } from "../atomic-file";
import type { Logger } from "../logger";
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

/** The JSON values of a file's lines; a line cut short by a crash (or garbage after a power loss) is skipped. */
function jsonLines(file: string): unknown[] {
  if (!existsSync(file)) return [];
  const values: unknown[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      // a torn line: an alert line is written whole and fsynced before it is acknowledged
    }
  }
  return values;
}

/**
 * The alerts a spool holds that still wait for delivery, in the order they were raised: what the
 * next start replays. Nothing else is needed to read a spool left by a crash at any moment.
 */
export function readSpool(spoolFile: string): Alert[] {
  const done = new Set(jsonLines(doneFile(spoolFile)).filter((value) => typeof value === "string"));
  const alerts: Alert[] = [];
  for (const value of jsonLines(spoolFile)) {
    const parsed = AlertSchema.safeParse(value);
    if (parsed.success && !done.has(parsed.data.id)) alerts.push(parsed.data);
  }
  return alerts;
}

/**
 * Alerts waiting for delivery, kept on disk so that no acknowledged alert is lost by a crash,
 * `kill -9` or a power loss. Two append-only files: the spool (`alert-spool.jsonl`), one alert a
 * line, fsynced before `raise` returns; and the journal (`….done`), one alert id a line, appended
 * once the alert needs no delivery any more (delivered, refused or dropped). Neither is ever cut
 * short in place: every so often (`AlertSpoolTuning`) the alerts still waiting are written to a
 * new file that is renamed over the spool, and only then is the journal emptied. A crash at any
 * point leaves every waiting alert in the spool and not in the journal; the worst it costs is an
 * alert delivered again (marks are not fsynced; alerts carry ids, so a receiver can drop them).
 */
export class AlertSpool {
  private spool: number | undefined;
  private journal: number | undefined;
  private marks = 0;
  /** A write or compaction failed: the spool may end in a torn line, which the next alert must not continue. */
  private torn = false;
  private readonly tuning: AlertSpoolTuning;

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
    tuning: Partial<AlertSpoolTuning> = {},
  ) {
    this.tuning = { ...ALERT_SPOOL_TUNING, ...tuning };
  }

  /** The alerts a previous run left waiting (`readSpool`). */
  load(): Alert[] {
    mkdirSync(dirname(this.file), { recursive: true });
    return readSpool(this.file);
  }

  /** Starts appending, after compacting the files to exactly `waiting` (so no torn line is appended to). */
  open(waiting: readonly Alert[]): void {
    this.compact(waiting);
    this.spool ??= openSync(this.file, "a");
    this.journal ??= openSync(doneFile(this.file), "a");
  }

  /** Appends an alert and fsyncs it; throws when it is not on disk. */
  append(alert: Alert): void {
    if (this.spool === undefined) throw new Error("[alerts] the spool is not open");
    // after a failed write the file may end in a torn line: a line break first keeps this alert apart from it
    const line = `${this.torn ? "\n" : ""}${JSON.stringify(alert)}\n`;
    try {
      writeSync(this.spool, line);
      fsyncSync(this.spool);
    } catch (error) {
      this.torn = true;
      throw error;
    }
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
    if (this.spool !== undefined) closeSync(this.spool);
    if (this.journal !== undefined) closeSync(this.journal);
    this.spool = undefined;
    this.journal = undefined;
  }

  /**
   * Replaces the spool with `waiting`, then empties the journal. Until the rename, the old spool
   * and journal say the same; after it, the journal's ids name alerts no longer in the spool.
   */
  private compact(waiting: readonly Alert[]): void {
    try {
      writeFileAtomicSync(this.file, waiting.map((alert) => `${JSON.stringify(alert)}\n`).join(""));
    } catch (error) {
      this.torn = true;
      // tried again after as many marks again, not on every one (a full disk would make each delivery rewrite the queue)
      this.marks = 0;
      this.logger.error({ err: error }, "[alerts] spool not compacted: it keeps growing until a compaction succeeds");
      return;
    }
    this.torn = false;
    try {
      // the old descriptor still points at the file the rename replaced
      if (this.spool !== undefined) closeSync(this.spool);
      this.spool = undefined;
      this.spool = openSync(this.file, "a");
      if (this.journal !== undefined) ftruncateSync(this.journal, 0);
      else writeFileAtomicSync(doneFile(this.file), "");
      this.marks = 0;
    } catch (error) {
      this.logger.error({ err: error }, "[alerts] spool not reopened after compaction: new alerts are kept in memory only");
    }
  }
}
