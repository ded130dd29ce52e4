import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import type { Report } from "../../bot/feedback/report";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import { openDatabase } from "../../bot/storage/database";
import { emulatorActivity, healthDetails, post, say, startTestApp, TEST_DASHBOARD_TOKEN } from "../helpers/app";
import { isRatedAnswer, LocalConnector, type SentActivity } from "../helpers/connector";
import { describePostgres, startBehindProxy, TEST_DATABASE_URL, type PostgresBehindProxy } from "../helpers/postgres";
import { capturingLogger } from "../helpers/log";
import { TcpProxy } from "../helpers/tcp-proxy";

const ratingButton = (reply: SentActivity | undefined, index: number): { title: string; value: unknown } => {
  const action = reply?.suggestedActions?.actions[index];
  if (!action) throw new Error(`no rating button in ${JSON.stringify(reply)}`);
  return { title: action.title, value: action.value };
};

async function health(app: RunningApp): Promise<{ status: string; feedback: { connected: boolean; pending: number; error: string | null } }> {
  return healthDetails(app.url) as Promise<{ status: string; feedback: { connected: boolean; pending: number; error: string | null } }>;
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("limits", () => {
  let connector: LocalConnector;
  const apps: RunningApp[] = [];
  beforeAll(async () => {
    connector = await new LocalConnector().start();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await connector.stop();
  });

  it("asks a conversation that floods to slow down, without affecting others", async () => {
    const app = await startTestApp({ RATE_LIMIT_CONVERSATION_PER_MINUTE: "3" });
    apps.push(app);
    for (let i = 0; i < 3; i += 1) expect((await say(app, connector, "flood", "crm nedir"))[0]?.text).not.toBe(TEXTS.slowDown);
    expect((await say(app, connector, "flood", "crm nedir")).map((m) => m.text)).toEqual([TEXTS.slowDown]);
    expect((await say(app, connector, "calm", "crm nedir"))[0]?.text).not.toBe(TEXTS.slowDown);
  });

  it("answers 429 with Retry-After to a client address that floods the HTTP endpoints", async () => {
    const app = await startTestApp({ RATE_LIMIT_CLIENT_PER_MINUTE: "5" });
    apps.push(app);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i += 1) {
      const response = await fetch(`${app.url}/api/directline/token`, { method: "POST" });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // health checks and static files are not counted
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("never writes secrets to the log", async () => {
    const { logger, text } = capturingLogger("trace");
    const secrets = { password: "pw-Secret-For-Log-Test-123", dashboard: "dashboard-token-secret-456", db: "db-password-789" };
    const app = await startTestApp(
      {
        MicrosoftAppId: "00000000-0000-0000-0000-000000000002",
        MicrosoftAppPassword: secrets.password,
        DASHBOARD_TOKEN: secrets.dashboard,
        DATABASE_URL: `postgres://memnun:${secrets.db}@127.0.0.1:1/none`,
        INSTALLATION_SECRET: "an-installation-secret-of-at-least-32-characters",
      },
      logger,
    );
    apps.push(app);
    await post(`${app.url}/api/messages`, emulatorActivity(connector.url, "secret-log", { text: "crm nedir" }), { authorization: `Bearer ${secrets.password}` });
    await fetch(`${app.url}/dashboard?token=${secrets.dashboard}x`);
    await fetch(`${app.url}/api/report`, { headers: { authorization: `Bearer ${secrets.dashboard}x` } });
    const log = text();
    expect(log.length).toBeGreaterThan(100);
    for (const secret of Object.values(secrets)) expect(log).not.toContain(secret);
  });
});

describe("database unreachable at start", () => {
  let connector: LocalConnector;
  let app: RunningApp | undefined;
  const captured = capturingLogger("info");
  beforeAll(async () => {
    connector = await new LocalConnector().start();
    // an instance may start while the database is down only with a secret it need not invent
    app = await startTestApp(
      { DATABASE_URL: "postgres://postgres@127.0.0.1:1/test", DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN, INSTALLATION_SECRET: "an-installation-secret-of-at-least-32-characters" },
      captured.logger,
    );
  });
  afterAll(async () => {
    await app?.close();
    await connector.stop();
  });

  it("still answers, reports degraded health, and logs why", async () => {
    if (!app) throw new Error("app not started");
    const replies = await say(app, connector, "no-db", "müşteri sadakati nedir");
    expect(replies[0]?.textFormat).toBe("markdown");
    expect(isRatedAnswer(replies[0], TEXTS.ratePrompt)).toBe(true);
    expect((await say(app, connector, "no-db", ratingButton(replies[0], 4))).map((m) => m.text)).toEqual([TEXTS.ratingThanks]);
    const status = await health(app);
    expect(status.status).toBe("degraded");
    expect(status.feedback.connected).toBe(false);
    expect(status.feedback.pending).toBeGreaterThan(0);
    expect(status.feedback.error).toMatch(/postgres/);
    expect(captured.text()).toContain("[storage] database unreachable");
  });
});

describePostgres("database lost mid-run", () => {
  let connector: LocalConnector;
  let app: RunningApp | undefined;
  let schema = "";
  let proxy: TcpProxy;
  let fixture: PostgresBehindProxy | undefined;
  beforeAll(async () => {
    fixture = await startBehindProxy({ DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN });
    ({ app, connector, proxy, schema } = fixture);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it("keeps feedback while the database is away and writes it when it is back, nothing lost or doubled", async () => {
    if (!app || !TEST_DATABASE_URL) throw new Error("not started");
    const live = app;
    const first = await say(live, connector, "lost-db", "crm nedir");
    expect((await say(live, connector, "lost-db", ratingButton(first[0], 4))).map((m) => m.text)).toEqual([TEXTS.ratingThanks]);

    await proxy.cut();
    const second = await say(live, connector, "lost-db", "müşteri deneyimi nedir");
    expect(isRatedAnswer(second[0], TEXTS.ratePrompt)).toBe(true);
    expect((await say(live, connector, "lost-db", ratingButton(second[0], 1))).map((m) => m.text)).toEqual([TEXTS.commentPrompt]);
    expect((await say(live, connector, "lost-db", "Hiç örnek yoktu")).map((m) => m.text)).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
    expect((await health(live)).feedback.pending).toBeGreaterThan(0);

    await proxy.open();
    await until(async () => (await health(live)).feedback.pending === 0, 40_000);
    const report = (await (await fetch(`${live.url}/healthz`)).json()) as { status: string };
    expect(report.status).toBe("ok");
    const stored = await (async () => {
      const url = new URL(TEST_DATABASE_URL ?? "");
      url.searchParams.set("options", `-c search_path=${schema}`);
      const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
      try {
        return await new SqlFeedbackStore(database).report({});
      } finally {
        await database.close();
      }
    })();
    const r: Report = stored;
    expect(r.answers).toBe(2);
    expect(r.csat.responses).toBe(2);
    expect(r.csat.distribution).toMatchObject({ "2": 1, "5": 1 });
    expect(r.comments.map((c) => c.text)).toEqual(["Hiç örnek yoktu"]);
  }, 60_000);
});
