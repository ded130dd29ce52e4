import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load as loadYaml } from "js-yaml";
import { z } from "zod";
import { textWords, withinOneEdit, type Term } from "./analysis";
import { analysedGroups, keptDir } from "./kept";
import { remember } from "./memo";
import { PhraseRewriter } from "./synonyms";

/**
 * Reads foreign words of a message as the Turkish words a knowledge base uses. Applied to the
 * knowledge and to messages alike, between two passes of the editors' synonyms (see
 * `SearchIndex`), so an editor's group can still give a word another reading.
 */
export interface Lexicon {
  /**
   * The lexicon as one knowledge base reads it. A foreign word of several senses (`ticket`: a
   * ticket to an event, or a support request) is read in the sense of the reading that most of
   * the base's entries use (`held`: how many entries use each reading's words, asked once for
   * every reading of every such word), and not read at all when the base uses none of them.
   */
  forBase(held: (readings: ReadonlyArray<readonly Term[]>) => readonly number[]): LexiconReader;
}

/** A lexicon's readings for one knowledge base. */
export interface LexiconReader {
  /**
   * A text's words (`textWords`) with the foreign phrases that analysis would shorten (`on
   * time`, `e-ticket`, `can't find`: their function words and one-letter words are dropped)
   * read as their Turkish words, before analysis drops anything. Returns `words` itself when
   * none is there.
   */
  rewriteWords(words: readonly string[]): readonly string[];
  /** Analysed text with the other foreign words and phrases read as Turkish ones. */
  rewrite(terms: readonly Term[]): Term[];
  /**
   * The foreign word a word of a text starts with, where the rest is a chain of Turkish
   * suffixes typed onto it without the apostrophe Turkish writes before them (`accountumu`,
   * `appte`, `mailboxa`: `account'umu`, `app'te`, `mailbox'a`); undefined otherwise. A Turkish
   * word can look the same (`bana`, `payı`, `askıya`): the caller asks only of words it cannot
   * read as Turkish.
   */
  foreignStem(word: string): string | undefined;
  /**
   * The one foreign word of the list a word is a typo of (one letter dropped, added, changed, or
   * two swapped: `passowrd`, `docuemnts`, `deadilne`), for words of `MIN_FOREIGN_TYPO_LENGTH`
   * letters or more; undefined when none or several are. As with `foreignStem`, the caller asks
   * only of words it cannot read as Turkish.
   */
  foreignTypo(word: string): string | undefined;
  /** The foreign words of several senses this reader reads in one, analysed. */
  readonly inSense: ReadonlyArray<readonly Term[]>;
}

const AS_TYPED: LexiconReader = { rewriteWords: (words) => words, rewrite: (terms) => [...terms], foreignStem: () => undefined, foreignTypo: () => undefined, inSense: [] };

/** For tests and hosts that do without it: every word is read as typed. */
export const NO_LEXICON: Lexicon = { forBase: () => AS_TYPED };

/** A pair: an English word or phrase and its Turkish reading, or its readings when it has several senses. */
const LexiconFile = z.array(
  z.object({ en: z.string().min(1), tr: z.union([z.string().min(1), z.array(z.string().min(1)).min(2)]) }).strict(),
);

/** A built-in list in `lexicon/` beside this file, or beside its source when running the compiled build. */
export function languageFile(name: string): string {
  const beside = join(__dirname, "lexicon", name);
  return [beside, join(__dirname, "..", "..", "..", "bot", "matching", "lexicon", name)].find((file) => existsSync(file)) ?? beside;
}

const LEXICON_FILE = languageFile("en-tr.yaml");

/** An English word or phrase of the list: as analysed, as typed, and its readings. */
interface Pair {
  readonly en: readonly Term[];
  readonly typed: readonly string[];
  /** Analysed readings, one per sense; `readingWords` typed. */
  readonly readings: ReadonlyArray<readonly Term[]>;
  readonly readingWords: ReadonlyArray<readonly string[]>;
}

/**
 * The English words and phrases Turkish customers mix into their messages ("password reset
 * nasıl yapılır", "refund alabilir miyim"), from `lexicon/en-tr.yaml` (language knowledge for
 * support chats of any domain; see its README). Words are compared as typed, lower-cased, never
 * by stem: a Snowball stem or a collapsed double letter would make English `add` the Turkish
 * `ad`, while an inflected Turkish word never equals a bare English one. Since the knowledge is
 * read through the same list, the rare bare Turkish word spelled like an English one (`pay`,
 * share) is read alike on both sides. Loaded on first use.
 *
 * A phrase that analysis would shorten (`on time` to `time`) is read on the text's words before
 * analysis: keyed by its analysed words it would give them its reading wherever they stand
 * alone (every `time` read as `zamanında`).
 */
export class EnglishLexicon implements Lexicon {
  private pairs: readonly Pair[] | undefined;
  private foreign: ForeignWords | undefined;
  /** Readers by the senses chosen, so that bases choosing alike share one. */
  private readonly readers = new Map<string, LexiconReader>();

