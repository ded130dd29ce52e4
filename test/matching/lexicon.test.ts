import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load as loadYaml } from "js-yaml";
import { z } from "zod";
import { analyze, textWords, withinOneEdit } from "../../bot/matching/analysis";
import { EnglishLexicon, languageFile, LexiconError, NO_LEXICON, sharedLexicon } from "../../bot/matching/lexicon";
import { Matcher } from "../../bot/matching/matcher";
import { sharedMorphology } from "../../bot/matching/morphology";
import { sharedRelatedWords } from "../../bot/matching/related";
import type { MatchableBase, MatchableEntry } from "../../bot/matching/types";

const entry = (id: string, question: string): MatchableEntry => ({ id, question, alternates: [], tags: [], answer: `${question} Ayrıntılar uygulamada.` });
const base = (entries: readonly MatchableEntry[], synonyms: string[][] = []): MatchableBase => ({ entries, synonyms: synonyms.map((words) => ({ words })) });
const lexiconFile = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), "memnun-lexicon-")), "en-tr.yaml");
  writeFileSync(file, text);
  return file;
};
const typed = (lexicon: EnglishLexicon, text: string): string[] => lexicon.forBase(() => []).rewrite(analyze(text)).map((term) => term.typed);

describe("EnglishLexicon", () => {
  const small = new EnglishLexicon(lexiconFile("- en: customer service\n  tr: müşteri hizmetleri\n- en: service\n  tr: hizmet\n- en: add\n  tr: ekleme\n"));

  it("reads English words and phrases as Turkish ones, the longest phrase first", () => {
    expect(typed(small, "customer service numarası")).toEqual(["müşteri", "hizmetleri", "numarası"]);
    expect(typed(small, "service kalitesi")).toEqual(["hizmet", "kalitesi"]);
  });

  it("drops an English word whose Turkish reading is a filler, as analysis drops the filler", () => {
    const fillers = new EnglishLexicon(lexiconFile("- en: urgent\n  tr: acil\n- en: info\n  tr: bilgi\n- en: refund\n  tr: iade\n"));
    expect(typed(fillers, "refund urgent")).toEqual(["iade"]);
    expect(typed(fillers, "info pls refund")).toEqual(["iade"]);
    // the shipped list: closings and urgency mean nothing more in English than in Turkish
    const shipped = new Matcher().indexFor(base([entry("iade", "İade nasıl yapılır?")]));
    for (const text of ["iade nasıl yapılır, urgent", "iade nasıl yapılır, thanks in advance", "iade nasıl yapılır. Kind regards", "iade nasıl yapılır, info pls", "hello team, iade nasıl yapılır", "Dear team, iade nasıl yapılır"]) {
      expect({ text, words: shipped.query(text).map((word) => word.surface) }).toEqual({ text, words: ["iade", "?how"] });
    }
  });

  it("compares words as typed, never by stem, so English never swallows a Turkish word", () => {
    expect(typed(small, "kart add")).toEqual(["kart", "ekleme"]);
    // "ad" (name) is what "add" would become once stemmed and its double letter collapsed
    expect(typed(small, "adımı değiştir")).toEqual(["adımı", "değiştir"]);
    expect(typed(small, "services")).toEqual(["services"]);
  });

  it("names the file and the component when the file is not a list of pairs", () => {
    const broken = new EnglishLexicon(lexiconFile("- en: refund\n  turkish: iade\n"));
    expect(() => broken.forBase(() => []).rewrite(analyze("refund"))).toThrow(LexiconError);
    expect(() => broken.forBase(() => []).rewrite(analyze("refund"))).toThrow(/^\[matching\] .*en-tr\.yaml: not a list/);
  });

  it("ships a lexicon of English support-chat words that a customer's message meets in Turkish entries", () => {
    const kb = base([entry("sifre", "Şifremi unuttum, nasıl sıfırlarım?"), entry("iade", "Ürünü nasıl iade ederim?"), entry("kargo", "Kargom nerede?")]);
    const withLexicon = new Matcher(sharedMorphology);
    const without = new Matcher(sharedMorphology, NO_LEXICON);
    for (const [text, id] of [["password reset nasıl yapılır", "sifre"], ["refund alabilir miyim", "iade"]] as const) {
      expect(withLexicon.match(text, kb).candidates[0]?.id).toBe(id);
      expect(without.match(text, kb).candidates[0]?.id).not.toBe(id);
    }
  });

  it("leaves to Turkish an English word whose letters are a common Turkish word typed without Turkish letters (sure: süre)", () => {
    const kb = base([entry("sure", "İlanım ne kadar süre yayında kalır?"), entry("emin", "Ödemenin alındığından nasıl emin olurum?"), entry("police", "Poliçe belgemi nasıl indiririm?"), entry("polis", "Kaza sonrası polis tutanağı gerekir mi?")]);
    const matcher = new Matcher(sharedMorphology);
    for (const [text, id] of [["ilan ne kadar sure yayinda kaliyor", "sure"], ["police belgesi indirme", "police"]] as const) {
      expect(matcher.match(text, kb).candidates[0]?.id).toBe(id);
      expect(matcher.match(text, kb).candidates[0]?.confidence).toBe(matcher.match(text.replace("sure", "süre").replace("police", "poliçe"), kb).candidates[0]?.confidence);
    }
  });

  it("cuts a foreign word's Turkish suffixes typed without the apostrophe, in the order Turkish puts them", () => {
    const reader = new EnglishLexicon(
      lexiconFile(["account", "app", "device", "invoice", "route", "self", "log", "login", "apple", "ban"].map((en) => `- en: ${en}\n  tr: x${en}\n`).join("")),
    ).forBase(() => []);
    for (const [word, stem] of [
      ["accountumu", "account"],
      ["accountumdan", "account"],
      ["appte", "app"],
      ["devicea", "device"],
      ["invoiceunu", "invoice"],
      ["routelarını", "route"],
      ["bana", "ban"],
    ] as const) {
      expect({ word, stem: reader.foreignStem(word) }).toEqual({ word, stem });
    }
    // a word of the list itself; `-ie` is no Turkish chain (a possessive takes its case with an `n`); a bare `-le` ends English words
    for (const word of ["login", "selfie", "apple", "accountx", "ap"]) expect({ word, stem: reader.foreignStem(word) }).toEqual({ word, stem: undefined });
  });

  it("reads a foreign word of six letters or more mistyped by one edit as the one word of the list it can be", () => {
    const reader = new EnglishLexicon(lexiconFile(["password", "documents", "deadline", "refund", "booking", "bookings", "fee", "free"].map((en) => `- en: ${en}\n  tr: x${en}\n`).join(""))).forBase(() => []);
    for (const [word, typo] of [
      ["passowrd", "password"],
      ["docuemnts", "documents"],
      ["deadilne", "deadline"],
      ["pasword", "password"], // a letter left out
      ["documemts", "documents"], // a letter for another
      ["bookiing", "booking"], // a letter too many
      ["refnd", undefined], // five letters: too short to correct
      ["bookinga", undefined], // one edit from `booking` and from `bookings`: which one is not known
      ["password", undefined], // a word of the list itself
    ] as const) {
      expect({ word, typo: reader.foreignTypo(word) }).toEqual({ word, typo });
    }
    const kb = base([entry("sifre", "Mobil şifremi unuttum, nasıl sıfırlarım?"), entry("iade", "Ürünü nasıl iade ederim?"), entry("kargo", "Kargom nerede?")]);
    const matcher = new Matcher(sharedMorphology);
    const [typed, mistyped] = [matcher.match("mobile app password reset nasıl yapılır", kb), matcher.match("mobile app passowrd reset nasıl yapılır", kb)];
    expect({ status: mistyped.status, top: mistyped.candidates[0]?.id, confidence: mistyped.candidates[0]?.confidence }).toEqual({
      status: typed.status,
      top: typed.candidates[0]?.id,
      confidence: typed.candidates[0]?.confidence,
    });
  });

  it("finds a mistyped foreign word of the shipped list exactly as comparing it with every word of the list would", () => {
    const words = [...new Set(z.array(z.object({ en: z.string() }).passthrough()).parse(loadYaml(readFileSync(languageFile("en-tr.yaml"), "utf8"))).flatMap(({ en }) => textWords(en)))];
    const plain = words.filter((word) => word.length >= 5 && /^[a-z]+$/u.test(word));
    const known = new Set(words);
    // the reference: one edit from exactly one word of five plain letters or more (`withinOneEdit`), and not a word of the list itself
    const expected = (typo: string): string | undefined => {
      if (typo.length < 6 || known.has(typo)) return undefined;
      const found = plain.filter((word) => withinOneEdit(typo, word));
      return found.length === 1 ? found[0] : undefined;
    };
    const reader = sharedLexicon.forBase(() => []);
    // every word of eight letters or more, at its first, middle and last letter: two letters swapped, the letter left out, changed and doubled
    const typos = plain.filter((word) => word.length >= 8).flatMap((word) =>
      [1, Math.floor(word.length / 2), word.length - 1].flatMap((m) => [
        word.slice(0, m - 1) + word.charAt(m) + word.charAt(m - 1) + word.slice(m + 1),
        word.slice(0, m) + word.slice(m + 1),
        `${word.slice(0, m)}q${word.slice(m + 1)}`,
        word.slice(0, m) + word.slice(m),
      ]),
    );
    expect(typos.length).toBeGreaterThan(5000);
    const differing = typos.filter((typo) => reader.foreignTypo(typo) !== expected(typo));
    expect(differing).toEqual([]);
    expect(typos.filter((typo) => reader.foreignTypo(typo) !== undefined).length).toBeGreaterThan(typos.length / 2);
  });

  it("reads a message that types a foreign word's suffixes without the apostrophe as one that types it", () => {
    const kb = base([
      entry("sil", "Hesabımı nasıl silerim?"),
      entry("fatura", "Faturamı nereden indiririm?"),
      entry("kargo", "Kargom ne zaman gelir?"),
      entry("ban", "Bana ulaşan kampanya mesajlarını nasıl durdururum?"),
    ]);
    const matcher = new Matcher(sharedMorphology);
    for (const text of ["account'umu delete etmek istiyorum", "invoice'umu nereden download ederim", "delivery'im ne zaman gelir"]) {
      const glued = text.replace("'", "");
      const [apostrophe, without] = [matcher.match(text, kb), matcher.match(glued, kb)];
      expect({ glued, status: without.status, top: without.candidates[0]?.id, confidence: without.candidates[0]?.confidence }).toEqual({
        glued,
        status: apostrophe.status,
        top: apostrophe.candidates[0]?.id,
        confidence: apostrophe.candidates[0]?.confidence,
      });
    }
    // a Turkish word the analyser reads is never cut, though it starts with a foreign word of the list (`askıya`: `ask`)
    expect(matcher.indexFor(kb).query("hesabımı askıya almak istiyorum").map((word) => word.surface)).toContain("askiya");
  });

  it("yields to the editors' synonyms, whose groups its Turkish words still join", () => {
    const small = new EnglishLexicon(lexiconFile("- en: password\n  tr: şifre\n- en: agent\n  tr: acente\n"));
    const matcher = new Matcher(sharedMorphology, small);
    const kb = base(
      [entry("parola", "Parolamı nasıl değiştiririm?"), entry("temsilci", "Müşteri temsilcisine nasıl bağlanırım?"), entry("acente", "Acentenizin adresi nedir?")],
      [["parola", "şifre"], ["temsilci", "agent"]],
    );
    expect(matcher.match("password degistirmek", kb).candidates[0]?.id).toBe("parola");
    expect(matcher.match("agent ile görüşmek", kb).candidates[0]?.id).toBe("temsilci");
    expect(new Matcher(sharedMorphology, small).match("agent adresi", base(kb.entries)).candidates[0]?.id).toBe("acente");
  });

  describe("phrases that analysis would shorten", () => {
    const shortened = new EnglishLexicon(lexiconFile("- en: on time\n  tr: zamanında\n- en: e-ticket\n  tr: e-bilet\n- en: can't find\n  tr: bulamıyorum\n- en: find\n  tr: bulma\n")).forBase(() => []);
    const words = (text: string): readonly string[] => shortened.rewriteWords(textWords(text));


    it("are read on the words as typed, before their function words and one-letter words are dropped", () => {
      expect(words("kargo on time gelir mi")).toEqual(["kargo", "zamanında", "gelir", "mi"]);
      expect(words("E-ticket nerede")).toEqual(["e", "bilet", "nerede"]);
      expect(words("can't find my order")).toEqual(["bulamıyorum", "my", "order"]);
    });

    it("never give their reading to the word that would be left of them", () => {
      const text = textWords("what time is it, find it");
      expect(shortened.rewriteWords(text)).toBe(text);
      expect(shortened.rewrite(analyze("time find")).map((term) => term.typed)).toEqual(["time", "bulma"]);
    });
  });

  describe("a word of several senses", () => {
    const ticket = new EnglishLexicon(lexiconFile("- en: ticket\n  tr: [bilet, destek talebi]\n"));
    const events = base([
      entry("bilet-iptal", "Biletimi nasıl iptal ederim?"),
      entry("bilet-fiyat", "Bilet fiyatları ne kadar?"),
      entry("destek", "Destek talebim ne zaman yanıtlanır?"),
    ]);
    const itDesk = base([entry("talep-durum", "Destek talebimin durumunu nereden görürüm?"), entry("iptal", "Lisans iptali nasıl yapılır?"), entry("sifre", "Şifremi nasıl sıfırlarım?")]);

    it("is read in the sense most of the base's entries use", () => {
      const matcher = new Matcher(sharedMorphology, ticket, sharedRelatedWords);
      expect(matcher.match("ticket iptal", events).candidates[0]?.id).toBe("bilet-iptal");
      expect(matcher.match("ticket durumu", itDesk).candidates[0]?.id).toBe("talep-durum");
    });

    it("is not read when the base uses none of its senses, and the first sense wins a tie", () => {
      const held = (counts: Record<string, number>) => (readings: ReadonlyArray<readonly { typed: string }[]>) => readings.map((reading) => counts[reading.map((t) => t.typed).join(" ")] ?? 0);
      const read = (counts: Record<string, number>): string[] => ticket.forBase(held(counts)).rewrite(analyze("ticket")).map((term) => term.typed);
      expect(read({})).toEqual(["ticket"]);
      expect(read({ bilet: 2, "destek talebi": 2 })).toEqual(["bilet"]);
      expect(read({ bilet: 1, "destek talebi": 3 })).toEqual(["destek", "talebi"]);
    });

    it("is read alike in the knowledge and in messages when the base itself writes it", () => {
      const matcher = new Matcher(sharedMorphology, ticket, sharedRelatedWords);
      const written = base([...events.entries, entry("devir", "Ticket devri nasıl yapılır?")]);
      // read as typed in the knowledge, `ticket` would meet no customer's `bilet`, and this would be a mere choice
      const asTurkish = matcher.match("biletimi devretmek istiyorum", written);
      expect(asTurkish.status).toBe("answered");
      expect(asTurkish.candidates[0]?.id).toBe("devir");
      expect(matcher.indexFor(written).rereadWith).toBeUndefined();
    });

    it("stands as itself in the built-in related words, in the sense its group gives it", () => {
      // the shipped related words hold `ticket` among support requests: read as this base's `bilet`, every support request would be a ticket to an event
      const matcher = new Matcher(sharedMorphology, ticket, sharedRelatedWords);
      const index = matcher.indexFor(events);
      const reached = index.query("destek kaydım").flatMap((word) => word.expansions.map((expansion) => index.stemOf(expansion.term)));
      expect(reached).toContain("destek");
      expect(reached).not.toContain("bilet");
    });
  });
});
