import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isBack } from "./analysis";
import { digest, keptDir, packageVersion, readKeptFile, writeKeptFile } from "./kept";

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
  /**
   * The word's lemmas, one per distinct reading: its root and part of speech, and each derivation
   * made from it (`vadeli`: `vade+NOUN^ADJ+WITH`; `ödemeleri`: `ödeme+NOUN` and
   * `öde+VERB^NOUN+INF2`), without its inflection. Two words that share one are the same word
   * inflected (`yöntemi`, `yöntemleri`), which the Snowball stem often misses (`yonte`, `yontem`).
   * Empty when unknown.
   */
  lemmas(word: string): readonly string[];
  /**
   * How the analyser reads the word as a proper name, capitalised: `only` when nothing in lower
   * case and only `+PROP` readings capitalised (`ayşe`, `mehmet`, `ankara`), `also` when a name
   * among other readings (`yılmaz`, undaunted; `kira`, rent), else `none`. A name may be a
   * person's, a place's or a brand's (`turkcell`): the dictionary does not say.
   */
  properName(word: string): ProperName;
  /**
   * Whether the word says what the writer is (`mağdurum`, I am aggrieved; `müşterinizim`, I am
   * your customer; `öğrenciyiz`, we are students): every reading is a noun or adjective with the
   * copula in the first person, present tense, apart from an adjective's readings as a noun
   * (`mağdurum`, also "my aggrieved one"). `kartım` is also "my card": not one. False for unknown words.
   */
  aboutWriter(word: string): boolean;
  /**
   * Whether the word says what the writer is to the one addressed (`müşterinizim`, I am your
   * customer; `abonenizdim`, I was your subscriber; `üyeleriniziz`): every reading is a noun with
   * a second-person possessive and the copula in the first person. It tells who writes, whatever
   * the noun names elsewhere (`müşteri hizmetleri`). False for unknown words.
   */
  writerToReader(word: string): boolean;
  /**
   * Runs `read` (an index build) and keeps the readings of the words it looks up for later
   * processes, where the morphology keeps readings at all. Only what `read` looks up is kept: a
   * knowledge base's words and the built-in lists', never a customer's message.
   */
  remembering?<T>(read: () => T): T;
}

/** How a word reads as a proper name (`Morphology.properName`). */
export type ProperName = "only" | "also" | "none";

/** For tests and hosts that do without the analyser: every word is unknown. */
export const NO_MORPHOLOGY: Morphology = {
  roots: () => [],
  negative: () => false,
  verb: () => false,
  modifier: () => false,
  lemmas: () => [],
  properName: () => "none",
  aboutWriter: () => false,
  writerToReader: () => false,
};

interface FsmParse {
  getWord(): { getName(): string };
  toString(): string;
}
interface FsmParseList {
  size(): number;
  getFsmParse(index: number): FsmParse;
}
export interface FsmAnalyzer {
  morphologicalAnalysis(word: string): FsmParseList;
}
interface FsmModule {
  FsmMorphologicalAnalyzer: new (fsmFile?: string, dictionary?: string | object, cacheSize?: number) => FsmAnalyzer;
}

function isFsmModule(value: unknown): value is FsmModule {
  return typeof value === "object" && value !== null && "FsmMorphologicalAnalyzer" in value && typeof value.FsmMorphologicalAnalyzer === "function";
}

/**
 * The analyser's dictionary class. Its constructor loads, by bare name from the working
 * directory, `turkish_dictionary.txt` (Turkish order), then the misspellings and the
 * morphological lexicon.
 */
interface DictionaryModule {
  TxtDictionary: new () => object;
}

function isDictionaryModule(value: unknown): value is DictionaryModule {
  return typeof value === "object" && value !== null && "TxtDictionary" in value && typeof value.TxtDictionary === "function";
}

interface Analysis {
  readonly roots: readonly string[];
  readonly lemmas: readonly string[];
  readonly negative: boolean;
  readonly verb: boolean;
  readonly modifier: boolean;
  readonly aboutWriter: boolean;
  readonly writerToReader: boolean;
}

const UNKNOWN: Analysis = { roots: [], lemmas: [], negative: false, verb: false, modifier: false, aboutWriter: false, writerToReader: false };

