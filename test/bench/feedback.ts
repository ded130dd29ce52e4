/* eslint-disable no-console */
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { ConversationState, TestAdapter } from "botbuilder";
import { rmSync } from "node:fs";
import { MemnunBot } from "../../bot/conversation/bot";
import { DatabaseStorage } from "../../bot/conversation/state-storage";
import type { FeedbackEvent } from "../../bot/feedback/events";
import { Integrity } from "../../bot/feedback/integrity";
import { FeedbackRecorder } from "../../bot/feedback/recorder";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import { join } from "node:path";
import { loadKnowledge } from "../../bot/knowledge/loader";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { createLogger } from "../../bot/logger";
import { Matcher } from "../../bot/matching/matcher";
import { openDatabase } from "../../bot/storage/database";
import { SqlStateStore } from "../../bot/storage/state-store";
import { tempDataDir } from "../helpers/app";

/** Ratings recorded one by one for the latency figure. */
const TIMED_RATINGS = 3_000;
/** Ratings in the database for the report timing. */
const REPORT_RATINGS = 100_000;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Rating latency on SQLite and report time over 100,000 ratings. */
export async function benchFeedback(kb: KnowledgeBase): Promise<void> {
  const dataDir = tempDataDir();
  const database = await openDatabase({ dataDir });
  const store = new SqlFeedbackStore(database);
  const logger = createLogger("silent");
  const recorder = new FeedbackRecorder({ store, logger });
  const entryIds = kb.entries.map((e) => e.id);

  // 1. the write a rating adds to its turn
  const writes: number[] = [];
  for (let i = 0; i < TIMED_RATINGS; i += 1) {
    const event: FeedbackEvent = {
      kind: "rating", answerId: `bench-${i}`, entryId: entryIds[i % entryIds.length] ?? "x", rating: 1 + (i % 5),
      at: new Date().toISOString(), conversation: `c${i % 97}`, userHash: `u${i % 89}`,
    };
    const start = process.hrtime.bigint();
    await recorder.record(event);
    writes.push(ms(start));
  }
  writes.sort((a, b) => a - b);

  // 2. whole rating turns through the real bot (state read + write, signature check, rating write)
  const integrity = new Integrity(await store.installationSecret());
  const bot = new MemnunBot({
    logger, knowledge: () => kb, matcher: new Matcher(), maxMessageLength: 2000, recorder,
    integrity,
    conversationState: new ConversationState(new DatabaseStorage(new SqlStateStore(database), (key) => integrity.pseudonym(`state:${key}`))),
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  await adapter.send("crm nedir");
  const prompt = adapter.activeQueue.splice(0)[1];
  const values: unknown[] = (prompt?.suggestedActions?.actions ?? []).map((a): unknown => a.value);
  const turns: number[] = [];
  for (let i = 0; i < 500; i += 1) {
    const start = process.hrtime.bigint();
    await adapter.send({ type: "message", text: String(1 + (i % 2) + 3), value: values[3 + (i % 2)] });
    turns.push(ms(start));
    adapter.activeQueue.splice(0);
  }
  turns.sort((a, b) => a - b);

  // 3. a report over 100,000 ratings (plus as many answers and some questions and comments)
  const at = (i: number): string => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const sqlite = database.db;
  const batch = 500;
  const fillStart = process.hrtime.bigint();
  for (let i = 0; i < REPORT_RATINGS; i += batch) {
    const rows = Array.from({ length: batch }, (_, k) => i + k);
    await sqlite.transaction().execute(async (trx) => {
      await trx.insertInto("answers").values(rows.map((n) => ({
        id: `r-${n}`, at: at(n), conversation: `c${n % 997}`, user_hash: `u${n % 991}`, entry_id: entryIds[n % entryIds.length] ?? "x", source: "match", question_id: null,
      }))).execute();
      await trx.insertInto("ratings").values(rows.map((n) => ({
        answer_id: `r-${n}`, entry_id: entryIds[n % entryIds.length] ?? "x", rating: 1 + ((n * 7) % 5), at: at(n), conversation: `c${n % 997}`, user_hash: `u${n % 991}`,
      }))).execute();
      await trx.insertInto("questions").values(rows.filter((n) => n % 10 === 0).map((n) => ({
        id: `q-${n}`, at: at(n), conversation: `c${n % 997}`, user_hash: `u${n % 991}`, query: `soru ${n % 300}`, query_key: `soru ${n % 300}`, status: "none", entry_id: null, confidence: 0.2,
      }))).execute();
    });
  }
  const fill = ms(fillStart);
  const reportStart = process.hrtime.bigint();
  const report = await store.report({});
  const reportAll = ms(reportStart);
  const rangeStart = process.hrtime.bigint();
  await store.report({ since: "2026-01-10", until: "2026-02-10" });
  const reportRange = ms(rangeStart);

  console.log(`\nFeedback on SQLite (WAL, ${dataDir})\n`);
  console.log("| measure | p50 | p99 | target |");
  console.log("| --- | --- | --- | --- |");
  console.log(`| recording a rating (the write a turn waits for), ${TIMED_RATINGS} ratings | ${percentile(writes, 50).toFixed(3)} ms | ${percentile(writes, 99).toFixed(3)} ms | ≤ 2 ms p99 |`);
  console.log(`| whole rating turn (state, signature, write, reply) | ${percentile(turns, 50).toFixed(3)} ms | ${percentile(turns, 99).toFixed(3)} ms | |`);
  console.log(`\n| report over ${report.csat.responses.toLocaleString("en")} ratings, ${report.answers.toLocaleString("en")} answers | time | target |`);
  console.log("| --- | --- | --- |");
  console.log(`| all time | ${reportAll.toFixed(0)} ms | ≤ 1 s |`);
  console.log(`| one month (--since/--until) | ${reportRange.toFixed(0)} ms | |`);
  console.log(`\n(filling the database took ${(fill / 1000).toFixed(1)} s)`);

  await recorder.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const loaded = await loadKnowledge(join(__dirname, "..", "..", "knowledge"));
  if (!loaded.knowledgeBase) throw new Error("knowledge did not load");
  await benchFeedback(loaded.knowledgeBase);
}

void main();
