import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import { openDatabase, SQLITE_FILE } from "../../bot/storage/database";
import { CHECKPOINT_INTERVAL_MS } from "../../bot/storage/sqlite-checkpointer";
import { tempDataDir } from "../helpers/app";

describe("SQLite WAL checkpoints in the background", () => {
  it("moves committed writes into the database file without the writing connection checkpointing", async () => {
    const dir = tempDataDir();
    const database = await openDatabase({ dataDir: dir });
    try {
      expect(database.sqlite).not.toBeNull();
      const file = join(dir, SQLITE_FILE);
      const store = new SqlFeedbackStore(database);
      // let the start-up checkpoint pass, then measure what the writes alone do
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_INTERVAL_MS * 1.5));
      const before = statSync(file).size;
      const events = Array.from({ length: 30_000 }, (_, i) => ({
        kind: "question" as const,
        id: `q${i}`,
        at: new Date(Date.UTC(2026, 10, 20, 0, 0, i)).toISOString(),
        conversation: `c${i % 50}`,
        userHash: `u${i % 40}`,
        query: `müşteri memnuniyeti nasıl ölçülür ${i}`,
        status: "answered" as const,
        entryId: "memnuniyet-modelleri",
        score: 0.9,
      }));
      for (let i = 0; i < events.length; i += 500) await store.write(...events.slice(i, i + 500));
      // the writes (more than SQLite's 1,000-page automatic threshold) sit in the WAL: the writing connection does not checkpoint
      expect(statSync(file).size).toBe(before);
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_INTERVAL_MS * 2.5));
      expect(statSync(file).size).toBeGreaterThan(before + 4_000_000);
      expect((await store.report({})).unanswered).toEqual([]);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
