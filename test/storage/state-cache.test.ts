import { rmSync } from "node:fs";
import { openDatabase, type Database } from "../../bot/storage/database";
import { CachedStateStore } from "../../bot/storage/state-cache";
import { SqlStateStore, StateConflictError, type StateStore, type Versioned } from "../../bot/storage/state-store";
import { tempDataDir } from "../helpers/app";
import { stateStoreContract } from "./contract";

async function sqlite(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const dir = tempDataDir();
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    dispose: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

stateStoreContract("SQLite behind the memory cache", async () => {
  const { database, dispose } = await sqlite();
  return { store: new CachedStateStore(new SqlStateStore(database)), sibling: () => new CachedStateStore(new SqlStateStore(database)), dispose };
});

/** The real SQL store, counting the reads that reach it. */
class CountingStore implements StateStore {
  reads = 0;
  constructor(private readonly inner: StateStore) {}
  read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    this.reads += keys.length;
    return this.inner.read(keys);
  }
  write(key: string, value: unknown, etag?: string): Promise<string> {
    return this.inner.write(key, value, etag);
  }
  delete(keys: readonly string[]): Promise<void> {
    return this.inner.delete(keys);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe("CachedStateStore", () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let counting: CountingStore;
  beforeEach(async () => {
    ({ database, dispose } = await sqlite());
    counting = new CountingStore(new SqlStateStore(database));
  });
  afterEach(async () => {
    await dispose();
  });

  it("reads each key from the database once, absent keys included, and serves later reads from memory", async () => {
    const cache = new CachedStateStore(counting);
    expect((await cache.read(["c1"])).size).toBe(0);
    expect((await cache.read(["c1"])).size).toBe(0);
    const etag = await cache.write("c1", { answered: true });
    expect(await cache.read(["c1"])).toEqual(new Map([["c1", { value: { answered: true }, etag }]]));
    expect(counting.reads).toBe(1);
  });

  it("hands out copies: changing what a read returned changes nothing stored", async () => {
    const cache = new CachedStateStore(counting);
    await cache.write("c1", { rated: [["a1", 2]] });
    const first = (await cache.read(["c1"])).get("c1")?.value as { rated: Array<[string, number]> };
    first.rated.push(["a2", 5]);
    expect((await cache.read(["c1"])).get("c1")?.value).toEqual({ rated: [["a1", 2]] });
  });

  it("still refuses a stale write: the etag is checked by the database", async () => {
    const cache = new CachedStateStore(counting);
    const first = await cache.write("c1", { n: 1 });
    await cache.write("c1", { n: 2 }, first);
    await expect(cache.write("c1", { n: 3 }, first)).rejects.toBeInstanceOf(StateConflictError);
    // after a refused write the key is read from the database again
    const before = counting.reads;
    expect((await cache.read(["c1"])).get("c1")?.value).toEqual({ n: 2 });
    expect(counting.reads).toBe(before + 1);
  });

  it("keeps at most its size, dropping the least recently used", async () => {
    const cache = new CachedStateStore(counting, 2);
    await cache.write("a", { n: 1 });
    await cache.write("b", { n: 2 });
    await cache.read(["a"]);
    await cache.write("c", { n: 3 });
    const before = counting.reads;
    await cache.read(["a", "c"]);
    expect(counting.reads).toBe(before);
    expect((await cache.read(["b"])).get("b")?.value).toEqual({ n: 2 });
    expect(counting.reads).toBe(before + 1);
  });
});
