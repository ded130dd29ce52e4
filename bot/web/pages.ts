import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Response, Server } from "restify";
import { TEXTS } from "../conversation/texts";
import type { BotTexts } from "../knowledge/parse-bot-texts";
import { MAX_BODY_BYTES } from "../server/activity-guard";
import { DIRECT_LINE_TUNING } from "./conversation-logs";

/** Browsers may keep the vendored bundles this long; they change only with a package update. */
const ASSET_MAX_AGE_SECONDS = 86_400;

/** The folder of an installed package (its `exports` hide `package.json` and `dist/`). */
export function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
      if (parsed && typeof parsed === "object" && "name" in parsed && parsed.name === name) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`[web] cannot find the folder of package ${name}`);
    dir = parent;
  }
}

/** `bot/web/public`, from the sources (tsx) or from the compiled `dist/bot/web`. */
export function publicDir(): string {
  const candidates = [join(__dirname, "public"), join(__dirname, "..", "..", "..", "bot", "web", "public")];
  const found = candidates.find((dir) => existsSync(join(dir, "chat.js")));
  if (!found) throw new Error(`[web] static files not found in ${candidates.join(" or ")}`);
  return found;
}

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON safe to embed in a `<script type="application/json">` element. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** A file loaded once, served with a content type and caching. */
export class StaticFile {
  private readonly body: Buffer;

  constructor(
    path: string,
    private readonly contentType: string,
    private readonly maxAge = ASSET_MAX_AGE_SECONDS,
  ) {
    this.body = readFileSync(path);
  }

  send(res: Response): void {
    res.writeHead(200, {
      "content-type": this.contentType,
      "content-length": this.body.length,
      "cache-control": `public, max-age=${this.maxAge}`,
      "x-content-type-options": "nosniff",
    });
    res.end(this.body);
  }
}

/** Sends an HTML page with the security headers every page gets. */
export function sendHtml(res: Response, status: number, html: string, extraHeaders: Record<string, string> = {}): void {
  const body = Buffer.from(html, "utf8");
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": body.length,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "content-security-policy":
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; media-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ...extraHeaders,
  });
  res.end(body);
}

const PAGE_STYLE = `
  :root { color-scheme: light; font-family: "Segoe UI", system-ui, sans-serif; }
  html, body { height: 100%; }
  body { margin: 0; background: #f4f6f8; color: #1d2733; display: flex; flex-direction: column; height: 100dvh; }
  body > header { padding: 12px 20px; background: #0b5cad; color: #fff; flex: none; }
  body > header h1 { margin: 0; font-size: 20px; }
  body > header p { margin: 4px 0 0; font-size: 14px; opacity: .9; }
  main { flex: 1; min-height: 0; width: 100%; max-width: 880px; margin: 0 auto; }
  #webchat { height: 100%; background: #fff; }
  .notice { padding: 16px 20px; }
  /* card buttons (follow-up questions) wrap instead of ending in "…" */
  #webchat .ac-pushButton, #webchat .ac-pushButton > div { white-space: normal !important; text-overflow: clip !important; overflow: visible !important; height: auto !important; }
  /* so do suggested actions ("did you mean" options, help topics), whose questions often begin
     alike: their boxes grow with the text, and a button stays at least as tall as before */
  #webchat .webchat__suggested-actions__flow-item-box, #webchat .webchat__suggested-actions__item-box { height: auto !important; overflow: visible !important; }
  #webchat .webchat__suggested-action { white-space: normal !important; height: auto !important; min-height: 40px; padding-top: 6px; padding-bottom: 6px; }
  #webchat .webchat__suggested-action__text { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere; text-align: start; }
  /* on a phone the header is one slim line */
  @media (max-width: 480px) {
    body > header { padding: 6px 12px; }
    body > header h1 { font-size: 16px; }
    body > header p { display: none; }
  }
`;

