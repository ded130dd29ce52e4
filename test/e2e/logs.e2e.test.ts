import { ActivityHandler, TestAdapter } from "botbuilder";
import type { RunningApp } from "../../bot/index";
import { redactQuery } from "../../bot/logger";
import { loadConfig } from "../../bot/config";
import { createAdapter, turnErrorHandler } from "../../bot/server/adapter";
import { createServer } from "../../bot/server/app";
import { startTestApp } from "../helpers/app";
import { capturingLogger } from "../helpers/log";

describe("clean logs", () => {
  it("redacts secret query parameters and keeps the rest", () => {
    expect(redactQuery("/dashboard/?token=abc&since=2026-01-01")).toBe("/dashboard/?token=[redacted]&since=2026-01-01");
    expect(redactQuery("/x?access_token=a&sig=b&Api-Key=c&q=d")).toBe("/x?access_token=[redacted]&sig=[redacted]&Api-Key=[redacted]&q=d");
    expect(redactQuery("/healthz")).toBe("/healthz");
  });

  describe("the running server", () => {
    const secret = "dashboard-token-never-logged-1234";
    let app: RunningApp;
    let log: ReturnType<typeof capturingLogger>;
    beforeAll(async () => {
      log = capturingLogger("trace");
      app = await startTestApp({ DASHBOARD_TOKEN: secret }, log.logger);
    });
    afterAll(async () => {
      await app.close();
    });

    it("never logs the dashboard token of a 404, a 405 or a wrong token", async () => {
      expect((await fetch(`${app.url}/dashboard/?token=${secret}`)).status).toBe(404);
      expect([404, 405]).toContain((await fetch(`${app.url}/dashboard?token=${secret}`, { method: "PUT" })).status);
      expect((await fetch(`${app.url}/nowhere?token=${secret}&x=1`)).status).toBe(404);
      expect((await fetch(`${app.url}/dashboard?token=${secret}x`)).status).toBe(401);
      expect(log.text()).toContain("[redacted]");
      expect(log.text()).not.toContain(secret);
    });

    it("refuses a Direct Line activity too deep to send back (413), and logs no token", async () => {
      const { token, conversationId } = (await (await fetch(`${app.url}/api/directline/token`, { method: "POST" })).json()) as { token: string; conversationId: string };
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      let deep = "1";
      for (let i = 0; i < 5_000; i += 1) deep = `{"a":${deep}}`;
      const posted = await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, {
        method: "POST",
        headers,
        body: `{"type":"message","text":"merhaba","channelData":{"x":${deep}}}`,
      });
      expect(posted.status).toBe(413);
      expect((await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, { headers })).status).toBe(200);
      expect(log.text()).not.toContain(token);
    });
  });

  it("sends restify's own log lines (a response it cannot serialize) through the redacting logger", async () => {
    const log = capturingLogger("trace");
    const config = loadConfig({});
    const { adapter } = createAdapter(config, log.logger);
    const { server } = createServer({ adapter, bot: new ActivityHandler(), logger: log.logger, health: async () => ({ status: "ok", version: "t", knowledge: { entries: 0, loadedAt: null, lastError: null } }) });
    const cyclic: Record<string, unknown> = { name: "cyclic" };
    cyclic.self = cyclic;
    server.get("/cyclic", async (_req, res) => {
      res.send(200, cyclic);
    });
    await new Promise<void>((resolve) => {
      server.listen(0, "127.0.0.1", resolve);
    });
    try {
      const secret = "a-bearer-token-never-logged";
      await fetch(`http://127.0.0.1:${server.address().port}/cyclic?token=${secret}`, { headers: { authorization: `Bearer ${secret}`, cookie: `s=${secret}` } });
      const restifyLines = log.text().split("\n").filter((line) => line.includes('"component":"restify"') && line.includes('"req"'));
      expect(restifyLines.length).toBeGreaterThan(0);
      expect(restifyLines.join("\n")).toContain("/cyclic?token=[redacted]");
      expect(restifyLines.join("\n")).not.toMatch(/authorization|cookie|headers/i);
      expect(log.text()).not.toContain(secret);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
    }
  });

  it("pseudonymises the conversation id of a failed turn", async () => {
    const log = capturingLogger("trace");
    const adapter = new TestAdapter(async () => {
      throw new Error("boom");
    });
    adapter.onTurnError = turnErrorHandler(log.logger);
    await adapter.send("merhaba");
    const conversationId = adapter.conversation.conversation.id;
    expect(log.text()).toContain("[bot] unhandled error in turn");
    expect(log.text()).not.toContain(conversationId);
    expect(log.text()).toMatch(/"conversationId":"~[0-9a-f]{12}"/);
  });
});
