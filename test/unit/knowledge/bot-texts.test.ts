import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKbCheck } from "../../../bot/cli/kb-check";
import { TEXTS } from "../../../bot/conversation/texts";
import { loadKnowledge } from "../../../bot/knowledge/loader";
import { BOT_TEXT_KEYS, parseBotTextsFile, TEAMS_TEXT_LIMITS } from "../../../bot/knowledge/parse-bot-texts";

/** The knowledge folder shipped with Memnun. */
const SHIPPED = join(__dirname, "..", "..", "..", "knowledge");

/** Words of the shipped knowledge's topic (customer satisfaction): no built-in text may use them. */
const SHIPPED_TOPIC = /memnuniyet|sadakat|deneyim|CRM|CSAT|NPS|CES|ISO/i;

describe("bot.yaml (editor-owned texts the bot presents itself with)", () => {
  it("reads texts by key, multi-line ones too, and warns about keys left out", () => {
    const parsed = parseBotTextsFile('welcome: |\n  Merhaba, ben **Kargocu** 👋\n\n  Gönderileriniz hakkındaki sorularınızı yanıtlıyorum.\n', "bot.yaml");
    expect(parsed.errors).toEqual([]);
    expect(parsed.texts).toEqual({ welcome: "Merhaba, ben **Kargocu** 👋\n\nGönderileriniz hakkındaki sorularınızı yanıtlıyorum." });
    expect(parsed.warnings).toEqual([{ file: "bot.yaml", line: 1, message: "eksik anahtarlar için yerleşik metinler kullanılıyor: greeting, pageTitle, pageHeading, pageIntro, teamsShortName, teamsFullName, teamsShortDescription, teamsFullDescription" }]);
  });

  it("names the line of every problem, in Turkish, and yields no texts then", () => {
    const parsed = parseBotTextsFile(['greeting: "Merhaba!"', 'welcom: "Merhaba"', 'greeting: "Selam!"', "welcome:", 'welcome: "Örneğin {example}"'].join("\n"), "bot.yaml");
    expect(parsed.texts).toEqual({});
    expect(parsed.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'bilinmeyen anahtar "welcom" ("welcome" mı demek istediniz?); geçerli anahtarlar: welcome, greeting, pageTitle, pageHeading, pageIntro, teamsShortName, teamsFullName, teamsShortDescription, teamsFullDescription'],
      [3, '"greeting" iki kez yazılmış (ilki 1. satırda)'],
      [4, '"welcome" için bir metin yazın'],
      [5, '"welcome" iki kez yazılmış (ilki 4. satırda)'],
    ]);
    expect(parseBotTextsFile('welcome: "Bilgi bankamızdan {example} yanıtlıyorum"', "bot.yaml").errors).toEqual([
      { file: "bot.yaml", line: 1, message: '"welcome": {example} tanınmıyor; bu metinde süslü parantezli yer kullanılamaz' },
    ]);
    expect(parseBotTextsFile("- welcome\n", "bot.yaml").errors[0]?.message).toBe('dosya "anahtar: metin" satırlarından oluşmalı, ör. "greeting: Merhaba! Size nasıl yardımcı olabilirim?"');
    expect(parseBotTextsFile('welcome: "Merhaba\ngreeting: Selam\n', "bot.yaml").errors).toEqual([
      { file: "bot.yaml", line: 1, message: expect.stringMatching(/^YAML okunamadı: açılan tırnak kapatılmamış/) },
    ]);
  });

  it("refuses a Teams name or description longer than the Teams manifest allows, at its line, counting characters as the schema does", () => {
    const exactly = (length: number): string => "Ğ".repeat(length - 1) + "📦";
    const fits = parseBotTextsFile(
      [`teamsShortName: "${exactly(30)}"`, `teamsFullName: "${exactly(100)}"`, `teamsShortDescription: "${exactly(80)}"`, `teamsFullDescription: "${exactly(4000)}"`].join("\n"),
      "bot.yaml",
    );
    expect(fits.errors).toEqual([]);
    expect(fits.texts.teamsShortName).toBe(exactly(30));

    const parsed = parseBotTextsFile(
      [
        'pageTitle: "Kargocu – Gönderi asistanı, sayfa başlığının sınırı yok, Teams adlarının var"',
        `teamsShortName: "${exactly(31)}"`,
        `teamsFullName: "${exactly(101)}"`,
        `teamsShortDescription: "${exactly(81)}"`,
        `teamsFullDescription: "${exactly(4001)}"`,
      ].join("\n"),
      "bot.yaml",
    );
    expect(parsed.texts).toEqual({});
    const why = "Teams uygulama paketi daha uzun bir metni kabul etmez";
    expect(parsed.errors).toEqual([
      { file: "bot.yaml", line: 2, message: `"teamsShortName": en çok 30 karakter olabilir, bu metin 31 karakter (${why})` },
      { file: "bot.yaml", line: 3, message: `"teamsFullName": en çok 100 karakter olabilir, bu metin 101 karakter (${why})` },
      { file: "bot.yaml", line: 4, message: `"teamsShortDescription": en çok 80 karakter olabilir, bu metin 81 karakter (${why})` },
      { file: "bot.yaml", line: 5, message: `"teamsFullDescription": en çok 4000 karakter olabilir, bu metin 4001 karakter (${why})` },
    ]);
  });

  it("has a built-in text for every key, naming no topic of the shipped knowledge, within the Teams manifest's limits", () => {
    expect(Object.keys(TEXTS.bot).sort()).toEqual(Object.keys(BOT_TEXT_KEYS).sort());
    // the chat page's and the Teams app's texts left in code are generic too
    for (const text of [...Object.values(TEXTS.bot), ...Object.values(TEXTS.page), ...Object.values(TEXTS.teams)]) expect(text).not.toMatch(SHIPPED_TOPIC);
    const limits: Readonly<Record<string, { max: number }>> = TEAMS_TEXT_LIMITS;
    for (const [key, text] of Object.entries(TEXTS.bot)) expect([...text].length).toBeLessThanOrEqual(limits[key]?.max ?? Infinity);
  });

  it("the shipped knowledge/bot.yaml sets every key, each within its limit", async () => {
    const shipped = await loadKnowledge(SHIPPED);
    expect(shipped.warnings.filter((w) => w.file === "bot.yaml")).toEqual([]);
    expect(Object.keys(shipped.knowledgeBase?.botTexts ?? {}).sort()).toEqual(Object.keys(BOT_TEXT_KEYS).sort());
    expect(shipped.knowledgeBase?.botTexts.pageTitle).toBe("Memnun – Müşteri memnuniyeti asistanı");
    expect(shipped.knowledgeBase?.botTexts.teamsShortDescription).toBe("Müşteri memnuniyeti, sadakat, CRM ve CSAT/NPS/CES sorularınızı yanıtlar.");
  });

  it("is loaded with the knowledge base, and checked by kb:check with file and line; a broken edit keeps the last good texts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memnun-bot-texts-"));
    try {
      writeFileSync(join(dir, "kargo.md"), "---\nid: kargo\nquestion: Kargom nerede?\n---\nTakip numaranızla sorgulayabilirsiniz.\n");
      writeFileSync(join(dir, "bot.yaml"), 'greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?"\n');
      const good = await loadKnowledge(dir);
      expect(good.knowledgeBase?.botTexts).toEqual({ greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?" });
      writeFileSync(join(dir, "bot.yaml"), '# karşılama\ngreeting: "Merhaba!"\nhelp: "Yardım"\n');
      const out: string[] = [];
      expect(await runKbCheck([dir], {}, (line) => out.push(line))).toBe(1);
      expect(out.join("\n")).toMatch(/hata {2}.*bot\.yaml:3: bilinmeyen anahtar "help"/);
      const again = await loadKnowledge(dir, { lastGood: good.accepted });
      expect(again.refused).toEqual([{ file: "bot.yaml", servingLastGood: true }]);
      expect(again.knowledgeBase?.botTexts).toEqual({ greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