/** Where and whether `TurkishMorphology` keeps its readings across processes. */
export interface TurkishMorphologyOptions {
  /**
   * The folder that keeps the readings of indexed words across processes (the shared analyser's is `keptDir()`):
   * every process that indexes the same knowledge reads the same words, and the analyser reads
   * a word the same way each time. Without it, every process reads every word itself.
   */
  readonly keepDir?: string;
  /** Most distinct words the memo holds before it starts over (default `ROOTS_CACHE_SIZE`); small in tests. Kept readings are held apart and never count. */
  readonly memoSize?: number;
}

function analyserDir(): string {
  return dirname(require.resolve("nlptoolkit-morphologicalanalysis/package.json"));
}

/**
 * What readings are valid for: the analyser's and its dictionary's versions, and this module's
 * own code, which turns the analyser's parses into readings. Each version has a file of its own
 * (the sources run by tsx and the build differ in code, and run side by side). Undefined when any
 * of them cannot be read: then nothing is kept, since readings of an unknown version could be stale.
 */
function readingsVersion(): string | undefined {
  try {
    const code = digest(readFileSync(__filename, "utf8"));
    return `${packageVersion("nlptoolkit-morphologicalanalysis", analyserDir())}/${packageVersion("nlptoolkit-dictionary", analyserDir())}/${code}`;
  } catch {
    return undefined;
  }
}

/** The file of one version's readings in a readings folder. */
function versionFile(dir: string, version: string): string {
  return join(dir, `readings-${digest(version)}.json`);
}
const VERSION_FILE = /^readings-[0-9a-f]{16}\.json$/;

/**
 * Most readings a file keeps (about 40 bytes each on disk). One knowledge base and the built-in
 * lists need a few thousand, with the spellings looked up for their words; a checkout that also
 * runs the test suite indexes the evaluation's bases in most test processes (twenty-eight: about
 * 50,000, 1.8 MB). Past it, a file keeps only the last index's, and every process reads the other
 * bases' words again with the analyser. Higher = larger file read at start, fewer analyses.
 */
const MAX_KEPT_READINGS = 100_000;
/** Most versions' files a readings folder keeps; the least recently written go first. */
const MAX_VERSION_FILES = 4;

/** One reading as a file keeps it: the roots, the flags (`NEGATIVE`, `VERB`, `MODIFIER`, `ABOUT_WRITER`, `WRITER_TO_READER`), then the lemmas. */
type KeptReading = [readonly string[], number, readonly string[]];
const NEGATIVE = 1;
const VERB = 2;
const MODIFIER = 4;
const ABOUT_WRITER = 8;
const WRITER_TO_READER = 16;

function kept(analysis: Analysis): KeptReading {
  const flags =
    (analysis.negative ? NEGATIVE : 0) |
    (analysis.verb ? VERB : 0) |
    (analysis.modifier ? MODIFIER : 0) |
    (analysis.aboutWriter ? ABOUT_WRITER : 0) |
    (analysis.writerToReader ? WRITER_TO_READER : 0);
  return [analysis.roots, flags, analysis.lemmas];
}

function fromKept(value: unknown): Analysis | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const roots: unknown = value[0];
  const flags: unknown = value[1];
  const lemmas: unknown = value[2];
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === "string");
  if (!strings(roots) || !strings(lemmas) || typeof flags !== "number") return undefined;
  return {
    roots,
    lemmas,
    negative: (flags & NEGATIVE) !== 0,
    verb: (flags & VERB) !== 0,
    modifier: (flags & MODIFIER) !== 0,
    aboutWriter: (flags & ABOUT_WRITER) !== 0,
    writerToReader: (flags & WRITER_TO_READER) !== 0,
  };
}

/** The readings in a file written for `version`; none when it is missing, unreadable, malformed or for another version. */
function readReadings(file: string, version: string): Map<string, Analysis> {
  const readings = new Map<string, Analysis>();
  const parsed = readKeptFile(file);
  if (typeof parsed !== "object" || parsed === null || !("version" in parsed) || parsed.version !== version || !("readings" in parsed)) return readings;
  const entries = parsed.readings;
  if (typeof entries !== "object" || entries === null) return readings;
  for (const [word, value] of Object.entries(entries)) {
    const analysis = fromKept(value);
    if (analysis) readings.set(word, analysis);
  }
  return readings;
}

/** Writes readings whole or not at all (`writeKeptFile`). True when written. */
function writeReadings(file: string, version: string, readings: ReadonlyMap<string, Analysis>): boolean {
  const body: Record<string, KeptReading> = {};
  for (const [word, analysis] of readings) body[word] = kept(analysis);
  return writeKeptFile(file, { version, readings: body }, VERSION_FILE, MAX_VERSION_FILES);
}

