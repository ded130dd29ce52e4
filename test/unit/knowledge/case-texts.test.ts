import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseContact } from "../../../bot/cases/contact";
import { TEXTS } from "../../../bot/conversation/texts";
import { loadKnowledge } from "../../../bot/knowledge/loader";
import { CASE_TEXT_KEYS, fillTemplate, parseCaseTextsFile } from "../../../bot/knowledge/parse-case-texts";
import { runKbCheck } from "../../../bot/cli/kb-check";

describe("cases.yaml (editor-owned texts of the complaint loop)", () => {
  it("reads texts by key and warns about keys left out", () => {
    const parsed = parseCaseTextsFile('declined: "Tamam, kayıt açmadım."\ncreated: "Numaranız {reference}, {hours} saat içinde döneriz."\n', "cases.yaml");
    expect(parsed.errors).toEqual([]);
    expect(parsed.texts).toEqual({ declined: "Tamam, kayıt açmadım.", created: "Numaranız {reference}, {hours} saat içinde döneriz." });
    expect(parsed.warnings[0]?.message).toMatch(/^eksik anahtarlar için yerleşik metinler kullanılıyor: /);
  });

  it("names the line of every problem, in Turkish, and yields no texts then", () => {
    const parsed = parseCaseTextsFile(
      ['declined: "Tamam"', 'bogus: "x"', 'created: "Numaranız {reference}"', 'acceptButton: "Aç"', 'declined: "yine"', "describe: ", 'statusNote: "{note} {foo}"'].join("\n"),
      "cases.yaml",
    );
    expect(parsed.texts).toEqual({});
    expect(parsed.errors.map((e) => [e.line, e.message])).toEqual([
      [2, expect.stringMatching(/^bilinmeyen anahtar "bogus"/)],
      [3, '"created": {hours} eksik'],
      [4, '"acceptButton": düğme metni "Şikayet" ya da "Evet" ile başlamalı'],
      [5, '"declined" iki kez yazılmış (ilki 1. satırda)'],
      [6, '"describe" için bir metin yazın'],
      [7, expect.stringMatching(/^"statusNote": \{foo\} tanınmıyor/)],
    ]);
    expect(parseCaseTextsFile("- a\n- b", "cases.yaml").errors[0]?.message).toMatch(/anahtar: metin/);
    expect(parseCaseTextsFile("a: [", "cases.yaml").errors[0]?.message).toMatch(/^YAML okunamadı/);
  });

  it("ships texts for every key, valid in knowledge/cases.yaml and as built-in defaults", () => {
    expect(Object.keys(TEXTS.cases).sort()).toEqual(Object.keys(CASE_TEXT_KEYS).sort());
    expect(fillTemplate(TEXTS.cases.created, { reference: "MMN-7K3Q9A", hours: 48 })).toContain("MMN-7K3Q9A");
  });

  it("is loaded with the knowledge base, and checked by kb:check with file and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memnun-cases-"));
    try {
      writeFileSync(join(dir, "crm.md"), "---\nid: crm\nquestion: CRM nedir?\n---\nMüşteri ilişkileri yönetimi.\n");
      writeFileSync(join(dir, "cases.yaml"), 'declined: "Tamam, kayıt açmadım."\n');
      const good = await loadKnowledge(dir);
      expect(good.knowledgeBase?.caseTexts).toEqual({ declined: "Tamam, kayıt açmadım." });
      writeFileSync(join(dir, "cases.yaml"), 'declined: "Tamam"\nacceptButton: "Aç"\n');
      const out: string[] = [];
      expect(await runKbCheck([dir], {}, (line) => out.push(line))).toBe(1);
      expect(out.join("\n")).toMatch(/hata {2}.*cases\.yaml:2: "acceptButton": düğme metni/);
      // a broken file keeps its last good version
      const again = await loadKnowledge(dir, { lastGood: good.accepted });
      expect(again.knowledgeBase?.caseTexts).toEqual({ declined: "Tamam, kayıt açmadım." });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("contact details", () => {
  it.each([
    ["Ayse@Example.com", { kind: "email", value: "ayse@example.com" }],
    ["0532 123 45 67", { kind: "phone", value: "05321234567" }],
    ["+90 (532) 123-45-67", { kind: "phone", value: "+905321234567" }],
    ["5321234567", { kind: "phone", value: "5321234567" }],
  ])("accepts %s", (text, contact) => expect(parseContact(text)).toEqual(contact));
  it.each(["ayse@", "ayse@example", "yarın ararım", "12345", "0532 123 45 67 89 00 11", "a b@c.com"])("refuses %s", (text) => expect(parseContact(text)).toBeNull());
});
