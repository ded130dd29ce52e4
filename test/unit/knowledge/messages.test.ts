import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ErrorCode } from "yaml";
import { loadKnowledge, loadKnowledgeTexts, type LoadResult } from "../../../bot/knowledge/loader";
import { yamlErrorMessage } from "../../../bot/knowledge/messages";
import { formatIssue, type KnowledgeIssue } from "../../../bot/knowledge/types";
import { folderWith } from "../../helpers/knowledge";

/**
 * Every error and warning an editor can get about knowledge files, from a corpus of broken
 * files: each is Turkish, and each is charged to the broken file alone, at the line to fix.
 */

const F = "```";
const ANSWER = "Bu yeterince uzun, gerçek bir cevap metnidir ve kontrolü geçer.";
/** A valid entry whose front matter lines are given. */
const md = (frontMatter: string, answer = ANSWER): string => `---\n${frontMatter}---\n\n${answer}\n`;
const GOOD = (id: string, question: string, extra = ""): string => md(`id: ${id}\nquestion: "${question}"\nalternates:\n  - "${question} diye sorulur"\n${extra}`);
const QNA_GOOD = (question: string, extra = ""): string => `# ? ${question}\n- ${question} diye sorulur\n${F}\n${ANSWER}\n${F}\n${extra}`;

/**
 * English words a message must not use (as words, outside quotes). Field names and syntax
 * editors write (`question`, `alternates`, `**Filters:**`…) are quoted, so they do not count.
 */
const ENGLISH =
  /(?<![\p{L}\p{N}])(missing|unknown|invalid|duplicate|must|empty|expected|unexpected|cannot|can|should|allowed|found|not|error|warning|skipped|followed|fetched|items?|list|text|line|file|folder|answer|question|key|value|only|already|with|the|of|in|is|are|and|or|no|use|add|did|you|mean)(?![\p{L}\p{N}])/iu;

/** The message without what it quotes ("…", `…`, **…**), paths and addresses, and the names it cites as they are spelled. */
function ownWords(message: string): string {
  return message
    .replace(/"[^"]*"/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/\*\*[^*]*\*\*/g, " ")
    .replace(/\([^)]*\.(md|qna|yaml):\d+\)/g, " ")
    .replace(/\b(contextOnly|related|alternates|question|id|title|true|false|Tab|LU|bf-lu|QnA Maker|Memnun|KNOWLEDGE_MAX_FILE_KB|KB|YAML|Not Defteri|VS Code)\b/g, " ")
    .replace(/\S+\.(md|qna|yaml|pdf)\b/g, " ")
    .replace(/\S*\/\S*/g, " ");
}

interface Case {
  /** The files of the folder; the last one is the broken one. */
  files: Record<string, string>;
  /** Lines of the broken file where errors are expected, in order. */
  errors: number[];
  /** Lines of the broken file where warnings are expected, in order. */
  warnings?: number[];
  /** A fragment the first issue must contain, to tell which check spoke. */
  says: RegExp;
}

