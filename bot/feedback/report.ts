/** The satisfaction report: what `npm run report -- --json` prints and `/api/report` returns. */
export interface Report {
  readonly range: { readonly since: string | null; readonly until: string | null };
  /** Knowledge answers given. */
  readonly answers: number;
  readonly csat: {
    readonly responses: number;
    /** Share of 4 and 5 ratings, in percent (0–100), or null without ratings. */
    readonly score: number | null;
    readonly average: number | null;
    /** Rating ("1"…"5") → count. */
    readonly distribution: Readonly<Record<string, number>>;
  };
  /** Ratings ÷ answers (0–1), or null without answers. */
  readonly responseRate: number | null;
  readonly nps: {
    readonly responses: number;
    /** Promoters − detractors in percent (−100…100), or null without responses. */
    readonly score: number | null;
    readonly promoters: number;
    readonly passives: number;
    readonly detractors: number;
  };
  readonly ces: { readonly responses: number; readonly average: number | null };
  /** Per answer, worst first: lowest CSAT, then lowest average, then most ratings (entries without ratings last). */
  readonly entries: readonly EntryReport[];
  /** Most frequent questions that got "none" or "did you mean". */
  readonly unanswered: readonly UnansweredReport[];
  /** Latest comments, newest first. */
  readonly comments: readonly CommentReport[];
  /** CSAT by day (UTC), oldest first. */
  readonly trend: readonly TrendReport[];
}

export interface EntryReport {
  readonly id: string;
  readonly question: string | null;
  readonly answers: number;
  readonly ratings: number;
  readonly csat: number | null;
  readonly average: number | null;
}

export interface UnansweredReport {
  readonly question: string;
  readonly count: number;
  readonly status: "none" | "ambiguous";
  readonly lastAt: string;
}

export interface CommentReport {
  readonly at: string;
  readonly entryId: string;
  readonly question: string | null;
  readonly rating: number;
  readonly text: string;
}

export interface TrendReport {
  readonly day: string;
  readonly responses: number;
  readonly csat: number | null;
}

/** Date range of a report, inclusive, as `YYYY-MM-DD` (UTC). */
export interface ReportRange {
  readonly since?: string | undefined;
  readonly until?: string | undefined;
}

/** Most unanswered questions and comments a report lists. */
export const REPORT_LIST_LIMIT = 20;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A report asked for with a malformed or reversed date range: the asker's mistake (HTTP 400, CLI usage). */
export class ReportRangeError extends Error {
  constructor(message: string) {
    super(`[report] ${message}`);
    this.name = "ReportRangeError";
  }
}

/** Turns a `YYYY-MM-DD` range into ISO bounds [from, to). Throws `ReportRangeError` on a malformed date. */
export function rangeBounds(range: ReportRange): { from: string | null; to: string | null } {
  const check = (value: string, name: string): Date => {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (!DAY.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      throw new ReportRangeError(`--${name} must be a date like 2026-11-23, got "${value}"`);
    }
    return date;
  };
  const from = range.since ? check(range.since, "since").toISOString() : null;
  let to: string | null = null;
  if (range.until) {
    const until = check(range.until, "until");
    to = new Date(until.getTime() + 24 * 3600 * 1000).toISOString();
  }
  if (from && to && from >= to) throw new ReportRangeError(`--since ${range.since} is after --until ${range.until}`);
  return { from, to };
}

/** Percent with one decimal. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
/** Two decimals. */
export const round2 = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
