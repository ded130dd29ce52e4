import { randomInt } from "node:crypto";
import { SqlCaseStore } from "../../bot/cases/store";
import { Client } from "pg";
import { sql } from "kysely";
import { CurrentSchemaIntrospector, openDatabase } from "../../bot/storage/database";
import { describePostgres, dropSchema, freshPostgresSchema, TEST_DATABASE_URL } from "../helpers/postgres";
import { newCase, storeContract } from "./contract";

const schemas = new Map<object, string>();

if (TEST_DATABASE_URL) {
  storeContract("PostgreSQL", {
    async open() {
      const { url, schema } = await freshPostgresSchema();
      const database = await openDatabase({ databaseUrl: url, dataDir: "" });
      schemas.set(database, schema);
      return database;
    },
    async dispose(database) {
      await database.close();
      const schema = schemas.get(database);
      if (schema) await dropSchema(schema);
    },
  });
} else {
  it.skip("PostgreSQL contract (set TEST_DATABASE_URL to run it)", () => undefined);
}

describePostgres("PostgreSQL: two instances opening cases at once", () => {
  it("never give two cases the same reference, even when their random draws clash", async () => {
    const { url, schema } = await freshPostgresSchema();
    const [one, two] = await Promise.all([openDatabase({ databaseUrl: url, dataDir: "" }), openDatabase({ databaseUrl: url, dataDir: "" })]);
    try {
      // a poor random source (three symbols) makes both instances draw the same references often
      const poor = (): ((max: number) => number) => () => randomInt(3);
      const first = new SqlCaseStore(one, poor());
      const second = new SqlCaseStore(two, poor());
      const created = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? first : second).create(newCase(i))));
      const references = created.map((c) => c.reference);
      expect(new Set(references).size).toBe(60);
      const rows = await new SqlCaseStore(one).list({ now: new Date().toISOString() });
      expect(rows).toHaveLength(60);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await dropSchema(schema);
    }
  });
});

describePostgres("PostgreSQL: two operators changing one case at once", () => {
  it("audits exactly the changes that were written; the others fail with CaseConflictError", async () => {
    const { url, schema } = await freshPostgresSchema();
    const [one, two] = await Promise.all([openDatabase({ databaseUrl: url, dataDir: "" }), openDatabase({ databaseUrl: url, dataDir: "" })]);
    try {
      const first = new SqlCaseStore(one);
      const second = new SqlCaseStore(two);
      const { reference } = await first.create(newCase(1));
      const at = (i: number): string => new Date(Date.UTC(2026, 11, 3, 10, 0, i)).toISOString();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? first : second).update(reference, { status: i % 2 === 0 ? "in_progress" : "resolved", internalNote: `not ${i}` }, `op${i}`, at(i))),
      );
      const written = outcomes.filter((o) => o.status === "fulfilled").length;
      for (const outcome of outcomes) if (outcome.status === "rejected") expect(String(outcome.reason)).toMatch(/CaseConflictError|CaseChangeError/);
      const found = await first.get(reference);
      expect(found?.notes).toHaveLength(written);
      expect(found?.audit.filter((a) => a.action === "internal-note")).toHaveLength(written);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await dropSchema(schema);
    }
  });
});

/** Jest's limit for the schema churn test below: twenty fresh schemas, each migrated from scratch. */
const SCHEMA_CHURN_TIMEOUT_MS = 180_000;

describePostgres("PostgreSQL: another tenant of the server dropping schemas", () => {
  it("never stops Memnun from opening (Kysely's own introspector read every schema and failed)", async () => {
    const churn = new Client({ connectionString: TEST_DATABASE_URL });
    await churn.connect();
    let stop = false;
    let churned = 0;
    const loop = (async () => {
      while (!stop) {
        const other = `memnun_other_${process.pid}_${churned++}`;
        await churn.query(`create schema ${other}; create table ${other}.t (a serial, b text)`);
        await churn.query(`drop schema ${other} cascade`);
      }
    })();
    const failures: string[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const { url, schema } = await freshPostgresSchema();
        try {
          const database = await openDatabase({ databaseUrl: url, dataDir: "" });
          const tables = await new CurrentSchemaIntrospector(database.db).getTables();
          expect(tables.every((table) => table.schema === schema)).toBe(true);
          expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(["kysely_migration", "answers", "ratings"]));
          await database.close();
        } catch (error) {
          failures.push(String(error));
        } finally {
          await dropSchema(schema);
        }
      }
    } finally {
      stop = true;
      await loop;
      await churn.end();
    }
    expect(failures).toEqual([]);
    expect(churned).toBeGreaterThan(0);
    // twenty schemas migrated from scratch beside the churn: a guard against a hang, never a speed
    // check (one run on a loaded 2-core machine took longer than jest's default 30 s)
  }, SCHEMA_CHURN_TIMEOUT_MS);
});

describePostgres("PostgreSQL: a second Memnun schema on the same server", () => {
  it("gets its own tables, though another schema already holds Memnun's migration tables", async () => {
    const first = await freshPostgresSchema();
    const second = await freshPostgresSchema();
    const one = await openDatabase({ databaseUrl: first.url, dataDir: "" });
    try {
      const two = await openDatabase({ databaseUrl: second.url, dataDir: "" });
      try {
        const { rows } = await sql<{ schema: string }>`select table_schema as schema from information_schema.tables where table_name = 'settings'`.execute(two.db);
        expect(rows.map((row) => row.schema)).toEqual(expect.arrayContaining([first.schema, second.schema]));
        await sql`select count(*) from settings`.execute(two.db);
      } finally {
        await two.close();
      }
    } finally {
      await one.close();
      await Promise.all([dropSchema(first.schema), dropSchema(second.schema)]);
    }
  });
});
