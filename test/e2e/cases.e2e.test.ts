import type { RunningApp } from "../../bot/index";
import { findReference } from "../../bot/cases/reference";
import { TEXTS } from "../../bot/conversation/texts";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
import { DASHBOARD_COOKIE } from "../../bot/web/dashboard";
import { SqlCaseStore } from "../../bot/cases/store";
import { openDatabase } from "../../bot/storage/database";
import { newCase } from "../storage/contract";
import { emulatorActivity, post, say, startTestApp, tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, tsxRun } from "../helpers/cli";
import { isRatedAnswer, LocalConnector, type SentActivity } from "../helpers/connector";
import { WebhookReceiver } from "../helpers/receiver";
import { waitFor } from "../helpers/wait";

const T = TEXTS.cases;
const AYSE = "ayse-operator-token-0123456789";
const MEHMET = "mehmet-operator-token-0123456789";

const pick = (reply: SentActivity | undefined, prefix: string): { title: string; value: unknown } => {
  const found = reply?.suggestedActions?.actions.find((a) => a.title.startsWith(prefix));
  if (!found) throw new Error(`no "${prefix}…" button in ${JSON.stringify(reply)}`);
  return { title: found.title, value: found.value };
};

describe("cases over real HTTP: a complaint, an operator's answer, the customer told", () => {
  let connector: LocalConnector;
  let receiver: WebhookReceiver;
  let app: RunningApp;
  const conversation = "case-e2e-1";
  let reference = "";
  const dataDir = tempDataDir();
  const api = (path: string, init: RequestInit = {}, token = AYSE): Promise<Response> =>
    fetch(`${app.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });

  beforeAll(async () => {
    connector = await new LocalConnector().start();
    receiver = await new WebhookReceiver().start();
    app = await startTestApp({ OPERATOR_TOKENS: `Ayşe:${AYSE},Mehmet:${MEHMET}`, ALERT_WEBHOOK_URL: receiver.url, CASE_RESPONSE_HOURS: "24", DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
    await receiver.stop();
  });

  it("opens a case from a complaint, names the reference and the 24 hours, and alerts the webhook", async () => {
    const offer = await say(app, connector, conversation, "şikayet etmek istiyorum");
    expect(offer.map((m) => m.text)).toEqual([T.offerComplaint]);
    expect((await say(app, connector, conversation, pick(offer[0], "Şikayet"))).map((m) => m.text)).toEqual([T.describe]);
    const created = await say(app, connector, conversation, "Faturam iki kez kesildi, kimse dönmedi");
    reference = findReference(created[0]?.text ?? "") ?? "";
    expect(created.map((m) => m.text)).toEqual([fillTemplate(T.created, { reference, hours: 24 }), T.consentQuestion]);
    await waitFor(() => receiver.bodies.length >= 1, "the new case alert");
    expect(receiver.bodies[0]).toMatchObject({ kind: "case-created", reference, text: "Faturam iki kez kesildi, kimse dönmedi", channel: "emulator" });
    const ask = await say(app, connector, conversation, pick(created[1], T.consentYesButton));
    expect(ask.map((m) => m.text)).toEqual([T.askContact]);
    expect((await say(app, connector, conversation, "ayse@example.com")).map((m) => m.text)).toEqual([T.contactSaved]);
  });

  it("opens nothing and alerts nobody when the customer calls the description off", async () => {
    const other = "case-e2e-cancel";
    const offer = await say(app, connector, other, "şikayet etmek istiyorum");
    expect((await say(app, connector, other, pick(offer[0], "Şikayet"))).map((m) => m.text)).toEqual([T.describe]);
    expect((await say(app, connector, other, "vazgeçtim")).map((m) => m.text)).toEqual([T.declined]);
    // the only case and the only alert are the first test's (checked once no alert waits, in "reports the case figures")
    expect(((await (await api("/api/cases")).json()) as { cases: Array<{ reference: string }> }).cases.map((c) => c.reference)).toEqual([reference]);
  });

  it("refuses an NPS score posted to a conversation never asked: nothing stored, nobody alerted", async () => {
    const replies = await say(app, connector, "case-e2e-forged-nps", { title: "0", value: { action: "nps", score: 0 } });
    expect(replies.map((m) => m.text)).toEqual([TEXTS.invalidFeedback]);
    // the only alert is the first test's (checked once no alert waits, in "reports the case figures")
    expect(((await (await api("/api/report")).json()) as { nps: { responses: number } }).nps.responses).toBe(0);
  });

  it("lists the case for operators, with filters; refuses strangers and malformed requests", async () => {
    const list = (await (await api("/api/cases")).json()) as { cases: Array<{ reference: string; contact: string | null; overdue: boolean }>; responseHours: number };
    expect(list.responseHours).toBe(24);
    expect(list.cases).toEqual([expect.objectContaining({ reference, contact: "ayse@example.com", overdue: false })]);
    // the conversation reference names the customer by the channel's ids: kept to message them back, never shown
    expect(JSON.stringify(list)).not.toContain("conversationRef");
    expect(JSON.stringify(await (await api(`/api/cases/${reference}`)).json())).not.toContain(conversation);
    expect(((await (await api("/api/cases?status=closed")).json()) as { cases: unknown[] }).cases).toEqual([]);
    expect(((await (await api("/api/cases?overdue=1")).json()) as { cases: unknown[] }).cases).toEqual([]);
    expect((await api("/api/cases", {}, "wrong-token-0123456789")).status).toBe(401);
    expect((await api("/api/cases/not-a-reference")).status).toBe(400);
    expect((await api("/api/cases/MMN-AAAAAA")).status).toBe(404);
    expect((await api(`/api/cases/${reference}`, { method: "POST", body: JSON.stringify({ status: "weird" }) })).status).toBe(400);
    expect((await api(`/api/cases/${reference}`, { method: "POST", body: "{not json" })).status).toBe(400);
    expect((await api(`/api/cases/${reference}`, { method: "POST", body: JSON.stringify({}) })).status).toBe(400);
    expect((await api("/api/cases/MMN-AAAAAA", { method: "POST", body: JSON.stringify({ status: "closed" }) })).status).toBe(404);
  });

  it("refuses with a stable code, a Turkish message for the page and the English reason for programs", async () => {
    const E = TEXTS.apiErrors;
    const refusal = async (response: Response): Promise<{ status: number; body: { code?: string; message?: string; error?: string } }> => ({
      status: response.status,
      body: (await response.json()) as { code?: string; message?: string; error?: string },
    });
    const change = (body: unknown, path = `/api/cases/${reference}`): Promise<Response> => api(path, { method: "POST", body: JSON.stringify(body) });

    expect(await refusal(await change({}))).toEqual({
      status: 400,
      body: { code: "nothing-to-change", message: E["nothing-to-change"], error: "[cases] nothing to change: give a new status or a note" },
    });
    // the status it already has is no change either
    expect((await refusal(await change({ status: "open" }))).body.code).toBe("nothing-to-change");
    const tooLong = await refusal(await change({ publicNote: "x".repeat(2_001), internalNote: 5 }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe("invalid-change");
    expect(tooLong.body.message).toBe(
      fillTemplate(E["invalid-change"], { problems: `${TEXTS.casesPage.publicNote} en fazla 2.000 karakter olabilir; ${TEXTS.casesPage.internalNote} metin olmalı` }),
    );
    expect(tooLong.body.error).toMatch(/^invalid change: publicNote: Too big/);
    const weird = await refusal(await change({ status: "weird", colour: "red" }));
    expect(weird.body).toMatchObject({ code: "invalid-change", message: expect.stringContaining(`${TEXTS.casesPage.newStatus} bilinmeyen bir değer; bilinmeyen alan: colour`) });
    expect((await refusal(await change([1, 2]))).body).toMatchObject({ code: "invalid-change", message: fillTemplate(E["invalid-change"], { problems: "istek bir JSON nesnesi olmalı" }) });
    expect(await refusal(await change({ status: "closed" }, "/api/cases/MMN-AAAAAA"))).toMatchObject({
      status: 404,
      body: { code: "not-found", message: fillTemplate(E["not-found"], { reference: "MMN-AAAAAA" }) },
    });
    expect(await refusal(await api("/api/cases/MMN-AAAAAA"))).toMatchObject({ status: 404, body: { code: "not-found" } });
    expect(await refusal(await change({ status: "closed" }, "/api/cases/not-a-reference"))).toMatchObject({ status: 400, body: { code: "not-a-reference", message: E["not-a-reference"] } });
    expect(await refusal(await api("/api/cases", {}, "wrong-token-0123456789"))).toMatchObject({ status: 401, body: { code: "unauthorized", message: E.unauthorized } });
    const badRange = await refusal(await api("/api/case-report?since=2026-02-30"));
    expect(badRange).toMatchObject({ status: 400, body: { code: "bad-range", message: expect.stringContaining("Geçersiz tarih") } });
    // a filter value that is none of the known ones is refused, not read as no filter (every case)
    expect(await refusal(await api("/api/cases?status=weird&source=rating"))).toMatchObject({
      status: 400,
      body: { code: "bad-filter", message: fillTemplate(E["bad-filter"], { problems: "status=weird (open, in_progress, resolved, closed)" }) },
    });
    // refused before the route runs (by restify, the server), in the same shape
    const shape = (body: { code?: string; message?: string; error?: string }): void => {
      expect(Object.keys(body).sort()).toEqual(["code", "error", "message"]);
      expect(body.message).toBe(E[body.code as keyof typeof E]);
    };
    const notJson = await refusal(await api(`/api/cases/${reference}`, { method: "POST", body: "not json" }));
    expect(notJson).toMatchObject({ status: 400, body: { code: "bad-json", message: E["bad-json"], error: expect.stringMatching(/JSON/) } });
    shape(notJson.body);
    const huge = await refusal(await api(`/api/cases/${reference}`, { method: "POST", body: JSON.stringify({ publicNote: "x".repeat(300 * 1024) }) }));
    expect(huge).toMatchObject({ status: 413, body: { code: "too-large" } });
    shape(huge.body);
    for (const [path, method] of [[`/api/cases/${reference}`, "DELETE"], [`/api/cases/${reference}/notes`, "GET"], ["/api/case-report", "POST"], ["/api/report", "PUT"]] as const) {
      const refused = await refusal(await api(path, { method, ...(method === "GET" ? {} : { body: "{}" }) }));
      expect([path, method, refused.status, refused.body.code]).toEqual([path, method, expect.any(Number), "unknown-endpoint"]);
      expect([404, 405]).toContain(refused.status);
      shape(refused.body);
    }
    // the dashboard's API refuses as the case API does
    const stranger = await refusal(await api("/api/report", {}, "wrong-token-0123456789"));
    expect(stranger).toMatchObject({ status: 401, body: { code: "unauthorized" } });
    shape(stranger.body);
    const reportRange = await refusal(await api("/api/report?since=2026-02-30"));
    expect(reportRange).toMatchObject({ status: 400, body: { code: "bad-range", message: "Geçersiz tarih: “2026-02-30”. Tarihi 2026-11-23 biçiminde (yıl-ay-gün) girin." } });
    // nothing was written by any of them
    const found = (await (await api(`/api/cases/${reference}`)).json()) as { status: string; audit: unknown[] };
    expect(found.status).toBe("open");
    expect(found.audit).toHaveLength(2);
  });

  it("an operator's status change with a public note reaches the customer proactively and on their next status question", async () => {
    const before = connector.messages(conversation).length;
    const response = await api(`/api/cases/${reference}`, {
      method: "POST",
      body: JSON.stringify({ status: "in_progress", publicNote: "Faturanızı düzelttik, iade 3 gün içinde.", internalNote: "muhasebe onayladı" }),
    });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as { status: string; notified: boolean; audit: Array<{ actor: string; action: string }> };
    expect(updated).toMatchObject({ status: "in_progress", notified: true });
    expect(updated.audit.filter((a) => a.actor === "Ayşe").map((a) => a.action)).toEqual(["status", "public-note", "internal-note"]);
    const messages = await connector.waitForMessages(conversation, before + 1);
    expect(messages.at(-1)?.text).toContain("Faturanızı düzelttik");
    expect(messages.at(-1)?.text).not.toContain("muhasebe");
    const [status] = await say(app, connector, conversation, "şikayetim ne durumda");
    expect(status?.text).toContain(T.statusInProgress);
    expect(status?.text).toContain("Faturanızı düzelttik, iade 3 gün içinde.");
    expect(status?.text).not.toContain("muhasebe");
  });

  it("tells another customer with the reference only that it exists and is open", async () => {
    const other = "case-e2e-2";
    const { status } = await post(`${app.url}/api/messages`, emulatorActivity(connector.url, other, { text: reference, from: { id: "user-2", name: "Başkası", role: "user" } }));
    expect(status).toBeLessThan(300);
    const [reply] = await connector.waitForMessages(other, 1);
    expect(reply?.text).toBe(fillTemplate(T.statusOther, { reference, open: T.otherOpen }));
  });

  it("refuses with 409 a change over a state the operator no longer sees, and takes one without a version as before", async () => {
    const read = async (): Promise<{ status: string; updatedAt: string; audit: unknown[] }> => (await (await api(`/api/cases/${reference}`)).json()) as { status: string; updatedAt: string; audit: unknown[] };
    const before = await read();
    const change = (body: unknown, token = AYSE): Promise<Response> => api(`/api/cases/${reference}`, { method: "POST", body: JSON.stringify(body) }, token);
    // Mehmet's page showed the case before Ayşe's answer
    const stale = await change({ status: "resolved", publicNote: "Çözüldü.", expectedUpdatedAt: "2026-01-01T00:00:00.000Z" }, MEHMET);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({ code: "conflict", message: TEXTS.apiErrors.conflict, error: `[cases] ${reference} was changed meanwhile; reload it and try again` });
    expect(await read()).toEqual(before);
    // the version the page shows is current: written
    const shown = await change({ internalNote: "müşteri aranacak", expectedUpdatedAt: before.updatedAt });
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ status: before.status, notified: false });
    const after = await read();
    expect(after.updatedAt).not.toBe(before.updatedAt);
    // no version: as before this change, only the race between reading and writing is refused
    expect((await change({ internalNote: "sürümsüz istemci" })).status).toBe(200);
    const wrongType = await change({ internalNote: "x", expectedUpdatedAt: 5 });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ code: "invalid-change", message: fillTemplate(TEXTS.apiErrors["invalid-change"], { problems: `${TEXTS.casesPage.shownVersion} metin olmalı` }) });
  });

  it("protects writes made with the session cookie by a per-session CSRF token", async () => {
    const login = await fetch(`${app.url}/dashboard?token=${MEHMET}&next=cases`, { redirect: "manual" });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/dashboard/cases");
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie.startsWith(`${DASHBOARD_COOKIE}=`)).toBe(true);
    const page = await fetch(`${app.url}/dashboard/cases`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const csrf = /"csrf":"([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csrf.length).toBeGreaterThan(20);
    const change = (headers: Record<string, string>): Promise<Response> =>
      fetch(`${app.url}/api/cases/${reference}`, { method: "POST", headers: { cookie, "content-type": "application/json", ...headers }, body: JSON.stringify({ internalNote: "kontrol edildi" }) });
    const refused = await change({});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "csrf-token", message: TEXTS.apiErrors["csrf-token"] });
    expect((await change({ "x-csrf-token": "forged" })).status).toBe(403);
    // another session's token is no good either
    const second = await fetch(`${app.url}/dashboard?token=${MEHMET}`, { redirect: "manual" });
    const otherCookie = (second.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const otherCsrf = /"csrf":"([^"]+)"/.exec(await (await fetch(`${app.url}/dashboard/cases`, { headers: { cookie: otherCookie } })).text())?.[1] ?? "";
    expect(otherCsrf).not.toBe(csrf);
    expect((await change({ "x-csrf-token": otherCsrf })).status).toBe(403);
    const ok = await change({ "x-csrf-token": csrf });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { audit: Array<{ actor: string; action: string }>; notified: boolean };
    expect(body.audit.at(-1)).toMatchObject({ actor: "Mehmet", action: "internal-note" });
    expect(body.notified).toBe(false);
    expect((await fetch(`${app.url}/api/cases`, { headers: { cookie: `${DASHBOARD_COOKIE}=forged.x.y` } })).status).toBe(401);
  });

  it("reports the case figures", async () => {
    const report = (await (await api("/api/case-report")).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ opened: 1, resolved: 0, overdue: 0, byStatus: { in_progress: 1 }, medianFirstResponseHours: expect.any(Number) });
    expect((await api("/api/case-report?since=yesterday")).status).toBe(400);
    // the dashboard's report JSON carries them too, as report --json does
    expect(((await (await api("/api/report")).json()) as { cases: unknown }).cases).toMatchObject({ opened: 1 });
    // the details of /healthz are for operators: a named operator's token shows them too
    await waitFor(async () => ((await (await api("/healthz")).json()) as { alerts: { pending: number } }).alerts.pending === 0, "no alert waiting");
    expect(((await (await api("/healthz")).json()) as { alerts: unknown }).alerts).toEqual({ webhook: true, pending: 0 });
    expect(receiver.bodies.map((body) => (typeof body === "object" && body !== null && "kind" in body ? body.kind : body))).toEqual(["case-created"]);
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: expect.any(String) });
  });

  it(
    "downloads the cases as CSV from the dashboard: the rows of report --csv --table cases, formula-safe, within a date range",
    async () => {
      const other = "case-e2e-formula";
      const offer = await say(app, connector, other, "şikayet etmek istiyorum");
      await say(app, connector, other, pick(offer[0], "Şikayet"));
      const created = await say(app, connector, other, '=HYPERLINK("http://x","tıkla") faturam yanlış');
      const second = findReference(created[0]?.text ?? "") ?? "";
      expect(second).not.toBe("");

      const download = async (query: string, token = AYSE): Promise<{ status: number; text: string; headers: Headers }> => {
        const response = await api(`/api/report.csv?${query}`, {}, token);
        // bytes, not response.text(): that would drop the byte order mark
        return { status: response.status, text: Buffer.from(await response.arrayBuffer()).toString("utf8"), headers: response.headers };
      };
      const all = await download("table=cases");
      expect(all.status).toBe(200);
      expect(all.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(all.headers.get("content-disposition")).toBe('attachment; filename="memnun-cases.csv"');
      const cli = await tsxRun("bot/cli/report.ts", ["--csv", "--table", "cases"], { env: { DATA_DIR: dataDir } });
      expect(cli.code).toBe(0);
      expect(all.text).toBe(`\uFEFF${cli.stdout.replace(/\n$/, "")}\r\n`);
      const rows = all.text.split("\r\n");
      expect(rows[0]).toMatch(/^\uFEFFreference,status,source,channel,/);
      expect(rows.filter((row) => row.startsWith(reference) || row.startsWith(second))).toHaveLength(2);
      expect(all.text).toContain(`"'=HYPERLINK(""http://x"",""tıkla"") faturam yanlış"`);
      expect(all.text).not.toContain("ayse@example.com");

      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul" }).format(new Date());
      const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul" }).format(new Date(Date.now() + 86_400_000));
      expect((await download(`table=cases&since=${today}`)).text.split("\r\n").filter((row) => row !== "")).toHaveLength(3);
      const later = await download(`table=cases&since=${tomorrow}`);
      expect(later.headers.get("content-disposition")).toBe(`attachment; filename="memnun-cases-${tomorrow}.csv"`);
      expect(later.text.split("\r\n").filter((row) => row !== "")).toHaveLength(1);
      expect(await download("table=cases&since=2026-02-30")).toMatchObject({ status: 400, text: "Geçersiz tarih: “2026-02-30”. Tarihi 2026-11-23 biçiminde (yıl-ay-gün) girin." });
      expect((await download("table=cases", "wrong-token-0123456789")).status).toBe(401);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

describe("the complaint loop as QA 47's customers met it, over real HTTP with the shipped knowledge", () => {
  let connector: LocalConnector;
  let app: RunningApp;
  const texts = (replies: SentActivity[]): Array<string | undefined> => replies.map((m) => m.text);

  beforeAll(async () => {
    connector = await new LocalConnector().start();
    app = await startTestApp({ CASE_RESPONSE_HOURS: "24" });
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  it("answers questions about complaints and representatives from the knowledge, and still takes a request", async () => {
    for (const question of ["ISO 10002 şikayet süreci nasıl işler", "iyi bir müşteri temsilcisi olmak istiyorum"]) {
      const [reply, ...more] = await say(app, connector, `qa47-knowledge-${question.length}`, question);
      expect(isRatedAnswer(reply, TEXTS.ratePrompt)).toBe(true);
      expect(more).toEqual([]);
    }
    expect(texts(await say(app, connector, "qa47-request", "temsilciye bağla"))).toEqual([fillTemplate(T.offerHuman, { hours: 24 })]);
  });

  it("answers a question typed for the description, opens nothing, and says how to open the case", async () => {
    const conversation = "qa47-describe";
    await say(app, connector, conversation, "canlı destek");
    expect(texts(await say(app, connector, conversation, "evet"))).toEqual([T.describe]);
    const [lead, answer] = await say(app, connector, conversation, "nps nedir");
    expect(lead?.text).toBe(fillTemplate(T.describeAnswered, { button: T.acceptButton }));
    expect(isRatedAnswer(answer, TEXTS.ratePrompt)).toBe(true);
  });

  it("offers the way to a person on the second 'don't know' in a row, and says a misread reference names no case", async () => {
    const conversation = "qa47-misses";
    expect(texts(await say(app, connector, conversation, "hava durumu nasıl"))).toEqual([TEXTS.dontKnow]);
    expect(texts(await say(app, connector, conversation, "asdfghjkl"))).toEqual([fillTemplate(T.offerEscalation, { hours: 24 })]);
    expect(texts(await say(app, connector, conversation, "MMN-ABC123 ne durumda"))).toEqual([fillTemplate(T.notFound, { reference: "MMN-ABC123" })]);
  });
});

describe("the case list over HTTP: pages, a total, and active cases closest to overdue first", () => {
  let app: RunningApp;
  const dataDir = tempDataDir();
  const references: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ OPERATOR_TOKENS: `Ayşe:${AYSE}`, DATA_DIR: dataDir });
    // seven cases opened an hour apart, the first the oldest; the last one closed
    const database = await openDatabase({ dataDir });
    try {
      const store = new SqlCaseStore(database);
      const start = Date.now() - 10 * 3_600_000;
      for (let i = 0; i < 7; i += 1) {
        const opened = new Date(start + i * 3_600_000);
        references.push((await store.create(newCase(i, { conversationRef: null, createdAt: opened.toISOString(), dueAt: new Date(opened.getTime() + 48 * 3_600_000).toISOString() }))).reference);
      }
      await store.update(references[6] ?? "", { status: "closed" }, "Ayşe", new Date().toISOString());
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const list = async (query: string): Promise<{ status: number; body: { total?: number; offset?: number; limit?: number; order?: string; cases?: Array<{ reference: string }>; code?: string; message?: string } }> => {
    const response = await fetch(`${app.url}/api/cases${query}`, { headers: { authorization: `Bearer ${AYSE}` } });
    return { status: response.status, body: (await response.json()) as { total?: number; cases?: Array<{ reference: string }> } };
  };
  const shown = (body: { cases?: Array<{ reference: string }> }): string[] => (body.cases ?? []).map((c) => c.reference);

  it("says how many cases there are and which ones it shows, and pages through them", async () => {
    const first = await list("?limit=3");
    expect(first.body).toMatchObject({ total: 7, offset: 0, limit: 3, order: "newest" });
    expect(shown(first.body)).toEqual([references[6], references[5], references[4]]);
    expect(shown((await list("?limit=3&offset=3")).body)).toEqual([references[3], references[2], references[1]]);
    expect(shown((await list("?limit=3&offset=6")).body)).toEqual([references[0]]);
    // without limit, a page of CASE_PAGE_SIZE
    expect((await list("")).body).toMatchObject({ total: 7, offset: 0, limit: 100 });
  });

  it("lists open cases oldest first (the first response due soonest), so none is left behind a cut", async () => {
    const open = await list("?status=open&limit=4");
    expect(open.body).toMatchObject({ total: 6, order: "due" });
    expect(shown(open.body)).toEqual(references.slice(0, 4));
    expect(shown((await list("?status=open&limit=4&offset=4")).body)).toEqual(references.slice(4, 6));
  });

  it("refuses a page it cannot read, in Turkish", async () => {
    const E = TEXTS.apiErrors;
    expect(await list("?offset=-1")).toEqual({ status: 400, body: expect.objectContaining({ code: "bad-filter", message: fillTemplate(E["bad-filter"], { problems: "offset=-1 (0 ya da daha büyük bir tam sayı olmalı)" }) }) });
    expect(await list("?limit=501")).toEqual({ status: 400, body: expect.objectContaining({ code: "bad-filter", message: fillTemplate(E["bad-filter"], { problems: "limit=501 (1 ile 500 arasında bir tam sayı olmalı)" }) }) });
    expect((await list("?limit=abc")).status).toBe(400);
  });
});
