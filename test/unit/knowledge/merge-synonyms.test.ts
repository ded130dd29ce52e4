import { mergeSynonyms, synonymsToYaml, type ExistingSynonyms } from "../../../bot/knowledge/convert";
import { parseSynonymsFile } from "../../../bot/knowledge/parse-synonyms";
import type { SynonymGroup } from "../../../bot/knowledge/types";

/**
 * kb:import adds a .qna file's alterations to the editors' synonyms.yaml: nothing an editor wrote
 * is lost, and the file stays one the loader accepts.
 */

const imported = (words: string[], line: number): SynonymGroup => ({ words, source: { file: "sss.qna", line } });

function existing(text: string): ExistingSynonyms {
  const parsed = parseSynonymsFile(text, "synonyms.yaml");
  // kb:import fills an empty file, which the loader alone refuses
  if (!parsed.empty) expect(parsed.errors).toEqual([]);
  return { text, groups: parsed.groups };
}

const EDITORS = [
  "# Editörlerin grupları",
  "- [memnuniyet, tatmin, satisfaction]",
  "- [sadakat, loyalty]   # marka sadakati",
  "",
  "# İngilizce terimler",
  "- [şikayet, complaint]",
].join("\n");

describe("mergeSynonyms", () => {
  it("keeps the editors' text byte for byte, appends new groups after a comment, skips duplicates, and ends with a line break", () => {
    const merge = mergeSynonyms(
      existing(EDITORS),
      [imported(["parola", "şifre", "password"], 7), imported(["Tatmin", "memnuniyet"], 10), imported(["iade", "refund"], 14)],
      [],
      "sss.qna",
    );
    expect(merge.status).toBe("appended");
    expect(merge.text).toBe(`${EDITORS}\n# sss.qna dosyasından eklendi (npm run kb:import)\n- ["parola", "şifre", "password"]\n- ["iade", "refund"]\n`);
    expect(merge.added.map((group) => group.words)).toEqual([["parola", "şifre", "password"], ["iade", "refund"]]);
    // every member already in one existing group: nothing to add
    expect(merge.duplicates.map((skip) => [skip.group.words, skip.existing.source])).toEqual([[["Tatmin", "memnuniyet"], { file: "synonyms.yaml", line: 2 }]]);
    expect(merge.clashes).toEqual([]);
    const parsed = parseSynonymsFile(merge.text, "synonyms.yaml");
    expect(parsed.errors).toEqual([]);
    expect(parsed.groups.map((group) => group.words)).toEqual([
      ["memnuniyet", "tatmin", "satisfaction"],
      ["sadakat", "loyalty"],
      ["şikayet", "complaint"],
      ["parola", "şifre", "password"],
      ["iade", "refund"],
    ]);
  });

  it("leaves out a group sharing some words with an existing group (a word may be in one group only), naming that group and the words", () => {
    const merge = mergeSynonyms(existing(EDITORS), [imported(["sadakat", "bağlılık", "loyalty"], 3)], [], "sss.qna");
    expect(merge.status).toBe("unchanged");
    expect(merge.text).toBe(EDITORS);
    expect(merge.clashes.map((skip) => [skip.group.words, skip.existing.source.line, skip.shared])).toEqual([[["sadakat", "bağlılık", "loyalty"], 3, ["sadakat", "loyalty"]]]);
  });

  it("checks the groups of the other files the loader reads with it, and the imported groups among themselves", () => {
    const other: SynonymGroup = { words: ["iade", "refund"], source: { file: "knowledge/synonyms.yaml", line: 4 } };
    const merge = mergeSynonyms(undefined, [imported(["parola", "şifre"], 7), imported(["refund", "iade"], 9), imported(["kod", "şifre", "pin"], 12), imported(["fatura", "invoice"], 15)], [other], "sss.qna");
    expect(merge.status).toBe("new");
    expect(merge.text).toBe(synonymsToYaml([imported(["parola", "şifre"], 7), imported(["fatura", "invoice"], 15)]));
    expect(merge.duplicates.map((skip) => skip.existing)).toEqual([other]);
    expect(merge.clashes).toEqual([{ group: imported(["kod", "şifre", "pin"], 12), existing: imported(["parola", "şifre"], 7), shared: ["şifre"] }]);
  });

  it("adds a line break to a file without a last one, so its last group stays whole", () => {
    const merge = mergeSynonyms(existing("- [a1, b1]"), [imported(["c1", "d1"], 1)], [], "sss.qna");
    expect(merge.text).toBe('- [a1, b1]\n# sss.qna dosyasından eklendi (npm run kb:import)\n- ["c1", "d1"]\n');
    // a line an editor appends later (echo … >> synonyms.yaml) is a group of its own
    expect(parseSynonymsFile(`${merge.text}- [e1, f1]\n`, "synonyms.yaml").groups.map((group) => group.words)).toEqual([["a1", "b1"], ["c1", "d1"], ["e1", "f1"]]);
  });

  it("keeps Windows line endings and a byte order mark, and appends to a file of comments only", () => {
    const windows = "\uFEFF# açıklama\r\n- [a1, b1]\r\n";
    expect(mergeSynonyms(existing(windows), [imported(["c1", "d1"], 1)], [], "x.qna").text).toBe(`${windows}# x.qna dosyasından eklendi (npm run kb:import)\r\n- ["c1", "d1"]\r\n`);
    expect(mergeSynonyms(existing("# henüz grup yok\n"), [imported(["c1", "d1"], 1)], [], "x.qna").text).toBe('# henüz grup yok\n# x.qna dosyasından eklendi (npm run kb:import)\n- ["c1", "d1"]\n');
  });

  it("adds to a list written in brackets or indented through the YAML model, keeping its groups and comments", () => {
    for (const text of ["# köşeli\n[[a1, b1], [c1, d1]]\n", "# girintili\n  - [a1, b1]\n  - [c1, d1]\n"]) {
      const merge = mergeSynonyms(existing(text), [imported(["e1", "f1"], 1)], [], "x.qna");
      expect(merge.status).toBe("appended");
      expect(merge.text).toMatch(/^# (köşeli|girintili)\n/);
      expect(merge.text).toContain("# x.qna dosyasından eklendi (npm run kb:import)");
      expect(merge.text.endsWith("\n")).toBe(true);
      expect(parseSynonymsFile(merge.text, "synonyms.yaml").groups.map((group) => group.words)).toEqual([["a1", "b1"], ["c1", "d1"], ["e1", "f1"]]);
    }
  });
});
