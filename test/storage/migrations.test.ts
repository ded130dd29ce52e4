import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, sql, SqliteDialect, type Dialect } from "kysely";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Pool } from "pg";
import { SqlCaseStore } from "../../bot/cases/store";
import type { AuditEntry } from "../../bot/cases/types";
import { FeedbackEventSchema } from "../../bot/feedback/events";
import { openDatabase, OwnSchemaPostgresDialect, SQLITE_FILE, type Database } from "../../bot/storage/database";
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

/** The last migration before audit lines carried their fields as data. */
const BEFORE_AUDIT_DATA = "2026-12-03-003-question-confidence";
const AT = "2026-12-01T10:00:00.000Z";

/** A database as a version before audit data left it: one case with the English audit lines it wrote. */
async function olderCase(dialect: Dialect): Promise<void> {
  const db = new Kysely<unknown>({ dialect });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    const { error } = await migrator.migrateTo(BEFORE_AUDIT_DATA);
    expect(error).toBeUndefined();
    await sql`insert into cases (reference, status, text, source, answer_id, entry_id, rating, score, channel, user_hash, conversation, conversation_ref, contact, created_at, updated_at, due_at, first_response_at, resolved_at, overdue_at)
              values ('MMN-AAAAAA', 'resolved', 'kargo gelmedi', 'rating', 'a1', 'crm', 1, null, 'emulator', 'u', 'c', null, null, ${AT}, ${AT}, ${AT}, ${AT}, ${AT}, null)`.execute(db);
    const lines = [
      ["1", "customer", "created", "rating via emulator"],
      ["2", "customer", "contact", "phone"],
      ["3", "Mehmet", "status", "open → resolved"],
      ["4", "Mehmet", "internal-note", "depo gecikmesi"],
    ];
    for (const [id, actor, action, text] of lines) {
      await sql`insert into case_events (id, reference, kind, actor, action, text, at) values (${`${AT}:00000${id}`}, 'MMN-AAAAAA', 'audit', ${actor}, ${action}, ${text}, ${AT})`.execute(db);
    }
  } finally {
    await db.destroy();
  }
}

/** What those lines read as after the upgrade: the same data new lines carry. */
const OLDER_AUDIT: AuditEntry[] = [
  { actor: "customer", action: "created", source: "rating", channel: "emulator", detail: "rating via emulator", at: AT },
  { actor: "customer", action: "contact", contact: "phone", detail: "phone", at: AT },
  { actor: "Mehmet", action: "status", from: "open", to: "resolved", detail: "open → resolved", at: AT },
  { actor: "Mehmet", action: "internal-note", note: "depo gecikmesi", detail: "depo gecikmesi", at: AT },
];

/** The last migration before conversation state was keyed by a pseudonym. */
const BEFORE_STATE_PSEUDONYMS = "2026-12-07-001-case-event-data";
const PSEUDONYM_KEY = "a".repeat(64);

/** A database as a version before pseudonymous state keys left it: a row keyed by the channel's ids, beside one keyed as now. */
async function olderState(dialect: Dialect): Promise<void> {
  const db = new Kysely<unknown>({ dialect });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    const { error } = await migrator.migrateTo(BEFORE_STATE_PSEUDONYMS);
    expect(error).toBeUndefined();
    for (const key of ["msteams/conversations/19:abc@thread.v2/", PSEUDONYM_KEY]) {
      await sql`insert into conversation_state (key, value, etag, updated_at) values (${key}, '{}', 'e1', ${AT})`.execute(db);
    }
  } finally {
    await db.destroy();
  }
}

/** The last migration before cases carried a folded search key. */
const BEFORE_SEARCH_KEY = "2026-12-07-002-state-keys-pseudonymous";
const SHOUTED = "İADE ÇOK GEÇ YAPILDI, Şubeniz IŞIK hızında değil";

/** A database as a version before the search key left it: a case in capitals. */
async function olderShoutedCase(dialect: Dialect): Promise<void> {
  const db = new Kysely<unknown>({ dialect });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    const { error } = await migrator.migrateTo(BEFORE_SEARCH_KEY);
    expect(error).toBeUndefined();
    await sql`insert into cases (reference, status, text, source, answer_id, entry_id, rating, score, channel, user_hash, conversation, conversation_ref, contact, created_at, updated_at, due_at, first_response_at, resolved_at, overdue_at)
              values ('MMN-AAAAAB', 'open', ${SHOUTED}, 'intent', null, null, null, null, 'directline', 'u', 'c', null, null, ${AT}, ${AT}, ${AT}, null, null, null)`.execute(db);
  } finally {
    await db.destroy();
  }
}

