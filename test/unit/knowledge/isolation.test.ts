import { execFile } from "node:child_process";
import { rm, unlink, utimes } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { runKbCheck } from "../../../bot/cli/kb-check";
import { JUST_EDITED_WINDOW_MS, loadKnowledge, loadKnowledgeTexts, type LoadResult } from "../../../bot/knowledge/loader";
import { KnowledgeService } from "../../../bot/knowledge/service";
import { createLogger } from "../../../bot/logger";
import { folderWith, writeFiles } from "../../helpers/knowledge";
import { PROCESS_TEST_TIMEOUT_MS } from "../../helpers/cli";

const REPO = join(__dirname, "..", "..", "..");
const FIXTURE = join(REPO, "test", "fixtures", "knowledge-isolation");

const entry = (id: string, question: string, extra = ""): string =>
  `---\nid: ${id}\nquestion: "${question}"\nalternates:\n  - "${question} acaba"\n${extra}---\n\nBu yeterince uzun, gerçek bir cevap metnidir ve kontrolü geçer (${id}).\n`;
const BROKEN_YAML = "---\nid: x\nquestion: [kapanmayan\n---\n\nBu yeterince uzun, gerçek bir cevap metnidir.\n";

const at = (result: LoadResult): string[] => result.errors.map((e) => `${e.file}:${e.line}`);
const ids = (result: LoadResult): string[] => result.entries.map((e) => e.id).sort();

describe("per-file isolation at start", () => {
  it("serves every valid file; the broken one is refused alone and only its own line is an error", async () => {
    const result = await loadKnowledge(FIXTURE);
    expect(at(result)).toEqual(["bozuk.md:3"]);
    expect(result.errors[0]?.message).toMatch(/YAML okunamadı: "\[" ile açılan liste kapatılmamış: listenin sonuna "\]" ekleyin/);
    expect(result.refused).toEqual([{ file: "bozuk.md", servingLastGood: false }]);
    expect(ids(result)).toEqual(["bozuga-bagli", "kargo-ucreti-ne-kadar", "nps-nasil", "nps-neden"]);
    expect(result.knowledgeBase?.byId.get("nps-neden")?.related).toEqual(["nps-nasil"]);
    // the healthy file pointing into the broken one: a warning, the link left out
    expect(result.knowledgeBase?.byId.get("bozuga-bagli")?.related).toEqual([]);
    expect(result.warnings).toContainEqual({ file: "bozuga-bagli.md", line: 7, message: expect.stringMatching(/"bozuk" adında bir girdi yok; hatalı bir dosyada olabilir \(bozuk\.md\)/) });
  });

  it("reads synonyms.yaml and .qna alterations as synonym groups, with file and line", async () => {
    const { knowledgeBase } = await loadKnowledge(FIXTURE);
    expect(knowledgeBase?.synonyms).toEqual([
      { words: ["kargo", "gönderi", "sevkiyat"], source: { file: "kargo.qna", line: 1 } },
      { words: ["memnuniyet", "tatmin", "hoşnutluk", "satisfaction"], source: { file: "synonyms.yaml", line: 2 } },
      { words: ["müşteri memnuniyeti", "customer satisfaction"], source: { file: "synonyms.yaml", line: 3 } },
    ]);
    expect(Object.isFrozen(knowledgeBase?.synonyms[0]?.words)).toBe(true);
  });

  it("finds synonyms.yaml in a sub-folder too", async () => {
    const dir = await folderWith({ "a.md": entry("a", "Soru nedir?"), "alt/synonyms.yaml": "- [a, b]\n" });
    expect((await loadKnowledge(dir)).knowledgeBase?.synonyms).toEqual([{ words: ["a", "b"], source: { file: "alt/synonyms.yaml", line: 1 } }]);
  });

  it("keeps different questions apart: question words count", async () => {
    const dir = await folderWith({
      "a.md": entry("a", "NPS neden ölçülür?"),
      "b.md": entry("b", "NPS nasıl ölçülür?"),
      "c.md": entry("c", "Why use MS Teams?"),
      "d.md": entry("d", "How to use MS Teams?"),
    });
    const result = await loadKnowledge(dir);
    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(["a", "b", "c", "d"]);
  });

  it("charges a duplicate to the later file, which alone is refused", async () => {
    const dir = await folderWith({
      "a.md": entry("a", "Müşteri deneyimi nedir?"),
      "b.md": entry("b", "MÜŞTERİ DENEYİMİ NEDİR"),
      "c.md": entry("a", "Başka bir soru nedir?"),
      "d.md": entry("d", "CRM nedir?"),
    });
    const result = await loadKnowledge(dir);
    expect(result.errors).toEqual([
      { file: "b.md", line: 3, message: 'aynı soru başka bir girdide de var: a.md:3 ("Müşteri deneyimi nedir?")' },
      { file: "c.md", line: 2, message: '"a" id\'si başka bir girdide de kullanılıyor (a.md:2); her girdinin id\'si farklı olmalı' },
    ]);
    expect(ids(result)).toEqual(["a", "d"]);
    expect(result.knowledgeBase?.byId.get("a")?.question).toBe("Müşteri deneyimi nedir?");
  });

  it("charges a synonym in two files' groups to the later file", async () => {
    const dir = await folderWith({
      "a.md": entry("a", "Soru nedir?"),
      "kargo.qna": "$kargo : qna-alterations =\n- gönderi\n",
      "synonyms.yaml": "- [sadakat, bağlılık]\n- [Gönderi, sevkiyat]\n",
    });
    const result = await loadKnowledge(dir);
    expect(result.errors).toEqual([{ file: "synonyms.yaml", line: 2, message: '"Gönderi" iki grupta: kargo.qna:1 grubunda da var; bir kelime yalnızca bir grupta olabilir' }]);
    expect(result.knowledgeBase?.synonyms.map((g) => g.words[0])).toEqual(["kargo"]);
  });

  it("refuses a file whose related points nowhere, when nothing else is broken", async () => {
    const dir = await folderWith({ "a.md": entry("a", "Soru nedir?", "related:\n  - yok\n"), "b.md": entry("b", "CRM nedir?", "related:\n  - a\n") });
    const result = await loadKnowledge(dir);
    expect(result.errors).toEqual([{ file: "a.md", line: 7, message: '"related" içindeki "yok" adında bir girdi yok' }]);
    expect(ids(result)).toEqual(["b"]);
    // b's target is in a refused file: a warning in b, not an error
    expect(result.warnings).toContainEqual({ file: "b.md", line: 7, message: expect.stringMatching(/"related" içindeki "a" adında bir girdi yok/) });
  });
});

