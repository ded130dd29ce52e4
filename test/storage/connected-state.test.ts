import { createHash } from "node:crypto";
import { ConversationState, TestAdapter, TurnContext } from "botbuilder";
import { sql } from "kysely";
import { DatabaseStorage } from "../../bot/conversation/state-storage";
import { createLogger, type Logger } from "../../bot/logger";
import { ConnectedStateStore, DatabaseConnection } from "../../bot/storage/connection";
import { StateConflictError } from "../../bot/storage/state-store";
import { capturingLogger } from "../helpers/log";
import { describePostgres, dropSchema, freshPostgresSchema, TEST_DATABASE_URL } from "../helpers/postgres";
import { TcpProxy } from "../helpers/tcp-proxy";
import { waitFor } from "../helpers/wait";
import { stateStoreContract } from "./contract";

const DROPPED = "[storage] conversation state kept in memory during the database outage dropped";

/** An instance's state store on its own connection to the schema at `url`. */
async function instance(url: string, logger: Logger): Promise<{ connection: DatabaseConnection; store: ConnectedStateStore }> {
  const connection = new DatabaseConnection({ databaseUrl: url, dataDir: "" }, logger);
  if (!(await connection.connect())) throw new Error(`cannot connect to ${url}`);
  return { connection, store: new ConnectedStateStore(connection, logger) };
}

if (TEST_DATABASE_URL) {
  stateStoreContract("PostgreSQL through DatabaseConnection (the server's state store)", async () => {
    const { url, schema } = await freshPostgresSchema();
    const logger = createLogger("silent");
    const { connection, store } = await instance(url, logger);
    return {
      store,
      sibling: () => new ConnectedStateStore(connection, logger),
      dispose: async () => {
        await connection.close();
        await dropSchema(schema);
      },
    };
  });
}

/**
 * Two instances on one PostgreSQL schema, as behind a load balancer without sticky sessions:
 * A reaches the database through a proxy the test cuts (A's outage), B directly.
 */
