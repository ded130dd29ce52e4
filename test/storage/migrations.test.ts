import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, sql, SqliteDialect, type Dialect } from "kysely";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Pool } from "pg";
import { FeedbackEventSchema } from "../../bot/feedback/events";
import { openDatabase, OwnSchemaPostgresDialect, SQLITE_FILE } from "../../bot/storage/database";
import { MIGRATIONS } from "../../bot/storage/schema";
import { tempDataDir } from "../helpers/app";
import { describePostgres, dropSchema, freshPostgresSchema } from "../helpers/postgres";

/** The last migration before the matcher's `score` became `confidence`. */
const BEFORE_RENAME = "2026-12-03-002-feedback-channels";

/**
 * A database as an older version left it: migrated up to `BEFORE_RENAME`, with one question
 * logged. On PostgreSQL through Memnun's own dialect, whose introspector reads only the test's
 * schema: Kysely's default one read every schema, and failed when another suite dropped one.
 */
async function olderDatabase(dialect: Dialect): Promise<void> {
  const db = new Kysely<unknown>({ dialect });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    const { error } = await migrator.migrateTo(BEFORE_RENAME);
    expect(error).toBeUndefined();
    await sql`insert into questions (id, at, conversation, user_hash, query, query_key, status, entry_id, score)
              values ('q1', '2026-12-01T10:00:00.000Z', 'c', 'u', 'nps nedir', 'nps nedir', 'answered', 'nps', 0.42)`.execute(db);
  } finally {
    await db.destroy();
  }
}

describe("migrations keep what older versions wrote", () => {
  it("SQLite: the question's score is its confidence after the upgrade", async () => {
    const dir = tempDataDir();
    try {
      await olderDatabase(new SqliteDialect({ database: new BetterSqlite3(join(dir, SQLITE_FILE)) }));
      const database = await openDatabase({ dataDir: dir });
      try {
        expect(await database.db.selectFrom("questions").select(["id", "confidence"]).execute()).toEqual([{ id: "q1", confidence: 0.42 }]);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a question event spooled by an older version (`score`) is read with today's name", () => {
    const old = { kind: "question", id: "q1", at: "2026-12-01T10:00:00.000Z", conversation: "c", userHash: "u", query: "nps nedir", status: "answered", entryId: "nps", score: 0.42 };
    expect(FeedbackEventSchema.parse(old)).toEqual({ ...Object.fromEntries(Object.entries(old).filter(([key]) => key !== "score")), confidence: 0.42 });
    expect(FeedbackEventSchema.safeParse({ ...old, score: "high" }).success).toBe(false);
  });
});

describePostgres("migrations keep what older versions wrote (PostgreSQL)", () => {
  it("the question's score is its confidence after the upgrade", async () => {
    const { url, schema } = await freshPostgresSchema();
    try {
      await olderDatabase(new OwnSchemaPostgresDialect({ pool: new Pool({ connectionString: url, max: 1 }) }));
      const database = await openDatabase({ databaseUrl: url, dataDir: "" });
      try {
        const rows = await database.db.selectFrom("questions").select(["id", "confidence"]).execute();
        expect(rows.map((row) => ({ id: row.id, confidence: Number(row.confidence) }))).toEqual([{ id: "q1", confidence: 0.42 }]);
      } finally {
        await database.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });
});
