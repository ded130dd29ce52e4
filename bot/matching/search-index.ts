import Fuse from "fuse.js";
import { DamerauLevenshteinDistance } from "natural/lib/natural/distance";
import type { KnowledgeBase, KnowledgeEntry } from "../knowledge/types";
import { analyze, type Term } from "./analysis";
import { TUNING } from "./tuning";

/** A question or an alternate of an entry, analysed. */
export interface Phrase {
  readonly entry: number;
  /** Vocabulary ids of the phrase's distinct terms. */
  readonly terms: Int32Array;
  /** Sum of the idf of the phrase's terms. */
  readonly weight: number;
  /** Folded content words, for fuse.js. */
  readonly text: string;
}

/** A vocabulary word a query word may stand for, and how alike they are (0..1]. */
export interface Expansion {
  readonly term: number;
  readonly sim: number;
}

/**
 * The search structures for one knowledge base snapshot: vocabulary with idf weights,
 * phrase and answer postings, and a prefix-sorted vocabulary. Built once per reload.
 */
export class SearchIndex {
  readonly entries: readonly KnowledgeEntry[];
  readonly phrases: readonly Phrase[];
  /** Entry index → index of its first phrase; its phrases run to the next entry's first. */
  readonly phraseStart: Int32Array;
  /** Phrase index → entry index (the same as `phrases[p].entry`, flat for the hot loop). */
  readonly phraseEntry: Int32Array;
  /** Phrase index → 1 / its weight (flat, and a multiplication instead of a division in the hot loop). */
  readonly phraseInverseWeight: Float64Array;
  /** Term id → idf. */
  readonly idf: Float64Array;
  /** Term id → phrase indexes containing it. */
  readonly phrasePostings: readonly Int32Array[];
  /** Term id → entry indexes whose answer contains it. */
  readonly answerPostings: readonly Int32Array[];
  /** Weight of a query word that resembles nothing in the vocabulary. */
  readonly unknownWeight: number;
  private readonly stemIds: Map<string, number>;
  private readonly surfaceIds: Map<string, number>;
  private readonly stems: readonly string[];
  private readonly sortedStems: readonly string[];
  /** fuse.js over the vocabulary, one per initial letter: proposes typo corrections. */
  private readonly fuzzyByInitial: Map<string, Fuse<string>>;
  private readonly cache = new Map<string, readonly Expansion[]>();

  constructor(readonly knowledgeBase: KnowledgeBase) {
    this.entries = knowledgeBase.entries;
    const stemIds = new Map<string, number>();
    const surfaceIds = new Map<string, number>();
    const stems: string[] = [];
    const idOf = (term: Term): number => {
      let id = stemIds.get(term.stem);
      if (id === undefined) {
        id = stems.length;
        stems.push(term.stem);
        stemIds.set(term.stem, id);
      }
      if (!surfaceIds.has(term.surface)) surfaceIds.set(term.surface, id);
      return id;
    };

    const rawPhrases: Array<{ entry: number; terms: number[]; text: string }> = [];
    const answerTerms: number[][] = [];
    const df: number[] = [];
    this.phraseStart = new Int32Array(this.entries.length + 1);
    this.entries.forEach((entry, entryIndex) => {
      this.phraseStart[entryIndex] = rawPhrases.length;
      const seen = new Set<number>();
      for (const text of [entry.question, ...entry.alternates]) {
        const analysed = analyze(text);
        const ids = [...new Set(analysed.map(idOf))];
        ids.forEach((id) => seen.add(id));
        rawPhrases.push({ entry: entryIndex, terms: ids, text: analysed.map((t) => t.surface).join(" ") });
      }
      const answerIds = [...new Set(analyze(entry.answer).map(idOf))];
      answerIds.forEach((id) => seen.add(id));
      answerTerms.push(answerIds);
      for (const id of seen) df[id] = (df[id] ?? 0) + 1;
    });

    this.phraseStart[this.entries.length] = rawPhrases.length;
    const total = Math.max(1, this.entries.length);
    this.idf = new Float64Array(stems.length);
    let maxIdf = Math.log(1 + total);
    for (let id = 0; id < stems.length; id += 1) {
      this.idf[id] = Math.log(1 + total / (df[id] ?? 1));
      maxIdf = Math.max(maxIdf, this.idf[id] ?? 0);
    }
    this.unknownWeight = maxIdf * TUNING.UNKNOWN_WEIGHT_FACTOR;

    const phrasePostings: number[][] = stems.map(() => []);
    this.phrases = rawPhrases.map((phrase, index) => {
      let weight = 0;
      for (const id of phrase.terms) {
        phrasePostings[id]?.push(index);
        weight += this.idf[id] ?? 0;
      }
      return { entry: phrase.entry, terms: Int32Array.from(phrase.terms), weight, text: phrase.text };
    });
    this.phrasePostings = phrasePostings.map((list) => Int32Array.from(list));
    this.phraseEntry = Int32Array.from(this.phrases, (phrase) => phrase.entry);
    this.phraseInverseWeight = Float64Array.from(this.phrases, (phrase) => 1 / Math.max(phrase.weight, 1e-9));
    const answerPostings: number[][] = stems.map(() => []);
    answerTerms.forEach((ids, entryIndex) => ids.forEach((id) => answerPostings[id]?.push(entryIndex)));
    this.answerPostings = answerPostings.map((list) => Int32Array.from(list));

    this.stemIds = stemIds;
    this.surfaceIds = surfaceIds;
    this.stems = stems;
    this.sortedStems = [...stems].sort();
    const buckets = new Map<string, string[]>();
    for (const stem of stems) {
      if (stem.length < TUNING.MIN_PREFIX_LENGTH) continue;
      const bucket = buckets.get(stem.charAt(0));
      if (bucket) bucket.push(stem);
      else buckets.set(stem.charAt(0), [stem]);
    }
    this.fuzzyByInitial = new Map(
      [...buckets].map(([initial, words]) => [initial, new Fuse(words, { includeScore: true, threshold: TUNING.FUSE_THRESHOLD, shouldSort: true })]),
    );
  }

