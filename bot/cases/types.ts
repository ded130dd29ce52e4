/**
 * The complaint and hand-off loop (ISO 10002): a customer's dissatisfaction becomes a case with a
 * reference, a promised response time, notes and an audit trail.
 */

/** Where a case stands. `open` and `in_progress` wait for the organisation; the others do not. */
export const CASE_STATUSES = ["open", "in_progress", "resolved", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses that still owe the customer something: only these can become overdue. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ["open", "in_progress"];

/** What made the bot offer the case. */
export const CASE_SOURCES = ["rating", "intent", "nps"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === "string" && CASE_STATUSES.some((status) => status === value);
}

/** A note on a case: public notes are shown to the customer, internal ones only to operators. */
export interface CaseNote {
  readonly kind: "public" | "internal";
  readonly text: string;
  /** The operator's name, or `customer` / `system`. */
  readonly author: string;
  readonly at: string;
}

/** What kind of contact details a customer gave (never the value: that stays out of the audit log). */
export type ContactKind = "e-mail" | "phone";

/**
 * What one line of a case's audit log records, as data: operators' pages word it in their language
 * (the cases page in Turkish). `unknown` is a line this version cannot read (written by a newer
 * one, or by hand), kept so the log stays complete.
 */
export type AuditChange =
  | { readonly action: "created"; readonly source: CaseSource; readonly channel: string }
  | { readonly action: "contact"; readonly contact: ContactKind }
  | { readonly action: "status"; readonly from: CaseStatus; readonly to: CaseStatus }
  | { readonly action: "public-note" | "internal-note"; readonly note: string }
  | { readonly action: "overdue" }
  | { readonly action: "unknown"; readonly recorded: string };

/** One line of a case's audit log: who did what, when. */
export type AuditEntry = AuditChange & {
  /** An operator's name, or `customer` / `system`. */
  readonly actor: string;
  /** The change in English, as versions before structured audit data stored it (programs, logs): `open → resolved`, `rating via webchat`. */
  readonly detail: string;
  readonly at: string;
};

/** What the bot knows when a customer accepts to open a case. */
export interface NewCase {
  /** The customer's own words (a comment, the complaint message), as typed. */
  readonly text: string;
  readonly source: CaseSource;
  /** The answer, entry and rating the case concerns, when it follows a rating. */
  readonly answerId: string | null;
  readonly entryId: string | null;
  readonly rating: number | null;
  /** The NPS score, when it follows the survey. */
  readonly score: number | null;
  readonly channel: string;
  /** Pseudonyms (salted hashes), never raw channel ids. */
  readonly userHash: string;
  readonly conversation: string;
  /** The channel's conversation reference as JSON, for proactive messages; null where there is none. */
  readonly conversationRef: string | null;
  readonly createdAt: string;
  /** When the first response is promised (see `dueAt`). */
  readonly dueAt: string;
}

/** A case as operators see it; the customer sees only its status and latest public note. */
export interface Case extends NewCase {
  readonly reference: string;
  readonly status: CaseStatus;
  /** E-mail or phone, only after the customer consented; null otherwise. */
  readonly contact: string | null;
  readonly updatedAt: string;
  /** The first time an operator answered (a public note or a status change); null until then. */
  readonly firstResponseAt: string | null;
  readonly resolvedAt: string | null;
  /** When the overdue alert was raised (once per case); null while not overdue or not yet seen. */
  readonly overdueAt: string | null;
  readonly notes: readonly CaseNote[];
  readonly audit: readonly AuditEntry[];
}

/** An operator's change to a case; every part is optional, at least one of the first three must be given. */
export interface CaseChange {
  readonly status?: CaseStatus | undefined;
  readonly publicNote?: string | undefined;
  readonly internalNote?: string | undefined;
  /**
   * The case's `updatedAt` as the operator saw it (the cases page sends what it shows): when the
   * case has changed since, the change is refused (`CaseConflictError`) instead of being written
   * over a state the operator never saw. Without it, a change is checked only against the state
   * read just before it is written (API clients of earlier versions).
   */
  readonly expectedUpdatedAt?: string | undefined;
}

/** Which cases a listing shows. */
export interface CaseFilter {
  readonly status?: CaseStatus | undefined;
  /** Only active cases past their due time. */
  readonly overdue?: boolean | undefined;
  readonly source?: CaseSource | undefined;
  /** Part of the reference or of the customer's words, in any case, with or without Turkish letters (`caseSearchKey`). */
  readonly search?: string | undefined;
  /** The current time, for `overdue`. */
  readonly now: string;
  /** Opened at or after / before these ISO times (a report range). */
  readonly from?: string | null | undefined;
  readonly to?: string | null | undefined;
  readonly limit?: number | undefined;
  /** Cases of the listing to skip (a page after the first). */
  readonly offset?: number | undefined;
  /** `newest` first (the default), or `due`: the first response due soonest first (oldest active cases, closest to overdue). */
  readonly order?: CaseOrder | undefined;
}

/** The orders a listing can have (see `CaseFilter.order`). */
export const CASE_ORDERS = ["newest", "due"] as const;
export type CaseOrder = (typeof CASE_ORDERS)[number];

/** Case figures of a report range (`report --json`, `/api/report`). */
export interface CaseReport {
  readonly opened: number;
  readonly resolved: number;
  /** Active cases past their due time now. */
  readonly overdue: number;
  /** Cases by current status (of those opened in the range). */
  readonly byStatus: Readonly<Record<CaseStatus, number>>;
  /** Median hours from opening to the first operator response / to resolution; null without any. */
  readonly medianFirstResponseHours: number | null;
  readonly medianResolutionHours: number | null;
  /** Ratings of 1–2 in the range, and the share (percent) of them that became a case. */
  readonly lowRatings: number;
  readonly lowRatingsToCases: number | null;
  /** CSAT (percent of 4–5 ratings) of the answers' entries that led to cases; null without ratings. */
  readonly csatOfCaseEntries: number | null;
  /** Per entry that led to cases: how many, and its CSAT in the range. */
  readonly entries: ReadonlyArray<{ readonly entryId: string; readonly cases: number; readonly csat: number | null }>;
}

/**
 * Longest customer text and note stored; longer ones are cut. The bot asks for a description over
 * it to be shortened (`CaseFlow`), so a customer's words are never cut there.
 */
export const MAX_CASE_TEXT_CHARS = 2_000;
