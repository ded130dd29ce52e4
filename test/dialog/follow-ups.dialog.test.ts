import type { Activity } from "botbuilder";
import { join } from "node:path";
import { TEXTS } from "../../bot/conversation/texts";
import { loadKnowledge } from "../../bot/knowledge/loader";
import { createKnowledgeBase, type KnowledgeBase } from "../../bot/knowledge/types";
import { channelBot, type ChannelBot } from "../helpers/bot";
import { cardElements, cardText } from "../helpers/cards";
import { knowledgeEntry } from "../helpers/knowledge";

type Reply = Partial<Activity>;
type Element = Record<string, unknown>;

/** A QnA Maker export with prompt titles and a `context-only` prompt, and the same in Markdown (`related` titles, `contextOnly: true`). */
const FIXTURE = join(__dirname, "..", "fixtures", "knowledge-follow-ups");


/** Sends a message (text, or a click's value with its text and the card it was on) and returns the turn's replies. */
async function turn(t: ChannelBot, message: string | { text?: string; value: unknown; replyToId?: string }): Promise<Reply[]> {
  expect(t.channel.activeQueue.length).toBe(0);
  await t.channel.send(typeof message === "string" ? message : { type: "message", ...message });
  return t.channel.activeQueue.splice(0);
}

const isRecord = (value: unknown): value is Element => typeof value === "object" && value !== null;

const elements = (reply: Reply | undefined): Element[] => cardElements(reply);

/** The follow-up buttons of an answer, as [title, what the button sends], in every button style. */
function followUpButtons(reply: Reply | undefined): Array<[unknown, unknown]> {
  const content = reply?.attachments?.[0]?.content;
  if (isRecord(content) && Array.isArray(content.buttons)) {
    // a hero card (suggested-action style)
    return content.buttons.filter(isRecord).map((b) => [b.title, b.value]);
  }
  const ratings = new Set<unknown>(TEXTS.ratingLabels);
  return elements(reply)
    .filter((e) => e.type === "Action.Submit" && !ratings.has(e.title))
    .map((e) => [e.title, e.data]);
}

/** The text of a reply in a text-only channel, or of a card's text blocks (without its choices' labels). */
const shown = (reply: Reply | undefined): string => reply?.text ?? cardText(reply);

/** What every "don't know" reply begins with, whether it offers topics or the closest entries. */
const DONT_KNOW = TEXTS.dontKnowNoTopics.split(",")[0] ?? "?";

const value = (id: string): Element => ({ action: "answer", id, source: "followup" });