/**
 * QA 46: an editor changes one file's id to one another file has. The folder below has the same
 * shape as the shipped knowledge: the edited file sorts first, and other files link to its old id.
 */
describe("a reused id is charged to the file that took it, with or without history", () => {
  const linksTo = (...ids: string[]): string => `related:\n${ids.map((id) => `  - ${id}\n`).join("")}`;
  const SHIPPED = {
    "iletisim/musteri-iletisimi.md": entry("musteri-iletisimi", "Müşteri iletişimi nedir?", linksTo("musteri-deneyimi")),
    "kavramlar/musteri-deneyimi.md": entry("musteri-deneyimi", "Müşteri deneyimi nedir?", linksTo("musteri-iletisimi")),
    "olcum/ces.md": entry("ces", "CES nedir?", linksTo("csat")),
    "olcum/csat.md": entry("csat", "CSAT nedir?", linksTo("nps", "ces")),
    "olcum/davranis-modelleri.md": entry("davranis-modelleri", "Davranış modelleri nelerdir?", linksTo("musteri-deneyimi")),
    "olcum/nps.md": entry("nps", "NPS nedir?", linksTo("csat", "ces")),
  };
  const TAKES_NPS = { "kavramlar/musteri-deneyimi.md": entry("nps", "Müşteri deneyimi nedir?", linksTo("musteri-iletisimi")) };
  const TAKES_CES = { "olcum/csat.md": entry("ces", "CSAT nedir?", linksTo("nps", "ces")) };
  const issues = (list: LoadResult["errors"]): string[] => list.map((issue) => `${issue.file}:${issue.line}: ${issue.message}`);
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("a fresh process: the edited file is refused, the owner keeps the id, and links to the edited file are only warnings", async () => {
    dir = await folderWith({ ...SHIPPED, ...TAKES_NPS });
    const result = await loadKnowledge(dir);
    expect(issues(result.errors)).toEqual([
      'kavramlar/musteri-deneyimi.md:2: "nps" id\'si başka bir girdide de kullanılıyor (olcum/nps.md:2); her girdinin id\'si farklı olmalı',
    ]);
    expect(result.refused).toEqual([{ file: "kavramlar/musteri-deneyimi.md", servingLastGood: false }]);
    expect(result.knowledgeBase?.byId.get("nps")).toMatchObject({ question: "NPS nedir?", source: { file: "olcum/nps.md" } });
    // the files that link to the edited one are served, the link left out until it is fixed
    expect(ids(result)).toEqual(["ces", "csat", "davranis-modelleri", "musteri-iletisimi", "nps"]);
    expect(result.knowledgeBase?.byId.get("musteri-iletisimi")?.related).toEqual([]);
    expect(issues(result.warnings)).toEqual([
      expect.stringMatching(/^iletisim\/musteri-iletisimi\.md:7: "related" içindeki "musteri-deneyimi" adında bir girdi yok; hatalı bir dosyada olabilir \(kavramlar\/musteri-deneyimi\.md\)/),
      expect.stringMatching(/^olcum\/davranis-modelleri\.md:7: "related" içindeki "musteri-deneyimi" adında bir girdi yok; hatalı bir dosyada olabilir \(kavramlar\/musteri-deneyimi\.md\)/),
    ]);
  });

  it("a running server charges the same file, which keeps its last good version", async () => {
    dir = await folderWith(SHIPPED);
    const first = await loadKnowledge(dir);
    expect(first.errors).toEqual([]);
    await writeFiles(dir, TAKES_NPS);
    const next = await loadKnowledge(dir, { lastGood: first.accepted });
    expect(issues(next.errors)).toEqual([
      'kavramlar/musteri-deneyimi.md:2: "nps" id\'si başka bir girdide de kullanılıyor (olcum/nps.md:2); her girdinin id\'si farklı olmalı',
    ]);
    expect(next.refused).toEqual([{ file: "kavramlar/musteri-deneyimi.md", servingLastGood: true }]);
    expect(next.knowledgeBase?.byId.get("nps")?.source.file).toBe("olcum/nps.md");
    expect(next.knowledgeBase?.byId.get("musteri-deneyimi")?.question).toBe("Müşteri deneyimi nedir?");
    expect(next.warnings).toEqual([]);
  });

  it.each([
    ["a fresh process", false],
    ["a running server", true],
  ])("an id taken by a file that links to it is a duplicate, not a link to itself (%s)", async (_, running) => {
    dir = await folderWith(SHIPPED);
    const first = await loadKnowledge(dir);
    await writeFiles(dir, TAKES_CES);
    const result = await loadKnowledge(dir, running ? { lastGood: first.accepted } : {});
    expect(issues(result.errors)).toEqual(['olcum/csat.md:2: "ces" id\'si başka bir girdide de kullanılıyor (olcum/ces.md:2); her girdinin id\'si farklı olmalı']);
    expect(result.knowledgeBase?.byId.get("ces")?.source.file).toBe("olcum/ces.md");
    // without history nothing of csat.md is served, and the links to it wait for it
    expect(result.warnings.map((warning) => `${warning.file}:${warning.line}`)).toEqual(running ? [] : ["olcum/ces.md:7", "olcum/nps.md:7"]);
  });

  it("a link to itself is still an error when the id is the file's alone", async () => {
    dir = await folderWith({ "a.md": entry("a", "Birinci soru nedir?", linksTo("a")), "b.md": entry("b", "İkinci soru nedir?") });
    expect(issues((await loadKnowledge(dir)).errors)).toEqual(['a.md:7: "related" girdinin kendisini gösteriyor']);
  });

  it("without a file named after the id, the file saved last is charged, and path order decides between files saved together", async () => {
    const now = Date.now() / 1000;
    const saved = async (times: Record<string, number>): Promise<void> => {
      for (const [file, secondsAgo] of Object.entries(times)) await utimes(join(dir, file), now - secondsAgo, now - secondsAgo);
    };
    dir = await folderWith({ "a.md": entry("ortak", "Birinci soru nedir?"), "b.md": entry("ortak", "İkinci soru nedir?"), "c.md": entry("c", "Üçüncü soru nedir?") });
    const window = JUST_EDITED_WINDOW_MS / 1000;
    await saved({ "a.md": 0, "b.md": 24 * 3600, "c.md": 24 * 3600 });
    expect(at(await loadKnowledge(dir))).toEqual(["a.md:2"]);
    await saved({ "a.md": 0, "b.md": window / 2, "c.md": 24 * 3600 });
    expect(at(await loadKnowledge(dir))).toEqual(["b.md:2"]);
  });

  it("a link to an id nothing defines or is named after still refuses the new file", async () => {
    dir = await folderWith({ ...SHIPPED, "olcum/yeni.md": entry("yeni", "Yeni soru nedir?", linksTo("musteri-deneyimi-yok")) });
    const result = await loadKnowledge(dir);
    expect(issues(result.errors)).toEqual(['olcum/yeni.md:7: "related" içindeki "musteri-deneyimi-yok" adında bir girdi yok']);
    expect(result.refused).toEqual([{ file: "olcum/yeni.md", servingLastGood: false }]);
  });
});

