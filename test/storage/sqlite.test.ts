import { rmSync } from "node:fs";
import { openDatabase } from "../../bot/storage/database";
import { tempDataDir } from "../helpers/app";
import { storeContract } from "./contract";

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
