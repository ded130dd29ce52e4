import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKbCheck } from "../../../bot/cli/kb-check";
import { TEXTS } from "../../../bot/conversation/texts";
import { loadKnowledge } from "../../../bot/knowledge/loader";
import { BOT_TEXT_KEYS, parseBotTextsFile } from "../../../bot/knowledge/parse-bot-texts";

describe("bot.yaml (editor-owned texts the bot presents itself with)", () => {
  it("reads texts by key, multi-line ones too, and warns about keys left out", () => {
    const parsed = parseBotTextsFile('welcome: |\n  Merhaba, ben **Kargocu** 👋\n\n  Gönderileriniz hakkındaki sorularınızı yanıtlıyorum.\n', "bot.yaml");
    expect(parsed.errors).toEqual([]);
    expect(parsed.texts).toEqual({ welcome: "Merhaba, ben **Kargocu** 👋\n\nGönderileriniz hakkındaki sorularınızı yanıtlıyorum." });
    expect(parsed.warnings).toEqual([{ file: "bot.yaml", line: 1, message: "eksik anahtarlar için yerleşik metinler kullanılıyor: greeting" }]);
  });

  it("names the line of every problem, in Turkish, and yields no texts then", () => {
    const parsed = parseBotTextsFile(['greeting: "Merhaba!"', 'welcom: "Merhaba"', 'greeting: "Selam!"', "welcome:", 'welcome: "Örneğin {example}"'].join("\n"), "bot.yaml");
    expect(parsed.texts).toEqual({});
    expect(parsed.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'bilinmeyen anahtar "welcom"; geçerli anahtarlar: welcome, greeting'],
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

  it("has a built-in text for every key, naming no topic of the shipped knowledge", () => {
    expect(Object.keys(TEXTS.bot).sort()).toEqual(Object.keys(BOT_TEXT_KEYS).sort());
    for (const text of Object.values(TEXTS.bot)) expect(text).not.toMatch(/memnuniyet|sadakat|deneyim|CRM|CSAT|NPS|CES|ISO/i);
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
