import type { Request, Response, Server } from "restify";
import { z } from "zod";
import { ReportRangeError } from "../feedback/report";
import { CASE_LIST_LIMIT, CaseChangeError, CaseConflictError, CaseNotFoundError, type CaseStore } from "../cases/store";
import { ACTIVE_STATUSES, CASE_SOURCES, CASE_STATUSES, type Case, type CaseFilter } from "../cases/types";
import { TEXTS } from "../conversation/texts";
import { fillTemplate } from "../knowledge/parse-case-texts";
import type { Logger } from "../logger";
import { CSRF_HEADER, rangeMessage, type DashboardAuth, type DashboardUser } from "./dashboard";
import { casesPage, messagePage, sendHtml } from "./pages";
import { apiRefusal } from "../server/refusal";
import { stringField } from "./request";

/** Longest public or internal note an operator may write. */
const MAX_NOTE_CHARS = 2_000;
/** Cases per page of `GET /api/cases` unless `limit` asks for another number (up to `CASE_LIST_LIMIT`). Higher = longer pages, fewer clicks. */
export const CASE_PAGE_SIZE = 100;
/** Longest `expectedUpdatedAt` taken: an ISO time is 24 characters; anything longer matches no case anyway. */
const MAX_VERSION_CHARS = 40;

export interface CasesPageDeps {
  auth: DashboardAuth;
  store: CaseStore;
  logger: Logger;
  /** `REPORT_TIMEZONE`: the case report's dates are its calendar days, and the page shows times in it. */
  timeZone: string;
  /** `CASE_RESPONSE_HOURS`, shown on the page. */
  responseHours: number;
  /** Tells the customer about a change, where the channel allows proactive messages; never throws. */
  notify: (found: Case) => Promise<boolean>;
  now?: () => Date;
}

const Change = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    publicNote: z.string().max(MAX_NOTE_CHARS).optional(),
    internalNote: z.string().max(MAX_NOTE_CHARS).optional(),
    expectedUpdatedAt: z.string().max(MAX_VERSION_CHARS).optional(),
  })
  .strict();

const REFERENCE = /^MMN-[A-Z0-9]{1,12}$/;

const FIELDS: Readonly<Record<string, string>> = {
  status: TEXTS.casesPage.newStatus,
  publicNote: TEXTS.casesPage.publicNote,
  internalNote: TEXTS.casesPage.internalNote,
  expectedUpdatedAt: TEXTS.casesPage.shownVersion,
};
const numbers = new Intl.NumberFormat("tr-TR");

/** What is wrong with a change, in Turkish, from the schema's issues (whose own messages are English). */
export function changeProblems(issues: readonly z.core.$ZodIssue[]): string {
  const p = TEXTS.casesPage.problems;
  const field = (issue: z.core.$ZodIssue): string => {
    const name = String(issue.path[0] ?? "");
    return FIELDS[name] ?? name;
  };
  const problems = issues.flatMap((issue): string[] => {
    if (issue.path.length === 0 && issue.code === "invalid_type") return [p.notObject];
    switch (issue.code) {
      case "too_big":
        return [fillTemplate(p.tooLong, { field: field(issue), max: numbers.format(Number(issue.maximum)) })];
      case "invalid_type":
        return [fillTemplate(p.notText, { field: field(issue) })];
      case "unrecognized_keys":
        return issue.keys.map((key) => fillTemplate(p.unknownField, { field: key }));
      default:
        return [fillTemplate(p.unknownValue, { field: field(issue) })];
    }
  });
  return [...new Set(problems)].join("; ");
}

