import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import { DASHBOARD_COOKIE } from "../../bot/web/dashboard";
import { say, startTestApp, useRunningApp } from "../helpers/app";
import { isRatedAnswer } from "../helpers/connector";
import { WebhookReceiver } from "../helpers/receiver";
import { capturingLogger } from "../helpers/log";
import { waitFor } from "../helpers/wait";
import { folderWith } from "../helpers/knowledge";

/** Words of the shipped knowledge's topic (customer satisfaction), which another company's page must not show. */
const SHIPPED_TOPIC = /memnuniyet|sadakat|deneyim|CRM|CSAT|NPS|CES|ISO 10002/i;

const DASHBOARD_TOKEN = "http-test-dashboard-token";

interface Session {
  token: string;
  conversationId: string;
  userId: string;
  userToken: string;
  domain: string;
}

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { redirect: "manual", ...init });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers };
}

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

function isSession(value: unknown): value is Session {
  return typeof value === "object" && value !== null && "token" in value && "conversationId" in value && "domain" in value && "userToken" in value;
}

interface ActivitySet {
  activities: Array<{ id: string; type: string; text?: string; from: { id: string; role?: string }; suggestedActions?: { actions: Array<{ title: string; value: unknown }> } }>;
  watermark: string;
}
function isActivitySet(value: unknown): value is ActivitySet {
  return typeof value === "object" && value !== null && "activities" in value && "watermark" in value;
}

