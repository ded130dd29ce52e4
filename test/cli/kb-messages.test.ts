import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, npmRun, withoutNodeWarnings } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/**
 * What `kb:import` and `kb:check` tell an editor when something is missing or cannot be used:
 * in Turkish, about the thing at hand, and never naming a file that is not there.
 */

const F = "```";
const PAIR = ["# ? Kullanım kılavuzu nerede?", "- kılavuz", "", `${F}markdown`, "Kullanım kılavuzunu destek sayfamızdan indirebilirsiniz.", F, ""].join("\n");

describe("kb:import and kb:check say what is wrong, in Turkish", () => {
  it("kb:import names a missing .qna file without Node's English error", async () => {
    const missing = join(tempDataDir(), "yok.qna");
    const run = await npmRun("kb:import", [missing]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(withoutNodeWarnings(run.stderr)).toBe(`[kb:import] ${missing} okunamadı: böyle bir dosya yok\n`);
  });

  it("kb:import tells a document link from an imported .qna or .lu file", async () => {
    const root = tempDataDir();
    const qna = join(root, "sss.qna");
    writeFileSync(qna, `[Kılavuz](./kilavuz.pdf)\n[ortak](./ortak.qna)\n[selamlar](./genel.lu)\n\n${PAIR}`);
    const run = await npmRun("kb:import", [qna, "--out", join(root, "sss")], { env: { KNOWLEDGE_DIR: join(root, "sss") } });
    expect(run.code).toBe(0);
    const stderr = withoutNodeWarnings(run.stderr);
    expect(stderr).toContain(
      `uyarı ${qna}:1: "./kilavuz.pdf" belgesi okunmuyor: QnA Maker belgelerden soru çıkarırdı, Memnun belge okumaz; belgedeki soruları buraya "# ? soru" çiftleri olarak yazın\n`,
    );
    expect(stderr).toContain(`uyarı ${qna}:2: "./ortak.qna" içe aktarılmıyor: bilgi klasöründeki her .qna ve .md dosyası kendi başına okunur; o dosyayı klasöre koyun\n`);
    expect(stderr).toContain(`uyarı ${qna}:3: "./genel.lu" içe aktarılmıyor: .lu dosyaları LU modelidir; Memnun yalnızca .qna ve .md dosyalarındaki soru-cevap çiftlerini okur\n`);
  });

  it("kb:import into a sub-folder without a synonyms file does not name one when every group is elsewhere", async () => {
    const root = tempDataDir();
    const knowledge = join(root, "knowledge");
    cpSync(join(REPO_ROOT, "knowledge"), knowledge, { recursive: true });
    const qna = join(root, "sss.qna");
    writeFileSync(qna, `${PAIR}\n$memnuniyet : qna-alterations =\n- tatmin\n`);
    const folder = join(knowledge, "sss");
    const run = await npmRun("kb:import", [qna], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("eş anlamlı grubu yazılmadı: içe aktarılan her grubun en az bir kelimesi bilgi klasöründeki bir grupta zaten var\n");
    expect(run.stdout).toContain(`  [memnuniyet, tatmin] eklenmedi: ${join(knowledge, "synonyms.yaml")}:4 grubunda zaten var\n`);
    expect(run.stdout).not.toContain(join(folder, "synonyms.yaml"));
    expect(readdirSync(folder)).toEqual(["kullanim-kilavuzu-nerede.md"]);
  });

  it("kb:check refuses an emptied synonyms.yaml, cases.yaml and bot.yaml by file and line; kb:import still fills an empty synonyms.yaml", async () => {
    const root = tempDataDir();
    const knowledge = join(root, "knowledge");
    cpSync(join(REPO_ROOT, "knowledge"), knowledge, { recursive: true });
    writeFileSync(join(knowledge, "synonyms.yaml"), "");
    writeFileSync(join(knowledge, "cases.yaml"), "# taslak\n");
    writeFileSync(join(knowledge, "bot.yaml"), "\n");
    const checked = await npmRun("kb:check", [], { env: { KNOWLEDGE_DIR: knowledge, DATA_DIR: join(root, "data") } });
    expect(checked.code).toBe(1);
    expect(checked.stdout.split("\n").filter((line) => line.startsWith("hata")).map((line) => line.replace(/: dosya boş ya da yalnızca açıklama satırları var: .*/, ""))).toEqual([
      `hata  ${knowledge}/bot.yaml:1`,
      `hata  ${knowledge}/cases.yaml:1`,
      `hata  ${knowledge}/synonyms.yaml:1`,
    ]);

    const qna = join(root, "sss.qna");
    writeFileSync(qna, `${PAIR}\n$kılavuz : qna-alterations =\n- el kitabı\n`);
    const imported = await npmRun("kb:import", [qna, "--out", knowledge], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(imported.code).toBe(0);
    expect(readFileSync(join(knowledge, "synonyms.yaml"), "utf8")).toBe('# sss.qna dosyasından eklendi (npm run kb:import)\n- ["kılavuz", "el kitabı"]\n');
  });

  it("kb:check warns about entries whose questions read the same, saying how 'did you mean' tells them apart", async () => {
    const knowledge = join(tempDataDir(), "knowledge");
    const filtered = (city: string, answer: string): string => `# ? Kargo ücreti ne kadar?\n- kargo fiyatı\n\n**Filters:**\n- şehir = ${city}\n\n${F}\n${answer}\n${F}\n`;
    const md = (id: string, tags: string, answer: string): string => `---\nid: ${id}\nquestion: "Çalışma saatleriniz nedir?"\nalternates:\n  - mesai saatleri\ntags: [${tags}]\n---\n\n${answer}\n`;
    mkdirSync(knowledge);
    writeFileSync(join(knowledge, "sss.qna"), `${filtered("İstanbul", "İstanbul içi kargo ücreti 30 TL'dir.")}\n${filtered("Ankara", "Ankara'ya kargo ücreti 45 TL'dir.")}`);
    writeFileSync(join(knowledge, "saatler.md"), md("saatler", '"genel"', "Hafta içi 09:00-18:00 arası açığız, cumartesi kapalıyız."));
    writeFileSync(join(knowledge, "saatler-7.md"), md("saatler-7", '"genel", "qna:7"', "Hafta içi 09:00-18:00 arası açığız, cumartesi kapalıyız."));
    const run = await npmRun("kb:check", [knowledge], { env: { DATA_DIR: join(knowledge, "..", "data") } });
    expect(run.code).toBe(0);
    const warnings = run.stdout.split("\n").filter((line) => line.startsWith("uyarı"));
    expect(warnings).toEqual([
      `uyarı ${knowledge}/saatler.md:1: soru metni ve cevabı saatler-7.md:1 girdisininkiyle aynı: "Bunu mu demek istediniz?" sorusunda ikisinden yalnızca biri sunulur; birini silin ya da iki girdiyi birleştirin`,
      `uyarı ${knowledge}/sss.qna:11: soru metni sss.qna:1 girdisininkiyle aynı: "Bunu mu demek istediniz?" sorusunda ikisi "Kargo ücreti ne kadar? (şehir: İstanbul)" ve "Kargo ücreti ne kadar? (şehir: Ankara)" diye ayırt edilir; müşterinin doğru seçeneği kolayca bulması için soruları farklı yazın`,
    ]);
  });

  it("kb:check names files it does not read: a nested bot.yaml and a Notepad .md.txt, and still says tamam", async () => {
    const root = tempDataDir();
    const knowledge = join(root, "knowledge");
    cpSync(join(REPO_ROOT, "knowledge"), knowledge, { recursive: true });
    mkdirSync(join(knowledge, "ext"));
    writeFileSync(join(knowledge, "olcum", "bot.yaml"), 'greeting: "ikinci bot yaml"\n');
    writeFileSync(join(knowledge, "ext", "soru.md.txt"), "---\nquestion: Soru nedir?\n---\n\nCevap.\n");
    const run = await npmRun("kb:check", [], { env: { KNOWLEDGE_DIR: knowledge, DATA_DIR: join(root, "data") } });
    expect(run.code).toBe(0);
    const warnings = run.stdout.split("\n").filter((line) => line.startsWith("uyarı"));
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^uyarı ${knowledge}/ext/soru\\.md\\.txt: bu dosya okunmuyor: adının sonuna ".txt" eklenmiş .*"soru\\.md" olarak yeniden adlandırın`)),
      `uyarı ${knowledge}/olcum/bot.yaml: bu dosya okunmuyor: botun kendi metinleri yalnızca bilgi klasörünün en üstündeki bot.yaml dosyasından okunur; metinleri oraya taşıyıp bu dosyayı silin`,
    ]);
    expect(run.stdout).toMatch(/0 hata, 2 uyarı — tamam\n$/);
  });

  it("small rough edges (QA 48 #16): a blank question, a folder given to kb:import, and an --out folder the bot does not serve", async () => {
    const blank = await npmRun("ask", [""]);
    expect(blank.code).toBe(2);
    expect(withoutNodeWarnings(blank.stderr)).toMatch(/^\[ask\] soru boş: bir soru yazın ya da soruları standart girdiden satır satır verin\nkullanım: npm run ask/);
    const lines = await npmRun("ask", ["--json"], { stdin: "crm nedir\n\n   \nISO 10002\n" });
    expect(lines.code).toBe(0);
    expect(lines.stdout.trim().split("\n").map((line) => (JSON.parse(line) as { query: string }).query)).toEqual(["crm nedir", "ISO 10002"]);

    const root = tempDataDir();
    writeFileSync(join(root, "sss.qna"), PAIR);
    const folder = await npmRun("kb:import", [root]);
    expect(folder.code).toBe(2);
    expect(withoutNodeWarnings(folder.stderr)).toMatch(new RegExp(`^\\[kb:import\\] ${root} bir klasör: içindeki \\.qna dosyalarından birini verin`));
    const outside = join(root, "disarida");
    const imported = await npmRun("kb:import", [join(root, "sss.qna"), "--out", outside], { env: { KNOWLEDGE_DIR: join(root, "knowledge") } });
    expect(imported.code).toBe(0);
    expect(imported.stdout.trimEnd().split("\n").at(-1)).toBe(
      `Bu klasör bilgi klasörünün (${join(root, "knowledge")}) dışında: bot onu sunmaz. Denetlemek için: npm run kb:check -- ${outside}; sunmak için dosyaları bilgi klasörüne taşıyın.`,
    );
  });

  it("kb:check of a folder that does not exist ends with a summary about the folder, not about broken files", async () => {
    const missing = join(tempDataDir(), "yok");
    const run = await npmRun("kb:check", [missing]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `hata  ${missing}: bilgi klasörü bulunamadı: ${missing}\n` +
        `${missing}: hiçbir bilgi dosyası denetlenmedi (yukarıdaki hata); klasörün yolunu denetleyin: varsayılan KNOWLEDGE_DIR, başka bir klasör için npm run kb:check -- <klasör>\n`,
    );
  });
});