describe("per-file isolation on reload (lastGood)", () => {
  let dir: string;
  let first: LoadResult;
  beforeEach(async () => {
    dir = await folderWith({
      "a.md": entry("a", "Müşteri deneyimi nedir?"),
      "b.md": entry("b", "CRM nedir?", "related:\n  - a\n"),
      "synonyms.yaml": "- [memnuniyet, tatmin]\n",
    });
    first = await loadKnowledge(dir);
    expect(first.errors).toEqual([]);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("a broken file keeps its last good version while other edits go live", async () => {
    await writeFiles(dir, { "a.md": BROKEN_YAML, "b.md": entry("b", "CRM ne demek?", "related:\n  - a\n") });
    const next = await loadKnowledge(dir, { lastGood: first.accepted });
    expect(at(next)).toEqual(["a.md:3"]);
    expect(next.refused).toEqual([{ file: "a.md", servingLastGood: true }]);
    expect(next.knowledgeBase?.byId.get("a")?.question).toBe("Müşteri deneyimi nedir?");
    expect(next.knowledgeBase?.byId.get("b")).toMatchObject({ question: "CRM ne demek?", related: ["a"] });
  });

  it("a broken synonyms.yaml keeps its last good groups", async () => {
    await writeFiles(dir, { "synonyms.yaml": "- [memnuniyet, tatmin]\n- [tek]\n" });
    const next = await loadKnowledge(dir, { lastGood: first.accepted });
    expect(next.errors).toEqual([{ file: "synonyms.yaml", line: 2, message: "bir grupta en az iki kelime olmalı" }]);
    expect(next.knowledgeBase?.synonyms.map((g) => g.words)).toEqual([["memnuniyet", "tatmin"]]);
  });

  it("charges a clash to the edited file even when it sorts first", async () => {
    await writeFiles(dir, { "0.md": entry("b", "Yeni soru nedir?"), "a.md": entry("a", "CRM nedir?") });
    const next = await loadKnowledge(dir, { lastGood: first.accepted });
    expect(next.errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([
      '0.md:2: "b" id\'si başka bir girdide de kullanılıyor (b.md:2); her girdinin id\'si farklı olmalı',
      'a.md:3: aynı soru başka bir girdide de var: b.md:3 ("CRM nedir?")',
    ]);
    expect(next.refused).toEqual([
      { file: "0.md", servingLastGood: false },
      { file: "a.md", servingLastGood: true },
    ]);
    expect(next.knowledgeBase?.byId.get("a")?.question).toBe("Müşteri deneyimi nedir?");
    expect(next.knowledgeBase?.byId.get("b")?.question).toBe("CRM nedir?");
  });

  it("an edit whose related points nowhere keeps the last good version", async () => {
    await writeFiles(dir, { "b.md": entry("b", "CRM ne demek?", "related:\n  - yok\n") });
    const next = await loadKnowledge(dir, { lastGood: first.accepted });
    expect(next.errors).toEqual([{ file: "b.md", line: 7, message: '"related" içindeki "yok" adında bir girdi yok' }]);
    expect(next.knowledgeBase?.byId.get("b")).toMatchObject({ question: "CRM nedir?", related: ["a"] });
  });

  it("deleting a target leaves the link out and reports the file that points to it", async () => {
    await unlink(join(dir, "a.md"));
    const next = await loadKnowledge(dir, { lastGood: first.accepted });
    expect(next.errors).toEqual([{ file: "b.md", line: 7, message: '"related" içindeki "a" adında bir girdi yok' }]);
    expect(next.knowledgeBase?.byId.get("b")?.related).toEqual([]);
  });

  it("fixing the file serves its new version", async () => {
    await writeFiles(dir, { "a.md": BROKEN_YAML });
    const broken = await loadKnowledge(dir, { lastGood: first.accepted });
    await writeFiles(dir, { "a.md": entry("a", "Müşteri deneyimi ne demek?") });
    const fixed = await loadKnowledge(dir, { lastGood: broken.accepted });
    expect(fixed.errors).toEqual([]);
    expect(fixed.refused).toEqual([]);
    expect(fixed.knowledgeBase?.byId.get("a")?.question).toBe("Müşteri deneyimi ne demek?");
  });
});

describe("KnowledgeService with a broken file", () => {
  let dir: string;
  let service: KnowledgeService;
  beforeEach(async () => {
    dir = await folderWith({ "a.md": BROKEN_YAML, "b.md": entry("b", "CRM nedir?"), "synonyms.yaml": "- [memnuniyet, tatmin]\n" });
    service = new KnowledgeService({ dir, logger: createLogger("silent"), debounceMs: 50 });
    await service.reload();
  });
  afterEach(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the valid files at start and names the broken one with its line", () => {
    expect(service.current().entries.map((e) => e.id)).toEqual(["b"]);
    const status = service.status();
    expect(status.entries).toBe(1);
    expect(status.brokenFiles).toEqual([{ file: expect.stringMatching(/\/a\.md$/), serving: "nothing", errors: [{ line: 3, message: expect.stringMatching(/YAML okunamadı/) }] }]);
    expect(status.lastError).toMatch(/a\.md:3: YAML okunamadı/);
  });

  it("puts other edits live, keeps the broken file out, and clears the report once fixed", async () => {
    await writeFiles(dir, { "synonyms.yaml": "- [memnuniyet, tatmin, hoşnutluk]\n", "b.md": entry("b", "CRM ne demek?") });
    await service.reload();
    expect(service.current().synonyms.map((g) => g.words)).toEqual([["memnuniyet", "tatmin", "hoşnutluk"]]);
    expect(service.current().byId.get("b")?.question).toBe("CRM ne demek?");
    expect(service.status().brokenFiles.map((b) => b.serving)).toEqual(["nothing"]);

    await writeFiles(dir, { "a.md": entry("a", "Müşteri deneyimi nedir?") });
    await service.reload();
    expect(service.status()).toMatchObject({ entries: 2, brokenFiles: [], lastError: null });
  });

  it("keeps serving a file's last good version once it broke", async () => {
    await writeFiles(dir, { "b.md": "---\nid: b\nquestoin: typo\n---\n\nCevap.\n" });
    await service.reload();
    expect(service.current().byId.get("b")?.question).toBe("CRM nedir?");
    expect(service.status().brokenFiles).toEqual([
      { file: expect.stringMatching(/\/a\.md$/), serving: "nothing", errors: [expect.objectContaining({ line: 3 })] },
      { file: expect.stringMatching(/\/b\.md$/), serving: "last-good", errors: expect.arrayContaining([{ line: 3, message: expect.stringMatching(/tanınmayan alan "questoin"/) }]) },
    ]);
  });
});

describe("kb:check on a folder with one broken file", () => {
  it("exits non-zero and names only the broken file", async () => {
    const lines: string[] = [];
    expect(await runKbCheck([FIXTURE], {}, (t) => lines.push(t))).toBe(1);
    const errors = lines.filter((line) => line.startsWith("hata"));
    expect(errors).toEqual([expect.stringMatching(/^hata {2}test\/fixtures\/knowledge-isolation\/bozuk\.md:3: YAML okunamadı/)]);
    expect(lines.at(-1)).toMatch(/6 dosya, 4 girdi, 3 eş anlamlı grubu, 1 hata, 1 uyarı — yukarıdaki hataları düzeltin; bot diğer dosyaları sunar/);
  });

  it(
    "as a real process: exit code 1, the broken file on stdout",
    async () => {
      const run = promisify(execFile)("npm", ["run", "--silent", "kb:check", "--", FIXTURE], { cwd: REPO });
      await expect(run).rejects.toMatchObject({ code: 1, stdout: expect.stringMatching(/knowledge-isolation\/bozuk\.md:3: YAML okunamadı/) });
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it("a valid synonyms file passes", async () => {
    const dir = await folderWith({ "a.md": entry("a", "Soru nedir?"), "synonyms.yaml": "- [memnuniyet, tatmin]\n" });
    const lines: string[] = [];
    expect(await runKbCheck([dir], {}, (t) => lines.push(t))).toBe(0);
    expect(lines.at(-1)).toMatch(/2 dosya, 1 girdi, 1 eş anlamlı grubu, 0 hata, 0 uyarı — tamam$/);
  });
});

describe("a folder that cannot be read (loadKnowledgeTexts, as loadKnowledge gives it one)", () => {
  // as root every folder can be read; test/cli/unreadable-folder.test.ts meets a real one as another user
  const folder = { folder: "olcum", message: "klasör okunamıyor: okuma izni yok" };
  const lastGood = loadKnowledgeTexts([
    { file: "olcum/nps.md", text: entry("nps", "NPS nedir?") },
    { file: "kavramlar/cx.md", text: entry("cx", "Müşteri deneyimi nedir?", "related:\n  - nps\n") },
  ]).accepted;

  it("is one error by its own path; its files are served at their last good versions, the others as they are", () => {
    const result = loadKnowledgeTexts([{ file: "kavramlar/cx.md", text: entry("cx", "Müşteri deneyimi nedir (yeni)?", "related:\n  - nps\n") }], { lastGood }, 2, [folder]);
    expect(result.errors).toEqual([{ file: "olcum", line: 0, message: "klasör okunamıyor: okuma izni yok" }]);
    expect(result.refused).toEqual([{ file: "olcum/nps.md", servingLastGood: true }]);
    expect(result.entries.map((e) => [e.id, e.question])).toEqual([
      ["cx", "Müşteri deneyimi nedir (yeni)?"],
      ["nps", "NPS nedir?"],
    ]);
    expect(result.knowledgeBase?.byId.get("cx")?.related).toEqual(["nps"]);
    expect(result.unreadableFolders).toEqual(["olcum"]);
  });

  it("without last good versions, a link into it is a warning naming the folder, not an error of the linking file", () => {
    const result = loadKnowledgeTexts([{ file: "kavramlar/cx.md", text: entry("cx", "Müşteri deneyimi nedir?", "related:\n  - nps\n") }], {}, 1, [folder]);
    expect(at(result)).toEqual(["olcum:0"]);
    expect(ids(result)).toEqual(["cx"]);
    expect(result.warnings).toContainEqual({ file: "kavramlar/cx.md", line: 7, message: expect.stringMatching(/"nps" adında bir girdi yok; hatalı bir dosyada olabilir \(olcum\/\)/) });
  });
});
