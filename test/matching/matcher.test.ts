import { Matcher } from "../../bot/matching/matcher";
import { keyWords } from "../../bot/matching/ranking";
import { sharedLexicon } from "../../bot/matching/lexicon";
import { NO_MORPHOLOGY, sharedMorphology, TurkishMorphology } from "../../bot/matching/morphology";
import { NO_RELATED_WORDS } from "../../bot/matching/related";
import { TUNING } from "../../bot/matching/tuning";
import type { MatchableBase, MatchableEntry } from "../../bot/matching/types";

const entry = (id: string, question: string, answer = `${question} Ayrıntılar için şubemize gelin.`, extra: Partial<MatchableEntry> = {}): MatchableEntry => ({
  id,
  question,
  alternates: [],
  tags: [],
  answer,
  ...extra,
});
const base = (entries: readonly MatchableEntry[], synonyms: string[][] = []): MatchableBase => ({ entries, synonyms: synonyms.map((words) => ({ words })) });
/** The weight of the message's word read as `surface` when `text` is asked of `kb` (0 when the message has no such word). */
const weightIn = (matcher: Matcher, kb: MatchableBase, text: string, surface: string): number =>
  matcher.indexFor(kb).query(text).find((w) => w.surface === surface)?.weight ?? 0;
/** `weightIn` of a word as typed (`ağustosta`), through the surface the index reads it as (`agustosta`). */
const weightOfTyped = (matcher: Matcher, kb: MatchableBase, text: string, word: string): number =>
  weightIn(matcher, kb, text, matcher.indexFor(kb).query(word)[0]?.surface ?? "");

