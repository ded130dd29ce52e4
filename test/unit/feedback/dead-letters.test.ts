import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeedbackEvent } from "../../../bot/feedback/events";
import { FeedbackRecorder } from "../../../bot/feedback/recorder";
import { SqlFeedbackStore } from "../../../bot/feedback/store";
import { createLogger } from "../../../bot/logger";
import { openDatabase, type Database } from "../../../bot/storage/database";
import { tempDataDir } from "../../helpers/app";
import { dropSchema, freshPostgresSchema, TEST_DATABASE_URL } from "../../helpers/postgres";

const at = (): string => new Date().toISOString();
const question = (id: string, query: string, confidence = 0.9): FeedbackEvent => ({
  kind: "question", id, at: at(), conversation: "c", userHash: "u", query, status: "answered", entryId: "crm", confidence,
});
const rating = (answerId: string, value: number): FeedbackEvent => ({
  kind: "rating", answerId, entryId: "crm", rating: value, at: at(), conversation: "c", userHash: "u",
});
const comment = (id: string, text: string): FeedbackEvent => ({
  kind: "comment", id, answerId: "a1", entryId: "crm", rating: 1, text, at: at(), conversation: "c", userHash: "u",
});

interface Opened {
  database: Database;
  dispose(): Promise<void>;
}

const databases: Array<[string, () => Promise<Opened>]> = [
  [
    "SQLite",
    async () => {
      const database = await openDatabase({ dataDir: "", sqliteFile: ":memory:" });
      return { database, dispose: () => database.close() };
    },
  ],
];
if (TEST_DATABASE_URL) {
  databases.push([
    "PostgreSQL",
    async () => {
      const { url, schema } = await freshPostgresSchema();
      const database = await openDatabase({ databaseUrl: url, dataDir: "" });
      return {
        database,
        dispose: async () => {
          await database.close();
          await dropSchema(schema);
        },
      };
    },
  ]);
} else {
  it.skip("dead letters on PostgreSQL (set TEST_DATABASE_URL to run them)", () => undefined);
}

