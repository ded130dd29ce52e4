import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { TEXTS } from "../../bot/conversation/texts";
import { emulatorActivity, post, REPO_ROOT, tempDataDir } from "../helpers/app";
import { LocalConnector, type SentActivity } from "../helpers/connector";
import { describePostgres, dropSchema, freshPostgresSchema } from "../helpers/postgres";
import { PROCESS_TEST_TIMEOUT_MS } from "../helpers/cli";
import { spawnServer } from "../helpers/process";
import { TcpProxy } from "../helpers/tcp-proxy";

describePostgres("a full disk while PostgreSQL is down (real server process)", () => {
  it("never crashes the process: health is degraded from the start, answers go on, a rating that cannot be kept is not acknowledged", async () => {
    const { url: databaseUrl, schema } = await freshPostgresSchema();
    const target = new URL(databaseUrl);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.open();
    const viaProxy = new URL(databaseUrl);
    viaProxy.port = String(proxy.port);
    const connector = await new LocalConnector().start();
    const dataDir = tempDataDir();
    // every write to the spool reaches /dev/full, where the kernel answers ENOSPC
    symlinkSync("/dev/full", join(dataDir, "feedback-spool.jsonl"));
    const dashboardToken = "a-dashboard-token-for-the-fault-test";
    const { child, url } = await spawnServer(join(REPO_ROOT, "bot", "index.ts"), [], {
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      DATA_DIR: dataDir,
      DATABASE_URL: viaProxy.toString(),
      DASHBOARD_TOKEN: dashboardToken,
      KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge"),
    }).catch(async (error: unknown) => {
      await proxy.cut();
      await connector.stop();
      await dropSchema(schema);
      throw error;
    });
    const say = async (conversation: string, fields: Record<string, unknown>): Promise<SentActivity[]> => {
      const before = connector.messages(conversation).length;
      const { status } = await post(`${url}/api/messages`, emulatorActivity(connector.url, conversation, fields));
      expect(status).toBeLessThan(300);
      return connector.messages(conversation).slice(before);
    };
    const health = async (): Promise<string> => {
      const body: unknown = await (await fetch(`${url}/healthz`)).json();
      return body && typeof body === "object" && "status" in body && typeof body.status === "string" ? body.status : "?";
    };
    try {
      expect((await health())).toBe("degraded");
      const [answer] = await say("disk", { text: "crm nedir" });
      const button = answer?.suggestedActions?.actions[4];
      expect(button).toBeDefined();

      await proxy.cut();
      const replies = await say("disk", { text: button?.title, value: button?.value });
      expect(replies.map((m) => m.text)).toEqual([TEXTS.feedbackNotSaved]);
      const [next] = await say("disk", { text: "nps nedir" });
      expect(next?.text).toMatch(/NPS|Net Promoter/i);
      expect((await health())).toBe("degraded");
      expect(child.exitCode).toBeNull();
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      // a shutdown that hangs must not keep the test (and its schema) alive
      const stuck = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(stuck);
      await proxy.cut();
      await connector.stop();
      await dropSchema(schema);
    }
  }, PROCESS_TEST_TIMEOUT_MS);
});