describe("Matcher", () => {
  const matcher = new Matcher();

  it("does not search a message of numbers alone that no question holds (a typed rating, `merhaba 3`), nor an answer's list numbers", () => {
    const kb = base([
      entry("temsilci", "İyi bir temsilci nasıl olmalı?", "1. Güler yüzlü\n2. Sabırlı\n3. Çözüm odaklı\n4. Dürüst\n5. Hızlı"),
      entry("puan", "Puanlama nasıl yapılır?", "Cevapları 1–5 arası puanlayabilirsiniz; 5 en iyisidir."),
      entry("acil", "112 ne zaman aranır?", "Hayati tehlike varsa hemen arayın."),
    ]);
    for (const text of ["5", "merhaba 3", "4 !", "30"]) {
      const decision = matcher.match(text, kb);
      expect({ text, status: decision.status, candidates: decision.candidates }).toEqual({ text, status: "none", candidates: [] });
    }
    expect(matcher.match("112", kb).candidates[0]?.id).toBe("acil");
    // a number beside a word the base knows is part of the question
    expect(matcher.match("puanlama 1–5 mi", kb).candidates[0]?.id).toBe("puan");
    // `3` of `3. Çözüm odaklı` is the list's, not the answer's
    expect(matcher.indexFor(kb).query("temsilci 3").find((word) => word.surface === "3")?.reach.entries.length ?? 0).toBe(0);
  });

  it("does not search a message whose words only modify, count or point (`başka?`, `daha fazla`), unless an entry's question says it exactly", () => {
    const kb = base([
      entry("modeller", "Davranış modelleri nelerdir?", undefined, { alternates: ["Başka hangi davranış modelleri var?"] }),
      entry("fazla", "Daha fazla", "Ayrıntılar için bize yazın."),
      entry("kargo", "Başka şehre kargo gönderebilir miyim?"),
    ]);
    for (const text of ["başka?", "baska", "tamamen"]) {
      const decision = matcher.match(text, kb);
      expect({ text, status: decision.status, candidates: decision.candidates }).toEqual({ text, status: "none", candidates: [] });
    }
    expect(matcher.match("Daha fazla", kb).status).toBe("answered");
    // beside a word that names a thing, such a word is part of the question
    expect(matcher.match("başka şehre kargo", kb).candidates[0]?.id).toBe("kargo");
  });

  it("reads editors' synonyms on both sides, inflected forms included", () => {
    const kb = base([entry("iptal", "Hattımı nasıl iptal ederim?"), entry("tasima", "Numaramı nasıl taşırım?")], [["iptal", "vazgeçme", "fesih"]]);
    expect(matcher.match("vazgeçme hat", kb).candidates[0]?.id).toBe("iptal");
    expect(matcher.match("hattımın feshi nasıl olur", kb).candidates[0]?.id).toBe("iptal");
    const withoutSynonyms = base(kb.entries);
    expect(matcher.match("vazgeçme hat", withoutSynonyms).candidates[0]?.confidence ?? 0).toBeLessThan(matcher.match("vazgeçme hat", kb).candidates[0]?.confidence ?? 0);
  });

  it("reads a verb of an editors' synonym group in any form, with or without Turkish letters (by its dictionary root, which Snowball does not give)", () => {
    const kb = base([entry("artis", "Satışları nasıl artırırız?"), entry("iade", "İade nasıl yapılır?")], [["artırmak", "yükseltmek"]]);
    const index = matcher.indexFor(kb);
    const canonical = index.query("artırmak").map((w) => w.surface);
    for (const text of ["yükseltmek", "yükseltebilmemiz", "yukseltebilir", "yükseltiyoruz"]) {
      expect(index.query(text).map((w) => w.surface)).toEqual(canonical);
    }
    // a word that only shares letters with a member is not read as it (`yüksek`, `yükselmek`)
    expect(index.query("yüksek").map((w) => w.surface)).not.toEqual(canonical);
    expect(index.query("yükseliyor").map((w) => w.surface)).not.toEqual(canonical);
    const decision = matcher.match("satışları yükseltebilir miyiz", kb);
    expect(decision.candidates[0]?.id).toBe("artis");
    expect(decision.status).toBe("answered");
  });

  it("meets verb forms through their root, with and without Turkish letters (morphology)", () => {
    const kb = base([entry("olcum", "Memnuniyet nasıl ölçülür?"), entry("artis", "Satışlar nasıl artar?")]);
    for (const text of ["memnuniyeti ölçebilir miyiz", "memnuniyeti olcebilir miyiz", "memnuniyetini ölçerim"]) {
      expect(matcher.match(text, kb).candidates[0]?.id).toBe("olcum");
    }
    const plain = new Matcher(NO_MORPHOLOGY);
    expect(plain.match("ölçebiliriz", kb).candidates.map((c) => c.id)).not.toContain("olcum");
    expect(matcher.match("ölçebiliriz", kb).candidates[0]?.id).toBe("olcum");
  });

  it("reads a word typed without Turkish letters in every family its spellings with them read as (alacagim: alacak and al)", () => {
    const kb = base([entry("teslim", "Paketimi şubeden nasıl alırım?"), entry("bakiye", "Alacak bakiyemi nereden görürüm?"), entry("iade", "İade nasıl yapılır?")]);
    const index = matcher.indexFor(kb);
    const reached = (text: string): string[] => (index.query(text)[0]?.expansions ?? []).map((e) => index.stemOf(e.term));
    const [verb] = reached("alırım");
    expect(verb).toBeDefined();
    // `alacağım` is the verb `al` in the future, or the noun `alacak` (receivable) with a possessive
    expect(reached("alacağım")).toContain(verb);
    expect(reached("alacagim")).toContain(verb);
    expect(matcher.match("paketimi subeden alacagim", kb).candidates[0]?.id).toBe("teslim");
  });

  it("meets a verb fused with etmek or olmak through its noun (kaybettim ↔ kayıp, kaydoldum ↔ kayıt)", () => {
    expect(sharedMorphology.roots("kaybettim")).toEqual(["kaybet", "kayıp"]);
    expect(sharedMorphology.roots("kaydolmak")).toEqual(["kaydol", "kayıt"]);
    expect(sharedMorphology.roots("reddedildi")).toContain("ret");
    expect(sharedMorphology.roots("affettirmek")).toContain("af");
    expect(sharedMorphology.roots("şükrettik")).toContain("şükür");
    // a loanword keeps its own vowel (`nakil`, not `nakıl`)
    expect(sharedMorphology.roots("naklettirdim")).toContain("nakil");
    // a verb whose stem is no noun of the dictionary gains none (`yönet`, `dinlet`, `ilet`)
    expect(sharedMorphology.roots("yönettim")).toEqual(["yönet"]);
    expect(sharedMorphology.roots("dinlettim")).toEqual(["dinlet", "dinle"]);
    expect(sharedMorphology.roots("ilettim")).toEqual(["ilet"]);
    const kb = base([entry("kayip", "Kayıp kartı nasıl bildiririm?"), entry("aidat", "Kart aidatı ne kadar?"), entry("kayit", "Üye kaydı nasıl yapılır?")]);
    const lost = matcher.match("kartımı kaybettim", kb);
    expect(lost.candidates[0]?.id).toBe("kayip");
    expect(lost.topHoldsKeyWord).toBe(true);
    expect(matcher.match("nasıl üye kaydolurum", kb).candidates[0]?.id).toBe("kayit");
  });

  it("meets a noun or adjective made from a verb through the verb (değişiklik ↔ değiştirmek, kesinti ↔ kesilmek)", () => {
    expect(sharedMorphology.roots("değişikliği")).toContain("değiş");
    expect(sharedMorphology.roots("kesintisi")).toContain("kes");
    expect(sharedMorphology.roots("seçimi")).toContain("seç");
    expect(sharedMorphology.roots("kazancım")).toContain("kazan");
    // suffixes whose words have drifted from the verb are not taken off (tax is not giving)
    expect(sharedMorphology.roots("vergi")).not.toContain("ver");
    expect(sharedMorphology.roots("durak")).not.toContain("dur");
    const kb = base([entry("degisim", "Numaramı değiştirebilir miyim?"), entry("tasima", "Numaramı başka operatöre taşıyabilir miyim?"), entry("kesinti", "Su kesintisi ne zaman biter?"), entry("fatura", "Su faturası ne zaman gelir?")]);
    expect(matcher.match("numara değişikliği", kb).candidates[0]?.id).toBe("degisim");
    // without the link, the cut and the bill tie on `su` and `ne zaman`
    const cut = matcher.match("sular ne zaman kesilecek", kb);
    expect(cut.candidates[0]?.id).toBe("kesinti");
    expect(cut.status).toBe("answered");
  });

  it("reads a vocabulary word with a suffix typed onto it without the apostrophe (eftyi, crmde) as the word itself", () => {
    const kb = base([entry("eft", "EFT nasıl yapılır?"), entry("crm", "CRM nedir?"), entry("fatura", "Faturamı nasıl öderim?")]);
    const index = matcher.indexFor(kb);
    for (const [typed, word] of [["eftyi", "EFT"], ["crmde", "CRM"], ["eftlerimi", "EFT"]] as const) {
      const [expansion] = index.query(typed)[0]?.expansions ?? [];
      expect(expansion?.sim).toBe(1);
      expect(index.query(typed)[0]?.reach.entries).toEqual(index.query(word)[0]?.reach.entries);
    }
    expect(matcher.match("eftyi iptal edebilir miyim", kb).candidates[0]?.id).toBe("eft");
    // only letters that are a suffix chain: `eftxyz` is no form of `eft`
    expect(index.query("eftxyz")[0]?.expansions.some((e) => e.sim === 1) ?? false).toBe(false);
  });

  it("reads an unknown word as two written together (simkartı, haftasonu)", () => {
    const kb = base([entry("sim", "SIM kartımı nasıl değiştiririm?"), entry("hafta", "Hafta sonu açık mısınız?"), entry("kart", "Kartımı nasıl iptal ederim?")]);
    expect(matcher.match("simkartımı değiştirmek", kb).candidates[0]?.id).toBe("sim");
    expect(matcher.match("haftasonu acik misiniz", kb).candidates[0]?.id).toBe("hafta");
    // without the related words, whose group [sim kart, simkart] reads it too
    const split = new Matcher(sharedMorphology, sharedLexicon, NO_RELATED_WORDS);
    expect(split.indexFor(kb).query("simkartımı").map((w) => w.surface)).toEqual(["sim", "kartimi"]);
  });

  it("lists the runners-up behind a far better top, so the margin and the choices are measured against them", () => {
    const kb = base([entry("aidat", "Kredi kartı aidatı nedir?"), entry("basvuru", "Kredi kartına nasıl başvururum?"), entry("limit", "Kredi kartı limitim ne kadar?")]);
    const decision = matcher.match("kredi kartı aidatı", kb);
    expect(decision.candidates.map((c) => c.id).sort()).toEqual(["aidat", "basvuru", "limit"]);
    expect(decision.candidates[0]?.id).toBe("aidat");
  });

  it("reads verbs typed as they are spoken (gidiyom, gidcem) through their written forms' roots", () => {
    const kb = base([entry("gidis", "Şubeye gitmem gerekir mi?"), entry("kart", "Kart aidatı ne kadar?")]);
    const index = matcher.indexFor(kb);
    // `gid…` starts no word of the base: only the analyser's root `git` of `gidiyorum` and `gideceğim` meets `gitmem`
    const gitmem = index.query("gitmem")[0]?.expansions.find((x) => x.sim === 1)?.term;
    expect(gitmem).toBeDefined();
    for (const text of ["şubeye gidiyom", "şubeye gidcem"]) {
      const verb = index.query(text).find((w) => w.surface.startsWith("gid"));
      expect(verb?.expansions.map((x) => x.term)).toContain(gitmem);
    }
  });

  it("measures a long story against as many of its words as a question has, so it is not lost for being long", () => {
    const kb = base([
      entry("bloke", "Kartımın blokesini nasıl kaldırırım?"),
      entry("aidat", "Kart aidatı ne kadar?"),
      entry("sube", "Şubeleriniz kaçta açılıyor?"),
    ]);
    const story =
      "Dün akşam markette alışveriş yaparken şifremi üç kez yanlış girdim, kasiyer kartın bloke olduğunu söyledi. " +
      "Çocuklar da yanımdaydı, sıradakiler bekledi, çok utandım ve eve eli boş döndük. Kartımın blokesini nasıl kaldırırım?";
    const decision = matcher.match(story, kb);
    expect(decision.candidates[0]?.id).toBe("bloke");
    expect(decision.status).not.toBe("none");
  });

  it("corrects a one-letter typo in a four-letter word too (hesp → hesap)", () => {
    const kb = base([entry("hesap", "Hesap nasıl açılır?"), entry("vade", "Vadeli mevduat faizi ne kadar?")]);
    expect(matcher.match("hesp açmak", kb).candidates[0]?.id).toBe("hesap");
    expect(matcher.match("hesp", kb).status).toBe("answered");
    expect(matcher.match("vadli mevduat", kb).candidates[0]?.id).toBe("vade");
  });

  it("compares the whole typed word with a candidate one letter shorter, whatever the stemmer cut (öedeme → ödeme)", () => {
    const kb = base([entry("odeme", "Ödemeler hangi günlerde yapılır?"), entry("iade", "İade nasıl yapılır?")]);
    const index = matcher.indexFor(kb);
    // Snowball cuts `öedeme` to `oede`, two edits from `odeme`; the word as typed is one
    expect(index.query("öedeme")[0]?.expansions.map((e) => index.stemOf(e.term))).toContain("odeme");
    expect(matcher.match("öedeme günleri", kb).candidates[0]?.id).toBe("odeme");
  });

  it("reads a stop word one letter off as the stop word, never a word the analyser reads (istiyrum, not hakkımda)", () => {
    const kb = base([entry("limit", "Kart limitimi nasıl düşürürüm?"), entry("iade", "Ürünü nasıl iade ederim?")]);
    const index = matcher.indexFor(kb);
    expect(index.query("istiyrum").map((w) => w.surface)).toEqual([]);
    expect(index.query("istiyorm").map((w) => w.surface)).toEqual([]);
    // one letter from `hakkında`, and a word of its own
    expect(index.query("hakkımda")).toHaveLength(1);
    expect(index.query("hakkimda")).toHaveLength(1);
    const typed = matcher.match("kart limitimi düşürmek istiyrum", kb).candidates[0];
    expect(typed?.id).toBe("limit");
    expect(typed?.confidence).toBe(matcher.match("kart limitimi düşürmek istiyorum", kb).candidates[0]?.confidence);
  });

  it("reads a light verb with a vowel left out as the light verb, dropped (yapılr, edeblirim), never a word the analyser reads", () => {
    const kb = base([entry("eft", "EFT nasıl yapılır?"), entry("ucret", "EFT ücreti ne kadar?"), entry("iade", "Ürünü nasıl iade ederim?")]);
    const index = matcher.indexFor(kb);
    const words = (text: string): string[] => index.query(text).map((w) => w.surface);
    for (const typed of ["eft nasıl yapılr", "eft nasil yaplir", "eft nasıl yapılıyr"]) expect(words(typed)).toEqual(words("eft nasıl yapılır"));
    expect(words("iade edeblirim")).toEqual(["iade"]);
    // a word the analyser reads is its own word, though a vowel would make it a light verb's form (`yapma`: `yapmam`)
    expect(words("yapı")).toEqual(["yapi"]);
    expect(matcher.match("eft nasil yaplir", kb).candidates[0]?.id).toBe("eft");
  });

  it("reads a word with a vowel left out as the word the analyser reads with it put back (taşt: taşıt, bedli: bedeli)", () => {
    const kb = base([entry("tasit", "Taşıt kredisi nasıl alınır?"), entry("konut", "Konut kredisi faizi ne kadar?"), entry("bedel", "Hizmet bedeli iade edilir mi?")]);
    const index = matcher.indexFor(kb);
    const reached = (text: string): string[] => (index.query(text)[0]?.expansions ?? []).map((e) => index.stemOf(e.term));
    expect(reached("taşt")).toEqual(expect.arrayContaining(reached("taşıt").slice(0, 1)));
    expect(reached("bedli")).toEqual(expect.arrayContaining(reached("bedeli").slice(0, 1)));
    expect(matcher.match("taşt kredisi başvurusu", kb).candidates[0]?.id).toBe("tasit");
    // read so, it is what the analyser says of that word: a light verb, dropped; a verb
    expect(index.query("hizmet bedeli için ne yapmm").map((w) => w.surface)).toEqual(index.query("hizmet bedeli için ne yapmam").map((w) => w.surface));
    expect(index.query("kredimi görebilirm").find((w) => w.surface === "gorebilirm")?.verb).toBe(true);
    // a word no vowel makes one stays unknown
    expect(index.query("xkqz")[0]?.expansions ?? []).toEqual([]);
  });

  it("looks up no spelling it does not need: a vowel put back only between two consonants, and no respelling of a word read as typed that shares the base word's root", () => {
    const looked = new Set<string>();
    /** The analyser, noting every spelling looked up. */
    class Noting extends TurkishMorphology {
      override roots(word: string): readonly string[] {
        looked.add(word);
        return super.roots(word);
      }
    }
    const counting = new Noting();
    const kb = base([entry("guncelleme", "Bilgilerimi nasıl güncellerim?"), entry("muayene", "Muayene ücreti ne kadar?")]);
    const countingMatcher = new Matcher(counting);
    countingMatcher.match("bilgilerimi güncelleyeblirim mi", kb);
    expect(looked).toContain("güncelleyebilirim");
    // no spelling with a vowel beside another was looked up (`güncellieyeblirim`)
    expect([...looked].filter((word) => word.startsWith("güncel") && /[aeıioöuü]{2}/u.test(word))).toEqual([]);
    expect(countingMatcher.match("muyene ücreti ne kadr", kb).candidates[0]?.id).toBe("muayene");

    // a word typed in plain letters that is read as typed and shares its root with the base's word is not respelled
    looked.clear();
    const durum = base([entry("durum", "Başvurumun durumu nedir?"), entry("dis", "Yurt dışına kargo gönderiyor musunuz?")]);
    expect(countingMatcher.match("basvurumun durumu ne", durum).candidates[0]?.id).toBe("durum");
    expect(looked).toContain("durumu");
    expect([...looked].filter((word) => word.startsWith("dür") || word.startsWith("durü"))).toEqual([]);
    // where it shares none, its spellings decide as before: `diş` (tooth) is not `dış` (outside), `disimi` may be `dışımı`
    const index = countingMatcher.indexFor(durum);
    const sameWord = (text: string): boolean => index.query(text).some((w) => w.expansions.some((e) => e.sim === 1 && index.stemOf(e.term) === "dis"));
    expect(["diş", "dişimi", "dis", "disimi", "disina"].map(sameWord)).toEqual([false, false, true, true, true]);
  });

  it("reads a word it cannot read as its look-alike mistyped, meeting that word's other forms too (ödmesi as ödemesi)", () => {
    const kb = base([
      entry("odeme", "Faturamı nasıl öderim?", "Uygulamadan ya da şubeden yapabilirsiniz."),
      entry("gecikme", "Ödemesi geciken faturaya ne olur?", "Gecikme zammı eklenir."),
      entry("iade", "İade nasıl yapılır?"),
    ]);
    const index = matcher.indexFor(kb);
    const reached = (word: string): string[] => [...(index.query(word)[0]?.reach.entries ?? [])].map((e) => index.entries[e]?.id ?? "");
    expect(reached("ödemesi")).toEqual(["odeme", "gecikme"]);
    expect(reached("ödmesi")).toEqual(["odeme", "gecikme"]);
    expect(matcher.match("faturamın ödmesini nasıl yaparım", kb).candidates[0]?.id).toBe("odeme");
  });

  it("takes a word typed with Turkish letters that the analyser reads as spelled as meant, never a typo (yaşayan is not yasak)", () => {
    const kb = base([
      entry("yasakli", "Yurt dışına gönderilemeyen ürünler nelerdir?", "Yasak ürünler: ilaç, gıda."),
      entry("gonderim", "Yurt dışına kargo gönderebilir miyim?"),
      entry("hesap", "Hesap nasıl açılır?"),
    ]);
    const index = matcher.indexFor(kb);
    const forms = (word: string): string[] => (index.query(word)[0]?.expansions ?? []).map((e) => index.stemOf(e.term));
    expect(forms("yaşayan")).toEqual([]);
    // typed in plain letters, or mistyped into no word, it is still looked up
    expect(forms("yasakk")).toContain("yasak");
    expect(forms("hesp")).toContain("hesap");
  });

  it("looks for a typo in a word it cannot read even when the word starts like others (taşt → taşıt, not taşırım)", () => {
    const kb = base([
      entry("tasit", "Taşıt kredisine nasıl başvurulur?"),
      entry("tasima", "Maaşımı bankanıza taşırsam ne kazanırım?"),
      entry("tasinma", "Taşınırken adresimi nasıl değiştiririm?"),
    ]);
    const index = matcher.indexFor(kb);
    const forms = (word: string): string[] => (index.query(word)[0]?.expansions ?? []).map((e) => index.stemOf(e.term));
    expect(forms("taşt")).toEqual(expect.arrayContaining(["tasir", "tasit"]));
    expect(matcher.match("taşt kredisi başvurusu", kb).candidates[0]?.id).toBe("tasit");
  });

  it("drops the verbs of asking and telling in any form (kime söyleyelim, dediğimiz), never a noun made from them (soru, sorun)", () => {
    const kb = base([entry("lamba", "Sokak lambası yanmıyor, kime bildirmeliyim?"), entry("soru", "Sorularımı nereye iletebilirim?")]);
    const index = matcher.indexFor(kb);
    // the message's own words: a unit of the built-in lists (`sokak lambası`) is a reading of them
    const surfaces = (text: string): string[] => index.query(text).flatMap((w) => (w.parts === undefined ? [w.surface] : []));
    expect(surfaces("lamba yanmıyor kime söyleyelim")).toEqual(["lamba", "yanmiyor", "?who"]);
    expect(surfaces("lamba yanmiyor kime soyleyelim")).toEqual(["lamba", "yanmiyor", "?who"]);
    expect(surfaces("bunu sorabilir miyim, söyleyebilirseniz lamba yanmıyor")).toEqual(["lamba", "yanmiyor"]);
    expect(surfaces("sorularım ve sorunum")).toEqual(["sorularim", "sorunum"]);
    // `demek`, the plainest of them: "lamba dediğimiz", "görevli yarın dedi"; not `deneme` (a trial) nor `dedem` (my grandfather)
    expect(surfaces("sokak lambası dediğimiz şeyin yanmadığını dediler")).toEqual(["sokak", "lambasi", "yanmadigini"]);
    expect(surfaces("deneme dedem")).toEqual(["deneme", "dedem"]);
  });

  it("never splits a word the analyser reads as one (kurtarabilir is not kur + tarabilir)", () => {
    const kb = base([entry("kur", "Döviz kuru nedir?"), entry("tara", "Belgeyi nasıl tararım?")]);
    expect(matcher.indexFor(kb).query("kurtarabilir").map((w) => w.surface)).toEqual(["kurtarabilir"]);
  });

  it("leaves out an action the writer denies (unutmadım, sadece …; iptal etmek değil, …), which would meet the entry about it", () => {
    const kb = base([
      entry("unuttum", "Mobil şifremi unuttum"),
      entry("degistir", "Mobil şifremi nasıl değiştiririm?"),
      entry("iptal", "Üyeliğimi nasıl iptal ederim?"),
      entry("silme", "Hesabımı nasıl silerim?"),
    ]);
    expect(matcher.match("mobil şifremi yenisiyle değiştirebilir miyim, unutmadım sadece güncellemek istiyorum", kb).candidates[0]?.id).toBe("degistir");
    expect(matcher.match("üyeliği iptal etmek değil, hesabımı tamamen silmek istiyorum", kb).candidates[0]?.id).toBe("silme");
    // denied as a state, the verb names the problem
    expect(matcher.match("mobil şifremi unuttum, sadece değiştirmek istiyorum", kb).candidates.map((c) => c.id)).toContain("unuttum");
  });

  it("tells apart entries on one topic by their question words", () => {
    const kb = base([entry("eft-nasil", "EFT nasıl yapılır?"), entry("eft-ucret", "EFT ücreti ne kadar?"), entry("eft-neden", "EFT neden gecikir?")]);
    expect(matcher.match("eft ne kadar", kb).candidates[0]?.id).toBe("eft-ucret");
    expect(matcher.match("eft nasil yapiliyor", kb).candidates[0]?.id).toBe("eft-nasil");
    expect(matcher.match("eft niye gecikti", kb).candidates[0]?.id).toBe("eft-neden");
  });

  it("weighs an unknown word that only modifies or counts (bugün, üç, bugun) lightly, and an unknown noun in full", () => {
    for (const word of ["bugün", "üç", "hepsini", "tam", "kendiliğinden"]) expect(sharedMorphology.modifier(word)).toBe(true);
    // nouns, verbs and adjectives name something; unknown spellings are not read at all
    for (const word of ["kargoda", "oynuyor", "mümkün", "bugun", "qwzx"]) expect(sharedMorphology.modifier(word)).toBe(false);
    const kb = base([entry("kesinti", "Su kesintisi ne zaman biter?"), entry("fatura", "Su faturası nasıl ödenir?"), entry("sayac", "Su sayacım bozuldu, ne yapmalıyım?")]);
    const weightOf = (text: string, surface: string): number => weightIn(matcher, kb, text, surface);
    expect(weightOf("su kesintisi bugün biter mi", "bugun")).toBeLessThan(weightOf("su kesintisi kargoda biter mi", "kargoda") / 2);
    // typed without Turkish letters, read in its spellings with them (`bugun` as `bugün`, `hic` as `hiç`)
    expect(weightOf("su kesintisi bugun biter mi", "bugun")).toBe(weightOf("su kesintisi bugün biter mi", "bugun"));
    expect(weightOf("su kesintisi hic bitmiyor", "hic")).toBeLessThan(weightOf("su kesintisi kargoda bitmiyor", "kargoda") / 2);
    const confidence = (text: string): number => matcher.match(text, kb).candidates[0]?.confidence ?? 0;
    expect(confidence("su kesintisi bugün ne zaman biter")).toBeGreaterThan(confidence("su kesintisi mahallede ne zaman biter"));
    expect(matcher.match("su kesintisi bugün ne zaman biter", kb).candidates[0]?.id).toBe("kesinti");
  });

  it("weighs an unknown word for a person in the customer's life (kardeşime, annemin, kardesime) as lightly as a modifier", () => {
    const kb = base([entry("eft", "Başka bankaya nasıl para gönderirim?"), entry("limit", "Günlük transfer limitim ne kadar?")]);
    for (const [person, other] of [["kardeşime", "kasabaya"], ["annemin", "dükkanın"], ["kardesime", "kasaya"]] as const) {
      expect(weightOfTyped(matcher, kb, `${person} para göndereceğim`, person)).toBeLessThan(weightOfTyped(matcher, kb, `${other} para göndereceğim`, other) / 2);
    }
    // a word the knowledge base uses keeps its weight: there it may be the topic
    const family = base([...kb.entries, entry("aile", "Eşime ek kart çıkarabilir miyim?")]);
    expect(weightIn(matcher, family, "eşime kart", "esime")).toBeGreaterThan(1);
  });

  it("weighs an unknown name of a time (ağustosta, cumartesi sabahı, agustosta, dün, yarın) as lightly as a modifier", () => {
    const kb = base([entry("izin", "Yıllık izin talebini nasıl oluştururum?"), entry("bordro", "Bordromu nereden görürüm?")]);
    const weightOf = (text: string, word: string): number => weightOfTyped(matcher, kb, text, word);
    for (const [time, other] of [["ağustosta", "İtalya'da"], ["cumartesi", "hastanede"], ["sabahı", "kampı"], ["agustosta", "kasabada"], ["dün", "tatilde"], ["yarın", "köyde"]] as const) {
      expect(weightOf(`${time} izin kullanacağım`, time)).toBeLessThan(weightOf(`${other} izin kullanacağım`, other) / 2);
    }
    // `yaz` is left out: it is also the root of `yazmak` (to write), and `yazdım` names no time
    expect(weightOf("yazdım izin", "yazdım")).toBeGreaterThan(weightOf("ağustosta izin", "ağustosta") * 2);
    expect(matcher.match("ağustosta bir hafta izin kullanmak istiyorum, nasıl talep ederim", kb).candidates[0]?.id).toBe("izin");
    // a word the knowledge base uses keeps its weight: there it may be the topic
    const weekend = base([...kb.entries, entry("mesai", "Cumartesi mesaisi ücretli mi?")]);
    expect(weightIn(matcher, weekend, "cumartesi izin", "cumartesi")).toBeGreaterThan(1);
  });

  it("never takes a word that only frames the message (a person, a time, a modifier the base lacks) as its key word, though among common words it weighs the most", () => {
    // every entry holds `bilet` and `almak`: common here, lighter than a modifier's weight
    const kinds = ["konser", "tiyatro", "sinema", "maç", "festival", "opera", "bale", "müze", "sirk", "söyleşi"];
    const kb = base(kinds.map((kind) => entry(kind, `${kind} bileti nasıl alınır?`)));
    const index = matcher.indexFor(kb);
    for (const [text, framing] of [["babama bilet almak istiyorum", "babama"], ["ağustosta bilet almak istiyorum", "ağustosta"], ["bugün bilet almak istiyorum", "bugün"]] as const) {
      const words = index.query(text);
      const frame = words.find((w) => w.surface === index.query(framing)[0]?.surface);
      expect(frame?.framing).toBe(true);
      // the heaviest word of the message, and still no key word
      expect(Math.max(...words.map((w) => w.weight))).toBe(frame?.weight);
      expect(keyWords(words).map((w) => w.surface)).not.toContain(frame?.surface);
      expect(keyWords(words).length).toBeGreaterThan(0);
      expect(matcher.match(text, kb).topHoldsKeyWord).toBe(true);
    }
    // a message of such words and question words only has none
    expect(keyWords(index.query("bugün nasıl"))).toEqual([]);
    // a word the knowledge base holds is no frame, whatever it names
    const withMother = matcher.indexFor(base([...kb.entries, entry("anne", "Annemle aynı sıraya oturabilir miyim?")]));
    const mother = withMother.query("annemle")[0]?.surface;
    expect(withMother.query("annemle bilet almak istiyorum").find((w) => w.surface === mother)?.framing).toBe(false);
    expect(keyWords(withMother.query("annemle bilet almak istiyorum")).map((w) => w.surface)).toContain(mother);
  });

  it("reads a mistyped question word the analyser cannot read (nerdn, hnagi, nsaıl, neredn) as the question word, not as an unknown topic", () => {
    const kb = base([
      entry("nerede", "Reçete numaramı nereden bulurum?"),
      entry("neden", "Reçetem neden onaylanmadı?"),
      entry("ilac", "İlaç fiyatları ne kadar?"),
      entry("kampanya", "Hangi kampanyalar var?"),
    ]);
    const index = matcher.indexFor(kb);
    // one letter off, or a vowel left out that the analyser reads back (`neredn`: `nereden`)
    for (const [typo, word] of [["nerdn", "nereden"], ["hnagi", "hangi"], ["nsaıl", "nasıl"], ["neredn", "nereden"], ["hngi", "hangi"]] as const) {
      expect(index.query(`reçete ${typo}`).map((w) => w.surface)).toEqual(index.query(`reçete ${word}`).map((w) => w.surface));
    }
    const typed = matcher.match("reçete numaramı nerdn bulucam", kb);
    expect(typed.status).toBe("answered");
    expect(typed.candidates[0]?.id).toBe("nerede");
    // a word the base holds as typed is its own word, whatever it looks like
    const held = base([...kb.entries, entry("nerdn", "Nerdn kartı nedir?")]);
    expect(matcher.indexFor(held).query("nerdn").map((w) => w.surface)).not.toContain("?where");
  });

  it("reads a time of the story told from today (geçen hafta, dün akşam, bu sabah) as one unknown time, whatever the knowledge holds", () => {
    const kb = base([
      entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"),
      entry("haftalik", "Haftalık limitim ne kadar?"),
      entry("aksam", "Akşam saatlerinde şube açık mı?"),
      entry("gecis", "Kartımla geçiş yapabilir miyim?"),
    ]);
    const words = (text: string): Array<[string, number]> => matcher.indexFor(kb).query(text).map((w) => [w.surface, w.weight]);
    const alone = words("dün kartımı kaybettim");
    expect(alone).toHaveLength(3);
    for (const time of ["geçen hafta", "dün akşam", "Bu sabah", "gecen ay", "geçenlerde"]) {
      expect({ time, words: words(`${time} kartımı kaybettim`) }).toEqual({ time, words: alone });
      expect(matcher.match(`${time} kartımı kaybettim, ne yapmalıyım?`, kb).candidates[0]?.id).toBe("kayip");
    }
    // `hafta`, `akşam` and `geç-` keep their weight where they are not a time of the story
    expect(matcher.match("haftalık limit", kb).candidates[0]?.id).toBe("haftalik");
    expect(matcher.match("bu akşam şube açık mı", kb).candidates[0]?.id).toBe("aksam");
  });

  describe("reads what customers write beside the sentence that asks as naming nothing: the history of the exchange, an outcry, a threat, discontent", () => {
    const kb = base([
      entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"),
      entry("cevap", "Şikayetime neden cevap gelmedi?"),
      entry("sikayet", "Şikayetimi nereye iletebilirim?"),
      entry("hizmet", "Hizmet bedeli ne kadar?"),
      entry("yazdirma", "Ekstremi nasıl yazdırırım?"),
      entry("memnuniyet", "Memnuniyet anketine nasıl katılırım?"),
    ]);
    const question = "Kartımı kaybettim, ne yapmalıyım?";
    // the words around the question weigh nothing: the same top with the same confidence as the bare question
    it.each([
      ["the history after the question", `${question} Daha önce de yazdım ama cevap gelmedi.`],
      ["the history before the question", `Daha önce sordum ama kimse cevap vermedi. ${question}`],
      ["no reply", `${question} Hala dönüş yok.`],
      ["an outcry", `${question} Bu ne biçim hizmet?`],
      ["an outcry with `bu nasıl`", `${question} Bu nasıl hizmet ya?`],
      ["an outcry of shame", `${question} Ayıp değil mi?`],
      ["a threat to complain", `${question} Sizi şikayet edeceğim.`],
      ["a threat to go public", `${question} Yoksa sosyal medyada paylaşacağım.`],
      ["discontent", `${question} Hiç memnun değilim.`],
    ])("%s", (_what, text) => {
      const bare = matcher.match(question, kb).candidates[0];
      const decision = matcher.match(text, kb);
      expect({ top: decision.candidates[0]?.id, confidence: decision.candidates[0]?.confidence, status: decision.status }).toEqual({ top: "kayip", confidence: bare?.confidence, status: "answered" });
    });

    it("takes the sentence that tells more as the one that asks when none asks", () => {
      const decision = matcher.match("Kartımı kaybettim. Kimse ilgilenmiyor.", kb);
      expect({ top: decision.candidates[0]?.id, status: decision.status }).toEqual({ top: "kayip", status: "answered" });
    });

    it("keeps them where they are the question: in the sentence that asks, or alone", () => {
      expect(matcher.match("şikayetime cevap gelmedi", kb).candidates[0]?.id).toBe("cevap");
      expect(matcher.match("Şikayet ettim. Neden hala cevap gelmedi?", kb).candidates[0]?.id).toBe("cevap");
      expect(matcher.match("Sizi nereye şikayet edebilirim?", kb).candidates[0]?.id).toBe("sikayet");
      expect(matcher.match("hizmet bedeli ne biçim hesaplanıyor", kb).candidates[0]?.id).toBe("hizmet");
    });
  });

  it("weighs an unknown word that says what the writer is (mağdurum, müşterinizim, magduruz) as lightly as a modifier", () => {
    for (const word of ["mağdurum", "müşterinizim", "mağduruz", "öğrenciyim", "üzgünüm"]) expect({ word, about: sharedMorphology.aboutWriter(word) }).toEqual({ word, about: true });
    // "my card", "I am going", "aggrieved" (no person): each names or does something
    for (const word of ["kartım", "gidiyorum", "mağdur", "kartımız"]) expect({ word, about: sharedMorphology.aboutWriter(word) }).toEqual({ word, about: false });
    const kb = base([entry("izin", "Yıllık izin talebini nasıl oluştururum?"), entry("bordro", "Bordromu nereden görürüm?")]);
    const weightOf = (text: string, word: string): number => weightOfTyped(matcher, kb, text, word);
    for (const [writer, other] of [["mağdurum", "mahkemede"], ["magdurum", "mahkemede"], ["hamileyim", "hastanede"]] as const) {
      expect(weightOf(`izin talebi ${writer}`, writer)).toBeLessThan(weightOf(`izin talebi ${other}`, other) / 2);
    }
    expect(matcher.match("bordromu göremiyorum çok mağdurum", kb).candidates[0]?.id).toBe("bordro");
    // a word the knowledge base uses keeps its weight: there it may be the topic
    const students = base([...kb.entries, entry("ogrenci", "Öğrenci indirimi var mı?")]);
    // undefined, not 0, when the message lacks the word: a missing word must fail the comparison
    const studentWeight = (text: string, surface: string): number | undefined => matcher.indexFor(students).query(text).find((w) => w.surface === surface)?.weight;
    expect(studentWeight("öğrenciyim izin", "ogrenciyim")).toBeCloseTo(studentWeight("öğrenci izin", "ogrenci") ?? 0, 6);
  });

  it("weighs what the writer is to the one addressed (müşterinizim, abonenizdim) lightly even where the base uses its noun", () => {
    for (const word of ["müşterinizim", "abonenizdim", "hastanızım", "üyeleriniziz"]) expect({ word, is: sharedMorphology.writerToReader(word) }).toEqual({ word, is: true });
    for (const word of ["müşteriniz", "kartınız", "üyeyim", "kartım"]) expect({ word, is: sharedMorphology.writerToReader(word) }).toEqual({ word, is: false });
    const kb = base([
      entry("hizmet", "Müşteri hizmetlerine nasıl ulaşırım?"),
      entry("numara", "Müşteri numaramı nereden öğrenirim?"),
      entry("kart", "Kartımı nasıl iptal ederim?"),
      entry("limit", "Kart limitimi nasıl artırırım?"),
    ]);
    const weightOf = (text: string, surface: string): number => weightIn(matcher, kb, text, surface);
    expect(weightOf("uzun süredir müşterinizim kartımı iptal etmek istiyorum", "musterinizim")).toBeLessThan(weightOf("müşteri kartımı iptal etmek istiyorum", "musteri"));
    for (const text of ["kartımı iptal etmek istiyorum", "limitimi artırmak istiyorum"]) {
      const bare = matcher.match(text, kb);
      const framed = matcher.match(`uzun süredir müşterinizim, ${text}`, kb);
      expect({ status: framed.status, top: framed.candidates[0]?.id }).toEqual({ status: bare.status, top: bare.candidates[0]?.id });
    }
  });

  it("decides a message typed in capitals on a keyboard without Turkish letters as it decides the same message in lower case", () => {
    const kb = base([
      entry("iade", "İade ne zaman hesabıma geçer?"),
      entry("kart", "Kartımı nasıl iptal ederim?"),
      entry("hizmet", "Müşteri hizmetlerine nasıl ulaşırım?"),
      entry("limit", "Kredi kartı limitimi nasıl artırırım?"),
    ]);
    for (const text of ["musteri hizmetlerine ulasamiyorum", "iade param hesabima ne zaman gecer", "kredi kartimin limiti dusuk artirmak istiyorum", "kartimi iptal ettirmek istiyorum"]) {
      const lower = matcher.match(text, kb);
      const capitals = matcher.match(text.toUpperCase(), kb);
      expect({ status: capitals.status, top: capitals.candidates[0]?.id }).toEqual({ status: lower.status, top: lower.candidates[0]?.id });
      expect(capitals.candidates[0]?.confidence).toBeCloseTo(lower.candidates[0]?.confidence ?? 0, 3);
    }
  });

  it("keeps its decision when a greeting, a courtesy or a request about the exchange surrounds the question", () => {
    const kb = base([
      entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"),
      entry("limit", "Kredi kartı limitimi nasıl artırırım?"),
      entry("fatura", "Faturamı nereden görebilirim?", undefined, { alternates: ["Faturamı göremiyorum."] }),
      entry("sube", "Şube çalışma saatleri nedir?"),
    ]);
    const frames = [
      (t: string) => `merhaba, iyi günler. ${t}`,
      (t: string) => `sayın yetkili, ${t}`,
      (t: string) => `lütfen yardım edin, ${t}`,
      (t: string) => `beyler ${t}`,
      (t: string) => `arkadaşlar ${t}`,
      (t: string) => `${t} acil dönüş yapar mısınız`,
      (t: string) => `${t} cevabınızı bekliyorum`,
      (t: string) => `${t} bilginiz var mı`,
      (t: string) => `${t} yardımınızı rica ederim, şimdiden teşekkürler`,
      (t: string) => `kolay gelsin ${t} ilginiz için teşekkürler`,
      // the writer's name, where the message introduces them
      (t: string) => `Merhaba ben Ayşe, ${t}`,
      (t: string) => `Ben Mehmet Yılmaz, ${t}`,
      (t: string) => `adım zeynep. ${t}`,
      // the writer's feelings and courtesies around the question
      (t: string) => `${t} rezalet`,
      (t: string) => `${t} gerçekten bıktım`,
      (t: string) => `${t}, kafayı yiyeceğim`,
      (t: string) => `${t} cevap verirseniz sevinirim`,
      // the one who answers asked to attend to the matter
      (t: string) => `${t}, bi bakar mısınız`,
      (t: string) => `${t} ilgilenirmisiniz`,
      (t: string) => `${t}, kontrol edebilir misiniz`,
      (t: string) => `${t} inceler misiniz lütfen`,
      (t: string) => `${t} çözer misiniz`,
      (t: string) => `${t} bakarsanız sevinirim`,
      (t: string) => `${t} şimdiden çok teşekkür ederim`,
      (t: string) => `${t} bu konuda bilgi alabilir miyim`,
      (t: string) => `uğraşıyorum ama olmadı, ${t}`,
      // a problem announced before it is told
      (t: string) => `Merhaba, bir problemim var. ${t}`,
      (t: string) => `Bi sorunum var, ${t}`,
      // how soon the reply is wanted
      (t: string) => `${t}, en kısa sürede dönüş bekliyorum`,
      (t: string) => `${t}, acilen`,
      (t: string) => `${t}, hala bekliyorum`,
      // session 39: a situation announced, being informed, contact details, thanks in
      // advance, the reply waited for, the effort spent, the writer's name as a form's field, writing on someone's behalf
      (t: string) => `şöyle bir durum var, ${t}`,
      (t: string) => `${t}. Bilgilendirir misiniz?`,
      (t: string) => `${t}. Detaylı bilgi alabilir miyim?`,
      (t: string) => `${t}, konu hakkında bilgi verebilir misiniz`,
      (t: string) => `${t}, numaram 0532 123 45 67`,
      (t: string) => `${t}, mail adresim ayse.yilmaz@gmail.com`,
      (t: string) => `${t} Şimdiden ilginiz için teşekkürler.`,
      (t: string) => `${t}. Cevabınızı sabırsızlıkla bekliyorum.`,
      (t: string) => `${t}. Konuyla ilgili geri dönüşünüzü bekliyorum.`,
      (t: string) => `3 gündür uğraşıyorum, ${t}`,
      (t: string) => `${t}. Ad soyad: Ayşe Yılmaz`,
      (t: string) => `${t}, adım soyadım: Ali Veli`,
      (t: string) => `eşim adına yazıyorum, ${t}`,
      (t: string) => `ben yaşlı biriyim, pek anlamam. ${t}`,
    ];
    for (const text of ["kartimi kaybettim", "limitimi artırmak istiyorum", "faturami goremiyorum", "subeler kacta aciliyor"]) {
      const bare = matcher.match(text, kb);
      for (const frame of frames) {
        const framed = matcher.match(frame(text), kb);
        expect({ text: frame(text), status: framed.status, top: framed.candidates[0]?.id }).toEqual({ text: frame(text), status: bare.status, top: bare.candidates[0]?.id });
      }
    }
  });

  it("reads what the writer is, or is to the one addressed, as no word of the message, unless the base uses it", () => {
    const kb = base([
      entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"),
      entry("musteri", "Müşteri hizmetlerine nasıl ulaşırım?"),
      entry("ogrenci", "Öğrenci indirimi var mı?"),
    ]);
    const bare = matcher.match("kartımı kaybettim", kb).candidates[0];
    for (const text of ["kartımı kaybettim çok mağdurum", "uzun süredir müşterinizim, kartımı kaybettim", "hamileyim kartımı kaybettim"]) {
      const framed = matcher.match(text, kb).candidates[0];
      expect({ text, top: framed?.id }).toEqual({ text, top: bare?.id });
      expect(framed?.confidence).toBeCloseTo(bare?.confidence ?? 0, 3);
    }
    const surfaces = (text: string): string[] => matcher.indexFor(kb).query(text).map((w) => w.surface);
    // what the writer is to the one addressed, whatever its noun names elsewhere (`müşteri` is an entry here)
    expect(surfaces("uzun süredir müşterinizim, kartımı kaybettim")).toEqual(["kartimi", "kaybetim"]);
    // a state the base uses is a topic of its own
    expect(surfaces("öğrenciyim, indirim var mı")).toContain("ogrenciyim");
    // how long or how loyally the writer has been it describes who writes too; elsewhere `eski` stays
    for (const text of ["ben eski bir müşterinizim, kartımı kaybettim", "10 yıllık müşterinizim, kartımı kaybettim", "sadık bir müşterinizim kartımı kaybettim"]) {
      expect({ text, surfaces: surfaces(text) }).toEqual({ text, surfaces: ["kartimi", "kaybetim"] });
    }
    expect(surfaces("eski kartımı kaybettim")).toContain("eski");
  });

  it("reads no word in an identifier of the customer's own record, or its label, unless the base holds it", () => {
    const kb = base([entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"), entry("kod", "Kampanya kodu 100200 nasıl kullanılır?")]);
    const surfaces = (text: string): string[] => matcher.indexFor(kb).query(text).map((w) => w.surface);
    expect(surfaces("kartımı kaybettim, numaram 05321234567")).not.toContain("05321234567");
    expect(surfaces("kartımı kaybettim, TC: 12345678901")).toEqual(["kartimi", "kaybetim"]);
    expect(surfaces("kartımı kaybettim. Sipariş no: 123456")).not.toContain("no");
    // a code the base holds is what the message is about; a short number is an amount or a count
    expect(surfaces("100200 kodu")).toContain("100200");
    expect(surfaces("kartımı kaybettim, 12345 lira vardı")).toContain("12345");
    const bare = matcher.match("kartımı kaybettim", kb).candidates[0];
    expect(matcher.match("kartımı kaybettim, TC: 12345678901", kb).candidates[0]?.confidence).toBeCloseTo(bare?.confidence ?? 0, 3);
    // `numara` and the kind of number before it label the digits even where the base uses them; an identifier that only
    // starts as the base's code does is not that code
    const numbers = base([entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"), entry("numara", "Telefon numaramı nasıl değiştiririm?"), entry("siparis", "Sipariş numaram nerede yazıyor?"), entry("kod", "Kampanya kodu 100200 nasıl kullanılır?")]);
    const numbered = (text: string): string[] => matcher.indexFor(numbers).query(text).map((w) => w.surface);
    for (const text of [
      "kartımı kaybettim, numaram 05321234567",
      "kartımı kaybettim. Sipariş numaram 123456789",
      "telefon numaram 05551112233, kartımı kaybettim",
      "kartımı kaybettim, müşteri numaram 10020055",
      // typed in groups, and an e-mail address with its label
      "kartımı kaybettim, numaram 0532 123 45 67",
      "numaram: +90 (555) 111-22-33, kartımı kaybettim",
      "kartımı kaybettim, mail adresim ayse.yilmaz@gmail.com",
    ]) {
      expect({ text, surfaces: numbered(text) }).toEqual({ text, surfaces: ["kartimi", "kaybetim"] });
    }
    // without digits after them they are the message's words; a word before a comma is no kind of number
    expect(numbered("sipariş numaram nerede yazıyor")).toEqual(expect.arrayContaining(["siparis", "numaram"]));
    expect(numbered("kartımı kaybettim telefon, numaram 05321234567")).toContain("telefon");
  });

  it("keeps apart words whose folded stems fall together but whose roots differ, unless a plain spelling may be either", () => {
    const kb = base([entry("yurtdisi", "Yurt dışından sipariş verebilir miyim?"), entry("gecikme", "Kargom geç geldi, ne yapmalıyım?"), entry("kisa", "Kısa mesaj ücreti ne kadar?")]);
    const index = matcher.indexFor(kb);
    const exactly = (text: string): string[] => index.query(text).flatMap((word) => word.expansions.filter((e) => e.sim >= 1).map((e) => index.stemOf(e.term)));
    // `diş` (tooth) is no `dış` (outside), `kişi` (person) no `kısa` (short)
    expect(exactly("dişim ağrıyor")).not.toContain("dis");
    expect(exactly("kişi başı")).not.toContain("kis");
    // the same words still meet, and so does a plain spelling that may be either (`disindan`; `gece`, night, may be `geçe`)
    expect(exactly("yurt dışı")).toContain("dis");
    expect(exactly("kısa mesaj")).toContain("kis");
    expect(exactly("kargo geç kaldı")).toContain("gec");
    expect(exactly("yurt disindan")).toContain("dis");
    expect(exactly("gece teslimat")).toContain("gec");
  });

  it("reads no word in the count of how long the matter has gone on, and keeps a count the question asks about", () => {
    const kb = base([entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"), entry("iade", "İade süresi kaç gündür?"), entry("kampanya", "3 taksit kampanyası var mı?")]);
    const surfaces = (text: string): string[] => matcher.indexFor(kb).query(text).map((w) => w.surface);
    expect(surfaces("3 gündür uğraşıyorum, kartımı kaybettim")).not.toContain("3");
    expect(surfaces("iki haftadır bekliyorum kartımı kaybettim")).not.toContain("iki");
    expect(surfaces("3 gündür uğraşıyorum, kartımı kaybettim")).toEqual(expect.arrayContaining(["kartimi"]));
    // a count that ends the sentence is the copula's (how many days is it), and a count of things stays
    expect(surfaces("iade süresi 14 gündür")).toContain("14");
    expect(surfaces("3 taksit kampanyası")).toContain("3");
  });

  it("drops only a name that the introduction names: a word with another reading, or one the base holds, stays", () => {
    expect(sharedMorphology.properName("ayşe")).toBe("only");
    expect(sharedMorphology.properName("yılmaz")).toBe("also");
    expect(sharedMorphology.properName("emekliyim")).toBe("none");
    const kb = base([entry("emekli", "Emekli maaşımı nasıl taşırım?"), entry("ankara", "Ankara şubeniz nerede?"), entry("kart", "Kartımı nasıl iptal ederim?")]);
    const surfaces = (text: string): string[] => matcher.indexFor(kb).query(text).map((w) => w.surface);
    expect(surfaces("ben emekliyim, maaşımı taşımak istiyorum")).toContain("emekliyim");
    // a name the knowledge base holds may be what the message is about
    expect(surfaces("ben ankara şubesine gideceğim")).toContain("ankara");
    // a name given as a form's field, its value after the colon, even where a part of it reads as a word too
    for (const text of ["kartımı iptal etmek istiyorum. Ad soyad: Ayşe Yılmaz", "kartımı iptal etmek istiyorum, adım soyadım: Ali Veli", "kartımı iptal etmek istiyorum (isim soyisim: Zeynep Kaya)"]) {
      expect({ text, surfaces: surfaces(text) }).toEqual({ text, surfaces: surfaces("kartımı iptal etmek istiyorum") });
    }
    // a signature: the last sentence of several, closings and initials aside, names only
    for (const text of ["Kartımı iptal etmek istiyorum. Ahmet Yılmaz", "Kartımı iptal etmek istiyorum. Saygılarımla, Ayşe K.", "Kartımı iptal etmek istiyorum.\nMehmet Ali Kaya", "Kartımı iptal etmek istiyorum. Best regards, Ayşe Yılmaz"]) {
      expect({ text, surfaces: surfaces(text) }).toEqual({ text, surfaces: surfaces("kartımı iptal etmek istiyorum") });
    }
    // a last sentence that names what the base holds, or anything but names, is the message's
    expect(surfaces("Şubenize gelmek istiyorum. Ankara")).toContain("ankara");
    expect(surfaces("Kartımı iptal etmek istiyorum. Emekliyim")).toContain("emekliyim");
    // a field's words before anything that is no name stay
    expect(surfaces("adım: kartımı iptal etmek istiyorum")).toContain("kartimi");
    // without a comma closing the introduction, the word after the name is the message's
    expect(surfaces("ben Ayşe kartımı iptal etmek istiyorum")).toEqual(expect.arrayContaining(["kartimi"]));
    expect(surfaces("ben Ayşe kartımı iptal etmek istiyorum")).not.toContain("ayse");
  });

  it("takes the message's key word from the words that name things, not from the verbs that frame it", () => {
    expect(sharedMorphology.verb("görünüyor")).toBe(true);
    expect(sharedMorphology.verb("isteniyor")).toBe(true);
    // also nouns: `ödeme` (payment), `yapı` (building)
    expect(sharedMorphology.verb("ödeme")).toBe(false);
    expect(sharedMorphology.verb("yapı")).toBe(false);
    expect(sharedMorphology.verb("qwzx")).toBe(false);
    const kb = base([
      entry("bloke", "Kartım neden bloke oldu?"),
      entry("bloke-ucret", "Bloke kaldırma ücreti var mı?"),
      entry("ekstre", "Harcamam ekstrede görünüyor mu?"),
      entry("limit", "Kart limitimi nasıl artırırım?"),
    ]);
    // `görünüyor` is rarer than `bloke` here (one entry has it, two have `bloke`), but it names nothing
    const decision = matcher.match("kartım bloke görünüyor", kb);
    expect(decision.topHoldsKeyWord).toBe(true);
    expect(decision.candidates[0]?.id).toBe("bloke");
    // a message of verbs only still has a key word
    expect(matcher.match("artırabilir miyim", kb).candidates[0]?.id).toBe("limit");
    // a verb typed without Turkish letters is still a verb (`gorunuyor`: `görünüyor`)
    const plain = matcher.match("kartim bloke gorunuyor", kb);
    expect(plain.topHoldsKeyWord).toBe(true);
    expect(plain.candidates[0]?.id).toBe("bloke");
    // a future typed as chat spells it is a verb, though its written form also reads as a noun
    // (`açıcam`: `açacağım`, I will open, or `açacak`, an opener, with a possessive)
    const index = matcher.indexFor(kb);
    for (const chat of ["açıcam", "acicam", "silcem", "bakıcam"]) expect(index.query(`kartı nasıl ${chat}`).find((w) => !w.question && w.surface !== "karti")?.verb).toBe(true);
  });

  it("counts `var mı` for an entry that asks it and never against one that does not: every entry about a thing answers whether it exists", () => {
    const questions = {
      kampanya: "Güncel kampanyalara nereden bakabilirim?",
      otopark: "Otopark ücretsiz mi?",
      aidat: "Kart aidatı ne kadar?",
      servis: "Servis aracı var mı?",
    };
    const kb = base(Object.entries(questions).map(([id, question]) => entry(id, question)));
    // the entry lacks `?exists`, and asking whether campaigns exist costs it nothing
    const asked = matcher.match("bu ay kampanya var mı", kb);
    expect(asked.candidates[0]?.id).toBe("kampanya");
    expect(asked.candidates[0]?.confidence).toBe(matcher.match("bu ay kampanya", kb).candidates[0]?.confidence);
    // an entry that asks it still gains from it
    const servis = matcher.match("servis var mı", kb).candidates[0];
    expect(servis?.id).toBe("servis");
    expect(servis?.confidence ?? 0).toBeGreaterThanOrEqual(matcher.match("servis", kb).candidates[0]?.confidence ?? 1);
    // `var mı` alone asks about nothing
    expect(matcher.match("var mı", kb).status).toBe("none");
  });

  it("takes every word as rare as the rarest as a key word, so the order a message names them in decides nothing", () => {
    const kb = base([
      entry("vergi", "Gümrük vergisini nasıl öderim?"),
      entry("siparis", "Siparişimi nasıl iptal ederim?"),
      entry("iade", "Ürünü nasıl iade ederim?"),
      entry("kargo", "Kargom ne zaman gelir?"),
    ]);
    const weightOf = (text: string, surface: string): number => weightIn(matcher, kb, text, surface);
    // `sipariş` and `vergi` are each in one entry: equally rare
    expect(weightOf("sipariş ettiğim ürünün vergisini nasıl öderim", "siparis")).toBe(weightOf("sipariş ettiğim ürünün vergisini nasıl öderim", "vergisini"));
    for (const text of ["sipariş ettiğim ürünün vergisini nasıl öderim", "ürünün vergisini nasıl öderim, sipariş ettim"]) {
      const decision = matcher.match(text, kb);
      expect(decision.candidates[0]?.id).toBe("vergi");
      expect(decision.topHoldsKeyWord).toBe(true);
    }
  });

  it("lets a rare word found only in an answer lift its entry", () => {
    const kb = base([entry("kart-guvenlik", "Kartımı internette güvenle nasıl kullanırım?", "İnternet alışverişlerinde 3D Secure doğrulaması istenir; SMS ile gelen kodu girin."), entry("kart-limit", "Kart limitimi nasıl artırırım?")]);
    expect(matcher.match("3d secure nedir", kb).candidates[0]?.id).toBe("kart-guvenlik");
  });

  it("always answers a question typed exactly, and never a follow-up-only entry", () => {
    const kb = base([entry("kargo", "Kargo ücreti ne kadar?"), entry("kargo-yurtdisi", "Yurt dışı kargo ücreti ne kadar?", undefined, { contextOnly: true })]);
    expect(matcher.match("KARGO UCRETI NE KADAR", kb)).toMatchObject({ status: "answered", candidates: [{ id: "kargo", confidence: 1 }] });
    expect(matcher.match("Yurt dışı kargo ücreti ne kadar?", kb).candidates.map((c) => c.id)).not.toContain("kargo-yurtdisi");
  });

  it("answers a question said in an entry's own words, inflected or framed otherwise, and only when one entry says it so", () => {
    const kb = base([
      entry("kargo", "Kargo ücreti ne kadar?"),
      entry("kargo-iade", "Kargo ücreti iade edilir mi?"),
      entry("aidat", "Kart aidatı nedir?"),
      entry("aidat-tanim", "Aidat ne demek?", undefined, { alternates: ["Kart aidatı ne demek?"] }),
    ]);
    const index = matcher.indexFor(kb);
    const said = (text: string): string | undefined => {
      const e = index.sameWordsEntry(index.query(text));
      return e === undefined ? undefined : index.entries[e]?.id;
    };
    expect(said("kargonun ucreti ne kadar acaba")).toBe("kargo");
    const decision = matcher.match("kargonun ucreti ne kadar acaba", kb);
    expect({ status: decision.status, top: decision.candidates[0] }).toMatchObject({ status: "answered", top: { id: "kargo", confidence: 1 } });
    // a word more or less is another question, for the scores to weigh
    expect(said("kargo ücreti ne kadar yurt dışına")).toBeUndefined();
    expect(said("kargo ne kadar")).toBeUndefined();
    // two entries say it in the same words: the message does not decide between them
    expect(said("kart aidatı ne")).toBeUndefined();
  });

  it("weighs the sentence that asks above the story around it", () => {
    const kb = base([entry("aidat-iade", "Kart aidatımı nasıl geri alırım?"), entry("tatil", "Yurt dışında kartımı kullanabilir miyim?")]);
    const story = "Geçen yaz yurt dışında tatildeydim ve kartımı hiç kullanmadım. Bu ay ekstremde aidat gördüm. Aidatı geri alabilir miyim?";
    expect(matcher.match(story, kb).candidates[0]?.id).toBe("aidat-iade");
  });

  it("weighs a word no entry knows in a sentence of the story as one that frames the question, never as its key word; in the sentence that asks it still weighs as a topic the base lacks", () => {
    const kb = base([entry("aidat-iade", "Kart aidatımı nasıl geri alırım?"), entry("tatil", "Yurt dışında kartımı kullanabilir miyim?")]);
    const weightOf = (text: string, typed: string): number => weightOfTyped(matcher, kb, text, typed);
    // `Lizbon` is known to no entry: told in the story, it says where the customer was
    const story = "Lizbon seyahatindeydim. Aidatı geri alabilir miyim?";
    const asked = "Aidatı Lizbon seyahatinde geri alabilir miyim?";
    expect(weightOf(story, "lizbon")).toBeGreaterThan(0);
    expect(weightOf(story, "lizbon")).toBeLessThan(weightOf(asked, "lizbon") * TUNING.CONTEXT_SENTENCE_WEIGHT);
    const told = matcher.indexFor(kb).query(story).find((w) => w.surface === "lizbon");
    expect(told?.framing).toBe(true);
    expect(matcher.match(story, kb).candidates[0]?.id).toBe("aidat-iade");
  });

  it("weighs the sentence before the one that asks fully when the question points back to it", () => {
    const kb = base([entry("emlak-beyan", "Emlak vergisi beyannamesi nasıl verilir?"), entry("nikah", "Nikah başvurusu nereden yapılır?")]);
    const told = "Yeni bir daire aldık, emlak beyannamesi vermemiz gerekiyormuş.";
    const margin = (text: string): number => {
      const [top, second] = matcher.match(text, kb).candidates;
      expect(top?.id).toBe("emlak-beyan");
      return (top?.confidence ?? 0) - (second?.confidence ?? 0);
    };
    // the entry that holds only the question's `nereden` falls further behind than where the asking sentence names a thing of its own
    expect(margin(`${told} Bunu nereden yapabiliriz?`)).toBeGreaterThan(margin(`${told} Başvuruyu nereden yapabiliriz?`));
  });

  it("weighs the sentence before the one that asks fully when the asking one names nothing (Ne yapmalıyım?)", () => {
    const kb = base([entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"), entry("sifre", "Şifremi unuttum, ne yapmalıyım?"), entry("sube", "En yakın şube nerede?")]);
    const [top, second] = matcher.match("Dün kartımı kaybettim. Ne yapmalıyım?", kb).candidates;
    const [oneTop, oneSecond] = matcher.match("Dün kartımı kaybettim, ne yapmalıyım?", kb).candidates;
    expect(top?.id).toBe("kayip");
    // as one sentence: the question word weighs against the topic as it would in the entry
    expect(top?.confidence).toBeCloseTo(oneTop?.confidence ?? 0, 3);
    expect(second?.confidence).toBeCloseTo(oneSecond?.confidence ?? 0, 3);
    // a question with nothing but a courtesy after it reads the same
    expect(matcher.match("Dün kartımı kaybettim. Yardımcı olabilir misiniz?", kb).candidates[0]?.confidence).toBeCloseTo(matcher.match("Dün kartımı kaybettim", kb).candidates[0]?.confidence ?? 0, 3);
  });

  it("weighs the sentence before fully when the one that asks has a verb and no object (Nasıl çözebilirim?): the object it drops is that sentence's matter", () => {
    const kb = base([entry("kayip", "Kartımı kaybettim, ne yapmalıyım?"), entry("sifre", "Şifremi unuttum, ne yapmalıyım?"), entry("cozum", "Sorunumu nasıl çözebilirim?")]);
    const weightOf = (text: string, typed: string): number => weightOfTyped(matcher, kb, text, typed);
    expect(weightOf("Kartımı kaybettim. Nasıl çözebilirim?", "kaybettim")).toBeCloseTo(weightOf("Kartımı kaybettim, nasıl çözebilirim?", "kaybettim"), 6);
    expect(matcher.match("Kartımı kaybettim. Nasıl çözebilirim?", kb).candidates[0]?.id).toBe("kayip");
    // an asking sentence that names a thing of its own keeps the one before it as context
    expect(weightOf("Kartımı kaybettim. Sorunu nasıl çözebilirim?", "kaybettim")).toBeLessThan(weightOf("Kartımı kaybettim, sorunu nasıl çözebilirim?", "kaybettim"));
  });

  it("orders entries that tie past the most it scores by their place in the base, lowest first", () => {
    // 250 entries (more than MAX_SCORED_ENTRIES) that the message covers alike, each with a code of its own
    const ids = Array.from({ length: 250 }, (_, i) => `aidat-${String(i).padStart(3, "0")}`);
    const kb = base(ids.map((id, i) => entry(id, `Kart aidatı k${i + 100} ne kadar?`)));
    const reversed = base([...kb.entries].reverse());
    const tops = (b: MatchableBase): string[] => matcher.match("kart aidatı ne kadar", b).candidates.map((c) => c.id);
    expect(tops(kb)).toEqual(ids.slice(0, 5));
    expect(tops(reversed)).toEqual([...ids].reverse().slice(0, 5));
    expect(new Set(matcher.match("kart aidatı ne kadar", kb).candidates.map((c) => c.confidence)).size).toBe(1);
  });
});
