import { randomInt } from "node:crypto";
import { SqlCaseStore } from "../../bot/cases/store";
import { openDatabase } from "../../bot/storage/database";
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