  /** Ids of vocabulary stems starting with `prefix` (at most `MAX_PREFIX_EXPANSIONS`). */
  private withPrefix(prefix: string): number[] {
    let lo = 0;
    let hi = this.sortedStems.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sortedStems[mid] ?? "") < prefix) lo = mid + 1;
      else hi = mid;
    }
    const ids: number[] = [];
    for (let i = lo; i < this.sortedStems.length && ids.length < TUNING.MAX_PREFIX_EXPANSIONS; i += 1) {
      const candidate = this.sortedStems[i] ?? "";
      if (!candidate.startsWith(prefix)) break;
      const id = this.stemIds.get(candidate);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  /** The phrases (question first, then alternates) of one entry. */
  phrasesOf(entry: number): readonly Phrase[] {
    return this.phrases.slice(this.phraseStart[entry] ?? 0, this.phraseStart[entry + 1] ?? 0);
  }

  /** Number of distinct vocabulary words. */
  get vocabularySize(): number {
    return this.stems.length;
  }

  /**
   * Vocabulary words a query word may stand for: the same stem or surface form (1.0), the same
   * word with other suffixes (shared prefix), or a word one or two typing mistakes away.
   * Memoized per index: the vocabulary never changes for a snapshot.
   */
  expand(term: Term): readonly Expansion[] {
    const key = `${term.surface}|${term.stem}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.computeExpansions(term);
    if (this.cache.size >= TUNING.EXPANSION_CACHE_SIZE) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  private computeExpansions(term: Term): readonly Expansion[] {
    const best = new Map<number, number>();
    const offer = (id: number | undefined, sim: number): void => {
      if (id === undefined) return;
      if (sim > (best.get(id) ?? 0)) best.set(id, sim);
    };
    offer(this.stemIds.get(term.stem), 1);
    offer(this.surfaceIds.get(term.surface), 1);

    const prefixSim = (shorter: number, longer: number): number =>
      TUNING.PREFIX_BASE + TUNING.PREFIX_SPAN * (shorter / Math.max(longer, 1));

    // vocabulary stems that are a prefix of the query word ("sadakat" for "sadakatini")
    for (let length = term.surface.length - 1; length >= TUNING.MIN_PREFIX_LENGTH; length -= 1) {
      offer(this.stemIds.get(term.surface.slice(0, length)), prefixSim(length, term.surface.length));
    }
    // vocabulary stems that extend the query stem ("memnuniyet" for "memn")
    if (term.stem.length >= TUNING.MIN_PREFIX_LENGTH) {
      for (const id of this.withPrefix(term.stem)) {
        offer(id, prefixSim(term.stem.length, Math.max(this.stems[id]?.length ?? 0, term.surface.length)));
      }
    }
    // words sharing a long start with the query word ("artırılır" and "artırabilir")
    for (let length = Math.min(term.surface.length, TUNING.MAX_SHARED_PREFIX); length >= TUNING.MIN_SHARED_PREFIX; length -= 1) {
      const ids = this.withPrefix(term.surface.slice(0, length));
      for (const id of ids) offer(id, prefixSim(length, Math.max(this.stems[id]?.length ?? 0, term.surface.length)));
      if (ids.length > 0) break;
    }

    if (best.size === 0 && term.surface.length >= TUNING.MIN_TYPO_LENGTH && !/^\p{N}+$/u.test(term.surface)) {
      // fuse.js proposes look-alike words; natural's Damerau-Levenshtein distance grades them
      const fuse = this.fuzzyByInitial.get(term.surface.charAt(0));
      const proposals = fuse ? fuse.search(term.stem.slice(0, 32), { limit: TUNING.MAX_TYPO_PROPOSALS }) : [];
      for (const { item: candidate } of proposals) {
        const allowed = candidate.length >= TUNING.TWO_TYPO_LENGTH ? 2 : 1;
        const whole = DamerauLevenshteinDistance(term.stem, candidate);
        const head = candidate.length < term.surface.length ? DamerauLevenshteinDistance(term.surface.slice(0, candidate.length), candidate) : whole;
        const distance = Math.min(whole, head);
        if (distance <= allowed && distance > 0) offer(this.stemIds.get(candidate), distance === 1 ? TUNING.TYPO_SIM_1 : TUNING.TYPO_SIM_2);
      }
    }
    return [...best].map(([id, sim]) => ({ term: id, sim })).sort((a, b) => b.sim - a.sim);
  }
}