describe("local Direct Line 3.0 over HTTP", () => {
  const running = useRunningApp({ DASHBOARD_TOKEN });

  async function session(): Promise<Session> {
    const { status, body } = await json(`${running.app().url}/api/directline/token`, { method: "POST" });
    expect(status).toBe(200);
    if (!isSession(body)) throw new Error(`no session in ${JSON.stringify(body)}`);
    expect(body.domain).toBe(`${running.app().url}/v3/directline`);
    const started = await json(`${body.domain}/conversations`, { method: "POST", headers: auth(body.token) });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId: body.conversationId, token: expect.any(String), expires_in: 1800 });
    return body;
  }

  async function activities(s: Session, watermark?: string): Promise<ActivitySet> {
    const query = watermark === undefined ? "" : `?watermark=${watermark}`;
    const { status, body } = await json(`${s.domain}/conversations/${s.conversationId}/activities${query}`, { headers: auth(s.token) });
    expect(status).toBe(200);
    if (!isActivitySet(body)) throw new Error(`no activities in ${JSON.stringify(body)}`);
    return body;
  }

  it("starts a conversation with a welcome, answers a message, echoes it, and pages by watermark", async () => {
    const s = await session();
    const first = await waitFor(async () => {
      const set = await activities(s);
      return set.activities.length > 0 ? set : null;
    }, "the welcome");
    expect(first.activities[0]?.text).toContain("Merhaba, ben **Memnun**");
    const posted = await json(`${s.domain}/conversations/${s.conversationId}/activities`, {
      method: "POST",
      headers: auth(s.token),
      body: JSON.stringify({ type: "message", text: "crm nedir", from: { id: "someone-else" }, channelData: { clientActivityID: "c-1" } }),
    });
    expect(posted.status).toBe(200);
    const next = await activities(s, first.watermark);
    expect(next.activities.map((a) => a.from.role)).toEqual(["user", "bot"]);
    expect(next.activities[0]).toMatchObject({ text: "crm nedir", from: { id: s.userId }, channelData: { clientActivityID: "c-1" } });
    expect(next.activities[1]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
    expect((await activities(s, next.watermark)).activities).toEqual([]);

    const five = next.activities[1]?.suggestedActions?.actions[4];
    await json(`${s.domain}/conversations/${s.conversationId}/activities`, {
      method: "POST",
      headers: auth(s.token),
      body: JSON.stringify({ type: "message", text: five?.title, value: five?.value }),
    });
    const rated = await activities(s, next.watermark);
    expect(rated.activities.at(-1)?.text).toBe(TEXTS.ratingThanks);
  });

  it("requires a valid token and keeps each conversation to its own token", async () => {
    const a = await session();
    const b = await session();
    const url = `${a.domain}/conversations/${a.conversationId}/activities`;
    expect((await json(url)).status).toBe(401);
    expect((await json(url, { headers: auth("not.a-token") })).status).toBe(401);
    expect((await json(url, { headers: auth(`${a.token.slice(0, -2)}xx`) })).status).toBe(401);
    expect((await json(url, { headers: auth(b.token) })).status).toBe(403);
    expect((await json(url, { method: "POST", headers: auth(b.token), body: JSON.stringify({ type: "message", text: "merhaba" }) })).status).toBe(403);
    expect((await json(`${a.domain}/conversations`, { method: "POST" })).status).toBe(401);
    const refreshed = await json(`${a.domain}/tokens/refresh`, { method: "POST", headers: auth(a.token) });
    expect(refreshed.body).toMatchObject({ conversationId: a.conversationId });
  });

  it("keeps the chat page's user across page loads with the signed user token it gave, and never takes a bare, forged or foreign one", async () => {
    const tokenFor = async (body: unknown): Promise<Session> => {
      const answered = await json(`${running.app().url}/api/directline/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(answered.status).toBe(200);
      if (!isSession(answered.body)) throw new Error(`no session in ${JSON.stringify(answered.body)}`);
      return answered.body;
    };
    const first = await tokenFor({});
    expect(first.userId).toMatch(/^dl_/);
    expect(first.userToken).toEqual(expect.any(String));
    // the next page load presents it: the same user, in a new conversation, with a fresh user token
    const again = await tokenFor({ userToken: first.userToken });
    expect(again.userId).toBe(first.userId);
    expect(again.conversationId).not.toBe(first.conversationId);
    expect((await tokenFor({ userToken: again.userToken })).userId).toBe(first.userId);
    // a bare id, a tampered token, a Direct Line token, nonsense: each just gets a new user
    const [body, signature] = first.userToken.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ u: "dl_someoneelse", exp: 9_999_999_999 })).toString("base64url");
    for (const presented of [{ userId: first.userId }, { userToken: `${forgedBody}.${signature ?? ""}` }, { userToken: `${body ?? ""}.${signature?.slice(0, -2) ?? ""}xx` }, { userToken: first.token }, { userToken: 42 }, { userToken: "" }]) {
      const other = await tokenFor(presented);
      expect(other.userId).toMatch(/^dl_/);
      expect(other.userId).not.toBe(first.userId);
    }
    // without a body (an older page) too
    const plain = await json(`${running.app().url}/api/directline/token`, { method: "POST" });
    expect(plain.body).toMatchObject({ userId: expect.stringMatching(/^dl_/), userToken: expect.any(String) });
  });

  it("rejects malformed activities with 400", async () => {
    const s = await session();
    const url = `${s.domain}/conversations/${s.conversationId}/activities`;
    expect((await json(url, { method: "POST", headers: auth(s.token), body: "{not json" })).status).toBe(400);
    expect((await json(url, { method: "POST", headers: auth(s.token), body: JSON.stringify({ text: "no type" }) })).status).toBe(400);
    expect((await json(url, { method: "POST", headers: auth(s.token), body: JSON.stringify([1, 2]) })).status).toBe(400);
  });

  it("serves the chat page and Web Chat from the installed package", async () => {
    const page = await fetch(`${running.app().url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('src="/webchat/webchat.js"');
    // the shipped knowledge/bot.yaml names its topic; the code does not
    expect(html).toContain("<title>Memnun – Müşteri memnuniyeti asistanı</title>");
    expect(html).toContain("<h1>Memnun</h1><p>Müşteri memnuniyeti, sadakat, müşteri deneyimi, CRM ve CSAT/NPS/CES hakkında sorularınızı yazın.</p>");
    const bundle = await fetch(`${running.app().url}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    const length = Number(bundle.headers.get("content-length"));
    expect(length).toBeGreaterThan(1_000_000);
    // read to the end: an unread body holds its connection open, and the server's close waits for it
    expect((await bundle.arrayBuffer()).byteLength).toBe(length);
  });

  it("answers HEAD / with the page's headers and no body, and serves a favicon the page links", async () => {
    const head = await fetch(`${running.app().url}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await head.text()).toBe("");
    expect(await (await fetch(`${running.app().url}/`)).text()).toContain('<link rel="icon" href="/favicon.svg"');
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const icon = await fetch(`${running.app().url}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get("content-type")).toBe("image/svg+xml");
      expect(await icon.text()).toMatch(/^<svg /);
    }
  });
});

describe("the chat page's own words, from the knowledge's bot.yaml, over HTTP", () => {
  const CARGO = {
    "gonderi/kargom-nerede.md": "---\nid: kargom-nerede\nquestion: Kargom nerede?\n---\nTakip numaranızla gönderinizin yerini sorgulayabilirsiniz.\n",
  };
  const BOT_YAML = 'pageTitle: "Kargocu – Gönderi asistanı"\npageHeading: "Kargocu"\npageIntro: "Gönderinizi, iadenizi ve kargo ücretlerini sorun; Ali\'nin & ekibin yanıtları <hemen> burada."\n';
  let dir: string;
  let app: RunningApp;
  beforeAll(async () => {
    dir = await folderWith({ ...CARGO, "bot.yaml": BOT_YAML });
    app = await startTestApp({ KNOWLEDGE_DIR: dir });
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });
  const page = async (): Promise<string> => (await fetch(`${app.url}/`)).text();

  it("serves the editors' title, heading and intro, as plain text", async () => {
    const html = await page();
    expect(html).toContain("<title>Kargocu – Gönderi asistanı</title>");
    expect(html).toContain("<h1>Kargocu</h1><p>Gönderinizi, iadenizi ve kargo ücretlerini sorun; Ali&#39;nin &#38; ekibin yanıtları &#60;hemen&#62; burada.</p>");
    expect(html).not.toMatch(SHIPPED_TOPIC);
  });

  it("shows an edit on the next page load, a key left out in built-in words naming no topic; HEAD agrees with GET", async () => {
    await writeFile(join(dir, "bot.yaml"), 'pageTitle: "Kargocu – Yeni adımız"\n');
    const html = await waitFor(async () => {
      const text = await page();
      return text.includes("<title>Kargocu – Yeni adımız</title>") ? text : null;
    }, "the edited title");
    expect(html).toContain(`<h1>${TEXTS.bot.pageHeading}</h1><p>${TEXTS.bot.pageIntro}</p>`);
    expect(html).not.toMatch(SHIPPED_TOPIC);
    const head = await fetch(`${app.url}/`, { method: "HEAD" });
    expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(html, "utf8"));
  });
});

describe("dashboard and /api/report over HTTP", () => {
  const running = useRunningApp({ DASHBOARD_TOKEN });

  it("answers 401 without or with a wrong token, on the page and the API", async () => {
    const base = running.app().url;
    expect((await json(`${base}/dashboard`)).status).toBe(401);
    expect((await json(`${base}/dashboard`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
    expect((await json(`${base}/dashboard?token=wrong`)).status).toBe(401);
    expect((await json(`${base}/api/report`)).status).toBe(401);
    expect((await json(`${base}/api/report`, { headers: { cookie: `${DASHBOARD_COOKIE}=forged` } })).status).toBe(401);
  });

  it("serves the report JSON with the bearer token, and a cookie after ?token= once", async () => {
    const base = running.app().url;
    const report = await json(`${base}/api/report`, { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ answers: expect.any(Number), csat: expect.any(Object), nps: expect.any(Object), ces: expect.any(Object) });
    const login = await json(`${base}/dashboard?token=${DASHBOARD_TOKEN}`);
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/dashboard");
    const cookie = login.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(DASHBOARD_TOKEN);
    const pair = cookie.split(";")[0] ?? "";
    expect((await json(`${base}/dashboard`, { headers: { cookie: pair } })).status).toBe(200);
    expect((await json(`${base}/api/report`, { headers: { cookie: pair } })).status).toBe(200);
    expect((await json(`${base}/api/report?since=yesterday`, { headers: { cookie: pair } })).status).toBe(400);
  });

  const bearer = { authorization: `Bearer ${DASHBOARD_TOKEN}` };
  /** Today and tomorrow as calendar days in Istanbul (REPORT_TIMEZONE's default). */
  const istanbulDay = (offsetDays = 0): string =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul" }).format(new Date(Date.now() + offsetDays * 86_400_000));

  it("reports by channel, by Istanbul day and ISO week, within a date range", async () => {
    const { app, connector } = { app: running.app(), connector: running.connector() };
    // one rated answer in the Emulator, one unanswerable question in the web chat (local Direct Line)
    const replies = await say(app, connector, "channels-1", "müşteri sadakati nedir");
    const rate = replies.find((m) => isRatedAnswer(m, TEXTS.ratePrompt))?.suggestedActions?.actions[4];
    await say(app, connector, "channels-1", { title: rate?.title ?? "", value: rate?.value });
    const { body: token } = await json(`${app.url}/api/directline/token`, { method: "POST" });
    if (!isSession(token)) throw new Error("no Direct Line session");
    await json(`${token.domain}/conversations`, { method: "POST", headers: auth(token.token) });
    const posted = await json(`${token.domain}/conversations/${token.conversationId}/activities`, {
      method: "POST",
      headers: auth(token.token),
      body: JSON.stringify({ type: "message", from: { id: token.userId }, text: "=HYPERLINK(\"http://x\") zzqx" }),
    });
    expect(posted.status).toBe(200);

    type Body = { range: unknown; channels: Array<{ channel: string }>; trend: Array<{ day: string; responses: number }>; weeks: Array<{ week: string; responses: number }> };
    const today = istanbulDay();
    // question logs are written behind the turn (within LOG_DELAY_MS): wait for them
    const report = await waitFor(async () => {
      const { body } = await json(`${app.url}/api/report?since=${today}&until=${today}`, { headers: bearer });
      const found = body as Body;
      return found.channels.some((c) => c.channel === "directline") && found.channels.some((c) => c.channel === "emulator") ? found : undefined;
    }, "both channels in the report");
    expect(report.range).toEqual({ since: today, until: today, timeZone: "Europe/Istanbul" });
    expect(report.channels).toEqual(
      expect.arrayContaining([
        { channel: "emulator", questions: 1, unanswered: 0, answers: 1, ratings: 1, csat: 100, average: 5 },
        expect.objectContaining({ channel: "directline", questions: 1, unanswered: 1, answers: 0, ratings: 0 }),
      ]),
    );
    expect(report.trend).toEqual([{ day: today, responses: 1, csat: 100 }]);
    expect(report.weeks).toEqual([expect.objectContaining({ week: expect.stringMatching(/^\d{4}-W\d{2}$/), responses: 1 })]);
    // the next Istanbul day has nothing yet
    const tomorrow = istanbulDay(1);
    expect(((await json(`${app.url}/api/report?since=${tomorrow}`, { headers: bearer })).body as Body).trend).toEqual([]);

    // each table as a CSV download, formula-safe
    const csv = async (table: string): Promise<{ status: number; text: string; headers: Headers }> => {
      const response = await fetch(`${app.url}/api/report.csv?table=${table}&since=${today}`, { headers: bearer });
      // bytes, not response.text(): that would drop the byte order mark
      return { status: response.status, text: Buffer.from(await response.arrayBuffer()).toString("utf8"), headers: response.headers };
    };
    const channels = await csv("channels");
    expect(channels.status).toBe(200);
    expect(channels.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(channels.headers.get("content-disposition")).toBe(`attachment; filename="memnun-channels-${today}.csv"`);
    expect(channels.text.split("\r\n")[0]).toBe("\uFEFFchannel,questions,unanswered,answers,ratings,csat_percent,average");
    expect(channels.text).toContain("emulator,1,0,1,1,100,5");
    const unanswered = await csv("unanswered");
    expect(unanswered.text).toContain(`"'=HYPERLINK(""http://x"") zzqx"`);
    for (const table of ["entries", "comments", "trend", "weeks"]) expect((await csv(table)).status).toBe(200);
    const bogus = await csv("secrets");
    expect(bogus.status).toBe(400);
    expect(bogus.text).toBe(TEXTS.dashboard.csvUnknownTable);
    expect((await fetch(`${app.url}/api/report.csv?table=entries`)).status).toBe(401);
  });

  it("refuses a bad date range with 400 and a Turkish message, on the page, the API and the CSV", async () => {
    const base = running.app().url;
    const page = await json(`${base}/dashboard?since=2026-13-01`, { headers: bearer });
    expect(page.status).toBe(400);
    expect(String(page.body)).toContain("Geçersiz tarih: “2026-13-01”");
    // the form keeps what was typed, escaped
    const hostile = await json(`${base}/dashboard?until=${encodeURIComponent('"><script>x</script>')}`, { headers: bearer });
    expect(hostile.status).toBe(400);
    expect(String(hostile.body)).not.toContain("<script>x</script>");
    const reversed = await json(`${base}/api/report?since=2026-12-02&until=2026-12-01`, { headers: bearer });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ error: expect.stringMatching(/^\[report\]/), message: "Başlangıç tarihi (2026-12-02) bitiş tarihinden (2026-12-01) sonra olamaz." });
    const csv = await fetch(`${base}/api/report.csv?table=entries&until=31.12.2026`, { headers: bearer });
    expect(csv.status).toBe(400);
    expect(await csv.text()).toContain("Geçersiz tarih");
    expect((await json(`${base}/dashboard?since=2026-12-01&until=2026-12-02`, { headers: bearer })).status).toBe(200);
  });
});

describe("dashboard without DASHBOARD_TOKEN", () => {
  const running = useRunningApp({});

  it("is off and says so", async () => {
    const page = await json(`${running.app().url}/dashboard`);
    expect(page.status).toBe(404);
    expect(String(page.body)).toContain("DASHBOARD_TOKEN");
    expect(await json(`${running.app().url}/api/report`)).toMatchObject({
      status: 404,
      body: { error: "the dashboard is off (DASHBOARD_TOKEN and OPERATOR_TOKENS are not set)", code: "dashboard-off", message: TEXTS.apiErrors["dashboard-off"] },
    });
  });
});

/**
 * With `DIRECT_LINE_SECRET`, the chat page's token comes from Azure's Direct Line service at
 * `DIRECT_LINE_DOMAIN`; here a real HTTP server on loopback stands in for it.
 */
describe("the chat page's token from the Direct Line service (DIRECT_LINE_SECRET)", () => {
  const SECRET = "direct-line-secret-never-to-be-shown-0042";
  let reply = { status: 200, body: "" };
  let service: WebhookReceiver;
  let domain: string;
  let app: RunningApp;
  const log = capturingLogger("debug");

  beforeAll(async () => {
    service = await new WebhookReceiver().start();
    service.status = () => reply.status;
    service.body = () => reply.body;
    domain = `${new URL(service.url).origin}/v3/directline`;
    app = await startTestApp({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_DOMAIN: domain }, log.logger);
  });
  afterAll(async () => {
    await app?.close();
    await service?.stop();
  });

  const token = async (userToken?: string): Promise<{ status: number; body: unknown }> => {
    const request = userToken === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify({ userToken }) };
    const { status, body } = await json(`${app.url}/api/directline/token`, { method: "POST", ...request });
    return { status, body };
  };

  it("asks the service with the secret for the page's user, and gives the page its token, conversation and domain", async () => {
    reply = { status: 200, body: JSON.stringify({ conversationId: "service-conversation", token: "service-token", expires_in: 3600 }) };
    const { status, body } = await token();
    expect(status).toBe(200);
    expect(body).toEqual({ token: "service-token", conversationId: "service-conversation", userId: expect.stringMatching(/^dl_/), userToken: expect.any(String), expires_in: 3600, domain });
    const asked = service.requests.at(-1);
    expect(asked).toMatchObject({ method: "POST", url: "/v3/directline/tokens/generate", authorization: `Bearer ${SECRET}` });
    const page = body as { userId: string; userToken: string };
    expect(JSON.parse(asked?.body ?? "")).toEqual({ user: { id: page.userId } });
    // the page's next load is the same user at the service too
    expect((await token(page.userToken)).body).toMatchObject({ userId: page.userId });
    expect(JSON.parse(service.requests.at(-1)?.body ?? "")).toEqual({ user: { id: page.userId } });
  });

  it("answers 502 when the service fails, answers nonsense or cannot be reached, and shows the secret to no one", async () => {
    const failures = [
      { status: 500, body: JSON.stringify({ error: { code: "ServiceError", message: "x".repeat(100_000) } }) },
      { status: 403, body: JSON.stringify({ error: { code: "BadArgument" } }) },
      { status: 200, body: "<html>not json</html>" },
      { status: 200, body: JSON.stringify({ conversationId: "c", expires_in: 3600 }) },
    ];
    for (const failure of failures) {
      reply = failure;
      const answered = await token();
      expect(answered).toEqual({ status: 502, body: { error: "Direct Line token unavailable" } });
    }
    expect(service.requests.length).toBeGreaterThanOrEqual(failures.length);
    await service.stop();
    expect(await token()).toEqual({ status: 502, body: { error: "Direct Line token unavailable" } });
    const logged = log.text();
    expect(logged.match(/token from Direct Line service failed/g)).toHaveLength(failures.length + 1);
    expect(logged).not.toContain(SECRET);
  });
});
