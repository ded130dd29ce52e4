import { asksExistence } from "./analysis";
import type { QueryWord, SearchIndex } from "./search-index";
import { TUNING } from "./tuning";

/** The best entries for one query, best first: entry indexes and the confidence in each, in [0, 1]. */
export interface Ranking {
  readonly entries: readonly number[];
  readonly confidences: readonly number[];
  /** Per ranked entry: whether it holds the message's key word, or one of its equals (see `keyWords`), in any field. */
  readonly keyWordCovered: readonly boolean[];
}

/**
 * The message's key words: its heaviest topic word, the rarest across the knowledge base, which
 * names what the message is about ("**elektrik** faturası neden yüksek?"). An entry that lacks
 * it may share the message's frame and still answer another question (the water bill), so it is
 * offered, not answered. A verb form frames the question and names nothing (`kapatılmış
 * görünüyor`), so the key word is a word that is not one, unless the message has no other.
 * Words that weigh the same are all key words (equally rare: "ürünün **vergisini**" after
 * "**sipariş** ettiğim"), and an entry holding any of them holds the message's key word: the
 * message names no one of them over the others, and the order it names them in says nothing.
 * A word that only frames the message (`QueryWord.framing`: `annemle babama bilet almak
 * istiyorum`) is never one: it weighs lightly for naming no topic, yet among a small base's
 * common words it could still be the heaviest, and no entry holds it. Empty when the message has
 * only question words and such words.
 */
export function keyWords(words: readonly QueryWord[]): QueryWord[] {
  // a unit (`QueryWord.parts`) is a reading of words already here, not a word of its own
  const topics = words.filter((word) => !word.question && word.parts === undefined && !word.framing);
  const things = heaviest(topics.filter((word) => !word.verb));
  return things.length > 0 ? things : heaviest(topics);
}

/** The heaviest of `words`: every word of the largest weight. */
function heaviest(words: readonly QueryWord[]): QueryWord[] {
  const top = Math.max(...words.map((word) => word.weight));
  return words.filter((word) => word.weight === top);
}

/**
 * An entry's score from how much of the query it explains (`queryCoverage`, every field) and
 * how much of its closest phrase the query covers (`phraseCoverage`). The query side leads: an
 * entry that explains every word of a message is right even when its question says more; the
 * phrase side separates entries on one topic ("EFT nasıl yapılır?" / "EFT ücreti ne kadar?").
 * Never above `queryCoverage`, which is what lets `Ranker` skip entries early.
 */
export function entryScore(queryCoverage: number, phraseCoverage: number): number {
  return queryCoverage * (TUNING.PHRASE_FLOOR + (1 - TUNING.PHRASE_FLOOR) * phraseCoverage);
}

/**
 * Ranks the entries of one `SearchIndex` against query words, in two steps:
 *
 * 1. Query coverage, word at a time over each word's merged postings (`QueryWord.reach`): each
 *    query word counts once per entry, by its closest form, in the entry's phrases (question and alternates, read as one field)
 *    or, weighed by `ANSWER_WEIGHT`, in its answer and tags. A rare word found only in an
 *    answer can still lift its entry.
 * 2. Phrase coverage, only for entries whose query coverage could still win: since a score
 *    never exceeds its query coverage, an entry below the best one's floor cannot beat it.
 *
 * Holds work arrays sized to the index and reused by every query (valid where their stamp is
 * the current one, so nothing is cleared between queries). Synchronous and not re-entrant.
 */
export class Ranker {
  private stamp = 0;
  private readonly entryStamp: Int32Array;
  private readonly coverage: Float64Array;
  private readonly termStamp: Int32Array;
  private readonly termSim: Float64Array;
  /** The entries the current query touched (the first `touchedCount`), then those worth scoring. */
  private readonly touched: Int32Array;
  private readonly values: Float64Array;
  /** The largest coverages of the current query, largest first (`MAX_CANDIDATES` of them). */
  private readonly largest = new Float64Array(TUNING.MAX_CANDIDATES);

  constructor(private readonly index: SearchIndex) {
    const entries = index.entries.length;
    this.touched = new Int32Array(entries);
    this.values = new Float64Array(entries);
    this.entryStamp = new Int32Array(entries);
    this.coverage = new Float64Array(entries);
    this.termStamp = new Int32Array(index.vocabularySize);
    this.termSim = new Float64Array(index.vocabularySize);
  }

