import { createHmac, randomBytes } from "node:crypto";
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
/** How long a dashboard session lasts, in seconds, however active. Shorter = operators pass the token more often. */
const SESSION_TTL_SECONDS = 8 * 3600;
/** A session used after this many seconds gets a fresh cookie (same expiry), so a copied cookie goes stale soon. Lower = more Set-Cookie headers. */
const SESSION_ROTATE_SECONDS = 15 * 60;

export interface DashboardDeps {
  /** Undefined turns the dashboard and `/api/report` off. */
  token: string | undefined;
  report: (range: ReportRange) => Promise<Report>;
  /** Active-learning suggestions for editors (read-only here; `kb:suggest --apply` writes them). */
  suggestions: () => Promise<Suggestions>;
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
 * Dashboard sessions as signed cookie values (`<started>.<issued>.<nonce>.<mac>`), keyed by the
 * token: changing `DASHBOARD_TOKEN` ends every session. A session ends `SESSION_TTL_SECONDS`
 * after the login; a cookie older than `SESSION_ROTATE_SECONDS` is replaced by a new one.
 */
export class DashboardSessions {
  private readonly key: Buffer;

  constructor(
    token: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac("sha256", "memnun:dashboard-session").update(token).digest();
  }

  /** A new session's cookie value (a login), or a rotated one of a session started at `started`. */
  issue(started = this.seconds()): string {
    const body = `${started}.${this.seconds()}.${randomBytes(12).toString("base64url")}`;
    return `${body}.${this.mac(body)}`;
  }

  /** `valid`, `rotate` (valid, but due for a fresh cookie) or `invalid` (forged, expired, malformed). */
  check(value: string): { state: "valid" | "rotate" | "invalid"; started: number } {
    const parts = value.split(".");
    const [started, issued, nonce, mac] = parts.map((part) => part ?? "");
    if (parts.length !== 4 || !/^\d{1,12}$/.test(started ?? "") || !/^\d{1,12}$/.test(issued ?? "") || !nonce || !mac) return { state: "invalid", started: 0 };
    if (!sameSecret(mac, this.mac(`${started}.${issued}.${nonce}`))) return { state: "invalid", started: 0 };
    const now = this.seconds();
    const since = Number(started);
    if (now - since >= SESSION_TTL_SECONDS || since > now + 60) return { state: "invalid", started: since };
    return { state: now - Number(issued) >= SESSION_ROTATE_SECONDS ? "rotate" : "valid", started: since };
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

/** Whether a request came over HTTPS: its own socket, or (with `TRUST_PROXY`) the proxy's `X-Forwarded-Proto`. */
export function isHttps(req: Request, trustProxy: boolean): boolean {
  if (req.isSecure()) return true;
  if (!trustProxy) return false;
  return (req.header("x-forwarded-proto") ?? "").split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * Who may see the operators' views (the dashboard, its APIs, `/healthz` details): a request with
 * `DASHBOARD_TOKEN` as its bearer token, or with a live session cookie the dashboard gave.
 */
export class DashboardAuth {
  readonly sessions: DashboardSessions | undefined;

  constructor(
    readonly token: string | undefined,
    private readonly options: { trustProxy?: boolean; logger?: Logger; now?: () => number } = {},
  ) {
    this.sessions = token ? new DashboardSessions(token, options.now) : undefined;
  }

  authorized(req: Request): boolean {
    return this.verdict(req).ok;
  }

  /**
   * Checks the request's bearer token or session cookie; a failed attempt (a credential that is
   * wrong, forged or expired) is logged with the client address, never the credential.
   */
  verdict(req: Request): { ok: boolean; rotated?: { value: string; maxAge: number } } {
    const { token, sessions } = this;
    if (!token || !sessions) return { ok: false };
    const bearer = bearerToken(req);
    if (bearer) {
      const ok = sameSecret(bearer, token);
      if (!ok) this.refused(req, "wrong bearer token");
      return { ok };
    }
    const cookie = readCookie(req.header("cookie"), DASHBOARD_COOKIE);
    if (cookie === null) return { ok: false };
    const { state, started } = sessions.check(cookie);
    if (state === "invalid") {
      this.refused(req, "invalid or expired session cookie");
      return { ok: false };
    }
    return state === "rotate" ? { ok: true, rotated: { value: sessions.issue(started), maxAge: sessions.maxAge(started) } } : { ok: true };
  }

  /** The `Set-Cookie` value of a session cookie. */
  cookie(req: Request, value: string, maxAge: number): string {
    const secure = isHttps(req, this.options.trustProxy ?? false) ? "; Secure" : "";
    return `${DASHBOARD_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`;
  }

  refused(req: Request, reason: string): void {
    this.options.logger?.warn({ client: req.socket.remoteAddress, url: req.url, reason }, "[dashboard] refused a failed sign-in attempt");
  }
}

/** `/dashboard` (charts and tables) and `/api/report` (the report JSON), behind `DASHBOARD_TOKEN`. */
export function registerDashboard(server: Server, deps: DashboardDeps): void {
  const { token, logger } = deps;
  const t = TEXTS.dashboard;
  const auth = deps.auth ?? new DashboardAuth(token, { logger });
  /** Checks the credentials, and hands a rotated session cookie to the response. */
  const authorized = (req: Request, res: Response): boolean => {
    const verdict = auth.verdict(req);
    if (verdict.rotated) res.header("set-cookie", auth.cookie(req, verdict.rotated.value, verdict.rotated.maxAge));
    return verdict.ok;
  };

  server.get("/dashboard", async (req, res) => {
    if (!token) {
      sendHtml(res, 404, messagePage(t.title, t.off));
      return;
    }
    const raw = stringField(req.query, "token");
    if (typeof raw === "string") {
      if (!sameSecret(raw, token) || !auth.sessions) {
        auth.refused(req, "wrong token in ?token=");
        sendHtml(res, 401, messagePage(t.title, t.unauthorized), { "www-authenticate": "Bearer" });
        return;
      }
      res.writeHead(303, {
        location: "/dashboard",
        "set-cookie": auth.cookie(req, auth.sessions.issue(), SESSION_TTL_SECONDS),
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      });
      res.end();
      return;
    }
    if (!authorized(req, res)) {
      sendHtml(res, 401, messagePage(t.title, t.unauthorized), { "www-authenticate": "Bearer" });
      return;
    }
    sendHtml(res, 200, dashboardPage(deps.timeZone));
  });

  /** The JSON APIs' gate: 404 while the dashboard is off, 401 without a valid token. */
  const apiAllowed = (req: Request, res: Response): boolean => {
    res.header("cache-control", "no-store");
    if (!token) {
      res.send(404, { error: "the dashboard is off (DASHBOARD_TOKEN is not set)" });
      return false;
    }
    if (!authorized(req, res)) {
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
}
