import { rmSync } from "node:fs";
import { createLogger } from "../../bot/logger";
import { ConnectedStateStore, DatabaseConnection } from "../../bot/storage/connection";
import { openDatabase } from "../../bot/storage/database";
import { tempDataDir } from "../helpers/app";
import { stateStoreContract, storeContract } from "./contract";

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
