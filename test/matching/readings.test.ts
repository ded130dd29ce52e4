import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { Matcher } from "../../bot/matching/matcher";
import { keptDir } from "../../bot/matching/kept";
import { TurkishMorphology } from "../../bot/matching/morphology";
import { domainKnowledge, evaluationDomains } from "../eval/domains";
import { keptWords, parsedReadingsFile, readingsFileIn } from "../helpers/readings";
import { temporaryFolders } from "../helpers/temp";

/**
 * The analyser's readings kept across processes (`TurkishMorphology`'s `keepDir`): the same
 * readings as the analyser's, the analyser never loaded when every word was kept, never a
 * customer's word on disk, and a bad or unwritable file costs only the time to read again.
 * Each new `TurkishMorphology` loads its own analyser when it needs one (about 0.7 s), so the
 * tests share what they can.
 */

const WORDS = ["kaybettim", "ölçebiliriz", "gelmedi", "görünüyor", "bugün", "hesabımı", "sadakati", "qwzx", "ödeme"];

const tempDir = temporaryFolders("readings");

function readingsOf(morphology: TurkishMorphology, words: readonly string[]): unknown[] {
  return words.map((word) => [morphology.roots(word), morphology.negative(word), morphology.verb(word), morphology.modifier(word), morphology.lemmas(word)]);
}

