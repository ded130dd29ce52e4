import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runKbExport } from "../../../bot/cli/kb-export";
import { runKbImport } from "../../../bot/cli/kb-import";
import { keepVersions, keptVersionsPath } from "../../../bot/knowledge/kept-versions";
import { loadKnowledge, loadKnowledgeTexts } from "../../../bot/knowledge/loader";
import type { KnowledgeEntry } from "../../../bot/knowledge/types";
import { bfLuRead, fromBfLu, fromMemnun } from "../../helpers/bf-lu";
import { childEnv, PROCESS_TEST_TIMEOUT_MS } from "../../helpers/cli";

const REPO = join(__dirname, "..", "..", "..");
const CORPUS = join(REPO, "test", "fixtures", "qna-corpus");
const run = promisify(execFile);

const temp = (): Promise<string> => mkdtemp(join(tmpdir(), "memnun-rt-"));

/** Markdown files load in file-name order, so compare pairs in a fixed order. */
const sorted = <T>(items: readonly T[]): T[] => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Everything an entry holds but where it came from. */
const content = (entries: readonly KnowledgeEntry[]): unknown[] =>
  sorted(entries.map(({ source: _source, lines: _lines, ...rest }) => ({ ...rest, relatedTitles: rest.relatedTitles ?? {}, contextOnly: rest.contextOnly ?? false })));

async function importInto(file: string): Promise<{ dir: string; code: number; out: string[]; err: string[] }> {
  const dir = await temp();
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKbImport([join(CORPUS, file), "--out", dir], {}, (t) => out.push(t), (t) => err.push(t));
  return { dir, code, out, err };
}

async function exportOf(dir: string): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKbExport(["--qna", dir], {}, (t) => out.push(t), (t) => err.push(t));
  expect({ code, err }).toEqual({ code: 0, err: [] });
  return `${out.join("\n")}\n`;
}

const CORPUS_FILES = ["baglantilar.qna", "cince.qna", "cok-turlu.qna", "esanlamlar.qna", "filtreler.qna", "lu-bolumu.qna", "referanslar.qna", "temel.qna", "uzun-sorular.qna"];

