import { dirname } from "node:path";

/**
 * Roots of Turkish words, from a morphological analyser: verbs meet their roots (`ölçebiliriz`
 * → `ölç`, `vazgeçtim` → `vazgeç`), loanwords their bases (`sadakati` → `sadakat`), and
 * consonant changes are undone (`hesabımı` → `hesap`). The Snowball stemmer does none of this.
 */
export interface Morphology {
  /**
   * Candidate roots of one lower-case word (Turkish letters as typed), longest first; empty when
   * unknown. A verb fused with `etmek` or `olmak` also has its noun (`kaybettim`: `kaybet`, `kayıp`).
   */
  roots(word: string): readonly string[];
  /**
   * Whether the word is a negated verb in every reading the analyser has of it as a verb
   * (`gelmedi`, `ulaşamamak`; not `gelme`, which is also a noun): the same root with the
   * opposite meaning. False for unknown words.
   */
  negative(word: string): boolean;
  /** Whether every reading the analyser has of the word is a verb form (`görünüyor`, `isteniyor`; not `ödeme`, also a noun). False for unknown words. */
  verb(word: string): boolean;
  /**
   * Whether the word only modifies, counts or points (`bugün`, `üç`, `hepsini`, `tam`,
   * `kendiliğinden`): the analyser reads it, and no reading has a noun, verb or adjective root,
   * or some reading has an adverb, numeral, pronoun, determiner, conjunction, postposition or
   * interjection root. False for unknown words.
   */
  modifier(word: string): boolean;
}

/** For tests and hosts that do without the analyser: every word is unknown. */
export const NO_MORPHOLOGY: Morphology = { roots: () => [], negative: () => false, verb: () => false, modifier: () => false };

interface FsmParse {
  getWord(): { getName(): string };
  toString(): string;
}
interface FsmParseList {
  size(): number;
  getFsmParse(index: number): FsmParse;
}
interface FsmAnalyzer {
  morphologicalAnalysis(word: string): FsmParseList;
}
interface FsmModule {
  FsmMorphologicalAnalyzer: new (fsmFile?: string, dictionary?: string, cacheSize?: number) => FsmAnalyzer;
}

function isFsmModule(value: unknown): value is FsmModule {
  return typeof value === "object" && value !== null && "FsmMorphologicalAnalyzer" in value && typeof value.FsmMorphologicalAnalyzer === "function";
}

interface Analysis {
  readonly roots: readonly string[];
  readonly negative: boolean;
  readonly verb: boolean;
  readonly modifier: boolean;
}

const UNKNOWN: Analysis = { roots: [], negative: false, verb: false, modifier: false };

/** Distinct words whose roots are memoized (each analysis costs about 60 µs; a hit about 0.1 µs). */
const ROOTS_CACHE_SIZE = 50_000;
/** The analyser's own cache is not needed: `TurkishMorphology` memoizes the roots. */
const ANALYSER_CACHE_SIZE = 0;
/** Longest word analysed; longer tokens are not Turkish words (codes, pasted junk). */
const MAX_WORD_LENGTH = 40;

/**
 * Turkish morphology from `nlptoolkit-morphologicalanalysis` (Starlang's finite-state analyser
 * with its dictionary of about 60,000 roots). Loaded on first use: about 0.8 s and 150 MB.
 */
export class TurkishMorphology implements Morphology {
  private analyzer: FsmAnalyzer | undefined;
  private readonly cache = new Map<string, Analysis>();
  /** Verb root → the noun it is fused from (`fusedNoun`), or null: verb roots are few, and each look-up costs several analyses. */
  private readonly fusedNouns = new Map<string, string | null>();

  roots(word: string): readonly string[] {
    return this.analysis(word).roots;
  }

  negative(word: string): boolean {
    return this.analysis(word).negative;
  }

  verb(word: string): boolean {
    return this.analysis(word).verb;
  }

  modifier(word: string): boolean {
    return this.analysis(word).modifier;
  }