  rank(words: readonly QueryWord[]): Ranking {
    const total = coverableWeight(words, this.index.longestPhrase);
    if (total <= 0) return { entries: [], confidences: [], keyWordCovered: [] };
    if (this.stamp > STAMP_LIMIT) this.resetStamps();
    const queryStamp = ++this.stamp;
    let touchedCount = 0;
    const { entryStamp, coverage, termStamp, termSim, touched, values } = this;

    // words first, then the units some of them make (`yabancı para`): a unit adds to an entry
    // only what it explains beyond its words, since it is another reading of them
    for (const units of [false, true]) {
      for (const word of words) {
        if (word.expansions.length === 0 || word.weight === 0 || (word.parts !== undefined) !== units) continue;
        for (const { term, sim } of word.expansions) {
          if (termStamp[term] !== queryStamp || sim > (termSim[term] ?? 0)) {
            termStamp[term] = queryStamp;
            termSim[term] = sim;
          }
        }
        const { entries, match } = word.reach;
        const { parts } = word;
        // a unit's reach and its parts' are ascending: each part is walked once beside it
        const partAt = parts ? new Array<number>(parts.length).fill(0) : undefined;
        for (let k = 0; k < entries.length; k += 1) {
          const e = entries[k] ?? 0;
          let gain = word.weight * (match[k] ?? 0);
          if (parts && partAt) for (let p = 0; p < parts.length; p += 1) gain -= (parts[p]?.weight ?? 0) * matchFrom(parts[p], e, partAt, p);
          if (gain <= 0) continue;
          if (entryStamp[e] !== queryStamp) {
            entryStamp[e] = queryStamp;
            coverage[e] = 0;
            touched[touchedCount] = e;
            touchedCount += 1;
          }
          coverage[e] = (coverage[e] ?? 0) + gain;
        }
      }
    }

    // a score never exceeds its query coverage, nor falls below PHRASE_FLOOR of it: the entries
    // with the MAX_CANDIDATES largest coverages all score at least PHRASE_FLOOR × the smallest of
    // those coverages, so an entry below that floor can enter no candidate list (the top's, nor
    // the runners-up's that the margin and "did you mean" read). Walk entries by coverage, best
    // first, and stop once no entry left can reach the list; at most MAX_SCORED_ENTRIES are scored
    const largest = this.largest.fill(0);
    for (let k = 0; k < touchedCount; k += 1) {
      const c = coverage[touched[k] ?? 0] ?? 0;
      if (c <= (largest[largest.length - 1] ?? 0)) continue;
      let at = largest.length - 1;
      while (at > 0 && c > (largest[at - 1] ?? 0)) {
        largest[at] = largest[at - 1] ?? 0;
        at -= 1;
      }
      largest[at] = c;
    }
    const floor = TUNING.PHRASE_FLOOR * (largest[largest.length - 1] ?? 0);
    // kept in place, without allocating: a query on a large base touches thousands of entries,
    // and per-query garbage is what makes the slowest queries slow
    let kept = 0;
    for (let k = 0; k < touchedCount; k += 1) {
      const e = touched[k] ?? 0;
      const c = coverage[e] ?? 0;
      if (c >= floor && c > 0) {
        touched[kept] = e;
        values[kept] = c;
        kept += 1;
      }
    }
    let cutoff = 0;
    if (kept > TUNING.MAX_SCORED_ENTRIES) {
      // the cut-off coverage from a numeric sort of a typed array: a comparator sort of thousands
      // of entries costs more than everything else in a query
      const sorted = values.subarray(0, kept).sort();
      cutoff = sorted[kept - TUNING.MAX_SCORED_ENTRIES] ?? 0;
    }
    // the first MAX_SCORED_ENTRIES by coverage, best first, ties by entry: those above the
    // cut-off, then as many of those at it as fit, lowest entry first. On a large base of like
    // entries hundreds tie at the cut-off, and sorting them all by coverage was a tenth of a query
    const candidates: number[] = [];
    const tied: number[] = [];
    for (let k = 0; k < kept; k += 1) {
      const e = touched[k] ?? 0;
      const c = coverage[e] ?? 0;
      if (c > cutoff) candidates.push(e);
      else if (c === cutoff) tied.push(e);
    }
    candidates.sort((a, b) => (coverage[b] ?? 0) - (coverage[a] ?? 0) || a - b);
    if (candidates.length < TUNING.MAX_SCORED_ENTRIES && tied.length > 0) {
      for (const e of Int32Array.from(tied).sort()) {
        if (candidates.length >= TUNING.MAX_SCORED_ENTRIES) break;
        candidates.push(e);
      }
    }
    const top: Array<{ entry: number; score: number }> = [];
    for (let i = 0; i < candidates.length && i < TUNING.MAX_SCORED_ENTRIES; i += 1) {
      const e = candidates[i] ?? 0;
      const queryCoverage = Math.min(1, (coverage[e] ?? 0) / total);
      if (top.length >= TUNING.MAX_CANDIDATES && queryCoverage <= (top[top.length - 1]?.score ?? 0)) break;
      const score = entryScore(queryCoverage, this.phraseCoverage(e, queryStamp));
      if (top.length < TUNING.MAX_CANDIDATES || score > (top[top.length - 1]?.score ?? 0)) {
        top.push({ entry: e, score });
        top.sort((x, y) => y.score - x.score || x.entry - y.entry);
        if (top.length > TUNING.MAX_CANDIDATES) top.pop();
      }
    }
    const keys = keyWords(words);
    // a unit is a reading of its words: an entry that holds `tek kullanımlık şifre` as a unit
    // (through `otp`, say) holds each of them, the key word too
    const holders =
      keys.length > 0 ? [...keys, ...words.filter((word) => keys.some((key) => word.parts?.includes(key)))].map((word) => word.reach.entries) : undefined;
    return {
      entries: top.map((s) => s.entry),
      confidences: top.map((s) => s.score),
      keyWordCovered: top.map((s) => holders === undefined || holders.some((entries) => binaryIncludes(entries, s.entry))),
    };
  }