describe("follow-ups with the editor's titles (TestAdapter)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    const loaded = await loadKnowledge(FIXTURE);
    if (!loaded.knowledgeBase) throw new Error(`fixture did not load: ${JSON.stringify(loaded.errors)}`);
    kb = loaded.knowledgeBase;
  });

  describe("QA 46, bug 1: the button shows the title, its value names the target", () => {
    it.each([
      ["emulator", [["E-posta adresimi güncelle", value("destek-2")], ["Hesabımı kapat", value("destek-3")]]],
      ["directline", [["E-posta adresimi güncelle", value("destek-2")], ["Hesabımı kapat", value("destek-3")]]],
      ["msteams", [["E-posta adresimi güncelle", value("destek-2")], ["Hesabımı kapat", value("destek-3")]]],
    ])("%s: a .qna prompt's display text", async (channelId, expected) => {
      const t = await channelBot(kb, channelId);
      const [answer] = await turn(t, "şifremi nasıl değiştiririm");
      expect(followUpButtons(answer)).toEqual(expected);
      // the click answers the entry its value names, a context-only one too
      const [closed] = await turn(t, { text: "Hesabımı kapat", value: value("destek-3"), replyToId: answer?.id });
      expect(shown(closed)).toContain("Hesabı kapat adımlarını izleyin");
    });

    it("hosted Web Chat: the card button shows the title", async () => {
      const t = await channelBot(kb, "webchat");
      const [answer] = await turn(t, "şifremi nasıl değiştiririm");
      expect(followUpButtons(answer).map(([title]) => title)).toEqual(["E-posta adresimi güncelle", "Hesabımı kapat"]);
    });

    it("sms: the text lists the titles", async () => {
      const t = await channelBot(kb, "sms");
      const [answer] = await turn(t, "şifremi nasıl değiştiririm");
      expect(answer?.text).toContain(`${TEXTS.followUpsTitle}\n- E-posta adresimi güncelle\n- Hesabımı kapat`);
      expect(answer?.text).not.toContain("Hesabımı nasıl kapatırım?");
    });

    it.each(["emulator", "msteams"])("%s: a Markdown related item's title (a multi-turn 'Evet' / 'Hayır')", async (channelId) => {
      const t = await channelBot(kb, channelId);
      const [answer] = await turn(t, "ürünü nasıl iade ederim");
      expect(followUpButtons(answer)).toEqual([
        ["Evet", value("iade-faturali")],
        ["Hayır", value("iade-faturasiz")],
      ]);
    });

    it("Teams: the card replaced after a rating keeps the titles", async () => {
      const t = await channelBot(kb, "msteams");
      const [answer] = await turn(t, "şifremi nasıl değiştiririm");
      const four = elements(answer).find((e) => e.type === "Action.Submit" && e.title === TEXTS.ratingLabels[3]);
      expect(shown((await turn(t, { value: four?.data, replyToId: answer?.id }))[0])).toBe(TEXTS.ratingThanks);
      expect(followUpButtons(t.channel.updated[0])).toEqual([
        ["E-posta adresimi güncelle", value("destek-2")],
        ["Hesabımı kapat", value("destek-3")],
      ]);
    });
  });

  describe("QA 46, bug 2: a follow-up typed right after its answer is its click, a context-only one too", () => {
    /** What the bot stored about the answers it gave: entry and source, by entry. */
    const answers = async (t: ChannelBot): Promise<unknown[]> => {
      await t.recorder.flush();
      return t.database.db.selectFrom("answers").select(["entry_id", "source"]).orderBy("entry_id").execute();
    };
    const startsWith = (reply: Reply | undefined, id: string): void => {
      expect(shown(reply).startsWith(kb.byId.get(id)?.answer.split(";")[0] ?? "?")).toBe(true);
    };

    it.each(["Hesabımı nasıl kapatırım?", "hesabimi nasil kapatirim", "Hesabımı kapat", "HESABIMI KAPAT!"])("sms: %p answers the context-only follow-up, and leaves no unanswered question", async (typed) => {
      const t = await channelBot(kb, "sms");
      await turn(t, "şifremi nasıl değiştiririm");
      const [closed, ...rest] = await turn(t, typed);
      expect(rest).toEqual([]);
      startsWith(closed, "destek-3");
      expect(closed?.text).toContain(TEXTS.typedRating);
      expect(await answers(t)).toEqual([
        { entry_id: "destek-1", source: "match" },
        { entry_id: "destek-3", source: "followup" },
      ]);
      expect((await t.store.learning({})).unanswered).toEqual([]);
    });

    it.each(["emulator", "directline", "msteams"])("%s: the title typed instead of clicked does what the click does", async (channelId) => {
      const t = await channelBot(kb, channelId);
      await turn(t, "şifremi nasıl değiştiririm");
      startsWith((await turn(t, "hesabımı kapat"))[0], "destek-3");
    });

    it("hosted Web Chat: the card button types the title, which answers the context-only entry", async () => {
      const t = await channelBot(kb, "webchat");
      const [answer] = await turn(t, "şifremi nasıl değiştiririm");
      expect(followUpButtons(answer)).toEqual([
        ["E-posta adresimi güncelle", "E-posta adresimi güncelle"],
        ["Hesabımı kapat", "Hesabımı kapat"],
      ]);
      startsWith((await turn(t, "Hesabımı kapat"))[0], "destek-3");
      expect(await answers(t)).toEqual([
        { entry_id: "destek-1", source: "match" },
        { entry_id: "destek-3", source: "followup" },
      ]);
    });

    it("sms: a multi-turn 'Evet' / 'Hayır' typed answers its follow-up, not as an acknowledgement", async () => {
      const t = await channelBot(kb, "sms");
      await turn(t, "ürünü nasıl iade ederim");
      startsWith((await turn(t, "hayır"))[0], "iade-faturasiz");
      await turn(t, "ürünü nasıl iade ederim");
      startsWith((await turn(t, "Evet."))[0], "iade-faturali");
    });

    it("sms: a number right after the answer is still its rating, and the follow-ups stay typeable after it", async () => {
      const t = await channelBot(kb, "sms");
      await turn(t, "şifremi nasıl değiştiririm");
      expect((await turn(t, "4")).map((r) => r.text)).toEqual([TEXTS.ratingThanks]);
      startsWith((await turn(t, "hesabımı kapat"))[0], "destek-3");
      expect((await t.store.report({})).csat).toMatchObject({ responses: 1, average: 4 });
    });

    it("sms: a follow-up typed while a low rating waits for its comment is its click: answered, no comment stored", async () => {
      const t = await channelBot(kb, "sms");
      await turn(t, "şifremi nasıl değiştiririm");
      expect((await turn(t, "1")).map((r) => r.text)).toEqual([`${TEXTS.commentPrompt} ${TEXTS.typedSkip}`]);
      startsWith((await turn(t, "Hesabımı kapat"))[0], "destek-3");
      expect((await t.store.report({})).comments).toEqual([]);
    });

    it.each(["sms", "emulator", "webchat"])("%s: a context-only entry still answers no message on its own", async (channelId) => {
      const t = await channelBot(kb, channelId);
      expect(JSON.stringify(await turn(t, "Hesabımı nasıl kapatırım?"))).toContain(DONT_KNOW);
      // nor after an answer that does not offer it, nor once another message came between
      await turn(t, "e-posta adresimi nasıl güncellerim");
      expect(JSON.stringify(await turn(t, "Hesabımı nasıl kapatırım?"))).toContain(DONT_KNOW);
      await turn(t, "şifremi nasıl değiştiririm");
      await turn(t, "merhaba");
      expect(JSON.stringify(await turn(t, "hesabımı kapat"))).toContain(DONT_KNOW);
      expect((await answers(t)).filter((a) => isRecord(a) && a.entry_id === "destek-3")).toEqual([]);
    });
  });

  describe("labels that would read as something else", () => {
    const numbered = createKnowledgeBase(
      [
        knowledgeEntry("kargo", "Kargom ne zaman gelir?", { related: ["iki-gun", "temsilci"], relatedTitles: { "iki-gun": "2", temsilci: "Canlı destek" } }),
        knowledgeEntry("iki-gun", "İki günde teslimat var mı?", { contextOnly: true }),
        knowledgeEntry("temsilci", "Müşteri temsilcisine nasıl ulaşırım?", { contextOnly: true }),
      ],
      3,
    );

    it("a label that is only a number: a typed number stays the rating; the text list and Web Chat's button give the question", async () => {
      const sms = await channelBot(numbered, "sms");
      const [answer] = await turn(sms, "kargom ne zaman gelir");
      expect(answer?.text).toContain(`${TEXTS.followUpsTitle}\n- İki günde teslimat var mı?\n- Canlı destek`);
      expect((await turn(sms, "2")).map((r) => r.text)).toEqual([`${TEXTS.commentPrompt} ${TEXTS.typedSkip}`]);
      expect((await sms.store.report({})).csat).toMatchObject({ responses: 1, average: 2 });
      expect(shown((await turn(sms, "iki günde teslimat var mı"))[0])).toContain("iki-gun girdisinin");

      const webchat = await channelBot(numbered, "webchat");
      const [card] = await turn(webchat, "kargom ne zaman gelir");
      expect(followUpButtons(card)).toEqual([
        ["2", "İki günde teslimat var mı?"],
        ["Canlı destek", "Canlı destek"],
      ]);
    });

    it("a label the case flow would read as a request for a person answers its follow-up right after the answer, and only then", async () => {
      const t = await channelBot(numbered, "sms");
      await turn(t, "kargom ne zaman gelir");
      expect(shown((await turn(t, "canlı destek"))[0])).toContain("temsilci girdisinin");
      const offer = await turn(t, "canlı destek");
      expect(JSON.stringify(offer)).not.toContain("temsilci girdisinin");
      expect(offer[0]?.text).toContain(TEXTS.cases.offerHuman.slice(0, 20));
    });
  });
});
