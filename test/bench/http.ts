/* eslint-disable no-console */
// `npm run bench:http`: Memnun, an echo bot and a reference bot that sends Memnun's answer message
// with no logic, all on the same stack, each in its own process, driven over HTTP by N concurrent
// conversations with a local connector playing the channel.
process.env.DOTENV_CONFIG_QUIET ??= "true";

import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { emulatorActivity, REPO_ROOT, tempDataDir } from "../helpers/app";
import { LocalConnector } from "../helpers/connector";
import { spawnServer } from "../helpers/process";
import { IN_DOMAIN } from "../matching/queries";

/** Seconds each (server, concurrency) run lasts; runs are interleaved Memnun / answer / echo. */
const RUN_SECONDS = Number(process.env.BENCH_RUN_SECONDS ?? 6);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,16,64").split(",").map(Number);
/** Load on each server before anything is measured (JIT, caches, database). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
/** Soak length in seconds and how often RSS is sampled (often: it swings by a third with each major GC). */
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const SOAK_SAMPLE_SECONDS = 1;
/** Load before the soak is measured: caches, the V8 heap and SQLite's page cache fill first (about 30 s here). */
const SOAK_WARMUP_SECONDS = Number(process.env.BENCH_SOAK_WARMUP_SECONDS ?? 30);

interface Server {
  child: ChildProcess;
  url: string;
}

type ServerKind = "memnun" | "answer" | "echo";

function startServer(kind: ServerKind): Promise<Server> {
  return spawnServer(
    join(REPO_ROOT, "test", "bench", "http-server.ts"),
    [kind],
    {
      DATA_DIR: tempDataDir(),
      KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge"),
      RATE_LIMIT_CLIENT_PER_MINUTE: "1000000",
      RATE_LIMIT_CONVERSATION_PER_MINUTE: "100000",
    },
    process.env.BENCH_PROFILE === kind ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [],
  );
}

const rssMb = (pid: number | undefined): number => {
  const status = readFileSync(`/proc/${pid ?? 0}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
};

/** CPU time (user + system) the process has used, in ms, from /proc. */
const cpuMs = (pid: number | undefined): number => {
  const fields = readFileSync(`/proc/${pid ?? 0}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 1000) / CLOCK_TICKS;
};
/** Linux clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat times. */
const CLOCK_TICKS = 100;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface RunResult {
  messages: number;
  /** Server CPU time per message, ms. */
  cpuPerMessage: number;
  /** CPU time of this load process (driver and connector) per message, ms. */
  loadCpuPerMessage: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

async function drive(server: Server, connector: LocalConnector, concurrency: number, seconds: number, tag: string): Promise<RunResult> {
  const questions = IN_DOMAIN.map((q) => q.text);
  const latencies: number[] = [];
  let errors = 0;
  const stopAt = Date.now() + seconds * 1000;
  const worker = async (w: number): Promise<void> => {
    let i = w;
    while (Date.now() < stopAt) {
      const body = JSON.stringify(emulatorActivity(connector.url, `${tag}-${concurrency}-${w}`, { text: questions[i % questions.length] }));
      i += concurrency;
      const started = process.hrtime.bigint();
      try {
        const response = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
        await response.arrayBuffer();
        if (response.status >= 300) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  const began = Date.now();
  const cpuBefore = cpuMs(server.child.pid);
  const loadBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (Date.now() - began) / 1000;
  const cpuPerMessage = (cpuMs(server.child.pid) - cpuBefore) / Math.max(1, latencies.length);
  const load = process.cpuUsage(loadBefore);
  const loadCpuPerMessage = (load.user + load.system) / 1000 / Math.max(1, latencies.length);
  connector.received.length = 0;
  latencies.sort((a, b) => a - b);
  return { messages: latencies.length, cpuPerMessage, loadCpuPerMessage, errors, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const connector = await new LocalConnector().start();
  const memnun = await startServer("memnun");
  const answer = await startServer("answer");
  const echo = await startServer("echo");
  // warm each under full load until V8 has optimized the hot paths (Memnun has far more code to optimize)
  for (const server of [memnun, answer, echo]) await drive(server, connector, 16, WARMUP_SECONDS, "warm");

  console.log(`\nHTTP load: ${RUN_SECONDS} s per run, interleaved, servers in their own processes, local connector in the load process\n`);
  console.log("| concurrent conversations | server | messages/s | p50 | p95 | p99 | errors | server CPU / message | load process CPU / message | ÷ echo |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const concurrency of CONCURRENCY) {
    const m = await drive(memnun, connector, concurrency, RUN_SECONDS, "m");
    const a = await drive(answer, connector, concurrency, RUN_SECONDS, "a");
    const e = await drive(echo, connector, concurrency, RUN_SECONDS, "e");
    const row = (name: string, r: RunResult, ratio: string): string =>
      `| ${concurrency} | ${name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.errors} | ${r.cpuPerMessage.toFixed(2)} ms | ${r.loadCpuPerMessage.toFixed(2)} ms | ${ratio} |`;
    console.log(row("Memnun", m, (m.perSecond / e.perSecond).toFixed(2)));
    console.log(row("answer only", a, (a.perSecond / e.perSecond).toFixed(2)));
    console.log(row("echo", e, ""));
  }

  console.log(`\nSoak: Memnun, 16 concurrent conversations for ${SOAK_SECONDS} s after ${SOAK_WARMUP_SECONDS} s of warm-up load; server RSS sampled every ${SOAK_SAMPLE_SECONDS} s\n`);
  await drive(memnun, connector, 16, SOAK_WARMUP_SECONDS, "soak-warmup");
  const samples: number[] = [];
  const sampler = setInterval(() => {
    samples.push(rssMb(memnun.child.pid));
    // the replies are not looked at here: keep the load process from holding a minute of them
    connector.received.length = 0;
  }, SOAK_SAMPLE_SECONDS * 1000);
  const soak = await drive(memnun, connector, 16, SOAK_SECONDS, "soak");
  clearInterval(sampler);
  // RSS swings with each garbage collection. A leak raises the floor (what is left after a
  // collection): compare the lowest sample of each half, and show the medians too.
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const half = Math.floor(samples.length / 2);
  const [early, late] = [samples.slice(0, half), samples.slice(half)];
  const floors = [Math.min(...early), Math.min(...late)] as const;
  console.log(`RSS (MB), every ${SOAK_SAMPLE_SECONDS} s: ${samples.map((s) => s.toFixed(0)).join(" ")}`);
  const growth = half > 0 ? `growth ${(((floors[1] - floors[0]) / floors[0]) * 100).toFixed(1)}%` : "too short to judge growth";
  console.log(
    `RSS floor first half ${floors[0].toFixed(0)} MB, second half ${floors[1].toFixed(0)} MB: ${growth} (target < 10%); medians ${median(early).toFixed(0)} and ${median(late).toFixed(0)} MB; ${soak.messages} messages (${soak.perSecond.toFixed(0)}/s), ${soak.errors} errors`,
  );
  console.log("targets: Memnun ≥ 0.9 × echo messages/s at 16 conversations, p99 < 50 ms, zero errors");
  console.log("answer only: the same stack sending Memnun's answer message (Markdown, 1–5 buttons, follow-up card) with no matching, state or feedback");

  for (const server of [memnun, answer, echo]) server.child.kill("SIGTERM");
  await connector.stop();
}

void main();
