import { rangeBounds, type ReportRange } from "../feedback/report";
import { csvTable } from "../feedback/report-format";
import { CASE_EXPORT_LIMIT, type CaseStore } from "./store";
import type { Case } from "./types";

/** The `--table` (and the dashboard's `?table=`) of the cases CSV, beside the feedback report's tables. */
export const CASES_CSV_TABLE = "cases";

/**
 * The cases of a range as RFC 4180 CSV, one row per case. Contact details and notes stay out: a
 * CSV travels further than the dashboard. Cells are the feedback report's: one line each, and a
 * customer's text a spreadsheet would run as a formula starts with `'`.
 */
export function formatCasesCsv(cases: readonly Case[], now: string): string {
  const rows: Array<Array<string | number | boolean | null>> = [
    ["reference", "status", "source", "channel", "entry_id", "rating", "nps_score", "created_at", "due_at", "first_response_at", "resolved_at", "overdue", "hours_to_first_response", "text"],
  ];
  const hours = (from: string, to: string | null): number | null => (to === null ? null : Math.round(((Date.parse(to) - Date.parse(from)) / 3_600_000) * 10) / 10);
  for (const c of cases) {
    const overdue = (c.status === "open" || c.status === "in_progress") && c.firstResponseAt === null && c.dueAt < now;
    rows.push([c.reference, c.status, c.source, c.channel, c.entryId, c.rating, c.score, c.createdAt, c.dueAt, c.firstResponseAt, c.resolvedAt, overdue, hours(c.createdAt, c.firstResponseAt), c.text]);
  }
  return csvTable(rows);
}

/**
 * The cases created in a range as CSV: what `report --csv --table cases` prints and the
 * dashboard's download gives, from the same query. A malformed range throws `ReportRangeError`.
 */
export async function casesCsv(store: Pick<CaseStore, "list">, range: ReportRange, now: string): Promise<string> {
  const { from, to } = rangeBounds(range);
  return formatCasesCsv(await store.list({ now, from, to, limit: CASE_EXPORT_LIMIT }), now);
}