/** A Turkish HTML page: the shared head (charset, viewport, title, inline style) around `body`. */
function htmlPage(title: string, style: string, body: string): string {
  return `<!doctype html>
<html lang="tr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** The chat page's own words: its title, heading and intro name what the bot answers about. */
export type ChatPageTexts = Pick<BotTexts, "pageTitle" | "pageHeading" | "pageIntro">;

/**
 * The chat page: Microsoft Web Chat from the installed package, talking Direct Line. Its one main
 * landmark is `<main>` (Web Chat inside it is a plain region, see chat.js), and the bot is named
 * for screen readers by the page's heading (`pageHeading`), the name the customer sees.
 */
export function chatPage(own: ChatPageTexts): string {
  const t = TEXTS.page;
  return htmlPage(
    own.pageTitle,
    PAGE_STYLE,
    `<header><h1>${escapeHtml(own.pageHeading)}</h1><p>${escapeHtml(own.pageIntro)}</p></header>
<main>
  <div id="webchat" data-failed="${escapeHtml(t.failed)}" data-waiting="${escapeHtml(t.waiting)}"><p class="notice">${escapeHtml(t.loading)}</p></div>
  <noscript><p class="notice">${escapeHtml(t.noScript)}</p></noscript>
</main>
<script type="application/json" id="chat-settings">${embedJson({ pollingInterval: DIRECT_LINE_TUNING.POLL_INTERVAL_MS, maxBodyBytes: MAX_BODY_BYTES, botName: own.pageHeading, inputLabel: t.inputLabel })}</script>
<script src="/webchat/webchat.js"></script>
<script src="/assets/direct-line.js"></script>
<script src="/assets/chat.js"></script>`,
  );
}

const DASHBOARD_STYLE = `
  :root { font-family: "Segoe UI", system-ui, sans-serif; color: #1d2733; }
  body { margin: 0; background: #f4f6f8; }
  header { padding: 12px 20px; background: #0b5cad; color: #fff; }
  header h1 { margin: 0; font-size: 20px; }
  header nav { margin-top: 4px; font-size: 14px; }
  header nav a { color: #fff; margin-right: 16px; }
  main { padding: 16px 20px; display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); }
  /* a customer's long word (a pasted URL, an order number) breaks anywhere instead of widening the
     page; in tables only in the cells that hold one (dom.js marks them), so other columns keep
     their words whole */
  main p, main li, td.long-word { overflow-wrap: anywhere; }
  section { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); min-width: 0; }
  section.wide { grid-column: 1 / -1; }
  h2 { font-size: 16px; margin: 0 0 8px; }
  .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
  .kpi strong { display: block; font-size: 26px; }
  .kpi span { font-size: 13px; color: #55606e; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e5e8ec; vertical-align: top; }
  canvas { max-height: 260px; }
  header form { margin-top: 8px; font-size: 14px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  header form a { color: #fff; }
  header nav form.sign-out { display: inline-flex; margin: 0 0 0 16px; }
  .error { color: #b3261e; font-weight: 600; }
  .csv { font-size: 13px; margin-left: 8px; font-weight: normal; }
`;

/** Who is signed in on an operators' page: their name, and the session's CSRF token (null for a bearer token, which has no session to end). */
export interface PageSession {
  readonly operator: string;
  readonly csrf: string | null;
}

/**
 * The operators' pages' header part naming who is signed in ("Oturum: Ayşe"), with "Çıkış": a
 * form POSTing the session's CSRF token to `/dashboard/logout`, which deletes the cookie.
 */
function sessionNav(session: PageSession): string {
  const t = TEXTS.dashboard;
  const signOut =
    session.csrf === null
      ? ""
      : `<form class="sign-out" method="post" action="/dashboard/logout"><input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}"><button type="submit" id="sign-out">${escapeHtml(t.signOut)}</button></form>`;
  return `<span>${escapeHtml(TEXTS.casesPage.signedInAs)} <strong id="operator">${escapeHtml(session.operator)}</strong></span>${signOut}`;
}

/** The date range a dashboard shows (`YYYY-MM-DD` or empty), and the Turkish message when it is unusable. */
export interface DashboardRange {
  readonly since: string;
  readonly until: string;
  readonly error: string | null;
}

/**
 * The dashboard shell: the date range form, then what its script draws from `/api/report`. With
 * an unusable range the page says why and the script fetches nothing.
 */
export function dashboardPage(timeZone: string, range: DashboardRange = { since: "", until: "", error: null }, session: PageSession | null = null): string {
  const t = { ...TEXTS.dashboard, timeZone };
  const date = (name: "since" | "until", label: string, value: string): string =>
    `<label>${escapeHtml(label)} <input type="date" name="${name}" id="range-${name}" value="${escapeHtml(value)}"></label>`;
  const status = range.error === null ? `<p id="status">${escapeHtml(t.loading)}</p>` : `<p id="status" class="error" role="alert">${escapeHtml(range.error)}</p>`;
  return htmlPage(
    t.title,
    DASHBOARD_STYLE,
    `<header><h1>${escapeHtml(t.title)}</h1><nav><a href="/dashboard/cases">${escapeHtml(TEXTS.casesPage.title)}</a>${session ? sessionNav(session) : ""}</nav>
<form id="range" method="get" action="/dashboard" aria-label="${escapeHtml(t.rangeLegend)}">${date("since", t.since, range.since)} ${date("until", t.until, range.until)} <button type="submit">${escapeHtml(t.apply)}</button> <a href="/dashboard">${escapeHtml(t.allTime)}</a></form></header>
<main id="dashboard"><section class="wide">${status}</section></main>
<script type="application/json" id="texts">${embedJson(t)}</script>
<script type="application/json" id="range-data">${embedJson(range)}</script>
<script src="/dashboard/chart.js"></script>
<script src="/assets/dom.js"></script>
<script src="/assets/format.js"></script>
<script src="/assets/dashboard.js"></script>`,
  );
}

const CASES_STYLE = `${DASHBOARD_STYLE}
  main { display: block; }
  section { margin-bottom: 16px; }
  form.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 12px; }
  tr.overdue td { background: #fde8e8; }
  tr.overdue td.age { color: #b3261e; font-weight: 600; }
  tbody tr { cursor: pointer; }
  tbody tr:hover td { background: #eef4fb; }
  /* the case's button reads as its reference, as the cell did before, with the keyboard's focus ring */
  button.open-case { font: inherit; color: #0b5cad; background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; }
  form.filters .field { display: inline-flex; gap: 6px; align-items: center; }
  #detail textarea { width: 100%; min-height: 60px; }
  #detail .notes li { margin-bottom: 4px; }
  .muted { color: #55606e; font-size: 13px; }
  .pager { display: flex; gap: 12px; margin-top: 12px; }
`;

/**
 * The cases page shell; its script fetches `/api/cases` and posts changes with the session's CSRF
 * token, and shows times in `timeZone` (`REPORT_TIMEZONE`) as the dashboard does.
 */
export function casesPage(operator: string, csrf: string, responseHours: number, timeZone: string): string {
  const t = { ...TEXTS.casesPage, timeZone, channelNames: TEXTS.dashboard.channelNames, errors: TEXTS.apiErrors };
  return htmlPage(
    t.title,
    CASES_STYLE,
    `<header><h1>${escapeHtml(t.title)}</h1><nav><a href="/dashboard">${escapeHtml(t.backToReport)}</a>${sessionNav({ operator, csrf: csrf === "" ? null : csrf })}</nav></header>
<main id="cases"><p id="status">${escapeHtml(TEXTS.dashboard.loading)}</p></main>
<script type="application/json" id="texts">${embedJson(t)}</script>
<script type="application/json" id="session">${embedJson({ csrf, responseHours })}</script>
<script src="/assets/dom.js"></script>
<script src="/assets/format.js"></script>
<script src="/assets/cases.js"></script>`,
  );
}

/** A short Turkish message page (dashboard off, unauthorized). */
export function messagePage(title: string, message: string): string {
  return htmlPage(title, PAGE_STYLE, `<header><h1>${escapeHtml(title)}</h1></header><p class="notice">${escapeHtml(message)}</p>`);
}

/** A speech bubble with a smile, in the chat page's accent colour. */
const FAVICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path fill="#5B5FC7" d="M8 10h48a4 4 0 0 1 4 4v28a4 4 0 0 1-4 4H26l-12 10v-10H8a4 4 0 0 1-4-4V14a4 4 0 0 1 4-4z"/><path fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" d="M22 27q10 10 20 0"/></svg>',
  "utf8",
);

/**
 * `GET /` (the chat page) and the scripts it and the dashboard load, all from installed packages
 * or this repo. `texts` gives the page's own words as the knowledge holds them now (editors'
 * `bot.yaml`): the page is built per request, so an edit shows on the next page load.
 */
export function registerPages(server: Server, texts: () => ChatPageTexts): void {
  const webchat = new StaticFile(join(packageDir("botframework-webchat"), "dist", "webchat.js"), "text/javascript; charset=utf-8");
  const chart = new StaticFile(join(packageDir("chart.js"), "dist", "chart.umd.js"), "text/javascript; charset=utf-8");
  const chatScript = new StaticFile(join(publicDir(), "chat.js"), "text/javascript; charset=utf-8", 0);
  const directLineScript = new StaticFile(join(publicDir(), "direct-line.js"), "text/javascript; charset=utf-8", 0);
  const dashboardScript = new StaticFile(join(publicDir(), "dashboard.js"), "text/javascript; charset=utf-8", 0);
  const casesScript = new StaticFile(join(publicDir(), "cases.js"), "text/javascript; charset=utf-8", 0);
  const domScript = new StaticFile(join(publicDir(), "dom.js"), "text/javascript; charset=utf-8", 0);
  const formatScript = new StaticFile(join(publicDir(), "format.js"), "text/javascript; charset=utf-8", 0);

  server.get("/", async (_req, res) => sendHtml(res, 200, chatPage(texts())));
  // load balancers and link checkers ask with HEAD: the page's headers, no body
  server.head("/", async (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(chatPage(texts()), "utf8"), "cache-control": "no-store" });
    res.end();
  });
  for (const path of ["/favicon.svg", "/favicon.ico"]) {
    server.get(path, async (_req, res) => {
      res.writeHead(200, { "content-type": "image/svg+xml", "content-length": FAVICON.length, "cache-control": "public, max-age=86400" });
      res.end(FAVICON);
    });
  }
  server.get("/webchat/webchat.js", async (_req, res) => webchat.send(res));
  server.get("/dashboard/chart.js", async (_req, res) => chart.send(res));
  server.get("/assets/chat.js", async (_req, res) => chatScript.send(res));
  server.get("/assets/direct-line.js", async (_req, res) => directLineScript.send(res));
  server.get("/assets/dashboard.js", async (_req, res) => dashboardScript.send(res));
  server.get("/assets/cases.js", async (_req, res) => casesScript.send(res));
  server.get("/assets/dom.js", async (_req, res) => domScript.send(res));
  server.get("/assets/format.js", async (_req, res) => formatScript.send(res));
}
