import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadKnowledge } from "../../../bot/knowledge/loader";
import { parseMarkdownEntry } from "../../../bot/knowledge/parse-markdown";
import { parseQnaFile } from "../../../bot/knowledge/parse-qna";
import { formatIssue } from "../../../bot/knowledge/types";
import { folderWith } from "../../helpers/knowledge";

const FIXTURES = join(__dirname, "..", "..", "fixtures");

const GOOD = (id: string, question: string, extra = ""): string =>
  `---\nid: ${id}\nquestion: "${question}"\nalternates:\n  - "${question} diye sorulur"\n${extra}---\n\nBu yeterince uzun, gerçek bir cevap metnidir ve kontrolü geçer.\n`;

describe("loadKnowledge on the valid fixture", () => {
  it("reads Markdown and .qna entries, skips README.md, resolves related and prompts", async () => {
    const result = await loadKnowledge(join(FIXTURES, "knowledge-valid"));
    expect(result.errors).toEqual([]);
    expect(result.files).toBe(3);
    const ids = result.entries.map((e) => e.id).sort();
    expect(ids).toEqual(["dosya-adi-kimlik", "export-1", "export-2", "iade-sureci"]);

    const kb = result.knowledgeBase;
    expect(kb?.byId.get("iade-sureci")).toMatchObject({
      question: "İade süreci nasıl işler?",
      alternates: ["Ürünü nasıl iade ederim?", "iade nasil yapilir"],
      tags: ["iade", "süreç"],
      related: ["export-1"],
      source: { file: "sss/iade.md", line: 1 },
    });
    expect(kb?.byId.get("iade-sureci")?.answer).toMatch(/^İade talebinizi \*\*14 gün\*\*/);

    const cargo = kb?.byId.get("export-1");
    expect(cargo).toMatchObject({
      question: "Kargo ücreti ne kadar?",
      alternates: ["kargo ucreti", "gönderim bedeli nedir"],
      tags: ["kategori:kargo"],
      related: ["export-2", "iade-sureci"],
      answer: "Kargo ücreti **150 TL** üzeri siparişlerde ücretsizdir.",
    });
    expect(kb?.byId.get("export-2")?.answer).toMatch(/1-3 iş günü/);
    expect(result.warnings.map((w) => `${w.file}:${w.line}`)).toEqual(["export.qna:23"]);
  });

  it("uses the file name as id when none is given", async () => {
    const result = await loadKnowledge(join(FIXTURES, "knowledge-valid"));
    expect(result.knowledgeBase?.byId.get("dosya-adi-kimlik")?.question).toBe("Kimliği dosya adından gelen soru nedir?");
  });
});