const CASES: Record<string, Case> = {
  // Markdown: YAML the parser refuses
  "unclosed quote": { files: { "a.md": md('id: a\nquestion: "CRM nedir?\nalternates:\n  - b\n') }, errors: [3], says: /tırnak kapatılmamış/ },
  "colon in a value": { files: { "a.md": md("id: a\nquestion: CRM: nedir?\n") }, errors: [3], says: /değerin içinde ": " var/ },
  "tab as indentation": { files: { "a.md": md("id: a\nquestion: Soru nedir?\nalternates:\n\t- b\n") }, errors: [5], says: /sekme \(Tab\)/ },
  "key written twice": { files: { "a.md": md("id: a\nquestion: Soru nedir?\nquestion: Öteki soru nedir?\n") }, errors: [4], says: /aynı alan iki kez/ },
  "value starting with @": { files: { "a.md": md("id: a\nquestion: @destek nedir?\n") }, errors: [3], says: /özel anlamı olan bir işaretle/ },
  "line without a colon": { files: { "a.md": md("id: a\nquestion: Soru nedir?\nbu satır yarım kaldı\n") }, errors: [4], says: /alan adından sonra ":" ve bir değer gelmeli/ },
  "no closing ---": { files: { "a.md": '---\nid: j3\nquestion: "Mağaza adresi nedir?"\n\nMağazamız İstanbul Kadıköy şubesindedir: gelin.\n' }, errors: [1], says: /kapatan "---" satırı yok/ },
  "answer too long for Teams": { files: { "a.md": md('id: a\nquestion: "Soru nedir?"\nalternates:\n  - "soru"\n', `${"Uzun bir cevap cümlesi. ".repeat(420)}`) }, errors: [], warnings: [8], says: /cevap çok uzun \(10079 karakter; 10000 karakterden uzun/ },
  "qna answer too long for Teams": { files: { "x.qna": `# ? Soru nedir?\n- soru diye sorulur\n${F}\n${"Uzun bir cevap cümlesi. ".repeat(420)}\n${F}\n` }, errors: [], warnings: [4], says: /cevap çok uzun/ },
  "answer only a comment": { files: { "a.md": md('id: a\nquestion: "Soru nedir?"\nalternates:\n  - "soru"\n', "<!-- TODO: cevabı yaz -->") }, errors: [8], says: /cevap yalnızca bir açıklamadan/ },
  "unclosed bracket": { files: { "a.md": md("id: a\nquestion: Soru nedir?\ntags: [bir, iki\n") }, errors: [4], says: /^YAML okunamadı: "\[" ile açılan liste kapatılmamış: listenin sonuna "\]" ekleyin$/ },
  "synonyms: unclosed bracket": { files: { "synonyms.yaml": "- [iade, geri gönderme, return\n- [kargo, gönderi]\n" }, errors: [1], says: /^YAML okunamadı: "\[" ile açılan liste kapatılmamış/ },
  "synonyms: commas forgotten": { files: { "synonyms.yaml": "- [iade geri gönderme]\n" }, errors: [1], says: /yalnızca "iade geri gönderme" var: kelimeleri ve ifadeleri virgülle ayırın/ },
  "bot texts: misspelt key": { files: { "bot.yaml": 'welcome: "Ben Kargo Asistanı."\ngreting: "Merhaba!"\n' }, errors: [2], says: /bilinmeyen anahtar "greting" \("greeting" mı demek istediniz\?\)/ },
  "bad escape": { files: { "a.md": md('id: a\nquestion: "Soru\\q nedir?"\n') }, errors: [3], says: /kaçışı/ },
  "text after |": { files: { "a.md": md("id: a\nquestion: |yazı\n  Soru nedir?\n") }, errors: [3], says: /"\|" ya da ">"/ },
  "alias start": { files: { "a.md": md("id: a\nquestion: *önemli* soru\n") }, errors: [3], says: /YAML okunamadı: / },
  // Markdown: fields
  "no front matter": { files: { "a.md": "Sadece cevap, soru yok.\n" }, errors: [1], says: /dosya "---" satırıyla başlamalı/ },
  "front matter is a list": { files: { "a.md": md("- bir\n- iki\n") }, errors: [1], says: /"alan: değer"/ },
  "unknown key, close to a known one": { files: { "a.md": md("id: a\nquestoin: Soru nedir?\n") }, errors: [3], says: /^tanınmayan alan "questoin" \("question" mı demek istediniz\?\)/ },
  "unknown key": { files: { "a.md": md("id: a\nquestion: Soru nedir?\nyazar: ben\n") }, errors: [4], warnings: [3], says: /tanınmayan alan "yazar"; kullanılabilen alanlar: id, question/ },
  "question as a list": { files: { "a.md": md("id: a\nquestion:\n  - bir\n") }, errors: [3], says: /tek satırlık bir metin/ },
  "no question": { files: { "a.md": md("id: a\n") }, errors: [1], says: /"question" satırı yok/ },
  "empty question": { files: { "a.md": md('id: a\nquestion: ""\n') }, errors: [3], says: /"question" boş/ },
  "source as a list": { files: { "a.md": md("id: a\nquestion: Soru nedir?\nsource:\n  - Editorial\n") }, errors: [4], warnings: [3], says: /"source" tek satırlık bir metin/ },
  "empty source": { files: { "a.md": md('id: a\nquestion: Soru nedir?\nsource: ""\n') }, errors: [4], warnings: [3], says: /"source" boş/ },
  "empty id": { files: { "a.md": md('id: ""\nquestion: Soru nedir?\n') }, errors: [2], warnings: [3], says: /"id" boş/ },
  "id with capitals": { files: { "a.md": md("id: Büyük Harf\nquestion: Soru nedir?\n") }, errors: [2], warnings: [3], says: /id olarak kullanılamaz/ },
  "no answer": { files: { "a.md": "---\nid: a\nquestion: Soru nedir?\n---\n\n" }, errors: [5], warnings: [3], says: /cevap yok/ },
  "alternates as a map": { files: { "a.md": md("id: a\nquestion: Soru nedir?\nalternates:\n  x: y\n") }, errors: [4], warnings: [3], says: /bir metin listesi olmalı/ },
  "empty alternate": { files: { "a.md": md('id: a\nquestion: Soru nedir?\nalternates:\n  - ""\n') }, errors: [5], warnings: [3], says: /boş bir öğe/ },
  "alternate that is a list": { files: { "a.md": md("id: a\nquestion: Soru nedir?\nalternates:\n  - [bir, iki]\n") }, errors: [5], warnings: [3], says: /düz metin olmalı/ },
  "related item with an odd key": { files: { "a.md": GOOD("a", "Soru nedir?", "related:\n  - id: b\n    baslik: x\n") }, errors: [7], says: /"related" öğesi/ },
  "contextOnly not true or false": { files: { "a.md": GOOD("a", "Soru nedir?", "contextOnly: evet\n") }, errors: [6], says: /true \(evet\) ya da false \(hayır\)/ },
  "short answer, no alternates": { files: { "a.md": md("id: a\nquestion: Soru nedir?\n", "Evet.") }, errors: [], warnings: [3, 6], says: /cevap çok kısa \(5 karakter\)/ },
  // .qna
  "qna: question left empty": { files: { "x.qna": `# ?\n${F}\n${ANSWER}\n${F}\n` }, errors: [1], warnings: [1], says: /"# \?" satırında soru yok/ },
  "qna: unclosed answer": { files: { "x.qna": `# ? Soru nedir?\n- b\n${F}\n${ANSWER}\n` }, errors: [3], says: /kapatılmamış/ },
  "qna: second answer": { files: { "x.qna": `${QNA_GOOD("Soru nedir?")}${F}\nİkinci cevap.\n${F}\n` }, errors: [6], says: /ikinci bir cevap bloğu/ },
  "qna: answer outside a question": { files: { "x.qna": `${F}\n${ANSWER}\n${F}\n` }, errors: [1], says: /bir sorunun altında değil/ },
  "qna: bad filter": { files: { "x.qna": QNA_GOOD("Soru nedir?", "\n**Filters:**\n- şehir\n") }, errors: [8], says: /"- ad = değer"/ },
  "qna: bad prompt": { files: { "x.qna": QNA_GOOD("Soru nedir?", "\n**Prompts:**\n- devam\n") }, errors: [8], says: /takip sorusu "- \[buton yazısı\]/ },
  "qna: list item after the answer": { files: { "x.qna": QNA_GOOD("Soru nedir?", "- fazladan\n") }, errors: [6], says: /cevaptan sonra beklenmedik/ },
  "qna: stray line": { files: { "x.qna": QNA_GOOD("Soru nedir?", "serbest yazı\n") }, errors: [6], says: /bu satır anlaşılamadı: "serbest yazı"/ },
  "qna: no answer": { files: { "x.qna": "# ? Soru nedir?\n- b\n" }, errors: [1], says: /"Soru nedir\?" sorusunun cevabı yok/ },
  "qna: question twice": { files: { "x.qna": `${QNA_GOOD("Soru nedir?")}\n# ? Soru nedir?\n- c\n${F}\nÖteki cevap.\n${F}\n` }, errors: [], warnings: [7], says: /aynı soru 1\. satırda da var/ },
  "qna: what is not read": {
    files: { "x.qna": `[ortak](ortak.qna)\n[sss](https://example.com/sss)\n[1]: ./ek.qna\n# Selamlama\n- merhaba\n$kisi : simple\n${QNA_GOOD("Soru nedir?").replace("- Soru nedir? diye sorulur", "- [selam](./selam.lu#Selam)")}` },
    errors: [],
    warnings: [1, 2, 3, 4, 6, 7, 8],
    says: /"ortak\.qna" içe aktarılmıyor/,
  },
  // synonyms.yaml and .qna alterations
  "synonyms: YAML": { files: { "synonyms.yaml": "- [memnuniyet, tatmin]\n- [sadakat, bağlılık\n" }, errors: [2], says: /YAML okunamadı: / },
  "synonyms: not a list": { files: { "synonyms.yaml": "memnuniyet: tatmin\n" }, errors: [1], says: /dosya bir liste olmalı/ },
  "synonyms: group not a list": { files: { "synonyms.yaml": "- memnuniyet\n" }, errors: [1], says: /her grup bir kelime listesi/ },
  "synonyms: member not a word": { files: { "synonyms.yaml": "- [memnuniyet, [tatmin]]\n" }, errors: [1], says: /düz bir kelime ya da kısa ifade/ },
  "synonyms: members": { files: { "synonyms.yaml": '- [memnuniyet, ""]\n- [sadakat, bağlılık, sadakat]\n- [tek]\n- [uzun, bir iki üç dört beş]\n' }, errors: [1, 2, 3, 4], says: /boş kelime/ },
  "synonyms: word in two groups": { files: { "synonyms.yaml": "- [memnuniyet, tatmin]\n- [hoşnutluk, tatmin]\n" }, errors: [2], says: /iki grupta: 1\. satırdaki grupta da var/ },
  // cases.yaml: the same YAML mistakes get the same Turkish explanations as in an entry
  "cases: colon in a value": {
    files: { "cases.yaml": 'offerRating: "Üzgünüm."\ndeclined: Anlaşıldı: kayıt açmadım.\ndescribe: "Anlatır mısınız?"\n' },
    errors: [2],
    says: /^YAML okunamadı: değerin içinde ": " var/,
  },
  "cases: unclosed quote": { files: { "cases.yaml": 'offerRating: "Üzgünüm.\ndescribe: "Anlatır mısınız?"\n' }, errors: [1], says: /^YAML okunamadı: açılan tırnak kapatılmamış/ },
  "qna: alteration members left out": { files: { "x.qna": `${QNA_GOOD("Soru nedir?")}\n$tek : qna-alterations =\n- \n` }, errors: [], warnings: [7, 8], says: /bu (kelime|grup) kullanılmıyor/ },
  // the bot's own texts: cases.yaml (and bot.yaml, read the same way)
  "texts: YAML": { files: { "cases.yaml": 'declined: "Tamam, kayıt açmadım.\ndescribe: Anlatır mısınız?\n' }, errors: [1], says: /YAML okunamadı: açılan tırnak kapatılmamış/ },
  "texts: not a mapping": { files: { "cases.yaml": "- declined\n" }, errors: [1], says: /"anahtar: metin" satırlarından oluşmalı/ },
  "texts: keys and placeholders": {
    files: { "cases.yaml": 'declined: "Tamam"\nbogus: "x"\ncreated: "Numaranız {reference}"\nacceptButton: "Aç"\ndeclined: "yine"\ndescribe:\nstatusNote: "{note} {foo}"\n' },
    // the file is refused, so no warning about the keys it lacks (its last good version is served)
    errors: [2, 3, 4, 5, 6, 7],
    says: /bilinmeyen anahtar "bogus"/,
  },
  "bot texts: Teams limits": { files: { "bot.yaml": `teamsShortName: "Kargocu"\nteamsShortDescription: "${"Gönderileriniz hakkındaki sorularınızı yanıtlar. ".repeat(2)}"\n` }, errors: [2], says: /en çok 80 karakter olabilir, bu metin 97 karakter \(Teams/ },
  "bot texts: keys": { files: { "bot.yaml": 'welcome: "Merhaba, ben {name}"\nselam: "Merhaba!"\n' }, errors: [1, 2], says: /\{name\} tanınmıyor/ },
  "texts: empty": { files: { "cases.yaml": "# yalnızca açıklama\n" }, errors: [1], says: /dosya boş ya da yalnızca açıklama satırları var/ },
  "bot texts: empty": { files: { "bot.yaml": "" }, errors: [1], says: /dosya boş ya da yalnızca açıklama satırları var/ },
  "synonyms: empty": { files: { "synonyms.yaml": "\n  \n" }, errors: [1], says: /dosya boş ya da yalnızca açıklama satırları var: grupları/ },
  // characters no editor file may hold (bytes that are not UTF-8: below, with files)
  "NUL in an answer": { files: { "a.md": GOOD("a", "Soru nedir?").replace("gerçek bir", "gerçek\u0000 bir") }, errors: [8], says: /görünmeyen NUL \(U\+0000\)/ },
  "control character in a .qna question": { files: { "x.qna": QNA_GOOD("Soru\u001B[31m nedir?") }, errors: [1], says: /denetim karakteri \(U\+001B\)/ },
  "letter lost to a wrong encoding": { files: { "synonyms.yaml": "- [\uFFFDifre, parola]\n" }, errors: [1], says: /\(U\+FFFD\) karakteri var: burada bir harf kaybolmuş/ },
  // across files: charged to the file that brings the clash in, never to the healthy one
  "id used twice": { files: { "a.md": GOOD("ayni", "Birinci soru nedir?"), "b.md": GOOD("ayni", "İkinci soru nedir?") }, errors: [2], says: /"ayni" id'si başka bir girdide de kullanılıyor \(a\.md:2\)/ },
  "question asked twice": { files: { "a.md": GOOD("a", "Müşteri deneyimi nedir?"), "b.md": GOOD("b", "MUSTERI DENEYIMI NEDIR") }, errors: [3], says: /aynı soru başka bir girdide de var: a\.md:3/ },
  "related to nothing": { files: { "a.md": GOOD("a", "Birinci soru nedir?"), "b.md": GOOD("b", "İkinci soru nedir?", "related:\n  - yok\n") }, errors: [7], says: /"yok" adında bir girdi yok/ },
  "related to itself": { files: { "a.md": GOOD("a", "Birinci soru nedir?"), "b.md": GOOD("b", "İkinci soru nedir?", "related:\n  - b\n") }, errors: [7], says: /girdinin kendisini/ },
  "prompt to nothing": { files: { "a.md": GOOD("a", "Birinci soru nedir?"), "x.qna": QNA_GOOD("Soru nedir?", "\n**Prompts:**\n- [Devam](#?Olmayan soru)\n") }, errors: [8], says: /takip sorusu "Olmayan soru" hiçbir soruya/ },
  "synonym in two files": { files: { "a/synonyms.yaml": "- [memnuniyet, tatmin]\n", "b/synonyms.yaml": "- [hoşnutluk, tatmin]\n" }, errors: [1], says: /"tatmin" iki grupta: a\/synonyms\.yaml:1 grubunda da var/ },
  "follow-up nobody offers": { files: { "a.md": GOOD("a", "Birinci soru nedir?"), "b.md": GOOD("b", "İkinci soru nedir?", "contextOnly: true\n") }, errors: [], warnings: [1], says: /hiç gösterilemez/ },
};

function brokenFile(c: Case): string {
  return Object.keys(c.files).at(-1) ?? "";
}

function load(c: Case): LoadResult {
  return loadKnowledgeTexts(Object.entries(c.files).map(([file, text]) => ({ file, text })));
}

function expectTurkish(issue: KnowledgeIssue): void {
  const english = ENGLISH.exec(ownWords(issue.message));
  if (english) throw new Error(`English word "${english[0]}" in ${formatIssue(issue)}`);
}

describe("every knowledge error and warning is Turkish and names its own file and line", () => {
  it.each(Object.entries(CASES))("%s", (_name, c) => {
    const result = load(c);
    const file = brokenFile(c);
    const lineCount = (c.files[file] ?? "").split("\n").length;
    const issues = [...result.errors, ...result.warnings];
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.file).toBe(file);
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.line).toBeLessThanOrEqual(lineCount);
      expect(formatIssue(issue)).toMatch(new RegExp(`^\\[knowledge\\] knowledge/${file.replace(/\./g, "\\.")}:${issue.line}: \\S`));
      expectTurkish(issue);
    }
    expect(result.errors.map((issue) => issue.line)).toEqual(c.errors);
    expect(result.warnings.map((issue) => issue.line)).toEqual(c.warnings ?? []);
    expect(issues.some((issue) => c.says.test(issue.message))).toBe(true);
  });

  it("a refused file's links are a warning in the file that points to it, naming only the refused file it likely points to", () => {
    const result = loadKnowledgeTexts([
      { file: "a.md", text: md("question: CRM: nedir?\n") },
      { file: "b.md", text: GOOD("b", "İkinci soru nedir?", "related:\n  - a\n") },
      { file: "c.md", text: md("id: c\nquestion: Üçüncü soru?\nalternates:\n\t- x\n") },
    ]);
    expect(result.errors).toEqual([
      { file: "a.md", line: 2, message: expect.stringMatching(/^YAML okunamadı: /) },
      { file: "c.md", line: 5, message: expect.stringMatching(/^YAML okunamadı: /) },
    ]);
    expect(result.warnings).toEqual([{ file: "b.md", line: 7, message: expect.stringMatching(/"a" adında bir girdi yok; hatalı bir dosyada olabilir \(a\.md\): /) }]);
    for (const issue of [...result.errors, ...result.warnings]) expectTurkish(issue);
  });
});

describe("a link to an id no served entry has, while files are refused (QA 48 #9)", () => {
  const broken = [
    { file: "hatalar/a-soru-yok.md", text: md("alternates:\n  - x\n") },
    { file: "hatalar/e-id-buyuk.md", text: md('id: Ödeme-Taksit\nquestion: "Taksit var mı?"\n') },
    { file: "hatalar/h-yaml.md", text: md('id: hedef\nquestion: "Hedef: nedir?\n') },
    { file: "hatalar/s/synonyms.yaml", text: "- [tek]\n" },
  ];
  const linking = (id: string): { file: string; text: string } => ({ file: "b.md", text: GOOD("b", "İkinci soru nedir?", `related:\n  - ${id}\n`) });

  it("names only the refused files that may define it: the id a broken Markdown file names, a .qna file that does not parse", () => {
    const toTarget = loadKnowledgeTexts([...broken, linking("hedef")]);
    expect(toTarget.warnings.filter((w) => w.file === "b.md")).toEqual([{ file: "b.md", line: 7, message: expect.stringMatching(/"hedef" adında bir girdi yok; hatalı bir dosyada olabilir \(hatalar\/h-yaml\.md\): /) }]);
    const withQna = loadKnowledgeTexts([...broken, { file: "hatalar/g.qna", text: `# ? Soru nedir?\n${F}\nkapanmayan cevap\n` }, linking("yok-boyle-bir-id")]);
    expect(withQna.warnings.filter((w) => w.file === "b.md")).toEqual([{ file: "b.md", line: 7, message: expect.stringMatching(/hatalı bir dosyada olabilir \(hatalar\/g\.qna\): /) }]);
  });

  it("is an error in the linking file when no refused file may define it", () => {
    const result = loadKnowledgeTexts([...broken, linking("yok-boyle-bir-id")]);
    expect(result.errors.filter((e) => e.file === "b.md")).toEqual([{ file: "b.md", line: 7, message: '"related" içindeki "yok-boyle-bir-id" adında bir girdi yok' }]);
    expect(result.warnings.filter((w) => w.file === "b.md")).toEqual([]);
    // served without the link, as when nothing else is broken
    expect(result.knowledgeBase?.byId.get("b")?.related).toEqual([]);
  });
});

describe("folder and whole-file problems", () => {
  it("names the folder, or the file without a line, in Turkish", async () => {
    const missing = await loadKnowledge(join(tmpdir(), "memnun-does-not-exist"));
    const empty = await loadKnowledge(await folderWith({ "README.md": "# Rehber\n" }));
    const big = await loadKnowledge(await folderWith({ "a.md": GOOD("a", "Birinci soru nedir?"), "b.md": GOOD("b", "İkinci soru nedir?") }), { maxFileBytes: 100 });
    expect(missing.errors.map((issue) => formatIssue(issue))).toEqual([expect.stringMatching(/^\[knowledge\] knowledge: bilgi klasörü bulunamadı: /)]);
    expect(empty.errors.map((issue) => formatIssue(issue))).toEqual(["[knowledge] knowledge: klasörde hiç bilgi dosyası (.md ya da .qna) yok"]);
    expect(big.errors.map((issue) => formatIssue(issue))).toEqual([
      expect.stringMatching(/^\[knowledge\] knowledge\/a\.md: dosya 1 KB; dosya başına sınır 0 KB/),
      expect.stringMatching(/^\[knowledge\] knowledge\/b\.md: dosya 1 KB/),
    ]);
    for (const issue of [...missing.errors, ...empty.errors, ...big.errors]) expectTurkish(issue);
  });

  it("names the line of the first byte that is not UTF-8, in Turkish", async () => {
    const dir = await folderWith({ "a.md": GOOD("a", "Birinci soru nedir?") });
    // "Şu" in Windows-1254 (Notepad's "ANSI"), and Notepad's "Unicode" (UTF-16 with its byte order mark)
    await writeFile(join(dir, "b.md"), Buffer.concat([Buffer.from(md("id: b\nquestion: İkinci soru?\n")), Buffer.from([0xde, 0x75, 0x0a])]));
    await writeFile(join(dir, "bot.yaml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("greeting: Merhaba\n", "utf16le")]));
    const result = await loadKnowledge(dir);
    expect(result.errors.map((issue) => formatIssue(issue))).toEqual([
      expect.stringMatching(/^\[knowledge\] knowledge\/b\.md:7: dosya UTF-8 değil: /),
      expect.stringMatching(/^\[knowledge\] knowledge\/bot\.yaml:1: dosya UTF-16 \("Unicode"\) olarak kaydedilmiş/),
    ]);
    for (const issue of result.errors) expectTurkish(issue);
  });
});

describe("YAML errors", () => {
  /** Every code of the yaml package (yaml/dist/errors.d.ts); the compiler fails if one is added or removed. */
  const CODES: Record<ErrorCode, true> = {
    ALIAS_PROPS: true,
    BAD_ALIAS: true,
    BAD_DIRECTIVE: true,
    BAD_DQ_ESCAPE: true,
    BAD_INDENT: true,
    BAD_PROP_ORDER: true,
    BAD_SCALAR_START: true,
    BLOCK_AS_IMPLICIT_KEY: true,
    BLOCK_IN_FLOW: true,
    DUPLICATE_KEY: true,
    IMPOSSIBLE: true,
    KEY_OVER_1024_CHARS: true,
    MISSING_CHAR: true,
    MULTILINE_IMPLICIT_KEY: true,
    MULTIPLE_ANCHORS: true,
    MULTIPLE_DOCS: true,
    MULTIPLE_TAGS: true,
    NON_STRING_KEY: true,
    RESOURCE_EXHAUSTION: true,
    TAB_AS_INDENT: true,
    TAG_RESOLVE_FAILED: true,
    UNEXPECTED_TOKEN: true,
    BAD_COLLECTION_TYPE: true,
  };

  it.each(Object.keys(CODES))("%s has a Turkish text without the library's English", (code) => {
    const message = yamlErrorMessage({ code, message: "Some English detail from the library" });
    expect(message).toMatch(/^YAML okunamadı: \S/);
    expect(message).not.toMatch(/English detail/);
    expectTurkish({ file: "a.md", line: 1, message });
  });

  it("a code it does not know keeps the library's first line in parentheses", () => {
    // a newer yaml package may add a code: the text must still say what happened
    expect(yamlErrorMessage({ code: "SOMETHING_NEW", message: "Something new happened\nat line 3" })).toBe("YAML okunamadı (Something new happened)");
  });
});
