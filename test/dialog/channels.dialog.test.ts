import { topicEntries } from "../../bot/conversation/bot";
import type { Activity } from "botbuilder";
import { findReference } from "../../bot/cases/reference";
import { plainText, withoutCodeMarks } from "../../bot/conversation/render/text";
import { TEXTS } from "../../bot/conversation/texts";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
import { DatabaseUnavailableError } from "../../bot/storage/errors";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { caseStoreWith, channelBot, realKnowledge, type ChannelBot } from "../helpers/bot";
import { cardButtons, cardText } from "../helpers/cards";

type Reply = Partial<Activity>;
type Element = Record<string, unknown>;


/** Sends a message (text, or a click's value with the card it was on) and returns the turn's replies. */
async function turn(t: ChannelBot, message: string | { value: unknown; replyToId?: string }): Promise<Reply[]> {
  expect(t.channel.activeQueue.length).toBe(0);
  await t.channel.send(typeof message === "string" ? message : { type: "message", ...message });
  return t.channel.activeQueue.splice(0);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

const buttons = cardButtons;

const texts = (replies: Reply[]): Array<string | undefined> => replies.map((r) => r.text);

describe("replies in Teams, hosted Web Chat and text-only channels (TestAdapter)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  describe("Teams (msteams)", () => {
    it("sends an answer as one Adaptive Card 1.5: Markdown paragraphs, signed 1–5 Action.Submit buttons, follow-ups", async () => {
      const t = await channelBot(kb, "msteams");
      const [answer, ...rest] = await turn(t, "müşteri memnuniyeti endeksi nedir");
      expect(rest).toEqual([]);
      expect(answer?.suggestedActions).toBeUndefined();
      expect(answer?.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(answer?.attachments?.[0]?.content).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
      const entry = kb.byId.get("memnuniyet-endeksi-cem");
      // Teams renders Markdown inside text blocks: bold, lists (items on their own lines)
      expect(cardText(answer)).toContain(entry?.answer.split("\n\n")[0]);
      expect(cardText(answer)).toContain("- **Net Tavsiye Skoru (NPS)**\n- ");
      const all = buttons(answer);
      const ratings = all.filter((b) => typeof b.data === "object" && (b.data as Element).action === "rate");
      expect(ratings.map((b) => b.title)).toEqual([...TEXTS.ratingLabels]);
      ratings.forEach((b, i) => expect(String(b.title).startsWith(String(i + 1))).toBe(true));
      expect(ratings[3]?.data).toEqual({ action: "rate", answer: expect.any(String), entry: "memnuniyet-endeksi-cem", rating: 4, sig: expect.any(String) });
      const followUps = all.filter((b) => typeof b.data === "object" && (b.data as Element).action === "answer");
      expect(followUps.map((b) => b.title)).toEqual(entry?.related.map((id) => kb.byId.get(id)?.question).filter(Boolean));
    });

    it("stores a click, replaces the card with one that shows the rating, and answers a second click as already rated", async () => {
      const t = await channelBot(kb, "msteams");
      const [answer] = await turn(t, "crm nedir");
      const four = buttons(answer).find((b) => b.title === TEXTS.ratingLabels[3]);
      expect(texts(await turn(t, { value: four?.data, replyToId: answer?.id }))).toEqual([TEXTS.ratingThanks]);
      expect(t.channel.updated).toHaveLength(1);
      const updated = t.channel.updated[0];
      expect(updated?.id).toBe(answer?.id);
      expect(buttons(updated).filter((b) => (b.data as Element).action === "rate")).toEqual([]);
      expect(cardText(updated)).toContain(TEXTS.ratedNote(TEXTS.ratingLabels[3]));
      expect(buttons(updated).length).toBeGreaterThan(0); // follow-ups stay
      expect(texts(await turn(t, { value: four?.data, replyToId: answer?.id }))).toEqual([TEXTS.alreadyRated]);
      const report = await t.store.report({});
      expect(report.csat).toMatchObject({ responses: 1, average: 4 });
    });

    it("refuses a forged card value and stores nothing", async () => {
      const t = await channelBot(kb, "msteams");
      const [answer] = await turn(t, "crm nedir");
      const five = buttons(answer).find((b) => b.title === TEXTS.ratingLabels[4]);
      const forged = { ...(five?.data as Element), entry: "iso-10002" };
      expect(texts(await turn(t, { value: forged, replyToId: answer?.id }))).toEqual([TEXTS.invalidFeedback]);
      expect(t.channel.updated).toEqual([]);
      expect((await t.store.report({})).csat.responses).toBe(0);
    });

    it("asks for a comment, NPS and CES on cards, and stores their clicks", async () => {
      const t = await channelBot(kb, "msteams");
      const [answer] = await turn(t, "nps nedir");
      const two = buttons(answer).find((b) => b.title === TEXTS.ratingLabels[1]);
      const [comment] = await turn(t, { value: two?.data, replyToId: answer?.id });
      expect(cardText(comment)).toBe(TEXTS.commentPrompt);
      expect(buttons(comment)).toEqual([{ title: TEXTS.skip, data: { action: "skip-comment" } }]);
      expect(texts(await turn(t, "Formül eksik"))).toEqual([TEXTS.commentThanks]);
      const [thanks, nps] = await turn(t, "teşekkürler");
      expect(thanks?.text).toBe(TEXTS.smallTalk.thanks);
      expect(cardText(nps)).toBe(TEXTS.npsQuestion);
      expect(buttons(nps).map((b) => b.title)).toEqual([...Array.from({ length: 11 }, (_, i) => String(i)), TEXTS.skip]);
      expect(buttons(nps)[9]?.data).toEqual({ action: "nps", score: 9, survey: expect.any(String), sig: expect.any(String) });
      // an unsigned score is refused, and the card stays as it is
      expect(texts(await turn(t, { value: { action: "nps", score: 0 }, replyToId: nps?.id }))).toEqual([TEXTS.invalidFeedback]);
      expect(t.channel.updated).toHaveLength(1);
      const [ces] = await turn(t, { value: buttons(nps)[9]?.data, replyToId: nps?.id });
      expect(cardText(ces)).toBe(TEXTS.cesQuestion);
      // the NPS card now shows the score instead of its buttons; a click that got through anyway counts once
      expect(t.channel.updated.at(-1)).toMatchObject({ id: nps?.id });
      expect(buttons(t.channel.updated.at(-1))).toEqual([]);
      expect(cardText(t.channel.updated.at(-1))).toContain(TEXTS.ratedNote("9"));
      expect(texts(await turn(t, { value: buttons(nps)[3]?.data, replyToId: nps?.id }))).toEqual([TEXTS.surveyAlreadyAnswered]);
      expect(buttons(ces).map((b) => b.title)).toEqual(["1", "2", "3", "4", "5", "6", "7", TEXTS.skip]);
      expect(texts(await turn(t, { value: buttons(ces)[5]?.data }))).toEqual([TEXTS.surveyThanks]);
      const report = await t.store.report({});
      expect(report.comments).toEqual([expect.objectContaining({ rating: 2, text: "Formül eksik" })]);
      expect(report.nps).toMatchObject({ responses: 1, promoters: 1 });
      expect(report.ces).toEqual({ responses: 1, average: 6 });
    });

    it("offers 'did you mean' choices as card buttons", async () => {
      const t = await channelBot(kb, "msteams");
      const [choices] = await turn(t, "memnuniyet ve sadakat");
      expect(cardText(choices)).toBe(TEXTS.didYouMeanSeveral);
      const all = buttons(choices);
      expect(all.at(-1)).toEqual({ title: TEXTS.noneOfThese, data: { action: "none-of-these" } });
      const [answer] = await turn(t, { value: all[0]?.data });
      expect(cardText(answer)).toContain(TEXTS.ratePrompt);
    });

    it("signs each 'did you mean' card button; only a choice really offered is linked to its question", async () => {
      const t = await channelBot(kb, "msteams");
      const [choices] = await turn(t, "memnuniyet ve sadakat");
      const offered = buttons(choices).slice(0, -1).map((b) => b.data);
      expect(offered.length).toBeGreaterThan(1);
      for (const value of offered) expect(value).toMatchObject({ action: "answer", source: "suggestion", question: expect.any(String), sig: expect.any(String) });
      const [first, second] = offered;
      if (!isRecord(first) || !isRecord(second)) throw new Error("no choices");
      // another choice's signature on this entry: answered, but it teaches nothing
      await turn(t, { value: { ...first, sig: second.sig } });
      await t.recorder.flush();
      expect((await t.store.learning({})).picks).toEqual([]);
      await turn(t, { value: first });
      await t.recorder.flush();
      expect((await t.store.learning({})).picks).toEqual([expect.objectContaining({ query: "memnuniyet ve sadakat", entryId: first.id })]);
    });

    it("answers another choice clicked on a 'did you mean' card already answered; only the same choice again is 'yukarıda verdim'", async () => {
      const t = await channelBot(kb, "msteams");
      const [choices] = await turn(t, "memnuniyet ve sadakat");
      const [first, second] = buttons(choices).slice(0, -1);
      if (!isRecord(first?.data) || !isRecord(second?.data)) throw new Error("no two choices");
      const answerOf = (reply: Reply | undefined): string => cardText(reply).split("\n\n")[0] ?? "";
      const [one] = await turn(t, { value: first.data, replyToId: choices?.id });
      expect(answerOf(one)).toBe(kb.byId.get(String(first.data.id))?.answer.split("\n\n")[0]);
      // Teams keeps the card: the other choice clicked on it is answered, and counted
      const [two, ...rest] = await turn(t, { value: second.data, replyToId: choices?.id });
      expect(rest).toEqual([]);
      expect(answerOf(two)).toBe(kb.byId.get(String(second.data.id))?.answer.split("\n\n")[0]);
      expect(texts(await turn(t, { value: first.data, replyToId: choices?.id }))).toEqual([TEXTS.choiceAlreadyAnswered]);
      expect(texts(await turn(t, { value: second.data, replyToId: choices?.id }))).toEqual([TEXTS.choiceAlreadyAnswered]);
      await t.recorder.flush();
      expect((await t.store.learning({})).picks.map((p) => p.entryId).sort()).toEqual([String(first.data.id), String(second.data.id)].sort());
    });

    it("reads a message that @mentions the bot without the mention ('<at>Memnun</at> nps nedir')", async () => {
      const t = await channelBot(kb, "msteams");
      const mention = "<at>Test Bot</at>";
      await t.channel.send({
        type: "message",
        text: `${mention} nps nedir`,
        entities: [{ type: "mention", mentioned: { id: "bot", name: "Test Bot" }, text: mention }],
      });
      const [answer, ...rest] = t.channel.activeQueue.splice(0);
      expect(rest).toEqual([]);
      expect(cardText(answer)).toContain(kb.byId.get("nps")?.answer.split("\n\n")[0]);
      // someone else's mention is part of what was asked, and the mention alone asks nothing
      await t.channel.send({ type: "message", text: mention, entities: [{ type: "mention", mentioned: { id: "bot", name: "Test Bot" }, text: mention }] });
      expect(texts(t.channel.activeQueue.splice(0))).toEqual([TEXTS.emptyMessage]);
    });

    it("shows help as a card with its Markdown and the topics as Action.Submit buttons", async () => {
      const t = await channelBot(kb, "msteams");
      const [help] = await turn(t, "yardım");
      expect(cardText(help)).toContain("**Nasıl yardımcı olabilirim?**");
      expect(help?.suggestedActions).toBeUndefined();
      expect(buttons(help).map((b) => b.title)).toEqual(topicEntries(kb).map((e) => e.question));
    });
  });

  describe("a 'did you mean' answered by typing where it has buttons (emulator, Teams, hosted Web Chat)", () => {
    const suggested = (reply: Reply | undefined): Array<{ title: string; value: unknown }> =>
      (reply?.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: a.value }));
    /** Asks the ambiguous question; returns the offered choices' entries, in order. */
    async function offered(t: ChannelBot): Promise<string[]> {
      const [choices, ...rest] = await turn(t, "memnuniyet ve sadakat");
      expect(rest).toEqual([]);
      expect(choices?.text).toBe(TEXTS.didYouMeanSeveral);
      const ids = suggested(choices).flatMap((b) => (isRecord(b.value) && b.value.action === "answer" && typeof b.value.id === "string" ? [b.value.id] : []));
      expect(ids.length).toBeGreaterThan(1);
      return ids;
    }
    const isAnswerOf = (reply: Reply | undefined, id: string | undefined): boolean => reply?.text === `${kb.byId.get(id ?? "")?.answer ?? "?"}\n\n_${TEXTS.ratePrompt}_`;

    it("takes a typed choice number as a click on that choice, linked to the question it answers", async () => {
      const t = await channelBot(kb, "emulator");
      const ids = await offered(t);
      const [answer, ...rest] = await turn(t, "2");
      expect(rest).toEqual([]);
      expect(isAnswerOf(answer, ids[1])).toBe(true);
      await t.recorder.flush();
      expect((await t.store.learning({})).picks).toEqual([expect.objectContaining({ query: "memnuniyet ve sadakat", entryId: ids[1] })]);
      // the choice is answered: a number typed now is a question again, as it always was
      expect(isAnswerOf((await turn(t, "1"))[0], ids[0])).toBe(false);
      // "2" stood for the choice: it was never logged as a question
      const report = await t.store.report({});
      expect(report.unanswered.map((u) => u.question)).not.toContain("2");
    });

    it.each(["2.", "2)", " 2 "])("takes %p as the second choice", async (typed) => {
      const t = await channelBot(kb, "emulator");
      const ids = await offered(t);
      expect(isAnswerOf((await turn(t, typed))[0], ids[1])).toBe(true);
    });

    it("answers a choice clicked twice (a double click) once, and counts it once", async () => {
      const t = await channelBot(kb, "emulator");
      const [choices] = await turn(t, "memnuniyet ve sadakat");
      const second = suggested(choices)[1];
      expect(second).toBeDefined();
      const click = { title: second?.title ?? "", value: second?.value };
      const [first, ...rest] = await turn(t, click);
      expect(rest).toEqual([]);
      expect(first?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
      expect(texts(await turn(t, click))).toEqual([TEXTS.choiceAlreadyAnswered]);
      await t.recorder.flush();
      expect((await t.store.learning({})).picks).toHaveLength(1);
      expect((await t.store.report({})).answers).toBe(1);
    });

    it.each(["Hiçbiri", "hiçbiri", "hicbiri", "HİÇBİRİ.", "hiç biri!", "hiçbirisi"])(
      "takes %p as the 'Hiçbiri' button, and logs no unanswered question",
      async (typed) => {
        const t = await channelBot(kb, "emulator");
        await offered(t);
        expect(texts(await turn(t, typed))).toEqual([TEXTS.noneOfTheseReply]);
        await t.recorder.flush();
        const { unanswered } = await t.store.report({});
        expect(unanswered.map((u) => u.question)).toEqual(["memnuniyet ve sadakat"]);
        expect((await t.store.learning({})).unanswered.map((u) => u.query)).toEqual(["memnuniyet ve sadakat"]);
      },
    );

    it("answers a real question typed while the choices wait; after it, 'hiçbiri' stands for no choice", async () => {
      const t = await channelBot(kb, "emulator");
      await offered(t);
      const [answer, ...rest] = await turn(t, "crm nedir");
      expect(rest).toEqual([]);
      expect(isAnswerOf(answer, "crm-musteri-iliskileri")).toBe(true);
      const [reply] = await turn(t, "hiçbiri");
      expect(reply?.text).not.toBe(TEXTS.noneOfTheseReply);
    });

    it("reads a number beyond the choices as a new question, and a click ends the wait for a typed one", async () => {
      const t = await channelBot(kb, "emulator");
      const ids = await offered(t);
      const [beyond] = await turn(t, String(ids.length + 1));
      expect(beyond?.text).not.toBe(TEXTS.surveyRange(1, ids.length));
      expect(ids.some((id) => isAnswerOf(beyond, id))).toBe(false);
      const [choices] = await turn(t, "memnuniyet ve sadakat");
      const [clicked] = await turn(t, { value: suggested(choices)[0]?.value });
      expect(isAnswerOf(clicked, ids[0])).toBe(true);
      const [after] = await turn(t, "2");
      expect(ids.some((id) => isAnswerOf(after, id))).toBe(false);
    });

    it.each(["msteams", "webchat"])("takes a typed choice number and 'hiç biri' under the card in %s too", async (channelId) => {
      const t = await channelBot(kb, channelId);
      const [choices] = await turn(t, "memnuniyet ve sadakat");
      expect(cardText(choices)).toBe(TEXTS.didYouMeanSeveral);
      const entry = kb.entries.find((e) => e.question === buttons(choices)[1]?.title);
      const [answer] = await turn(t, "2");
      expect(cardText(answer)).toContain(entry?.answer.split("\n\n")[0] ?? "?");
      await turn(t, "memnuniyet ve sadakat");
      expect(texts(await turn(t, "hiç biri."))).toEqual([TEXTS.noneOfTheseReply]);
      await t.recorder.flush();
      const learning = await t.store.learning({});
      expect(learning.picks).toEqual([expect.objectContaining({ query: "memnuniyet ve sadakat", entryId: entry?.id })]);
      expect(learning.unanswered.map((u) => u.query)).toEqual(["memnuniyet ve sadakat"]);
    });
  });

  describe("hosted Web Chat (webchat)", () => {
    it("has 'did you mean' buttons type their question, and links the typed choice to the question it answers", async () => {
      const t = await channelBot(kb, "webchat");
      const [choices] = await turn(t, "memnuniyet ve sadakat");
      const all = buttons(choices);
      const typed = all[0]?.data;
      expect(typeof typed).toBe("string");
      const entry = kb.entries.find((e) => e.question === typed);
      const [answer] = await turn(t, String(typed));
      expect(cardText(answer)).toContain(TEXTS.ratePrompt);
      await t.recorder.flush();
      expect((await t.store.learning({})).picks).toEqual([expect.objectContaining({ query: "memnuniyet ve sadakat", entryId: entry?.id })]);
    });

    it("sends cards whose buttons type their number, and reads a number right after an answer as its signed rating", async () => {
      const t = await channelBot(kb, "webchat");
      const [answer] = await turn(t, "crm nedir");
      expect(buttons(answer).slice(0, 5)).toEqual(TEXTS.ratingLabels.map((title, i) => ({ title, data: String(i + 1) })));
      expect(texts(await turn(t, "4"))).toEqual([TEXTS.ratingThanks]);
      expect(texts(await turn(t, "4"))).toEqual([TEXTS.alreadyRated]);
      expect(texts(await turn(t, "5"))).toEqual([TEXTS.ratingChanged]);
      const report = await t.store.report({});
      // a changed rating replaces the first one
      expect(report.csat).toMatchObject({ responses: 1, average: 5 });
      expect(report.entries.find((e) => e.id === "crm-musteri-iliskileri")).toMatchObject({ ratings: 1 });
    });
  });

  describe("a rating typed where it has buttons", () => {
    it.each(["msteams", "emulator", "directline"])("%s: a number right after an answer is its rating; a number with no answer before it is no question", async (channelId) => {
      const t = await channelBot(kb, channelId);
      await turn(t, "crm nedir");
      expect(texts(await turn(t, "4"))).toEqual([TEXTS.ratingThanks]);
      expect(texts(await turn(t, "4"))).toEqual([TEXTS.alreadyRated]);
      const report = await t.store.report({});
      expect(report.csat).toMatchObject({ responses: 1, average: 4 });
      expect(report.entries.find((e) => e.id === "crm-musteri-iliskileri")).toMatchObject({ ratings: 1 });
      // after another turn the number is a message again: it names no entry (no "did you mean" built from answers' numbers)
      await turn(t, "merhaba");
      const replies = JSON.stringify(await turn(t, "5"));
      expect(replies).toContain(TEXTS.dontKnow);
      expect(replies).not.toContain(TEXTS.didYouMean);
      expect(replies).not.toContain(TEXTS.didYouMeanSeveral);
      expect((await t.store.report({})).csat.responses).toBe(1);
    });
  });

  describe("text only (sms)", () => {
    it("answers in plain text with a typed rating prompt, and takes a bare number as the rating", async () => {
      const t = await channelBot(kb, "sms");
      const [answer, ...rest] = await turn(t, "müşteri memnuniyeti endeksi nedir");
      expect(rest).toEqual([]);
      expect(answer?.attachments).toBeUndefined();
      expect(answer?.suggestedActions).toBeUndefined();
      expect(answer?.text).not.toContain("**");
      expect(answer?.text).toContain("- Net Tavsiye Skoru (NPS)\n- ");
      expect(answer?.text).toContain(TEXTS.typedRating);
      expect(answer?.text).toContain(TEXTS.followUpsTitle);
      expect(texts(await turn(t, "7"))).toEqual([`${TEXTS.surveyRange(1, 5)}\n\n${TEXTS.typedRatingScale}`]);
      expect(texts(await turn(t, "4"))).toEqual([TEXTS.ratingThanks]);
      const report = await t.store.report({});
      expect(report.csat).toMatchObject({ responses: 1, average: 4 });
      expect(report.entries.find((e) => e.id === "memnuniyet-endeksi-cem")).toMatchObject({ ratings: 1 });
    });

    it("treats a number as a question when no answer came right before it", async () => {
      const t = await channelBot(kb, "sms");
      await turn(t, "crm nedir");
      await turn(t, "kargom nerede");
      await turn(t, "4");
      expect((await t.store.report({})).csat.responses).toBe(0);
    });

    it("takes a comment after a low typed rating, and 'geç' skips the survey questions", async () => {
      const t = await channelBot(kb, "sms");
      await turn(t, "nps nedir");
      expect(texts(await turn(t, "1"))).toEqual([`${TEXTS.commentPrompt} ${TEXTS.typedSkip}`]);
      // the case offer after a low rating's comment asks for a typed word in a channel without buttons
      expect(texts(await turn(t, "Örnek yoktu"))).toEqual([TEXTS.commentThanks, `${TEXTS.cases.offerRating}\n\n${TEXTS.typedOptions(["evet", "hayır"])}`]);
      const [, nps] = await turn(t, "teşekkürler");
      expect(nps?.text).toBe(`${TEXTS.npsQuestion}\n\n${TEXTS.typedScore(0, 10)}`);
      const [ces] = await turn(t, "Geç");
      expect(ces?.text).toBe(`${TEXTS.cesQuestion}\n\n${TEXTS.typedScore(1, 7)}`);
      expect(texts(await turn(t, "5"))).toEqual([TEXTS.surveyThanks]);
      const report = await t.store.report({});
      expect(report.comments).toEqual([expect.objectContaining({ rating: 1, text: "Örnek yoktu" })]);
      expect(report.nps.responses).toBe(0);
      expect(report.ces).toEqual({ responses: 1, average: 5 });
    });

    it("numbers 'did you mean' choices and answers the one typed", async () => {
      const t = await channelBot(kb, "sms");
      const [choices] = await turn(t, "memnuniyet ve sadakat");
      const lines = choices?.text?.split("\n") ?? [];
      expect(lines[0]).toBe(TEXTS.didYouMeanSeveral);
      const second = lines.find((line) => line.startsWith("2. "))?.slice(3);
      expect(second).toBeTruthy();
      const entry = kb.entries.find((e) => e.question === second);
      const [answer] = await turn(t, "2");
      expect(answer?.text?.startsWith(entry?.answer.replace(/\*\*/g, "").slice(0, 20) ?? "?")).toBe(true);
      // the typed number stands for a choice that was offered: it is linked to its question
      await t.recorder.flush();
      expect((await t.store.learning({})).picks).toEqual([expect.objectContaining({ query: "memnuniyet ve sadakat", entryId: entry?.id })]);
    });

    it("refuses a forged value posted to a text channel", async () => {
      const t = await channelBot(kb, "sms");
      await turn(t, "crm nedir");
      const forged = { action: "rate", answer: "00000000-0000-0000-0000-000000000000", entry: "crm-musteri-iliskileri", rating: 5, sig: "AAAAAAAAAAAAAAAAAAAAAA" };
      expect(texts(await turn(t, { value: forged }))).toEqual([TEXTS.invalidFeedback]);
      expect((await t.store.report({})).csat.responses).toBe(0);
    });

    it("takes a typed NPS score only while the question is open, and refuses a posted survey value", async () => {
      const t = await channelBot(kb, "sms");
      expect(texts(await turn(t, { value: { action: "nps", score: 0 } }))).toEqual([TEXTS.invalidFeedback]);
      await turn(t, "0");
      expect((await t.store.report({})).nps.responses).toBe(0);
      expect(t.alerts).toEqual([]);
      await turn(t, "crm nedir");
      await turn(t, "teşekkürler");
      expect(texts(await turn(t, { value: { action: "nps", score: 0 } }))).toEqual([TEXTS.invalidFeedback]);
      expect(texts(await turn(t, "0"))).toEqual([plainText(TEXTS.cases.offerNps) + `\n\n${TEXTS.typedOptions(["evet", "hayır"])}`]);
      expect((await t.store.report({})).nps).toMatchObject({ responses: 1, detractors: 1 });
      expect(t.alerts).toEqual([expect.objectContaining({ kind: "nps-detractor", score: 0 })]);
    });
  });

  describe("the case offer and the consent question", () => {
    const T = TEXTS.cases;
    const signed = (step: string): unknown => ({ action: "case", step, offer: expect.any(String), sig: expect.any(String) });
    const referenceIn = (replies: Reply[]): string => {
      const found = findReference(replies.map((r) => `${r.text ?? ""} ${cardText(r)}`).join(" "));
      if (!found) throw new Error("no reference in the replies");
      return found;
    };

    it("Teams: cards with signed Action.Submit buttons (not suggested actions) for the offer and the consent", async () => {
      const t = await channelBot(kb, "msteams");
      const [offer, ...more] = await turn(t, "şikayet etmek istiyorum");
      expect(more).toEqual([]);
      expect(offer?.suggestedActions).toBeUndefined();
      expect(offer?.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(cardText(offer)).toBe(T.offerComplaint);
      expect(buttons(offer)).toEqual([
        { title: T.acceptButton, data: signed("accept") },
        { title: T.declineButton, data: signed("decline") },
      ]);
      const [describe] = await turn(t, { value: buttons(offer)[0]?.data });
      expect(cardText(describe)).toBe(T.describe);
      expect(buttons(describe)).toEqual([{ title: T.cancelDescribeButton, data: signed("cancel-describe") }]);
      const created = await turn(t, "Kargom iki haftadır gelmedi");
      const reference = referenceIn(created);
      expect(created).toHaveLength(2);
      const consent = created[1];
      expect(consent?.suggestedActions).toBeUndefined();
      // the KVKK notice keeps its own paragraph in the card
      expect(cardText(consent)).toBe(T.consentQuestion);
      expect(buttons(consent)).toEqual([
        { title: T.consentYesButton, data: signed("consent-yes") },
        { title: T.consentNoButton, data: signed("consent-no") },
      ]);
      const ask = await turn(t, { value: buttons(consent)[0]?.data });
      // a card has no code: the example address shows as its text
      expect(cardText(ask[0])).toBe(withoutCodeMarks(T.askContact));
      expect(buttons(ask[0])).toEqual([{ title: T.cancelContactButton, data: signed("cancel-contact") }]);
      expect(texts(await turn(t, "ad@ornek.com"))).toEqual([T.contactSaved]);
      expect((await t.cases.get(reference))?.contact).toBe("ad@ornek.com");
    });

    it("Teams: the 'Vazgeç' under the request to describe the problem opens nothing", async () => {
      const t = await channelBot(kb, "msteams");
      const [offer] = await turn(t, "şikayet etmek istiyorum");
      const [describe] = await turn(t, { value: buttons(offer)[0]?.data });
      expect(texts(await turn(t, { value: buttons(describe)[0]?.data }))).toEqual([T.declined]);
      expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
      expect(t.alerts).toEqual([]);
    });

    it("Teams: the offer, consent and 'Vazgeç' cards show the choice made instead of their buttons; late clicks on them are told what became of them", async () => {
      const t = await channelBot(kb, "msteams");
      const [offer] = await turn(t, "şikayet etmek istiyorum");
      const accept = buttons(offer).find((b) => b.title === T.acceptButton);
      const [describe] = await turn(t, { value: accept?.data, replyToId: offer?.id });
      expect(t.channel.updated.map((u) => [u.id, cardText(u), buttons(u)])).toEqual([[offer?.id, `${T.offerComplaint}\n\n${TEXTS.chosenNote(T.acceptButton)}`, []]]);
      const created = await turn(t, "Kargom iki haftadır gelmedi");
      const reference = referenceIn(created);
      // the description's 'Vazgeç', the offer's buttons again: the case is open
      const cancel = buttons(describe)[0];
      const alreadyOpened = fillTemplate(T.alreadyOpened, { reference });
      expect(texts(await turn(t, { value: cancel?.data, replyToId: describe?.id }))).toEqual([alreadyOpened]);
      expect(texts(await turn(t, { value: accept?.data, replyToId: offer?.id }))).toEqual([alreadyOpened]);
      const consent = created[1];
      const no = buttons(consent).find((b) => b.title === T.consentNoButton);
      await turn(t, { value: no?.data, replyToId: consent?.id });
      expect(t.channel.updated.at(-1)).toMatchObject({ id: consent?.id });
      expect(cardText(t.channel.updated.at(-1))).toBe(`${T.consentQuestion}\n\n${TEXTS.chosenNote(T.consentNoButton)}`);
      expect(buttons(t.channel.updated.at(-1))).toEqual([]);
      const yes = buttons(consent).find((b) => b.title === T.consentYesButton);
      expect(texts(await turn(t, { value: yes?.data, replyToId: consent?.id }))).toEqual([T.alreadyAnswered]);
    });

    it("Teams: the question whether to file the problem told at the offer is a card of the offer's buttons, showing the choice made once clicked", async () => {
      const t = await channelBot(kb, "msteams");
      await turn(t, "şikayet etmek istiyorum");
      const [confirm, ...more] = await turn(t, "Kargom iki haftadır gelmedi");
      expect(more).toEqual([]);
      expect(cardText(confirm)).toBe(T.confirmDescription);
      expect(buttons(confirm)).toEqual([
        { title: T.acceptButton, data: signed("accept") },
        { title: T.declineButton, data: signed("decline") },
      ]);
      const created = await turn(t, { value: buttons(confirm)[0]?.data, replyToId: confirm?.id });
      expect((await t.cases.get(referenceIn(created)))?.text).toBe("Kargom iki haftadır gelmedi");
      expect(t.channel.updated.at(-1)).toMatchObject({ id: confirm?.id });
      expect(cardText(t.channel.updated.at(-1))).toBe(`${T.confirmDescription}\n\n${TEXTS.chosenNote(T.acceptButton)}`);
    });

    it("Teams: an offer card keeps its buttons while the case cannot be opened (the database away), and shows the choice once it is", async () => {
      let down = true;
      const unavailable = (): Promise<never> => Promise.reject(new DatabaseUnavailableError());
      const t = await channelBot(kb, "msteams", {
        caseOptions: {
          wrapStore: (store) => caseStoreWith(store, { createOnce: (offer, input) => (down ? unavailable() : store.createOnce(offer, input)) }),
        },
      });
      const [answer] = await turn(t, "csat nedir");
      await turn(t, { value: buttons(answer).find((b) => b.title === TEXTS.ratingLabels[0])?.data, replyToId: answer?.id });
      const [, offer] = await turn(t, "hesaplama yanlış anlatılmış");
      const accept = { value: buttons(offer).find((b) => b.title === T.acceptButton)?.data, replyToId: offer?.id };
      const updatedBefore = t.channel.updated.length;
      expect(texts(await turn(t, accept))).toEqual([T.unavailable]);
      expect(t.channel.updated).toHaveLength(updatedBefore);
      down = false;
      const created = await turn(t, accept);
      expect(texts(created)[0]).toBe(fillTemplate(T.created, { reference: referenceIn(created), hours: 48 }));
      expect(t.channel.updated.at(-1)).toMatchObject({ id: offer?.id });
      expect(cardText(t.channel.updated.at(-1))).toBe(`${T.offerRating}\n\n${TEXTS.chosenNote(T.acceptButton)}`);
    });

    it("Teams: 'Geç' on the comment card skips it and shows 'Seçiminiz: Geç' there; 'Geç' on an old comment card is no request to rewrite a question", async () => {
      const t = await channelBot(kb, "msteams");
      const [answer] = await turn(t, "nps nedir");
      const [comment] = await turn(t, { value: buttons(answer).find((b) => b.title === TEXTS.ratingLabels[1])?.data, replyToId: answer?.id });
      const skip = buttons(comment)[0];
      expect(texts(await turn(t, { value: skip?.data, replyToId: comment?.id }))).toEqual([TEXTS.commentSkipped]);
      expect(t.channel.updated.at(-1)).toMatchObject({ id: comment?.id });
      expect(cardText(t.channel.updated.at(-1))).toBe(`${TEXTS.commentPrompt}\n\n${TEXTS.chosenNote(TEXTS.skip)}`);
      expect(texts(await turn(t, { value: skip?.data, replyToId: comment?.id }))).toEqual([TEXTS.commentAlreadySettled]);
      // a comment given, then 'Geç' on its card
      const [second] = await turn(t, "crm nedir");
      const [again] = await turn(t, { value: buttons(second).find((b) => b.title === TEXTS.ratingLabels[0])?.data, replyToId: second?.id });
      await turn(t, "Örnek yok");
      const late = await turn(t, { value: buttons(again)[0]?.data, replyToId: again?.id });
      expect(texts(late)).toEqual([TEXTS.commentAlreadySettled]);
      for (const text of [TEXTS.commentAlreadySettled, TEXTS.staleButton, T.alreadyAnswered]) expect(text).not.toMatch(/sorunuzu/i);
    });

    it("Teams: a forged case value is refused", async () => {
      const t = await channelBot(kb, "msteams");
      const [offer] = await turn(t, "şikayet etmek istiyorum");
      const data = buttons(offer)[0]?.data;
      expect(isRecord(data)).toBe(true);
      const forged = isRecord(data) ? { ...data, sig: "forged" } : {};
      expect(texts(await turn(t, { value: forged }))).toEqual([TEXTS.staleButton]);
      expect((await t.cases.list({ now: new Date().toISOString() })).length).toBe(0);
    });

    it("hosted Web Chat: the case buttons type 'evet' / 'hayır', which the case flow reads", async () => {
      const t = await channelBot(kb, "webchat");
      const [offer] = await turn(t, "şikayet etmek istiyorum");
      expect(buttons(offer).map((b) => b.data)).toEqual([TEXTS.caseTyped.yes, TEXTS.caseTyped.no]);
      const [describe] = await turn(t, TEXTS.caseTyped.yes);
      expect(cardText(describe)).toBe(T.describe);
      expect(buttons(describe).map((b) => b.data)).toEqual([TEXTS.caseTyped.cancel]);
      const created = await turn(t, "Kargom iki haftadır gelmedi");
      expect(buttons(created[1]).map((b) => b.data)).toEqual([TEXTS.caseTyped.yes, TEXTS.caseTyped.no]);
      const reference = referenceIn(created);
      expect(texts(await turn(t, TEXTS.caseTyped.no))).toEqual([fillTemplate(T.contactDeclined, { reference })]);
      // the description's "Vazgeç" types its word, which calls the description off
      await turn(t, "şikayet etmek istiyorum");
      await turn(t, TEXTS.caseTyped.yes);
      expect(texts(await turn(t, TEXTS.caseTyped.cancel))).toEqual([T.declined]);
      expect((await t.cases.list({ now: new Date().toISOString() })).map((c) => c.reference)).toEqual([reference]);
    });

    it.each(["emulator", "msteams", "webchat"])("%s: the live-support offer's label typed accepts it, and the consent's gives it", async (channelId) => {
      const t = await channelBot(kb, channelId);
      const [offer] = await turn(t, "canlı destek");
      expect(offer?.text ?? cardText(offer)).toBe(fillTemplate(T.offerHuman, { hours: 48 }));
      const [describe, ...more] = await turn(t, "sikayet kaydi ac");
      expect(more).toEqual([]);
      expect(describe?.text ?? cardText(describe)).toBe(T.describe);
      const reference = referenceIn(await turn(t, "Kargom iki haftadır gelmedi"));
      const [ask] = await turn(t, T.consentYesButton);
      // Web Chat shows the example address as code (a bare one it would link as mailto:), a card as its text
      expect(ask?.text ?? cardText(ask)).toBe(channelId === "emulator" ? T.askContact : withoutCodeMarks(T.askContact));
      expect(texts(await turn(t, "ad@ornek.com"))).toEqual([T.contactSaved]);
      expect((await t.cases.get(reference))?.contact).toBe("ad@ornek.com");
    });

    it("sms: the offer and the consent as text with the words to type; 'vazgeç' at the contact question stores nothing", async () => {
      const t = await channelBot(kb, "sms");
      const [offer, ...more] = await turn(t, "şikayet etmek istiyorum");
      expect(more).toEqual([]);
      expect(offer?.suggestedActions).toBeUndefined();
      expect(offer?.attachments).toBeUndefined();
      expect(offer?.text).toBe(`${T.offerComplaint}\n\n${TEXTS.typedOptions(["evet", "hayır"])}`);
      // the way out of the description is a word to type, not an answer
      expect(texts(await turn(t, "evet"))).toEqual([`${T.describe}\n\n${TEXTS.typedCancel("vazgeç")}`]);
      const created = await turn(t, "Kargom iki haftadır gelmedi");
      const reference = referenceIn(created);
      // Markdown is shown as plain text
      expect(created[0]?.text).toBe(plainText(fillTemplate(T.created, { reference, hours: 48 })));
      expect(created[1]?.text).toBe(`${plainText(T.consentQuestion)}\n\n${TEXTS.typedOptions(["evet", "hayır"])}`);
      expect(created[1]?.text).not.toContain("_KVKK");
      const ask = await turn(t, "evet");
      expect(texts(ask)).toEqual([`${plainText(T.askContact)}\n\n${TEXTS.typedCancel("vazgeç")}`]);
      expect(texts(await turn(t, "vazgeç"))).toEqual([plainText(fillTemplate(T.contactDeclined, { reference }))]);
      expect((await t.cases.get(reference))?.contact).toBeNull();
      await turn(t, "şikayet etmek istiyorum");
      await turn(t, "evet");
      expect(texts(await turn(t, "vazgeçtim"))).toEqual([T.declined]);
      expect((await t.cases.list({ now: new Date().toISOString() })).map((c) => c.reference)).toEqual([reference]);
    });
  });
});
