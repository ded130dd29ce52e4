import { existsSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { Client } from "pg";
import { TEXTS } from "../../bot/conversation/texts";
import type { RunningApp } from "../../bot/index";
import { REPO_ROOT, startTestApp, tempDataDir } from "../helpers/app";
import { startProcess, type Finished, type Started } from "../helpers/cli";
import { poll, say, startConversation, type DirectLineSession, type PolledActivity } from "../helpers/direct-line";
import { describePostgres, dropSchema, freshPostgresSchema } from "../helpers/postgres";
import { deleteKeys, describeRedis, TEST_REDIS_URL, uniquePrefix } from "../helpers/redis";
import { RoundRobinProxy } from "../helpers/round-robin";
import { waitFor } from "../helpers/wait";

/** Requests per client address per minute in these tests: small, so that 2.5 times it is a short burst. */
const CLIENT_LIMIT = 40;
/** The same installation secret on every instance (pseudonyms, button signatures, Direct Line tokens). */
const SECRET = "scale-out-test-installation-secret-0123456789";

/** One server process, with what it printed so far. */
interface Instance {
  readonly started: Started;
  readonly url: string;
  readonly dataDir: string;
  output(): string;
}

/** Starts `count` real servers (child processes) on one database, and on one Redis when `redis` is given. */
async function startInstances(count: number, databaseUrl: string, redis: { url: string; prefix: string } | undefined): Promise<Instance[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const dataDir = tempDataDir();
      const started = await startProcess(process.execPath, ["--import", "tsx", "bot/index.ts"], {
        env: {
          PORT: "0",
          HOST: "127.0.0.1",
          LOG_LEVEL: "info",
          DATA_DIR: dataDir,
          KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge"),
          DATABASE_URL: databaseUrl,
          INSTALLATION_SECRET: SECRET,
          REDIS_URL: redis?.url ?? "",
          REDIS_KEY_PREFIX: redis?.prefix ?? "",
          RATE_LIMIT_CLIENT_PER_MINUTE: String(CLIENT_LIMIT),
          RATE_LIMIT_POLL_PER_MINUTE: "100000",
          RATE_LIMIT_TOKEN_PER_MINUTE: "100000",
        },
      });
      let output = "";
      started.child.stdout?.on("data", (chunk: string) => (output += chunk));
      return { started, url: started.url, dataDir, output: () => output };
    }),
  );
}

async function stopAll(instances: readonly Instance[]): Promise<void> {
  for (const { started } of instances) if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill("SIGTERM");
  await Promise.all(instances.map((instance) => instance.started.finished));
}

/** Sends `total` POSTs through `proxy` (a client of its own address); how many were not refused with 429. */
async function notLimited(proxy: RoundRobinProxy, total: number): Promise<number> {
  let passed = 0;
  for (let i = 0; i < total; i += 1) {
    const response = await fetch(`${proxy.url}/api/not-a-route`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    await response.arrayBuffer();
    if (response.status !== 429) passed += 1;
  }
  return passed;
}

/** The bot's welcome, once it is in the conversation (the conversation update runs in the background). */
const welcome = (s: DirectLineSession): Promise<PolledActivity[]> =>
  waitFor(async () => {
    const { activities } = await poll(s);
    return activities.length > 0 ? activities : null;
  }, "the welcome");

/** The rating button "5" of an answer. */
function five(answer: PolledActivity | undefined): { title: string; value: unknown } {
  const action = answer?.suggestedActions?.actions[4];
  if (!action) throw new Error(`no rating buttons on ${JSON.stringify(answer)}`);
  return action;
}

const answerIdOf = (click: { value: unknown }): string =>
  typeof click.value === "object" && click.value !== null && "answer" in click.value ? String(click.value.answer) : "";

async function storedRatings(databaseUrl: string): Promise<Set<string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ answer_id: string }>("select answer_id from ratings");
    return new Set(rows.map((row) => row.answer_id));
  } finally {
    await client.end();
  }
}

