import { csvCell, textTable } from "../feedback/report-format";
import type { Case, CaseReport } from "./types";

const dash = (value: number | null, suffix = ""): string => (value === null ? "–" : `${value}${suffix}`);

/** The cases part of the readable report `npm run report` prints. */
export function formatCaseReport(report: CaseReport): string {
  return [
    "Cases (complaints and requests for a person)",
    textTable(
      ["measure", "value"],
      [
        ["opened", String(report.opened)],
        ["resolved", String(report.resolved)],
        ["overdue now (no first response in time)", String(report.overdue)],
        ["open · in progress · resolved · closed", `${report.byStatus.open} · ${report.byStatus.in_progress} · ${report.byStatus.resolved} · ${report.byStatus.closed}`],
        ["median hours to first response", dash(report.medianFirstResponseHours)],
        ["median hours to resolution", dash(report.medianResolutionHours)],
        ["low ratings (1–2) that became cases", `${dash(report.lowRatingsToCases, "%")} of ${report.lowRatings}`],
        ["CSAT of answers that led to cases", dash(report.csatOfCaseEntries, "%")],
      ],
    ),
  ].join("\n");
}

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
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n");
}
