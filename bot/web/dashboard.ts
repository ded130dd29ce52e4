import { createHmac, randomBytes } from "node:crypto";
import { CASES_CSV_TABLE } from "../cases/report-format";
import type { CaseReport } from "../cases/types";
import { AUDIT_ACTORS, type Operator } from "../config";
import type { Next, Request, Response, Server } from "restify";
import { TEXTS } from "../conversation/texts";
import { rangeBounds, ReportRangeError, type Report, type ReportRange } from "../feedback/report";
import { formatRecommendationsCsv, RECOMMENDATION_TABLES, type RecommendationTable } from "../feedback/recommendations";
import { CSV_TABLES, formatCsv, type CsvTable } from "../feedback/report-format";
import type { Recommendations } from "../feedback/recommendations";
import { sameSecret } from "../feedback/integrity";
import { fillTemplate } from "../knowledge/parse-case-texts";
import type { Logger } from "../logger";
import { OPERATOR_API_PATH } from "../server/app";
import { clientAddress, isHttps } from "../server/proxy";
import type { RateLimit } from "../server/rate-limit";
import { bearerToken } from "./direct-line";
import { dashboardPage, messagePage, sendHtml } from "./pages";
import { apiRefusal } from "../server/refusal";
import { stringField } from "./request";
import { MemorySessionRevocations, type SessionRevocations } from "./session-revocations";

const isCsvTable = (value: string): value is CsvTable => CSV_TABLES.some((table) => table === value);
const isRecommendationTable = (value: string): value is RecommendationTable => RECOMMENDATION_TABLES.some((table) => table === value);

/** Name of the HttpOnly cookie a browser gets after passing `?token=` once. */
export const DASHBOARD_COOKIE = "memnun_dashboard";
/** How long a dashboard session lasts, in seconds, however active. Shorter = operators pass the token more often. */
const SESSION_TTL_SECONDS = 8 * 3600;
/** A session used after this many seconds gets a fresh cookie (same expiry), so a copied cookie goes stale soon. Lower = more Set-Cookie headers. */
const SESSION_ROTATE_SECONDS = 15 * 60;
/** `Retry-After` while a session cannot be checked (the database away). Lower = operators' pages ask again sooner. */
const SESSION_CHECK_RETRY_SECONDS = 10;

/** The operator name changes made with `DASHBOARD_TOKEN` are audited under. */
export const DASHBOARD_OPERATOR = AUDIT_ACTORS.dashboard;
/** Random bytes of a dashboard session id (in the cookie, and behind its CSRF token). */
const SESSION_BYTES = 18;
/** The header a browser sends its session's CSRF token in, with every write. */
export const CSRF_HEADER = "x-csrf-token";

export interface DashboardDeps {
  /** `DASHBOARD_TOKEN`; the dashboard is off while neither it nor an operator token is set. */
  token: string | undefined;
  /** Named operator tokens (`OPERATOR_TOKENS`). */
  operators?: readonly Operator[];
  /** The report of `report --json` (with its case figures, when cases are kept). */
  report: (range: ReportRange) => Promise<Report & { readonly cases?: CaseReport }>;
  /**
   * The cases of a range as `report --csv --table cases` prints them (`casesCsv`); absent where
   * no cases are kept, and then the table cannot be downloaded.
   */
  casesCsv?: (range: ReportRange) => Promise<string>;
  /** Active-learning recommendations for editors (read-only here; `kb:recommend --apply` writes them). */
  recommendations: () => Promise<Recommendations>;
  logger: Logger;
  /** IANA time zone the page shows times in. */
  timeZone: string;
  /** Shared with `/healthz`; built from `token` when absent. */
  auth?: DashboardAuth;
}

/** The value of one cookie from a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/**
 * Dashboard sessions of one operator as signed cookie values (`<started>.<issued>.<session>.<mac>`),
 * keyed by the operator's token: changing or removing the token ends its sessions. A session ends
 * `SESSION_TTL_SECONDS` after the login; a cookie older than `SESSION_ROTATE_SECONDS` is replaced
 * by a new one of the same session (same id, so the page's CSRF token stays valid).
 */
export class DashboardSessions {
  private readonly key: Buffer;

  constructor(
    token: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac("sha256", "memnun:dashboard-session").update(token).digest();
  }