/** A query parameter as a whole number from `min` to `max`: `fallback` when absent or empty, null when it is something else. */
function wholeNumber(raw: string | undefined, min: number, max: number, fallback: number): number | null {
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d{1,15}$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

/**
 * A case as the API shows it: whether it is overdue, and without its conversation reference,
 * which holds the channel's ids of the customer and is read only to message them back.
 */
function view(found: Case, now: string): Omit<Case, "conversationRef"> & { overdue: boolean } {
  const { conversationRef: _reference, ...shown } = found;
  const active = found.status === "open" || found.status === "in_progress";
  return { ...shown, overdue: active && found.firstResponseAt === null && found.dueAt < now };
}

/**
 * The cases page (`/dashboard/cases`) and its JSON API: list with filters, one case, and an
 * operator's change (status, public note, internal note), audited under the operator's name.
 * Writes made with the session cookie must carry the session's CSRF token.
 */
export function registerCasesPage(server: Server, deps: CasesPageDeps): void {
  const { auth, store, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const t = TEXTS.casesPage;

  server.get("/dashboard/cases", async (req, res) => {
    if (!auth.enabled) {
      sendHtml(res, 404, messagePage(t.title, TEXTS.dashboard.off));
      return;
    }
    const user = await auth.pageUser(req, res, t.title);
    if (!user) return;
    sendHtml(res, 200, casesPage(user.operator, user.csrf ?? "", deps.responseHours, deps.timeZone));
  });

  /** The operator behind a request to the case API, or null once the refusal was sent. */
  const allowed = (req: Request, res: Response): Promise<DashboardUser | null> => auth.apiUser(req, res);

  const unavailable = (res: Response, error: unknown): void => {
    logger.error({ err: error }, "[dashboard] cases unavailable");
    res.send(503, apiRefusal("unavailable", "cases are unavailable (database unreachable?)"));
  };

  server.get("/api/cases", async (req, res) => {
    if (!(await allowed(req, res))) return;
    const status = stringField(req.query, "status");
    const source = stringField(req.query, "source");
    const offset = wholeNumber(stringField(req.query, "offset"), 0, Number.MAX_SAFE_INTEGER, 0);
    const limit = wholeNumber(stringField(req.query, "limit"), 1, CASE_LIST_LIMIT, CASE_PAGE_SIZE);
    // an unknown value named a filter that matched nothing and listed every case
    const unknown = [
      ...(status && !CASE_STATUSES.some((s) => s === status) ? [`status=${status} (${CASE_STATUSES.join(", ")})`] : []),
      ...(source && !CASE_SOURCES.some((s) => s === source) ? [`source=${source} (${CASE_SOURCES.join(", ")})`] : []),
      ...(offset === null ? [`offset=${stringField(req.query, "offset") ?? ""} (${fillTemplate(t.problems.wholeNumberFrom, { min: 0 })})`] : []),
      ...(limit === null ? [`limit=${stringField(req.query, "limit") ?? ""} (${fillTemplate(t.problems.wholeNumber, { min: 1, max: CASE_LIST_LIMIT })})`] : []),
    ];
    if (unknown.length > 0 || offset === null || limit === null) {
      res.send(400, apiRefusal("bad-filter", `unknown filter value: ${unknown.join("; ")}`, { problems: unknown.join("; ") }));
      return;
    }
    const at = now().toISOString();
    const filter: CaseFilter = {
      now: at,
      status: CASE_STATUSES.find((s) => s === status),
      source: CASE_SOURCES.find((s) => s === source),
      overdue: stringField(req.query, "overdue") === "1",
      search: stringField(req.query, "q"),
    };
    // cases still waiting for an answer: the one closest to overdue first, so the oldest are never on a later page
    const order = filter.overdue || ACTIVE_STATUSES.some((s) => s === filter.status) ? "due" : "newest";
    try {
      const [total, list] = await Promise.all([store.count(filter), store.list({ ...filter, order, offset, limit })]);
      res.send(200, { now: at, responseHours: deps.responseHours, total, offset, limit, order, cases: list.map((found) => view(found, at)) });
    } catch (error) {
      unavailable(res, error);
    }
  });

  server.get("/api/case-report", async (req, res) => {
    if (!(await allowed(req, res))) return;
    const since = stringField(req.query, "since");
    const until = stringField(req.query, "until");
    try {
      res.send(200, await store.report({ since: since || undefined, until: until || undefined, timeZone: deps.timeZone }, now().toISOString()));
    } catch (error) {
      if (error instanceof ReportRangeError) res.send(400, { ...apiRefusal("bad-range", error.message), message: rangeMessage(error, { since, until, timeZone: deps.timeZone }) });
      else unavailable(res, error);
    }
  });

  server.get("/api/cases/:reference", async (req, res) => {
    if (!(await allowed(req, res))) return;
    const reference = stringField(req.params, "reference") ?? "";
    if (!REFERENCE.test(reference)) {
      res.send(400, apiRefusal("not-a-reference", "not a case reference"));
      return;
    }
    try {
      const found = await store.get(reference);
      if (!found) res.send(404, apiRefusal("not-found", `no case ${reference}`, { reference }));
      else res.send(200, view(found, now().toISOString()));
    } catch (error) {
      unavailable(res, error);
    }
  });

  server.post("/api/cases/:reference", async (req, res) => {
    const user = await allowed(req, res);
    if (!user) return;
    if (!auth.writeAllowed(req, user)) {
      logger.warn({ operator: user.operator }, "[dashboard] case change without a valid CSRF token");
      res.send(403, apiRefusal("csrf-token", `a valid CSRF token is required in ${CSRF_HEADER}`));
      return;
    }
    const reference = stringField(req.params, "reference") ?? "";
    if (!REFERENCE.test(reference)) {
      res.send(400, apiRefusal("not-a-reference", "not a case reference"));
      return;
    }
    const parsed = Change.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const english = issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
      res.send(400, apiRefusal("invalid-change", `invalid change: ${english}`, { problems: changeProblems(issues) }));
      return;
    }
    let updated: Case;
    try {
      updated = await store.update(reference, parsed.data, user.operator, now().toISOString());
    } catch (error) {
      if (error instanceof CaseNotFoundError) res.send(404, apiRefusal("not-found", error.message, { reference }));
      else if (error instanceof CaseChangeError) {
        const code = error.problem === "nothing-to-change" ? "nothing-to-change" : "invalid-change";
        res.send(400, apiRefusal(code, error.message, { problems: fillTemplate(TEXTS.casesPage.problems.unknownValue, { field: TEXTS.casesPage.newStatus }) }));
      } else if (error instanceof CaseConflictError) res.send(409, apiRefusal("conflict", error.message));
      else unavailable(res, error);
      return;
    }
    logger.info({ reference, operator: user.operator, status: parsed.data.status }, "[dashboard] case changed");
    const customerSees = parsed.data.status !== undefined || (parsed.data.publicNote ?? "").trim() !== "";
    const notified = customerSees ? await deps.notify(updated) : false;
    res.send(200, { ...view(updated, now().toISOString()), notified });
  });
}
