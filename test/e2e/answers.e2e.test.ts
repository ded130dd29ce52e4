import { TEXTS } from "../../bot/conversation/texts";
import { emulatorActivity, post, useRunningApp } from "../helpers/app";
import { realKnowledge } from "../helpers/bot";

describe("answering over real HTTP", () => {
  const running = useRunningApp();

  it("answers a question typed without Turkish letters in one message: Markdown, rating buttons, follow-ups", async () => {
    const kb = await realKnowledge();
    const conversationId = "conv-answer";
    await post(`${running.app().url}/api/messages`, emulatorActivity(running.connector().url, conversationId, { text: "musteri sadakatinin tanimi nedir" }));
    const [answer] = await running.connector().waitForMessages(conversationId, 1);
    expect(answer?.text).toBe(`${kb.byId.get("memnuniyet-ve-sadakat")?.answer ?? "?"}\n\n_${TEXTS.ratePrompt}_`);
    expect(answer?.textFormat).toBe("markdown");
    expect(JSON.stringify(answer?.attachments)).toContain("Müşteri sadakati ve müşteri memnuniyeti arasındaki fark nedir?");
    expect(answer?.suggestedActions?.actions.map((a) => a.title)).toEqual([...TEXTS.ratingLabels]);
    // one message per answer: the turn is over when the POST returns, so nothing else can follow
    expect(running.connector().messages(conversationId)).toHaveLength(1);
  });

  it("offers choices when unsure and answers the one clicked", async () => {
    const conversationId = "conv-choices";
    await post(`${running.app().url}/api/messages`, emulatorActivity(running.connector().url, conversationId, { text: "memnuniyet ve sadakat" }));
    const [choices] = await running.connector().waitForMessages(conversationId, 1);
    expect(choices?.text).toBe(TEXTS.didYouMeanSeveral);
    const first = choices?.suggestedActions?.actions[0];
    // a choice names the question it answers and is signed as offered (Integrity.signChoice)
    expect(first?.value).toMatchObject({ action: "answer", source: "suggestion", question: expect.any(String), sig: expect.any(String) });
    await post(`${running.app().url}/api/messages`, emulatorActivity(running.connector().url, conversationId, { text: first?.title, value: first?.value }));
    const messages = await running.connector().waitForMessages(conversationId, 2);
    expect([TEXTS.didYouMean, TEXTS.didYouMeanSeveral]).not.toContain(messages[1]?.text);
    expect(messages[1]?.text?.length).toBeGreaterThan(40);
  });

  it("says it does not know an off-topic question", async () => {
    const conversationId = "conv-offtopic";
    await post(`${running.app().url}/api/messages`, emulatorActivity(running.connector().url, conversationId, { text: "kargom ne zaman gelir" }));
    const [reply] = await running.connector().waitForMessages(conversationId, 1);
    expect(reply?.text).toMatch(/henüz bir bilgim yok/);
  });
});