describePostgres("ConnectedStateStore: two instances and a database outage of one of them", () => {
  let schema = "";
  let proxy: TcpProxy;
  let a: { connection: DatabaseConnection; store: ConnectedStateStore };
  let b: { connection: DatabaseConnection; store: ConnectedStateStore };
  let logA: () => string;

  beforeEach(async () => {
    const fresh = await freshPostgresSchema();
    schema = fresh.schema;
    const direct = new URL(fresh.url);
    proxy = new TcpProxy(direct.hostname, Number(direct.port || 5432));
    await proxy.open();
    const viaProxy = new URL(fresh.url);
    viaProxy.port = String(proxy.port);
    const captured = capturingLogger("debug");
    logA = captured.text;
    a = await instance(viaProxy.toString(), captured.logger);
    b = await instance(fresh.url, createLogger("silent"));
  });

  afterEach(async () => {
    await Promise.all([a.store.close(), b.store.close()]);
    await Promise.all([a.connection.close(), b.connection.close()]);
    await proxy.cut();
    await dropSchema(schema);
  });

  const outage = async (): Promise<void> => {
    await proxy.cut();
    await expect(sql`select 1`.execute(a.connection.current().db)).rejects.toThrow();
  };

  const recovery = async (): Promise<void> => {
    await proxy.open();
    await waitFor(() => sql`select 1`.execute(a.connection.current().db).then(() => true, () => false), "instance A reaching the database again");
  };

  const value = async (store: ConnectedStateStore, key: string): Promise<unknown> => (await store.read([key])).get(key)?.value;

  it("QA 46 #1: A's copy from the outage never replaces the newer state B wrote after the recovery (through botbuilder)", async () => {
    const activity = {
      type: "message",
      channelId: "msteams",
      conversation: { id: "c9", name: "", isGroup: false, conversationType: "personal" },
      from: { id: "u10", name: "Müşteri" },
      recipient: { id: "b", name: "Memnun" },
    };
    // as the server keys it: a pseudonym of botbuilder's key, the same on every instance
    const storedKey = (key: string): string => createHash("sha256").update(`state:${key}`).digest("hex");
    type Flow = { answered?: string; comment?: { answerId: string; entryId: string; rating: number } | undefined };
    const bots = new Map([a, b].map((side) => {
      const state = new ConversationState(new DatabaseStorage(side.store, storedKey));
      return [side, { state, flow: state.createProperty<Flow>("memnun") }] as const;
    }));
    /** One turn on an instance, as MemnunBot runs it: read the flow, change it, save (with the version read, see `DatabaseStorage`). */
    const turn = async (side: typeof a, change: (flow: Flow) => void): Promise<Flow> => {
      const bot = bots.get(side);
      if (!bot) throw new Error("unknown instance");
      const context = new TurnContext(new TestAdapter(), activity);
      const flow = await bot.flow.get(context, {});
      const seen = structuredClone(flow);
      change(flow);
      await bot.state.saveChanges(context);
      return seen;
    };

    await outage();
    await turn(a, (flow) => (flow.answered = "nps"));
    await recovery();
    await turn(b, (flow) => (flow.answered = "csat"));
    await turn(b, (flow) => (flow.comment = { answerId: "f5b5", entryId: "csat", rating: 1 }));

    // the customer's comment reaches A: it must see the comment B is waiting for
    const seenByA = await turn(a, (flow) => (flow.comment = undefined));
    expect(seenByA).toEqual({ answered: "csat", comment: { answerId: "f5b5", entryId: "csat", rating: 1 } });
    expect(logA()).toContain(DROPPED);
    // A's turn was stored, and its stale copy never came back
    expect(await value(b.store, storedKey("msteams/conversations/c9/"))).toEqual({ memnun: { answered: "csat" } });
    expect(await turn(a, () => undefined)).toEqual({ answered: "csat" });
  });

  it("drops A's copy when B wrote after the recovery, also for a conversation A had read before the outage", async () => {
    const before = await a.store.write("c1", { step: "answered" });
    expect((await a.store.read(["c1"])).get("c1")?.etag).toBe(before);

    await outage();
    await a.store.write("c1", { step: "from-a-during-outage" }, "*");
    expect(await value(a.store, "c1")).toEqual({ step: "from-a-during-outage" });
    await recovery();
    await b.store.write("c1", { step: "comment-pending" }, "*");

    expect(await value(a.store, "c1")).toEqual({ step: "comment-pending" });
    expect(await value(b.store, "c1")).toEqual({ step: "comment-pending" });
    expect(logA()).toContain(DROPPED);
    await a.store.write("c1", { step: "comment-stored" }, "*");
    expect(await value(b.store, "c1")).toEqual({ step: "comment-stored" });
  });

  it("keeps B's newer state when A's turn read its copy during the outage and writes after the recovery", async () => {
    await outage();
    await a.store.write("c2", { step: "from-a" }, "*");
    const copy = (await a.store.read(["c2"])).get("c2");
    expect(copy?.value).toEqual({ step: "from-a" });
    await recovery();
    await b.store.write("c2", { step: "from-b" }, "*");

    // A's turn ends: its state grew from the stale copy, so it is refused, not written over B's
    await expect(a.store.write("c2", { step: "from-a-later" }, copy?.etag)).rejects.toBeInstanceOf(StateConflictError);
    expect(logA()).toContain(DROPPED);
    expect(await value(b.store, "c2")).toEqual({ step: "from-b" });
    expect(await value(a.store, "c2")).toEqual({ step: "from-b" });
  });

  it("one instance alone keeps what it wrote during the outage: the copy wins after the recovery and is written to the database", async () => {
    await a.store.write("old", { step: "before" });
    await a.store.read(["old"]);

    await outage();
    expect((await a.store.read(["old", "new"])).size).toBe(0);
    await a.store.write("old", { step: "during" }, "*");
    await a.store.write("new", { step: "during" }, "*");
    expect(await value(a.store, "new")).toEqual({ step: "during" });
    await recovery();

    const found = await a.store.read(["old", "new"]);
    expect([found.get("old")?.value, found.get("new")?.value]).toEqual([{ step: "during" }, { step: "during" }]);
    // written through: the other instance sees it, under the etag A handed out
    const seenByB = await b.store.read(["old", "new"]);
    expect(seenByB.get("old")).toEqual(found.get("old"));
    expect(seenByB.get("new")).toEqual(found.get("new"));
    await a.store.write("old", { step: "after" }, found.get("old")?.etag);
    expect(await value(b.store, "old")).toEqual({ step: "after" });
    expect(logA()).not.toContain(DROPPED);
  });

  it("one instance alone: a turn that read its copy during the outage and writes after the recovery is stored", async () => {
    await outage();
    await a.store.write("c3", { step: "during" }, "*");
    const copy = (await a.store.read(["c3"])).get("c3");
    await recovery();

    const etag = await a.store.write("c3", { step: "after" }, copy?.etag);
    expect((await b.store.read(["c3"])).get("c3")).toEqual({ value: { step: "after" }, etag });
    expect(await value(a.store, "c3")).toEqual({ step: "after" });
    expect(logA()).not.toContain(DROPPED);
  });

  it("keeps A's copy when the database came back without the conversation (emptied and created again)", async () => {
    await a.store.write("c7", { step: "answered" });
    await outage();
    await a.store.write("c7", { step: "comment-pending" }, "*");
    await sql`delete from conversation_state`.execute(b.connection.current().db);
    await recovery();

    expect(await value(a.store, "c7")).toEqual({ step: "comment-pending" });
    expect(await value(b.store, "c7")).toEqual({ step: "comment-pending" });
    expect(logA()).not.toContain(DROPPED);
  });

  it("writes A's copies soon after the recovery, without a turn on A: B continues the step A asked for", async () => {
    await a.store.write("c5", { step: "answered" });
    await outage();
    await a.store.write("c5", { step: "comment-pending" }, "*");
    await a.store.write("c6", { step: "comment-pending" }, "*");
    await recovery();

    // A's next probe (every 15 s in the background, or on /healthz) finds the database back
    await waitFor(async () => {
      await a.connection.probe();
      const found = await b.store.read(["c5", "c6"]);
      return found.get("c5")?.value !== undefined && found.get("c6")?.value !== undefined;
    }, "A's copies in the database");
    expect(await value(b.store, "c5")).toEqual({ step: "comment-pending" });
    expect(await value(b.store, "c6")).toEqual({ step: "comment-pending" });
    await b.store.write("c5", { step: "comment-stored" }, "*");
    expect(await value(a.store, "c5")).toEqual({ step: "comment-stored" });
    expect(logA()).not.toContain(DROPPED);
  });

  it("a conversation A first met during the outage, which B started meanwhile in the database, is B's", async () => {
    await outage();
    await a.store.write("c4", { step: "from-a" }, "*");
    await b.store.write("c4", { step: "from-b" }, "*");
    await recovery();

    expect(await value(a.store, "c4")).toEqual({ step: "from-b" });
    expect(logA()).toContain(DROPPED);
  });
});
