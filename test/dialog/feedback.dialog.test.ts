import type { Activity } from "botbuilder";
import { TEXTS } from "../../bot/conversation/texts";
import type { FeedbackEvent } from "../../bot/feedback/events";
import { SqlFeedbackStore, type FeedbackStore } from "../../bot/feedback/store";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { realKnowledge, testBot, type TestBot } from "../helpers/bot";

type Reply = Partial<Activity>;
type Button = { title: string; value: unknown };
const buttons = (reply: Reply | undefined): Button[] =>
  (reply?.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: a.value }));

/** Sends a message or a button click and returns every reply of that turn. */
async function turn(t: TestBot, message: string | Button): Promise<Reply[]> {
  const before = t.adapter.activeQueue.length;
  expect(before).toBe(0);
  await (typeof message === "string"
    ? t.adapter.send(message)
    : t.adapter.send({ type: "message", text: message.title, value: message.value }));
  return t.adapter.activeQueue.splice(0);
}

/** Whether a reply is the answer of an entry (its text, then the rating question). */
const answers = (reply: Reply | undefined, answer: string | undefined): boolean =>
  answer !== undefined && reply?.text === `${answer}\n\n_${TEXTS.ratePrompt}_`;

/** Asks a question that is answered outright (one message, with the rating buttons); returns the buttons. */
async function ask(t: TestBot, question: string): Promise<Button[]> {
  const replies = await turn(t, question);
  expect(replies).toHaveLength(1);
  expect(replies[0]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
  return buttons(replies[0]);
}

const texts = (replies: Reply[]): Array<string | undefined> => replies.map((r) => r.text);

describe("rating answers, comments, NPS and CES (TestAdapter)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("offers 1–5 buttons that name and sign the answer, and stores a click", async () => {
    const t = await testBot(kb);
    const rating = await ask(t, "crm nedir");
    expect(rating.map((b) => b.title)).toEqual([...TEXTS.ratingLabels]);
    expect(rating[3]?.value).toEqual({ action: "rate", answer: expect.any(String), entry: "crm-musteri-iliskileri", rating: 4, sig: expect.any(String) });
    const replies = await turn(t, rating[3] as Button);
    expect(texts(replies)).toEqual([TEXTS.ratingThanks]);
    const report = await t.store.report({});
    expect(report.answers).toBe(1);
    expect(report.csat).toMatchObject({ responses: 1, percent: 100, average: 4 });
    expect(report.entries[0]).toMatchObject({ id: "crm-musteri-iliskileri", ratings: 1 });
  });

  it("asks for a comment after a low rating and stores the next message as the comment", async () => {
    const t = await testBot(kb);
    const rating = await ask(t, "nps nedir");
    const rated = rating[1]?.value;
    const entryId = rated && typeof rated === "object" && "entry" in rated ? rated.entry : undefined;
    expect(typeof entryId).toBe("string");
    const prompt = await turn(t, rating[1] as Button);
    expect(texts(prompt)).toEqual([TEXTS.commentPrompt]);
    expect(buttons(prompt[0])).toEqual([{ title: TEXTS.skip, value: { action: "skip-comment" } }]);
    // then a case is offered (test/dialog/cases.dialog.test.ts)
    expect(texts(await turn(t, "Hesaplama örneği yoktu, formül eksik"))).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
    const report = await t.store.report({});
    expect(report.comments).toEqual([
      expect.objectContaining({ entryId, rating: 2, text: "Hesaplama örneği yoktu, formül eksik" }),
    ]);
  });

  it("lets the user skip the comment", async () => {
    const t = await testBot(kb);
    const rating = await ask(t, "nps nedir");
    const [prompt] = await turn(t, rating[0] as Button);
    expect(texts(await turn(t, buttons(prompt)[0] as Button))).toEqual([TEXTS.commentSkipped]);
    expect((await t.store.report({})).comments).toEqual([]);
  });

  it("stores the message right after a low rating as its comment, and answers it too when it asks something", async () => {
    const t = await testBot(kb);
    const rating = await ask(t, "nps nedir");
    await turn(t, rating[0] as Button);
    const comment = "Bu cevapta formül yoktu. NPS nasıl hesaplanır?";
    const replies = await turn(t, comment);
    expect(texts(replies)[0]).toBe(TEXTS.commentThanks);
    // the question is answered, or offered as a choice
    const offered = buttons(replies[1]).some((b) => typeof b.value === "object" && b.value !== null && "id" in b.value && b.value.id === "nps");
    expect(answers(replies[1], kb.byId.get("nps")?.answer) || offered).toBe(true);
    // no case offer under that answer: it would read as about it and hide its rating buttons
    expect(replies).toHaveLength(2);
    expect(JSON.stringify(replies)).not.toContain(TEXTS.cases.offerRating);
    expect((await t.store.report({})).comments).toEqual([expect.objectContaining({ rating: 1, text: comment })]);
    // the answer keeps its rating: rated low in turn, it brings the comment request and then the offer
    const choice = buttons(replies[1]).find((b) => typeof b.value === "object" && b.value !== null && "id" in b.value && b.value.id === "nps");
    if (choice) expect(answers((await turn(t, choice))[0], kb.byId.get("nps")?.answer)).toBe(true);
    expect(texts(await turn(t, "1"))).toEqual([TEXTS.commentPrompt]);
    expect(texts(await turn(t, "Hâlâ örnek yok"))).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
  });

  it("counts the same rating clicked twice once, and a late click for the answer it belongs to", async () => {
    const t = await testBot(kb);
    const first = await ask(t, "crm nedir");
    await ask(t, "iso 10002 nedir");
    expect(texts(await turn(t, first[4] as Button))).toEqual([TEXTS.ratingThanks]);
    expect(texts(await turn(t, first[4] as Button))).toEqual([TEXTS.alreadyRated]);
    const report = await t.store.report({});
    expect(report.csat.responses).toBe(1);
    expect(report.entries.find((e) => e.id === "crm-musteri-iliskileri")).toMatchObject({ ratings: 1, csat: 100 });
    expect(report.entries.find((e) => e.id === "iso-10002")).toMatchObject({ ratings: 0 });
  });

  it.each([
    ["a rating out of range", (v: Record<string, unknown>) => ({ ...v, rating: 9 })],
    ["text where the rating belongs", (v: Record<string, unknown>) => ({ ...v, rating: "çok iyi" })],
    ["a forged entry id", (v: Record<string, unknown>) => ({ ...v, entry: "no-such-entry" })],
    ["a forged answer id", (v: Record<string, unknown>) => ({ ...v, answer: "00000000-0000-0000-0000-000000000000" })],
    ["a missing signature", (v: Record<string, unknown>) => ({ ...v, sig: "" })],
  ])("refuses %s politely and stores nothing", async (_name, forge) => {
    const t = await testBot(kb);
    const rating = await ask(t, "crm nedir");
    const value = rating[4]?.value;
    expect(value).toBeInstanceOf(Object);
    const forged = forge({ ...(value as Record<string, unknown>) });
    expect(texts(await turn(t, { title: "5", value: forged }))).toEqual([TEXTS.invalidFeedback]);
    expect((await t.store.report({})).csat.responses).toBe(0);
  });

  it("refuses a 'did you mean' choice's signature posted as a rating of the entry offered, and a rating's posted as a choice", async () => {
    const t = await testBot(kb);
    const [choices] = await turn(t, "memnuniyet ve sadakat");
    expect(choices?.text).toBe(TEXTS.didYouMeanSeveral);
    const offered = buttons(choices)[0]?.value;
    if (typeof offered !== "object" || offered === null || !("id" in offered) || !("question" in offered) || !("sig" in offered)) throw new Error("no signed choice");
    const { id, question, sig } = offered;
    for (const answer of [`choice:${String(question)}`, question]) {
      for (const rating of [1, 5]) {
        expect(texts(await turn(t, { title: String(rating), value: { action: "rate", answer, entry: id, rating, sig } }))).toEqual([TEXTS.invalidFeedback]);
      }
    }
    expect((await t.store.report({})).csat.responses).toBe(0);
    // the other way round: an answer's rating signature does not link a choice to the question
    const [answer] = await turn(t, { title: "x", value: offered });
    const rating = buttons(answer)[0]?.value;
    const ratingSig = typeof rating === "object" && rating !== null && "sig" in rating ? rating.sig : undefined;
    expect(typeof ratingSig).toBe("string");
    await t.recorder.flush();
    const picks = (await t.store.learning({})).picks.length;
    expect(picks).toBe(1);
    await turn(t, { title: "x", value: { ...offered, sig: ratingSig } });
    await t.recorder.flush();
    expect((await t.store.learning({})).picks).toHaveLength(picks);
  });

  it("asks NPS then CES after three rated answers, once per conversation", async () => {
    const t = await testBot(kb);
    const ratings = [await ask(t, "crm nedir"), await ask(t, "nps nedir"), await ask(t, "iso 10002 nedir")];
    expect(texts(await turn(t, ratings[0]?.[4] as Button))).toEqual([TEXTS.ratingThanks]);
    expect(texts(await turn(t, ratings[1]?.[3] as Button))).toEqual([TEXTS.ratingThanks]);
    const third = await turn(t, ratings[2]?.[4] as Button);
    expect(texts(third)).toEqual([TEXTS.ratingThanks, TEXTS.npsQuestion]);
    const npsButtons = buttons(third[1]);
    expect(npsButtons.map((b) => b.title)).toEqual([...Array.from({ length: 11 }, (_, i) => String(i)), TEXTS.skip]);
    const ces = await turn(t, npsButtons[9] as Button);
    expect(texts(ces)).toEqual([TEXTS.cesQuestion]);
    expect(buttons(ces[0]).map((b) => b.title)).toEqual(["1", "2", "3", "4", "5", "6", "7", TEXTS.skip]);
    expect(texts(await turn(t, buttons(ces[0])[5] as Button))).toEqual([TEXTS.surveyThanks]);
    expect(texts(await turn(t, "teşekkürler"))).toEqual([TEXTS.smallTalk.thanks]);
    const report = await t.store.report({});
    expect(report.nps).toMatchObject({ responses: 1, promoters: 1, score: 100 });
    expect(report.ces).toEqual({ responses: 1, average: 6 });
  });

  it("asks NPS when the user says thanks after an answer; scores may be typed, skipped or out of range", async () => {
    const t = await testBot(kb);
    await ask(t, "crm nedir");
    expect(texts(await turn(t, "çok teşekkürler"))).toEqual([TEXTS.smallTalk.thanks, TEXTS.npsQuestion]);
    const again = await turn(t, "15");
    expect(texts(again)).toEqual([TEXTS.surveyRange(0, 10), TEXTS.npsQuestion]);
    expect(buttons(again[1])).toHaveLength(12);
    expect(texts(await turn(t, "8"))).toEqual([TEXTS.cesQuestion]);
    const skip = { title: TEXTS.skip, value: { action: "skip-survey", step: "ces" } };
    expect(texts(await turn(t, skip))).toEqual([TEXTS.surveyThanks]);
    const report = await t.store.report({});
    expect(report.nps).toMatchObject({ responses: 1, passives: 1 });
    expect(report.ces.responses).toBe(0);
  });

  it("does not survey a conversation that got no answer, and leaves the survey when the user asks something else", async () => {
    const t = await testBot(kb);
    expect(texts(await turn(t, "görüşürüz"))).toEqual([TEXTS.smallTalk.goodbye]);
    await ask(t, "crm nedir");
    expect(texts(await turn(t, "görüşürüz"))).toEqual([TEXTS.surveyBeforeGoodbye, TEXTS.npsQuestion]);
    const replies = await turn(t, "müşteri deneyimi nedir");
    expect(answers(replies[0], kb.byId.get("musteri-deneyimi")?.answer)).toBe(true);
    expect((await t.store.report({})).nps.responses).toBe(0);
  });

  it("starts over on 'baştan başla': a pending comment, survey question and held-back goodbye are dropped, nothing is stored", async () => {
    const t = await testBot(kb);
    const rating = await ask(t, "nps nedir");
    expect(texts(await turn(t, rating[0] as Button))).toEqual([TEXTS.commentPrompt]);
    const restarted = await turn(t, "baştan başla");
    expect(texts(restarted)).toEqual([TEXTS.restarted]);
    expect(buttons(restarted[0]).length).toBeGreaterThan(0);
    expect((await t.store.report({})).comments).toEqual([]);
    // the survey held for the goodbye is left too, and a score typed afterwards is no answer to it
    expect(texts(await turn(t, "görüşürüz"))).toEqual([TEXTS.surveyBeforeGoodbye, TEXTS.npsQuestion]);
    expect(texts(await turn(t, "Başa dön"))).toEqual([TEXTS.restarted]);
    await turn(t, "9");
    const report = await t.store.report({});
    expect(report.nps.responses).toBe(0);
    expect(report.csat).toMatchObject({ responses: 1 });
  });

  it("starts over on 'baştan başla' after a 'did you mean': a number typed next is no choice", async () => {
    const t = await testBot(kb);
    const offered = await turn(t, "memnuniyet");
    expect([TEXTS.didYouMean, TEXTS.didYouMeanSeveral]).toContain(offered[0]?.text);
    expect(texts(await turn(t, "yeniden başla"))).toEqual([TEXTS.restarted]);
    const next = await turn(t, "1");
    expect(next.every((reply) => !reply.text?.endsWith(`_${TEXTS.ratePrompt}_`))).toBe(true);
  });

  it("asks the survey before saying goodbye, understands a CES answer in words, and then says goodbye", async () => {
    const t = await testBot(kb);
    await ask(t, "crm nedir");
    expect(texts(await turn(t, "görüşürüz"))).toEqual([TEXTS.surveyBeforeGoodbye, TEXTS.npsQuestion]);
    expect(texts(await turn(t, "9"))).toEqual([TEXTS.cesQuestion]);
    expect(texts(await turn(t, "çok kolaydı"))).toEqual([TEXTS.surveyThanks, TEXTS.smallTalk.goodbye]);
    const report = await t.store.report({});
    expect(report.nps).toMatchObject({ responses: 1, promoters: 1 });
    expect(report.ces).toEqual({ responses: 1, average: 7 });
  });

  it("reads 'iyi günler' as a greeting before any answer and as a goodbye after one (with the survey first)", async () => {
    const t = await testBot(kb);
    expect(texts(await turn(t, "iyi günler"))).toEqual([kb.botTexts?.greeting ?? TEXTS.bot.greeting]);
    await ask(t, "crm nedir");
    expect(texts(await turn(t, "kolay gelsin"))).toEqual([TEXTS.surveyBeforeGoodbye, TEXTS.npsQuestion]);
  });

  it("leaves the open survey question when the customer clicks to another answer: a number typed next rates that answer", async () => {
    const t = await testBot(kb);
    await ask(t, "csat nedir");
    expect(texts(await turn(t, "teşekkürler"))).toEqual([TEXTS.smallTalk.thanks, TEXTS.npsQuestion]);
    // an older answer's follow-up button, as the channel sends it
    const followUp = await turn(t, { title: "NPS nedir?", value: { action: "answer", id: "nps", source: "followup" } });
    expect(answers(followUp[0], kb.byId.get("nps")?.answer)).toBe(true);
    expect(texts(await turn(t, "5"))).toEqual([TEXTS.ratingThanks]);
    const report = await t.store.report({});
    expect(report.nps.responses).toBe(0);
    expect(report.csat).toMatchObject({ responses: 1, average: 5 });
  });

  it.each(["hayir", "istemiyorum", "Hayır, teşekkürler"])("ends the survey on %p: nothing stored, and the goodbye it held back comes", async (text) => {
    const t = await testBot(kb);
    await ask(t, "crm nedir");
    expect(texts(await turn(t, "görüşürüz"))).toEqual([TEXTS.surveyBeforeGoodbye, TEXTS.npsQuestion]);
    expect(texts(await turn(t, text))).toEqual([TEXTS.smallTalk.goodbye]);
    await turn(t, "9");
    expect((await t.store.report({})).nps.responses).toBe(0);
  });

  it("ends a survey asked after three ratings on 'istemiyorum', and never asks it again", async () => {
    const t = await testBot(kb);
    const ratings = [await ask(t, "crm nedir"), await ask(t, "nps nedir"), await ask(t, "iso 10002 nedir")];
    await turn(t, ratings[0]?.[4] as Button);
    await turn(t, ratings[1]?.[4] as Button);
    expect(texts(await turn(t, ratings[2]?.[4] as Button))).toEqual([TEXTS.ratingThanks, TEXTS.npsQuestion]);
    expect(texts(await turn(t, "istemiyorum"))).toEqual([TEXTS.surveyDeclined]);
    expect(texts(await turn(t, "teşekkürler"))).toEqual([TEXTS.smallTalk.thanks]);
  });

  it.each([
    ["10 üzerinden 9", 9],
    ["9/10", 9],
    ["puanım 8", 8],
    ["7 puan", 7],
    ["9.", 9],
    ["dokuz", 9],
    ["on üzerinden dokuz", 9],
    ["kesinlikle", 10],
  ])("reads the NPS score in %p as %d", async (text, score) => {
    const t = await testBot(kb);
    await ask(t, "crm nedir");
    await turn(t, "teşekkürler");
    expect(texts(await turn(t, text))).toEqual([TEXTS.cesQuestion]);
    const report = await t.store.report({});
    expect(report.nps.responses).toBe(1);
    expect(score >= 9 ? report.nps.promoters : report.nps.passives).toBe(1);
  });

  it.each(["-10", "−5", "-3", "puanım -8"])("refuses the negative NPS score %p with the range and the buttons again: nothing stored, nobody alerted", async (text) => {
    const t = await testBot(kb);
    await ask(t, "crm nedir");
    await turn(t, "teşekkürler");
    const again = await turn(t, text);
    expect(texts(again)).toEqual([TEXTS.surveyRange(0, 10), TEXTS.npsQuestion]);
    expect(buttons(again[1])).toHaveLength(12);
    expect((await t.store.report({})).nps.responses).toBe(0);
    expect(t.alerts).toEqual([]);
    // the question stays open
    expect(texts(await turn(t, "9"))).toEqual([TEXTS.cesQuestion]);
  });

  it.each(["-7", "−2"])("refuses the negative CES score %p with the range: nothing stored", async (text) => {
    const t = await testBot(kb);
    await ask(t, "crm nedir");
    await turn(t, "teşekkürler");
    expect(texts(await turn(t, "geç"))).toEqual([TEXTS.cesQuestion]);
    expect(texts(await turn(t, text))).toEqual([TEXTS.surveyRange(1, 7), TEXTS.cesQuestion]);
    expect((await t.store.report({})).ces.responses).toBe(0);
  });

  it.each(["boşver", "hayır", "iptal", "yok"])("does not store %p after a low rating as its comment: the comment is skipped", async (text) => {
    const t = await testBot(kb);
    const rating = await ask(t, "nps nedir");
    expect(texts(await turn(t, rating[0] as Button))).toEqual([TEXTS.commentPrompt]);
    expect(texts(await turn(t, text))).toEqual([TEXTS.commentSkipped]);
    expect((await t.store.report({})).comments).toEqual([]);
  });

  it("answers acknowledgements briefly, with a reply that varies", async () => {
    const t = await testBot(kb);
    const replies = [await turn(t, "tamam"), await turn(t, "ok"), await turn(t, "peki"), await turn(t, "Evet")].map(texts);
    expect(replies.map((r) => r.length)).toEqual([1, 1, 1, 1]);
    for (const [reply] of replies) expect(TEXTS.acknowledgements).toContain(reply);
    expect(new Set(replies.map(([reply]) => reply)).size).toBe(TEXTS.acknowledgements.length);
    expect((await t.store.report({})).unanswered).toEqual([]);
  });

  it("logs every question with its outcome", async () => {
    const t = await testBot(kb);
    await ask(t, "crm nedir");
    await turn(t, "kargom nerede");
    await turn(t, "Kargom nerede?");
    await turn(t, "memnuniyet ve sadakat");
    // logs are written with the next batch, not waited for
    await t.recorder.flush();
    const report = await t.store.report({});
    expect(report.unanswered.map((u) => [u.status, u.count])).toEqual([["none", 2], ["ambiguous", 1]]);
  });

  it("answers while the database fails, and writes the feedback once it is back", async () => {
    let down = true;
    let failed = 0;
    let real: FeedbackStore | undefined;
    const flaky: FeedbackStore = {
      async write(...events: FeedbackEvent[]) {
        if (down) {
          failed += 1;
          throw new Error("connection refused");
        }
        return real?.write(...events);
      },
      report: (range, questionOf) => (real ? real.report(range, questionOf) : Promise.reject(new Error("no store"))),
      installationSecret: () => (real ? real.installationSecret() : Promise.reject(new Error("no store"))),
      learning: (range) => (real ? real.learning(range) : Promise.reject(new Error("no store"))),
      close: async () => undefined,
    };
    const t = await testBot(kb, { feedbackStore: flaky });
    real = new SqlFeedbackStore(t.database);
    const rating = await ask(t, "crm nedir");
    expect(texts(await turn(t, rating[4] as Button))).toEqual([TEXTS.ratingThanks]);
    expect(failed).toBeGreaterThan(0);
    expect(t.recorder.pending).toBe(3);
    down = false;
    await t.recorder.flush();
    expect(t.recorder.pending).toBe(0);
    const report = await t.store.report({});
    expect(report.answers).toBe(1);
    expect(report.csat.responses).toBe(1);
    expect(report.unanswered).toEqual([]);
  });
});

