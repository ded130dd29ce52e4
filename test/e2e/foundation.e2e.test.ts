import { gzipSync } from "node:zlib";
import { TEXTS } from "../../bot/conversation/texts";
import type { RunningApp } from "../../bot/index";
import { emulatorActivity, healthDetails, post, startTestApp, TEST_DASHBOARD_TOKEN, useRunningApp } from "../helpers/app";

describe("foundation over real HTTP", () => {
  const running = useRunningApp({ DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN });

  it("answers /healthz with status, version and knowledge count to an operator", async () => {
    const body = await healthDetails(running.app().url);
    expect(body).toMatchObject({ status: "ok", version: expect.any(String), knowledge: { entries: 26, files: 29, loadedAt: expect.any(String), lastError: null } });
  });

  it("shows only the status of /healthz without the dashboard token", async () => {
    const response = await fetch(`${running.app().url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    const wrong = await fetch(`${running.app().url}/healthz`, { headers: { authorization: "Bearer not-the-token-at-all" } });
    expect(await wrong.json()).toEqual({ status: "ok" });
  });

  it("welcomes a user who joins, but not for the bot joining", async () => {
    const conversationId = "conv-welcome";
    const result = await post(
      `${running.app().url}/api/messages`,
      emulatorActivity(running.connector().url, conversationId, {
        type: "conversationUpdate",
        membersAdded: [{ id: "bot-1", name: "Memnun" }, { id: "user-1", name: "Kullanıcı" }],
      }),
    );
    expect(result.status).toBe(200);
    const [welcome] = await running.connector().waitForMessages(conversationId, 1);
    expect(welcome?.text).toMatch(/Merhaba, ben \*\*Memnun\*\*/);
    // the shipped knowledge/bot.yaml names its topic; the code does not
    expect(welcome?.text).toMatch(/ISO 10002 hakkındaki sorularınızı yanıtlıyorum/);
    expect(welcome?.text).toMatch(/yardım/);
    // only one welcome although two members (bot and user) joined; the turn ended with the POST
    expect(running.connector().messages(conversationId)).toHaveLength(1);
  });

  it("replies to 'yardım' with help, as a reply to the user's activity", async () => {
    const conversationId = "conv-help";
    const activity = emulatorActivity(running.connector().url, conversationId, { text: "Yardım" });
    const result = await post(`${running.app().url}/api/messages`, activity);
    expect(result.status).toBe(200);
    const [help] = await running.connector().waitForMessages(conversationId, 1);
    expect(help?.text).toMatch(/Nasıl yardımcı olabilirim/);
    const call = running.connector().received.find((r) => r.conversationId === conversationId);
    expect(call?.replyToId).toBe(activity.id);
  });

  it.each([
    ["malformed JSON", "{bad json", 400],
    ["an empty body", "", 400],
    ["a JSON array", "[]", 400],
    ["an activity without type", { conversation: { id: "c" }, serviceUrl: "http://127.0.0.1:9" }, 400],
    ["an activity without conversation", { type: "message", text: "hi", serviceUrl: "http://127.0.0.1:9" }, 400],
    ["an activity without serviceUrl", { type: "message", text: "hi", conversation: { id: "c" } }, 400],
    ["an activity with a non-http serviceUrl", { type: "message", conversation: { id: "c" }, serviceUrl: "file:///etc/passwd" }, 400],
  ])("rejects %s with a 4xx and keeps serving", async (_name, body, status) => {
    const result = await post(`${running.app().url}/api/messages`, body);
    expect(result.status).toBe(status);
    const health = await fetch(`${running.app().url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("rejects a body over 256 KB with 413 and keeps serving", async () => {
    const huge = emulatorActivity(running.connector().url, "conv-huge", { text: "a".repeat(300 * 1024) });
    const result = await post(`${running.app().url}/api/messages`, huge);
    expect(result.status).toBe(413);
    expect((await fetch(`${running.app().url}/healthz`)).status).toBe(200);
  });

  it.each([
    ["malformed JSON", "{bad json, gizli", 400, "bad-json", "request body is not valid JSON"],
    ["a body over 256 KB", JSON.stringify({ type: "message", text: "gizli".repeat(60 * 1024) }), 413, "too-large", "request body is too large"],
  ] as const)("refuses %s in the JSON APIs' shape, in Turkish, with nothing of restify's or the body's", async (_name, body, status, code, error) => {
    const response = await fetch(`${running.app().url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const text = await response.text();
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(text)).toEqual({ error, code, message: TEXTS.apiErrors[code] });
    expect(text).not.toMatch(/InvalidContent|PayloadTooLarge|Invalid JSON|exceeds|gizli|\bat \S+:\d+/);
  });

  it.each([
    ["a body that is not gzip", "gzip", "{bad json"],
    ["a gzip body that inflates far past 256 KB", "gzip", gzipSync(Buffer.alloc(64 * 1024 * 1024, " "))],
    ["a deflate body", "deflate", "{}"],
  ] as const)("refuses %s sent compressed with 415, before reading it, and keeps serving", async (_name, encoding, body) => {
    for (const path of ["/api/messages", "/v3/directline/conversations"]) {
      const response = await fetch(`${running.app().url}${path}`, { method: "POST", headers: { "content-type": "application/json", "content-encoding": encoding }, body });
      expect([path, response.status]).toEqual([path, 415]);
      const refused: unknown = await response.json();
      expect(refused).toEqual({ error: expect.stringMatching(/Content-Encoding/), code: "unsupported-encoding", message: TEXTS.apiErrors["unsupported-encoding"] });
    }
    expect((await fetch(`${running.app().url}/healthz`)).status).toBe(200);
  });

  it.each([
    ["adaptiveCard/action", { action: { type: "Action.Execute", verb: "x", data: {} }, trigger: "manual" }],
    ["task/fetch", { data: {} }],
    ["composeExtension/query", { commandId: "x" }],
    ["foo", undefined],
  ])("acknowledges an invoke it has no handler for (%s) with 200, never a 5xx (QA 48)", async (name, value) => {
    const conversationId = `conv-invoke-${name}`;
    const result = await post(`${running.app().url}/api/messages`, emulatorActivity(running.connector().url, conversationId, { type: "invoke", name, value }));
    expect(result.status).toBe(200);
    expect(running.connector().messages(conversationId)).toHaveLength(0);
  });

  it("treats an unknown activity type as a no-op", async () => {
    const conversationId = "conv-unknown";
    const result = await post(`${running.app().url}/api/messages`, emulatorActivity(running.connector().url, conversationId, { type: "somethingNew" }));
    expect(result.status).toBeLessThan(300);
    // the turn ended with the POST: a reply would already be here
    expect(running.connector().messages(conversationId)).toHaveLength(0);
  });
});

describe("with app credentials configured", () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({ MicrosoftAppId: "00000000-0000-0000-0000-000000000001", MicrosoftAppPassword: "not-a-real-secret" });
  });

  afterAll(async () => {
    await app.close();
  });

  it("rejects a request without Authorization with 401", async () => {
    const result = await post(`${app.url}/api/messages`, emulatorActivity("http://127.0.0.1:9", "conv-auth", { text: "yardım" }));
    expect(result.status).toBe(401);
  });

  it("rejects a request with a forged bearer token with 401", async () => {
    const result = await post(`${app.url}/api/messages`, emulatorActivity("http://127.0.0.1:9", "conv-auth", { text: "yardım" }), {
      authorization: "Bearer not.a.jwt",
    });
    expect(result.status).toBe(401);
  });
});
