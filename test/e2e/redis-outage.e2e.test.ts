import { ActivityHandler } from "botbuilder";
import type { RunningApp } from "../../bot/index";
import { loadConfig } from "../../bot/config";
import { TEXTS } from "../../bot/conversation/texts";
import { createLogger } from "../../bot/logger";
import { createAdapter } from "../../bot/server/adapter";
import { createServer } from "../../bot/server/app";
import { healthDetails, startTestApp, TEST_DASHBOARD_TOKEN } from "../helpers/app";
import { poll, say, startConversation } from "../helpers/direct-line";
import { deleteKeys, describeRedis, uniquePrefix } from "../helpers/redis";
import { TcpProxy } from "../helpers/tcp-proxy";
import { waitFor } from "../helpers/wait";

const redisOf = (health: unknown): unknown => (typeof health === "object" && health !== null && "redis" in health ? health.redis : undefined);
const statusOf = (health: unknown): unknown => (typeof health === "object" && health !== null && "status" in health ? health.status : undefined);

describeRedis("Redis lost under a running instance (a real cut connection)", () => {
  const prefix = uniquePrefix();
  let proxy: TcpProxy;
  let app: RunningApp;
  beforeAll(async () => {
    proxy = new TcpProxy("127.0.0.1", 6379);
    await proxy.open();
    app = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      REDIS_KEY_PREFIX: prefix,
      DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN,
      RATE_LIMIT_CLIENT_PER_MINUTE: "1000",
    });
  });
  afterAll(async () => {
    await app.close();
    await proxy.cut();
    await deleteKeys(prefix);
  });

  it("turns health degraded, keeps answering and never refuses a request for it; the local Direct Line says 503 until Redis is back, with the conversation kept", async () => {
    expect(redisOf(await healthDetails(app.url))).toEqual({ configured: true, connected: true, error: null });
    const s = await startConversation(app.url);
    await say(s, "crm nedir");

    await proxy.cut();
    await waitFor(async () => statusOf(await healthDetails(app.url)) === "degraded", "health to turn degraded");
    expect(redisOf(await healthDetails(app.url))).toMatchObject({ configured: true, connected: false, error: expect.any(String) });
    // rate limited requests go on (counted in this instance's memory meanwhile)
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${app.url}/api/directline/token`, { method: "POST" })).status).toBe(200);
    const during = await fetch(`${s.domain}/conversations/${s.conversationId}/activities`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(during.status).toBe(503);
    expect(Number(during.headers.get("retry-after"))).toBeGreaterThan(0);
    // the project's refusal shape, its message Turkish, no internals (QA 47: an English Direct Line error)
    expect(await during.json()).toEqual({
      error: "conversations are unavailable for a moment (Redis unreachable); retry later",
      code: "conversations-unavailable",
      message: TEXTS.apiErrors["conversations-unavailable"],
    });
    const posted = await fetch(`${s.domain}/conversations/${s.conversationId}/activities`, {
      method: "POST",
      headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "message", text: "nps nedir", from: { id: "x" } }),
    });
    expect(posted.status).toBe(503);
    expect(await posted.json()).toMatchObject({ code: "conversations-unavailable", message: expect.stringMatching(/^sohbetlere şu an ulaşılamıyor/) });

    await proxy.open();
    await waitFor(async () => statusOf(await healthDetails(app.url)) === "ok", "health to be ok again");
    expect((await poll(s)).activities.filter((a) => a.from.role === "user").map((a) => a.text)).toEqual(["crm nedir"]);
  });
});

describe("a stopping instance", () => {
  it("answers /healthz with 503 stopping and closes each connection after its response", async () => {
    const logger = createLogger("silent");
    const { adapter } = createAdapter(loadConfig({}), logger);
    const { server, drain } = createServer({ adapter, bot: new ActivityHandler(), logger, health: async () => ({ status: "ok", version: "t", knowledge: { entries: 1, loadedAt: null, lastError: null } }) });
    await new Promise<void>((resolve) => {
      server.listen(0, "127.0.0.1", resolve);
    });
    try {
      const url = `http://127.0.0.1:${server.address().port}/healthz`;
      const before = await fetch(url);
      expect([before.status, before.headers.get("connection")]).toEqual([200, "keep-alive"]);
      await before.arrayBuffer();
      drain();
      const after = await fetch(url);
      expect([after.status, after.headers.get("connection"), await after.json()]).toEqual([503, "close", { status: "stopping" }]);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
    }
  });
});
