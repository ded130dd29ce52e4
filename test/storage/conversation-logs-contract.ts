import { StoreClosedError } from "../../bot/storage/errors";
import { DIRECT_LINE_TUNING, type ActivitySlice, type ConversationLogStore, type DirectLineLimits } from "../../bot/web/conversation-logs";

/** Opens a fresh, empty store with these bounds and clock; `dispose` removes what it kept. */
export type ConversationLogsFactory = (
  limits: Partial<DirectLineLimits>,
  now: () => number,
) => Promise<{ store: ConversationLogStore; dispose: () => Promise<void> }>;

const message = (chars: number): { type: string; text: string } => ({ type: "message", text: "x".repeat(chars) });

/** A poll's slice, which the tests expect to have room. */
async function read(logs: ConversationLogStore, conversationId: string, watermark: number | null): Promise<ActivitySlice> {
  const slice = await logs.since(conversationId, watermark);
  if (!slice) throw new Error(`no room to keep ${conversationId}`);
  return slice;
}

/** One contract for the local Direct Line's conversation logs: in memory and in Redis. */
export function conversationLogsContract(name: string, factory: ConversationLogsFactory): void {
  describe(`${name}: conversation logs contract`, () => {
    let now = 0;
    let opened: Array<() => Promise<void>> = [];
    const open = async (limits: Partial<DirectLineLimits> = {}): Promise<ConversationLogStore> => {
      const { store, dispose } = await factory(limits, () => now);
      opened.push(dispose);
      return store;
    };
    beforeEach(() => {
      now = 1_000_000;
      opened = [];
    });
    afterEach(async () => {
      for (const dispose of opened) await dispose();
    });

    it("numbers activities by watermark and returns only newer ones", async () => {
      const logs = await open();
      expect(await logs.open("c")).toBe(true);
      expect(await read(logs, "c", null)).toEqual({ activities: [], watermark: "-1" });
      const first = await logs.append("c", { type: "message", text: "bir" });
      expect(await logs.append("c", { type: "message", text: "iki" })).toBe("c|0000001");
      expect(first).toBe("c|0000000");
      expect((await read(logs, "c", null)).activities.map((a) => [a.id, a.text])).toEqual([["c|0000000", "bir"], ["c|0000001", "iki"]]);
      expect(await read(logs, "c", 0)).toEqual({ activities: [expect.objectContaining({ id: "c|0000001", text: "iki" })], watermark: "1" });
      expect((await read(logs, "c", 1)).activities).toEqual([]);
      // an activity's own id is replaced by its place in the log
      expect(await logs.append("c", { type: "message", text: "üç", id: "client-id" })).toBe("c|0000002");
      expect((await read(logs, "c", 1)).activities).toEqual([expect.objectContaining({ id: "c|0000002", text: "üç" })]);
    });

    it("keeps a bounded tail per conversation", async () => {
      const logs = await open({ MAX_ACTIVITIES: 20 });
      for (let i = 0; i < 30; i += 1) await logs.append("c", { type: "message", text: String(i) });
      const all = await read(logs, "c", null);
      expect(all.activities).toHaveLength(20);
      expect(all.activities[0]).toMatchObject({ id: "c|0000010", text: "10" });
      expect(all.watermark).toBe("29");
      expect((await read(logs, "c", 27)).activities.map((a) => a.text)).toEqual(["28", "29"]);
    });

    it("keeps at most MAX_CONVERSATION_CHARS per conversation, but always the newest activity", async () => {
      const logs = await open({ MAX_CONVERSATION_CHARS: 10_000 });
      for (let i = 0; i < 20; i += 1) await logs.append("c", message(1_000));
      expect((await logs.stats()).chars).toBeLessThanOrEqual(10_000);
      expect((await read(logs, "c", null)).activities.length).toBeLessThan(20);
      await logs.append("c", message(50_000));
      expect((await read(logs, "c", null)).activities).toHaveLength(1);
      expect((await logs.stats()).chars).toBeGreaterThan(50_000);
    });

    it("stays within MAX_TOTAL_CHARS: idle conversations make room, live ones are never dropped, new posts are refused when all are live", async () => {
      const logs = await open({ MAX_TOTAL_CHARS: 100_000, MAX_CONVERSATIONS: 50, EVICTABLE_AFTER_MS: 60_000, IDLE_EXPIRY_MS: 600_000 });
      expect(await logs.open("live")).toBe(true);
      await logs.append("live", message(10_000));
      // a flood of new conversations, one after another, while "live" keeps polling
      let refused = 0;
      for (let i = 0; i < 150; i += 1) {
        now += 1_000;
        if (i % 30 === 0) await logs.since("live", null);
        if (!(await logs.open(`flood-${i}`)) || !(await logs.fits(9_000))) {
          refused += 1;
          continue;
        }
        await logs.append(`flood-${i}`, message(9_000));
        const stats = await logs.stats();
        expect(stats.chars).toBeLessThanOrEqual(100_000 + 1_000);
        expect(stats.conversations).toBeLessThanOrEqual(50);
      }
      expect(refused).toBeGreaterThan(0);
      expect(await logs.has("live")).toBe(true);
      expect((await read(logs, "live", null)).activities).toHaveLength(1);
    });

    it("refuses a new conversation rather than evict a live one, and takes it once one is idle", async () => {
      const logs = await open({ MAX_CONVERSATIONS: 3, EVICTABLE_AFTER_MS: 60_000 });
      for (const id of ["a", "b", "c"]) expect(await logs.open(id)).toBe(true);
      expect(await logs.open("d")).toBe(false);
      now += 30_000;
      await logs.since("b", null);
      await logs.since("c", null);
      now += 40_000;
      // "a" has been idle 70 s, "b" and "c" only 40 s
      expect(await logs.open("d")).toBe(true);
      expect(await Promise.all(["a", "b", "c", "d"].map((id) => logs.has(id)))).toEqual([false, true, true, true]);
    });

    it("keeps a conversation it lost again for a poll, numbered after the client's watermark (QA 47: replies unseen after a restart)", async () => {
      const logs = await open();
      // the client saw watermarks up to 4 before this store existed (a restart, Redis emptied)
      expect(await read(logs, "lost", 4)).toEqual({ activities: [], watermark: "4" });
      expect(await logs.has("lost")).toBe(true);
      expect(await logs.append("lost", { type: "message", text: "csat nedir" })).toBe("lost|0000005");
      await logs.append("lost", { type: "message", text: "CSAT …" });
      expect(await read(logs, "lost", 4)).toEqual({ activities: [expect.objectContaining({ id: "lost|0000005", text: "csat nedir" }), expect.objectContaining({ id: "lost|0000006" })], watermark: "6" });
      // a client that has seen nothing starts at 0
      expect(await read(logs, "fresh", null)).toEqual({ activities: [], watermark: "-1" });
      expect(await logs.append("fresh", { type: "message", text: "merhaba" })).toBe("fresh|0000000");
    });

    it("touches only a conversation it keeps: a post is never taken into a new log", async () => {
      const logs = await open({ IDLE_EXPIRY_MS: 60_000 });
      expect(await logs.touch("unknown")).toBe(false);
      expect(await logs.has("unknown")).toBe(false);
      expect(await logs.open("c")).toBe(true);
      now += 50_000;
      expect(await logs.touch("c")).toBe(true);
      // touched 20 s ago, not 70 s: still kept
      now += 20_000;
      expect(await logs.expire()).toBe(0);
      expect(await logs.touch("c")).toBe(true);
    });

    it("has no room for a lost conversation when every conversation is live", async () => {
      const logs = await open({ MAX_CONVERSATIONS: 2, EVICTABLE_AFTER_MS: 60_000 });
      for (const id of ["a", "b"]) expect(await logs.open(id)).toBe(true);
      expect(await logs.since("lost", 4)).toBeNull();
      expect(await logs.has("lost")).toBe(false);
      now += 70_000;
      expect(await read(logs, "lost", 4)).toEqual({ activities: [], watermark: "4" });
    });

    it("drops conversations idle beyond IDLE_EXPIRY_MS", async () => {
      const logs = await open({ IDLE_EXPIRY_MS: 60_000 });
      await logs.append("old", message(100));
      now += 30_000;
      await logs.append("newer", message(100));
      now += 40_000;
      expect(await logs.expire()).toBe(1);
      expect([await logs.has("old"), await logs.has("newer")]).toEqual([false, true]);
      expect(await logs.stats()).toEqual({ conversations: 1, chars: expect.any(Number) });
      expect((await logs.stats()).chars).toBeLessThan(300);
    });

    it("keeps activities as they were appended (nested values, Turkish text)", async () => {
      const logs = await open();
      const activity = { type: "message", text: "Şikâyetiniz alındı ✓", channelData: { actions: [{ type: "imBack", title: "1", value: { r: 1, s: "sig" } }], empty: null } };
      await logs.append("c", activity);
      expect((await read(logs, "c", null)).activities).toEqual([{ ...activity, id: "c|0000000" }]);
    });

    it("takes a posted activity the client named once: the same key again gets its id and what became of its turn, and is not appended", async () => {
      const logs = await open();
      expect(await logs.open("c")).toBe(true);
      await logs.append("c", { type: "message", text: "hoş geldiniz" });
      const post = { type: "message", text: "nps nedir", channelData: { clientActivityID: "web-1" } };
      expect(await logs.accept("c", "c:web-1", post)).toEqual({ id: "c|0000001", status: "accepted" });
      // posted again while its turn runs: not appended, the turn is not run again
      expect(await logs.accept("c", "c:web-1", post)).toEqual({ id: "c|0000001", status: "running" });
      await logs.append("c", { type: "message", text: "NPS …", replyToId: "c|0000001" });
      await logs.settle("c", "c:web-1", true);
      expect(await logs.accept("c", "c:web-1", post)).toEqual({ id: "c|0000001", status: "answered" });
      expect((await read(logs, "c", null)).activities.map((a) => a.text)).toEqual(["hoş geldiniz", "nps nedir", "NPS …"]);
      // another key, or the same key in another conversation, is another activity
      expect(await logs.accept("c", "c:web-2", post)).toEqual({ id: "c|0000003", status: "accepted" });
      expect(await logs.open("d")).toBe(true);
      expect(await logs.accept("d", "c:web-1", post)).toEqual({ id: "d|0000000", status: "accepted" });
    });

    it("runs a posted activity's turn again when its claim ran out unrenewed (its instance stopped) or its turn failed", async () => {
      const logs = await open();
      const post = { type: "message", text: "ces nedir" };
      expect(await logs.accept("c", "i:a-1", post)).toEqual({ id: "c|0000000", status: "accepted" });
      now += DIRECT_LINE_TUNING.POST_CLAIM_MS - 1;
      expect((await logs.accept("c", "i:a-1", post)).status).toBe("running");
      // renewed while it runs: still its turn's
      await logs.hold("c", "i:a-1");
      now += DIRECT_LINE_TUNING.POST_CLAIM_MS - 1;
      expect((await logs.accept("c", "i:a-1", post)).status).toBe("running");
      now += 1;
      expect(await logs.accept("c", "i:a-1", post)).toEqual({ id: "c|0000000", status: "resumed" });
      // resumed, it is claimed again; a failed turn ends its claim at once
      expect((await logs.accept("c", "i:a-1", post)).status).toBe("running");
      await logs.settle("c", "i:a-1", false);
      expect(await logs.accept("c", "i:a-1", post)).toEqual({ id: "c|0000000", status: "resumed" });
      await logs.settle("c", "i:a-1", true);
      // an answered turn is not claimed again
      await logs.hold("c", "i:a-1");
      now += 2 * DIRECT_LINE_TUNING.POST_CLAIM_MS;
      expect((await logs.accept("c", "i:a-1", post)).status).toBe("answered");
      expect((await read(logs, "c", null)).activities).toHaveLength(1);
    });

    it("keeps the keys of posted activities only while it keeps the activities, counting them as their characters", async () => {
      const logs = await open({ MAX_ACTIVITIES: 3, IDLE_EXPIRY_MS: 60_000 });
      const post = { type: "message", text: "merhaba" };
      await logs.accept("c", "c:old", post);
      await logs.settle("c", "c:old", true);
      const withKey = (await logs.stats()).chars;
      const plain = await open();
      await plain.append("c", post);
      expect(withKey).toBe((await plain.stats()).chars + "c:old".length);
      for (let i = 0; i < 3; i += 1) await logs.append("c", { type: "message", text: String(i) });
      // its activity has dropped off the log: the key is forgotten, a new post of it is new
      expect(await logs.accept("c", "c:old", post)).toEqual({ id: "c|0000004", status: "accepted" });
      await logs.settle("c", "c:old", true);
      // a conversation dropped forgets its keys with it
      now += 70_000;
      expect(await logs.expire()).toBe(1);
      expect(await logs.accept("c", "c:old", post)).toEqual({ id: "c|0000000", status: "accepted" });
      expect(await logs.stats()).toEqual({ conversations: 1, chars: withKey });
    });

    it("closes: a second close does nothing, any other use rejects with StoreClosedError", async () => {
      const logs = await open();
      await logs.append("c", message(10));
      await logs.close();
      await logs.close();
      await expect(logs.has("c")).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.open("c")).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.touch("c")).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.fits(1)).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.append("c", message(1))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.accept("c", "c:1", message(1))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.hold("c", "c:1")).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.settle("c", "c:1", true)).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.since("c", null)).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.expire()).rejects.toBeInstanceOf(StoreClosedError);
      await expect(logs.stats()).rejects.toBeInstanceOf(StoreClosedError);
    });

    it("uses the documented bounds by default", async () => {
      const logs = await open();
      for (let i = 0; i < DIRECT_LINE_TUNING.MAX_ACTIVITIES + 2; i += 1) await logs.append("c", { type: "message", text: String(i) });
      expect((await read(logs, "c", null)).activities).toHaveLength(DIRECT_LINE_TUNING.MAX_ACTIVITIES);
    });
  });
}