/** Ratings an instance spooled (acknowledged, not yet in the database): replayed when it starts again on its `DATA_DIR`. */
function spooledRatings(dataDir: string): Set<string> {
  const file = join(dataDir, "feedback-spool.jsonl");
  const ids = new Set<string>();
  if (!existsSync(file)) return ids;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    try {
      const event: unknown = JSON.parse(line);
      if (typeof event === "object" && event !== null && "kind" in event && event.kind === "rating" && "answerId" in event) ids.add(String(event.answerId));
    } catch {
      // a line cut short by the kill
    }
  }
  return ids;
}

describePostgres("several instances behind a load balancer", () => {
  describeRedis("sharing PostgreSQL and Redis", () => {
    let schema = "";
    let databaseUrl = "";
    const prefix = uniquePrefix();
    let instances: Instance[] = [];
    let lb: RoundRobinProxy;
    beforeAll(async () => {
      ({ url: databaseUrl, schema } = await freshPostgresSchema());
      // started together: migrations run under a lock
      instances = await startInstances(3, databaseUrl, { url: TEST_REDIS_URL, prefix });
      lb = await new RoundRobinProxy(instances.map((i) => i.url), "127.0.0.2").start();
    }, 120_000);
    afterAll(async () => {
      await lb?.stop();
      await stopAll(instances);
      await deleteKeys(prefix);
      await dropSchema(schema);
    });

    it("serves a Web Chat conversation whose token, posts and polls reach different instances, every reply in order", async () => {
      const s = await startConversation(lb.url);
      const greeting = await welcome(s);
      expect(greeting[0]?.text).toContain("Merhaba, ben **Memnun**");
      const answer = await say(s, "crm nedir");
      expect(answer).toHaveLength(1);
      expect(answer[0]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
      expect(await say(s, five(answer[0]))).toEqual([expect.objectContaining({ text: TEXTS.ratingThanks })]);
      const second = await say(s, "nps nedir");
      expect(second[0]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);

      // every request went round the instances, and each of them sees the whole conversation, in order
      expect(lb.served.every((n) => n >= 2)).toBe(true);
      const logs = await Promise.all(instances.map((i) => poll({ ...s, domain: `${i.url}/v3/directline` })));
      for (const log of logs) {
        expect(log.activities.map((a) => [a.from.role, a.text?.slice(0, 9)])).toEqual([
          ...greeting.map((g) => ["bot", g.text?.slice(0, 9)]),
          ["user", "crm nedir"],
          ["bot", answer[0]?.text?.slice(0, 9)],
          ["user", five(answer[0]).title.slice(0, 9)],
          ["bot", TEXTS.ratingThanks.slice(0, 9)],
          ["user", "nps nedir"],
          ["bot", second[0]?.text?.slice(0, 9)],
        ]);
        expect(log.activities.map((a) => a.id)).toEqual(log.activities.map((_, n) => `${s.conversationId}|${String(n).padStart(7, "0")}`));
      }
    });

    it("holds the client rate limit for all instances together", async () => {
      const client = await new RoundRobinProxy(instances.map((i) => i.url), "127.0.0.3").start();
      try {
        expect(await notLimited(client, CLIENT_LIMIT * 2.5)).toBe(CLIENT_LIMIT);
        // each instance saw more than the limit, yet only the limit passed in all
        expect(client.served.every((n) => n >= Math.floor((CLIENT_LIMIT * 2.5) / instances.length))).toBe(true);
      } finally {
        await client.stop();
      }
    });

    it("loses no acknowledged rating when an instance is killed (kill -9) mid-conversation, and the conversations go on through the others", async () => {
      const sessions = await Promise.all(Array.from({ length: 4 }, () => startConversation(lb.url)));
      const clicks = new Map<DirectLineSession, { title: string; value: unknown }>();
      for (const s of sessions) {
        await welcome(s);
        clicks.set(s, five((await say(s, "müşteri sadakati nedir"))[0]));
      }
      // the ratings go out together, and one instance dies under them
      const victim = instances[1];
      if (!victim) throw new Error("no second instance");
      const burst = sessions.map((s) => say(s, clicks.get(s) ?? { title: "", value: null }).catch(() => []));
      victim.started.child.kill("SIGKILL");
      await Promise.all(burst);
      await victim.started.finished;

      // acknowledged: the thanks reached the conversation (the user saw it)
      const acknowledged: string[] = [];
      for (const s of sessions) {
        const { activities } = await poll(s);
        if (activities.some((a) => a.text === TEXTS.ratingThanks)) acknowledged.push(answerIdOf(clicks.get(s) ?? { value: null }));
      }
      process.stderr.write(`[scale-out test] ${acknowledged.length} of ${sessions.length} ratings acknowledged around the kill\n`);
      const kept = new Set([...(await storedRatings(databaseUrl)), ...spooledRatings(victim.dataDir)]);
      expect(acknowledged.filter((id) => !kept.has(id))).toEqual([]);

      // every conversation goes on: the load balancer skips the dead instance
      for (const s of sessions) {
        const next = await say(s, "nps nedir");
        expect(next[0]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
      }
    });

    it("stops gracefully on SIGTERM: the turn in flight is answered and stored, the instance exits 0, the others serve the rest", async () => {
      const leaving = instances[2];
      if (!leaving) throw new Error("no third instance");
      const s = await startConversation(lb.url);
      await welcome(s);
      const click = five((await say(s, "ces nedir"))[0]);

      // a rating whose request has reached the leaving instance (headers read: 100 Continue) but not its body
      const body = JSON.stringify({ type: "message", from: { id: s.userId }, text: click.title, value: click.value });
      const answered = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = request(`${leaving.url}/v3/directline/conversations/${s.conversationId}/activities`, {
          method: "POST",
          headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), expect: "100-continue" },
        });
        req.on("continue", () => {
          leaving.started.child.kill("SIGTERM");
          waitFor(() => leaving.output().includes('"msg":"[server] shutting down"'), "the instance to start closing").then(() => req.end(body), reject);
        });
        req.on("response", (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
        req.on("error", reject);
      });
      // while it drains, new requests go to the other instances
      await waitFor(() => leaving.output().includes('"msg":"[server] shutting down"'), "the instance to start closing");
      expect((await say(s, "merhaba")).length).toBeGreaterThan(0);

      expect(await answered).toEqual({ status: 200, connection: "close" });
      const done: Finished = await leaving.started.finished;
      expect(done.code).toBe(0);
      expect(done.stdout.trim().split("\n").at(-1)).toContain('"msg":"[server] stopped"');
      expect((await poll(s)).activities.some((a) => a.text === TEXTS.ratingThanks)).toBe(true);
      expect((await storedRatings(databaseUrl)).has(answerIdOf(click))).toBe(true);
    });
  });

  describe("without Redis (each instance on its own)", () => {
    let schema = "";
    let instances: RunningApp[] = [];
    beforeAll(async () => {
      let databaseUrl: string;
      ({ url: databaseUrl, schema } = await freshPostgresSchema());
      // in this process (the real server over real HTTP): the child processes above show the shared case
      const env = { DATABASE_URL: databaseUrl, INSTALLATION_SECRET: SECRET, REDIS_URL: "", RATE_LIMIT_CLIENT_PER_MINUTE: String(CLIENT_LIMIT) };
      instances = await Promise.all([startTestApp(env), startTestApp(env)]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all(instances.map((app) => app.close()));
      await dropSchema(schema);
    });

    it("keeps a local Direct Line conversation on the instance that started it: a poll reaching another one finds nothing (documented: sticky sessions)", async () => {
      const [one, two] = instances;
      if (!one || !two) throw new Error("two instances expected");
      const s = await startConversation(one.url);
      await welcome(s);
      await say(s, "crm nedir");
      expect((await poll(s)).activities.length).toBeGreaterThanOrEqual(3);
      expect(await poll({ ...s, domain: `${two.url}/v3/directline` })).toEqual({ activities: [], watermark: "-1" });
    });

    it("counts the client rate limit per instance: N instances allow N times the rate", async () => {
      const client = await new RoundRobinProxy(instances.map((i) => i.url), "127.0.0.3").start();
      try {
        expect(await notLimited(client, CLIENT_LIMIT * 2.5)).toBe(CLIENT_LIMIT * 2);
      } finally {
        await client.stop();
      }
    });
  });
});
