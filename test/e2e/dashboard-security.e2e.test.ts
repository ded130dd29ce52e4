import type { RunningApp } from "../../bot/index";
import type { Request } from "restify";
import { TEXTS } from "../../bot/conversation/texts";
import { CSRF_HEADER, DASHBOARD_COOKIE, DashboardAuth, DashboardSessions } from "../../bot/web/dashboard";
import { MemorySessionRevocations } from "../../bot/web/session-revocations";
import { startTestApp } from "../helpers/app";
import { describePostgres, dropSchema, freshPostgresSchema, startBehindProxy, type PostgresBehindProxy } from "../helpers/postgres";
import { waitFor } from "../helpers/wait";
import { capturingLogger } from "../helpers/log";

const TOKEN = "dashboard-security-test-token";

describe("dashboard sessions", () => {
  it("expire after 8 hours, rotate after 15 minutes, and end when the token changes", () => {
    let now = Date.parse("2026-12-01T08:00:00Z");
    const sessions = new DashboardSessions(TOKEN, () => now);
    const first = sessions.issue();
    expect(sessions.issue()).not.toBe(first);
    expect(sessions.check(first).state).toBe("valid");
    now += 16 * 60_000;
    expect(sessions.check(first).state).toBe("rotate");
    const rotated = sessions.issue(sessions.check(first).started);
    expect(sessions.check(rotated).state).toBe("valid");
    now += 8 * 3600_000;
    // the rotated cookie keeps the login's expiry
    expect(sessions.check(rotated).state).toBe("invalid");
    expect(new DashboardSessions("another-dashboard-token-entirely", () => now).check(sessions.issue()).state).toBe("invalid");
    for (const bad of ["", "a.b.c.d", `${first}x`, first.replace(/^\d+/, "9")]) expect(sessions.check(bad).state).toBe("invalid");
  });
});

