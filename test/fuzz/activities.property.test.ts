import fc from "fast-check";
import { TEXTS } from "../../bot/conversation/texts";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { emulatorActivity, useRunningApp } from "../helpers/app";
import { realKnowledge, testBot } from "../helpers/bot";

/** Button values as a forger would try them: the real shapes with hostile fields, and any JSON. */
const buttonValue = fc.oneof(
  fc.jsonValue(),
  fc.record({
    action: fc.constantFrom("rate", "answer", "nps", "ces", "skip-survey", "skip-comment", "none-of-these", "format-disk"),
    answer: fc.oneof(fc.string(), fc.uuid(), fc.constant("x".repeat(10_000))),
    entry: fc.oneof(fc.string(), fc.constantFrom("crm-musteri-iliskileri", "../../etc/passwd")),
    id: fc.oneof(fc.string(), fc.constantFrom("crm-musteri-iliskileri", "iso-10002")),
    source: fc.constantFrom("suggestion", "followup", "admin"),
    rating: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
    score: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.string()),
    step: fc.constantFrom("nps", "ces", "x"),
    survey: fc.oneof(fc.string(), fc.uuid()),
    sig: fc.string(),
  }, { requiredKeys: ["action"] }),
);

describe("property: activity handling never fails on hostile input", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("the bot answers any button value politely, never with the error apology, and stores no forged rating or survey answer", async () => {
    const t = await testBot(kb);
    await fc.assert(
      fc.asyncProperty(buttonValue, fc.string({ maxLength: 50 }), async (value, text) => {
        await t.adapter.send({ type: "message", text, value });
        const replies = t.adapter.activeQueue.splice(0);
        expect(replies.length).toBeGreaterThan(0);
        for (const reply of replies) expect(reply.text).not.toBe(TEXTS.turnError);
      }),
      { numRuns: 200 },
    );
    const report = await t.store.report({});
    expect([report.csat.responses, report.nps.responses, report.ces.responses]).toEqual([0, 0, 0]);
    expect(t.alerts).toEqual([]);
  });
});

describe("property: the HTTP endpoints answer malformed activities with 4xx, never 5xx", () => {
  const running = useRunningApp({ RATE_LIMIT_CLIENT_PER_MINUTE: "100000", RATE_LIMIT_CONVERSATION_PER_MINUTE: "100000" });

  it("/api/messages and the local Direct Line", async () => {
    const base = (): string => running.app().url;
    const session = (await (await fetch(`${base()}/api/directline/token`, { method: "POST" })).json()) as { token: string; conversationId: string; domain: string };
    await fetch(`${session.domain}/conversations`, { method: "POST", headers: { authorization: `Bearer ${session.token}` } });
    const mutated = fc.record({ field: fc.constantFrom("type", "text", "conversation", "from", "serviceUrl", "value", "channelData", "attachments", "entities", "locale"), value: fc.jsonValue() });
    await fc.assert(
      fc.asyncProperty(mutated, fc.jsonValue(), async ({ field, value }, raw) => {
        const activity = { ...emulatorActivity(running.connector().url, "fuzz", { text: "crm nedir" }), [field]: value };
        for (const body of [JSON.stringify(activity), JSON.stringify(raw)]) {
          const bot = await fetch(`${base()}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
          expect(bot.status).toBeLessThan(500);
          const dl = await fetch(`${session.domain}/conversations/${session.conversationId}/activities`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
            body,
          });
          expect(dl.status).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  }, 120_000);
});
