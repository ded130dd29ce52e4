import { createHash } from "node:crypto";
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

export interface DashboardDeps {
  /** Undefined turns the dashboard and `/api/report` off. */
  token: string | undefined;
  report: (range: ReportRange) => Promise<Report>;
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

/** The cookie value for a token: its digest, so the token itself never sits in the browser. */
const cookieValue = (token: string): string => createHash("sha256").update(`memnun:dashboard:${token}`).digest("hex");

/** `/dashboard` (charts and tables) and `/api/report` (the report JSON), behind `DASHBOARD_TOKEN`. */
export function registerDashboard(server: Server, deps: DashboardDeps): void {
  const { token, logger } = deps;
  const t = TEXTS.dashboard;

  const authorized = (req: Request): boolean => {
    if (!token) return false;
    const bearer = bearerToken(req);
    if (bearer) return sameSecret(bearer, token);
    const cookie = readCookie(req.header("cookie"), DASHBOARD_COOKIE);
    return cookie !== null && sameSecret(cookie, cookieValue(token));
  };

  server.get("/dashboard", async (req, res) => {
    if (!token) {
      sendHtml(res, 404, messagePage(t.title, t.off));
      return;
    }
    const raw = stringField(req.query, "token");
    if (typeof raw === "string") {
      if (!sameSecret(raw, token)) {
        logger.warn("[dashboard] wrong token in ?token=");
        sendHtml(res, 401, messagePage(t.title, t.unauthorized), { "www-authenticate": "Bearer" });
        return;
      }
      const secure = req.isSecure() ? "; Secure" : "";
      res.writeHead(303, {
        location: "/dashboard",
        "set-cookie": `${DASHBOARD_COOKIE}=${cookieValue(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}${secure}`,
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
    if (!token) {
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
}