/** What the cases page's search finds in `database` for each search. */
async function searches(database: Database): Promise<Array<[string, string[]]>> {
  const store = new SqlCaseStore(database);
  const results: Array<[string, string[]]> = [];
  for (const search of ["ışık", "IŞIK", "iade", "yapıldı", "mmn-aaaaab", "kargo"]) results.push([search, (await store.list({ now: AT, search })).map((c) => c.reference)]);
  return results;
}

/** A case written before the search key is found by any spelling of its words after the upgrade. */
const SHOUTED_FOUND: Array<[string, string[]]> = [
  ["ışık", ["MMN-AAAAAB"]],
  ["IŞIK", ["MMN-AAAAAB"]],
  ["iade", ["MMN-AAAAAB"]],
  ["yapıldı", ["MMN-AAAAAB"]],
  ["mmn-aaaaab", ["MMN-AAAAAB"]],
  ["kargo", []],
];

describe("migrations keep what older versions wrote", () => {
  it("SQLite: a case's audit lines written before audit data read as data after the upgrade", async () => {
    const dir = tempDataDir();
    try {
      await olderCase(new SqliteDialect({ database: new BetterSqlite3(join(dir, SQLITE_FILE)) }));
      const database = await openDatabase({ dataDir: dir });
      try {
        expect((await new SqlCaseStore(database).get("MMN-AAAAAA"))?.audit).toEqual(OLDER_AUDIT);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("SQLite: a case written before the search key is found in any case after the upgrade", async () => {
    const dir = tempDataDir();
    try {
      await olderShoutedCase(new SqliteDialect({ database: new BetterSqlite3(join(dir, SQLITE_FILE)) }));
      const database = await openDatabase({ dataDir: dir });
      try {
        expect(await searches(database)).toEqual(SHOUTED_FOUND);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

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

  it("SQLite: conversation state keyed by the channel's ids is dropped by the upgrade, state keyed by a pseudonym kept", async () => {
    const dir = tempDataDir();
    try {
      await olderState(new SqliteDialect({ database: new BetterSqlite3(join(dir, SQLITE_FILE)) }));
      const database = await openDatabase({ dataDir: dir });
      try {
        expect(await database.db.selectFrom("conversation_state").select("key").execute()).toEqual([{ key: PSEUDONYM_KEY }]);
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
  it("a case's audit lines written before audit data read as data after the upgrade", async () => {
    const { url, schema } = await freshPostgresSchema();
    try {
      await olderCase(new OwnSchemaPostgresDialect({ pool: new Pool({ connectionString: url, max: 1 }) }));
      const database = await openDatabase({ databaseUrl: url, dataDir: "" });
      try {
        expect((await new SqlCaseStore(database).get("MMN-AAAAAA"))?.audit).toEqual(OLDER_AUDIT);
      } finally {
        await database.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });

  it("a case written before the search key is found in any case after the upgrade", async () => {
    const { url, schema } = await freshPostgresSchema();
    try {
      await olderShoutedCase(new OwnSchemaPostgresDialect({ pool: new Pool({ connectionString: url, max: 1 }) }));
      const database = await openDatabase({ databaseUrl: url, dataDir: "" });
      try {
        expect(await searches(database)).toEqual(SHOUTED_FOUND);
      } finally {
        await database.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });

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

  it("conversation state keyed by the channel's ids is dropped by the upgrade, state keyed by a pseudonym kept", async () => {
    const { url, schema } = await freshPostgresSchema();
    try {
      await olderState(new OwnSchemaPostgresDialect({ pool: new Pool({ connectionString: url, max: 1 }) }));
      const database = await openDatabase({ databaseUrl: url, dataDir: "" });
      try {
        expect(await database.db.selectFrom("conversation_state").select("key").execute()).toEqual([{ key: PSEUDONYM_KEY }]);
      } finally {
        await database.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });
});
