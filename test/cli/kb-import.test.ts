import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledge } from "../../bot/knowledge/loader";
import { parseSynonymsFile } from "../../bot/knowledge/parse-synonyms";
import { REPO_ROOT, tempDataDir } from "../helpers/app";
import { bfLuRead } from "../helpers/bf-lu";
import { PROCESS_TEST_TIMEOUT_MS, npmRun, npmRunWithFileSizeLimit, withoutNodeWarnings } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/**
 * `npm run kb:import` as editors run it, into folders that already hold their work: the
 * synonyms.yaml they wrote is added to, never replaced, and an entry file is replaced only with
 * --force, after a copy is kept.
 */

const F = "```";
/** A QnA Maker export with three alterations: one new, one the shipped synonyms.yaml has, one sharing two of its words. */
const SSS = [
  "# ? Şifremi nasıl değiştiririm?",
  "- sifre degistirme",
  "- parolamı unuttum",
  "",
  `${F}markdown`,
  "Şifrenizi **Ayarlar > Güvenlik** bölümünden değiştirebilirsiniz.",
  F,
  "",
  "# ? Kargom ne zaman gelir?",
  "- kargo ne zaman gelir",
  F,
  "Kargonuz 2-3 iş günü içinde gelir; takip numarası e-postanızdadır.",
  F,
  "",
  "$parola : qna-alterations =",
  "- şifre",
  "- password",
  "$memnuniyet : qna-alterations =",
  "- tatmin",
  "- hoşnutluk",
  "- satisfaction",
  "$sadakat : qna-alterations =",
  "- bağlılık",
  "- loyalty",
  "",
].join("\n");

const groupsOf = (text: string): string[][] => {
  const parsed = parseSynonymsFile(text, "synonyms.yaml");
  expect(parsed.errors).toEqual([]);
  return parsed.groups.map((group) => [...group.words]);
};

/** A fresh copy of the shipped knowledge, and the .qna export beside it. */
function workspace(): { root: string; knowledge: string; qna: string } {
  const root = tempDataDir();
  const knowledge = join(root, "knowledge");
  cpSync(join(REPO_ROOT, "knowledge"), knowledge, { recursive: true });
  const qna = join(root, "sss.qna");
  writeFileSync(qna, SSS);
  return { root, knowledge, qna };
}

