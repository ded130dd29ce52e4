import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledge, type LoadResult } from "../../../bot/knowledge/loader";
import { readKeptVersions, keepVersions } from "../../../bot/knowledge/kept-versions";
import { folderWith } from "../../helpers/knowledge";
import { temporaryFolders } from "../../helpers/temp";

/**
 * QA 46 (editor), bug 6: a file whose bytes are not UTF-8 (Notepad's "ANSI" = Windows-1254, or
 * "Unicode" = UTF-16), or that holds NUL and other control characters, was served silently with
 * U+FFFD letters or raw control characters. Each is refused with its file and line, and keeps
 * its last good version like any other mistake. Files are written as bytes, as editors save them.
 */

const temporary = temporaryFolders("kb-encoding");

/** Windows-1254 bytes of the Turkish letters; ASCII is the same in both. */
const CP1254: Readonly<Record<string, number>> = { Ç: 0xc7, Ğ: 0xd0, İ: 0xdd, Ö: 0xd6, Ş: 0xde, Ü: 0xdc, ç: 0xe7, ğ: 0xf0, ı: 0xfd, ö: 0xf6, ş: 0xfe, ü: 0xfc };

/** `text` as Notepad's "ANSI" saves it on a Turkish Windows. */
function windows1254(text: string): Buffer {
  return Buffer.from(
    [...text].map((character) => {
      const code = character.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      const byte = CP1254[character];
      if (byte === undefined) throw new Error(`no Windows-1254 byte for ${character}`);
      return byte;
    }),
  );
}

/** `text` as Notepad's "Unicode" (UTF-16 LE), with or without its byte order mark. */
function utf16(text: string, bom: boolean): Buffer {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);
}

const ENTRY = [
  "---",
  "id: sifre",
  'question: "Şifremi nasıl sıfırlarım?"',
  "alternates:",
  '  - "Parolamı unuttum"',
  "---",
  "",
  "Şifrenizi Ayarlar > Güvenlik menüsünden sıfırlayabilirsiniz; bağlantı e-postanıza gelir.",
  "",
].join("\n");

const OTHER = '---\nid: teslimat\nquestion: "Teslimat süresi nedir?"\nalternates:\n  - "Kargo ne zaman gelir"\n---\n\nSiparişiniz 2-3 iş günü içinde kargoya verilir ve size ulaşır.\n';

const QNA = ["> QnA Maker dışa aktarımı", "# ? Fatura adresimi nasıl değiştiririm?", "- Fatura adresi", "```", "Hesabım > Adreslerim sayfasından değiştirebilirsiniz.", "```", ""].join("\n");