  /** A new session's cookie value (a login), or a rotated one of the session `session` started at `started`. */
  issue(started = this.seconds(), session = randomBytes(SESSION_BYTES).toString("base64url")): string {
    const body = `${started}.${this.seconds()}.${session}`;
    return `${body}.${this.mac(body)}`;
  }

  /** `valid`, `rotate` (valid, but due for a fresh cookie) or `invalid` (forged, expired, malformed). */
  check(value: string): { state: "valid" | "rotate" | "invalid"; started: number; session: string } {
    const parts = value.split(".");
    const [started, issued, session, mac] = parts.map((part) => part ?? "");
    const invalid = { state: "invalid" as const, started: 0, session: "" };
    if (parts.length !== 4 || !/^\d{1,12}$/.test(started ?? "") || !/^\d{1,12}$/.test(issued ?? "") || !session || !mac) return invalid;
    if (!sameSecret(mac, this.mac(`${started}.${issued}.${session}`))) return invalid;
    const now = this.seconds();
    const since = Number(started);
    if (now - since >= SESSION_TTL_SECONDS || since > now + 60) return { ...invalid, started: since };
    return { state: now - Number(issued) >= SESSION_ROTATE_SECONDS ? "rotate" : "valid", started: since, session };
  }

  /** The CSRF token of a session: writes made with its cookie must send it in `x-csrf-token`. */
  csrf(started: number, session: string): string {
    return this.mac(`csrf:${started}.${session}`);
  }

  /** When a session started at `started` ends on its own (ISO). */
  endsAt(started: number): string {
    return new Date((started + SESSION_TTL_SECONDS) * 1000).toISOString();
  }

