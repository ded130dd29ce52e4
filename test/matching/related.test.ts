import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedLexicon } from "../../bot/matching/lexicon";
import { Matcher } from "../../bot/matching/matcher";
import { sharedMorphology, type Morphology } from "../../bot/matching/morphology";
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

/** Each text's top is its entry, with more confidence than without any related words. */
function expectLifted(matcher: Matcher, knowledge: MatchableBase, cases: ReadonlyArray<readonly [string, string]>): void {
  const without = new Matcher(sharedMorphology, sharedLexicon, NO_RELATED_WORDS);
  for (const [text, id] of cases) {
    const decision = matcher.match(text, knowledge);
    expect(decision.candidates[0]?.id).toBe(id);
    expect(decision.candidates[0]?.confidence ?? 0).toBeGreaterThan(without.match(text, knowledge).candidates.find((c) => c.id === id)?.confidence ?? 0);
  }
}

const kb = base([entry("iptal", "Aboneliğimi nasıl iptal ederim?"), entry("bitince", "Paketim bittiğinde ne olur?"), entry("adres", "Adresimi nasıl değiştiririm?")]);

describe("TurkishRelatedWords", () => {
  const small = "- [iptal etmek, kapatmak, sonlandırmak]\n- [bitmek, tükenmek]\n";

  it("reads groups of members, each the words it analyses to, light verbs and stop words dropped", () => {
    const groups = new TurkishRelatedWords(relatedFile("- [iptal etmek, kapatmak]\n- [geri ödeme, iade]\n- [ve, ile]\n")).groups();
    expect(groups.map((members) => members.map((member) => member.map((term) => term.typed)))).toEqual([
      [["iptal"], ["kapatmak"]],
      [["geri", "ödeme"], ["iade"]],
    ]);
  });

  it("reads a member of several words as one unit, in any form, both ways", () => {
    const matcher = matcherWith("- [döviz, yabancı para]\n- [dondurmak, askıya almak]\n");
    const units = base([
      entry("doviz", "Döviz hesabı nasıl açılır?"),
      entry("hesap", "Vadeli hesap nasıl açılır?"),
      entry("askiya", "Hattımı askıya almak istiyorum"),
      entry("hat", "Hattımı nasıl taşırım?"),
    ]);
    expectLifted(matcher, units, [
      ["yabancı paralar için hesap açmak istiyorum", "doviz"],
      ["yabanci para hesabi acmak", "doviz"],
      ["hattımı dondurmak istiyorum", "askiya"],
    ]);
    // the other way: the entry says the unit, the customer one word of its group
    const frozen = base([entry("dondur", "Hattımı nasıl dondururum?"), entry("hat", "Hattımı nasıl taşırım?")]);
    expect(matcher.match("hattımı askıya aldırmak istiyorum", frozen).candidates[0]?.id).toBe("dondur");
  });

  it("counts a unit and its own words once: typed as the entry wrote it, it scores as without the list", () => {
    const matcher = matcherWith("- [döviz, yabancı para]\n");
    const without = new Matcher(sharedMorphology, sharedLexicon, NO_RELATED_WORDS);
    const units = base([entry("yabanci", "Yabancı para hesabı nasıl açılır?"), entry("hesap", "Vadeli hesap nasıl açılır?")]);
    for (const text of ["yabancı para hesabı nasıl açılır", "yabancı para hesabı", "para hesabı açmak"]) {
      expect(matcher.match(text, units).candidates.map((c) => c.confidence)).toEqual(without.match(text, units).candidates.map((c) => c.confidence));
    }
  });

  it("reads a verb of a unit in its forms of the same polarity only: `gelmedi` is `gelmemek`, `geldi` is not", () => {
    expect(sharedMorphology.negative("gelmedi")).toBe(true);
    expect(sharedMorphology.negative("ulaşamıyorum")).toBe(true);
    expect(sharedMorphology.negative("geldi")).toBe(false);
    // also a noun (`gelme`, coming): not negative in every reading
    expect(sharedMorphology.negative("gelme")).toBe(false);
    expect(sharedMorphology.negative("sipariş")).toBe(false);
    const matcher = matcherWith("- [teslim edilmemek, sipariş gelmemek]\n");
    const index = matcher.indexFor(base([entry("teslim", "Ürünüm teslim edilmedi"), entry("adres", "Adresimi nasıl değiştiririm?")]));
    const hasUnit = (text: string): boolean => index.query(text).some((word) => word.parts !== undefined);
    expect(hasUnit("siparişim gelmedi")).toBe(true);
    expect(hasUnit("siparisim gelmedi")).toBe(true);
    expect(hasUnit("siparişim geldi")).toBe(false);
    expect(hasUnit("siparişim gelmemiş hala")).toBe(true);
  });

  it("reads a verb's form \"without doing\" as of the other polarity, unless a word of time makes it \"before doing\"", () => {
    const matcher = matcherWith("- [şubeye gitmek, şubeye uğramak]\n");
    const kb2 = base([entry("online", "Şubeye gitmeden hesap açabilir miyim?"), entry("randevu", "Şubeye gitmeden önce randevu almalı mıyım?"), entry("saat", "Şubeler kaçta açılıyor?")]);
    const index = matcher.indexFor(kb2);
    const unitReach = (text: string): string[] => index.query(text).flatMap((word) => (word.parts ? [...word.reach.entries].map((e) => index.entries[e]?.id ?? "") : []));
    // `gitmeden hesap açmak` is opening an account without going: no form of `şubeye gitmek`
    expect(unitReach("şubeye uğramak istiyorum")).toEqual(["randevu"]);
    expect(unitReach("subeye gidebilir miyim")).toEqual(["randevu"]);
    // nor does a message's `without` meet the positive member
    const hasUnit = (text: string): boolean => index.query(text).some((word) => word.parts !== undefined);
    expect(hasUnit("şubeye gitmeden halledebilir miyim")).toBe(false);
    expect(hasUnit("şubeye gitmeden önce ne hazırlamalıyım")).toBe(true);
    expect(hasUnit("şubeye gitmeksizin")).toBe(false);
  });

  it("links a member through its own root only, not the shorter words it derives from", () => {
    // the analyser reads `evlenmek` as `evlen` and as `ev`: a group of `evlenmek` says nothing of `ev`
    const index = matcherWith("- [evlenmek, nikah]\n").indexFor(base([entry("nikah", "Nikah ücreti ne kadar?"), entry("ev", "Evimi nasıl sigortalarım?")]));
    const reaches = (text: string): string[] => index.query(text).flatMap((word) => word.expansions.map((e) => index.stemOf(e.term)));
    expect(reaches("evlendik")).toContain("nikah");
    expect(reaches("evim")).not.toContain("nikah");
  });

  it("holds the message's key word in an entry that holds it through a unit, so it can answer", () => {
    const matcher = matcherWith("- [döviz, yabancı para]\n");
    const units = base([entry("doviz", "Döviz hesabı nasıl açılır?"), entry("hesap", "Vadeli hesap nasıl açılır?")]);
    const decision = matcher.match("yabancı para hesabı nasıl açılır", units);
    expect(decision.candidates[0]?.id).toBe("doviz");
    expect(decision.topHoldsKeyWord).toBe(true);
    expect(decision.status).toBe("answered");
  });

  it("reads a one-word member the English lexicon rewrites into several words as a unit, never as its first word", () => {
    // the lexicon reads `otp` as `tek kullanımlık şifre`: its group says nothing of `tek` alone
    const matcher = matcherWith("- [onay kodu, otp]\n");
    const kb2 = base([entry("kod", "Onay kodu gelmiyor"), entry("cekim", "Tek çekim nasıl yapılır?")]);
    expect(matcher.match("tek", kb2).candidates.map((c) => c.id)).toEqual(["cekim"]);
    expect(matcher.match("tek kullanımlık şifre gelmiyor", kb2).candidates[0]?.id).toBe("kod");
  });

  it("joins the words of a noun unit by stem only, so opposites that share a root stay apart", () => {
    const matcher = matcherWith("- [faizli hesap, vadeli hesap]\n");
    const kb2 = base([entry("faizli", "Faizli hesap nedir?"), entry("vadesiz", "Vadesiz hesap nedir?")]);
    // `vadesiz` shares the root `vade` with `vadeli`, but is not a form of it
    expect(matcher.match("vadesiz hesap nedir", kb2).candidates[0]?.id).toBe("vadesiz");
    expect(matcher.match("vadeli hesap nedir", kb2).candidates[0]?.id).toBe("faizli");
  });

  it("finds a unit by its first noun in any form, where Snowball stems the form apart (kartın → kar)", () => {
    const matcher = matcherWith("- [pin kodu, kart şifresi]\n");
    const index = matcher.indexFor(base([entry("pin", "Kart şifremi nasıl değiştiririm?"), entry("adres", "Adresimi nasıl değiştiririm?")]));
    const units = (text: string): string[] => index.query(text).flatMap((word) => (word.parts ? [word.surface] : []));
    expect(units("kart şifresi")).toHaveLength(1);
    for (const text of ["kartın şifresi", "kartımın şifresini", "kartin sifresi", "pin kodunu"]) expect(units(text)).toEqual(units("kart şifresi"));
    // a word that starts as the noun does and is another word begins no unit
    expect(units("kartal şifresi")).toEqual([]);
    const pin = base([entry("pin", "PIN kodu nasıl değiştirilir?"), entry("adres", "Adresimi nasıl değiştiririm?")]);
    expect(matcher.match("kartın şifresini değiştirmek", pin).candidates[0]?.id).toBe("pin");
  });

  it("joins a noun whose last vowel drops to its forms (izin, izne, izni), which start otherwise", () => {
    const matcher = matcherWith("- [ücretsiz izin, maaşsız izin]\n");
    const index = matcher.indexFor(base([entry("izin", "Ücretsiz izin alabilir miyim?"), entry("adres", "Adresimi nasıl değiştiririm?")]));
    const units = (text: string): string[] => index.query(text).flatMap((word) => (word.parts ? [word.surface] : []));
    expect(units("ücretsiz izne çıkmak istiyorum")).toEqual(units("ücretsiz izin"));
    expect(units("ucretsiz izni var mi")).toEqual(units("ücretsiz izin"));
    expect(units("maaşsız izne")).toEqual(units("ücretsiz izin"));
    expect(units("ücretsiz izin")).toHaveLength(1);
    // a word that merely starts as the shortened stem is not a form of the noun
    expect(units("ücretsiz iznik")).toEqual([]);
  });

  it("joins the words of a noun unit by lemma too, where Snowball stems one noun's forms apart (yöntemi, yöntemleri), with or without Turkish letters", () => {
    const shared = (a: string, b: string): boolean => sharedMorphology.lemmas(a).some((lemma) => sharedMorphology.lemmas(b).includes(lemma));
    expect(shared("yöntemleri", "yöntemi")).toBe(true);
    expect(shared("ödemeleri", "ödemesi")).toBe(true);
    // one root, two words: `vadeli` and `vadesiz` share no lemma
    expect(shared("vadeli", "vadesiz")).toBe(false);
    const matcher = matcherWith("- [ödeme yöntemi, ödeme seçeneği]\n");
    const kb2 = base([entry("yontem", "Hangi ödeme yöntemleri geçerli?"), entry("kapida", "Kapıda ödeme nasıl yapılır?")]);
    /** The entries a message's units reach. */
    const unitReach = (knowledge: MatchableBase, text: string): string[] => {
      const index = matcher.indexFor(knowledge);
      return index.query(text).flatMap((word) => (word.parts ? [...word.reach.entries].map((e) => index.entries[e]?.id ?? "") : []));
    };
    expect(unitReach(kb2, "ödeme seçenekleri")).toEqual(["yontem"]);
    // typed without Turkish letters too, by the lemma of the spelling the analyser reads
    // (`yontemleri`: `yöntemleri`, whose stem is not the member's either)
    const options = base([entry("secenek", "Ödeme seçenekleri nelerdir?"), entry("kapida", "Kapıda ödeme nasıl yapılır?")]);
    expect(unitReach(options, "ödeme yöntemleri")).toEqual(["secenek"]);
    expect(unitReach(options, "odeme yontemleri")).toEqual(["secenek"]);
    expect(matcher.match("ödeme seçenekleri", kb2).candidates[0]?.id).toBe("yontem");
  });

  it("lets a customer's word meet an entry written with a related word, in any form, with or without Turkish letters", () => {
    expectLifted(matcherWith(small), kb, [
      ["aboneliğimi kapatmak istiyorum", "iptal"],
      ["aboneligimi kapattircam", "iptal"],
      ["paketim tükendi", "bitince"],
      ["paketim tukendi ne olacak", "bitince"],
    ]);
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

  it("links a thing to its kind one way: the thing meets the category, never the category or another thing of the kind", () => {
    const kindsWith = (text: string): Matcher =>
      new Matcher(sharedMorphology, sharedLexicon, new TurkishRelatedWords(relatedFile("- [iptal etmek, kapatmak]\n"), relatedFile(text)));
    const matcher = kindsWith("- [evcil hayvan, kedi, köpek, muhabbet kuşu]\n- [yurt dışı, almanya]\n- [ödeme yöntemi, kredi kartı, sanal kart]\n");
    const pets = base([
      entry("evcil", "Evcil hayvanımla seyahat edebilir miyim?"),
      entry("bagaj", "Bagaj hakkım ne kadar?"),
      entry("yurtdisi", "Yurt dışına gönderim yapıyor musunuz?"),
    ]);
    expectLifted(matcher, pets, [
      ["kedimle seyahat edebilir miyim", "evcil"],
      ["muhabbet kuşumu yanıma alabilir miyim", "evcil"],
      ["almanyaya gönderim", "yurtdisi"],
    ]);
    const cats = base([entry("kedi", "Kedimle seyahat edebilir miyim?"), entry("kopek", "Köpeğimle seyahat edebilir miyim?"), entry("bagaj", "Bagaj hakkım ne kadar?")]);
    const without = new Matcher(sharedMorphology, sharedLexicon, NO_RELATED_WORDS);
    // the category and another thing of the kind score as without the list
    for (const text of ["evcil hayvanla seyahat", "köpeğimle seyahat", "kuşumla seyahat"]) {
      expect(matcher.match(text, cats).candidates.map((c) => [c.id, c.confidence])).toEqual(without.match(text, cats).candidates.map((c) => [c.id, c.confidence]));
    }
    // things of several words, each its own: `sanal kart` meets `ödeme yöntemi`, never `kredi kartı`
    const cards = base([entry("sanal", "Sanal kart nedir?"), entry("kredi", "Kredi kartı aidatı ne kadar?"), entry("yontem", "Hangi ödeme yöntemleri geçerli?")]);
    expectLifted(matcher, base([entry("yontem", "Hangi ödeme yöntemleri geçerli?"), entry("bagaj", "Bagaj hakkım ne kadar?")]), [["sanal kartla olur mu", "yontem"]]);
    const onCredit = (m: Matcher): number | undefined => m.match("sanal kart", cards).candidates.find((c) => c.id === "kredi")?.confidence;
    expect(onCredit(matcher)).toBe(onCredit(without));
    expect(new TurkishRelatedWords(relatedFile("- [iptal etmek, kapatmak]\n"), null).kinds()).toEqual([]);
    expect(() => new TurkishRelatedWords(relatedFile("- [iptal etmek, kapatmak]\n"), relatedFile("- kedi\n")).kinds()).toThrow(RelatedWordsError);
  });

  it("reads the lists' words once per analyser, however many indexes use them", () => {
    let lookups = 0;
    const counted: Morphology = {
      roots: (word) => {
        lookups += 1;
        return sharedMorphology.roots(word);
      },
      negative: (word) => sharedMorphology.negative(word),
      verb: (word) => sharedMorphology.verb(word),
      modifier: (word) => sharedMorphology.modifier(word),
      properName: (word) => sharedMorphology.properName(word),
      aboutWriter: (word) => sharedMorphology.aboutWriter(word),
      writerToReader: (word) => sharedMorphology.writerToReader(word),
      lemmas: (word) => {
        lookups += 1;
        return sharedMorphology.lemmas(word);
      },
    };
    const matcher = new Matcher(counted, sharedLexicon, sharedRelatedWords);
    matcher.indexFor(base([entry("kart", "Kartımı kaybettim"), entry("hat", "Hattımı nasıl dondururum?")]));
    const first = lookups;
    lookups = 0;
    const again = new Matcher(counted, sharedLexicon, sharedRelatedWords);
    const other = base([entry("kart", "Kartımı kaybettim"), entry("hat", "Hattımı nasıl dondururum?"), entry("kargo", "Kargom nerede?")]);
    again.indexFor(other);
    // the lists hold thousands of words; a second index reads only what it has of its own
    expect(first).toBeGreaterThan(1000);
    expect(lookups).toBeLessThan(first / 10);
    expect(again.match("hattımı askıya almak istiyorum", other).candidates[0]?.id).toBe("hat");
  });

  it("ships a list of kinds, each a category and at least one thing", () => {
    const kinds = sharedRelatedWords.kinds();
    expect(kinds.length).toBeGreaterThan(50);
    for (const members of kinds) expect(members.length).toBeGreaterThanOrEqual(2);
  });

  it("ships a list that parses into groups of two or more members", () => {
    const groups = sharedRelatedWords.groups();
    expect(groups.length).toBeGreaterThan(100);
    for (const members of groups) expect(members.length).toBeGreaterThanOrEqual(2);
  });
});
