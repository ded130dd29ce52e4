import { ActivityTypes, TestAdapter } from "botbuilder";
import { MemnunBot } from "../../bot/conversation/bot";
import { TEXTS } from "../../bot/conversation/texts";
import { createLogger } from "../../bot/logger";
import { turnErrorHandler } from "../../bot/server/adapter";

function makeBot(): MemnunBot {
  return new MemnunBot({ logger: createLogger("silent"), sampleTopics: () => ["Müşteri deneyimi nedir?"] });
}

describe("MemnunBot basics (TestAdapter)", () => {
  it("welcomes a user who joins and mentions help", async () => {
    const bot = makeBot();
    const adapter = new TestAdapter((context) => bot.run(context));
    await adapter
      .send({
        type: ActivityTypes.ConversationUpdate,
        recipient: { id: "bot", name: "Memnun" },
        membersAdded: [{ id: "user", name: "Ayşe" }],
      })
      .assertReply((reply) => {
        expect(reply.text).toContain("Merhaba, ben **Memnun**");
        expect(reply.text).toContain("Müşteri deneyimi nedir?");
        expect(reply.text).toContain("yardım");
      });
  });

  it("does not welcome the bot itself", async () => {
    const bot = makeBot();
    const adapter = new TestAdapter((context) => bot.run(context));
    await adapter
      .send({
        type: ActivityTypes.ConversationUpdate,
        recipient: { id: "bot", name: "Memnun" },
        membersAdded: [{ id: "bot", name: "Memnun" }],
      })
      .assertNoReply("no reply", 200);
  });

  it.each(["yardım", "YARDIM", "Yardım!", "yardim", "help", "HELP"])("shows help for %p", async (text) => {
    const bot = makeBot();
    const adapter = new TestAdapter((context) => bot.run(context));
    await adapter.send(text).assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.help(["Müşteri deneyimi nedir?"]));
    });
  });

  it("ignores an unknown activity type", async () => {
    const bot = makeBot();
    const adapter = new TestAdapter((context) => bot.run(context));
    await adapter.send({ type: "somethingNew" }).assertNoReply("no reply", 200);
  });

  it("apologises in Turkish without details when a turn fails", async () => {
    const bot = new MemnunBot({
      logger: createLogger("silent"),
      sampleTopics: () => {
        throw new Error("secret stack detail");
      },
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    adapter.onTurnError = turnErrorHandler(createLogger("silent"));
    await adapter.send("yardım").assertReply((reply) => {
      expect(reply.text).toBe(TEXTS.turnError);
      expect(reply.text).not.toContain("secret");
    });
  });
});
