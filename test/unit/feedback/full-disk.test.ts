import { sql } from "kysely";
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { TEXTS } from "../../../bot/conversation/texts";
import type { FeedbackEvent } from "../../../bot/feedback/events";
import { FeedbackRecorder, type SpoolFiles } from "../../../bot/feedback/recorder";
import { SqlFeedbackStore } from "../../../bot/feedback/store";
import { createLogger } from "../../../bot/logger";
import { openDatabase, type Database } from "../../../bot/storage/database";
import { tempDataDir } from "../../helpers/app";
import { realKnowledge, testBot } from "../../helpers/bot";

/**
 * A disk that can fill up: while `full`, every spool append goes to /dev/full, where the kernel
 * answers ENOSPC as a full disk does; otherwise it is the real append.
 */
class Disk implements SpoolFiles {
  full = false;
  append(fd: number, text: string): void {
    if (this.full) {
      const device = openSync("/dev/full", "w");
      try {
        writeSync(device, text);
        fsyncSync(device);
      } finally {
        closeSync(device);
      }
    }
    writeSync(fd, text);
    fsyncSync(fd);
  }
}

/** Ratings written before the test's, on a day outside the report range it reads. */
const FILLER_DAY = "2000-01-01T00:00:00.000Z";
const SINCE = "2020-01-01";

/**
 * Fills SQLite up to a page limit, so the next insert fails with SQLITE_FULL ("database or disk
 * is full"), the error a full disk gives; `full = false` lifts the limit.
 */
async function fillDatabase(database: Database, full: boolean): Promise<void> {
  if (!full) {
    await sql.raw("pragma max_page_count = 1000000000").execute(database.db);
    return;
  }
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(database.db);
  await sql.raw(`pragma max_page_count = ${rows[0]?.page_count ?? 0}`).execute(database.db);
  const store = new SqlFeedbackStore(database);
  for (let i = 0; ; i += 1) {
    try {
      await store.write({ kind: "rating", answerId: i.toString(36), entryId: "e", rating: 3, at: FILLER_DAY, conversation: "c", userHash: "u" });
    } catch (error) {
      expect(String(error)).toMatch(/SQLITE_FULL|full/i);
      return;
    }
  }
}

/** Fillers are small rows, the test's ratings larger ones: where no filler fits, none of those does. */
const rating = (answerId: string, value: number): FeedbackEvent => ({
  kind: "rating", answerId: `answer-of-the-test-${answerId}`, entryId: "crm", rating: value, at: new Date().toISOString(), conversation: "c", userHash: "u",
});

describe("a full disk", () => {
  let database: Database;
  let dir: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  beforeAll(() => process.on("unhandledRejection", onUnhandled));
  afterAll(() => process.off("unhandledRejection", onUnhandled));
  beforeEach(async () => {
    dir = tempDataDir();
    database = await openDatabase({ dataDir: dir });
    unhandled.length = 0;
  });
  afterEach(async () => {
    await database.close();
  });

  it("never throws: a rating that is neither stored nor spooled is `unsaved`, health is degraded, and all is written once there is room", async () => {
    const disk = new Disk();
    const spoolFile = join(dir, "spool.jsonl");
    const store = new SqlFeedbackStore(database);
    const r = new FeedbackRecorder({ store, logger: createLogger("silent"), spoolFile, files: disk, tuning: { RETRY_BASE_MS: 5, RETRY_MAX_MS: 20 } });
    r.recover();
    expect(r.error).toBeNull();

    await fillDatabase(database, true);
    disk.full = true;
    expect(await r.record(rating("a1", 4))).toBe("unsaved");
    // queued behind the first, still not durable
    expect(await r.record(rating("a2", 5))).toBe("unsaved");
    expect(r.error).toMatch(/ENOSPC/);
    await r.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    expect(r.pending).toBe(2);

    // room again: the spool takes new events, and the retry writes every event kept in memory
    disk.full = false;
    expect(await r.record(rating("a3", 3))).toBe("queued");
    expect(readFileSync(spoolFile, "utf8")).toContain('"answerId":"answer-of-the-test-a3"');
    await fillDatabase(database, false);
    await r.flush();
    expect(r.pending).toBe(0);
    expect(r.error).toBeNull();
    expect((await store.report({ since: SINCE })).csat.responses).toBe(3);
    await r.close();
  });

  it("shows in health at start, before any rating", () => {
    const disk = new Disk();
    disk.full = true;
    const r = new FeedbackRecorder({ store: new SqlFeedbackStore(database), logger: createLogger("silent"), spoolFile: join(dir, "spool.jsonl"), files: disk });
    r.recover();
    expect(r.error).toMatch(/ENOSPC/);
  });

  it("the bot tells the user plainly that the rating could not be saved, and goes on answering", async () => {
    const kb = await realKnowledge();
    const disk = new Disk();
    const failing = new SqlFeedbackStore(database);
    const recorder = new FeedbackRecorder({ store: failing, logger: createLogger("silent"), spoolFile: join(dir, "spool.jsonl"), files: disk });
    recorder.recover();
    const { adapter } = await testBot(kb, { recorder });
    const replies: Array<{ text?: string; suggestedActions?: { actions: Array<{ title: string; value: unknown }> } }> = [];
    adapter.onTurnError = async (_context, error) => {
      throw error;
    };
    await adapter.send("crm nedir").assertReply((activity) => {
      replies.push(activity);
    });
    const button = replies[0]?.suggestedActions?.actions[4];
    expect(button).toBeDefined();

    await fillDatabase(database, true);
    disk.full = true;
    await adapter.send({ type: "message", text: button?.title, value: button?.value }).assertReply((activity) => {
      expect(activity.text).toBe(TEXTS.feedbackNotSaved);
    });
    await adapter.send("nps nedir").assertReply((activity) => {
      expect(activity.text).toMatch(/NPS|Net Promoter/i);
    });
    expect(unhandled).toEqual([]);
    await recorder.close();
  });
});