  /**
   * How much of the entry's closest phrase the query covers, by idf (question words weigh less).
   * A related-words member of several words in the phrase (`PhraseUnit`) covers its words as a
   * unit when the query meets it better that way than word by word.
   */
  private phraseCoverage(e: number, queryStamp: number): number {
    const units = this.index.phraseUnits[e] ?? [];
    let best = 0;
    (this.index.phrases[e] ?? []).forEach((phrase, p) => {
      let covered = 0;
      let weight = 0;
      for (let k = 0; k < phrase.length; k += 1) {
        const t = phrase[k] ?? 0;
        const w = this.phraseWeight(t);
        weight += w;
        covered += w * this.coveredSim(t, queryStamp);
      }
      for (const { group, parts } of units[p] ?? []) {
        const sim = this.coveredSim(group, queryStamp);
        if (sim === 0) continue;
        let partsWeight = 0;
        let partsCovered = 0;
        for (const t of parts) {
          const w = this.phraseWeight(t);
          partsWeight += w;
          partsCovered += w * this.coveredSim(t, queryStamp);
        }
        covered += Math.max(0, sim * partsWeight - partsCovered);
      }
      if (weight > 0) best = Math.max(best, covered / weight);
    });
    return best;
  }

  private phraseWeight(t: number): number {
    return (this.index.idf[t] ?? 0) * (this.index.questionTerm[t] === 1 ? TUNING.QUESTION_WORD_WEIGHT : 1);
  }

  private coveredSim(t: number, queryStamp: number): number {
    return this.termStamp[t] === queryStamp ? (this.termSim[t] ?? 0) : 0;
  }

  private resetStamps(): void {
    this.stamp = 0;
    for (const array of [this.entryStamp, this.termStamp]) array.fill(0);
  }
}

/**
 * How well a query word matches entry `e` (0: not at all), for entries asked about in ascending
 * order: `at[slot]` is where the walk through the word's reach stands, and moves only forward.
 */
function matchFrom(word: QueryWord | undefined, e: number, at: number[], slot: number): number {
  if (!word) return 0;
  const { entries, match } = word.reach;
  let k = at[slot] ?? 0;
  while (k < entries.length && (entries[k] ?? 0) < e) k += 1;
  at[slot] = k;
  return entries[k] === e ? (match[k] ?? 0) : 0;
}

/** Whether an ascending list (a posting list, a reach) holds `value`. */
export function binaryIncludes(sorted: Int32Array, value: number): boolean {
  return binaryIndex(sorted, value) >= 0;
}

function binaryIndex(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid] ?? 0;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The weight a message's coverage is measured against: its heaviest words, as many as the
 * longest question or alternate of the knowledge base has. No entry can cover more words than its
 * longest phrase, so the other words of a long story are context; without the cap, a story's
 * every confidence falls below any threshold, whichever entry it asks about.
 */
function coverableWeight(all: readonly QueryWord[], longestPhrase: number): number {
  // a unit's weight is its words' (`QueryWord.parts`), already counted; an existence question
  // only adds to the entries that hold it (`asksExistence`)
  const words = all.filter((word) => word.parts === undefined && !(word.question && asksExistence(word.surface)));
  if (longestPhrase <= 0 || words.length <= longestPhrase) return words.reduce((sum, word) => sum + word.weight, 0);
  return words
    .map((word) => word.weight)
    .sort((a, b) => b - a)
    .slice(0, longestPhrase)
    .reduce((sum, weight) => sum + weight, 0);
}

/** Stamps restart from 0 before they could overflow an Int32Array slot. */
const STAMP_LIMIT = 2 ** 30;