  private analysis(word: string): Analysis {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const result = word.length > MAX_WORD_LENGTH || !/^\p{L}+$/u.test(word) ? UNKNOWN : this.analyse(word);
    if (this.cache.size >= ROOTS_CACHE_SIZE) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private analyse(word: string): Analysis {
    const parses = this.load().morphologicalAnalysis(word);
    const roots = new Set<string>();
    let verbReadings = 0;
    let negatedReadings = 0;
    let contentReadings = 0;
    let modifierReadings = 0;
    for (let i = 0; i < parses.size(); i += 1) {
      const parse = parses.getFsmParse(i);
      const root = parse.getWord().getName().toLocaleLowerCase("tr");
      roots.add(root);
      // the analyser's tags: `gel+VERB+NEG+PAST+A3SG` for `gelmedi`
      const tags = parse.toString();
      // the root's own part of speech comes first (`bugün+ADV`, `üç+NUM+CARD`, `kargo+NOUN+…`)
      const rootTag = /^[^+]*\+([A-Z]+)/u.exec(tags)?.[1] ?? "";
      if (CONTENT_TAGS.has(rootTag)) contentReadings += 1;
      else if (MODIFIER_TAGS.has(rootTag)) modifierReadings += 1;
      if (tags.includes("+VERB")) {
        verbReadings += 1;
        if (tags.includes("+NEG")) negatedReadings += 1;
        let noun = this.fusedNouns.get(root);
        if (noun === undefined) {
          noun = this.fusedNoun(root) ?? null;
          this.fusedNouns.set(root, noun);
        }
        if (noun !== null) roots.add(noun);
      }
    }
    return {
      roots: [...roots].sort((a, b) => b.length - a.length),
      negative: verbReadings > 0 && negatedReadings === verbReadings,
      verb: verbReadings > 0 && verbReadings === parses.size(),
      modifier: parses.size() > 0 && (contentReadings === 0 || modifierReadings > 0),
    };
  }

  /**
   * The noun of a verb fused with `etmek` or `olmak` (`kaybet` → `kayıp`, `kaydol` → `kayıt`,
   * `reddet` → `ret`, `affet` → `af`, `şükret` → `şükür`): Turkish writes such a verb as one
   * word, dropping the noun's last vowel or doubling its last consonant, so the analyser reads it
   * as a root of its own and `kaybettim` never met `kayıp`. The noun is rebuilt (the vowel put
   * back, the consonant undoubled, the last one devoiced) and kept only if the analyser's
   * dictionary has it as a root.
   */
  private fusedNoun(verb: string): string | undefined {
    const match = /^(.*[^aeıioöuü])([^aeıioöuü])(?:et|ol)$/u.exec(verb);
    if (!match) return undefined;
    const [, head = "", last = ""] = match;
    const candidates: string[] = [];
    if (head.endsWith(last)) candidates.push(head);
    else {
      const vowels = head.match(/[aeıioöuü]/gu);
      const harmony = HIGH_VOWEL[vowels?.at(-1) ?? ""];
      if (!harmony) return undefined;
      // loanwords break vowel harmony (`nakil`, not `nakıl`): the harmonic vowel first, then the others
      for (const vowel of [harmony, ...HIGH_VOWELS.filter((v) => v !== harmony)]) candidates.push(`${head}${vowel}${last}`);
    }
    for (const candidate of candidates) {
      // devoiced first (`kayıd` → `kayıt`); a word with nothing to devoice is looked up once
      for (const noun of new Set([devoiced(candidate), candidate])) {
        if (noun.length < 2) continue;
        const parses = this.load().morphologicalAnalysis(noun);
        for (let i = 0; i < parses.size(); i += 1) {
          if (parses.getFsmParse(i).getWord().getName().toLocaleLowerCase("tr") === noun) return noun;
        }
      }
    }
    return undefined;
  }

  private load(): FsmAnalyzer {
    if (this.analyzer) return this.analyzer;
    const packageDir = dirname(require.resolve("nlptoolkit-morphologicalanalysis/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: 150 MB that a CLI without matching never needs
    const loaded: unknown = require("nlptoolkit-morphologicalanalysis/dist/MorphologicalAnalysis/FsmMorphologicalAnalyzer");
    if (!isFsmModule(loaded)) throw new Error("[matching] nlptoolkit-morphologicalanalysis has no FsmMorphologicalAnalyzer");
    const { FsmMorphologicalAnalyzer } = loaded;
    // the analyser reads several of its data files by bare name from the working directory; the
    // constructor is synchronous, so no other code runs while the directory is changed
    const previous = process.cwd();
    process.chdir(packageDir);
    try {
      this.analyzer = new FsmMorphologicalAnalyzer("turkish_finite_state_machine.xml", "turkish_dictionary.txt", ANALYSER_CACHE_SIZE);
    } finally {
      process.chdir(previous);
    }
    return this.analyzer;
  }
}

/** Roots that name a thing, an action or a quality. */
const CONTENT_TAGS = new Set(["NOUN", "VERB", "ADJ"]);
/** Roots that modify, count or point. */
const MODIFIER_TAGS = new Set(["ADV", "NUM", "PRON", "DET", "CONJ", "POSTP", "INTERJ", "QUES"]);
const HIGH_VOWELS = ["ı", "i", "u", "ü"];
/** The high vowel that follows each vowel in Turkish vowel harmony. */
const HIGH_VOWEL: Readonly<Record<string, string>> = { a: "ı", ı: "ı", e: "i", i: "i", o: "u", u: "u", ö: "ü", ü: "ü" };
const DEVOICED: Readonly<Record<string, string>> = { b: "p", c: "ç", d: "t", g: "k" };
/** A word with its last consonant devoiced, as Turkish writes it at the end of a word (`kayıd` → `kayıt`). */
function devoiced(word: string): string {
  const last = DEVOICED[word.at(-1) ?? ""];
  return last ? `${word.slice(0, -1)}${last}` : word;
}

/** The process's one analyser: its dictionary is large and read-only, so every matcher shares it. */
export const sharedMorphology: Morphology = new TurkishMorphology();
