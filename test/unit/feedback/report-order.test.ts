import type { FeedbackEvent } from "../../../bot/feedback/events";
import { SqlFeedbackStore } from "../../../bot/feedback/store";
import { openDatabase, type Database } from "../../../bot/storage/database";
import { tempDataDir } from "../../helpers/app";

const origin = { conversation: "c1", userHash: "u1" };
const at = (minute: number): string => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();

/** Answers of `entryId`, each rated once with the given ratings. */
function rated(entryId: string, ratings: readonly number[], start: number): FeedbackEvent[] {
  return ratings.flatMap((rating, i) => {
    const id = `${entryId}-${i}`;
    return [
      { kind: "answer", id, at: at(start + i), ...origin, entryId, source: "match", questionId: null } as const,
      { kind: "rating", answerId: id, entryId, rating, at: at(start + i), ...origin } as const,
    ];
  });
}

describe("the report's answers, worst first", () => {
  let database: Database;
  afterEach(async () => {
    await database.close();
  });

  it("orders by CSAT, then by average (a 1 before a 3 when neither satisfies), then by ratings", async () => {
    database = await openDatabase({ dataDir: tempDataDir() });
    const store = new SqlFeedbackStore(database);
    await store.write(...rated("three", [3, 3, 3], 0), ...rated("one", [1], 10), ...rated("two-and-one", [2, 1], 20), ...rated("good", [5, 4], 30));
    const report = await store.report({});
    expect(report.entries.map((e) => e.id)).toEqual(["one", "two-and-one", "three", "good"]);
  });
});
