import Fuse from "fuse.js";
import { DamerauLevenshteinDistance } from "natural/lib/natural/distance";
import type { KnowledgeBase, KnowledgeEntry } from "../knowledge/types";
import { analyze, type Term } from "./analysis";
import { TUNING } from "./tuning";

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
  /** Number of phrases: questions and alternates, analysed. */
  readonly phraseCount: number;
  /** Entry index → index of its first phrase; its phrases run to the next entry's first. */
  readonly phraseStart: Int32Array;
  /** Phrase index → entry index. */
  readonly phraseEntry: Int32Array;
  /** Phrase index → 1 / its weight (the sum of the idf of its distinct terms). */
  readonly phraseInverseWeight: Float64Array;
  /**
   * Forward index of phrases: the distinct term ids of phrase `p` are
   * `phraseTerms[phraseTermStart[p]]` up to `phraseTermStart[p + 1]`. Scoring a phrase reads
   * its few terms instead of accumulating credit from every posting that reaches it.
   */
  readonly phraseTermStart: Int32Array;
  readonly phraseTerms: Int32Array;
  /** Forward index of answers, laid out like the phrases' (entry index → distinct term ids). */
  readonly answerTermStart: Int32Array;
  readonly answerTerms: Int32Array;
  /** Term id → idf. */
  readonly idf: Float64Array;
  /** Term id → phrase indexes containing it, ascending. */
  readonly phrasePostings: readonly Int32Array[];
  /** Term id → entry indexes whose answer contains it, ascending. */
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

    const phraseTerms: number[][] = [];
    const phraseEntry: number[] = [];
    const answerTerms: number[][] = [];
    const df: number[] = [];
    this.phraseStart = new Int32Array(this.entries.length + 1);
    this.entries.forEach((entry, entryIndex) => {
      this.phraseStart[entryIndex] = phraseTerms.length;
      const seen = new Set<number>();
      for (const text of [entry.question, ...entry.alternates]) {
        const ids = [...new Set(analyze(text).map(idOf))];
        ids.forEach((id) => seen.add(id));
        phraseTerms.push(ids);
        phraseEntry.push(entryIndex);
      }
      const answerIds = [...new Set(analyze(entry.answer).map(idOf))];
      answerIds.forEach((id) => seen.add(id));
      answerTerms.push(answerIds);
      for (const id of seen) df[id] = (df[id] ?? 0) + 1;
    });
    this.phraseStart[this.entries.length] = phraseTerms.length;
    this.phraseCount = phraseTerms.length;

    const total = Math.max(1, this.entries.length);
    this.idf = new Float64Array(stems.length);
    let maxIdf = Math.log(1 + total);
    for (let id = 0; id < stems.length; id += 1) {
      this.idf[id] = Math.log(1 + total / (df[id] ?? 1));
      maxIdf = Math.max(maxIdf, this.idf[id] ?? 0);
    }
    this.unknownWeight = maxIdf * TUNING.UNKNOWN_WEIGHT_FACTOR;

    [this.phraseTermStart, this.phraseTerms] = flatten(phraseTerms);
    [this.answerTermStart, this.answerTerms] = flatten(answerTerms);
    this.phraseEntry = Int32Array.from(phraseEntry);
    this.phraseInverseWeight = Float64Array.from(phraseTerms, (ids) => 1 / Math.max(ids.reduce((sum, id) => sum + (this.idf[id] ?? 0), 0), 1e-9));
    this.phrasePostings = invert(phraseTerms, stems.length);
    this.answerPostings = invert(answerTerms, stems.length);

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

/** Lists of ids as one flat array and the offset where each list starts (plus the end). */
function flatten(lists: readonly number[][]): [Int32Array, Int32Array] {
  const start = new Int32Array(lists.length + 1);
  let size = 0;
  lists.forEach((list, i) => {
    start[i] = size;
    size += list.length;
  });
  start[lists.length] = size;
  const flat = new Int32Array(size);
  lists.forEach((list, i) => flat.set(list, start[i] ?? 0));
  return [start, flat];
}

/** Term id → ascending indexes of the lists holding it (postings). */
function invert(lists: readonly number[][], vocabularySize: number): Int32Array[] {
  const postings: number[][] = Array.from({ length: vocabularySize }, () => []);
  lists.forEach((ids, index) => ids.forEach((id) => postings[id]?.push(index)));
  return postings.map((list) => Int32Array.from(list));
}