describe("dashboard over HTTP", () => {
  const { logger, text } = capturingLogger("info");
  let app: RunningApp;
  let plain: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ DASHBOARD_TOKEN: TOKEN, TRUST_PROXY: "true", RATE_LIMIT_CLIENT_PER_MINUTE: "8" }, logger);
    plain = await startTestApp({ DASHBOARD_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await app.close();
    await plain.close();
  });

  it("gives a new, expiring session cookie at each sign-in, Secure behind a TLS proxy only with TRUST_PROXY", async () => {
    const login = (base: string, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(`${base}/dashboard?token=${TOKEN}`, { redirect: "manual", headers });
    const behindProxy = (await login(app.url, { "x-forwarded-proto": "https" })).headers.get("set-cookie") ?? "";
    expect(behindProxy).toMatch(/; Secure/);
    expect(behindProxy).toMatch(/Max-Age=28800/);
    const again = (await login(app.url)).headers.get("set-cookie") ?? "";
    expect(again).not.toMatch(/; Secure/);
    expect(again.split(";")[0]).not.toBe(behindProxy.split(";")[0]);
    expect(again).toContain(`${DASHBOARD_COOKIE}=`);
    // without TRUST_PROXY the header is not believed
    expect((await login(plain.url, { "x-forwarded-proto": "https" })).headers.get("set-cookie") ?? "").not.toMatch(/; Secure/);
  });

  it("logs failed attempts (without the credential) and rate limits every dashboard endpoint", async () => {
    const wrong = "wrong-token-that-must-not-be-logged";
    expect((await fetch(`${app.url}/api/recommendations`, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(401);
    expect((await fetch(`${app.url}/api/report`, { headers: { cookie: `${DASHBOARD_COOKIE}=1.2.3.forged` } })).status).toBe(401);
    const log = text();
    expect(log.match(/\[dashboard\] refused a failed sign-in attempt/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(log).not.toContain(wrong);
    const refusals: Array<{ status: number; body: unknown }> = [];
    for (let i = 0; i < 10; i += 1) {
      const response = await fetch(`${app.url}/api/recommendations`, { headers: { authorization: `Bearer ${wrong}` } });
      refusals.push({ status: response.status, body: await response.json() });
    }
    // refused in the operators' APIs' one shape, with a Turkish message: by the token, then by the rate limit
    expect(refusals[0]).toEqual({ status: 401, body: { error: "a valid dashboard token is required", code: "unauthorized", message: TEXTS.apiErrors.unauthorized } });
    expect(refusals.at(-1)).toEqual({
      status: 429,
      body: { error: "Too many requests; slow down and retry later.", code: "too-many-requests", message: TEXTS.apiErrors["too-many-requests"] },
    });
    // the CSV downloads count too (a 401 here would mean tokens could be guessed through them)
    expect((await fetch(`${app.url}/api/report.csv?table=entries`, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(429);
    expect((await fetch(`${app.url}/api/recommendations.csv?table=alternates`, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(429);
  });
});

describe("signing out (Çıkış)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ DASHBOARD_TOKEN: TOKEN, OPERATOR_TOKENS: "Mehmet:mehmet-signout-token-0001" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("both pages name who is signed in and offer Çıkış, a POST with the session's CSRF token that deletes the cookie", async () => {
    const login = await fetch(`${app.url}/dashboard?token=mehmet-signout-token-0001`, { redirect: "manual" });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const csrfs: string[] = [];
    for (const path of ["/dashboard", "/dashboard/cases"]) {
      const html = await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text();
      expect([path, html]).toEqual([path, expect.stringContaining(`${TEXTS.casesPage.signedInAs} <strong id="operator">Mehmet</strong>`)]);
      expect(html).toContain(`<form class="sign-out" method="post" action="/dashboard/logout">`);
      expect(html).toContain(`>${TEXTS.dashboard.signOut}</button>`);
      csrfs.push(/name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "");
    }
    expect(csrfs[0]).not.toBe("");
    expect(csrfs[1]).toBe(csrfs[0]);
    // a bearer token has no session to end: no sign-out, but the name
    const bearer = await (await fetch(`${app.url}/dashboard`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(bearer).toContain(`<strong id="operator">dashboard</strong>`);
    expect(bearer).not.toContain(`class="sign-out"`);

    const signOut = (body: string): Promise<Response> =>
      fetch(`${app.url}/dashboard/logout`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body, redirect: "manual" });
    // another site's form cannot sign an operator out: it has no CSRF token
    const forged = await signOut("csrf=forged");
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain(TEXTS.dashboard.signOutRefused);
    expect(forged.headers.get("set-cookie")).toBeNull();
    expect((await signOut("")).status).toBe(403);
    const out = await signOut(`csrf=${encodeURIComponent(csrfs[0] ?? "")}`);
    expect(out.status).toBe(200);
    expect(await out.text()).toContain(TEXTS.dashboard.signedOut);
    expect(out.headers.get("set-cookie")).toMatch(new RegExp(`^${DASHBOARD_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0$`));
    // a browser without the cookie is signed out; without a session there is nothing to refuse
    expect((await fetch(`${app.url}/dashboard`)).status).toBe(401);
    expect((await fetch(`${app.url}/dashboard/logout`, { method: "POST" })).status).toBe(200);
  });

  it("ends the session on the server: a copy of its cookie taken before is refused everywhere, other sessions go on", async () => {
    const { copied, other } = await twoSessions(app.url, "mehmet-signout-token-0001");
    expect(await statuses(app.url, copied)).toEqual(SIGNED_IN);
    expect((await signOutWith(app.url, copied)).status).toBe(200);
    expect(await statuses(app.url, copied)).toEqual(SIGNED_OUT);
    expect(await statuses(app.url, other)).toEqual(SIGNED_IN);
    // the copy cannot sign out again (it has no session left), nor write a case change
    expect((await fetch(`${app.url}/api/cases/MMN-AAAAAA`, { method: "POST", headers: { cookie: copied, "content-type": "application/json" }, body: "{}" })).status).toBe(401);
  });
});

/** What each operators' endpoint answers a session cookie: its page, the cases page, the report API, the case API, `/healthz`'s details. */
async function statuses(base: string, cookie: string): Promise<Record<string, number | boolean>> {
  const found: Record<string, number | boolean> = {};
  for (const path of ["/dashboard", "/dashboard/cases", "/api/report", "/api/cases"]) found[path] = (await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" })).status;
  found.healthDetails = "knowledge" in ((await (await fetch(`${base}/healthz`, { headers: { cookie } })).json()) as object);
  return found;
}
const SIGNED_IN = { "/dashboard": 200, "/dashboard/cases": 200, "/api/report": 200, "/api/cases": 200, healthDetails: true };
const SIGNED_OUT = { "/dashboard": 401, "/dashboard/cases": 401, "/api/report": 401, "/api/cases": 401, healthDetails: false };

/** Two sign-ins of one operator (two browsers): their session cookies as a `Cookie` header. */
async function twoSessions(base: string, token: string): Promise<{ copied: string; other: string }> {
  const signIn = async (): Promise<string> => ((await fetch(`${base}/dashboard?token=${token}`, { redirect: "manual" })).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { copied: await signIn(), other: await signIn() };
}

/** "Çıkış" as the page's form sends it, with the session's CSRF token read from the page. */
async function signOutWith(base: string, cookie: string): Promise<Response> {
  const html = await (await fetch(`${base}/dashboard`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  expect(csrf).not.toBe("");
  return fetch(`${base}/dashboard/logout`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: `csrf=${encodeURIComponent(csrf)}`, redirect: "manual" });
}

describePostgres("signing out with instances sharing PostgreSQL", () => {
  const OPERATOR = "Ayse:ayse-shared-signout-token-01";
  let schema = "";
  const apps: RunningApp[] = [];
  let behind: PostgresBehindProxy | undefined;
  afterAll(async () => {
    for (const running of apps) await running.close();
    await behind?.close();
    if (schema) await dropSchema(schema);
  });

  it("ends the session on every instance: signed out on one, its copied cookie gets 401 on the other", async () => {
    const fresh = await freshPostgresSchema();
    schema = fresh.schema;
    const one = await startTestApp({ DATABASE_URL: fresh.url, OPERATOR_TOKENS: OPERATOR });
    apps.push(one);
    const two = await startTestApp({ DATABASE_URL: fresh.url, OPERATOR_TOKENS: OPERATOR });
    apps.push(two);
    const { copied, other } = await twoSessions(one.url, "ayse-shared-signout-token-01");
    expect(await statuses(two.url, copied)).toEqual(SIGNED_IN);
    expect((await signOutWith(two.url, copied)).status).toBe(200);
    expect(await statuses(one.url, copied)).toEqual(SIGNED_OUT);
    expect(await statuses(two.url, copied)).toEqual(SIGNED_OUT);
    expect(await statuses(one.url, other)).toEqual(SIGNED_IN);
  }, 60_000);

  it("refuses session cookies with 503 while the database is away (a sign-out must hold), keeps the cookie of a sign-out it could not store, and ends it once back", async () => {
    behind = await startBehindProxy({ OPERATOR_TOKENS: OPERATOR });
    const { app, proxy } = behind;
    const { copied } = await twoSessions(app.url, "ayse-shared-signout-token-01");
    const page = await (await fetch(`${app.url}/dashboard`, { headers: { cookie: copied } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    await proxy.cut();
    const dashboard = await fetch(`${app.url}/dashboard`, { headers: { cookie: copied } });
    expect(dashboard.status).toBe(503);
    expect(await dashboard.text()).toContain(TEXTS.dashboard.sessionUnavailable);
    const api = await fetch(`${app.url}/api/cases`, { headers: { cookie: copied } });
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: "the session cannot be checked now (database unreachable?)", code: "unavailable", message: TEXTS.apiErrors.unavailable });
    const out = await fetch(`${app.url}/dashboard/logout`, { method: "POST", headers: { cookie: copied, "content-type": "application/x-www-form-urlencoded" }, body: `csrf=${encodeURIComponent(csrf)}` });
    expect(out.status).toBe(503);
    expect(await out.text()).toContain(TEXTS.dashboard.signOutUnavailable);
    expect(out.headers.get("set-cookie")).toBeNull();
    // a bearer token has no session to check
    expect((await fetch(`${app.url}/dashboard`, { headers: { authorization: "Bearer ayse-shared-signout-token-01" } })).status).toBe(200);

    await proxy.open();
    await waitFor(async () => (await fetch(`${app.url}/dashboard`, { headers: { cookie: copied } })).status === 200, "the session to be checked again");
    expect((await signOutWith(app.url, copied)).status).toBe(200);
    expect(await statuses(app.url, copied)).toEqual(SIGNED_OUT);
  }, 90_000);
});

describe("failed dashboard sign-ins (RATE_LIMIT_AUTH_FAILURES_PER_MINUTE)", () => {
  const { logger, text } = capturingLogger("info");
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ DASHBOARD_TOKEN: TOKEN, RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: "3", RATE_LIMIT_CLIENT_PER_MINUTE: "30" }, logger);
  });
  afterAll(async () => {
    await app.close();
  });

  it("limit only failures per client: over the limit tokens get 429 unchecked, and signed-in operators keep working", async () => {
    const bearer = (token: string, path = "/api/recommendations"): Promise<Response> => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const login = await fetch(`${app.url}/dashboard?token=${TOKEN}`, { redirect: "manual" });
    expect(login.status).toBe(303);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    // sign-ins that work are not failures
    for (let i = 0; i < 5; i += 1) expect((await bearer(TOKEN, "/api/report")).status).toBe(200);
    const wrong = "wrong-token-guessed-0000";
    for (let i = 0; i < 3; i += 1) expect((await bearer(`${wrong}${i}`)).status).toBe(401);
    const limited = await bearer(`${wrong}3`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ error: "too many failed sign-ins from this client; retry later", code: "too-many-sign-ins", message: TEXTS.apiErrors["too-many-sign-ins"] });
    // the sign-in link says it on a Turkish page; while the limit lasts, no token of this client is checked, the right one neither
    const page = await fetch(`${app.url}/dashboard?token=${wrong}`, { redirect: "manual" });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain(TEXTS.dashboard.tooManySignIns);
    expect((await bearer(TOKEN)).status).toBe(429);
    expect((await fetch(`${app.url}/healthz`, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(429);
    // more refused guesses than the general limit allows: they do not use it up, so the operator signed in at this address is not locked out
    for (let i = 0; i < 40; i += 1) expect((await bearer(`${wrong}${i}`)).status).toBe(429);
    expect((await fetch(`${app.url}/api/report`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${app.url}/dashboard`, { headers: { cookie } })).status).toBe(200);
    const log = text();
    expect(log).toContain("[dashboard] refused a token unchecked: too many failed sign-ins from this client");
    expect(log).not.toContain(wrong);
  });
});

describe("operator sessions (OPERATOR_TOKENS with main's expiring, rotating sessions)", () => {
  /** The parts of a restify request the dashboard's auth reads. */
  const request = (headers: Record<string, string>): Request => {
    const fields = { header: (name: string): string | undefined => headers[name.toLowerCase()], socket: { remoteAddress: "127.0.0.1" }, url: "/dashboard", isSecure: () => false };
    return fields as unknown as Request;
  };
  const withCookie = (value: string): Request => request({ cookie: `${DASHBOARD_COOKIE}=${value}` });

  it("name the operator, keep the session's CSRF token across a rotation, and end when the operator's token changes", async () => {
    let now = Date.parse("2026-12-01T08:00:00Z");
    const ayse = { name: "ayse", token: "ayse-operator-token-0001" };
    const auth = new DashboardAuth(TOKEN, { operators: [ayse], now: () => now });
    const cookie = auth.newSession(ayse);
    const first = await auth.verdict(withCookie(cookie));
    expect(first).toMatchObject({ ok: true, user: { operator: "ayse", csrf: expect.any(String) } });
    expect(first.rotated).toBeUndefined();
    const csrf = first.user?.csrf ?? "";
    now += 16 * 60_000;
    const due = await auth.verdict(withCookie(cookie));
    expect(due.ok).toBe(true);
    const rotated = due.rotated?.value ?? "";
    expect(rotated).not.toBe(cookie);
    const after = await auth.verdict(withCookie(rotated));
    expect(after).toMatchObject({ ok: true, user: { operator: "ayse", csrf } });
    expect(after.rotated).toBeUndefined();
    const user = after.user;
    if (!user) throw new Error("no user");
    expect(auth.writeAllowed(request({ cookie: `${DASHBOARD_COOKIE}=${rotated}`, [CSRF_HEADER]: csrf }), user)).toBe(true);
    expect(auth.writeAllowed(request({ cookie: `${DASHBOARD_COOKIE}=${rotated}`, [CSRF_HEADER]: "forged" }), user)).toBe(false);
    // a bearer token needs no CSRF token; DASHBOARD_TOKEN is audited as "dashboard"
    expect(await auth.user(request({ authorization: `Bearer ${ayse.token}` }))).toEqual({ operator: "ayse", session: null, csrf: null, endsAt: null });
    expect((await auth.user(request({ authorization: `Bearer ${TOKEN}` })))?.operator).toBe("dashboard");
    // another operator's name on Ayşe's session is a forgery
    const renamed = `${rotated.slice(0, rotated.lastIndexOf("."))}.${Buffer.from("dashboard").toString("base64url")}`;
    expect((await auth.verdict(withCookie(renamed))).ok).toBe(false);
    // a new token for Ayşe ends her sessions
    expect((await new DashboardAuth(TOKEN, { operators: [{ name: "ayse", token: "ayse-new-token-000002" }], now: () => now }).verdict(withCookie(rotated))).ok).toBe(false);
    now += 8 * 3600_000;
    expect((await auth.verdict(withCookie(rotated))).ok).toBe(false);
  });

  it("end on the server at sign-out: the cookie from before its rotation is refused too, and the record goes with the session's end", async () => {
    let now = Date.parse("2026-12-01T08:00:00Z");
    const ayse = { name: "ayse", token: "ayse-operator-token-0001" };
    const revocations = new MemorySessionRevocations(() => new Date(now));
    const auth = new DashboardAuth(TOKEN, { operators: [ayse], now: () => now, revocations });
    const copied = auth.newSession(ayse);
    const other = auth.newSession(ayse);
    now += 16 * 60_000;
    const rotated = (await auth.verdict(withCookie(copied))).rotated?.value ?? "";
    const user = (await auth.verdict(withCookie(rotated))).user;
    if (!user) throw new Error("no user");
    expect(user.endsAt).toBe("2026-12-01T16:00:00.000Z");
    await auth.endSession(user);
    expect(await auth.verdict(withCookie(rotated))).toEqual({ ok: false });
    expect(await auth.verdict(withCookie(copied))).toEqual({ ok: false });
    // another session of the same operator (another browser) goes on
    expect((await auth.verdict(withCookie(other))).ok).toBe(true);
    expect(await revocations.isRevoked(user.session ?? "")).toBe(true);
    now += 8 * 3600_000;
    expect(await revocations.isRevoked(user.session ?? "")).toBe(false);
  });

  it("refuse a session cookie for now, as unavailable, while the sessions signed out cannot be read; bearer tokens go on", async () => {
    const ayse = { name: "ayse", token: "ayse-operator-token-0001" };
    const revocations = new MemorySessionRevocations();
    const auth = new DashboardAuth(TOKEN, { operators: [ayse], revocations });
    const cookie = auth.newSession(ayse);
    expect((await auth.verdict(withCookie(cookie))).ok).toBe(true);
    await revocations.close();
    expect(await auth.verdict(withCookie(cookie))).toEqual({ ok: false, unavailable: true });
    expect((await auth.verdict(request({ authorization: `Bearer ${ayse.token}` }))).ok).toBe(true);
  });

  it("refuse an operator sharing DASHBOARD_TOKEN's token or name (the configuration refuses them first)", () => {
    expect(() => new DashboardAuth(TOKEN, { operators: [{ name: "Mehmet", token: TOKEN }] })).toThrow(/^\[dashboard\] every operator needs a name and a token of their own/);
    expect(() => new DashboardAuth(TOKEN, { operators: [{ name: "dashboard", token: "other-operator-token-0001" }] })).toThrow(/name and a token of their own/);
    expect(new DashboardAuth(TOKEN, { operators: [{ name: "Mehmet", token: "mehmet-operator-token-0001" }] }).operators.map((o) => o.name)).toEqual(["Mehmet", "dashboard"]);
  });
});
