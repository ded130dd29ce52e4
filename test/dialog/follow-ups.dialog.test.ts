import { TestAdapter, type Activity, type TurnContext } from "botbuilder";
import { join } from "node:path";
import { TEXTS } from "../../bot/conversation/texts";
import { loadKnowledge } from "../../bot/knowledge/loader";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { createLogger } from "../../bot/logger";
import { turnErrorHandler } from "../../bot/server/adapter";
import { testBot, type TestBot } from "../helpers/bot";

type Reply = Partial<Activity>;
type Element = Record<string, unknown>;

/** A QnA Maker export with prompt titles and a `context-only` prompt, and the same in Markdown (`related` titles, `contextOnly: true`). */
const FIXTURE = join(__dirname, "..", "fixtures", "knowledge-follow-ups");

/** A TestAdapter in a given channel that keeps the activities the bot replaced (`updateActivity`). */
class ChannelAdapter extends TestAdapter {
  readonly updated: Reply[] = [];
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.updated.push(activity);
    await super.updateActivity(context, activity);
  }
}

interface ChannelBot extends TestBot {
  channel: ChannelAdapter;
}

async function channelBot(kb: KnowledgeBase, channelId: string): Promise<ChannelBot> {
  const t = await testBot(kb);
  const channel = new ChannelAdapter((context) => t.bot.run(context), { channelId });
  channel.onTurnError = turnErrorHandler(createLogger("silent"));
  return { ...t, channel };
}

/** Sends a message (text, or a click's value with its text and the card it was on) and returns the turn's replies. */
async function turn(t: ChannelBot, message: string | { text?: string; value: unknown; replyToId?: string }): Promise<Reply[]> {
  expect(t.channel.activeQueue.length).toBe(0);
  await t.channel.send(typeof message === "string" ? message : { type: "message", ...message });
  return t.channel.activeQueue.splice(0);
}

const isRecord = (value: unknown): value is Element => typeof value === "object" && value !== null;

/** Every element of an Adaptive Card, depth first. */
function elements(reply: Reply | undefined): Element[] {
  const found: Element[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isRecord(node)) {
      found.push(node);
      for (const key of ["body", "items", "columns", "actions"]) walk(node[key]);
    }
  };
  walk(reply?.attachments?.[0]?.content);
  return found;
}

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

/** The text of a reply in a text-only channel, or of a card's text blocks. */
const shown = (reply: Reply | undefined): string =>
  reply?.text ??
  elements(reply)
    .filter((e) => e.type === "TextBlock")
    .map((e) => String(e.text))
    .join("\n\n");

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
});
