import { parseQnaFile } from "../../../bot/knowledge/parse-qna";
import { MAX_SYNONYM_WORDS, parseSynonymsFile } from "../../../bot/knowledge/parse-synonyms";
import { formatIssue } from "../../../bot/knowledge/types";

const FILE = "synonyms.yaml";
const issues = (text: string): string[] => parseSynonymsFile(text, FILE).errors.map((issue) => `${issue.line}: ${issue.message}`);

describe("synonyms.yaml", () => {
  it("reads groups with their lines, as the editor wrote them", () => {
    const parsed = parseSynonymsFile(
      "# Her satır bir eş anlamlılar grubudur.\n- [memnuniyet, tatmin, hoşnutluk, satisfaction]\n\n- - müşteri memnuniyeti\n  - customer satisfaction\n",
      FILE,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.empty).toBe(false);
    expect(parsed.groups).toEqual([
      { words: ["memnuniyet", "tatmin", "hoşnutluk", "satisfaction"], source: { file: FILE, line: 2 } },
      { words: ["müşteri memnuniyeti", "customer satisfaction"], source: { file: FILE, line: 4 } },
    ]);
  });

  it.each(["", "# yalnızca yorum\n", "\uFEFF\r\n", "  \n\n# yorum\n   \n"])("an empty, blank or comment-only file is an error at line 1 (%j): a failed save must not drop every group", (text) => {
    expect(parseSynonymsFile(text, FILE)).toEqual({
      groups: [],
      errors: [{ file: FILE, line: 1, message: expect.stringMatching(/^dosya boş ya da yalnızca açıklama satırları var: /) }],
      warnings: [],
      empty: true,
    });
  });

  it.each<[string, string, string[]]>([
    ["not a list", "memnuniyet: tatmin\n", ['1: dosya bir liste olmalı: her satır "- [kelime, eş anlamlısı, …]" biçiminde bir grup']],
    ["a group that is a word", "- [memnuniyet, tatmin]\n- sadakat\n", ['2: her grup bir kelime listesi olmalı, ör. "- [memnuniyet, tatmin]"']],
    ["a group that is a map", "- [memnuniyet, tatmin]\n- sadakat: bağlılık\n", ['2: her grup bir kelime listesi olmalı, ör. "- [memnuniyet, tatmin]"']],
    ["a nested list", "- [memnuniyet, [tatmin, hoşnutluk]]\n", ["1: grubun her öğesi düz bir kelime ya da kısa ifade olmalı"]],
    ["fewer than two members", "- [memnuniyet, tatmin]\n- [sadakat]\n", ["2: bir grupta en az iki kelime olmalı"]],
    ["an empty group", "- []\n", ["1: bir grupta en az iki kelime olmalı"]],
    ["an empty member", "- [memnuniyet, tatmin]\n- - sadakat\n  - \"  \"\n", ["3: boş kelime: gruptan silin ya da bir kelime yazın"]],
    ["a null member", "- - sadakat\n  -\n", ["2: boş kelime: gruptan silin ya da bir kelime yazın"]],
    ["punctuation only", "- [sadakat, \"?!\"]\n", ["1: boş kelime: gruptan silin ya da bir kelime yazın"]],
    [
      "a member in two groups (written differently)",
      "- [memnuniyet, tatmin]\n- [sadakat, bağlılık]\n- [Tatmın, hoşnutluk]\n",
      ['3: "Tatmın" iki grupta: 1. satırdaki grupta da var; bir kelime yalnızca bir grupta olabilir'],
    ],
    ["a member twice in one group", "- [memnuniyet, tatmin, TATMİN]\n", ['1: "TATMİN" aynı grupta iki kez yazılmış']],
    [
      "a member longer than four words",
      "- [memnuniyet, müşterinin aldığı hizmetten çok memnun kalması]\n",
      [
        `1: "müşterinin aldığı hizmetten çok memnun kalması" 6 kelime; eş anlamlılar en fazla ${MAX_SYNONYM_WORDS} kelimelik kısa ifadeler olmalı (soruları girdinin alternates listesine yazın)`,
      ],
    ],
    ["invalid YAML", "- [memnuniyet, tatmin]\n- [sadakat, bağlılık\n", [expect.stringMatching(/^\d: YAML okunamadı: /)]],
  ])("%s is an error with its line", (_name, text, expected) => {
    expect(issues(text)).toEqual(expected);
    expect(parseSynonymsFile(text, FILE).groups).toEqual([]);
  });

  it("reports every problem of a file at once", () => {
    expect(issues("- [a]\n- [b, \"\"]\n- x\n")).toEqual([
      "1: bir grupta en az iki kelime olmalı",
      "2: boş kelime: gruptan silin ya da bir kelime yazın",
      '3: her grup bir kelime listesi olmalı, ör. "- [memnuniyet, tatmin]"',
    ]);
  });

  it("formats errors like every component, in Turkish", () => {
    const [issue] = parseSynonymsFile("- [a, b]\n- [c, d]\n- [tek]\n", "synonyms.yaml").errors;
    expect(issue && formatIssue(issue)).toBe("[knowledge] knowledge/synonyms.yaml:3: bir grupta en az iki kelime olmalı");
  });

  it("accepts numbers and other scripts as members", () => {
    expect(parseSynonymsFile("- [ISO 10002, 10002]\n- [满意度, 顾客满意]\n", FILE).groups.map((g) => g.words)).toEqual([
      ["ISO 10002", "10002"],
      ["满意度", "顾客满意"],
    ]);
  });
});

describe(".qna qna-alterations", () => {
  it("become synonym groups: the section's name, then its list", () => {
    const parsed = parseQnaFile(
      "$kargo : qna-alterations =\n- gönderi\n- sevkiyat\n\n# ? Kargo ücreti ne kadar?\n- kargo ucreti\n\n```\nKargo ücretsizdir.\n```\n\n$iade:qna-alterations=\n* geri gönderme\n+ para iadesi\n",
      "kargo.qna",
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.synonyms).toEqual([
      { words: ["kargo", "gönderi", "sevkiyat"], source: { file: "kargo.qna", line: 1 } },
      { words: ["iade", "geri gönderme", "para iadesi"], source: { file: "kargo.qna", line: 12 } },
    ]);
    expect(parsed.drafts.map((d) => d.alternates)).toEqual([["kargo ucreti"]]);
  });

  it("a file with only alterations is valid", () => {
    expect(parseQnaFile("$kargo : qna-alterations =\n- gönderi\n", "a.qna")).toMatchObject({ errors: [], drafts: [], synonyms: [{ words: ["kargo", "gönderi"] }] });
  });

  it("an alteration without a list is a warning with its line (an import keeps the rest of the file)", () => {
    expect(parseQnaFile("\n$kargo : qna-alterations =\n", "a.qna")).toMatchObject({
      errors: [],
      synonyms: [],
      warnings: [{ file: "a.qna", line: 2, message: "bir grupta en az iki kelime olmalı; bu grup kullanılmıyor" }],
    });
  });
});
