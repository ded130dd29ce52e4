import type { Activity } from "botbuilder";
import { TEXTS } from "../../bot/conversation/texts";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { realKnowledge, testBot, type TestBot } from "../helpers/bot";

type Reply = Partial<Activity>;
type Button = { title: string; value: unknown };
const buttons = (reply: Reply | undefined): Button[] =>
  (reply?.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: a.value }));
const texts = (replies: Reply[]): Array<string | undefined> => replies.map((r) => r.text);

/** Sends a message or a button click and returns every reply of that turn. */
async function turn(t: TestBot, message: string | Button): Promise<Reply[]> {
  expect(t.adapter.activeQueue.length).toBe(0);
  await (typeof message === "string" ? t.adapter.send(message) : t.adapter.send({ type: "message", text: message.title, value: message.value }));
  return t.adapter.activeQueue.splice(0);
}

/** Asks a question that is answered outright; returns its rating buttons. */
async function ask(t: TestBot, question: string): Promise<Button[]> {
  const replies = await turn(t, question);
  expect(replies).toHaveLength(1);
  expect(replies[0]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
  return buttons(replies[0]);
}

describe("what customers type in their own words (TestAdapter)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  describe("a message of punctuation alone", () => {
    it.each(["?", "...", "!!!", "?!", "…", " - "])("%p is answered as an empty message and logged as no question", async (text) => {
      const t = await testBot(kb);
      expect(texts(await turn(t, text))).toEqual([TEXTS.emptyMessage]);
      await t.recorder.flush();
      expect((await t.store.report({})).unanswered).toEqual([]);
    });

    it("leaves a pending comment waiting", async () => {
      const t = await testBot(kb);
      const rating = await ask(t, "nps nedir");
      expect(texts(await turn(t, rating[0] as Button))).toEqual([TEXTS.commentPrompt]);
      expect(texts(await turn(t, "?"))).toEqual([TEXTS.emptyMessage]);
      expect(texts(await turn(t, "formül eksik"))).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
      expect((await t.store.report({})).comments).toEqual([expect.objectContaining({ text: "formül eksik" })]);
    });
  });

  describe("no comment after a low rating", () => {
    it.each(["pas", "skip", "geçiyorum", "yorum yok", "yok bir şey", "önemli değil", "boşver ya", "yazmayacağım", "hiç", "hiçbir şey", "Geç."])(
      "%p skips the comment: nothing stored, no complaint offered",
      async (text) => {
        const t = await testBot(kb);
        await ask(t, "nps nedir");
        expect(texts(await turn(t, "1"))).toEqual([TEXTS.commentPrompt]);
        expect(texts(await turn(t, text))).toEqual([TEXTS.commentSkipped]);
        expect((await t.store.report({})).comments).toEqual([]);
        expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
      },
    );

    it.each(["eksik", "örnek yok", "hiç anlamadım"])("%p is a comment: stored, and the complaint offered", async (text) => {
      const t = await testBot(kb);
      await ask(t, "nps nedir");
      expect(texts(await turn(t, "1"))).toEqual([TEXTS.commentPrompt]);
      expect(texts(await turn(t, text))).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
      expect((await t.store.report({})).comments).toEqual([expect.objectContaining({ text })]);
    });

    it.each(["pas", "skip", "geçiyorum"])("%p skips a survey question as 'geç' does", async (text) => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      await turn(t, "teşekkürler");
      expect(texts(await turn(t, text))).toEqual([TEXTS.cesQuestion]);
      expect(texts(await turn(t, "6"))).toEqual([TEXTS.surveyThanks]);
      const report = await t.store.report({});
      expect(report.nps.responses).toBe(0);
      expect(report.ces.responses).toBe(1);
    });
  });

  describe("small talk answered by what was said", () => {
    it.each([
      ["hayır", TEXTS.smallTalk.decline],
      ["yok", TEXTS.smallTalk.decline],
      ["gerek yok", TEXTS.smallTalk.decline],
      ["🤬🤬🤬", TEXTS.smallTalk.displeasure],
      ["😡", TEXTS.smallTalk.displeasure],
      ["👎", TEXTS.smallTalk.displeasure],
      ["😂", TEXTS.smallTalk.reaction],
      ["👍", TEXTS.smallTalk.reaction],
      ["bot musun", TEXTS.smallTalk.identity],
      ["insan mısın?", TEXTS.smallTalk.identity],
      ["Sen gerçek bir insan mısın yoksa robot mu?", TEXTS.smallTalk.identity],
    ])("after 'Başka bir sorunuz var mı?', %p gets %p, and no question is logged", async (text, reply) => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      expect(texts(await turn(t, "teşekkürler"))).toEqual([TEXTS.smallTalk.thanks, TEXTS.npsQuestion]);
      expect(texts(await turn(t, "istemiyorum"))).toEqual([TEXTS.surveyDeclined]);
      expect(texts(await turn(t, "teşekkürler"))).toEqual([TEXTS.smallTalk.thanks]);
      expect(texts(await turn(t, text))).toEqual([reply]);
      await t.recorder.flush();
      expect((await t.store.report({})).unanswered).toEqual([]);
    });

    it.each(["hayır", "😡", "👎", "🤬", "😂"])("never answers %p with an agreeing reply", async (text) => {
      const t = await testBot(kb);
      const [reply] = texts(await turn(t, text));
      expect(TEXTS.acknowledgements).not.toContain(reply);
    });
  });
});