  /** `keepDir`: where the list, analysed, is kept for later processes (`analysedGroups`); none by default. */
  constructor(
    private readonly file: string = LEXICON_FILE,
    private readonly keepDir?: string,
  ) {}

  forBase(held: (readings: ReadonlyArray<readonly Term[]>) => readonly number[]): LexiconReader {
    const pairs = this.load();
    const ambiguous = pairs.filter(({ readings }) => readings.length > 1);
    const counts = ambiguous.length > 0 ? held(ambiguous.flatMap(({ readings }) => readings)) : [];
    let next = 0;
    // the sense of each pair of several readings: the one most entries use, the first on a tie; -1 for none
    const senses = new Map(
      ambiguous.map((pair) => {
        const own = pair.readings.map((_, i) => counts[next + i] ?? 0);
        next += own.length;
        const most = Math.max(...own);
        return [pair, most > 0 ? own.indexOf(most) : -1];
      }),
    );
    const key = [...senses.values()].join(",");
    let reader = this.readers.get(key);
    if (!reader) {
      reader = readerOf(pairs, senses, (this.foreign ??= new ForeignWords(pairs)));
      this.readers.set(key, reader);
    }
    return reader;
  }

  private load(): readonly Pair[] {
    if (this.pairs) return this.pairs;
    let groups: Term[][][];
    let texts: string[][];
    try {
      const text = readFileSync(this.file, "utf8");
      // the texts as typed are needed as well (`Pair.typed`): parsed once, and analysed only when nothing is kept
      const parsed = parseLexicon(text);
      texts = parsed;
      groups = analysedGroups(text, () => parsed, this.keepDir);
    } catch (cause) {
      throw new LexiconError(`[matching] ${this.file}: not a list of { en, tr } pairs`, { cause });
    }
    this.pairs = groups.flatMap(([en, ...readings], i) => {
      const [enText = "", ...readingTexts] = texts[i] ?? [];
      return en && readings.length > 0 ? [{ en, typed: textWords(enText), readings, readingWords: readingTexts.map(textWords) }] : [];
    });
    return this.pairs;
  }
}

/** The reader of the pairs read in the senses chosen (`senses`: the reading of each pair of several, -1 for none). */
function readerOf(pairs: readonly Pair[], senses: ReadonlyMap<Pair, number>, foreign: ForeignWords): LexiconReader {
  // a word whose reading is a filler (`urgent`: `acil`, `info`: `bilgi`) is one, and is dropped as its reading would be
  const terms = new PhraseRewriter((term) => [term.typed], true);
  const words = new Map<string, WordPhrase[]>();
  pairs.forEach((pair) => {
    const sense = senses.get(pair) ?? 0;
    const reading = pair.readings[sense];
    const readingWords = pair.readingWords[sense];
    if (!reading || !readingWords) return;
    const [first] = pair.typed;
    if (first !== undefined && pair.typed.length > 1 && pair.en.length < pair.typed.length) {
      const list = words.get(first) ?? [];
      list.push({ words: pair.typed, replacement: readingWords });
      list.sort((a, b) => b.words.length - a.words.length);
      words.set(first, list);
    } else terms.add(pair.en, reading);
  });
  return {
    rewriteWords: (text) => replacePhrases(words, text),
    rewrite: (text) => terms.rewrite(text),
    foreignStem: (word) => foreign.stemOf(word),
    foreignTypo: (word) => foreign.typoOf(word),
    inSense: [...senses].flatMap(([pair, sense]) => (sense >= 0 ? [pair.en] : [])),
  };
}

/**
 * The foreign words of the list as typed (every sense's: which sense a base reads does not change
 * what a word is a typo or a suffixed form of), with what each reader asks of them remembered
 * once for all readers: bases that choose senses differently get readers of their own.
 */
class ForeignWords {
  private readonly words = new Set<string>();
  /** Word → its foreign stem, or null: texts repeat their words, and most have none. */
  private readonly stems = new Map<string, string | null>();
  /** Word → the foreign word it is a typo of, or null. */
  private readonly typos = new Map<string, string | null>();
  /** Built on the first word asked about (`oneEditIndex`). */
  private byDeletion: Map<string, string[]> | undefined;

  constructor(pairs: readonly Pair[]) {
    for (const pair of pairs) for (const word of pair.typed) if (word.length >= MIN_FOREIGN_STEM) this.words.add(word);
  }

  stemOf(word: string): string | undefined {
    return remember(this.stems, word, FOREIGN_MEMO_SIZE, () => (this.words.has(word) ? null : foreignStemOf(word, this.words))) ?? undefined;
  }

  typoOf(word: string): string | undefined {
    if (word.length < MIN_FOREIGN_TYPO_LENGTH || !PLAIN_LETTERS.test(word)) return undefined;
    const typo = remember(this.typos, word, FOREIGN_MEMO_SIZE, () => {
      if (this.words.has(word)) return null;
      const index = (this.byDeletion ??= oneEditIndex([...this.words].filter((known) => known.length >= MIN_FOREIGN_TYPO_LENGTH - 1 && PLAIN_LETTERS.test(known))));
      const corrections = new Set<string>();
      for (const key of withOneDeleted(word)) for (const known of index.get(key) ?? []) if (withinOneEdit(word, known)) corrections.add(known);
      return corrections.size === 1 ? ([...corrections][0] ?? null) : null;
    });
    return typo ?? undefined;
  }
}