/**
 * A version's readings file, the readings it held when this process read it, and the words this
 * process learned it holds since (`learned`: read again or written by it). A word is known to be
 * on file when either holds it.
 */
interface KeptFile {
  readonly file: string;
  readonly version: string;
  readonly readings: ReadonlyMap<string, Analysis>;
  readonly learned: Set<string>;
}

const isOnFile = (kept: KeptFile, word: string): boolean => kept.readings.has(word) || kept.learned.has(word);

/** Distinct words whose roots are memoized (each analysis costs about 60 µs; a hit about 0.1 µs). */
const ROOTS_CACHE_SIZE = 50_000;
/** The analyser's own cache is not needed: `TurkishMorphology` memoizes the roots. */
const ANALYSER_CACHE_SIZE = 0;
/** Longest word analysed; longer tokens are not Turkish words (codes, pasted junk). */
const MAX_WORD_LENGTH = 40;
/** Whether a token can be a Turkish word for the analyser: letters only, not longer than `MAX_WORD_LENGTH`. */
function analysable(word: string): boolean {
  return word.length <= MAX_WORD_LENGTH && /^\p{L}+$/u.test(word);
}
/** Distinct words memoized by `properName`: only the word after a self-introduction is asked about, so few. */
const PROPER_NAMES_MEMO_SIZE = 5_000;

/**
 * The analyser every `TurkishMorphology` of the process reads with, loaded by the first that
 * needs it: it is read-only once loaded (a word's parses depend on the word alone), and each load
 * costs about 0.7 s and 110 MB. Each instance keeps its own memo and tells whether it has used
 * the analyser (`loaded`).
 */
let processAnalyser: FsmAnalyzer | undefined;

/**
 * Turkish morphology from `nlptoolkit-morphologicalanalysis` (Starlang's finite-state analyser
 * with its dictionary of about 60,000 roots). Loaded on first use: about 0.7 s and 110 MB, its
 * dictionary without the files analysis never reads (`loadAnalyser`).
 */
export class TurkishMorphology implements Morphology {
  private analyzer: FsmAnalyzer | undefined;
  private readonly cache = new Map<string, Analysis>();
  /** Verb root → the noun it is fused from (`fusedNoun`), or null: verb roots are few, and each look-up costs several analyses. */
  private readonly fusedNouns = new Map<string, string | null>();
  /** Dictionary root → the verbs it is derived from (`verbBases`). */
  private readonly verbBasesOf = new Map<string, readonly string[]>();
  /** Word → whether it is only a proper name (`properName`). */
  private readonly properNames = new Map<string, ProperName>();
  /** This version's readings file, once the kept readings were read (`keepDir`); null when its version cannot be told (nothing is kept). */
  private kept: KeptFile | null | undefined;
  /** While `remembering`: the words looked up. */
  private recording: Set<string> | undefined;

  constructor(private readonly options: TurkishMorphologyOptions = {}) {}

  /** Whether the analyser has been loaded (a process whose words were all kept never loads it). */
  get loaded(): boolean {
    return this.analyzer !== undefined;
  }

  remembering<T>(read: () => T): T {
    if (this.options.keepDir === undefined || this.recording) return read();
    const words = new Set<string>();
    this.recording = words;
    try {
      return read();
    } finally {
      this.recording = undefined;
      this.keep(words);
    }
  }

  roots(word: string): readonly string[] {
    return this.analysis(word).roots;
  }

