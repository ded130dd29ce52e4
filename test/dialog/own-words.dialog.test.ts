import type { Activity } from "botbuilder";
import { findReference } from "../../bot/cases/reference";
import { TEXTS } from "../../bot/conversation/texts";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
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

  it("asks to shorten a comment over the length limit as a comment, and takes the shorter one", async () => {
    const t = await testBot(kb);
    await ask(t, "nps nedir");
    expect(texts(await turn(t, "1"))).toEqual([TEXTS.commentPrompt]);
    expect(texts(await turn(t, "eksik ".repeat(400)))).toEqual([TEXTS.commentTooLong(2000)]);
    expect(texts(await turn(t, "hesaplama örneği eksik"))).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
    expect((await t.store.report({})).comments).toEqual([expect.objectContaining({ text: "hesaplama örneği eksik" })]);
    // a question over the limit is still asked to be shortened as a question
    expect(texts(await turn(t, "soru ".repeat(500)))).toEqual([TEXTS.messageTooLong(2000)]);
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

    it("reads 'hiç', the NPS question's own 0, as a score, not as no comment", async () => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      await turn(t, "teşekkürler");
      expect(texts(await turn(t, "hiç"))).toEqual([TEXTS.cases.offerNps]);
      expect((await t.store.report({})).nps).toMatchObject({ responses: 1, detractors: 1 });
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

  describe("a rating typed in the customer's own words right after an answer", () => {
    it.each([
      ["4 puan", 4],
      ["puanım 4", 4],
      ["4/5", 4],
      ["4 🙂", 4],
      ["1 😞", 1],
      ["😍", 5],
      ["😞", 1],
      ["beş", 5],
      ["süper", 5],
      ["harika ya", 5],
      ["çok kötü", 1],
      ["berbat", 1],
      ["bu cevap berbat", 1],
      ["idare eder", 3],
      ["memnun kaldım", 4],
      ["fena değil", 4],
      ["mükemmel", 5],
      ["çok işime yaradı", 5],
      ["hiç yaramadı", 1],
    ])("%p rates the answer %d", async (text, rating) => {
      const t = await testBot(kb);
      await ask(t, "csat nedir");
      expect(texts(await turn(t, text))).toEqual([rating <= 2 ? TEXTS.commentPrompt : TEXTS.ratingThanks]);
      const report = await t.store.report({});
      expect(report.csat).toMatchObject({ responses: 1, average: rating });
      // praise is the rating, not a thanks that starts the survey and leaves the answer unrated
      expect(report.nps.responses).toBe(0);
    });

    it.each([
      ["evet", TEXTS.ratingAskYes],
      ["işime yaradı", TEXTS.ratingAskYes],
      ["evet yaradı", TEXTS.ratingAskYes],
      ["👍", TEXTS.ratingAskYes],
      ["hayır", TEXTS.ratingAskNo],
      ["işime yaramadı", TEXTS.ratingAskNo],
      ["yaramadı", TEXTS.ratingAskNo],
      ["hayır yaramadı", TEXTS.ratingAskNo],
      ["olmadı", TEXTS.ratingAskNo],
      ["👎", TEXTS.ratingAskNo],
      ["😡", TEXTS.ratingAskNo],
    ])("%p, a plain yes or no, asks once for the rating with its buttons", async (text, asked) => {
      const t = await testBot(kb);
      const rating = await ask(t, "csat nedir");
      const replies = await turn(t, text);
      expect(texts(replies)).toEqual([asked]);
      expect(buttons(replies[0])).toEqual(rating);
      expect((await t.store.report({})).csat.responses).toBe(0);
      expect(texts(await turn(t, "4"))).toEqual([TEXTS.ratingThanks]);
      expect((await t.store.report({})).csat).toMatchObject({ responses: 1, average: 4 });
    });

    it.each([
      ["evet", TEXTS.acknowledgements[0]],
      ["hayır", TEXTS.smallTalk.decline],
      ["👎", TEXTS.smallTalk.displeasure],
    ])("asks only once: %p again is small talk", async (text, reply) => {
      const t = await testBot(kb);
      await ask(t, "csat nedir");
      await turn(t, text);
      expect(texts(await turn(t, text))).toEqual([reply]);
      expect((await t.store.report({})).csat.responses).toBe(0);
    });

    it.each(["6", "0", "-4", "−2", "7 puan"])("%p, off the scale, gets the range with the rating buttons again and stores nothing", async (text) => {
      const t = await testBot(kb);
      const rating = await ask(t, "csat nedir");
      const replies = await turn(t, text);
      expect(texts(replies)).toEqual([TEXTS.surveyRange(1, 5)]);
      expect(buttons(replies[0])).toEqual(rating);
      expect((await t.store.report({})).csat.responses).toBe(0);
      expect(texts(await turn(t, buttons(replies[0])[4] as Button))).toEqual([TEXTS.ratingThanks]);
      expect((await t.store.report({})).csat).toMatchObject({ responses: 1, average: 5 });
    });

    it("reads no rating in words where none is asked: before any answer, or once another message came", async () => {
      const t = await testBot(kb);
      expect(texts(await turn(t, "süper"))).toEqual([TEXTS.smallTalk.thanks]);
      await ask(t, "csat nedir");
      expect(texts(await turn(t, "tamam"))).toHaveLength(1);
      await turn(t, "berbat");
      await turn(t, "idare eder");
      expect((await t.store.report({})).csat.responses).toBe(0);
    });

    it("takes words after a low rating as its comment, while a number still changes the rating", async () => {
      const t = await testBot(kb);
      await ask(t, "csat nedir");
      expect(texts(await turn(t, "2"))).toEqual([TEXTS.commentPrompt]);
      expect(texts(await turn(t, "kötü"))).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
      const report = await t.store.report({});
      expect(report.comments).toEqual([expect.objectContaining({ rating: 2, text: "kötü" })]);
      expect(report.csat).toMatchObject({ responses: 1, average: 2 });
    });
  });

  describe("a wish at the end, returned in kind", () => {
    it.each([
      ["iyi akşamlar", TEXTS.smallTalk.wishBack.akşamlar],
      ["hayırlı akşamlar", TEXTS.smallTalk.wishBack.akşamlar],
      ["iyi geceler", TEXTS.smallTalk.wishBack.geceler],
      ["iyi günler", TEXTS.smallTalk.wishBack.günler],
      ["iyi çalışmalar", TEXTS.smallTalk.wishBack.çalışmalar],
      ["kolay gelsin", TEXTS.smallTalk.wishBack.gelsin],
      ["görüşürüz, iyi akşamlar", TEXTS.smallTalk.wishBack.akşamlar],
      ["görüşürüz", TEXTS.smallTalk.goodbye],
      ["👋", TEXTS.smallTalk.goodbye],
    ])("%p after the answers gets %p", async (text, goodbye) => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      await turn(t, "teşekkürler");
      await turn(t, "istemiyorum");
      expect(texts(await turn(t, text))).toEqual([goodbye]);
    });

    it("returns the wish after the survey it held the goodbye for", async () => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      expect(texts(await turn(t, "iyi akşamlar"))).toEqual([TEXTS.surveyBeforeGoodbye, TEXTS.npsQuestion]);
      expect(texts(await turn(t, "9"))).toEqual([TEXTS.cesQuestion]);
      expect(texts(await turn(t, "6"))).toEqual([TEXTS.surveyThanks, TEXTS.smallTalk.wishBack.akşamlar]);
    });

    it("returns the wish when the survey it held the goodbye for is declined", async () => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      await turn(t, "iyi geceler");
      expect(texts(await turn(t, "hayır"))).toEqual([TEXTS.smallTalk.wishBack.geceler]);
    });
  });

  describe("a polite no: 'hayır teşekkürler' is a no where a yes/no question waits, and a closing elsewhere", () => {
    const POLITE_NO = ["hayır teşekkürler", "Hayır, teşekkür ederim.", "yok sağol", "gerek yok teşekkürler", "hayir tesekkurler"];

    it.each(POLITE_NO)("declines the case offer on %p: no case, nobody alerted", async (text) => {
      const t = await testBot(kb);
      expect(texts(await turn(t, "şikayet etmek istiyorum"))).toEqual([TEXTS.cases.offerComplaint]);
      expect(texts(await turn(t, text))).toEqual([TEXTS.cases.declined]);
      expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
      expect(t.alerts).toEqual([]);
    });

    it.each(POLITE_NO)("declines the contact consent on %p: no contact stored", async (text) => {
      const t = await testBot(kb);
      await turn(t, "şikayet etmek istiyorum");
      await turn(t, "evet");
      const created = await turn(t, "Kargom iki haftadır gelmedi");
      const reference = findReference(texts(created).join(" "));
      expect(texts(created)).toEqual([expect.any(String), TEXTS.cases.consentQuestion]);
      expect(texts(await turn(t, text))).toEqual([fillTemplate(TEXTS.cases.contactDeclined, { reference: reference ?? "" })]);
      expect((await t.cases.get(reference ?? ""))?.contact).toBeNull();
    });

    it.each(POLITE_NO)("answers 'did you mean' with %p as 'Hiçbiri' does: no choice, no thanks, no survey", async (text) => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      expect(texts(await turn(t, "memnuniyet ve sadakat"))).toEqual([TEXTS.didYouMeanSeveral]);
      expect(texts(await turn(t, text))).toEqual([TEXTS.noneOfTheseReply]);
      // the choices are over: a number typed now is no choice
      expect(texts(await turn(t, "1"))).not.toContain(TEXTS.noneOfTheseReply);
      expect((await t.store.report({})).nps.responses).toBe(0);
    });

    it.each(POLITE_NO)("ends the survey asked before a goodbye on %p, and says the goodbye it held back", async (text) => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      expect(texts(await turn(t, "görüşürüz"))).toEqual([TEXTS.surveyBeforeGoodbye, TEXTS.npsQuestion]);
      expect(texts(await turn(t, text))).toEqual([TEXTS.smallTalk.goodbye]);
      expect((await t.store.report({})).nps.responses).toBe(0);
    });

    it.each(POLITE_NO)("closes politely on %p after 'Başka bir sorunuz var mı?', instead of thanking again", async (text) => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      expect(texts(await turn(t, "teşekkürler"))).toEqual([TEXTS.smallTalk.thanks, TEXTS.npsQuestion]);
      expect(texts(await turn(t, "istemiyorum"))).toEqual([TEXTS.surveyDeclined]);
      expect(texts(await turn(t, "teşekkürler"))).toEqual([TEXTS.smallTalk.thanks]);
      expect(texts(await turn(t, text))).toEqual([TEXTS.smallTalk.politeDecline]);
      await t.recorder.flush();
      expect((await t.store.report({})).unanswered).toEqual([]);
    });

    it.each(POLITE_NO)("closes on %p with the survey first when it is due, as a goodbye does", async (text) => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      // agreed with; the survey is not asked yet
      expect(texts(await turn(t, "tamam"))).toEqual([TEXTS.acknowledgements[0]]);
      expect(texts(await turn(t, text))).toEqual([TEXTS.surveyBeforeGoodbye, TEXTS.npsQuestion]);
      expect(texts(await turn(t, "9"))).toEqual([TEXTS.cesQuestion]);
      expect(texts(await turn(t, "7"))).toEqual([TEXTS.surveyThanks, TEXTS.smallTalk.goodbye]);
    });

    it("returns a wish said with the polite no in kind", async () => {
      const t = await testBot(kb);
      await ask(t, "crm nedir");
      await turn(t, "teşekkürler");
      await turn(t, "istemiyorum");
      expect(texts(await turn(t, "yok sağol, iyi akşamlar"))).toEqual([TEXTS.smallTalk.wishBack.akşamlar]);
    });
  });
});
