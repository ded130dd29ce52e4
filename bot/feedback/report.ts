import { startOfDay } from "./time-zone";

/** The satisfaction report: what `npm run report -- --json` prints and `/api/report` returns. */
export interface Report {
  /** The days asked for (inclusive, null = open) and the time zone they are calendar days of. */
  readonly range: { readonly since: string | null; readonly until: string | null; readonly timeZone: string };
  /** Knowledge answers given. */
  readonly answers: number;
  readonly csat: {
    readonly responses: number;
    /** Share of 4 and 5 ratings, in percent (0–100), or null without ratings. */
    readonly percent: number | null;
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
  /** CSAT by calendar day of the report's time zone, oldest first. */
  readonly trend: readonly TrendReport[];
  /** CSAT by ISO week (Monday to Sunday in the report's time zone), oldest first. */
  readonly weeks: readonly WeekReport[];
  /** Figures per channel (`webchat`, `msteams`, `emulator`, `directline`…), most answers first. */
  readonly channels: readonly ChannelReport[];
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

export interface WeekReport {
  /** `2026-W49`. */
  readonly week: string;
  /** The week's Monday, `YYYY-MM-DD`. */
  readonly from: string;
  readonly responses: number;
  readonly csat: number | null;
}

export interface ChannelReport {
  /** The Bot Framework channel id; `unknown` for events recorded before channels were. */
  readonly channel: string;
  readonly questions: number;
  /** Questions that got "none" or "did you mean". */
  readonly unanswered: number;
  readonly answers: number;
  readonly ratings: number;
  readonly csat: number | null;
  readonly average: number | null;
}

/** Date range of a report, inclusive, as `YYYY-MM-DD` calendar days of `timeZone`. */
export interface ReportRange {
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  /** IANA time zone whose calendar days the range and the trends are in (`REPORT_TIMEZONE`); UTC when absent. */
  readonly timeZone?: string | undefined;
}

/** The time zone of reports when none is given. */
export const DEFAULT_REPORT_TIME_ZONE = "UTC";

/** Most unanswered questions and comments a report lists. */
export const REPORT_LIST_LIMIT = 20;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A report asked for with a malformed or reversed date range: the asker's mistake (HTTP 400, CLI usage). */
export class ReportRangeError extends Error {
  constructor(
    message: string,
    /** What was wrong, for a message in the asker's language: a date not like `2026-11-23`, or `since` after `until`. */
    readonly problem: { readonly reason: "malformed" | "reversed"; readonly field: "since" | "until"; readonly value: string },
  ) {
    super(`[report] ${message}`);
    this.name = "ReportRangeError";
  }
}

/**
 * Turns a `YYYY-MM-DD` range into ISO UTC bounds [from, to): from the start of `since` to the end
 * of `until`, as calendar days of the range's time zone. Throws `ReportRangeError` on a malformed
 * or reversed range (`reason` says which, for a translated message).
 */
export function rangeBounds(range: ReportRange): { from: string | null; to: string | null } {
  const timeZone = range.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
  const check = (value: string, name: "since" | "until"): Date => {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (!DAY.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      throw new ReportRangeError(`--${name} must be a date like 2026-11-23, got "${value}"`, { reason: "malformed", field: name, value });
    }
    return date;
  };
  const from = range.since ? startOfDay(check(range.since, "since").toISOString().slice(0, 10), timeZone) : null;
  let to: string | null = null;
  if (range.until) {
    const next = new Date(check(range.until, "until").getTime() + 24 * 3600 * 1000);
    to = startOfDay(next.toISOString().slice(0, 10), timeZone);
  }
  if (from && to && from >= to) {
    throw new ReportRangeError(`--since ${range.since} is after --until ${range.until}`, { reason: "reversed", field: "since", value: range.since ?? "" });
  }
  return { from, to };
}

/** Percent with one decimal. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
/** Two decimals. */
export const round2 = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
