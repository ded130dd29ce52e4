import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../../bot/matching/analysis";
import { analysedGroups, keptDir } from "../../bot/matching/kept";
import { EnglishLexicon, languageFile, LexiconError, sharedLexicon } from "../../bot/matching/lexicon";
import { TurkishRelatedWords } from "../../bot/matching/related";
import { temporaryFolders } from "../helpers/temp";

/**
 * The built-in lists, analysed, kept across processes (`analysedGroups`): a later reader gets
 * what analysing the list gives, an edited list is analysed afresh, and a bad or unwritable file
 * costs only the time to analyse again.
 */

const tempDir = temporaryFolders("kept");

const LIST = "- [iptal etmek, kapatmak]\n- [geri ödeme, iade]\n";
/** A parser of `- [a, b]` lines, counting its calls: it runs only when nothing valid is kept. */
function counted(): { parse: (text: string) => string[][]; calls: () => number } {
  let calls = 0;
  return {
    parse: (text) => {
      calls += 1;
      return text
        .trim()
        .split("\n")
        .map((line) => line.replace(/^- \[|\]$/g, "").split(", "));
    },
    calls: () => calls,
  };
}
const analysed = (text: string): unknown => counted().parse(text).map((members) => members.map(analyze));
const listFiles = (dir: string): string[] => readdirSync(dir).filter((name) => /^lists-[0-9a-f]{16}\.json$/.test(name));

describe("analysed lists kept across processes", () => {
  it("keeps a list's analysis, and a later reader gets the same groups without parsing the list", () => {
    const dir = join(tempDir(), "cache");
    const first = counted();
    expect(analysedGroups(LIST, first.parse, dir)).toEqual(analysed(LIST));
    expect(first.calls()).toBe(1);
    expect(listFiles(dir)).toHaveLength(1);

    const later = counted();
    expect(analysedGroups(LIST, later.parse, dir)).toEqual(analysed(LIST));
    expect(later.calls()).toBe(0);
  });

  it("analyses an edited list afresh, beside the other's file", () => {
    const dir = tempDir();
    analysedGroups(LIST, counted().parse, dir);
    const edited = `${LIST}- [şifre, parola]\n`;
    const reader = counted();
    expect(analysedGroups(edited, reader.parse, dir)).toEqual(analysed(edited));
    expect(reader.calls()).toBe(1);
    expect(listFiles(dir)).toHaveLength(2);
  });

  it("analyses again, and rewrites the file, when it is malformed or of another version", () => {
    const dir = tempDir();
    analysedGroups(LIST, counted().parse, dir);
    const [name] = listFiles(dir);
    if (!name) throw new Error("no list file");
    const file = join(dir, name);
    const good = readFileSync(file, "utf8");
    const parsed: unknown = JSON.parse(good);
    const version = typeof parsed === "object" && parsed !== null && "version" in parsed ? parsed.version : undefined;
    expect(typeof version).toBe("string");
    for (const bad of ["{not json", JSON.stringify({ version: "other", groups: [] }), JSON.stringify({ version, groups: [[["only two", "parts"]]] })]) {
      writeFileSync(file, bad);
      const reader = counted();
      expect(analysedGroups(LIST, reader.parse, dir)).toEqual(analysed(LIST));
      expect(reader.calls()).toBe(1);
      expect(readFileSync(file, "utf8")).toBe(good);
    }
  });

  it("analyses as usual where the file cannot be written, and leaves nothing behind", () => {
    const dir = tempDir();
    const blocker = join(dir, "not-a-folder");
    writeFileSync(blocker, "");
    expect(analysedGroups(LIST, counted().parse, join(blocker, "cache"))).toEqual(analysed(LIST));
    expect(readdirSync(dir)).toEqual(["not-a-folder"]);
    // without a folder, nothing is kept
    const reader = counted();
    expect(analysedGroups(LIST, reader.parse, undefined)).toEqual(analysed(LIST));
    expect(analysedGroups(LIST, reader.parse, undefined)).toEqual(analysed(LIST));
    expect(reader.calls()).toBe(2);
  });

  it("keeps the twelve list files written last, and nothing else of the folder goes", () => {
    const dir = tempDir();
    const others = Array.from({ length: 12 }, (_, i) => {
      const name = `lists-${String(i + 1).padStart(16, "0")}.json`;
      writeFileSync(join(dir, name), "{}");
      utimesSync(join(dir, name), new Date(2026, 0, i + 1), new Date(2026, 0, i + 1));
      return name;
    });
    writeFileSync(join(dir, "readings-0000000000000001.json"), "{}");
    analysedGroups(LIST, counted().parse, dir);
    const kept = listFiles(dir);
    expect(kept).toHaveLength(12);
    expect(kept).not.toContain(others[0]);
    expect(kept).toEqual(expect.arrayContaining(others.slice(1)));
    expect(readdirSync(dir)).toContain("readings-0000000000000001.json");
  });

  it("never keeps a list that does not parse: its error reaches the reader each time", () => {
    const dir = tempDir();
    const file = join(dir, "en-tr.yaml");
    writeFileSync(file, "- en: refund\n  turkish: iade\n");
    for (let i = 0; i < 2; i += 1) expect(() => new EnglishLexicon(file, dir).forBase(() => []).rewrite(analyze("refund"))).toThrow(LexiconError);
    expect(listFiles(dir)).toEqual([]);
  });

  it("gives the built-in lists read through a folder the same words as read without one", () => {
    const dir = tempDir();
    const message = analyze("password reset ve refund için iptal etmek istiyorum");
    const plain = new EnglishLexicon(languageFile("en-tr.yaml")).forBase(() => []).rewrite(message);
    for (let i = 0; i < 2; i += 1) expect(new EnglishLexicon(languageFile("en-tr.yaml"), dir).forBase(() => []).rewrite(message)).toEqual(plain);
    const related = new TurkishRelatedWords(languageFile("tr-related.yaml"), languageFile("tr-kinds.yaml"));
    for (let i = 0; i < 2; i += 1) {
      const kept = new TurkishRelatedWords(languageFile("tr-related.yaml"), languageFile("tr-kinds.yaml"), dir);
      expect(kept.groups()).toEqual(related.groups());
      expect(kept.kinds()).toEqual(related.kinds());
    }
    expect(listFiles(dir)).toHaveLength(3);
  });

  it("names its version by analysis.ts and turkish-case.ts, the only module of this repository analysis.ts imports, which imports none", () => {
    const source = readFileSync(join(__dirname, "..", "..", "bot", "matching", "analysis.ts"), "utf8");
    expect(source.match(/from "\.{1,2}\/[^"]*"/g)).toEqual(['from "../turkish-case"']);
    expect(source.match(/require\(/g)).toBeNull();
    const folding = readFileSync(join(__dirname, "..", "..", "bot", "turkish-case.ts"), "utf8");
    expect(folding.match(/from "|require\(|import\(/g)).toBeNull();
  });

  it("keeps the shared lists beside the analyser, in node_modules/.cache", () => {
    expect(keptDir()).toMatch(/node_modules[\\/]\.cache[\\/]memnun$/);
    expect(existsSync(join(keptDir(), "..", "..", "nlptoolkit-morphologicalanalysis", "package.json"))).toBe(true);
    sharedLexicon.forBase(() => []).rewrite(analyze("refund"));
    expect(listFiles(keptDir()).length).toBeGreaterThan(0);
  });
});
