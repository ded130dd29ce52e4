import { oneLine } from "../clean-text";
import type { Report } from "./report";

// The readable report is the report CLI's (bot/cli/report-text.ts), in Turkish; this module keeps
// what any reader of the data shares: text tables, one-line cells, formula-safe CSV.

/** Tables `--csv` can print, one per run. */
export const CSV_TABLES = ["entries", "unanswered", "comments", "trend", "weeks", "channels"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** A plain-text table with columns padded to their widest cell. */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * A cell of the text report: one line, no control characters (a comment cannot move the cursor,
 * clear the screen or start a line of its own), at most `max` characters.
 */
export const clip = (raw: string, max = 60): string => {
  const text = oneLine(raw);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text is made one line without control characters (so no record can be forged),
 * and text a spreadsheet would run as a formula gets a leading `'` (OWASP's advice); numbers are
 * written as they are.
 */
export const csvCell = (value: string | number | boolean | null): string => {
  if (value === null) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const flat = oneLine(value);
  const text = FORMULA_START.test(value) || FORMULA_START.test(flat) ? `'${flat}` : flat;
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows (the header first) as RFC 4180 CSV, every cell through `csvCell`. */
export function csvTable(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n");
}

/**
 * One table of the report as RFC 4180 CSV with a header row. `deletedEntry` is the question cell
 * of an entry the knowledge no longer has (the report's `question` is null); none leaves it empty,
 * for a reader that could not load the knowledge and so cannot tell.
 */
export function formatCsv(report: Report, table: CsvTable, deletedEntry: string | null = null): string {
  const rows: Array<Array<string | number | null>> = [];
  switch (table) {
    case "entries":
      rows.push(["id", "question", "answers", "ratings", "csat_percent", "average"]);
      for (const e of report.entries) rows.push([e.id, e.question ?? deletedEntry, e.answers, e.ratings, e.csat, e.average]);
      break;
    case "unanswered":
      rows.push(["question", "count", "status", "last_at"]);
      for (const u of report.unanswered) rows.push([u.question, u.count, u.status, u.lastAt]);
      break;
    case "comments":
      rows.push(["at", "entry_id", "question", "rating", "text"]);
      for (const c of report.comments) rows.push([c.at, c.entryId, c.question ?? deletedEntry, c.rating, c.text]);
      break;
    case "trend":
      rows.push(["day", "responses", "csat_percent"]);
      for (const t of report.trend) rows.push([t.day, t.responses, t.csat]);
      break;
    case "weeks":
      rows.push(["week", "from", "responses", "csat_percent"]);
      for (const w of report.weeks) rows.push([w.week, w.from, w.responses, w.csat]);
      break;
    case "channels":
      rows.push(["channel", "questions", "unanswered", "answers", "ratings", "csat_percent", "average"]);
      for (const c of report.channels) rows.push([c.channel, c.questions, c.unanswered, c.answers, c.ratings, c.csat, c.average]);
      break;
  }
  return csvTable(rows);
}
