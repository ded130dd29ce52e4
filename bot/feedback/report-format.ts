import { oneLine } from "../clean-text";
import type { Report } from "./report";

/** Tables `--csv` can print, one per run. */
export const CSV_TABLES = ["entries", "unanswered", "comments", "trend", "weeks", "channels"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

const dash = (value: number | null, suffix = ""): string => (value === null ? "–" : `${value}${suffix}`);

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
const clip = (raw: string, max = 60): string => {
  const text = oneLine(raw);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** The readable report `npm run report` prints. */
export function formatReport(report: Report): string {
  const range = report.range.since || report.range.until ? `${report.range.since ?? "…"} – ${report.range.until ?? "…"}` : "all time";
  const d = report.csat.distribution;
  const parts = [
    `Memnun satisfaction report (${range}, ${report.range.timeZone})`,
    "",
    textTable(
      ["measure", "value", "responses"],
      [
        ["answers given", String(report.answers), ""],
        ["CSAT (% rating 4–5)", dash(report.csat.score, "%"), String(report.csat.responses)],
        ["CSAT average (1–5)", dash(report.csat.average), ""],
        ["rating response rate", report.responseRate === null ? "–" : `${Math.round(report.responseRate * 1000) / 10}%`, ""],
        ["NPS (−100…100)", dash(report.nps.score), String(report.nps.responses)],
        ["CES average (1–7)", dash(report.ces.average), String(report.ces.responses)],
      ],
    ),
    "",
    `ratings: 1★ ${d["1"] ?? 0} · 2★ ${d["2"] ?? 0} · 3★ ${d["3"] ?? 0} · 4★ ${d["4"] ?? 0} · 5★ ${d["5"] ?? 0}`,
    `NPS: ${report.nps.promoters} promoters · ${report.nps.passives} passives · ${report.nps.detractors} detractors`,
    "",
    "By channel",
    report.channels.length === 0
      ? "(none yet)"
      : textTable(
          ["channel", "questions", "unanswered", "answers", "ratings", "CSAT", "avg"],
          report.channels.map((c) => [clip(c.channel, 32), String(c.questions), String(c.unanswered), String(c.answers), String(c.ratings), dash(c.csat, "%"), dash(c.average)]),
        ),
    "",
    "Answers, worst first (lowest CSAT, then lowest average, then most ratings)",
    report.entries.length === 0
      ? "(none yet)"
      : textTable(
          ["entry", "question", "answers", "ratings", "CSAT", "avg"],
          report.entries.map((e) => [e.id, clip(e.question ?? ""), String(e.answers), String(e.ratings), dash(e.csat, "%"), dash(e.average)]),
        ),
    "",
    "Unanswered and unclear questions",
    report.unanswered.length === 0
      ? "(none)"
      : textTable(["count", "outcome", "question"], report.unanswered.map((u) => [String(u.count), u.status, clip(u.question, 80)])),
    "",
    "Latest comments",
    report.comments.length === 0
      ? "(none)"
      : textTable(["when", "entry", "rating", "comment"], report.comments.map((c) => [c.at.slice(0, 16).replace("T", " "), c.entryId, String(c.rating), clip(c.text, 80)])),
  ];
  return parts.join("\n");
}

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

/** One table of the report as RFC 4180 CSV with a header row. */
export function formatCsv(report: Report, table: CsvTable): string {
  const rows: Array<Array<string | number | null>> = [];
  switch (table) {
    case "entries":
      rows.push(["id", "question", "answers", "ratings", "csat_percent", "average"]);
      for (const e of report.entries) rows.push([e.id, e.question, e.answers, e.ratings, e.csat, e.average]);
      break;
    case "unanswered":
      rows.push(["question", "count", "status", "last_at"]);
      for (const u of report.unanswered) rows.push([u.question, u.count, u.status, u.lastAt]);
      break;
    case "comments":
      rows.push(["at", "entry_id", "question", "rating", "text"]);
      for (const c of report.comments) rows.push([c.at, c.entryId, c.question, c.rating, c.text]);
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
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n");
}
