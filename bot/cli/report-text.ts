import type { CaseReport } from "../cases/types";
import type { Report } from "../feedback/report";
import { clip, textTable } from "../feedback/report-format";
import { REPORT, trNumber } from "./messages";

/**
 * The readable report `npm run report` prints, in Turkish (numbers as 3,09 and %45,5). An entry
 * without a question is no longer in the knowledge, and says so, unless `knowledgeLoaded` is false
 * (then no entry has one, and the report says why once).
 */
export function formatReport(report: Report, knowledgeLoaded = true): string {
  const t = REPORT;
  const { since, until, timeZone } = report.range;
  const range = since || until ? `${since ?? "…"} – ${until ?? "…"}` : t.allTime;
  const d = report.csat.distribution;
  const when = new Intl.DateTimeFormat("tr-TR", { timeZone, dateStyle: "short", timeStyle: "short" });
  const table = <T>(rows: readonly T[], header: readonly string[], row: (item: T) => string[], empty: string = t.none): string =>
    rows.length === 0 ? empty : textTable(header, rows.map(row));
  return [
    t.title(range, timeZone),
    "",
    textTable(t.measureColumns, [
      [t.answers, String(report.answers), ""],
      [t.csat, trNumber(report.csat.percent, true), String(report.csat.responses)],
      [t.csatAverage, trNumber(report.csat.average), ""],
      [t.responseRate, report.responseRate === null ? "–" : trNumber(Math.round(report.responseRate * 1000) / 10, true), ""],
      [t.nps, trNumber(report.nps.score), String(report.nps.responses)],
      [t.ces, trNumber(report.ces.average), String(report.ces.responses)],
    ]),
    "",
    t.ratings(["1", "2", "3", "4", "5"].map((k) => d[k] ?? 0)),
    t.npsParts(report.nps.promoters, report.nps.passives, report.nps.detractors),
    "",
    t.channels,
    table(report.channels, t.channelColumns, (c) => [clip(c.channel, 32), String(c.questions), String(c.unanswered), String(c.answers), String(c.ratings), trNumber(c.csat, true), trNumber(c.average)], t.noneYet),
    "",
    t.weeks,
    table(report.weeks, t.weekColumns, (w) => [w.week, w.from, String(w.responses), trNumber(w.csat, true)], t.noneYet),
    "",
    t.entries,
    table(report.entries, t.entryColumns, (e) => [e.id, clip(e.question ?? (knowledgeLoaded ? t.deletedEntry : "")), String(e.answers), String(e.ratings), trNumber(e.csat, true), trNumber(e.average)], t.noneYet),
    "",
    t.unanswered,
    table(report.unanswered, t.unansweredColumns, (u) => [String(u.count), t.statuses[u.status], clip(u.question, 80)]),
    "",
    t.comments,
    table(report.comments, t.commentColumns, (c) => [when.format(new Date(c.at)), c.entryId, String(c.rating), clip(c.text, 80)]),
  ].join("\n");
}

/** The cases part of the readable report. */
export function formatCaseReport(report: CaseReport): string {
  const t = REPORT;
  const s = report.byStatus;
  return [
    t.cases,
    textTable(t.caseColumns, [
      [t.casesOpened, String(report.opened)],
      [t.casesResolved, String(report.resolved)],
      [t.casesOverdue, String(report.overdue)],
      [t.casesByStatus, `${s.open} · ${s.in_progress} · ${s.resolved} · ${s.closed}`],
      [t.casesFirstResponse, trNumber(report.medianFirstResponseHours)],
      [t.casesResolution, trNumber(report.medianResolutionHours)],
      [t.casesLowRatings, t.casesLowRatingsValue(trNumber(report.lowRatingsToCases, true), report.lowRatings)],
      [t.casesCsat, trNumber(report.csatOfCaseEntries, true)],
    ]),
  ].join("\n");
}
