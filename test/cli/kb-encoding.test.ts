import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROCESS_TEST_TIMEOUT_MS, npmRun, withoutNodeWarnings } from "../helpers/cli";
import { temporaryFolders } from "../helpers/temp";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const temporary = temporaryFolders("kb-encoding-cli");

/**
 * QA 46 (editor), bug 6, as an editor meets it: a file saved by Notepad as "ANSI" and one with a
 * NUL byte. `kb:check` said "tamam" and `ask` served the entry with U+FFFD letters; now both are
 * refused by file and line, and nothing of them is served.
 */

/** "Şifremi nasıl sıfırlarım?" and its answer as Windows-1254 bytes (Ş = DE, ı = FD, ü = FC, ğ = F0). */
const ANSI_ENTRY = Buffer.concat([
  Buffer.from('---\nid: ansi-dosya\nquestion: "'),
  Buffer.from([0xde, ...Buffer.from("ifremi nas"), 0xfd, ...Buffer.from("l s"), 0xfd, ...Buffer.from("f"), 0xfd, ...Buffer.from("rlar"), 0xfd, ...Buffer.from('m?"')]),
  Buffer.from('\nalternates:\n  - "Parola sifirlama"\n---\n\nAyarlar > G'),
  Buffer.from([0xfc, ...Buffer.from("venlik men"), 0xfc, ...Buffer.from("s"), 0xfc, ...Buffer.from("nden s"), 0xfd, ...Buffer.from("f"), 0xfd, ...Buffer.from("rlayabilirsiniz.\n")]),
]);

const NUL_ENTRY = '---\nid: teslimat\nquestion: "Teslimat\u0000 süresi nedir?"\nalternates:\n  - "Kargo ne zaman gelir"\n---\n\nSiparişiniz 2-3 iş günü içinde kargoya verilir.\n';

const GOOD_ENTRY = '---\nid: iade\nquestion: "İade nasıl yapılır?"\nalternates:\n  - "Ürünü geri göndermek istiyorum"\n---\n\nİade talebinizi 14 gün içinde Siparişlerim sayfasından oluşturabilirsiniz.\n';

describe("kb:check and ask on files that are not UTF-8 or hold a NUL byte", () => {
  const dir = temporary();
  writeFileSync(join(dir, "ansi.md"), ANSI_ENTRY);
  writeFileSync(join(dir, "nul.md"), NUL_ENTRY);
  writeFileSync(join(dir, "iade.md"), GOOD_ENTRY);
  const env = { KNOWLEDGE_DIR: dir, DATA_DIR: temporary() };

  it("kb:check names each file and line, explains the fix in Turkish, and exits 1", async () => {
    const done = await npmRun("kb:check", [dir], { env });
    expect(withoutNodeWarnings(done.stderr)).toBe("");
    expect(done.code).toBe(1);
    const lines = done.stdout.trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^hata {2}${dir}/ansi\\.md:3: dosya UTF-8 değil: .*"ANSI".*"UTF-8" kodlamasıyla yeniden kaydedin`)),
      expect.stringMatching(new RegExp(`^hata {2}${dir}/nul\\.md:3: görünmeyen NUL \\(U\\+0000\\) karakteri var: `)),
      `${dir}: 3 dosya, 1 girdi, 2 hata, 0 uyarı — yukarıdaki hataları düzeltin; bot diğer dosyaları sunar, hatalı dosyaların son hatasız sürümünü korur`,
    ]);
    expect(done.stdout).not.toContain("tamam");
  });

  it("ask serves neither: no U+FFFD and no NUL reaches an answer", async () => {
    const done = await npmRun("ask", ["--json", "şifremi nasıl sıfırlarım"], { env });
    expect(done.code).toBe(0);
    expect(withoutNodeWarnings(done.stderr)).toMatch(/ansi\.md:3: dosya UTF-8 değil/);
    expect(done.stdout).not.toMatch(/\uFFFD|\\u0000|ansi-dosya|teslimat/);
  });
});

describe("kb:import of a .qna file that is not UTF-8 (QA 48 #10)", () => {
  const dir = temporary();
  const pair = '# ? Şifremi nasıl sıfırlarım?\n- parola sıfırlama\n\n```\nAyarlar > Güvenlik menüsünden sıfırlayabilirsiniz.\n```\n';
  /** Notepad's "Unicode": UTF-16 LE with its byte order mark. */
  writeFileSync(join(dir, "unicode.qna"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pair, "utf16le")]));
  /** Notepad's "ANSI": Windows-1254, "Ş" = DE on line 1. */
  writeFileSync(join(dir, "ansi.qna"), Buffer.concat([Buffer.from("> disa aktarim\n"), Buffer.from("# ? "), Buffer.from([0xde]), Buffer.from("ifre\n\n```\nCevap metni burada.\n```\n")]));

  it.each([
    ["unicode.qna", 1, /dosya UTF-16 \("Unicode"\) olarak kaydedilmiş, UTF-8 değil; dosyayı "UTF-8" kodlamasıyla yeniden kaydedin/],
    ["ansi.qna", 2, /dosya UTF-8 değil: bu satırda UTF-8 olmayan bir bayt var \(ör\. Not Defteri'nin "ANSI" kaydı/],
  ])("%s is named as the .md files are, at its line, and nothing is written", async (file, line, says) => {
    const done = await npmRun("kb:import", [join(dir, file), "--out", join(dir, "out")], { env: { KNOWLEDGE_DIR: join(dir, "out"), DATA_DIR: temporary() } });
    expect(done.code).toBe(1);
    const lines = withoutNodeWarnings(done.stderr).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^hata {2}${dir}/${file.replace(".", "\\.")}:${line}: `));
    expect(lines[0]).toMatch(says);
    expect(lines[0]).not.toMatch(/U\+FFFD|U\+0000/);
    expect(lines[1]).toMatch(/^\[kb:import\] /);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