describe("npm run kb:import into a folder editors already work in", () => {
  it("adds the alterations to synonyms.yaml, keeping every group and comment, and says what it did with each", async () => {
    const { knowledge, qna } = workspace();
    const path = join(knowledge, "synonyms.yaml");
    const before = readFileSync(path, "utf8");
    const editors = groupsOf(before);
    expect(editors.length).toBeGreaterThan(30);

    const run = await npmRun("kb:import", [qna, "--out", knowledge], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(run.code).toBe(0);
    const after = readFileSync(path, "utf8");
    // the editors' file is still there, byte for byte, with the new group after it
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe('# sss.qna dosyasından eklendi (npm run kb:import)\n- ["parola", "şifre", "password"]\n');
    expect(groupsOf(after)).toEqual([...editors, ["parola", "şifre", "password"]]);
    expect(run.stdout).toContain(`${path}: 1 eş anlamlı grubu dosyanın sonuna eklendi; var olan ${editors.length} grup ve açıklamalar olduğu gibi kaldı\n`);
    const memnuniyet = before.split("\n").findIndex((line) => line.startsWith("- [memnuniyet,")) + 1;
    const sadakat = before.split("\n").findIndex((line) => line.startsWith("- [sadakat,")) + 1;
    expect(run.stdout).toContain(`  [memnuniyet, tatmin, hoşnutluk, satisfaction] eklenmedi: ${path}:${memnuniyet} grubunda zaten var\n`);
    expect(withoutNodeWarnings(run.stderr)).toContain(
      `uyarı ${path}:${sadakat}: içe aktarılan [sadakat, bağlılık, loyalty] grubu eklenmedi: "sadakat", "loyalty" bu grupta da var ve bir kelime yalnızca bir grupta olabilir; öteki kelimeleri isterseniz bu gruba elle ekleyin`,
    );
    // the folder loads without an error: no word in two groups
    const loaded = await loadKnowledge(knowledge);
    expect(loaded.errors).toEqual([]);
    expect(loaded.entries.map((entry) => entry.question)).toEqual(expect.arrayContaining(["Şifremi nasıl değiştiririm?", "Kargom ne zaman gelir?"]));

    // the same import again: the entry files exist, so nothing is written, and the advice loses nothing
    const again = await npmRun("kb:import", [qna, "--out", knowledge], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(withoutNodeWarnings(again.stderr)).toMatch(/\[kb:import\] bu girdi dosyaları zaten var; hiçbir şey yazılmadı:\n {2}\S+\.md\n {2}\S+\.md\n/);
    expect(again.stderr).toContain(`şimdiki hâlleri önce ${join(knowledge, ".kb-import-yedek")}/ altına kopyalanır.`);
    expect(again.stderr).not.toContain("synonyms.yaml\n");
    expect(readFileSync(path, "utf8")).toBe(after);
  });

  it("with --force, replaces an entry file an editor changed only after keeping a copy, and keeps the editor's synonym groups", async () => {
    const { knowledge, qna } = workspace();
    const folder = join(knowledge, "destek");
    const first = await npmRun("kb:import", [qna, "--out", folder], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(first.code).toBe(0);
    const [edited] = readdirSync(folder).filter((name) => name.endsWith(".md"));
    if (edited === undefined) throw new Error(`no entry written: ${first.stdout}${first.stderr}`);
    appendFileSync(join(folder, edited), "\nEditörün eklediği paragraf.\n");
    const editedText = readFileSync(join(folder, edited), "utf8");
    // an editor's own group in the imported folder's synonyms.yaml, which had no last line break
    const synonyms = join(folder, "synonyms.yaml");
    writeFileSync(synonyms, `${readFileSync(synonyms, "utf8")}- [fatura, invoice]`);
    const ownText = readFileSync(synonyms, "utf8");

    const forced = await npmRun("kb:import", [qna, "--out", folder, "--force"], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(forced.code).toBe(0);
    const backups = join(folder, ".kb-import-yedek");
    const [run] = readdirSync(backups);
    expect(readFileSync(join(backups, run ?? "", edited), "utf8")).toBe(editedText);
    expect(forced.stdout).toContain(`yerine yazılan 1 girdi dosyasının önceki hâli ${join(backups, run ?? "")} klasörüne kopyalandı\n`);
    expect(readFileSync(join(folder, edited), "utf8")).not.toContain("Editörün eklediği paragraf.");
    // nothing new to add: the editor's group is kept, the file is not touched
    expect(readFileSync(synonyms, "utf8")).toBe(ownText);
    expect(forced.stdout).toContain(`${synonyms}: eş anlamlı grubu eklenmedi: içe aktarılan her grubun en az bir kelimesi var olan bir grupta\n`);
    // the backup folder is never read as knowledge
    expect((await loadKnowledge(knowledge)).errors).toEqual([]);
  });

  it("ends the synonyms.yaml it writes or adds to with a line break, so a line appended later is a group of its own", async () => {
    const root = tempDataDir();
    const qna = join(root, "sss.qna");
    writeFileSync(qna, SSS);
    const fresh = join(root, "yeni");
    const written = await npmRun("kb:import", [qna, "--out", fresh], { env: { KNOWLEDGE_DIR: fresh } });
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`${join(fresh, "synonyms.yaml")}: 3 eş anlamlı grubu yazıldı\n`);
    const text = readFileSync(join(fresh, "synonyms.yaml"), "utf8");
    expect(text.endsWith("]\n")).toBe(true);

    const editors = join(root, "editorler");
    mkdirSync(editors);
    writeFileSync(join(editors, "synonyms.yaml"), "# bizim gruplar\n- [fatura, invoice]");
    const added = await npmRun("kb:import", [qna, "--out", editors], { env: { KNOWLEDGE_DIR: editors } });
    expect(added.code).toBe(0);
    appendFileSync(join(editors, "synonyms.yaml"), "- [iade, refund]\n");
    expect(groupsOf(readFileSync(join(editors, "synonyms.yaml"), "utf8"))).toEqual([
      ["fatura", "invoice"],
      ["parola", "şifre", "password"],
      ["memnuniyet", "tatmin", "hoşnutluk", "satisfaction"],
      ["sadakat", "bağlılık", "loyalty"],
      ["iade", "refund"],
    ]);
  });

  it("writes into a sub-folder of the knowledge only the groups no other synonyms file of it holds, and refuses a broken synonyms.yaml", async () => {
    const { knowledge, qna } = workspace();
    const imported = await npmRun("kb:import", [qna], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(imported.code).toBe(0);
    expect(readFileSync(join(knowledge, "sss", "synonyms.yaml"), "utf8")).toBe(
      '# Her satır bir eş anlamlılar grubudur. Bot, gruptaki her kelimeyi ilk kelime gibi anlar.\n- ["parola", "şifre", "password"]\n',
    );
    expect((await loadKnowledge(knowledge)).errors).toEqual([]);

    const broken = join(tempDataDir(), "bozuk");
    mkdirSync(broken);
    const text = "- [fatura, invoice]\n- [tek]\n";
    writeFileSync(join(broken, "synonyms.yaml"), text);
    const refused = await npmRun("kb:import", [qna, "--out", broken], { env: { KNOWLEDGE_DIR: broken } });
    expect(refused.code).toBe(1);
    expect(withoutNodeWarnings(refused.stderr)).toContain(`hata  ${join(broken, "synonyms.yaml")}:2: bir grupta en az iki kelime olmalı\n`);
    expect(refused.stderr).toContain("dosyasında hatalar var: içe aktarılan eş anlamlılar ona eklenemez; hiçbir şey yazılmadı.");
    expect(readdirSync(broken)).toEqual(["synonyms.yaml"]);
    expect(readFileSync(join(broken, "synonyms.yaml"), "utf8")).toBe(text);
  });
});

/** A valid export that asks one question twice: as bf-lu does, the loader keeps both pairs of a .qna file. */
const REPEATED = [
  '<a id = "12"></a>',
  "",
  "# ? Kredi kartı aidatı ne kadar?",
  "- kart aidatı",
  "",
  `${F}markdown`,
  "Kredi kartı aidatı yıllık 900 TL'dir; ilk yıl ücretsizdir.",
  F,
  "",
  '<a id = "14"></a>',
  "",
  "# ? Kredi kartı aidatı ne kadar?",
  "- yıllık kart ücreti",
  "",
  `${F}markdown`,
  "Bireysel kartlarda aidat 750 TL'dir; ticari kartlarda şubenize danışın.",
  F,
  "",
  // two filters that are different in .qna, and plain tags alike in Markdown (`tag = x` → tag `x`)
  '<a id = "20"></a>',
  "",
  "# ? Teslimat ne kadar sürer?",
  "- kargo süresi",
  "",
  "**Filters:**",
  "- tag = kampanya",
  "",
  `${F}markdown`,
  "Kampanya ürünleri 5 iş günü içinde teslim edilir; takip numarası e-postanızdadır.",
  F,
  "",
  '<a id = "21"></a>',
  "",
  "# ? Teslimat ne kadar sürer?",
  "- teslim süresi",
  "",
  "**Filters:**",
  "- tag = indirim",
  "",
  `${F}markdown`,
  "İndirimli ürünler 2-3 iş günü içinde teslim edilir; takip numarası e-postanızdadır.",
  F,
  "",
].join("\n");

describe("npm run kb:import of a .qna that repeats a question", () => {
  it("writes Markdown that kb:check accepts, keeping every pair: a later pair gets a qna:<anchor> filter", async () => {
    const root = tempDataDir();
    const qna = join(root, "kart.qna");
    writeFileSync(qna, REPEATED);
    const folder = join(root, "kart");
    const run = await npmRun("kb:import", [qna, "--out", folder], { env: { KNOWLEDGE_DIR: folder } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${qna}:12: aynı soru 3. satırdaki çiftte de var; Markdown'da ikisi de ayrı girdi olarak kalsın diye ${join(folder, "kart-14.md")} dosyasına "qna:14" etiketi eklendi`);
    expect(run.stdout).toContain(`${qna}:33: aynı soru 21. satırdaki çiftte de var; Markdown'da ikisi de ayrı girdi olarak kalsın diye ${join(folder, "kart-21.md")} dosyasına "qna:21" etiketi eklendi`);

    const check = await npmRun("kb:check", [folder]);
    expect(withoutNodeWarnings(check.stderr)).toBe("");
    expect(check.stdout).not.toContain("hata  ");
    expect(check.code).toBe(0);
    const loaded = await loadKnowledge(folder);
    expect(loaded.entries.map((entry) => [entry.id, entry.tags])).toEqual([
      ["kart-12", []],
      ["kart-14", ["qna:14"]],
      ["kart-20", ["kampanya"]],
      ["kart-21", ["indirim", "qna:21"]],
    ]);
    expect(loaded.entries.map((entry) => entry.answer)).toEqual(expect.arrayContaining([expect.stringContaining("900 TL"), expect.stringContaining("750 TL")]));
  });
});

/** A QnA Maker export with anchors, as `bf qnamaker` writes them: pair n is `<file-slug>-n`. */
const pair = (anchor: number, question: string, answer: string): string =>
  [`<a id = "${anchor}"></a>`, "", `# ? ${question}`, `- ${question.toLocaleLowerCase("tr")} acaba`, "", `${F}markdown`, answer, F, ""].join("\n");
const KART = [
  pair(1, "Kart aidatı ne kadar?", "Kart aidatı yıllık 900 TL'dir; ilk yıl ücretsizdir."),
  pair(2, "Kartımı nasıl iptal ederim?", "Kartınızı mobil uygulamadan ya da müşteri hizmetlerinden iptal edebilirsiniz."),
  pair(3, "Kart limitim nasıl artar?", "Limit artışı için mobil uygulamada Kartlarım > Limit sayfasından başvurabilirsiniz."),
];

/** Every file below `dir` with its text, to tell that nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const path = join(dir, name);
    try {
      files[name] = readFileSync(path, "utf8");
    } catch {
      files[name] = "<klasör>";
    }
  }
  return files;
}

describe("npm run kb:import next to the knowledge it joins", () => {
  it("refuses a pair that asks an existing entry's question, naming both places, and writes nothing", async () => {
    const { root, knowledge } = workspace();
    const qna = join(root, "csat.qna");
    writeFileSync(qna, `${pair(1, "CSAT (Müşteri Memnuniyeti Skoru) nedir?", "CSAT, müşterilerin bir etkileşimden ne kadar memnun kaldığını ölçer.")}\n$memnuniyet : qna-alterations =\n- doyum\n`);
    const before = snapshot(knowledge);
    const run = await npmRun("kb:import", [qna, "--out", join(knowledge, "olcum")], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const stderr = withoutNodeWarnings(run.stderr);
    expect(stderr).toContain(
      `hata  ${qna}:3: ${join(knowledge, "olcum", "csat-1.md")} yazılamaz: aynı soru ("CSAT (Müşteri Memnuniyeti Skoru) nedir?") ${join(knowledge, "olcum", "csat.md")}:3 girdisinde de var\n`,
    );
    expect(stderr).toContain("[kb:import] csat.qna: 1 çift bilgi klasöründeki girdilerle çakışıyor; hiçbir şey yazılmadı.");
    expect(snapshot(knowledge)).toEqual(before);
  });

  it("refuses a new export of an imported knowledge base under another name, and says how to import it in its place", async () => {
    const { root, knowledge } = workspace();
    const folder = join(knowledge, "kart");
    const first = join(root, "kart.qna");
    writeFileSync(first, KART.join("\n"));
    expect((await npmRun("kb:import", [first], { env: { KNOWLEDGE_DIR: knowledge } })).code).toBe(0);
    expect(readFileSync(join(folder, "kart-1.md"), "utf8")).toMatch(/^---\n# kb:import: kart\.qna\nid: kart-1\n/);
    const before = snapshot(knowledge);

    const again = join(root, "kart (1).qna");
    writeFileSync(again, KART.join("\n"));
    const run = await npmRun("kb:import", [again, "--out", folder], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(run.code).toBe(1);
    const stderr = withoutNodeWarnings(run.stderr);
    for (const [n, line] of [[1, 3], [2, 12], [3, 21]]) {
      expect(stderr).toContain(`hata  ${again}:${line}: ${join(folder, `kart-1-${n}.md`)} yazılamaz: aynı soru (`);
      expect(stderr).toContain(`${join(folder, `kart-${n}.md`)}:4 girdisinde de var\n`);
    }
    expect(stderr).toContain(
      `[kb:import] 3 çift kart.qna dosyasının önceki içe aktarımıyla (${folder}) çakışıyor. kart (1).qna aynı bilgi bankasının yeni bir dışa aktarımıysa onu kart.qna adıyla kaydedip --out ${folder} --force ile içe aktarın`,
    );
    expect(snapshot(knowledge)).toEqual(before);

    // the same file into another folder of the knowledge: the same ids too
    const elsewhere = await npmRun("kb:import", [first, "--out", join(knowledge, "baska")], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(elsewhere.code).toBe(1);
    expect(withoutNodeWarnings(elsewhere.stderr)).toContain(`aynı soru ("Kart aidatı ne kadar?") ve aynı kimlik ("kart-1") ${join(folder, "kart-1.md")}:4 girdisinde de var\n`);
    expect(withoutNodeWarnings(elsewhere.stderr)).toContain(`[kb:import] 3 çift kart.qna dosyasının önceki içe aktarımıyla (${folder}) çakışıyor: yeniden içe aktarmak için aynı klasörü verin (--out ${folder} --force)`);
    expect(snapshot(knowledge)).toEqual(before);
  });

  it("names the files of pairs deleted since the last import of the same .qna and, with --force, moves them to the backup folder", async () => {
    const { root, knowledge } = workspace();
    const folder = join(knowledge, "kart");
    const qna = join(root, "kart.qna");
    writeFileSync(qna, KART.join("\n"));
    expect((await npmRun("kb:import", [qna], { env: { KNOWLEDGE_DIR: knowledge } })).code).toBe(0);
    const deleted = readFileSync(join(folder, "kart-2.md"), "utf8");
    // an editor's own entry in the folder, not written by an import: never touched
    const own = "---\nid: kart-99\nquestion: \"Kartımı yurt dışında kullanabilir miyim?\"\n---\n\nEvet, kartınız yurt dışında da geçerlidir; bankanıza bildirmeniz yeterli.\n";
    writeFileSync(join(folder, "kart-99.md"), own);

    // pair 2 deleted in QnA Maker, the knowledge base exported again under the same name
    writeFileSync(qna, [KART[0], KART[2]].join("\n"));
    const refused = await npmRun("kb:import", [qna], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(refused.code).toBe(1);
    expect(withoutNodeWarnings(refused.stderr)).toContain(
      `kart.qna dosyasının önceki içe aktarımından kalan bu girdi dosyalarının çiftleri artık kart.qna dosyasında yok; bot onları sunmaya devam eder:\n  ${join(folder, "kart-2.md")}\n`,
    );
    expect(refused.stderr).toContain(`artık olmayan çiftlerin dosyaları ${join(folder, ".kb-import-yedek")}/ altına taşınır (silinmez, bot onları artık sunmaz).`);
    expect(readFileSync(join(folder, "kart-2.md"), "utf8")).toBe(deleted);

    const forced = await npmRun("kb:import", [qna, "--force"], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(forced.code).toBe(0);
    const [backup] = readdirSync(join(folder, ".kb-import-yedek"));
    const backupFolder = join(folder, ".kb-import-yedek", backup ?? "");
    expect(forced.stdout).toContain(`kart.qna dosyasında artık olmayan 1 çiftin girdi dosyası ${backupFolder} klasörüne taşındı; bot onları artık sunmaz:\n  ${join(folder, "kart-2.md")}\n`);
    expect(existsSync(join(folder, "kart-2.md"))).toBe(false);
    expect(readFileSync(join(backupFolder, "kart-2.md"), "utf8")).toBe(deleted);
    expect(readFileSync(join(folder, "kart-99.md"), "utf8")).toBe(own);
    const loaded = await loadKnowledge(knowledge);
    expect(loaded.errors).toEqual([]);
    expect(loaded.entries.map((entry) => entry.id).filter((id) => id.startsWith("kart-"))).toEqual(["kart-1", "kart-3", "kart-99"]);
  });
});

describe("a .qna pair's source through kb:import and kb:export", () => {
  it("is kept as the entry's source and written back, so bf-lu reads the sources of the original", async () => {
    const root = tempDataDir();
    const qna = join(root, "sss.qna");
    const text = [
      "> # QnA pairs",
      "",
      "> !# @qna.pair.source = Editorial",
      "",
      pair(1, "Şifremi nasıl değiştiririm?", "Ayarlar > Güvenlik menüsünden şifrenizi değiştirebilirsiniz."),
      "> !# @qna.pair.source = qna_chitchat_Friendly.tsv",
      "",
      pair(2, "Nasılsın?", "İyiyim, teşekkür ederim! Size nasıl yardımcı olabilirim?"),
      "> !# @qna.pair.source = https://ornek.com/sss",
      "",
      pair(3, "Kargom ne zaman gelir?", "Kargonuz 2-3 iş günü içinde gelir; takip numarası e-postanızdadır."),
      pair(4, "İade nasıl yapılır?", "İade talebinizi Siparişlerim sayfasından 14 gün içinde iletebilirsiniz."),
    ].join("\n");
    writeFileSync(qna, text);
    const folder = join(root, "sss");
    const imported = await npmRun("kb:import", [qna, "--out", folder], { env: { KNOWLEDGE_DIR: folder } });
    expect(imported.code).toBe(0);
    expect(readFileSync(join(folder, "sss-2.md"), "utf8")).toContain('\nsource: "qna_chitchat_Friendly.tsv"\n');
    expect(readFileSync(join(folder, "sss-4.md"), "utf8")).not.toContain("source");

    const exported = await npmRun("kb:export", ["--qna", folder]);
    expect(exported.code).toBe(0);
    const sources = async (qnaText: string): Promise<Array<[string | undefined, string]>> =>
      (await bfLuRead(qnaText)).pairs.map((read) => [read.questions[0], read.source]);
    expect(await sources(exported.stdout)).toEqual(await sources(text));
    expect(await sources(text)).toEqual([
      ["Şifremi nasıl değiştiririm?", "Editorial"],
      ["Nasılsın?", "qna_chitchat_Friendly.tsv"],
      ["Kargom ne zaman gelir?", "https://ornek.com/sss"],
      ["İade nasıl yapılır?", "custom editorial"],
    ]);
  });
});

/** The file size the kernel allows `kb:import` below (KiB): more than every other file it writes, less than the long entry's. */
const FILE_SIZE_LIMIT_KIB = 100;

/** stderr without Node's warnings and the importer's warnings that an answer is too long for channels. */
const withoutLongAnswerWarnings = (stderr: string): string =>
  withoutNodeWarnings(stderr)
    .split("\n")
    .filter((line) => !/^uyarı .*: cevap çok uzun/.test(line))
    .join("\n");

/** A .qna of one question whose answer is `answer`. */
const oneAnswer = (answer: string): string => ["# ? İade nasıl yapılır?", "- iade sureci", "", F, answer, F, ""].join("\n");

/**
 * kb:import wrote each entry file in place: a full disk (or a crash) in the middle left the first
 * part of an answer in the knowledge folder, which the server then served as the whole answer.
 */
describe("npm run kb:import on a disk that refuses a write midway", () => {
  it("leaves no part of a new entry file, keeps a replaced one whole, and says which file in Turkish", async () => {
    const root = tempDataDir();
    const qna = join(root, "iade.qna");
    const long = oneAnswer(Array.from({ length: 2000 }, (_, i) => `${i}. İade talebinizi sipariş sayfasından başlatabilirsiniz; kargo ücretsizdir.`).join("\n\n"));
    expect(Buffer.byteLength(long)).toBeGreaterThan(FILE_SIZE_LIMIT_KIB * 1024 * 1.5);
    writeFileSync(qna, long);

    // a new folder: nothing of the entry is left behind
    const fresh = join(root, "yeni");
    const refused = await npmRunWithFileSizeLimit(FILE_SIZE_LIMIT_KIB, "kb:import", [qna, "--out", fresh], { env: { KNOWLEDGE_DIR: fresh } });
    expect(readdirSync(fresh)).toEqual([]);
    expect(refused).toMatchObject({ code: 1, stdout: "" });
    // the answer is long enough to outgrow the limit, so the import also warns that channels may not carry it
    expect(withoutNodeWarnings(refused.stderr)).toMatch(/^uyarı [^\n]*iade\.qna:5: cevap çok uzun/);
    expect(withoutLongAnswerWarnings(refused.stderr)).toMatch(new RegExp(`^\\[kb:import\\] ${fresh}/[^/\\n]+\\.md yazılamadı: dosya, sistemin izin verdiği en büyük boyutu aşıyor\\n$`));

    // an imported entry replaced with --force: the earlier file stays as it was
    const folder = join(root, "destek");
    writeFileSync(qna, oneAnswer("İade talebinizi sipariş sayfasından başlatabilirsiniz."));
    expect((await npmRun("kb:import", [qna, "--out", folder], { env: { KNOWLEDGE_DIR: folder } })).code).toBe(0);
    const [entry] = readdirSync(folder).filter((name) => name.endsWith(".md"));
    if (entry === undefined) throw new Error("no entry written");
    const short = readFileSync(join(folder, entry), "utf8");
    const files = readdirSync(folder).sort();
    writeFileSync(qna, long);
    const forced = await npmRunWithFileSizeLimit(FILE_SIZE_LIMIT_KIB, "kb:import", [qna, "--out", folder, "--force"], { env: { KNOWLEDGE_DIR: folder } });
    expect(readFileSync(join(folder, entry), "utf8")).toBe(short);
    // the copy kept before replacing is all that was added
    expect(readdirSync(folder).sort()).toEqual([...files, ".kb-import-yedek"].sort());
    expect(forced.code).toBe(1);
    expect(withoutLongAnswerWarnings(forced.stderr)).toBe(`[kb:import] ${join(folder, entry)} yazılamadı: dosya, sistemin izin verdiği en büyük boyutu aşıyor\n`);
    expect((await loadKnowledge(folder)).errors).toEqual([]);

    // the same import where the disk takes it: the write was what failed
    const written = await npmRun("kb:import", [qna, "--out", fresh], { env: { KNOWLEDGE_DIR: fresh } });
    expect(written.code).toBe(0);
    expect(readFileSync(join(fresh, entry), "utf8")).toContain("1999. İade talebinizi sipariş sayfasından başlatabilirsiniz; kargo ücretsizdir.");
  });
});
