import { ActivityTypes } from "botbuilder";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { TEXTS } from "../../bot/conversation/texts";
import { sampleTopics, topicEntries } from "../../bot/conversation/bot";
import { realKnowledge, testBot } from "../helpers/bot";

describe("MemnunBot basics (TestAdapter)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("welcomes a user who joins, names example questions and mentions help", async () => {
    const { adapter } = await testBot(kb);
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, recipient: { id: "bot", name: "Memnun" }, membersAdded: [{ id: "user", name: "Ayşe" }] })
      .assertReply((reply) => {
        expect(reply.text).toContain("Merhaba, ben **Memnun**");
        expect(reply.text).toContain(sampleTopics(kb)[0]);
        expect(reply.text).toContain("yardım");
      });
  });

  it("does not welcome the bot itself", async () => {
    const { adapter } = await testBot(kb);
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, recipient: { id: "bot", name: "Memnun" }, membersAdded: [{ id: "bot", name: "Memnun" }] })
      .assertNoReply("no reply", 200);
  });

  it.each(["yardım", "YARDIM", "Yardım!", "yardim", "help", "HELP"])("shows help for %p", async (text) => {
    const { adapter } = await testBot(kb);
    await adapter.send(text).assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.help);
      expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(topicEntries(kb).map((e) => e.question));
    });
  });

  it("ignores an unknown activity type", async () => {
    const { adapter } = await testBot(kb);
    await adapter.send({ type: "somethingNew" }).assertNoReply("no reply", 200);
  });

  it("apologises in Turkish without details when a turn fails", async () => {
    const { adapter } = await testBot(kb, {
      knowledge: () => {
        throw new Error("secret stack detail");
      },
    });
    await adapter.send("müşteri deneyimi nedir").assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.turnError);
      expect(reply.text).not.toContain("secret");
    });
  });
});