describe("survey answers are signed and count only where the survey was asked (TestAdapter)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  /** Sends a message or a click in the given conversation and returns the turn's replies. */
  async function turnIn(t: TestBot, conversation: string, message: string | Button): Promise<Reply[]> {
    expect(t.adapter.activeQueue.length).toBe(0);
    const address = { conversation: { id: conversation, name: conversation, isGroup: false, conversationType: "personal" } };
    await t.adapter.send(typeof message === "string" ? { type: "message", text: message, ...address } : { type: "message", text: message.title, value: message.value, ...address });
    return t.adapter.activeQueue.splice(0);
  }

  /** Gets an answer, says thanks, and returns the NPS question's buttons. */
  async function npsButtons(t: TestBot, conversation: string): Promise<Button[]> {
    await turnIn(t, conversation, "crm nedir");
    const replies = await turnIn(t, conversation, "teşekkürler");
    expect(texts(replies)).toEqual([TEXTS.smallTalk.thanks, TEXTS.npsQuestion]);
    return buttons(replies[1]);
  }

  const surveyStored = async (t: TestBot): Promise<number> => {
    const report = await t.store.report({});
    return report.nps.responses + report.ces.responses;
  };

  it.each([
    ["an unsigned NPS score", { action: "nps", score: 0 }],
    ["an unsigned CES score", { action: "ces", score: 1 }],
    ["a made-up signature", { action: "nps", score: 0, survey: "00000000-0000-0000-0000-000000000000", sig: "AAAAAAAAAAAAAAAAAAAAAA" }],
  ])("refuses %s in a conversation never asked: stores nothing, alerts nobody", async (_name, value) => {
    const t = await testBot(kb);
    expect(texts(await turnIn(t, "fresh", { title: "0", value }))).toEqual([TEXTS.invalidFeedback]);
    expect(await surveyStored(t)).toBe(0);
    expect(t.alerts).toEqual([]);
  });

  it("signs each survey button; a forged signature, survey, step or score is refused and stores nothing", async () => {
    const t = await testBot(kb);
    const nps = await npsButtons(t, "c1");
    expect(nps[0]?.value).toEqual({ action: "nps", score: 0, survey: expect.any(String), sig: expect.any(String) });
    const genuine = nps[0]?.value;
    if (typeof genuine !== "object" || genuine === null || !("survey" in genuine) || typeof genuine.survey !== "string" || !("sig" in genuine)) throw new Error("no signed NPS value");
    for (const forged of [
      { ...genuine, sig: "AAAAAAAAAAAAAAAAAAAAAA" },
      { ...genuine, sig: "" },
      { ...genuine, survey: "00000000-0000-0000-0000-000000000000" },
      { ...genuine, action: "ces", score: 1 },
      { ...genuine, score: 11 },
      { ...genuine, score: "hiç" },
      { action: "nps", score: 0 },
    ]) {
      expect(texts(await turnIn(t, "c1", { title: "0", value: forged }))).toEqual([TEXTS.invalidFeedback]);
    }
    // nor does its signature rate the entry "nps" for a made-up answer
    for (const answer of [genuine.survey, `survey:${genuine.survey}`]) {
      const rating = { action: "rate", answer, entry: "nps", rating: 5, sig: genuine.sig };
      expect(texts(await turnIn(t, "c1", { title: "5", value: rating }))).toEqual([TEXTS.invalidFeedback]);
    }
    expect((await t.store.report({})).csat.responses).toBe(0);
    expect(await surveyStored(t)).toBe(0);
    expect(t.alerts).toEqual([]);
    // the question is still open, and the real button counts
    expect(texts(await turnIn(t, "c1", nps[0] as Button))).toEqual([TEXTS.cases.offerNps]);
    expect((await t.store.report({})).nps).toMatchObject({ responses: 1, detractors: 1 });
    expect(t.alerts).toEqual([expect.objectContaining({ kind: "nps-detractor", score: 0 })]);
  });

  it("refuses a value replayed in another conversation, even one whose survey is open, and counts a second click once", async () => {
    const t = await testBot(kb);
    const first = await npsButtons(t, "c1");
    const second = await npsButtons(t, "c2");
    expect(texts(await turnIn(t, "c2", first[0] as Button))).toEqual([TEXTS.invalidFeedback]);
    expect(texts(await turnIn(t, "fresh", first[0] as Button))).toEqual([TEXTS.invalidFeedback]);
    expect(await surveyStored(t)).toBe(0);
    expect(t.alerts).toEqual([]);
    const ces = await turnIn(t, "c1", first[9] as Button);
    expect(texts(ces)).toEqual([TEXTS.cesQuestion]);
    expect(texts(await turnIn(t, "c1", first[9] as Button))).toEqual([TEXTS.surveyAlreadyAnswered]);
    // CES buttons are signed for CES in their own conversation
    expect(texts(await turnIn(t, "c2", buttons(ces[0])[5] as Button))).toEqual([TEXTS.invalidFeedback]);
    expect(texts(await turnIn(t, "c1", buttons(ces[0])[5] as Button))).toEqual([TEXTS.surveyThanks]);
    expect(texts(await turnIn(t, "c1", buttons(ces[0])[5] as Button))).toEqual([TEXTS.surveyAlreadyAnswered]);
    expect(texts(await turnIn(t, "c2", second[10] as Button))).toEqual([TEXTS.cesQuestion]);
    const report = await t.store.report({});
    expect(report.nps).toMatchObject({ responses: 2, promoters: 2 });
    expect(report.ces).toEqual({ responses: 1, average: 6 });
  });

  it("takes typed scores only while the survey question is open", async () => {
    const t = await testBot(kb);
    // never asked: a bare number is no score
    await turnIn(t, "c1", "0");
    expect(await surveyStored(t)).toBe(0);
    expect(t.alerts).toEqual([]);
    await npsButtons(t, "c1");
    // asked in another conversation only
    await turnIn(t, "c2", "0");
    expect(await surveyStored(t)).toBe(0);
    expect(texts(await turnIn(t, "c1", "8"))).toEqual([TEXTS.cesQuestion]);
    expect(texts(await turnIn(t, "c1", "6"))).toEqual([TEXTS.surveyThanks]);
    // the survey is over: numbers are no scores any more
    await turnIn(t, "c1", "2");
    const report = await t.store.report({});
    expect(report.nps).toMatchObject({ responses: 1, passives: 1 });
    expect(report.ces).toEqual({ responses: 1, average: 6 });
    expect(t.alerts).toEqual([]);
  });
});