  /** Seconds the cookie of a session started at `started` may still live. */
  maxAge(started: number): number {
    return Math.max(0, SESSION_TTL_SECONDS - (this.seconds() - started));
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private mac(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}

/** Who is using the dashboard: the operator, and the browser session (null for a bearer token). */
export interface DashboardUser {
  readonly operator: string;
  readonly session: string | null;
  /** The session's CSRF token, required on writes made with the cookie; null for a bearer token. */
  readonly csrf: string | null;
  /** When the session ends on its own (ISO), unless signed out before; null for a bearer token. */
  readonly endsAt: string | null;
}

/** The outcome of checking a request's credentials. */
export interface DashboardVerdict {
  readonly ok: boolean;
  readonly user?: DashboardUser;
  /** A fresh cookie for a session due for rotation. */
  readonly rotated?: { value: string; maxAge: number };
  /** The session cookie could not be checked against the ended sessions (their store is away): refused for now, not for good. */
  readonly unavailable?: true;
}

/** The operators' pages: the dashboard, the cases page, signing out. */
const OPERATOR_PAGE_PATH = /^\/dashboard(\/|$)/;

/** Where an operator's token is checked: the operators' pages, their APIs, and `/healthz` (its details). */
function checksTokens(path: string): boolean {
  return OPERATOR_PAGE_PATH.test(path) || OPERATOR_API_PATH.test(path) || path === "/healthz";
}

/** Whether a request offers a token to be checked: a bearer token, or `?token=` (the dashboard's sign-in link). */
function offersToken(req: Request): boolean {
  return bearerToken(req) !== null || new URLSearchParams((req.url ?? "").split("?")[1] ?? "").has("token");
}

/**
 * Who may see the operators' views (the dashboard, the cases page, their APIs, `/healthz`
 * details): a request with an operator's token (`OPERATOR_TOKENS`, or `DASHBOARD_TOKEN` audited as
 * `dashboard`) as its bearer token, or with a live session cookie the dashboard gave that was not
 * signed out (`revocations`: the server's are in the database, so a sign-out on one instance holds
 * on all; without them, in this process's memory). The token itself never sits in the browser. A
 * failed attempt counts against `failureLimit` (`RATE_LIMIT_AUTH_FAILURES_PER_MINUTE` per client
 * address); over it, `signInGuard` refuses that address's tokens unchecked.
 */
export class DashboardAuth {
  readonly operators: readonly Operator[];
  private readonly sessions: ReadonlyMap<string, DashboardSessions>;
  private readonly revocations: SessionRevocations;

  constructor(
    token: string | undefined,
    private readonly options: {
      operators?: readonly Operator[];
      trustProxy?: boolean;
      logger?: Logger;
      now?: () => number;
      failureLimit?: RateLimit;
      revocations?: SessionRevocations;
    } = {},
  ) {
    this.operators = [...(options.operators ?? []), ...(token ? [{ name: DASHBOARD_OPERATOR, token }] : [])];
    // the configuration refuses these (`parseOperatorTokens`): one token or name for two would sign one in as the other
    if (new Set(this.operators.map((operator) => operator.name)).size < this.operators.length || new Set(this.operators.map((operator) => operator.token)).size < this.operators.length) {
      throw new Error("[dashboard] every operator needs a name and a token of their own (DASHBOARD_TOKEN's name is dashboard)");
    }
    this.sessions = new Map(this.operators.map((operator) => [operator.name, new DashboardSessions(operator.token, options.now)]));
    const now = options.now;
    this.revocations = options.revocations ?? new MemorySessionRevocations(now ? () => new Date(now()) : undefined);
  }

  get enabled(): boolean {
    return this.operators.length > 0;
  }

  /** The operator with this token, compared in constant time against every one. */
  byToken(token: string): Operator | null {
    let found: Operator | null = null;
    for (const operator of this.operators) if (sameSecret(token, operator.token)) found = operator;
    return found;
  }

  /** A new session cookie value for an operator (a login). */
  newSession(operator: Operator): string {
    const sessions = this.sessions.get(operator.name);
    if (!sessions) throw new Error(`[dashboard] no operator named ${operator.name}`);
    return `${sessions.issue()}.${Buffer.from(operator.name, "utf8").toString("base64url")}`;
  }

  async authorized(req: Request): Promise<boolean> {
    return (await this.verdict(req)).ok;
  }

  /** Who sent the request (bearer token or session cookie), or null. */
  async user(req: Request): Promise<DashboardUser | null> {
    return (await this.verdict(req)).user ?? null;
  }

  /** `verdict`, handing a rotated session cookie to the response. */
  async check(req: Request, res: Response): Promise<DashboardVerdict> {
    const verdict = await this.verdict(req);
    if (verdict.rotated) res.header("set-cookie", this.cookie(req, verdict.rotated.value, verdict.rotated.maxAge));
    return verdict;
  }

  /**
   * The operator behind a request to an operators' page, or null once the refusal was sent:
   * `401` without valid credentials, `503` while a session cookie cannot be checked.
   */
  async pageUser(req: Request, res: Response, title: string): Promise<DashboardUser | null> {
    const verdict = await this.check(req, res);
    if (verdict.user) return verdict.user;
    if (verdict.unavailable) sendHtml(res, 503, messagePage(title, TEXTS.dashboard.sessionUnavailable), { "retry-after": String(SESSION_CHECK_RETRY_SECONDS) });
    else sendHtml(res, 401, messagePage(title, TEXTS.dashboard.unauthorized), { "www-authenticate": "Bearer" });
    return null;
  }

  /**
   * The operator behind a request to an operators' JSON API, or null once the refusal was sent in
   * the APIs' shape: `404` while the dashboard is off, `401` without valid credentials, `503`
   * while a session cookie cannot be checked.
   */
  async apiUser(req: Request, res: Response): Promise<DashboardUser | null> {
    res.header("cache-control", "no-store");
    if (!this.enabled) {
      res.send(404, apiRefusal("dashboard-off", "the dashboard is off (DASHBOARD_TOKEN and OPERATOR_TOKENS are not set)"));
      return null;
    }
    const verdict = await this.check(req, res);
    if (verdict.user) return verdict.user;
    if (verdict.unavailable) {
      res.header("retry-after", String(SESSION_CHECK_RETRY_SECONDS));
      res.send(503, apiRefusal("unavailable", "the session cannot be checked now (database unreachable?)"));
    } else {
      res.header("www-authenticate", "Bearer");
      res.send(401, apiRefusal("unauthorized", "a valid dashboard token is required"));
    }
    return null;
  }

  /**
   * Ends the user's session on the server (every copy of its cookie, rotated or not, is refused
   * from now on, on every instance sharing the revocations); nothing for a bearer token. Rejects
   * when the revocation cannot be stored: the session then stays valid.
   */
  async endSession(user: DashboardUser): Promise<void> {
    if (user.session === null || user.endsAt === null) return;
    await this.revocations.revoke(user.session, user.endsAt);
  }

  /**
   * Checks the request's bearer token or session cookie (`<session cookie>.<operator name>`); a
   * failed attempt (a credential that is wrong, forged, expired or of a session signed out) is
   * logged with the client address, never the credential. A cookie that cannot be checked
   * against the ended sessions is refused as `unavailable` (a sign-out must hold, also while the
   * database is away).
   */
  async verdict(req: Request): Promise<DashboardVerdict> {
    if (!this.enabled) return { ok: false };
    const bearer = bearerToken(req);
    if (bearer) {
      const operator = this.byToken(bearer);
      if (!operator) {
        this.refused(req, "wrong bearer token");
        return { ok: false };
      }
      return { ok: true, user: { operator: operator.name, session: null, csrf: null, endsAt: null } };
    }
    const cookie = readCookie(req.header("cookie"), DASHBOARD_COOKIE);
    if (cookie === null) return { ok: false };
    const at = cookie.lastIndexOf(".");
    const name = at > 0 ? Buffer.from(cookie.slice(at + 1), "base64url").toString("utf8") : "";
    const sessions = this.sessions.get(name);
    const checked = sessions?.check(cookie.slice(0, at));
    if (!sessions || !checked || checked.state === "invalid") {
      this.refused(req, "invalid or expired session cookie");
      return { ok: false };
    }
    try {
      if (await this.revocations.isRevoked(checked.session)) {
        this.refused(req, "session cookie of a session signed out");
        return { ok: false };
      }
    } catch (error) {
      this.options.logger?.error({ err: error }, "[dashboard] could not check whether a session was signed out: its cookie is refused for now");
      return { ok: false, unavailable: true };
    }
    const user = { operator: name, session: checked.session, csrf: sessions.csrf(checked.started, checked.session), endsAt: sessions.endsAt(checked.started) };
    if (checked.state === "valid") return { ok: true, user };
    const value = `${sessions.issue(checked.started, checked.session)}.${cookie.slice(at + 1)}`;
    return { ok: true, user, rotated: { value, maxAge: sessions.maxAge(checked.started) } };
  }

  /**
   * Whether a write may go ahead: a bearer token needs no CSRF token, a cookie session needs its
   * own, sent in `x-csrf-token` (the pages' scripts) or as `sent` (a plain form's field).
   */
  writeAllowed(req: Request, user: DashboardUser, sent: string | undefined = req.header(CSRF_HEADER)): boolean {
    if (user.csrf === null) return true;
    return typeof sent === "string" && sent !== "" && sameSecret(sent, user.csrf);
  }

  /** The `Set-Cookie` value of a session cookie. */
  cookie(req: Request, value: string, maxAge: number): string {
    const secure = isHttps(req, this.options.trustProxy ?? false) ? "; Secure" : "";
    return `${DASHBOARD_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`;
  }

  /** Logs a failed sign-in attempt (never the credential) and counts it against the client's failure limit. */
  refused(req: Request, reason: string): void {
    const client = clientAddress(req, this.options.trustProxy ?? false);
    this.options.logger?.warn({ client, url: req.url, reason }, "[dashboard] refused a failed sign-in attempt");
    this.options.failureLimit?.take(client).catch((error: unknown) => this.options.logger?.error({ err: error }, "[dashboard] could not count a failed sign-in"));
  }

  /**
   * A `pre` handler for the server to run before its client limit (`ServerDeps.signInGuard`): a
   * client address over its failed sign-ins gets 429 for any token it offers, unchecked, so a
   * token cannot be guessed faster than the limit. Only failures count, and a session cookie is
   * still honoured (a signed cookie cannot be guessed): operators already signed in behind the
   * same address keep working, and the refused requests do not use up that address's general
   * allowance (before, 600 wrong tokens a minute did, and then locked out the real operator too).
   */
  readonly signInGuard = (req: Request, res: Response, next: Next): void => {
    const limit = this.options.failureLimit;
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (!limit || !this.enabled || !checksTokens(path) || !offersToken(req)) {
      next();
      return;
    }
    const client = clientAddress(req, this.options.trustProxy ?? false);
    limit.peek(client).then(
      (waitMs) => {
        if (waitMs === 0) {
          next();
          return;
        }
        this.options.logger?.warn({ client, url: req.url?.split("?")[0] }, "[dashboard] refused a token unchecked: too many failed sign-ins from this client");
        const retryAfter = String(Math.ceil(waitMs / 1000));
        if (OPERATOR_PAGE_PATH.test(path)) sendHtml(res, 429, messagePage(TEXTS.dashboard.title, TEXTS.dashboard.tooManySignIns), { "retry-after": retryAfter });
        else {
          res.header("retry-after", retryAfter);
          res.header("cache-control", "no-store");
          res.send(429, apiRefusal("too-many-sign-ins", "too many failed sign-ins from this client; retry later"));
        }
        next(false);
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

/** The `since` and `until` query parameters (`YYYY-MM-DD`; empty = open-ended). */
function requestedRange(req: Request): { since: string | undefined; until: string | undefined } {
  const since = stringField(req.query, "since");
  const until = stringField(req.query, "until");
  return { since: since === "" ? undefined : since, until: until === "" ? undefined : until };
}

/** The Turkish message for a bad date range (the error's own message is English, for logs and programs). */
export function rangeMessage(error: ReportRangeError, range: ReportRange): string {
  const t = TEXTS.dashboard;
  if (error.problem.reason === "malformed") return fillTemplate(t.rangeMalformed, { value: error.problem.value });
  return fillTemplate(t.rangeReversed, { since: range.since ?? "", until: range.until ?? "" });
}

/** `/dashboard` (charts and tables), `/api/report` (the report JSON) and `/api/report.csv` (one table, or the cases), behind `DASHBOARD_TOKEN` or an operator's token. */
export function registerDashboard(server: Server, deps: DashboardDeps): DashboardAuth {
  const { logger } = deps;
  const t = TEXTS.dashboard;
  const auth = deps.auth ?? new DashboardAuth(deps.token, { operators: deps.operators, logger });

  server.get("/dashboard", async (req, res) => {
    if (!auth.enabled) {
      sendHtml(res, 404, messagePage(t.title, t.off));
      return;
    }
    const raw = stringField(req.query, "token");
    if (typeof raw === "string") {
      const operator = auth.byToken(raw);
      if (!operator) {
        auth.refused(req, "wrong token in ?token=");
        sendHtml(res, 401, messagePage(t.title, t.unauthorized), { "www-authenticate": "Bearer" });
        return;
      }
      const next = stringField(req.query, "next") === "cases" ? "/dashboard/cases" : "/dashboard";
      res.writeHead(303, {
        location: next,
        "set-cookie": auth.cookie(req, auth.newSession(operator), SESSION_TTL_SECONDS),
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      });
      res.end();
      return;
    }
    const user = await auth.pageUser(req, res, t.title);
    if (!user) return;
    // a bad range is shown on the page (with the form to correct it), not sent to the API
    const range = requestedRange(req);
    let error: string | null = null;
    try {
      rangeBounds({ ...range, timeZone: deps.timeZone });
    } catch (caught) {
      if (!(caught instanceof ReportRangeError)) throw caught;
      error = rangeMessage(caught, range);
    }
    sendHtml(res, error === null ? 200 : 400, dashboardPage(deps.timeZone, { since: range.since ?? "", until: range.until ?? "", error }, user));
  });

  // "Çıkış": a plain form POST with the session's CSRF token (a cross-site form cannot end a session);
  // the session is ended on the server, so a copy of its cookie is refused too, then the browser's cookie is deleted
  server.post("/dashboard/logout", async (req, res) => {
    if (!auth.enabled) {
      sendHtml(res, 404, messagePage(t.title, t.off));
      return;
    }
    const verdict = await auth.verdict(req);
    const user = verdict.user;
    if (user && !auth.writeAllowed(req, user, stringField(req.body, "csrf") ?? req.header(CSRF_HEADER))) {
      logger.warn({ operator: user.operator }, "[dashboard] sign-out without a valid CSRF token");
      sendHtml(res, 403, messagePage(t.title, t.signOutRefused));
      return;
    }
    // the cookie stays while the session cannot be ended: deleting it would only hide that its copies still work
    const unavailable = (): void => sendHtml(res, 503, messagePage(t.title, t.signOutUnavailable), { "retry-after": String(SESSION_CHECK_RETRY_SECONDS) });
    if (verdict.unavailable) {
      unavailable();
      return;
    }
    if (user) {
      try {
        await auth.endSession(user);
      } catch (error) {
        logger.error({ err: error, operator: user.operator }, "[dashboard] could not end a session on sign-out");
        unavailable();
        return;
      }
      logger.info({ operator: user.operator }, "[dashboard] signed out");
    }
    sendHtml(res, 200, messagePage(t.title, t.signedOut), { "set-cookie": auth.cookie(req, "", 0) });
  });

  /** The JSON APIs' gate (refusals as the case API's); true when the request may go on. */
  const apiAllowed = async (req: Request, res: Response): Promise<boolean> => (await auth.apiUser(req, res)) !== null;

  server.get("/api/report", async (req: Request, res: Response) => {
    if (!(await apiAllowed(req, res))) return;
    const range = requestedRange(req);
    try {
      res.send(200, await deps.report({ ...range, timeZone: deps.timeZone }));
    } catch (error) {
      if (error instanceof ReportRangeError) {
        // `error` for programs, `message` in Turkish for the page: which date, and why
        res.send(400, { ...apiRefusal("bad-range", error.message), message: rangeMessage(error, range) });
        return;
      }
      logger.error({ err: error }, "[dashboard] report failed");
      res.send(503, apiRefusal("unavailable", "the report is unavailable (database unreachable?)"));
    }
  });

  /** One table's CSV, or null for a table there is none of (checked before anything is read). */
  const tableCsv = (table: string): ((range: ReportRange) => Promise<string>) | null => {
    if (isCsvTable(table)) return async (range) => formatCsv(await deps.report(range), table, TEXTS.dashboard.deletedEntry);
    if (table === CASES_CSV_TABLE && deps.casesCsv) return deps.casesCsv;
    return null;
  };

  // one table of the report, or the cases, as a CSV file (the same cells as `report --csv`, formula-safe)
  server.get("/api/report.csv", async (req: Request, res: Response) => {
    if (!(await apiAllowed(req, res))) return;
    const table = stringField(req.query, "table") ?? "";
    const range = requestedRange(req);
    const fail = (status: number, message: string): void => sendText(res, status, message);
    const csv = tableCsv(table);
    if (!csv) {
      fail(400, t.csvUnknownTable);
      return;
    }
    try {
      const body = await csv({ ...range, timeZone: deps.timeZone });
      sendCsv(res, ["memnun", table, range.since, range.until].filter((part) => part !== undefined).join("-"), body);
    } catch (error) {
      if (error instanceof ReportRangeError) {
        fail(400, rangeMessage(error, range));
        return;
      }
      logger.error({ err: error }, "[dashboard] CSV report failed");
      fail(503, t.failed);
    }
  });

  // one table of the editors' recommendations as a CSV file
  server.get("/api/recommendations.csv", async (req: Request, res: Response) => {
    if (!(await apiAllowed(req, res))) return;
    const table = stringField(req.query, "table") ?? "";
    if (!isRecommendationTable(table)) {
      sendText(res, 400, t.csvUnknownTable);
      return;
    }
    try {
      sendCsv(res, `memnun-recommended-${table}`, formatRecommendationsCsv(await deps.recommendations(), table));
    } catch (error) {
      logger.error({ err: error }, "[dashboard] recommendations CSV failed");
      sendText(res, 503, t.failed);
    }
  });

  server.get("/api/recommendations", async (req: Request, res: Response) => {
    if (!(await apiAllowed(req, res))) return;
    try {
      res.send(200, await deps.recommendations());
    } catch (error) {
      logger.error({ err: error }, "[dashboard] recommendations failed");
      res.send(503, apiRefusal("unavailable", "recommendations are unavailable (database unreachable?)"));
    }
  });
  return auth;
}

/** A CSV download; the byte order mark makes Excel read it as UTF-8 (Turkish letters intact). */
function sendCsv(res: Response, name: string, csv: string): void {
  const body = Buffer.from(`\uFEFF${csv}\r\n`, "utf8");
  res.writeHead(200, {
    "content-type": "text/csv; charset=utf-8",
    "content-length": body.length,
    "content-disposition": `attachment; filename="${name}.csv"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(body);
}

/** A plain-text answer (a CSV download's error, in Turkish, for the person who clicked it). */
function sendText(res: Response, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(message);
}
