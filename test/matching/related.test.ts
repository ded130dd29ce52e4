import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedLexicon } from "../../bot/matching/lexicon";
import { Matcher } from "../../bot/matching/matcher";
import { sharedMorphology } from "../../bot/matching/morphology";
import { NO_RELATED_WORDS, RelatedWordsError, TurkishRelatedWords, sharedRelatedWords } from "../../bot/matching/related";
import type { MatchableBase, MatchableEntry } from "../../bot/matching/types";

const entry = (id: string, question: string): MatchableEntry => ({ id, question, alternates: [], tags: [], answer: "Ayrıntılar uygulamada." });
const base = (entries: readonly MatchableEntry[], synonyms: string[][] = []): MatchableBase => ({ entries, synonyms: synonyms.map((words) => ({ words })) });
const relatedFile = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), "memnun-related-")), "tr-related.yaml");
  writeFileSync(file, text);
  return file;
};
const matcherWith = (text: string): Matcher => new Matcher(sharedMorphology, sharedLexicon, new TurkishRelatedWords(relatedFile(text)));

const kb = base([entry("iptal", "Aboneliğimi nasıl iptal ederim?"), entry("bitince", "Paketim bittiğinde ne olur?"), entry("adres", "Adresimi nasıl değiştiririm?")]);

describe("TurkishRelatedWords", () => {
  const small = "- [iptal etmek, kapatmak, sonlandırmak]\n- [bitmek, tükenmek]\n";

  it("reads groups of words, dropping light verbs and members of several words", () => {
    const groups = new TurkishRelatedWords(relatedFile("- [iptal etmek, kapatmak]\n- [geri ödeme, iade]\n")).groups();
    expect(groups.map((members) => members.map((term) => term.typed))).toEqual([["iptal", "kapatmak"]]);
  });

  it("lets a customer's word meet an entry written with a related word, in any form, with or without Turkish letters", () => {
    const matcher = matcherWith(small);
    const without = new Matcher(sharedMorphology, sharedLexicon, NO_RELATED_WORDS);
    for (const [text, id] of [
      ["aboneliğimi kapatmak istiyorum", "iptal"],
      ["aboneligimi kapattircam", "iptal"],
      ["paketim tükendi", "bitince"],
      ["paketim tukendi ne olacak", "bitince"],
    ] as const) {
      const decision = matcher.match(text, kb);
      expect(decision.candidates[0]?.id).toBe(id);
      expect(decision.candidates[0]?.confidence ?? 0).toBeGreaterThan(without.match(text, kb).candidates[0]?.confidence ?? 0);
    }
  });

  it("counts a related word less than the word itself", () => {
    const matcher = matcherWith(small);
    const same = matcher.match("aboneliğimi iptal etmek istiyorum", kb).candidates[0]?.confidence ?? 0;
    const related = matcher.match("aboneliğimi kapatmak istiyorum", kb).candidates[0]?.confidence ?? 0;
    expect(related).toBeGreaterThan(0);
    expect(related).toBeLessThan(same);
  });

  it("leaves words outside its groups alone, and never reads a short root into an unknown word", () => {
    const matcher = matcherWith(small);
    expect(matcher.match("adresimi kapatmak istiyorum", kb).candidates[0]?.id).toBe("adres");
    // `bit` (of `bitmek`) starts `bitcoin`, which the analyser cannot read; the base has no `bit…` word of its own
    const quota = base([entry("kota", "Kotam tükendiğinde ne olur?"), entry("adres", "Adresimi nasıl değiştiririm?")]);
    expect(matcher.match("tukendi", quota).candidates[0]?.id).toBe("kota");
    expect(matcher.match("bitti", quota).candidates[0]?.id).toBe("kota");
    expect(matcher.match("bitcoin", quota).candidates).toEqual([]);
  });

  it("names the file and the component when the file is not a list of groups", () => {
    const broken = new TurkishRelatedWords(relatedFile("- iptal\n"));
    expect(() => broken.groups()).toThrow(RelatedWordsError);
    expect(() => broken.groups()).toThrow(/^\[matching\] .*tr-related\.yaml: not a list of groups/);
  });

  it("ships a list that parses into groups of two or more one-word members", () => {
    const groups = sharedRelatedWords.groups();
    expect(groups.length).toBeGreaterThan(100);
    for (const members of groups) expect(members.length).toBeGreaterThanOrEqual(2);
  });
});
