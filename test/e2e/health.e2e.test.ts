import { Client } from "pg";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import { healthDetails, say, TEST_DASHBOARD_TOKEN } from "../helpers/app";
import { LocalConnector } from "../helpers/connector";
import { describePostgres, startBehindProxy, TEST_DATABASE_URL, type PostgresBehindProxy } from "../helpers/postgres";
import { TcpProxy } from "../helpers/tcp-proxy";

interface Details {
  status: string;
  feedback: { connected: boolean; pending: number; error: string | null };
}

async function details(app: RunningApp): Promise<Details> {
  const body = await healthDetails(app.url);
  if (typeof body !== "object" || body === null || !("feedback" in body) || !("status" in body)) throw new Error(`unexpected health ${JSON.stringify(body)}`);
  return body as Details;
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function admin(statement: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describePostgres("a truthful /healthz", () => {
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

  it("notices an outage mid-run without any traffic, and the recovery", async () => {
    if (!app) throw new Error("not started");
    const live = app;
    expect(await details(live)).toMatchObject({ status: "ok", feedback: { connected: true, error: null } });
    await proxy.cut();
    await until(async () => (await details(live)).status === "degraded");
    expect((await details(live)).feedback).toMatchObject({ connected: false, error: expect.any(String) });
    expect(await (await fetch(`${live.url}/healthz`)).json()).toEqual({ status: "degraded" });
    await proxy.open();
    await until(async () => (await details(live)).status === "ok");
    expect((await details(live)).feedback).toMatchObject({ connected: true, error: null });
  }, 60_000);

  it("creates the schema again when the database comes back empty, and stores feedback in it", async () => {
    if (!app) throw new Error("not started");
    const live = app;
    await admin(`drop schema ${schema} cascade`);
    await admin(`create schema ${schema}`);
    await until(async () => (await details(live)).status === "ok" && (await details(live)).feedback.connected);
    const [answer] = await say(live, connector, "recreated", "crm nedir");
    const button = answer?.suggestedActions?.actions[4];
    if (!button) throw new Error("no rating button");
    expect((await say(live, connector, "recreated", { title: button.title, value: button.value })).map((m) => m.text)).toEqual([TEXTS.ratingThanks]);
    await until(async () => (await details(live)).feedback.pending === 0);
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`select count(*)::int as n from ${schema}.ratings`);
      expect(rows[0]).toEqual({ n: 1 });
    } finally {
      await client.end();
    }
    expect((await details(live)).status).toBe("ok");
  }, 60_000);
});
