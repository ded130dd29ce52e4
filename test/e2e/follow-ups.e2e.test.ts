import { join } from "node:path";
import { TEXTS } from "../../bot/conversation/texts";
import { emulatorActivity, post, REPO_ROOT, useRunningApp } from "../helpers/app";
import type { SentActivity } from "../helpers/connector";

/** A QnA Maker export with prompt titles and a `context-only` prompt (QA 46, bugs 1 and 2). */
const KNOWLEDGE_DIR = join(REPO_ROOT, "test", "fixtures", "knowledge-follow-ups");

describe("follow-ups over real HTTP, in a channel with buttons and in SMS", () => {
  const running = useRunningApp({ KNOWLEDGE_DIR });

  /** Posts a message (or a click) as `channelId` would and returns the bot's replies to it (the turn is over when the POST returns). */
  async function say(channelId: string, conversationId: string, fields: Record<string, unknown>): Promise<SentActivity[]> {
    const connector = running.connector();
    const before = connector.messages(conversationId).length;
    const { status } = await post(`${running.app().url}/api/messages`, { ...emulatorActivity(connector.url, conversationId, fields), channelId });
    expect(status).toBeLessThan(300);
    return connector.messages(conversationId).slice(before);
  }

  it("emulator: the follow-up buttons show the .qna prompts' titles and their clicks answer the entries, a context-only one too", async () => {
    const [answer] = await say("emulator", "conv-fu-emulator", { text: "sifremi nasil degistiririm" });
    const buttons = (answer?.attachments as Array<{ content: { buttons: Array<{ title: string; value: unknown }> } }> | undefined)?.[0]?.content.buttons ?? [];
    expect(buttons.map((b) => [b.title, b.value])).toEqual([
      ["E-posta adresimi güncelle", { action: "answer", id: "destek-2", source: "followup" }],
      ["Hesabımı kapat", { action: "answer", id: "destek-3", source: "followup" }],
    ]);
    const [closed] = await say("emulator", "conv-fu-emulator", { text: buttons[1]?.title, value: buttons[1]?.value });
    expect(closed?.text).toContain("Hesabı kapat adımlarını izleyin");
  });

  it("sms: the answer lists the titles; the context-only one's question or title typed right after answers it, and only then", async () => {
    const [answer] = await say("sms", "conv-fu-sms", { text: "şifremi nasıl değiştiririm" });
    expect(answer?.text).toContain(`${TEXTS.followUpsTitle}\n- E-posta adresimi güncelle\n- Hesabımı kapat`);
    const [closed] = await say("sms", "conv-fu-sms", { text: "Hesabımı nasıl kapatırım?" });
    expect(closed?.text).toContain("Hesabı kapat adımlarını izleyin");
    // the rating typed next rates that answer, and its follow-ups stay typeable
    expect((await say("sms", "conv-fu-sms", { text: "4" })).map((r) => r.text)).toEqual([TEXTS.ratingThanks]);
    await say("sms", "conv-fu-sms", { text: "şifremi nasıl değiştiririm" });
    const [titled] = await say("sms", "conv-fu-sms", { text: "hesabimi kapat" });
    expect(titled?.text).toContain("Hesabı kapat adımlarını izleyin");
    // on its own, a context-only entry answers nothing
    const [alone] = await say("sms", "conv-fu-sms-alone", { text: "Hesabımı nasıl kapatırım?" });
    expect(alone?.text).not.toContain("Hesabı kapat adımlarını izleyin");
    expect(alone?.text).toContain(TEXTS.dontKnowNoTopics.split(",")[0]);
  });
});
