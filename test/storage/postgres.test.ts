import { openDatabase } from "../../bot/storage/database";
import { dropSchema, freshPostgresSchema, TEST_DATABASE_URL } from "../helpers/postgres";
import { storeContract } from "./contract";

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
