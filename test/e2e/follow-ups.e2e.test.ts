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

  it("sms: the answer lists the titles", async () => {
    const [answer] = await say("sms", "conv-fu-sms", { text: "şifremi nasıl değiştiririm" });
    expect(answer?.text).toContain(`${TEXTS.followUpsTitle}\n- E-posta adresimi güncelle\n- Hesabımı kapat`);
  });
});
