import type { Activity } from "botbuilder";
import { EMPTY_KNOWLEDGE_BASE, type KnowledgeBase } from "../../bot/knowledge/types";
import { TEXTS } from "../../bot/conversation/texts";
import { topicEntries } from "../../bot/conversation/bot";
import { realKnowledge, testBot } from "../helpers/bot";

type Reply = Partial<Activity>;
const buttons = (reply: Reply): Array<{ title: string; value: unknown }> =>
  (reply.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: a.value }));
/** Follow-up buttons: on the answer's hero card. */
const followUps = (reply: Reply): Array<{ title: string; value: unknown }> => {
  const card: unknown = reply.attachments?.[0]?.content;
  const actions = card && typeof card === "object" && "buttons" in card && Array.isArray(card.buttons) ? (card.buttons as Array<{ title: unknown; value: unknown }>) : [];
  return actions.map((a) => ({ title: String(a.title), value: a.value }));
};
/** The answer message: the entry's Markdown, then the rating question, with the 1–5 buttons. */
const isAnswer = (reply: Reply, answer: string | undefined): void => {
  expect(reply.text).toBe(`${answer ?? "(no entry)"}\n\n_${TEXTS.ratePrompt}_`);
  expect(reply.textFormat).toBe("markdown");
  expect(buttons(reply).map((b) => b.title)).toEqual([...TEXTS.ratingLabels]);
};

describe("answering questions (TestAdapter)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it.each([
    ["musteri sadakati nedir", "memnuniyet-ve-sadakat"],
    ["MÜŞTERİ DENEYİMİ NEDİR", "musteri-deneyimi"],
    ["crm nedir", "crm-musteri-iliskileri"],
    ["iso 10002 nedir", "iso-10002"],
  ])("answers %p in one message: the entry's Markdown, the rating question and buttons, its follow-ups", async (question, id) => {
    const entry = kb.byId.get(id);
    const { adapter } = await testBot(kb);
    await adapter.send(question).assertReply((reply) => {
      isAnswer(reply, entry?.answer);
      expect(followUps(reply).map((b) => b.title)).toEqual(entry?.related.map((r) => kb.byId.get(r)?.question));
    });
    expect(adapter.activeQueue).toHaveLength(0);
  });

  it("answers a follow-up when its button is clicked", async () => {
    const { adapter } = await testBot(kb);
    const related = kb.byId.get("musteri-deneyimi")?.related[0] ?? "";
    let followUp: { title: string; value: unknown } | undefined;
    await adapter.send("müşteri deneyimi nedir").assertReply((reply) => {
      followUp = followUps(reply)[0];
    });
    expect(followUp?.value).toEqual({ action: "answer", id: related, source: "followup" });
    await adapter
      .send({ type: "message", text: followUp?.title, value: followUp?.value })
      .assertReply((reply) => isAnswer(reply, kb.byId.get(related)?.answer));
  });

  it("offers 'did you mean' when unsure, and answers the chosen entry", async () => {
    const { adapter } = await testBot(kb);
    let choices: Array<{ title: string; value: unknown }> = [];
    await adapter.send("memnuniyet ve sadakat").assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.didYouMeanSeveral);
      choices = buttons(reply);
    });
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(choices.length).toBeLessThanOrEqual(4);
    expect(choices.at(-1)).toEqual({ title: "Hiçbiri", value: { action: "none-of-these" } });
    const chosen = choices[0];
    expect(chosen?.value).toEqual({ action: "answer", id: expect.any(String), source: "suggestion", question: expect.any(String), sig: expect.any(String) });
    const chosenId = (chosen?.value as { id: string }).id;
    await adapter
      .send({ type: "message", text: chosen?.title, value: chosen?.value })
      .assertReply((reply) => isAnswer(reply, kb.byId.get(chosenId)?.answer));
  });

  it("replies to 'Hiçbiri' by asking to rephrase", async () => {
    const { adapter } = await testBot(kb);
    await adapter.send({ type: "message", text: "Hiçbiri", value: { action: "none-of-these" } }).assertReply(TEXTS.noneOfTheseReply);
  });

  it.each(["hava durumu nasıl", "asdfghjkl"])("admits not knowing %p and offers topics from every folder as buttons", async (text) => {
    const { adapter } = await testBot(kb);
    await adapter.send(text).assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.dontKnow);
      const offered = buttons(reply);
      expect(offered.map((b) => b.title)).toEqual(topicEntries(kb).map((e) => e.question));
      const folders = new Set(offered.map((b) => kb.byId.get((b.value as { id: string }).id)?.source.file.split("/")[0]));
      expect(folders.size).toBe(offered.length);
    });
  });

  it("announces no topics it has none to offer: with an empty knowledge base, 'don't know' and help end without a dangling colon", async () => {
    const { adapter } = await testBot(EMPTY_KNOWLEDGE_BASE);
    await adapter.send("kargom nerede").assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.dontKnowNoTopics);
      expect(buttons(reply)).toEqual([]);
    });
    await adapter.send("yardım").assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.helpNoTopics);
      expect(buttons(reply)).toEqual([]);
    });
    for (const text of [TEXTS.dontKnowNoTopics, TEXTS.helpNoTopics]) expect(text.trimEnd()).not.toMatch(/:$/);
  });

  it("admits not knowing a question that shares a word with entries, and offers the closest ones; a click answers", async () => {
    const { adapter } = await testBot(kb);
    let offered: Array<{ title: string; value: unknown }> = [];
    await adapter.send("müşteri hizmetleri telefon numaranız kaç").assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.dontKnowClosest);
      offered = buttons(reply);
    });
    expect(offered.length).toBeGreaterThan(0);
    const first = offered[0];
    const id = (first?.value as { id: string }).id;
    await adapter.send({ type: "message", text: first?.title, value: first?.value }).assertReply((reply) => isAnswer(reply, kb.byId.get(id)?.answer));
  });

  it("answers a greeting with the knowledge's own greeting (bot.yaml)", async () => {
    const { adapter } = await testBot(kb);
    await adapter.send("merhaba").assertReply(kb.botTexts.greeting ?? "(no greeting in bot.yaml)");
  });

  it.each([
    ["teşekkür ederim", TEXTS.smallTalk.thanks],
    ["görüşürüz", TEXTS.smallTalk.goodbye],
  ])("answers small talk %p briefly", async (text, expected) => {
    const { adapter } = await testBot(kb);
    await adapter.send(text).assertReply(expected);
  });

  it("asks to shorten a message over the limit instead of searching", async () => {
    const { adapter } = await testBot(kb, { maxMessageLength: 50 });
    await adapter.send("müşteri ".repeat(20)).assertReply(TEXTS.messageTooLong(50));
  });

  it.each([
    [{ action: "answer", id: "no-such-entry", source: "suggestion" }],
    [{ action: "answer", id: 42 }],
    [{ action: "format-disk" }],
    ["just a string"],
  ])("replies politely to a stale or forged button value %p", async (value) => {
    const { adapter } = await testBot(kb);
    await adapter.send({ type: "message", text: "x", value }).assertReply(TEXTS.staleButton);
  });
});
