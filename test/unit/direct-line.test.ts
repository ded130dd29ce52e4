import { ConversationLogs, DIRECT_LINE_TUNING, DirectLineTokens } from "../../bot/web/direct-line";

describe("DirectLineTokens", () => {
  let now = new Date("2026-11-23T12:00:00Z");
  const tokens = new DirectLineTokens("a-long-installation-secret-for-tests", () => now);

  it("issues tokens that name their conversation and user, and expire", () => {
    const { token, expiresIn } = tokens.issue("conv-1", "dl_user");
    expect(expiresIn).toBe(DIRECT_LINE_TUNING.TOKEN_TTL_SECONDS);
    expect(tokens.verify(token)).toMatchObject({ c: "conv-1", u: "dl_user" });
    now = new Date(now.getTime() + (DIRECT_LINE_TUNING.TOKEN_TTL_SECONDS + 1) * 1000);
    expect(tokens.verify(token)).toBeNull();
  });

  it("refuses tampered, foreign and malformed tokens", () => {
    const { token } = tokens.issue("conv-1", "dl_user");
    const [body, signature] = token.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ c: "conv-2", u: "dl_user", exp: 9_999_999_999 })).toString("base64url");
    expect(tokens.verify(`${forgedBody}.${signature}`)).toBeNull();
    expect(tokens.verify(`${body}.${signature}x`)).toBeNull();
    expect(new DirectLineTokens("another-long-installation-secret", () => now).verify(token)).toBeNull();
    for (const bad of ["", ".", "a.b.c", "not-a-token"]) expect(tokens.verify(bad)).toBeNull();
  });
});

describe("ConversationLogs", () => {
  it("numbers activities by watermark and returns only newer ones", () => {
    const logs = new ConversationLogs();
    logs.open("c");
    expect(logs.since("c", null)).toEqual({ activities: [], watermark: "-1" });
    const first = logs.append("c", { type: "message", text: "bir" });
    logs.append("c", { type: "message", text: "iki" });
    expect(first).toBe("c|0000000");
    expect(logs.since("c", null).activities.map((a) => a.text)).toEqual(["bir", "iki"]);
    expect(logs.since("c", 0)).toEqual({ activities: [expect.objectContaining({ text: "iki" })], watermark: "1" });
    expect(logs.since("c", 1).activities).toEqual([]);
  });

  it("keeps a bounded tail per conversation", () => {
    const logs = new ConversationLogs();
    for (let i = 0; i < DIRECT_LINE_TUNING.MAX_ACTIVITIES + 10; i += 1) logs.append("c", { type: "message", text: String(i) });
    const all = logs.since("c", null);
    expect(all.activities).toHaveLength(DIRECT_LINE_TUNING.MAX_ACTIVITIES);
    expect(all.activities[0]?.text).toBe("10");
    expect(all.watermark).toBe(String(DIRECT_LINE_TUNING.MAX_ACTIVITIES + 9));
  });
});

describe("ConversationLogs bounds", () => {
  const message = (chars: number): { type: string; text: string } => ({ type: "message", text: "x".repeat(chars) });

  it("keeps at most MAX_CONVERSATION_CHARS per conversation, but always the newest activity", () => {
    const logs = new ConversationLogs({ MAX_CONVERSATION_CHARS: 10_000 });
    for (let i = 0; i < 20; i += 1) logs.append("c", message(1_000));
    expect(logs.chars).toBeLessThanOrEqual(10_000);
    expect(logs.since("c", null).activities.length).toBeLessThan(20);
    logs.append("c", message(50_000));
    expect(logs.since("c", null).activities).toHaveLength(1);
  });

  it("stays within MAX_TOTAL_CHARS: idle conversations make room, live ones are never dropped, new posts are refused when all are live", () => {
    let now = 0;
    const logs = new ConversationLogs({ MAX_TOTAL_CHARS: 100_000, MAX_CONVERSATIONS: 50, EVICTABLE_AFTER_MS: 60_000, IDLE_EXPIRY_MS: 600_000 }, () => now);
    expect(logs.open("live")).toBe(true);
    logs.append("live", message(10_000));
    // a flood of new conversations, one after another, while "live" keeps polling
    let refused = 0;
    for (let i = 0; i < 500; i += 1) {
      now += 1_000;
      if (i % 30 === 0) logs.since("live", null);
      if (!logs.open(`flood-${i}`) || !logs.fits(9_000)) {
        refused += 1;
        continue;
      }
      logs.append(`flood-${i}`, message(9_000));
      expect(logs.chars).toBeLessThanOrEqual(100_000 + 1_000);
      expect(logs.size).toBeLessThanOrEqual(50);
    }
    expect(refused).toBeGreaterThan(0);
    expect(logs.has("live")).toBe(true);
    expect(logs.since("live", null).activities).toHaveLength(1);
  });

  it("refuses a new conversation rather than evict a live one, and takes it once one is idle", () => {
    let now = 0;
    const logs = new ConversationLogs({ MAX_CONVERSATIONS: 3, EVICTABLE_AFTER_MS: 60_000 }, () => now);
    for (const id of ["a", "b", "c"]) expect(logs.open(id)).toBe(true);
    expect(logs.open("d")).toBe(false);
    now += 30_000;
    logs.since("b", null);
    logs.since("c", null);
    now += 40_000;
    // "a" has been idle 70 s, "b" and "c" only 40 s
    expect(logs.open("d")).toBe(true);
    expect(["a", "b", "c", "d"].map((id) => logs.has(id))).toEqual([false, true, true, true]);
  });

  it("does not create a conversation for a poll, and drops conversations idle beyond IDLE_EXPIRY_MS", () => {
    let now = 0;
    const logs = new ConversationLogs({ IDLE_EXPIRY_MS: 60_000 }, () => now);
    expect(logs.since("unknown", 3)).toEqual({ activities: [], watermark: "3" });
    expect(logs.has("unknown")).toBe(false);
    logs.append("old", message(100));
    now += 30_000;
    logs.append("newer", message(100));
    now += 40_000;
    expect(logs.expire()).toBe(1);
    expect([logs.has("old"), logs.has("newer")]).toEqual([false, true]);
    expect(logs.chars).toBeLessThan(300);
  });
});