describe.each(databases)("feedback the database refuses (%s)", (_name, open) => {
  let opened: Opened;
  let store: SqlFeedbackStore;
  let dir: string;
  beforeEach(async () => {
    opened = await open();
    store = new SqlFeedbackStore(opened.database);
    dir = tempDataDir();
  });
  afterEach(async () => {
    await opened.dispose();
  });

  const recorder = (): FeedbackRecorder =>
    new FeedbackRecorder({
      store,
      logger: createLogger("silent"),
      spoolFile: join(dir, "spool.jsonl"),
      deadLetterFile: join(dir, "dead.jsonl"),
      tuning: { RETRY_BASE_MS: 5, RETRY_MAX_MS: 20, LOG_DELAY_MS: 5 },
    });

  it("stores text with a NUL byte and other control characters, cleaned", async () => {
    const r = recorder();
    r.recover();
    await r.record(question("q1", "müşteri\u0000 memnuniyeti\u001b[31m nedir"));
    expect(await r.record(comment("k1", "kötü\u0000 cevap\u0007"), rating("a1", 1))).toBe("stored");
    await r.flush();
    expect(r.pending).toBe(0);
    expect(r.deadLetters).toBe(0);
    const rows = await opened.database.db.selectFrom("questions").select("query").execute();
    expect(rows.map((row) => row.query)).toEqual(["müşteri memnuniyeti[31m nedir"]);
    const report = await store.report({});
    expect(report.comments.map((c) => c.text)).toEqual(["kötü cevap"]);
    await r.close();
  });

  it("stores any text a user can send (fuzz: control characters, NUL, lone surrogates), and every rating after it", async () => {
    const r = recorder();
    r.recover();
    const controls = fc.constantFrom("\u0000", "\u0001", "\u001b[2J", "\u007f", "\u009b", "\ud800", "\udfff", "\n", "\t", "\r", "=", "'");
    const hostile = fc.array(fc.oneof(fc.string({ unit: "binary" }), controls), { maxLength: 8 }).map((parts) => parts.join(""));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        n += 1;
        await r.record(question(`q${n}`, text));
        expect(await r.record(comment(`k${n}`, text), rating(`a${n}`, 4))).toBe("stored");
      }),
      { numRuns: 60 },
    );
    await r.flush();
    expect(r.pending).toBe(0);
    expect(r.deadLetters).toBe(0);
    expect((await store.report({})).csat.responses).toBe(n);
    await r.close();
  });

  it("moves an event the database refuses to the dead letters; it blocks neither its batch nor later events", async () => {
    const r = recorder();
    r.recover();
    // NaN is no integer to PostgreSQL, and NULL (a NOT NULL violation) to SQLite
    const outcomes = await Promise.all([r.record(rating("a1", 4)), r.record(rating("a2", Number.NaN)), r.record(rating("a3", 5))]);
    expect(outcomes).toEqual(["stored", "rejected", "stored"]);
    expect(await r.record(rating("a4", 2))).toBe("stored");
    await r.flush();
    expect(r.pending).toBe(0);
    expect(r.error).toBeNull();
    expect(r.deadLetters).toBe(1);
    expect((await store.report({})).csat.responses).toBe(3);
    const dead = readFileSync(join(dir, "dead.jsonl"), "utf8").trim().split("\n");
    expect(dead).toHaveLength(1);
    expect(JSON.parse(dead[0] ?? "")).toMatchObject({ event: { kind: "rating", answerId: "a2" }, reason: expect.stringMatching(/^\[feedback\] the database refused/) });
    await r.close();
  });

  it("a refused event in the spool of an earlier run never blocks the replay, and is not replayed twice", async () => {
    // an earlier run spooled a NUL byte (before text was cleaned) and a value no database takes, then stopped
    const lines = [
      question("q1", "eski\u0000 soru"),
      { ...rating("a1", 3) },
      { kind: "rating", answerId: "a2", entryId: "crm", rating: null, at: at(), conversation: "c", userHash: "u" },
      rating("a3", 5),
    ];
    writeFileSync(join(dir, "spool.jsonl"), lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    const r = recorder();
    expect(r.recover()).toBe(3);
    await r.flush();
    expect(r.pending).toBe(0);
    expect(r.deadLetters).toBe(1);
    expect(readFileSync(join(dir, "spool.jsonl"), "utf8").trim()).toBe("");
    expect((await store.report({})).csat.responses).toBe(2);
    const rows = await opened.database.db.selectFrom("questions").select("query").execute();
    expect(rows.map((row) => row.query)).toEqual(["eski soru"]);
    await r.close();

    // the next start counts the dead letters kept so far (for /healthz) and replays nothing
    const again = recorder();
    expect(again.recover()).toBe(0);
    expect(again.deadLetters).toBe(1);
    await again.close();
  });

  it("a refused event queued behind an outage goes to the dead letters when the database is back", async () => {
    const r = recorder();
    r.recover();
    let down = true;
    const flaky = new FeedbackRecorder({
      store: {
        write: (...events) => (down ? Promise.reject(new Error("ECONNREFUSED")) : store.write(...events)),
        report: (...args) => store.report(...args),
        installationSecret: () => store.installationSecret(),
        learning: (...args) => store.learning(...args),
        close: () => store.close(),
      },
      logger: createLogger("silent"),
      spoolFile: join(dir, "spool2.jsonl"),
      deadLetterFile: join(dir, "dead.jsonl"),
      tuning: { RETRY_BASE_MS: 5, RETRY_MAX_MS: 20 },
    });
    flaky.recover();
    expect(await flaky.record(rating("a1", 4))).toBe("queued");
    expect(await flaky.record(rating("a2", Number.NaN))).toBe("queued");
    expect(await flaky.record(rating("a3", 5))).toBe("queued");
    down = false;
    await flaky.flush();
    expect(flaky.pending).toBe(0);
    expect(flaky.deadLetters).toBe(1);
    expect((await store.report({})).csat.responses).toBe(2);
    await flaky.close();
    await r.close();
  });
});
