import { newStemmer } from "snowball-stemmers";
import stopwordsIso from "stopwords-iso";
import { SHORT_ROOTS, SYNONYMS } from "./synonyms";

/**
 * Turkish text analysis as small pure functions: normalize → tokenize → (stop words) → stem.
 * Everything the index stores and every query goes through the same steps, so
 * `Müşterilerin`, `MUSTERILERIN` and `musterilerin` meet in one term.
 */

const FOLD_MAP: Readonly<Record<string, string>> = {
  ç: "c",
  ğ: "g",
  ı: "i",
  ö: "o",
  ş: "s",
  ü: "u",
  â: "a",
  î: "i",
  û: "u",
};

/** Lower-cases with Turkish rules (`İ`→`i`, `I`→`ı`) after Unicode NFC normalization. */
export function turkishLower(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("tr");
}

/**
 * Folds Turkish letters to their ASCII look-alikes (`ş`→`s`, `ı`→`i`, …) and drops other
 * diacritics, so text typed without a Turkish keyboard meets text typed with one.
 * Expects lower-case input.
 */
export function fold(text: string): string {
  return text
    .replace(/[çğıöşüâîû]/g, (ch) => FOLD_MAP[ch] ?? ch)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "");
}

/**
 * Lower-cases and removes apostrophe suffixes of proper nouns and abbreviations
 * (`CEM'in` → `cem`, `ISO’nun` → `iso`), which carry no meaning for matching.
 */
export function normalize(text: string): string {
  const lower = turkishLower(text);
  return APOSTROPHE.test(lower) ? lower.replace(APOSTROPHE_SUFFIX, "") : lower;
}

