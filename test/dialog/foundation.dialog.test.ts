import { ActivityTypes } from "botbuilder";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadKnowledge } from "../../bot/knowledge/loader";
import { KnowledgeService } from "../../bot/knowledge/service";
import { EMPTY_KNOWLEDGE_BASE, type KnowledgeBase } from "../../bot/knowledge/types";
import { createLogger } from "../../bot/logger";
import { TEXTS } from "../../bot/conversation/texts";
import { sampleTopics, topicEntries } from "../../bot/conversation/bot";
import { realKnowledge, testBot } from "../helpers/bot";
import { folderWith } from "../helpers/knowledge";

/** A user joining the conversation: the bot welcomes them. */
const JOIN = { type: ActivityTypes.ConversationUpdate, recipient: { id: "bot", name: "Memnun" }, membersAdded: [{ id: "user", name: "Ayşe" }] };

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

  it("welcomes with the shipped knowledge's own words (knowledge/bot.yaml), as before they moved out of the code", async () => {
    const { adapter } = await testBot(kb);
    await adapter.send(JOIN).assertReply((reply) => {
      expect(reply.text).toBe(
        [
          "Merhaba, ben **Memnun** 👋",
          "Müşteri memnuniyeti, müşteri sadakati, müşteri deneyimi, CRM, CSAT/NPS/CES ölçümleri ve ISO 10002 hakkındaki sorularınızı yanıtlıyorum.",
          `Örneğin şunu sorabilirsiniz: _${sampleTopics(kb)[0] ?? ""}_`,
          "Yardım için istediğiniz zaman **yardım** yazabilirsiniz.",
        ].join("\n\n"),
      );
    });
    await adapter.send("merhaba").assertReply("Merhaba! 😊 Müşteri memnuniyeti, sadakat, müşteri deneyimi veya CRM hakkında ne öğrenmek istersiniz?");
  });

  describe("another company's knowledge (a cargo FAQ)", () => {
    const CARGO = {
      "gonderi/kargom-nerede.md": "---\nid: kargom-nerede\nquestion: Kargom nerede?\n---\nTakip numaranızla gönderinizin yerini sorgulayabilirsiniz.\n",
      "iade/iade.md": "---\nid: iade\nquestion: Gönderimi nasıl iade ederim?\n---\nİade kodunuzla en yakın şubeye teslim edebilirsiniz.\n",
    };
    const SHIPPED_TOPIC = /memnuniyet|sadakat|deneyim|CRM|CSAT|NPS|CES|ISO/i;
    const dirs: string[] = [];
    afterAll(async () => {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });
    const folder = async (files: Record<string, string>): Promise<string> => {
      const dir = await folderWith(files);
      dirs.push(dir);
      return dir;
    };

    it("without bot.yaml is welcomed and greeted in built-in words naming no topic, with an example question of its own", async () => {
      const cargo = (await loadKnowledge(await folder(CARGO))).knowledgeBase ?? EMPTY_KNOWLEDGE_BASE;
      const { adapter } = await testBot(cargo);
      await adapter.send(JOIN).assertReply((reply) => {
        expect(reply.text).toBe(TEXTS.welcome(TEXTS.bot.welcome, sampleTopics(cargo)));
        expect(reply.text).toContain("Örneğin şunu sorabilirsiniz: _Kargom nerede?_");
        expect(reply.text).not.toMatch(SHIPPED_TOPIC);
      });
      await adapter.send("merhaba").assertReply((reply) => {
        expect(reply.text).toBe(TEXTS.bot.greeting);
        expect(reply.text).not.toMatch(SHIPPED_TOPIC);
      });
    });

    it("with bot.yaml is welcomed and greeted in its editors' words; an edit is served after a reload, a broken one keeps the last good words", async () => {
      const dir = await folder({
        ...CARGO,
        "bot.yaml": 'welcome: |\n  Merhaba, ben **Kargocu** 📦\n\n  Gönderileriniz hakkındaki sorularınızı yanıtlıyorum.\ngreeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?"\n',
      });
      const service = new KnowledgeService({ dir, logger: createLogger("silent") });
      await service.reload();
      const { adapter } = await testBot(service.current(), { knowledge: () => service.current() });
      await adapter.send(JOIN).assertReply((reply) => {
        expect(reply.text).toBe(
          [
            "Merhaba, ben **Kargocu** 📦",
            "Gönderileriniz hakkındaki sorularınızı yanıtlıyorum.",
            `Örneğin şunu sorabilirsiniz: _${sampleTopics(service.current())[0] ?? ""}_`,
            "Yardım için istediğiniz zaman **yardım** yazabilirsiniz.",
          ].join("\n\n"),
        );
      });
      await adapter.send("merhaba").assertReply("Merhaba! Kargonuzla ilgili ne sormak istersiniz?");

      await writeFile(join(dir, "bot.yaml"), 'greeting: "Hoş geldiniz! Takip numaranızı yazabilirsiniz."\n');
      await service.reload();
      await adapter.send("selam").assertReply("Hoş geldiniz! Takip numaranızı yazabilirsiniz.");
      // the welcome left out of the edit falls back to the built-in text
      await adapter.send(JOIN).assertReply((reply) => expect(reply.text).toBe(TEXTS.welcome(TEXTS.bot.welcome, sampleTopics(service.current()))));

      await writeFile(join(dir, "bot.yaml"), 'greeting: "Hoş geldiniz! Takip numaranızı yazabilirsiniz."\ngreting: "Selam"\n');
      await service.reload();
      expect(service.status().brokenFiles).toEqual([{ file: expect.stringMatching(/bot\.yaml$/), serving: "last-good", errors: [{ line: 2, message: expect.stringMatching(/^bilinmeyen anahtar "greting"/) }] }]);
      await adapter.send("merhaba").assertReply("Hoş geldiniz! Takip numaranızı yazabilirsiniz.");
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
