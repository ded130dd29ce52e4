import { createHmac, randomBytes } from "node:crypto";
import type { CaseReport } from "../cases/types";
import type { Operator } from "../config";
import type { Request, Response, Server } from "restify";
import { TEXTS } from "../conversation/texts";
import { ReportRangeError, type Report, type ReportRange } from "../feedback/report";
import type { Suggestions } from "../feedback/suggestions";
import { sameSecret } from "../feedback/integrity";
import type { Logger } from "../logger";
import { bearerToken } from "./direct-line";
import { dashboardPage, messagePage, sendHtml } from "./pages";
import { stringField } from "./request";

/** Name of the HttpOnly cookie a browser gets after passing `?token=` once. */
export const DASHBOARD_COOKIE = "memnun_dashboard";
/** How long that cookie lasts, in seconds. Shorter = operators pass the token more often. */
const COOKIE_MAX_AGE_SECONDS = 8 * 3600;

/** The operator name changes made with `DASHBOARD_TOKEN` are audited under. */
export const DASHBOARD_OPERATOR = "dashboard";
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
  /** Active-learning suggestions for editors (read-only here; `kb:suggest --apply` writes them). */
  suggestions: () => Promise<Suggestions>;
  logger: Logger;
}

/** The value of one cookie from a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

const mac = (token: string, text: string): string => createHmac("sha256", `memnun:dashboard:${token}`).update(text).digest("base64url");

/** Who is using the dashboard: the operator, and the browser session (null for a bearer token). */
export interface DashboardUser {
  readonly operator: string;
  readonly session: string | null;
  /** The session's CSRF token, required on writes made with the cookie; null for a bearer token. */
  readonly csrf: string | null;
}

/**
 * Dashboard sign-in for operators with named tokens. A browser passes its token once
 * (`?token=`) and gets a session cookie `<session>.<operator>.<mac>`: the token itself never
 * sits in the browser, and removing an operator's token ends their sessions. Each session has
 * its own CSRF token (a MAC of the session id), which writes must send in `x-csrf-token`.
 */
export class DashboardAuth {
  readonly operators: readonly Operator[];

  constructor(token: string | undefined, operators: readonly Operator[] = []) {
    this.operators = [...operators, ...(token ? [{ name: DASHBOARD_OPERATOR, token }] : [])];
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

  /** A new session cookie value for an operator. */
  newSession(operator: Operator): string {
    const session = randomBytes(SESSION_BYTES).toString("base64url");
    const name = Buffer.from(operator.name, "utf8").toString("base64url");
    return `${session}.${name}.${mac(operator.token, `session:${session}:${operator.name}`)}`;
  }

  /** Who sent the request (bearer token or session cookie), or null. */
  user(req: Request): DashboardUser | null {
    const bearer = bearerToken(req);
    if (bearer) {
      const operator = this.byToken(bearer);
      return operator ? { operator: operator.name, session: null, csrf: null } : null;
    }
    const [session, encoded, signature, extra] = (readCookie(req.header("cookie"), DASHBOARD_COOKIE) ?? "").split(".");
    if (!session || !encoded || !signature || extra !== undefined) return null;
    const name = Buffer.from(encoded, "base64url").toString("utf8");
    const operator = this.operators.find((o) => o.name === name);
    if (!operator || !sameSecret(signature, mac(operator.token, `session:${session}:${operator.name}`))) return null;
    return { operator: operator.name, session, csrf: mac(operator.token, `csrf:${session}`) };
  }

  /** Whether a write may go ahead: a bearer token needs no CSRF token, a cookie session needs its own. */
  writeAllowed(req: Request, user: DashboardUser): boolean {
    if (user.csrf === null) return true;
    const sent = req.header(CSRF_HEADER);
    return typeof sent === "string" && sent !== "" && sameSecret(sent, user.csrf);
  }
}

/** `/dashboard` (charts and tables) and `/api/report` (the report JSON), behind `DASHBOARD_TOKEN` or an operator's token. */
export function registerDashboard(server: Server, deps: DashboardDeps): DashboardAuth {
  const { logger } = deps;
  const t = TEXTS.dashboard;
  const auth = new DashboardAuth(deps.token, deps.operators);
  const authorized = (req: Request): boolean => auth.user(req) !== null;

  server.get("/dashboard", async (req, res) => {
    if (!auth.enabled) {
      sendHtml(res, 404, messagePage(t.title, t.off));
      return;
    }
    const raw = stringField(req.query, "token");
    if (typeof raw === "string") {
      const operator = auth.byToken(raw);
      if (!operator) {
        logger.warn("[dashboard] wrong token in ?token=");
        sendHtml(res, 401, messagePage(t.title, t.unauthorized), { "www-authenticate": "Bearer" });
        return;
      }
      const secure = req.isSecure() ? "; Secure" : "";
      const next = stringField(req.query, "next") === "cases" ? "/dashboard/cases" : "/dashboard";
      res.writeHead(303, {
        location: next,
        "set-cookie": `${DASHBOARD_COOKIE}=${auth.newSession(operator)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}${secure}`,
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      });
      res.end();
      return;
    }
    if (!authorized(req)) {
      sendHtml(res, 401, messagePage(t.title, t.unauthorized), { "www-authenticate": "Bearer" });
      return;
    }
    sendHtml(res, 200, dashboardPage());
  });

  /** The JSON APIs' gate: 404 while the dashboard is off, 401 without a valid token. */
  const apiAllowed = (req: Request, res: Response): boolean => {
    res.header("cache-control", "no-store");
    if (!auth.enabled) {
      res.send(404, { error: "the dashboard is off (DASHBOARD_TOKEN is not set)" });
      return false;
    }
    if (!authorized(req)) {
      res.header("www-authenticate", "Bearer");
      res.send(401, { error: "a valid dashboard token is required" });
      return false;
    }
    return true;
  };

  server.get("/api/report", async (req: Request, res: Response) => {
    if (!apiAllowed(req, res)) return;
    const since = stringField(req.query, "since");
    const until = stringField(req.query, "until");
    try {
      const report = await deps.report({
        since: typeof since === "string" && since !== "" ? since : undefined,
        until: typeof until === "string" && until !== "" ? until : undefined,
      });
      res.send(200, report);
    } catch (error) {
      if (error instanceof ReportRangeError) {
        res.send(400, { error: error.message });
        return;
      }
      logger.error({ err: error }, "[dashboard] report failed");
      res.send(503, { error: "the report is unavailable (database unreachable?)" });
    }
  });

  server.get("/api/suggestions", async (req: Request, res: Response) => {
    if (!apiAllowed(req, res)) return;
    try {
      res.send(200, await deps.suggestions());
    } catch (error) {
      logger.error({ err: error }, "[dashboard] suggestions failed");
      res.send(503, { error: "suggestions are unavailable (database unreachable?)" });
    }
  });
  return auth;
}