/** Cheap pre-check: most texts have no apostrophe, and the Unicode-aware pattern is slow on long answers. */
const APOSTROPHE = /['’‘`´]/;
const APOSTROPHE_SUFFIX = /(?<=[\p{L}\p{N}])['’‘`´]\p{L}+/gu;

/**
 * Splits into words on anything that is not a letter or a digit (Unicode-aware), and between
 * letters and digits (`iso10002` → `iso`, `10002`).
 */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** A run of letters or a run of digits: splits on everything else and between letters and digits. */
const WORD = /\p{L}+|\p{N}+/gu;

/**
 * Collapses doubled letters (`arttırmak` → `artırmak` once folded), a very common Turkish
 * misspelling; applied to folded words on both sides, so it never loses a match.
 */
export function collapseRepeats(word: string): string {
  return word.replace(/(\p{L})\1+/gu, "$1");
}

const stemmer = newStemmer("turkish");

/**
 * Turkish Snowball stem of one lower-case word, folded. Loanwords such as `sadakati` are left
 * whole by the stemmer, so matching also compares prefixes (see `termSimilarity`).
 * Numbers and very short words are returned unchanged.
 */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const result = computeStem(word);
  if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

/** Distinct words whose stems are memoized; the Snowball stemmer is the slowest step of analysis. */
const STEM_CACHE_SIZE = 100_000;
const stemCache = new Map<string, string>();

function computeStem(word: string): string {
  if (word.length < 4 || /^\p{N}+$/u.test(word)) return collapseRepeats(fold(word));
  const stemmed = stemmer.stem(word);
  // the stemmer sometimes over-strips short words ("kimsin" → "k"): keep the word then
  return collapseRepeats(fold(stemmed.length < 3 ? word : stemmed));
}

/** Turkish stop words (stopwords-iso "tr"), folded, so `nasıl` and `nasil` are both dropped. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (stopwordsIso.tr ?? []).map((word) => fold(turkishLower(word))),
);

/**
 * Words that make a sentence a question or a request but say nothing about its topic
 * (`nedir`, `nelerdir`, `anlatır mısınız`, `lütfen`). Dropped from queries and questions alike,
 * so a chatty question matches as well as a terse one. Folded forms.
 */
export const QUESTION_FILLER: ReadonlySet<string> = new Set([
  "nedir", "nelerdir", "nedır", "nelerdır", "neler", "nelerdi", "neymis", "midir", "mudur", "mıdır",
  "mi", "mu", "misin", "misiniz", "musun", "musunuz", "miyim", "miyiz", "mısın", "mısınız", "muyuz",
  "demek", "denir", "ne", "nasil", "nasıl", "neden", "niye", "niçin", "nicin", "hangi", "hangisi", "hangileri",
  "acaba", "lutfen", "rica", "ederim", "merhaba", "selam", "selamlar", "slm", "mrb", "iyi", "gunler", "aksamlar",
  "bana", "bize", "bilgi", "bilgisi", "bilgiler", "verir", "verebilir", "verebilirmisiniz", "verirmisiniz",
  "anlatir", "anlatirmisin", "anlatirmisiniz", "anlatabilir", "anlat", "anlatin", "aciklar", "aciklayabilir",
  "aciklayin", "acikla", "soyler", "soyleyebilir", "soyle", "soyleyin", "sormak", "soruyorum", "sorum", "soru",
  "istiyorum", "istiyordum", "isterim", "ogrenmek", "ogrenebilir", "ogrenebilirmiyim", "merak", "ediyorum",
  "hakkinda", "hakkindaki", "konusunda", "ile", "ilgili", "icin", "yani", "peki", "tam", "olarak", "olan",
  "var", "vardir", "varmi", "nelerdir", "kisaca", "biraz", "bir", "bu", "su", "sey", "seyi", "ben", "benim",
  "biz", "bizim", "sen", "siz", "kim", "kimdir", "kimsin", "kimsiniz", "the", "how", "why", "between", "do", "does", "can", "i", "we", "you", "vs", "versus", "is", "what", "a", "an", "of", "and", "or", "to", "hi", "hello", "please",
].map((word) => fold(word)));

/**
 * Forms of the light verb `etmek` (`memnun ederiz`, `ikna etmenin`, `şikayet edilir`): it only
 * turns the word before it into a verb, and one of its forms (`ederim`) is already question
 * filler ("rica ederim"), so all of them are dropped alike. Folded; `etki…` (effect) and
 * `edin…` (acquire) are other words and do not match.
 */
const LIGHT_VERB = /^(?:etmek|etme|etmeyi|etmenin|etmesi|etmeli\p{L}*|ed(?:er|eriz|erim|ersin|ersiniz|erler|iyor\p{L}*|ebil\p{L}*|il\p{L}*|ecek\p{L}*|in|iniz)|et(?:ti|tir)\p{L}*)$/u;

/** An analysed word: its folded surface form and its folded stem. */
export interface Term {
  readonly surface: string;
  readonly stem: string;
}

/**
 * The whole pipeline for one text: normalize, tokenize, fold, drop stop words and question
 * filler, stem. Digits are kept (`10002`); abbreviations (CRM, NPS, CSAT, CES, CX, ISO) match
 * in any case because everything is lower-cased.
 */
export function analyze(text: string): Term[] {
  const terms: Term[] = [];
  for (const token of tokenize(normalize(text))) {
    let term = termCache.get(token);
    if (term === undefined) {
      term = analyzeToken(token);
      if (termCache.size >= STEM_CACHE_SIZE) termCache.clear();
      termCache.set(token, term);
    }
    if (term) terms.push(term);
  }
  return terms;
}

/** Memo of the per-word part of `analyze`; words repeat far more than they vary. */
const termCache = new Map<string, Term | null>();

function analyzeToken(token: string): Term | null {
  const surface = fold(token);
  if (surface === "" || STOP_WORDS.has(surface) || QUESTION_FILLER.has(surface) || LIGHT_VERB.test(surface)) return null;
  if (surface.length === 1 && !/\p{N}/u.test(surface)) return null;
  return canonical({ surface: collapseRepeats(surface), stem: stem(token) });
}

/**
 * Replaces a synonym by the knowledge base's word (by stem, surface or a 4+ letter prefix), and
 * an inflected form of a short verb root by the root (`ölçerim` → `olc`, see `SHORT_ROOTS`).
 */
export function canonical(term: Term): Term {
  const word = synonym(term);
  const root = SHORT_ROOTS.find((candidate) => word.surface.startsWith(candidate));
  return root === undefined ? word : { surface: root, stem: root };
}

function synonym(term: Term): Term {
  const direct = SYNONYMS.get(term.stem) ?? SYNONYMS.get(term.surface);
  if (direct) return { surface: direct, stem: direct };
  for (let length = term.surface.length - 1; length >= 4; length -= 1) {
    const found = SYNONYMS.get(term.surface.slice(0, length));
    if (found) return { surface: found, stem: found };
  }
  return term;
}
