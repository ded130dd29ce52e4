import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningApp } from "../../bot/index";
import { DIRECT_LINE_TUNING } from "../../bot/web/direct-line";
import { REPO_ROOT, startTestApp, tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS } from "../helpers/cli";
import { spawnServer } from "../helpers/process";

interface Session {
  token: string;
  conversationId: string;
  domain: string;
}

const isSession = (body: unknown): body is Session =>
  typeof body === "object" && body !== null && "token" in body && "conversationId" in body && "domain" in body;

async function session(url: string): Promise<Session> {
  const response = await fetch(`${url}/api/directline/token`, { method: "POST" });
  const body: unknown = await response.json();
  if (!isSession(body)) throw new Error(`no session: ${response.status} ${JSON.stringify(body)}`);
  await fetch(`${body.domain}/conversations`, { method: "POST", headers: { authorization: `Bearer ${body.token}` } });
  return body;
}

const postActivity = (s: Session, activity: unknown): Promise<Response> =>
  fetch(`${s.domain}/conversations/${s.conversationId}/activities`, {
    method: "POST",
    headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json" },
    body: JSON.stringify(activity),
  });

const poll = (s: Session, watermark?: string): Promise<Response> =>
  fetch(`${s.domain}/conversations/${s.conversationId}/activities${watermark === undefined ? "" : `?watermark=${watermark}`}`, {
    headers: { authorization: `Bearer ${s.token}` },
  });

describe("local Direct Line limits", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_TOKEN_PER_MINUTE: "3", RATE_LIMIT_POLL_PER_MINUTE: "5" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("refuses an activity over MAX_ACTIVITY_CHARS with 413", async () => {
    const s = await session(app.url);
    const big = await postActivity(s, { type: "message", text: "merhaba", channelData: { blob: "x".repeat(DIRECT_LINE_TUNING.MAX_ACTIVITY_CHARS) } });
    expect(big.status).toBe(413);
    expect((await postActivity(s, { type: "message", text: "merhaba", channelData: { blob: "x".repeat(1_000) } })).status).toBe(200);
  });

  it("rate limits token requests and polls per client with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${app.url}/api/directline/token`, { method: "POST" })).status);
    // the first test took one token already
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    const s = { token: "x", conversationId: "c", domain: `${app.url}/v3/directline` };
    const polls: Response[] = [];
    for (let i = 0; i < 7; i += 1) polls.push(await poll(s));
    expect(polls.map((p) => p.status).slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(polls.map((p) => p.status).slice(5)).toEqual([429, 429]);
    expect(Number(polls[6]?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) / 1024;
}

/**
 * The documented memory ceiling of a server under a local Direct Line flood (README): its RSS
 * stays below this while the flood runs. About 260 MB of it is the server after its first answer
 * (the Turkish analyser's data loaded by the matcher).
 */
const RSS_CEILING_MB = 550;
/**
 * What the flood may add to the RSS of a server that has answered once: the local Direct Line
 * keeps at most `MAX_TOTAL_CHARS` characters of activities (about 64 MB at worst), plus request
 * buffers and garbage not yet collected.
 */
const FLOOD_GROWTH_CEILING_MB = 200;

describe("a local Direct Line flood (real server process, loopback, bounded request count)", () => {
  it("keeps RSS under the ceiling, keeps a live conversation whole, and refuses what does not fit", async () => {
    const { child, url } = await spawnServer(join(REPO_ROOT, "bot", "index.ts"), [], {
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      DATA_DIR: tempDataDir(),
      KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge"),
      // the flood is about memory: the per-client rate limits are lifted
      RATE_LIMIT_CLIENT_PER_MINUTE: "1000000",
      RATE_LIMIT_TOKEN_PER_MINUTE: "1000000",
      RATE_LIMIT_POLL_PER_MINUTE: "1000000",
      RATE_LIMIT_CONVERSATION_PER_MINUTE: "100000",
    });
    const pid = child.pid ?? 0;
    try {
      const live = await session(url);
      expect((await postActivity(live, { type: "message", text: "crm nedir" })).status).toBe(200);
      const history = (await (await poll(live)).json()) as { activities: unknown[]; watermark: string };
      expect(history.activities.length).toBeGreaterThanOrEqual(2);

      const baseline = rssMb(pid);
      let peak = baseline;
      const statuses = new Map<number, number>();
      const blob = "ç".repeat(DIRECT_LINE_TUNING.MAX_ACTIVITY_CHARS - 1_000);
      // 160 conversations × 10 posts of ~31,000 characters: about 50 million characters posted,
      // above MAX_TOTAL_CHARS; plus polls for conversations that do not exist
      for (let c = 0; c < 160; c += 1) {
        const s = await session(url);
        const posts = Array.from({ length: 10 }, () => postActivity(s, { type: "message", text: "x", channelData: { blob } }));
        for (const response of await Promise.all(posts)) statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        await Promise.all(Array.from({ length: 5 }, () => poll({ ...s, conversationId: `${s.conversationId}-nope` })));
        if (c % 10 === 0) {
          // the live tab keeps polling
          expect((await poll(live, history.watermark)).status).toBe(200);
          peak = Math.max(peak, rssMb(pid));
        }
      }
      peak = Math.max(peak, rssMb(pid));
      process.stderr.write(`[flood test] RSS after one answer ${Math.round(baseline)} MB, peak ${Math.round(peak)} MB; statuses ${JSON.stringify([...statuses])}\n`);
      expect(peak).toBeLessThan(RSS_CEILING_MB);
      expect(peak - baseline).toBeLessThan(FLOOD_GROWTH_CEILING_MB);
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
      expect(statuses.get(500) ?? 0).toBe(0);
      // the live conversation kept its history and its numbering
      const after = (await (await poll(live)).json()) as { activities: Array<{ id: string }>; watermark: string };
      expect(after.watermark).toBe(history.watermark);
      expect(after.activities).toHaveLength(history.activities.length);
      expect(child.exitCode).toBeNull();
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const stuck = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(stuck);
    }
  }, PROCESS_TEST_TIMEOUT_MS);
});
