import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import { createLogger } from "../../bot/logger";
import { openDatabase } from "../../bot/storage/database";
import { resolveSecret } from "../../bot/feedback/connected-store";
import { startTestApp, tempDataDir } from "../helpers/app";
import { describePostgres, dropSchema, freshPostgresSchema, TEST_DATABASE_URL } from "../helpers/postgres";
import { TcpProxy } from "../helpers/tcp-proxy";

describe("the installation secret cannot silently change", () => {
  it("refuses to start while the database is down, unless INSTALLATION_SECRET is set", async () => {
    const down = { DATABASE_URL: "postgres://postgres@127.0.0.1:1/test" };
    await expect(startTestApp(down)).rejects.toThrow(/\[storage\] cannot read the installation secret: the database is unreachable.*INSTALLATION_SECRET/);
    const app = await startTestApp({ ...down, INSTALLATION_SECRET: "an-installation-secret-of-at-least-32-characters" });
    await app.close();
  });

  it("keeps a private copy, so a restart during an outage has the same secret, and restores it into an emptied database", async () => {
    const dir = tempDataDir();
    const copy = join(dir, "installation-secret");
    const database = await openDatabase({ dataDir: dir });
    const logger = createLogger("silent");
    const store = new SqlFeedbackStore(database);
    const secret = await resolveSecret(undefined, store, logger, copy);
    expect(readFileSync(copy, "utf8").trim()).toBe(secret);
    expect(statSync(copy).mode & 0o077).toBe(0);
    // the database is away: the copy, not a new secret
    const unreachable = { ...store, installationSecret: () => Promise.reject(new Error("ECONNREFUSED")), write: store.write.bind(store), report: store.report.bind(store), learning: store.learning.bind(store), close: store.close.bind(store) };
    expect(await resolveSecret(undefined, unreachable, logger, copy)).toBe(secret);
    // an emptied database gets the copy back
    await database.db.deleteFrom("settings").execute();
    expect(await resolveSecret(undefined, store, logger, copy)).toBe(secret);
    expect(await store.installationSecret()).toBe(secret);
    await database.close();
    expect(existsSync(copy)).toBe(true);
  });
});

describePostgres("a PostgreSQL database recreated empty mid-run", () => {
  it("gets the running instance's installation secret back, not a new one", async () => {
    const { url, schema } = await freshPostgresSchema();
    const proxy = new TcpProxy("127.0.0.1", 5432);
    await proxy.open();
    const viaProxy = new URL(url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const app = await startTestApp({ DATABASE_URL: viaProxy.toString() });
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const before = (await admin.query<{ value: string }>(`select value from ${schema}.settings where key = 'installation_secret'`)).rows[0];
      expect(before).toBeDefined();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.query(`create schema ${schema}`);
      const deadline = Date.now() + 20_000;
      let after: unknown;
      while (after === undefined && Date.now() < deadline) {
        await fetch(`${app.url}/healthz`);
        after = await admin.query<{ value: string }>(`select value from ${schema}.settings where key = 'installation_secret'`).then(
          (result) => result.rows[0],
          () => undefined,
        );
        if (after === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(after).toEqual(before);
    } finally {
      await admin.end();
      await app.close();
      await proxy.cut();
      await dropSchema(schema);
    }
  }, 60_000);
});
