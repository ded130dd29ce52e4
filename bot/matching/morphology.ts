import { dirname } from "node:path";

/**
 * Roots of Turkish words, from a morphological analyser: verbs meet their roots (`ölçebiliriz`
 * → `ölç`, `vazgeçtim` → `vazgeç`), loanwords their bases (`sadakati` → `sadakat`), and
 * consonant changes are undone (`hesabımı` → `hesap`). The Snowball stemmer does none of this.
 */
export interface Morphology {
  /** Candidate roots of one lower-case word (Turkish letters as typed), longest first; empty when unknown. */
  roots(word: string): readonly string[];
  /**
   * Whether the word is a negated verb in every reading the analyser has of it as a verb
   * (`gelmedi`, `ulaşamamak`; not `gelme`, which is also a noun): the same root with the
   * opposite meaning. False for unknown words.
   */
  negative(word: string): boolean;
  /** Whether every reading the analyser has of the word is a verb form (`görünüyor`, `isteniyor`; not `ödeme`, also a noun). False for unknown words. */
  verb(word: string): boolean;
}

/** For tests and hosts that do without the analyser: every word is unknown. */
export const NO_MORPHOLOGY: Morphology = { roots: () => [], negative: () => false, verb: () => false };

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
}

const UNKNOWN: Analysis = { roots: [], negative: false, verb: false };

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

  roots(word: string): readonly string[] {
    return this.analysis(word).roots;
  }

  negative(word: string): boolean {
    return this.analysis(word).negative;
  }

  verb(word: string): boolean {
    return this.analysis(word).verb;
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
    for (let i = 0; i < parses.size(); i += 1) {
      const parse = parses.getFsmParse(i);
      roots.add(parse.getWord().getName().toLocaleLowerCase("tr"));
      // the analyser's tags: `gel+VERB+NEG+PAST+A3SG` for `gelmedi`
      const tags = parse.toString();
      if (tags.includes("+VERB")) {
        verbReadings += 1;
        if (tags.includes("+NEG")) negatedReadings += 1;
      }
    }
    return {
      roots: [...roots].sort((a, b) => b.length - a.length),
      negative: verbReadings > 0 && negatedReadings === verbReadings,
      verb: verbReadings > 0 && verbReadings === parses.size(),
    };
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

/** The process's one analyser: its dictionary is large and read-only, so every matcher shares it. */
export const sharedMorphology: Morphology = new TurkishMorphology();
