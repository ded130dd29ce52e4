import { rmSync } from "node:fs";
import { createLogger } from "../../bot/logger";
import { ConnectedStateStore, DatabaseConnection } from "../../bot/storage/connection";
import { openDatabase } from "../../bot/storage/database";
import { DatabaseUnavailableError } from "../../bot/storage/errors";
import { tempDataDir } from "../helpers/app";
import { ConnectedSessionRevocations, MemorySessionRevocations, SqlSessionRevocations } from "../../bot/web/session-revocations";
import { sessionRevocationsContract, stateStoreContract, storeContract } from "./contract";

const dirs = new Map<object, string>();

storeContract("SQLite", {
  async open() {
    const dir = tempDataDir();
    const database = await openDatabase({ dataDir: dir });
    dirs.set(database, dir);
    return database;
  },
  async dispose(database) {
    await database.close();
    const dir = dirs.get(database);
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
});

stateStoreContract("SQLite through DatabaseConnection (the server's state store)", async () => {
  const dir = tempDataDir();
  const logger = createLogger("silent");
  const connection = new DatabaseConnection({ dataDir: dir }, logger);
  expect(await connection.connect()).toBe(true);
  return {
    store: new ConnectedStateStore(connection, logger),
    sibling: () => new ConnectedStateStore(connection, logger),
    dispose: async () => {
      await connection.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

sessionRevocationsContract("SQLite through DatabaseConnection (the server's session revocations)", async (now) => {
  const dir = tempDataDir();
  const connection = new DatabaseConnection({ dataDir: dir }, createLogger("silent"));
  expect(await connection.connect()).toBe(true);
  return {
    store: new ConnectedSessionRevocations(connection, now),
    sibling: () => new ConnectedSessionRevocations(connection, now),
    dispose: async () => {
      await connection.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

sessionRevocationsContract("memory", async (now) => {
  const store = new MemorySessionRevocations(now);
  return { store, sibling: () => store, dispose: async () => undefined };
});

describe("session revocations in SQLite", () => {
  it("keep a digest of the session, never its id, and delete records past their end when another session is ended", async () => {
    const dir = tempDataDir();
    const database = await openDatabase({ dataDir: dir });
    let now = Date.parse("2026-12-10T08:00:00Z");
    try {
      const revocations = new SqlSessionRevocations(database, () => new Date(now));
      await revocations.revoke("session-a", "2026-12-10T09:00:00.000Z");
      await revocations.revoke("session-b", "2026-12-10T16:00:00.000Z");
      const rows = async (): Promise<Array<{ session: string; until: string }>> => database.db.selectFrom("revoked_sessions").selectAll().orderBy("until").execute();
      expect((await rows()).map((row) => row.until)).toEqual(["2026-12-10T09:00:00.000Z", "2026-12-10T16:00:00.000Z"]);
      expect((await rows()).every((row) => /^[0-9a-f]{64}$/.test(row.session))).toBe(true);
      now = Date.parse("2026-12-10T10:00:00Z");
      await revocations.revoke("session-c", "2026-12-10T18:00:00.000Z");
      expect((await rows()).map((row) => row.until)).toEqual(["2026-12-10T16:00:00.000Z", "2026-12-10T18:00:00.000Z"]);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the server's session revocations without a database", () => {
  it("fail with DatabaseUnavailableError while none is connected, so a session cookie is refused for now", async () => {
    const connection = new DatabaseConnection({ databaseUrl: "postgres://postgres@127.0.0.1:1/memnun", dataDir: "" }, createLogger("silent"));
    expect(await connection.connect()).toBe(false);
    const revocations = new ConnectedSessionRevocations(connection);
    try {
      await expect(revocations.isRevoked("session-a")).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(revocations.revoke("session-a", new Date().toISOString())).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await revocations.close();
      await connection.close();
    }
  });
});