describe("validation errors name the file and line", () => {
  it.each<[string, Record<string, string>, { file: string; line: number; message: RegExp }]>([
    ["missing question", { "a.md": "---\nid: a\n---\n\nCevap burada ve yeterince uzun bir metin olarak yazıldı.\n" }, { file: "a.md", line: 1, message: /"question" satırı yok/ }],
    ["empty question", { "a.md": '---\nid: a\nquestion: ""\n---\n\nCevap burada ve yeterince uzun bir metin olarak yazıldı.\n' }, { file: "a.md", line: 3, message: /"question" boş/ }],
    ["missing answer", { "a.md": "---\nid: a\nquestion: Soru nedir?\n---\n\n   \n" }, { file: "a.md", line: 5, message: /cevap yok/ }],
    ["invalid YAML", { "a.md": "---\nid: a\nquestion: [broken\n---\n\nCevap burada ve yeterince uzun bir metin.\n" }, { file: "a.md", line: 3, message: /YAML okunamadı/ }],
    ["no front matter", { "a.md": "Sadece cevap, soru yok.\n" }, { file: "a.md", line: 1, message: /soru bilgileri yok: dosya "---" satırıyla başlamalı/ }],
    ["unknown key with suggestion", { "a.md": "---\nid: a\nquestion: Soru?\nalternate:\n  - x\n---\n\nCevap burada ve yeterince uzun bir metin.\n" }, { file: "a.md", line: 4, message: /tanınmayan alan "alternate" \("alternates" mı demek istediniz\?\)/ }],
    ["invalid id", { "a.md": "---\nid: Büyük Harf\nquestion: Soru?\n---\n\nCevap burada ve yeterince uzun bir metin.\n" }, { file: "a.md", line: 2, message: /"Büyük Harf" id olarak kullanılamaz/ }],
    ["duplicate id", { "a.md": GOOD("same", "Birinci soru nedir?"), "b.md": GOOD("same", "İkinci soru nedir?") }, { file: "b.md", line: 2, message: /"same" id'si başka bir girdide de kullanılıyor \(a\.md:2\)/ }],
    ["same question after normalization", { "a.md": GOOD("a", "Müşteri deneyimi nedir?"), "b.md": GOOD("b", "MUSTERI DENEYIMI NEDIR") }, { file: "b.md", line: 3, message: /aynı soru başka bir girdide de var: a\.md:3/ }],
    ["unknown related id", { "a.md": GOOD("a", "Birinci soru nedir?", "related:\n  - yok-boyle\n") }, { file: "a.md", line: 7, message: /"related" içindeki "yok-boyle" adında bir girdi yok/ }],
    ["alternates not a list", { "a.md": "---\nid: a\nquestion: Soru?\nalternates:\n  x: y\n---\n\nCevap burada ve yeterince uzun bir metin.\n" }, { file: "a.md", line: 4, message: /"alternates" bir metin listesi olmalı/ }],
    ["qna without answer", { "x.qna": "# ? Soru nedir?\n- alternatif\n" }, { file: "x.qna", line: 1, message: /"Soru nedir\?" sorusunun cevabı yok/ }],
    ["qna unclosed fence", { "x.qna": "# ? Soru nedir?\n```\ncevap\n" }, { file: "x.qna", line: 2, message: /``` ile açılan cevap bloğu kapatılmamış/ }],
  ])("%s", async (_name, files, expected) => {
    const dir = await folderWith(files);
    const result = await loadKnowledge(dir);
    expect(result.refused).toContainEqual({ file: expected.file, servingLastGood: false });
    expect(result.errors).toContainEqual({ file: expected.file, line: expected.line, message: expect.stringMatching(expected.message) });
  });

  it("warns about very short answers and entries without alternates", () => {
    const parsed = parseMarkdownEntry("---\nid: a\nquestion: Soru?\n---\n\nEvet.\n", "a.md");
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/cevap çok kısa \(5 karakter\)/), expect.stringMatching(/alternatif soru yok/)]);
  });

  it("formats issues as [knowledge] dir/file:line: message", () => {
    expect(formatIssue({ file: "crm.md", line: 3, message: '"question" boş: soruyu yazın' })).toBe('[knowledge] knowledge/crm.md:3: "question" boş: soruyu yazın');
  });

  it("accepts CRLF line endings and a BOM", () => {
    const parsed = parseMarkdownEntry("\uFEFF---\r\nid: a\r\nquestion: Soru nedir?\r\nalternates: [b]\r\n---\r\n\r\nCevap burada ve yeterince uzun bir metin.\r\n", "a.md");
    expect(parsed.errors).toEqual([]);
    expect(parsed.drafts[0]?.question).toBe("Soru nedir?");
  });

  it("reports a missing folder", async () => {
    const result = await loadKnowledge(join(tmpdir(), "memnun-does-not-exist"));
    expect(result.errors[0]?.message).toMatch(/bilgi klasörü bulunamadı/);
  });

  it("parses a .qna file without anchors using the question as id", () => {
    const parsed = parseQnaFile("# ? Çalışma saatleriniz nedir?\n- saat kaçta açıksınız\n\n```\nHafta içi 09:00-18:00 arası açığız.\n```\n", "saat.qna");
    expect(parsed.errors).toEqual([]);
    expect(parsed.drafts[0]).toMatchObject({ id: "calisma-saatleriniz-nedir", alternates: ["saat kaçta açıksınız"] });
  });
});

describe(".qna files as real exports write them", () => {
  const F = "```";
  it("keeps a question repeated in one file, as bf-lu does, with a warning and distinct ids", async () => {
    const dir = await folderWith({ "x.qna": `# ? Soru nedir?\n${F}\nBirinci cevap.\n${F}\n\n# ? Soru nedir?\n${F}\nİkinci cevap.\n${F}\n` });
    const result = await loadKnowledge(dir);
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => e.answer)).toEqual(["Birinci cevap.", "İkinci cevap."]);
    expect(result.entries[0]?.id).toBe("soru-nedir");
    expect(result.entries[1]?.id).toMatch(/^soru-nedir-[0-9a-f]{8}$/);
    expect(result.warnings).toContainEqual({ file: "x.qna", line: 6, message: expect.stringMatching(/aynı soru 1\. satırda da var: bf-lu gibi ikisi de tutulur/) });
  });

  it("merges a pair written twice word for word", async () => {
    const pair = `# ? Soru nedir?\n- alternatif\n${F}\nCevap.\n${F}\n`;
    const result = await loadKnowledge(await folderWith({ "x.qna": `${pair}\n${pair}` }));
    expect(result.entries).toHaveLength(1);
  });

  it("leaves out alteration members it cannot use, with a warning, and keeps the file", async () => {
    const dir = await folderWith({ "x.qna": `$qna : qna-alterations =\n- QnA Maker\n- qna maker\n- soru cevap\n\n$tek : qna-alterations =\n- tek\n` });
    const result = await loadKnowledge(dir);
    expect(result.errors).toEqual([]);
    expect(result.knowledgeBase?.synonyms.map((g) => g.words)).toEqual([["qna", "QnA Maker", "soru cevap"]]);
    expect(result.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
      '3: "qna maker" aynı grupta iki kez yazılmış; bu kelime kullanılmıyor',
      "6: bir grupta en az iki kelime olmalı; bu grup kullanılmıyor",
      "7: \"tek\" aynı grupta iki kez yazılmış; bu kelime kullanılmıyor",
    ]);
  });
});

describe("Markdown follow-ups", () => {
  it("reads titled related items and contextOnly", async () => {
    const dir = await folderWith({
      "a.md": GOOD("a", "Birinci soru nedir?", 'related:\n  - id: b\n    title: "Devamı"\n'),
      "b.md": GOOD("b", "İkinci soru nedir?", "contextOnly: true\n"),
    });
    const { errors, knowledgeBase } = await loadKnowledge(dir);
    expect(errors).toEqual([]);
    expect(knowledgeBase?.byId.get("a")).toMatchObject({ related: ["b"], relatedTitles: { b: "Devamı" }, contextOnly: false });
    expect(knowledgeBase?.byId.get("b")?.contextOnly).toBe(true);
    expect(Object.isFrozen(knowledgeBase?.byId.get("a")?.relatedTitles)).toBe(true);
  });

  it.each<[string, string, number, RegExp]>([
    ["a related item that is neither an id nor id and title", 'related:\n  - id: b\n    baslik: "x"\n', 7, /"related" öğesi bir girdi id'si olmalı/],
    ["contextOnly that is not true or false", "contextOnly: evet\n", 6, /"contextOnly" yalnızca true \(evet\) ya da false \(hayır\) olabilir/],
  ])("%s is an error with its line", async (_name, extra, line, message) => {
    const parsed = parseMarkdownEntry(GOOD("a", "Birinci soru nedir?", extra), "a.md");
    expect(parsed.errors).toEqual([{ file: "a.md", line, message: expect.stringMatching(message) }]);
  });

  it("warns about a contextOnly entry that no entry offers", async () => {
    const { warnings } = await loadKnowledge(await folderWith({ "b.md": GOOD("b", "İkinci soru nedir?", "contextOnly: true\n") }));
    expect(warnings).toContainEqual({ file: "b.md", line: 1, message: expect.stringMatching(/hiç gösterilemez/) });
  });
});

describe(".qna prompts across files", () => {
  const F = "```";
  it("resolve by another file's anchor or question, as bf-lu's merged build does", async () => {
    const dir = await folderWith({
      "a.qna": `# ? Ana soru nedir?\n${F}\nAna cevap.\n${F}\n\n**Prompts:**\n- [Devam](#7) \`context-only\`\n- [Öteki](#?Öteki soru nedir?)\n`,
      "b.qna": `<a id = "7"></a>\n# ? Devam sorusu nedir?\n${F}\nDevam cevabı.\n${F}\n\n# ? Öteki soru nedir?\n${F}\nÖteki cevap.\n${F}\n`,
    });
    const { errors, knowledgeBase } = await loadKnowledge(dir);
    expect(errors).toEqual([]);
    expect(knowledgeBase?.byId.get("ana-soru-nedir")).toMatchObject({ related: ["b-7", "oteki-soru-nedir"], relatedTitles: { "b-7": "Devam", "oteki-soru-nedir": "Öteki" } });
    expect(knowledgeBase?.byId.get("b-7")?.contextOnly).toBe(true);
  });
});

describe("files the loader does not read (QA 48 #5, #6)", () => {
  it("reads bot.yaml and cases.yaml at the top only, and warns by name about a nested or second one and about names that look like a mistake", async () => {
    const dir = await folderWith({
      "a.md": GOOD("a", "Kargo ücreti ne kadar?"),
      "bot.yaml": 'greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?"\nwelcome: "Ben Kargo Asistanı."\n',
      "Bot.yml": 'greeting: "ikinci bot yaml"\n',
      "teslimat/bot.yaml": 'greeting: "alt klasördeki bot yaml"\n',
      "teslimat/cases.yaml": 'declined: "alt klasördeki cases"\n',
      "ext/soru.md.txt": GOOD("soru", "Soru nedir?"),
      "ext/uzanti.markdown": GOOD("uzanti", "Uzantı nedir?"),
      "ext/notlar.txt": "taslak",
      "ext/synonym.yaml": "- [iade, geri gönderme]\n",
      "ext/synonyms.yml": "- [kargo, gönderi]\n",
      "ext/resim.png": "png",
      "ext/README.txt": "açıklama",
    });
    const result = await loadKnowledge(dir);
    expect(result.errors).toEqual([]);
    expect(result.knowledgeBase?.botTexts).toEqual({ greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?", welcome: "Ben Kargo Asistanı." });
    expect(result.knowledgeBase?.caseTexts).toEqual({});
    expect(result.knowledgeBase?.synonyms.map((group) => group.words)).toEqual([["kargo", "gönderi"]]);
    const ignored = result.warnings.filter((warning) => warning.line === 0).map((warning) => formatIssue(warning, "kb"));
    expect(ignored).toEqual([
      '[knowledge] kb/Bot.yml: bu dosya okunmuyor: botun metinleri bot.yaml dosyasından okunuyor; ikisinden birini silin',
      '[knowledge] kb/ext/notlar.txt: bu dosya okunmuyor: bot yalnızca .md ve .qna dosyalarındaki soru-cevapları okur; bu bir girdiyse dosyayı "notlar.md" olarak yeniden adlandırın',
      '[knowledge] kb/ext/soru.md.txt: bu dosya okunmuyor: adının sonuna ".txt" eklenmiş (Not Defteri "Metin Belgeleri" türüyle kaydedince ekler); dosyayı "soru.md" olarak yeniden adlandırın ("Farklı Kaydet"te "Kayıt türü: Tüm Dosyalar" seçin)',
      "[knowledge] kb/ext/synonym.yaml: bu dosya okunmuyor: bot yalnızca synonyms.yaml, cases.yaml ve bot.yaml adlı YAML dosyalarını okur; adını denetleyin",
      '[knowledge] kb/ext/uzanti.markdown: bu dosya okunmuyor: bot Markdown girdilerini yalnızca .md uzantısıyla okur; dosyayı "uzanti.md" olarak yeniden adlandırın',
      "[knowledge] kb/teslimat/bot.yaml: bu dosya okunmuyor: botun kendi metinleri yalnızca bilgi klasörünün en üstündeki bot.yaml dosyasından okunur; metinleri oraya taşıyıp bu dosyayı silin",
      "[knowledge] kb/teslimat/cases.yaml: bu dosya okunmuyor: botun kendi metinleri yalnızca bilgi klasörünün en üstündeki cases.yaml dosyasından okunur; metinleri oraya taşıyıp bu dosyayı silin",
    ]);
    // the top-level bot.yaml's missing keys, not a nested one's
    expect(result.warnings.filter((warning) => /eksik anahtarlar/.test(warning.message)).map((warning) => warning.file)).toEqual(["bot.yaml"]);
  });

  it("reads a capitalised Bot.yaml when it is the only one", async () => {
    const result = await loadKnowledge(await folderWith({ "a.md": GOOD("a", "Kargo ücreti ne kadar?"), "Bot.yaml": 'greeting: "Merhaba!"\n' }));
    expect(result.knowledgeBase?.botTexts).toEqual({ greeting: "Merhaba!" });
    expect(result.warnings.filter((warning) => warning.line === 0)).toEqual([]);
  });
});