describe("kb:import: .qna → Markdown", () => {
  it.each(CORPUS_FILES)("%s: the Markdown entries load to the same entries and synonyms", async (file) => {
    const text = await readFile(join(CORPUS, file), "utf8");
    const original = loadKnowledgeTexts([{ file, text }]);
    const { dir, code, out } = await importInto(file);
    expect(code).toBe(0);
    expect(out[0]).toMatch(new RegExp(`^${file}: ${original.entries.length} girdi`));
    const imported = await loadKnowledge(dir);
    expect(imported.errors).toEqual([]);
    expect(content(imported.entries)).toEqual(content(original.entries));
    expect(imported.knowledgeBase?.synonyms.map((g) => g.words)).toEqual(original.knowledgeBase?.synonyms.map((g) => g.words));
  });

  it("writes nothing over existing files, unless --force", async () => {
    const first = await importInto("temel.qna");
    const again = await runKbImport([join(CORPUS, "temel.qna"), "--out", first.dir], {}, () => undefined, () => undefined);
    expect(again).toBe(1);
    expect(await runKbImport([join(CORPUS, "temel.qna"), "--out", first.dir, "--force"], {}, () => undefined, () => undefined)).toBe(0);
  });

  it("writes nothing for a .qna with errors, and names the line", async () => {
    const dir = await temp();
    await writeFile(join(dir, "bozuk.qna"), "# ? Soru nedir?\n- alternatif\n");
    const err: string[] = [];
    const out = join(dir, "out");
    expect(await runKbImport([join(dir, "bozuk.qna"), "--out", out], {}, () => undefined, (t) => err.push(t))).toBe(1);
    expect(err.join("\n")).toMatch(/bozuk\.qna:1: "[^"]*" sorusunun cevabı yok/);
    await expect(readdir(out)).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("kb:export --qna: bf-lu reads back the same pairs", () => {
  it("the real knowledge base", async () => {
    const dir = join(REPO, "knowledge");
    const memnun = await loadKnowledge(dir);
    const oracle = await bfLuRead(await exportOf(dir));
    expect(fromBfLu(oracle)).toEqual(fromMemnun(memnun.entries));
    expect(oracle.pairs).toHaveLength(memnun.entries.length);
  });

  it.each(CORPUS_FILES)("%s: .qna → Markdown → .qna gives bf-lu the pairs of the original", async (file) => {
    const original = await bfLuRead(await readFile(join(CORPUS, file), "utf8"));
    const { dir } = await importInto(file);
    const exported = await bfLuRead(await exportOf(dir));
    expect(sorted(fromBfLu(exported))).toEqual(sorted(fromBfLu(original)));
    expect(exported.alterations).toEqual(original.alterations);
  });

  it("Markdown tags, titled follow-ups and follow-up-only entries survive", async () => {
    const dir = await temp();
    const md = (id: string, question: string, extra: string): string =>
      `---\nid: ${id}\nquestion: "${question}"\nalternates: ["${question} acaba"]\n${extra}---\n\nBu yeterince uzun, gerçek bir cevap metnidir (${id}).\n`;
    await writeFile(join(dir, "a.md"), md("a", "CRM nedir?", 'tags: [crm, "kategori:kavram"]\nrelated:\n  - id: b\n    title: "Nasıl seçilir?"\n  - c\n'));
    await writeFile(join(dir, "b.md"), md("b", "CRM yazılımı nasıl seçilir?", "contextOnly: true\n"));
    await writeFile(join(dir, "c.md"), md("c", "CRM ne kazandırır?", ""));
    await writeFile(join(dir, "synonyms.yaml"), "- [müşteri ilişkileri yönetimi, crm]\n");
    const memnun = await loadKnowledge(dir);
    expect(memnun.errors).toEqual([]);
    expect(memnun.knowledgeBase?.byId.get("a")).toMatchObject({ related: ["b", "c"], relatedTitles: { b: "Nasıl seçilir?" }, tags: ["crm", "kategori:kavram"] });
    expect(memnun.knowledgeBase?.byId.get("b")?.contextOnly).toBe(true);
    const text = await exportOf(dir);
    const oracle = await bfLuRead(text);
    expect(fromBfLu(oracle)).toEqual(fromMemnun(memnun.entries));
    expect(oracle.pairs[0]?.metadata).toEqual([{ name: "tag", value: "crm" }, { name: "kategori", value: "kavram" }]);
    expect(oracle.alterations).toEqual([["müşteri ilişkileri yönetimi", "crm"]]);
    // and back: the exported .qna loads to the same content, ids aside
    const back = loadKnowledgeTexts([{ file: "export.qna", text }]);
    expect(fromMemnun(back.entries)).toEqual(fromMemnun(memnun.entries));
  });
});

/** Entries with what `.qna` holds differently (QA 46 editor, bug 7), as `kb:export` finds them in a folder. */
async function awkwardFolder(): Promise<string> {
  const dir = await temp();
  const F = "```";
  const md = (id: string, question: string, extra: string, answer: string): string =>
    `---\nid: ${id}\nquestion: "${question}"\nalternates: ["${question} acaba"]\n${extra}---\n\n${answer}\n`;
  const related = 'related:\n  - id: kampanya\n    title: "Genel [SSS] sayfası"\n  - id: diger\n    title: "Bak](#burada"\n';
  await writeFile(join(dir, "api-anahtari.md"), md("api-anahtari", "API anahtarımı nasıl alırım?", related, `Şöyle alırsınız:\n\n${F}bash\ncurl https://ornek.com/anahtar\n${F}\n\nSonra yapıştırın.`));
  await writeFile(join(dir, "diger.md"), md("diger", "Diğer sorular nerede?", "", "Diğer sorular için SSS sayfamıza bakabilirsiniz, orada hepsi var."));
  await writeFile(join(dir, "gizli.md"), md("gizli", "Gizli soru nedir?", "contextOnly: true\n", "Bu yalnızca takip sorusu olarak sunulan bir cevaptır."));
  await writeFile(join(dir, "kampanya.md"), md("kampanya", "Kampanya nedir?", 'tags: ["kampanya=yaz"]\n', "Yaz kampanyası boyunca tüm ürünlerde yüzde on indirim vardır."));
  await writeFile(join(dir, "satir-ici.md"), md("satir-ici", "Satır içi kod nasıl yazılır?", "", `Şöyle yazın: ${F}kod${F} ve bitti, başka bir şey gerekmez.`));
  return dir;
}

/** Each warning: the file and the line of what changes (the first ``` line, the follow-up, the tag; QA 48 #11), then exactly what changes, in Turkish. */
const AWKWARD_WARNINGS = (dir: string): string[] => [
  `uyarı ${dir}/api-anahtari.md:14: cevaptaki kod bloklarının \`\`\` satırları .qna'da ~~~ olarak yazıldı: .qna cevap bloğu \`\`\` içeremez; Markdown'da aynı kod bloğudur, ama geri okunan cevapta ~~~ kalır`,
  `uyarı ${dir}/api-anahtari.md:8: takip sorusu başlığı "Bak](#burada" .qna'da "Bak] (#burada" olarak yazıldı: "](#" .qna'da başlığı bitirir`,
  `uyarı ${dir}/gizli.md:1: girdi yalnızca takip sorusu olarak sunuluyor (contextOnly), ama hiçbir girdi onu takip sorusu olarak sunmuyor; .qna bunu yalnızca bir takip sorusunda (\`context-only\`) söyleyebildiğinden girdi .qna'da herkesin sorabileceği sıradan bir soru olarak yazıldı`,
  `uyarı ${dir}/kampanya.md:5: "kampanya=yaz" etiketi .qna'da "tag = kampanya=yaz" filtresi olarak yazıldı; QnA Maker onu "tag = kampanya" olarak okur: bf-lu (.qna dosyasını QnA Maker'a yükleyen araç) filtre satırını her "=" işaretinden böler`,
  `uyarı ${dir}/satir-ici.md:7: cevaptaki \`\`\` işaretleri .qna'da ''' olarak yazıldı: .qna cevap bloğu \`\`\` içeremez ve bu cevapta \`\`\` bir satırın içinde (ya da ~~~ ile birlikte) geçiyor; geri okunan cevapta ''' kalır ve kod biçimi kaybolur`,
];

describe("kb:export --qna: what .qna holds differently", () => {
  it("keeps a ] in a follow-up title and code blocks (as ~~~ fences), and says in Turkish, by file and line, exactly what changes", async () => {
    const dir = await awkwardFolder();
    const memnun = await loadKnowledge(dir);
    expect(memnun.errors).toEqual([]);
    const out: string[] = [];
    const err: string[] = [];
    expect(await runKbExport(["--qna", dir], {}, (t) => out.push(t), (t) => err.push(t))).toBe(0);
    expect(err).toEqual(AWKWARD_WARNINGS(dir));
    const text = `${out.join("\n")}\n`;

    const oracle = await bfLuRead(text);
    const pair = (question: string): (typeof oracle.pairs)[number] | undefined => oracle.pairs.find((p) => p.questions[0] === question);
    // bf-lu reads the title as written, ] and all; the code block is the same Markdown block
    expect(pair("API anahtarımı nasıl alırım?")?.context?.prompts.map((p) => p.displayText)).toEqual(["Genel [SSS] sayfası", "Bak] (#burada"]);
    expect(pair("API anahtarımı nasıl alırım?")?.answer).toBe("Şöyle alırsınız:\n\n~~~bash\ncurl https://ornek.com/anahtar\n~~~\n\nSonra yapıştırın.");
    // what the warnings say
    expect(pair("Kampanya nedir?")?.metadata).toEqual([{ name: "tag", value: "kampanya" }]);
    expect(pair("Gizli soru nedir?")?.context?.isContextOnly ?? false).toBe(false);
    expect(pair("Satır içi kod nasıl yazılır?")?.answer).toBe("Şöyle yazın: '''kod''' ve bitti, başka bir şey gerekmez.");

    // Memnun reads the same back
    const back = loadKnowledgeTexts([{ file: "export.qna", text }]);
    expect(back.errors).toEqual([]);
    const api = back.entries.find((entry) => entry.question === "API anahtarımı nasıl alırım?");
    expect(Object.values(api?.relatedTitles ?? {})).toEqual(["Genel [SSS] sayfası", "Bak] (#burada"]);
    expect(api?.answer).toContain("~~~bash\ncurl https://ornek.com/anahtar\n~~~");
    expect(back.entries.find((entry) => entry.question === "Kampanya nedir?")?.tags).toEqual(["kampanya=yaz"]);
  });

  it("writes an answer without ``` as it is, without a warning", async () => {
    const dir = await temp();
    await writeFile(join(dir, "a.md"), '---\nid: a\nquestion: "Tilde nedir?"\nalternates: ["tilde"]\n---\n\nKod:\n\n~~~\nls\n~~~\n');
    const err: string[] = [];
    const out: string[] = [];
    expect(await runKbExport(["--qna", dir], {}, (t) => out.push(t), (t) => err.push(t))).toBe(0);
    expect(err).toEqual([]);
    expect((await bfLuRead(`${out.join("\n")}\n`)).pairs[0]?.answer).toBe("Kod:\n\n~~~\nls\n~~~");
  });
});

describe("the CLIs as real processes", () => {
  // each runs npm and tsx, which compiles the sources: longer than jest's 30 s on a loaded machine
  jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

  it("npm run kb:import, then npm run kb:export --qna", async () => {
    const dir = await temp();
    const imported = await run("npm", ["run", "--silent", "kb:import", "--", join(CORPUS, "cok-turlu.qna"), "--out", dir], { cwd: REPO });
    expect(imported.stdout).toMatch(/cok-turlu\.qna: 5 girdi .* klasörüne yazıldı/);
    expect((await readdir(dir)).sort()).toEqual(["cok-turlu-1.md", "cok-turlu-2.md", "cok-turlu-3.md", "cok-turlu-4.md", "cok-turlu-5.md"]);
    await expect(run("npm", ["run", "--silent", "kb:import", "--", join(CORPUS, "cok-turlu.qna"), "--out", dir], { cwd: REPO })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/bu girdi dosyaları zaten var; hiçbir şey yazılmadı/),
    });
    const exported = await run("npm", ["run", "--silent", "kb:export", "--", "--qna", dir], { cwd: REPO });
    expect(sorted(fromBfLu(await bfLuRead(exported.stdout)))).toEqual(sorted(fromBfLu(await bfLuRead(await readFile(join(CORPUS, "cok-turlu.qna"), "utf8")))));
  }, PROCESS_TEST_TIMEOUT_MS);

  it("npm run kb:export says in Turkish, by file and line, what the .qna file holds differently", async () => {
    const dir = await awkwardFolder();
    const exported = await run("npm", ["run", "--silent", "kb:export", "--", "--qna", dir], { cwd: REPO });
    expect(exported.stderr.trimEnd().split("\n")).toEqual(AWKWARD_WARNINGS(dir));
    expect((await bfLuRead(exported.stdout)).pairs).toHaveLength(5);
  });

  it("npm run kb:export writes what the bot serves while a file is broken: its last good version, named on stderr (QA 48 #12)", async () => {
    const dir = await temp();
    const dataDir = await temp();
    const entry = (id: string, question: string): string => `---\nid: ${id}\nquestion: "${question}"\nalternates: ["${question} acaba"]\n---\n\n${question} sorusunun uzunca bir cevabı burada yazıyor.\n`;
    await writeFile(join(dir, "a.md"), entry("a", "Kargo ne zaman gelir?"));
    await writeFile(join(dir, "b.md"), entry("b", "İade nasıl yapılır?"));
    // as the server keeps them after a load
    await keepVersions(keptVersionsPath(dataDir), dir, (await loadKnowledge(dir)).accepted);
    await writeFile(join(dir, "b.md"), "---\nid: b\nquestion: İade: nasıl yapılır?\n---\n\nYarım kalmış düzenleme.\n");
    await writeFile(join(dir, "c.md"), "---\nid: c\n---\n\nYeni, henüz sorusu yazılmamış girdi.\n");
    const exported = await run("npm", ["run", "--silent", "kb:export", "--", "--qna", dir], { cwd: REPO, env: childEnv({ DATA_DIR: dataDir }) });
    const stderr = exported.stderr.trimEnd().split("\n");
    expect(stderr).toEqual([
      expect.stringMatching(new RegExp(`^hata  ${dir}/b\\.md:3: YAML okunamadı`)),
      expect.stringMatching(new RegExp(`^hata  ${dir}/c\\.md:1: "question" satırı yok`)),
      "[kb:export] yukarıdaki hatalara rağmen bilgi bankası botun sunduğu hâliyle yazıldı; son hatasız sürümleriyle yazılan dosyalar: b.md; hiç hatasız sürümü olmadığı için yazılmayan dosyalar: c.md; hataları düzeltip yeniden dışa aktarın",
    ]);
    expect((await bfLuRead(exported.stdout)).pairs.map((pair) => pair.questions[0])).toEqual(["Kargo ne zaman gelir?", "İade nasıl yapılır?"]);
  });

  it("kb:export refuses a folder with errors and asks for a format", async () => {
    await expect(run("npm", ["run", "--silent", "kb:export", "--", "--qna", join(REPO, "test", "fixtures", "knowledge-broken")], { cwd: REPO })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/eksik-soru\.md:1: "question" satırı yok[\s\S]*hiçbir şey yazılmadı/),
    });
    await expect(run("npm", ["run", "--silent", "kb:export"], { cwd: REPO })).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/biçimi seçin[\s\S]*kullanım: npm run kb:export/) });
  });
});
