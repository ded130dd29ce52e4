import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { FeedbackEvent } from "../../bot/feedback/events";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import { openDatabase, SQLITE_FILE } from "../../bot/storage/database";
import { tempDataDir } from "../helpers/app";
import { waitFor } from "../helpers/wait";

/** Longer than any test: the background checkpoint never runs on its own. */
const NEVER_MS = 3_600_000;
/** Short: the background checkpoint runs many times while a test waits for it. */
const OFTEN_MS = 20;

const questions = (count: number): FeedbackEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    kind: "question" as const,
    id: `q${i}`,
    at: new Date(Date.UTC(2026, 10, 20, 0, 0, i)).toISOString(),
    conversation: `c${i % 50}`,
    userHash: `u${i % 40}`,
    query: `müşteri memnuniyeti nasıl ölçülür ${i}`,
    status: "answered" as const,
    entryId: "memnuniyet-modelleri",
    confidence: 0.9,
  }));

async function write(store: SqlFeedbackStore, events: FeedbackEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) await store.write(...events.slice(i, i + 500));
}

describe("SQLite WAL checkpoints in the background", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const fileIn = (): { dir: string; file: string } => {
    const dir = tempDataDir();
    dirs.push(dir);
    return { dir, file: join(dir, SQLITE_FILE) };
  };

  it("leaves the writes in the WAL: the writing connection does not checkpoint, however much it writes; close does", async () => {
    const { dir, file } = fileIn();
    const database = await openDatabase({ dataDir: dir, checkpointIntervalMs: NEVER_MS });
    const store = new SqlFeedbackStore(database);
    const before = statSync(file).size;
    // more than SQLite's 1,000-page automatic threshold
    await write(store, questions(30_000));
    expect(statSync(file).size).toBe(before);
    await database.close();
    expect(statSync(file).size).toBeGreaterThan(before + 4_000_000);
    const reopened = await openDatabase({ dataDir: dir, checkpointIntervalMs: NEVER_MS });
    try {
      expect((await new SqlFeedbackStore(reopened).report({})).unanswered).toEqual([]);
      expect(Number((await reopened.db.selectFrom("questions").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n)).toBe(30_000);
    } finally {
      await reopened.close();
    }
  });

  it("moves committed writes into the database file from the worker, while the database stays open", async () => {
    const { dir, file } = fileIn();
    const database = await openDatabase({ dataDir: dir, checkpointIntervalMs: OFTEN_MS });
    try {
      const before = statSync(file).size;
      await write(new SqlFeedbackStore(database), questions(2_000));
      await waitFor(() => statSync(file).size > before + 200_000, "a background checkpoint to grow the database file");
    } finally {
      await database.close();
    }
  });
});