  /**
   * Whether readings of this version of the code are kept (`keepDir`) by some process: an index
   * built since wrote its file. Only looks for the file (reading it takes a large one 0.2 s); a
   * malformed one costs the readings again, as ever. False when nothing is kept or the version
   * cannot be told.
   */
  hasKeptReadings(): boolean {
    const place = this.keptPlace();
    return place !== undefined && existsSync(place.file);
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

  lemmas(word: string): readonly string[] {
    return this.analysis(word).lemmas;
  }

  aboutWriter(word: string): boolean {
    return this.analysis(word).aboutWriter;
  }

  writerToReader(word: string): boolean {
    return this.analysis(word).writerToReader;
  }

  properName(word: string): ProperName {
    const known = this.properNames.get(word);
    if (known !== undefined) return known;
    let result: ProperName = "none";
    if (analysable(word)) {
      const parses = this.load().morphologicalAnalysis(`${word.charAt(0).toLocaleUpperCase("tr")}${word.slice(1)}`);
      const readings = Array.from({ length: parses.size() }, (_, i) => parses.getFsmParse(i).toString());
      if (readings.some((reading) => reading.includes("+PROP"))) result = readings.every((reading) => reading.includes("+PROP")) && this.roots(word).length === 0 ? "only" : "also";
    }
    if (this.properNames.size >= PROPER_NAMES_MEMO_SIZE) this.properNames.clear();
    this.properNames.set(word, result);
    return result;
  }

  /**
   * A word the analyser cannot read (`analysable`) is unknown at no cost: it is neither memoized
   * nor kept. Kept, the spellings tried for numbers and codes (`2i097`, `20a97`: a vowel put back
   * between two "consonants") had filled more than half of a checkout's readings file, which every
   * process reads at start.
   */
  private analysis(word: string): Analysis {
    if (this.kept === undefined) this.readKept();
    const cached = this.cache.get(word) ?? this.kept?.readings.get(word);
    if (cached) {
      this.recording?.add(word);
      return cached;
    }
    if (!analysable(word)) return UNKNOWN;
    this.recording?.add(word);
    const result = this.analyse(word);
    if (this.cache.size >= (this.options.memoSize ?? ROOTS_CACHE_SIZE)) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  /**
   * Reads the readings other processes kept (once per process). They are held apart from the
   * memo, whose limit they would otherwise fill: a memo cleared at its limit dropped them all, and
   * every indexed word was read with the analyser again.
   */
  private readKept(): KeptFile | undefined {
    if (this.kept === null) return undefined;
    const place = this.keptPlace();
    if (place === undefined) {
      this.kept = null;
      return undefined;
    }
    this.kept = { ...place, readings: readReadings(place.file, place.version), learned: new Set() };
    return this.kept;
  }

  /** This version of the code and its readings file in `keepDir`; undefined when nothing is kept or the version cannot be told. */
  private keptPlace(): { file: string; version: string } | undefined {
    const { keepDir } = this.options;
    const version = keepDir === undefined ? undefined : readingsVersion();
    return keepDir === undefined || version === undefined ? undefined : { file: versionFile(keepDir, version), version };
  }

  /**
   * Adds the readings of `words` to this version's file, unless it already has every one of them.
   * The file is read again only when a word is new to this process's view of it (`isOnFile`): a warm
   * start reads it once.
   */
  private keep(words: ReadonlySet<string>): void {
    const kept = this.kept === undefined ? this.readKept() : this.kept;
    if (!kept || [...words].every((word) => isOnFile(kept, word))) return;
    const onFile = readReadings(kept.file, kept.version);
    for (const word of onFile.keys()) if (!kept.readings.has(word)) kept.learned.add(word);
    const missing = [...words].filter((word) => !onFile.has(word));
    if (missing.length === 0) return;
    const readings = onFile.size + missing.length > MAX_KEPT_READINGS ? new Map<string, Analysis>() : onFile;
    for (const word of words) {
      const analysis = this.cache.get(word) ?? kept.readings.get(word) ?? onFile.get(word);
      if (analysis) readings.set(word, analysis);
    }
    if (writeReadings(kept.file, kept.version, readings)) for (const word of readings.keys()) if (!kept.readings.has(word)) kept.learned.add(word);
  }

  private analyse(word: string): Analysis {
    const parses = this.load().morphologicalAnalysis(word);
    const roots = new Set<string>();
    const lemmas = new Set<string>();
    let verbReadings = 0;
    let negatedReadings = 0;
    let contentReadings = 0;
    let modifierReadings = 0;
    let writerReadings = 0;
    let adjectiveNounReadings = 0;
    let readerReadings = 0;
    for (let i = 0; i < parses.size(); i += 1) {
      const parse = parses.getFsmParse(i);
      const root = parse.getWord().getName().toLocaleLowerCase("tr");
      roots.add(root);
      // the analyser's tags: `gel+VERB+NEG+PAST+A3SG` for `gelmedi`
      const tags = parse.toString();
      // the root's own part of speech comes first (`bugün+ADV`, `üç+NUM+CARD`, `kargo+NOUN+…`)
      const rootTag = /^[^+]*\+([A-Z]+)/u.exec(tags)?.[1] ?? "";
      lemmas.add(lemmaOf(root, rootTag, tags));
      if (CONTENT_TAGS.has(rootTag)) contentReadings += 1;
      else if (MODIFIER_TAGS.has(rootTag)) modifierReadings += 1;
      if (FIRST_PERSON_COPULA.test(tags) && !tags.slice(0, tags.lastIndexOf("^DB+VERB+ZERO")).includes("+VERB")) writerReadings += 1;
      else if (rootTag === "ADJ" && tags.includes("^DB+NOUN+ZERO")) adjectiveNounReadings += 1;
      if (READERS_NOUN_COPULA.test(tags)) readerReadings += 1;
      if (DERIVABLE_TAGS.has(rootTag)) for (const base of this.verbBases(root)) roots.add(base);
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
      lemmas: [...lemmas],
      negative: verbReadings > 0 && negatedReadings === verbReadings,
      verb: verbReadings > 0 && verbReadings === parses.size(),
      modifier: parses.size() > 0 && (contentReadings === 0 || modifierReadings > 0),
      aboutWriter: writerReadings > 0 && writerReadings + adjectiveNounReadings === parses.size(),
      writerToReader: parses.size() > 0 && readerReadings === parses.size(),
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

  /**
   * The verbs a noun or adjective of the dictionary is derived from (`değişik` → `değiş`,
   * `kesinti` → `kes`, `seçim` → `seç`, `kazanç` → `kazan`): the dictionary lists such words as
   * roots of their own, so `numara değişikliği` never met `numaramı değiştirmek` nor `su
   * kesintisi` `su kesilecek mi`, though the analyser reads every inflected or voiced form of the
   * verb with its root (`değiştirebilir` → `değiş`). A suffix of `DEVERBAL_SUFFIXES` is taken off
   * and the rest kept when the analyser reads it, as an infinitive, as a verb: that verb itself,
   * or else the roots it is derived from by voice (`kurul` → `kur`).
   */
  private verbBases(root: string): readonly string[] {
    const known = this.verbBasesOf.get(root);
    if (known) return known;
    const bases = new Set<string>();
    for (const suffix of DEVERBAL_SUFFIXES) {
      const stem = root.replace(suffix, "");
      if (stem === root || stem.length < MIN_VERB_BASE) continue;
      const parses = this.load().morphologicalAnalysis(`${stem}${isBack(stem) ? "mak" : "mek"}`);
      const verbs = new Set<string>();
      for (let i = 0; i < parses.size(); i += 1) {
        const parse = parses.getFsmParse(i);
        const tags = parse.toString();
        if (tags.includes("+VERB") && tags.endsWith(INFINITIVE)) verbs.add(parse.getWord().getName().toLocaleLowerCase("tr"));
      }
      for (const verb of verbs.has(stem) ? [stem] : verbs) bases.add(verb);
    }
    bases.delete(root);
    const result = [...bases];
    this.verbBasesOf.set(root, result);
    return result;
  }

  private load(): FsmAnalyzer {
    this.analyzer ??= processAnalyser ??= loadAnalyser();
    return this.analyzer;
  }
}

/**
 * Starlang's finite-state analyser with its dictionary, loaded from the analyser's package
 * (about 0.7 s and 110 MB). `everyDictionaryFile` loads the dictionary as the library does by
 * default, unused files included: for the test that holds the two to the same parses.
 */
export function loadAnalyser(options: { everyDictionaryFile?: boolean } = {}): FsmAnalyzer {
  const packageDir = analyserDir();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: 110 MB that a CLI without matching never needs
  const loaded: unknown = require("nlptoolkit-morphologicalanalysis/dist/MorphologicalAnalysis/FsmMorphologicalAnalyzer");
  if (!isFsmModule(loaded)) throw new Error("[matching] nlptoolkit-morphologicalanalysis has no FsmMorphologicalAnalyzer");
  const { FsmMorphologicalAnalyzer } = loaded;
  // a direct dependency in the analyser's range, so the one copy the analyser checks its dictionary against with `instanceof`
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily with the analyser
  const dictionary: unknown = require("nlptoolkit-dictionary/dist/Dictionary/TxtDictionary");
  if (!isDictionaryModule(dictionary)) throw new Error("[matching] nlptoolkit-dictionary has no TxtDictionary");
  /**
   * The dictionary without the two files that `morphologicalAnalysis` never reads: the
   * misspellings (read only when analysing whole sentences) and the morphological lexicon
   * (each root's inner parts, kept on the word and never consulted in analysis; its 48,000
   * look-ups by locale-aware binary search were most of the load). The load takes about half
   * the time, with the same parses.
   */
  class AnalysisDictionary extends dictionary.TxtDictionary {
    loadMisspelledWords(): void {}
    loadMorphologicalLexicon(): void {}
  }
  // the analyser reads several of its data files by bare name from the working directory; the
  // constructor is synchronous, so no other code runs while the directory is changed
  const previous = process.cwd();
  process.chdir(packageDir);
  try {
    const dictionaryOrFile = options.everyDictionaryFile ? "turkish_dictionary.txt" : new AnalysisDictionary();
    return new FsmMorphologicalAnalyzer("turkish_finite_state_machine.xml", dictionaryOrFile, ANALYSER_CACHE_SIZE);
  } finally {
    process.chdir(previous);
  }
}

/**
 * The productive suffixes that make a noun or adjective from a verb, in their harmony variants,
 * each matched at the end of a dictionary root (grammars list more: `-GI` in `vergi`, `-(I)t` in
 * `konut`, `-Ak` in `durak`, `-I` in `kapı` are left out, since their words have mostly drifted
 * from the verb's meaning: tax is not giving, a door is not grabbing).
 */
const DEVERBAL_SUFFIXES: readonly RegExp[] = [
  /(?<=[^aeıioöuü])[ıiuü]k$/u, // -(I)k: değişik, bozuk
  /(?<=[^aeıioöuü])[ıiuü]m$/u, // -(I)m: seçim, bildirim, ölçüm
  /(?<=[aeıioöuü])m$/u, // -(I)m after a vowel: işlem, anlam
  /(?<=[^aeıioöuü])[ıiuü]ş$/u, // -(y)Iş: satış, dönüş
  /(?<=[aeıioöuü])y[ıiuü]ş$/u, // -(y)Iş after a vowel: bekleyiş
  /[ıiuü]nt[ıiuü]$/u, // -(I)ntI: kesinti, döküntü
  /(?<=[^aeıioöuü])[ıiuü]c[ıiuü]$/u, // -(y)IcI: alıcı, tüketici
  /(?<=[aeıioöuü])y[ıiuü]c[ıiuü]$/u, // -(y)IcI after a vowel: dinleyici
  /m[ae]n$/u, // -mAn: danışman, öğretmen
  /[cç]$/u, // -Ç: kazanç, inanç
  /[ae]n[ae]k$/u, // -AnAk: seçenek
];
/**
 * A parse's lemma: its root and the root's part of speech, then each derivation's part of speech and suffix
 * (`vade+NOUN+A3SG+PNON+NOM^DB+ADJ+WITH` → `vade+NOUN^ADJ+WITH`), inflection left out. The
 * copula and the relative `-ki` (`ZERO`, `REL`) derive nothing new: `kartım` read as "I am a
 * card", `bankadaki` as "the one at the bank", are still the card and the bank.
 */
function lemmaOf(root: string, rootTag: string, tags: string): string {
  let lemma = `${root}+${rootTag}`;
  for (const derivation of tags.split("^DB+").slice(1)) {
    const [pos = "", suffix = ""] = derivation.split("+");
    if (!SAME_LEMMA_SUFFIXES.has(suffix)) lemma += `^${pos}+${suffix}`;
  }
  return lemma;
}
/** Derivations that keep the word what it was (see `lemmaOf`). */
const SAME_LEMMA_SUFFIXES = new Set(["ZERO", "REL"]);
/** Shortest verb a derived word is traced to: shorter remainders (`gü` of `güç`) are chance. */
const MIN_VERB_BASE = 3;
/** Roots that name a thing, an action or a quality. */
const CONTENT_TAGS = new Set(["NOUN", "VERB", "ADJ"]);
/** The end of a parse that reads a noun or adjective as "I am …" or "we are …" (`mağdurum`, `müşteriyiz`). */
const FIRST_PERSON_COPULA = /\^DB\+VERB\+ZERO\+PRES\+A1(?:SG|PL)$/u;
/** A noun of the one addressed with the copula in the first person: `müşteri+NOUN+A3SG+P2PL+NOM^DB+VERB+ZERO+PRES+A1SG`. */
const READERS_NOUN_COPULA = /^[^+]*\+(?:NOUN|ADJ\^DB\+NOUN\+ZERO)[^^]*\+P2(?:SG|PL)\+NOM\^DB\+VERB\+ZERO\+(?:PRES|PAST)\+A1(?:SG|PL)$/u;
/** Roots a verb may have made (`verbBases`). */
const DERIVABLE_TAGS = new Set(["NOUN", "ADJ"]);
/** The end of a parse that reads a verb as its bare infinitive (`kesmek`, `kurulmak`). */
const INFINITIVE = "^DB+NOUN+INF+A3SG+PNON+NOM";
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
export const sharedMorphology: Morphology = new TurkishMorphology({ keepDir: keptDir() });

/**
 * A reading of a word as a finite verb, which says who does what when (`gelmedi`: `gel`, past,
 * third person singular, negated; `arayın`: `ara`, imperative, second person plural): what
 * `case-intent.ts` reads requests and problem reports by. A nominal predicate (`siparişim`, also
 * "I am an order"; `gündür`) and a participle or verbal noun (`arayan`, `aramanız`) are none.
 */
export interface FiniteVerb {
  /** The root, lower case (`ara` of `arayın`, `ulaş` of `ulaşabilir`, `kes` and `kesil` of `kesildi`). */
  readonly root: string;
  /** The tense, aspect and mood of its last verb form, as the analyser tags them (`FINITE_MOODS`: `IMP`, `PAST`, `PROG1` and `PAST` of `geliyordu`…). */
  readonly moods: readonly string[];
  /** The person, as the analyser tags it: `A1SG`, `A1PL`, `A2SG`, `A2PL`, `A3SG`, `A3PL`. */
  readonly person: string;
  /** Whether the verb is negated (`gelmedi`, `aramayın`, `giremiyorum`). */
  readonly negative: boolean;
}

/** The analyser's tags of tense, aspect and mood that make a verb form finite. */
const FINITE_MOODS: ReadonlySet<string> = new Set(["IMP", "PAST", "NARR", "PROG1", "PROG2", "AOR", "FUT", "OPT", "COND", "NECES", "DESR", "PRES"]);
const PERSON_TAG = /^A[123](?:SG|PL)$/u;
/**
 * Distinct words whose finite verb readings are memoized: only the words of a short message the
 * complaint loop reads are looked up (`case-intent.ts`), so few. Never kept on file: they are a customer's.
 */
const FINITE_VERBS_MEMO_SIZE = 5_000;
const finiteVerbsMemo = new Map<string, readonly FiniteVerb[]>();

/**
 * Every reading of a lower-case word (Turkish letters as typed) as a finite verb, by the process's
 * analyser (`loadAnalyser`, shared with the matcher's `TurkishMorphology`); none for an unknown
 * word or one that is no finite verb. Spellings with Turkish letters put back are the caller's.
 */
export function finiteVerbs(word: string): readonly FiniteVerb[] {
  const known = finiteVerbsMemo.get(word);
  if (known) return known;
  const verbs: FiniteVerb[] = [];
  if (analysable(word)) {
    const parses = (processAnalyser ??= loadAnalyser()).morphologicalAnalysis(word);
    for (let i = 0; i < parses.size(); i += 1) {
      const parse = parses.getFsmParse(i);
      const verb = finiteVerbOf(parse.getWord().getName().toLocaleLowerCase("tr"), parse.toString());
      if (verb) verbs.push(verb);
    }
  }
  if (finiteVerbsMemo.size >= FINITE_VERBS_MEMO_SIZE) finiteVerbsMemo.clear();
  finiteVerbsMemo.set(word, verbs);
  return verbs;
}

/** A parse's finite verb (`ara+VERB+POS^DB+VERB+ABLE+AOR+A2PL`), or undefined when its last form is no verb or the copula. */
function finiteVerbOf(root: string, tags: string): FiniteVerb | undefined {
  const forms = tags.split("^DB+");
  const last = forms.at(-1) ?? "";
  const verb = forms.length === 1 ? /^[^+]*\+VERB\+/u.test(last) : last.startsWith("VERB+") && !last.startsWith("VERB+ZERO");
  if (!verb) return undefined;
  const parts = last.split("+");
  const person = parts.find((part) => PERSON_TAG.test(part));
  const moods = parts.filter((part) => FINITE_MOODS.has(part));
  if (person === undefined || moods.length === 0) return undefined;
  return { root, moods, person, negative: /\+NEG(?:\+|$)/u.test(tags) };
}