describe("readings kept across processes", () => {
  const uncached = new TurkishMorphology();
  /** A folder that keeps WORDS, written with the analyser's own readings. */
  let seeded: string;
  let fileName: string;
  let version: unknown;

  beforeAll(() => {
    seeded = join(tempDir(), "cache");
    const first = new TurkishMorphology({ keepDir: seeded });
    expect(first.remembering(() => readingsOf(first, WORDS))).toEqual(readingsOf(uncached, WORDS));
    fileName = basename(readingsFileIn(seeded));
    version = parsedReadingsFile(readingsFileIn(seeded)).version;
  });

  it("gives a later process the analyser's own readings without loading it", () => {
    expect(keptWords(seeded)).toEqual([...WORDS].sort());
    const later = new TurkishMorphology({ keepDir: seeded });
    expect(readingsOf(later, WORDS)).toEqual(readingsOf(uncached, WORDS));
    expect(later.loaded).toBe(false);
    // a word nobody kept is read by the analyser, loaded then, and added to the file
    expect(later.remembering(() => later.roots("vazgeçtim"))).toEqual(uncached.roots("vazgeçtim"));
    expect(later.loaded).toBe(true);
    expect(keptWords(seeded)).toEqual([...WORDS, "vazgeçtim"].sort());
    // nothing but the file itself is left in its folder
    expect(readdirSync(seeded)).toEqual([fileName]);
  });

  it("tells whether this version's readings are kept: none in a new folder or in one without a folder, some once an index kept them", () => {
    expect(new TurkishMorphology({ keepDir: join(tempDir(), "new") }).hasKeptReadings()).toBe(false);
    expect(new TurkishMorphology().hasKeptReadings()).toBe(false);
    expect(new TurkishMorphology({ keepDir: seeded }).hasKeptReadings()).toBe(true);
  });

  it("keeps a knowledge base's words, never a customer's, and decides every question as without kept readings", async () => {
    const dir = tempDir();
    const writer = new Matcher(new TurkishMorphology({ keepDir: dir }));
    const domain = evaluationDomains().find((d) => d.name === "memnuniyet");
    if (!domain) throw new Error("the memnuniyet evaluation domain is missing");
    const kb = await domainKnowledge(domain);
    writer.indexFor(kb);
    const kept = keptWords(dir);
    expect(kept).toContain("müşteri");
    writer.match("zümrütanka faturamı yuttu", kb);
    expect(keptWords(dir)).toEqual(kept);
    expect(readFileSync(readingsFileIn(dir), "utf8")).not.toContain("zümrütanka");

    const warmMorphology = new TurkishMorphology({ keepDir: dir });
    const warm = new Matcher(warmMorphology);
    warm.indexFor(kb);
    expect(warmMorphology.loaded).toBe(false);
    const cold = new Matcher(uncached);
    for (const text of [...domain.inDomain.tuning.map((q) => q.text), ...domain.offTopic.tuning]) {
      expect(warm.match(text, kb)).toEqual(cold.match(text, kb));
    }
  });

  it.each([
    ["not JSON", () => "{ half a fi"],
    ["of another version", () => JSON.stringify({ version: "0/0/0", readings: { kaybettim: [["yanlış"], 0] } })],
    ["without readings", () => JSON.stringify({ version, readings: null })],
    ["of readings of the wrong shape", () => JSON.stringify({ version, readings: { kaybettim: ["kaybet", 0], gelmedi: [["gel", 3], 0], ödeme: [[], "0"] } })],
  ])("ignores a file %s, reads the words again and writes a good file", (_, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, fileName), content());
    const morphology = new TurkishMorphology({ keepDir: dir });
    const words = ["kaybettim", "gelmedi", "ödeme"];
    expect(morphology.remembering(() => readingsOf(morphology, words))).toEqual(readingsOf(uncached, words));
    expect(morphology.loaded).toBe(true);
    expect(keptWords(dir)).toEqual([...words].sort());
    expect(parsedReadingsFile(readingsFileIn(dir)).version).toEqual(version);
  });

  it("holds kept readings apart from its memo, so a memo that starts over keeps them", () => {
    const dir = tempDir();
    // a reading no analyser gives, so that where an answer comes from shows
    writeFileSync(join(dir, fileName), JSON.stringify({ version, readings: { kaybettim: [["işaret"], 0, []] } }));
    const morphology = new TurkishMorphology({ keepDir: dir, memoSize: 2 });
    expect(morphology.roots("kaybettim")).toEqual(["işaret"]);
    // more words than the memo holds: it starts over
    for (const word of ["gelmedi", "ödeme", "bugün"]) expect(morphology.roots(word)).toEqual(uncached.roots(word));
    expect(morphology.loaded).toBe(true);
    expect(morphology.roots("kaybettim")).toEqual(["işaret"]);
  });

  it("reads as usual where the file cannot be written, and leaves nothing behind", () => {
    const dir = tempDir();
    // the folder cannot be made: a file is in its place
    const blocker = join(dir, "not-a-folder");
    writeFileSync(blocker, "");
    const blocked = new TurkishMorphology({ keepDir: join(blocker, "cache") });
    expect(blocked.remembering(() => readingsOf(blocked, WORDS))).toEqual(readingsOf(uncached, WORDS));
    expect(readdirSync(dir)).toEqual(["not-a-folder"]);

    // the folder is there, but a folder takes the file's place: the copy written first is removed
    const taken = join(dir, "taken");
    mkdirSync(join(taken, fileName, "inside"), { recursive: true });
    const morphology = new TurkishMorphology({ keepDir: taken });
    expect(morphology.remembering(() => readingsOf(morphology, ["kaybettim"]))).toEqual(readingsOf(uncached, ["kaybettim"]));
    expect(readdirSync(taken)).toEqual([fileName]);
    expect(readdirSync(join(taken, fileName))).toEqual(["inside"]);
  });

  it("keeps the files of the four versions written last", () => {
    const dir = tempDir();
    const others = ["0000000000000001", "0000000000000002", "0000000000000003", "0000000000000004"].map((hash, i) => {
      const name = `readings-${hash}.json`;
      writeFileSync(join(dir, name), "{}");
      utimesSync(join(dir, name), new Date(2026, 0, i + 1), new Date(2026, 0, i + 1));
      return name;
    });
    writeFileSync(join(dir, "notes.txt"), "not ours");
    const writer = new TurkishMorphology({ keepDir: dir });
    writer.remembering(() => writer.roots("kaybettim"));
    expect(readdirSync(dir).sort()).toEqual([...others.slice(1), fileName, "notes.txt"].sort());
  });

  it("keeps the shared readings beside the analyser, in node_modules/.cache", () => {
    expect(keptDir()).toMatch(/node_modules[\\/]\.cache[\\/]memnun$/);
    expect(existsSync(join(keptDir(), "..", "..", "nlptoolkit-morphologicalanalysis", "package.json"))).toBe(true);
  });
});