/** A folder with `files` (name → bytes or UTF-8 text), beside a valid entry that must stay served. */
function folder(files: Record<string, Buffer | string>): string {
  const dir = temporary();
  writeFileSync(join(dir, "teslimat.md"), OTHER);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const UTF8_ERROR = /^dosya UTF-8 değil: bu satırda UTF-8 olmayan bir bayt var \(ör\. Not Defteri'nin "ANSI" kaydı.*"UTF-8" kodlamasıyla yeniden kaydedin/;

function issuesOf(result: LoadResult): Array<[string, number, string]> {
  return result.errors.map((issue) => [issue.file, issue.line, issue.message]);
}

describe("knowledge files whose bytes are not UTF-8", () => {
  it("refuses a Windows-1254 (ANSI) Markdown entry at the line of its first non-UTF-8 byte, in Turkish; the other files are served", async () => {
    const result = await loadKnowledge(folder({ "sifre.md": windows1254(ENTRY) }));
    // line 3 holds "Ş", the first byte that is not UTF-8
    expect(issuesOf(result)).toEqual([["sifre.md", 3, expect.stringMatching(UTF8_ERROR)]]);
    expect(result.refused).toEqual([{ file: "sifre.md", servingLastGood: false }]);
    expect(result.entries.map((entry) => entry.id)).toEqual(["teslimat"]);
  });

  it("names the first bad byte's line even when an earlier line is all ASCII and a later one is bad too", async () => {
    const text = "---\nid: sifre\nquestion: Sifre nasil sifirlanir?\nalternates:\n  - Parola\n---\n\nSifrenizi Guvenlik menusunden sifirlayabilirsiniz, e-postaniza baglanti gelir.\nİyi günler.\n";
    const result = await loadKnowledge(folder({ "sifre.md": windows1254(text) }));
    expect(issuesOf(result)).toEqual([["sifre.md", 9, expect.stringMatching(UTF8_ERROR)]]);
  });

  it("counts lines as the parsers do, across CRLF and lone CR line breaks, and past a U+FFFD the file holds as UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from("---\r\nid: a\rquestion: \uFFFD soru?\r\n", "utf8"), windows1254("alternates:\n  - Şu\n")]);
    const result = await loadKnowledge(folder({ "a.md": bytes }));
    expect(result.errors.filter((issue) => issue.file === "a.md").map((issue) => [issue.line, issue.message])).toEqual([[5, expect.stringMatching(UTF8_ERROR)]]);
  });

  it("refuses every kind of editor file saved as ANSI: .qna, synonyms.yaml, bot.yaml, cases.yaml", async () => {
    const result = await loadKnowledge(
      folder({
        "fatura.qna": windows1254(QNA),
        "synonyms.yaml": windows1254("- [iade, geri ödeme]\n- [şifre, parola]\n"),
        "bot.yaml": windows1254("greeting: Merhaba! Size nasıl yardımcı olabilirim?\n"),
        "cases.yaml": windows1254("declined: Anlaşıldı, kayıt açmadım.\n"),
      }),
    );
    expect(issuesOf(result)).toEqual([
      ["bot.yaml", 1, expect.stringMatching(UTF8_ERROR)],
      ["cases.yaml", 1, expect.stringMatching(UTF8_ERROR)],
      ["fatura.qna", 1, expect.stringMatching(UTF8_ERROR)],
      ["synonyms.yaml", 1, expect.stringMatching(UTF8_ERROR)],
    ]);
    expect(result.refused.map((refused) => refused.file).sort()).toEqual(["bot.yaml", "cases.yaml", "fatura.qna", "synonyms.yaml"]);
    expect(result.knowledgeBase?.synonyms).toEqual([]);
    expect(result.knowledgeBase?.botTexts).toEqual({});
    expect(result.knowledgeBase?.caseTexts).toEqual({});
  });

  it("says that a file with a UTF-16 byte order mark was saved as Notepad's Unicode", async () => {
    for (const name of ["sifre.md", "synonyms.yaml"]) {
      const result = await loadKnowledge(folder({ [name]: utf16(name.endsWith(".md") ? ENTRY : "- [iade, geri ödeme]\n", true) }));
      expect(issuesOf(result)).toEqual([[name, 1, expect.stringMatching(/^dosya UTF-16 \("Unicode"\) olarak kaydedilmiş, UTF-8 değil; dosyayı "UTF-8" kodlamasıyla/)]]);
    }
  });

  it("refuses UTF-16 without a byte order mark, by its NUL bytes", async () => {
    // "ü" is FC 00 in UTF-16 LE: not UTF-8
    const result = await loadKnowledge(folder({ "sifre.md": utf16(ENTRY, false) }));
    expect(issuesOf(result)).toEqual([["sifre.md", 1, expect.stringMatching(/^dosya UTF-16 \("Unicode"\) olarak kaydedilmiş/)]]);
    // ASCII alone in UTF-16 is valid UTF-8, with a NUL after every character
    const ascii = await loadKnowledge(folder({ "bot.yaml": utf16("greeting: Merhaba!\npageTitle: Destek\n", false) }));
    // the last line is the NUL after the last line feed
    expect(issuesOf(ascii)[0]).toEqual(["bot.yaml", 1, expect.stringMatching(/^görünmeyen NUL \(U\+0000\) karakteri var \(dosyada 2 satırda daha\): dosya UTF-16 \("Unicode"\)/)]);
    expect(ascii.refused).toEqual([{ file: "bot.yaml", servingLastGood: false }]);
  });

  it("keeps serving the last good version when a served file is saved again as ANSI, also after a restart", async () => {
    const dir = folder({ "sifre.md": ENTRY });
    const good = await loadKnowledge(dir);
    expect(good.errors).toEqual([]);
    writeFileSync(join(dir, "sifre.md"), windows1254(ENTRY.replace("Parolamı unuttum", "Parolamı unuttum, ne yapmalıyım")));
    const edited = await loadKnowledge(dir, { lastGood: good.accepted });
    expect(issuesOf(edited)).toEqual([["sifre.md", 3, expect.stringMatching(UTF8_ERROR)]]);
    expect(edited.refused).toEqual([{ file: "sifre.md", servingLastGood: true }]);
    const served = edited.entries.find((entry) => entry.id === "sifre");
    expect(served?.question).toBe("Şifremi nasıl sıfırlarım?");
    expect(served?.alternates).toEqual(["Parolamı unuttum"]);
    // a restart reads the kept versions back
    const kept = join(temporary(), "kept.json");
    await keepVersions(kept, dir, edited.accepted);
    const restarted = await loadKnowledge(dir, { lastGood: await readKeptVersions(kept, dir) });
    expect(restarted.refused).toEqual([{ file: "sifre.md", servingLastGood: true }]);
    expect(restarted.entries.find((entry) => entry.id === "sifre")?.question).toBe("Şifremi nasıl sıfırlarım?");
  });

  it("still reads UTF-8 with a byte order mark and CRLF, keeping the mark in the text as before", async () => {
    const text = `\uFEFF${ENTRY.replace(/\n/g, "\r\n")}`;
    const dir = folder({ "sifre.md": text });
    const result = await loadKnowledge(dir);
    expect(result.errors).toEqual([]);
    expect(result.entries.find((entry) => entry.id === "sifre")?.question).toBe("Şifremi nasıl sıfırlarım?");
    expect(result.accepted.get("sifre.md")?.text).toBe(text);
  });
});

describe("control characters and U+FFFD in editor files", () => {
  it("refuses a NUL byte in a question or an answer, naming file and line; nothing of it reaches an entry", async () => {
    const result = await loadKnowledge(
      folder({
        "soru.md": ENTRY.replace("Şifremi nasıl", "Şifremi\u0000 nasıl").replace("id: sifre", "id: soru"),
        "cevap.md": ENTRY.replace("Ayarlar >", "Ayarlar\u0000 >").replace("id: sifre", "id: cevap").replace("Şifremi nasıl", "Cevap şifremi nasıl"),
      }),
    );
    expect(issuesOf(result)).toEqual([
      ["cevap.md", 8, expect.stringMatching(/^görünmeyen NUL \(U\+0000\) karakteri var: /)],
      ["soru.md", 3, expect.stringMatching(/^görünmeyen NUL \(U\+0000\) karakteri var: /)],
    ]);
    expect(result.entries.map((entry) => entry.id)).toEqual(["teslimat"]);
    expect(JSON.stringify(result.entries)).not.toContain("\\u0000");
  });

  it("refuses other control characters (vertical tab, escape, DEL, C1) in every kind of file, with the code and how many more lines", async () => {
    const result = await loadKnowledge(
      folder({
        "sifre.md": ENTRY.replace("Güvenlik", "Güvenlik\u000B").replace("bağlantı", "bağlantı\u001B[31m"),
        "fatura.qna": QNA.replace("Adreslerim", "Adreslerim\u007F"),
        "synonyms.yaml": "- [iade, geri\u0085 ödeme]\n",
        "bot.yaml": "greeting: Merhaba!\u000C Size nasıl yardımcı olabilirim?\n",
        "cases.yaml": "declined: Anlaşıldı,\u0007 kayıt açmadım.\n",
      }),
    );
    expect(issuesOf(result)).toEqual([
      ["bot.yaml", 1, expect.stringMatching(/^görünmeyen bir denetim karakteri \(U\+000C\) var: /)],
      ["cases.yaml", 1, expect.stringMatching(/^görünmeyen bir denetim karakteri \(U\+0007\) var: /)],
      ["fatura.qna", 5, expect.stringMatching(/^görünmeyen bir denetim karakteri \(U\+007F\) var: /)],
      ["sifre.md", 8, expect.stringMatching(/^görünmeyen bir denetim karakteri \(U\+000B\) var: /)],
      ["synonyms.yaml", 1, expect.stringMatching(/^görünmeyen bir denetim karakteri \(U\+0085\) var: /)],
    ]);
    const twoLines = await loadKnowledge(folder({ "sifre.md": ENTRY.replace("Parolamı", "Parolamı\u001B").replace("Ayarlar", "Ayarlar\u0001") }));
    expect(issuesOf(twoLines)).toEqual([["sifre.md", 5, expect.stringMatching(/^görünmeyen bir denetim karakteri \(U\+001B\) var \(dosyada 1 satırda daha\): /)]]);
  });

  it("refuses U+FFFD held as UTF-8: a letter already lost to a wrong encoding", async () => {
    const result = await loadKnowledge(folder({ "sifre.md": ENTRY.replace("Şifremi", "\uFFFDifremi") }));
    expect(issuesOf(result)).toEqual([["sifre.md", 3, expect.stringMatching(/^"\uFFFD" \(U\+FFFD\) karakteri var: burada bir harf kaybolmuş/)]]);
  });

  it("accepts tabs, CR and LF, and every other character editors write", async () => {
    const text = ENTRY.replace("Ayarlar >", "Ayarlar\t>").replace(/\n/g, "\r\n").replace("bağlantı", "bağlantı 😀 ‘tırnak’ — €");
    const result = await loadKnowledge(await folderWith({ "sifre.md": text }));
    expect(result.errors).toEqual([]);
    expect(result.entries[0]?.answer).toContain("Ayarlar\t>");
  });
});