const PLAIN_LETTERS = /^[a-z]+$/u;

/**
 * Words keyed by themselves and by each spelling with one letter deleted. Two words one edit
 * apart share a key: a letter changed or two swapped, deleted from both (`pasword` from
 * `passowrd` and `password`); a letter dropped or added, the shorter word itself. So a typo's
 * candidates are the words under its own keys, each then checked by `withinOneEdit`: a word's
 * length plus one look-ups, where comparing it with every foreign word of about its length (a
 * few hundred) had been most of a first pass's time in the lexicon.
 */
function oneEditIndex(words: readonly string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const word of words) {
    for (const key of withOneDeleted(word)) {
      const list = index.get(key);
      if (list) list.push(word);
      else index.set(key, [word]);
    }
  }
  return index;
}

/** A word itself and each spelling of it with one letter deleted, each once. */
function withOneDeleted(word: string): Set<string> {
  const keys = new Set([word]);
  for (let i = 0; i < word.length; i += 1) keys.add(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

/** The longest word of `foreign` that starts `word`, followed by Turkish suffixes only; null when none. */
function foreignStemOf(word: string, foreign: ReadonlySet<string>): string | null {
  for (let cut = word.length - 1; cut >= MIN_FOREIGN_STEM; cut -= 1) {
    const stem = word.slice(0, cut);
    if (foreign.has(stem) && TURKISH_SUFFIXES.test(word.slice(cut))) return stem;
  }
  return null;
}
/**
 * Shortest word looked up as a foreign word mistyped (`foreignTypo`). Among shorter words one
 * edit joins too many (`fee`, `feed`, `free`). Lower = more words read as a foreign word they are not.
 */
const MIN_FOREIGN_TYPO_LENGTH = 6;
/** Distinct words whose foreign stem, and whose foreign typo, one reader remembers. */
const FOREIGN_MEMO_SIZE = 50_000;
/** Shortest foreign word read off the front of a word with Turkish suffixes (`foreignStem`). Lower = more Turkish words cut wrongly. */
const MIN_FOREIGN_STEM = 3;
/**
 * A chain of Turkish suffixes as typed onto a foreign word, in the order and with the buffer
 * letters Turkish puts them: a plural; then a first- or second-person possessive with the case
 * after it (`account-um-u`, `off-um-da`), or a third-person one with the `n` the case takes after it
 * (`invoice-u-nu`, `route-lar-ı-nı`), or a case alone (`app-te`, `employee-nin`, `delivery-yi`).
 * Any vowel: a foreign word's vowels follow its pronunciation, not its spelling (`device-a`,
 * `mail-e`). So `selfie` is no `self` with `-ie` (a possessive takes no case without its `n`). Not
 * the instrumental's bare `-la`, `-le`: English words end so themselves (`apple`, `google`, `table`).
 */
const TURKISH_SUFFIXES = new RegExp(
  [
    "^(?:lar|ler)?(?:",
    "(?:[ıiuü]?m|[ıiuü]?m[ıiuü]z|[ıiuü]?n|[ıiuü]?n[ıiuü]z)(?:[ıiuü]|[ae]|[dt][ae]|[dt][ae]n|[ıiuü]n)?",
    "|s?[ıiuü](?:n[ıiuü]|n[ae]|nd[ae]|nd[ae]n|n[ıiuü]n|yl[ae])?",
    "|y?[ıiuü]|y?[ae]|[dt][ae]|[dt][ae]n|n?[ıiuü]n|yl[ae]|ki",
    ")?$",
  ].join(""),
  "u",
);

interface WordPhrase {
  readonly words: readonly string[];
  readonly replacement: readonly string[];
}

/** `text` with each phrase of `table` (first word → phrases, longest first) replaced, the longest at each position. */
function replacePhrases(table: ReadonlyMap<string, readonly WordPhrase[]>, text: readonly string[]): readonly string[] {
  if (!text.some((word) => table.has(word))) return text;
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const found = table.get(text[i] ?? "")?.find((phrase) => phrase.words.every((word, k) => text[i + k] === word));
    if (found) {
      out.push(...found.replacement);
      i += found.words.length;
    } else {
      out.push(text[i] ?? "");
      i += 1;
    }
  }
  return out;
}

function parseLexicon(text: string): string[][] {
  return LexiconFile.parse(loadYaml(text)).map(({ en, tr }) => [en, ...(typeof tr === "string" ? [tr] : tr)]);
}

/** The lexicon file is missing or malformed: a broken installation, not an editor's mistake. */
export class LexiconError extends Error {
  override readonly name = "LexiconError";
}

/** The process's one lexicon: read once, shared by every matcher. */
export const sharedLexicon: Lexicon = new EnglishLexicon(LEXICON_FILE, keptDir());
