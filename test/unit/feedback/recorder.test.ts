import type { FeedbackEvent } from "../../../bot/feedback/events";
import { FeedbackRecorder } from "../../../bot/feedback/recorder";
import { SqlFeedbackStore, type FeedbackStore } from "../../../bot/feedback/store";
import { createLogger } from "../../../bot/logger";
import { openDatabase, type Database } from "../../../bot/storage/database";
import { appendFileSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { tempDataDir } from "../../helpers/app";

/** A real SQLite store behind a switch that makes writes fail or hang, as a lost database does. */
class Outage implements FeedbackStore {
  mode: "up" | "down" | "hang" = "up";
  attempts = 0;
  constructor(private readonly real: SqlFeedbackStore) {}
  async write(...events: FeedbackEvent[]): Promise<void> {
    this.attempts += 1;
    if (this.mode === "down") throw new Error("ECONNREFUSED");
    if (this.mode === "hang") return new Promise(() => undefined);
    return this.real.write(...events);
  }
  report(...args: Parameters<FeedbackStore["report"]>): ReturnType<FeedbackStore["report"]> {
    return this.real.report(...args);
  }
  installationSecret(): Promise<string> {
    return this.real.installationSecret();
  }
  learning(...args: Parameters<FeedbackStore["learning"]>): ReturnType<FeedbackStore["learning"]> {
    return this.real.learning(...args);
  }
  close(): Promise<void> {
    return this.real.close();
  }
}

const rating = (answerId: string, value: number): FeedbackEvent => ({
  kind: "rating", answerId, entryId: "crm", rating: value, at: new Date().toISOString(), conversation: "c", userHash: "u",
});
const answer = (id: string): FeedbackEvent => ({
  kind: "answer", id, entryId: "crm", source: "match", questionId: null, at: new Date().toISOString(), conversation: "c", userHash: "u",
});

describe("FeedbackRecorder", () => {
  let database: Database;
  let real: SqlFeedbackStore;
  let outage: Outage;
  beforeEach(async () => {
    database = await openDatabase({ dataDir: "", sqliteFile: ":memory:" });
    real = new SqlFeedbackStore(database);
    outage = new Outage(real);
    // the recorder's delays, retries and timeouts run on a fake clock: no test waits for, or races,
    // the real one (a real write slower than WRITE_TIMEOUT_MS on a busy machine would count as failed)
    jest.useFakeTimers({ doNotFake: ["setImmediate", "nextTick", "queueMicrotask"] });
  });
  afterEach(async () => {
    jest.useRealTimers();
    await database.close();
  });

  const recorder = (): FeedbackRecorder =>
    new FeedbackRecorder({ store: outage, logger: createLogger("silent"), tuning: { RETRY_BASE_MS: 10, RETRY_MAX_MS: 40, WRITE_TIMEOUT_MS: 50 } });

  it("stores a rating at once while the database answers: `record` resolves after the commit", async () => {
    const r = recorder();
    expect(await r.record(rating("a1", 4))).toBe("stored");
    expect(r.pending).toBe(0);
    expect((await real.report({})).csat.responses).toBe(1);
  });

  it("does not wait for logs: writes them within LOG_DELAY_MS, or with the next rating", async () => {
    const r = new FeedbackRecorder({ store: outage, logger: createLogger("silent"), tuning: { LOG_DELAY_MS: 30 } });
    expect(await r.record(answer("a1"))).toBe("buffered");
    expect(outage.attempts).toBe(0);
    await jest.advanceTimersByTimeAsync(29);
    expect(outage.attempts).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(outage.attempts).toBe(1);
    expect((await real.report({})).answers).toBe(1);

    const slow = new FeedbackRecorder({ store: outage, logger: createLogger("silent"), tuning: { LOG_DELAY_MS: 60_000 } });
    expect(await slow.record(answer("a2"))).toBe("buffered");
    expect(await slow.record(rating("a2", 5))).toBe("stored");
    expect(outage.attempts).toBe(2);
    expect((await real.report({})).answers).toBe(2);
    // flush (and close) write what is buffered
    expect(await slow.record(answer("a3"))).toBe("buffered");
    await slow.close();
    expect((await real.report({})).answers).toBe(3);
  });

  it("writes the events of one event-loop turn in one transaction (group commit)", async () => {
    const r = recorder();
    const outcomes = Promise.all([r.record(answer("a1"), rating("a1", 3)), r.record(answer("a2")), r.record(rating("a2", 5))]);
    expect(outage.attempts).toBe(0);
    expect(await outcomes).toEqual(["stored", "buffered", "stored"]);
    expect(outage.attempts).toBe(1);
    const report = await real.report({});
    expect(report.answers).toBe(2);
    expect(report.csat.responses).toBe(2);
    // a later turn is a new transaction
    expect(await r.record(rating("a1", 4))).toBe("stored");
    expect(outage.attempts).toBe(2);
  });

  it("queues a whole failed batch, in order, and writes it when the database is back", async () => {
    const r = recorder();
    outage.mode = "down";
    const outcomes = await Promise.all([r.record(answer("a1")), r.record(rating("a1", 2)), r.record(rating("a1", 5))]);
    expect(outcomes).toEqual(["buffered", "queued", "queued"]);
    expect(r.pending).toBe(3);
    outage.mode = "up";
    await r.flush();
    expect(r.pending).toBe(0);
    expect((await real.report({})).csat.distribution["5"]).toBe(1);
  });

  it("queues while the database is down, keeps order, and writes everything once it is back", async () => {
    const r = recorder();
    outage.mode = "down";
    expect(await r.record(answer("a1"))).toBe("buffered");
    expect(await r.record(rating("a1", 2))).toBe("queued");
    expect(await r.record(rating("a1", 5))).toBe("queued");
    expect(r.pending).toBe(3);
    expect(r.error).toMatch(/ECONNREFUSED/);
    outage.mode = "up";
    // the first retry comes after RETRY_BASE_MS (10 ms here)
    await jest.advanceTimersByTimeAsync(9);
    expect(r.pending).toBe(3);
    await jest.advanceTimersByTimeAsync(1);
    expect(r.pending).toBe(0);
    expect(r.error).toBeNull();
    const report = await real.report({});
    expect(report.answers).toBe(1);
    expect(report.csat.distribution["5"]).toBe(1);
    expect(report.csat.responses).toBe(1);
  });

  it("treats a hanging write as failed after the timeout, without double counting when retried", async () => {
    const r = recorder();
    outage.mode = "hang";
    let outcome: string | undefined;
    const recorded = r.record(rating("a1", 4)).then((o) => (outcome = o));
    // WRITE_TIMEOUT_MS is 50 ms here
    await jest.advanceTimersByTimeAsync(49);
    expect(outcome).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    await recorded;
    expect(outcome).toBe("queued");
    outage.mode = "up";
    await r.flush();
    expect(r.pending).toBe(0);
    expect((await real.report({})).csat.responses).toBe(1);
  });

  it("backs off between retries instead of hammering a dead database", async () => {
    const r = recorder();
    outage.mode = "down";
    await r.record(answer("a1"));
    const before = outage.attempts;
    await jest.advanceTimersByTimeAsync(300);
    const retries = outage.attempts - before;
    expect(retries).toBeGreaterThan(1);
    // with 10, 20, 40, 40… ms delays 300 ms allows at most ~9 attempts; without backoff it would be ~30
    expect(retries).toBeLessThan(12);
    expect(await r.close()).toBe(1);
  });

  it("spools queued events to disk, so a new process writes what a crashed one acknowledged", async () => {
    const spoolFile = join(tempDataDir(), "spool.jsonl");
    outage.mode = "down";
    const crashed = new FeedbackRecorder({ store: outage, logger: createLogger("silent"), spoolFile, tuning: { RETRY_BASE_MS: 60_000 } });
    expect(crashed.recover()).toBe(0);
    await crashed.record(answer("a1"));
    await crashed.record(rating("a1", 3));
    expect(readFileSync(spoolFile, "utf8").trim().split("\n")).toHaveLength(2);
    // a line cut short by the crash is ignored
    appendFileSync(spoolFile, '{"kind":"rating","answ');

    outage.mode = "up";
    const next = new FeedbackRecorder({ store: outage, logger: createLogger("silent"), spoolFile, tuning: { RETRY_BASE_MS: 5 } });
    expect(next.recover()).toBe(2);
    await next.flush();
    expect(next.pending).toBe(0);
    expect(readFileSync(spoolFile, "utf8").trim()).toBe("");
    const report = await real.report({});
    expect(report.answers).toBe(1);
    expect(report.csat.distribution["3"]).toBe(1);
    await next.close();
  });

  it("rewrites the spool it replays by a new file renamed over it, never by cutting it short in place (a power loss between lost the queue)", async () => {
    const spoolFile = join(tempDataDir(), "spool.jsonl");
    outage.mode = "down";
    const crashed = new FeedbackRecorder({ store: outage, logger: createLogger("silent"), spoolFile, tuning: { RETRY_BASE_MS: 60_000 } });
    crashed.recover();
    await crashed.record(answer("a1"));
    await crashed.record(rating("a1", 3));
    appendFileSync(spoolFile, '{"kind":"rating","answ');
    const before = statSync(spoolFile).ino;

    const next = new FeedbackRecorder({ store: outage, logger: createLogger("silent"), spoolFile, tuning: { RETRY_BASE_MS: 60_000 } });
    expect(next.recover()).toBe(2);
    expect(statSync(spoolFile).ino).not.toBe(before);
    expect(readFileSync(spoolFile, "utf8").trim().split("\n").map((line) => (JSON.parse(line) as FeedbackEvent).kind)).toEqual(["answer", "rating"]);
    // a new event goes to the new file, after the replayed ones
    await next.record(rating("a2", 5));
    expect(readFileSync(spoolFile, "utf8").trim().split("\n")).toHaveLength(3);
    await next.close();
    await crashed.close();
  });
});
