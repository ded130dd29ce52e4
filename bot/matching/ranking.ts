import type { Expansion, SearchIndex } from "./search-index";
import { TUNING } from "./tuning";

/**
 * Ranking of the entries of one search index against one query: the score of every entry, and
 * the best `MAX_CANDIDATES` of them, exactly, without scoring every phrase that shares a word
 * with the query (see `Ranker.rank`).
 *
 * A phrase (a question or an alternate) scores by how much of the query it covers and how much
 * of itself the query covers; an entry scores by its best phrase, plus a share for its answer.
 */

const { QUERY_COVERAGE_SHARE: QUERY_SHARE, HARMONIC_SHARE, ANSWER_SHARE } = TUNING;
const OWN_SHARE = 1 - QUERY_SHARE;
const BLEND_SHARE = 1 - HARMONIC_SHARE;
const PHRASE_SHARE = 1 - ANSWER_SHARE;

/**
 * A phrase's score from how much of the query it covers and how much of itself the query
 * covers (both in [0, 1]). A harmonic mean keeps one shared word from looking like a match.
 * Grows with each argument, which is what makes the pruning bounds valid.
 */
export function phraseScore(queryCoverage: number, ownCoverage: number): number {
  const blended = QUERY_SHARE * queryCoverage + OWN_SHARE * ownCoverage;
  const sum = queryCoverage + ownCoverage;
  const harmonic = sum > 0 ? (2 * queryCoverage * ownCoverage) / sum : 0;
  return BLEND_SHARE * blended + HARMONIC_SHARE * harmonic;
}

/** An entry's score from its best phrase score and its answer's query coverage. */
export function entryScore(bestPhrase: number, answerCoverage: number): number {
  return PHRASE_SHARE * bestPhrase + ANSWER_SHARE * answerCoverage;
}

/**
 * The smallest 1 / weight a phrase needs to possibly give its entry a score of `threshold` or
 * more, when its query coverage is at most `queryCeiling`, its own credit at most `ownCeiling`
 * (so its own coverage at most `ownCeiling` / weight) and its entry's answer coverage at most
 * `answerCeiling`. Errs low, so no phrase that could qualify is ever skipped.
 */
export function minimumInverseWeight(threshold: number, queryCeiling: number, ownCeiling: number, answerCeiling: number): number {
  const needed = (threshold - ANSWER_SHARE * answerCeiling) / PHRASE_SHARE;
  if (needed <= 0 || ownCeiling <= 0) return 0;
  if (phraseScore(queryCeiling, 1) < needed) return Number.POSITIVE_INFINITY;
  let low = 0;
  let high = 1;
  for (let step = 0; step < BISECTION_STEPS; step += 1) {
    const mid = (low + high) / 2;
    if (phraseScore(queryCeiling, mid) < needed) low = mid;
    else high = mid;
  }
  return low / ownCeiling;
}

/**
 * Scores closer than this count as equal when deciding that nothing left can beat the fifth
 * best (a bound and a score computed in different order differ in their last bits). Far below
 * what a decision or an output, rounded to 0.001, can tell apart.
 */
const SAME_SCORE = 1e-9;

/** Bisection steps for `minimumInverseWeight` (2^-40: far below any score difference that matters). */
const BISECTION_STEPS = 40;

/** The best `MAX_CANDIDATES` entries offered so far, best first; a tie goes to the earlier entry. */
export class TopEntries {
  readonly entries: number[] = [];
  readonly scores: number[] = [];

  constructor(private readonly size: number = TUNING.MAX_CANDIDATES) {}

  get full(): boolean {
    return this.entries.length >= this.size;
  }

  /** The score an entry must reach to get in (on a tie, with an earlier index); -1 while not full. */
  get threshold(): number {
    return this.full ? (this.scores[this.scores.length - 1] ?? -1) : -1;
  }

  /** The index of the last entry while full: a later entry must score above the threshold to get in. */
  get lastEntry(): number {
    return this.full ? (this.entries[this.entries.length - 1] ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
  }

  /** Offers an entry's score; an entry offered again (its score only grows) replaces itself. */
  offer(entry: number, score: number): void {
    const present = this.entries.indexOf(entry);
    if (present >= 0) {
      this.entries.splice(present, 1);
      this.scores.splice(present, 1);
    } else if (this.full) {
      const last = this.entries.length - 1;
      const worst = this.scores[last] ?? -1;
      if (score < worst || (score === worst && entry > (this.entries[last] ?? 0))) return;
      this.entries.pop();
      this.scores.pop();
    }
    let at = this.entries.length;
    while (at > 0) {
      const before = this.scores[at - 1] ?? 0;
      if (before > score || (before === score && (this.entries[at - 1] ?? 0) < entry)) break;
      at -= 1;
    }
    this.entries.splice(at, 0, entry);
    this.scores.splice(at, 0, score);
  }
}

/** `termWord` marker for a vocabulary word that two or more query words expand to. */
const SHARED = -1;
/** Stamps restart from 1 before they could overflow an Int32Array slot. */
const STAMP_LIMIT = 2 ** 30;

/** One query, as the ranker needs it. */
export interface Query {
  readonly expansions: ReadonlyArray<readonly Expansion[]>;
  /** Query word → its weight (idf of its closest form, or the unknown-word weight). A typed array: read from a plain array, the hot loop boxed every product. */
  readonly weights: Float64Array;
  readonly inverseTotal: number;
  /** Query words that match anything, in the order their postings are walked (shortest first). */
  readonly order: readonly number[];
  /** `remaining[i]`: the query coverage words `order[i]`, `order[i + 1]`, … can give together. */
  readonly remaining: Float64Array;
  /** `ownRemaining[i]`: the most own credit those words' forms can give (idf × similarity of each, summed). */
  readonly ownRemaining: Float64Array;
  /** The most query coverage an answer can have: the words with a form in some answer. */
  readonly answerCeiling: number;
  /** Vocabulary words several query words expand to → every (query word, similarity). */
  readonly shared: ReadonlyMap<number, ReadonlyArray<readonly [number, number]>>;
  /** Stamp of this query in the per-phrase and per-entry arrays. */
  readonly stamp: number;
}

/** Running sums while one phrase or answer is credited. */
interface Credit {
  query: number;
  own: number;
}

/**
 * Ranks entries of one `SearchIndex`. Holds work arrays sized to the index and reused by every
 * query (valid only where their stamp is the current query's, so nothing is cleared between
 * queries). Synchronous and not re-entrant, like everything on one JavaScript thread.
 */
export class Ranker {
  private queryStamp = 0;
  /** Stamp of the phrase or answer being credited. */
  private visit = 0;
  /** Phrase → query stamp once scored. */
  private readonly phraseSeen: Int32Array;
  /** Entry → query stamp once any of its phrases was scored; then its best phrase score and answer coverage (-1 until computed). */
  private readonly entrySeen: Int32Array;
  private readonly entryBest: Float64Array;
  private readonly entryAnswer: Float64Array;
  /** Term id → (query word + 1) it is a form of, `SHARED`, or 0; its similarity; idf × similarity. */
  private readonly termWord: Int32Array;
  private readonly termSim: Float64Array;
  private readonly termOwn: Float64Array;
  /** Query word → `visit` stamp of the phrase or answer that last credited it, and the similarity credited. */
  private readonly wordVisit: Int32Array;
  private readonly wordSim: Float64Array;
  /** Answers credited through the postings: entry → query stamp, credit, last query word credited. */
  private readonly answerSeen: Int32Array;
  private readonly answerCredit: Float64Array;
  private readonly answerWord: Int32Array;

  constructor(private readonly index: SearchIndex) {
    const entries = index.entries.length;
    this.phraseSeen = new Int32Array(index.phraseCount);
    this.entrySeen = new Int32Array(entries);
    this.entryBest = new Float64Array(entries);
    this.entryAnswer = new Float64Array(entries);
    this.termWord = new Int32Array(index.vocabularySize);
    this.termSim = new Float64Array(index.vocabularySize);
    this.termOwn = new Float64Array(index.vocabularySize);
    this.wordVisit = new Int32Array(TUNING.MAX_QUERY_TERMS);
    this.wordSim = new Float64Array(TUNING.MAX_QUERY_TERMS);
    this.answerSeen = new Int32Array(entries);
    this.answerCredit = new Float64Array(entries);
    this.answerWord = new Int32Array(entries);
  }

  /**
   * The best entries for a query (its words' expansions, at most `MAX_QUERY_TERMS`), best first,
   * with their exact scores, as if every phrase sharing a word with the query were scored; but
   * on large bases far fewer are (max-score pruning):
   *
   * - Query words are taken the rarest first (shortest postings: the most selective, and usually
   *   the weightiest). Each phrase their postings reach is scored once, whole, from its few
   *   terms (forward index), the words not yet taken included.
   * - After each word, a phrase holding none of the words taken can cover at most the query
   *   weight of the words left, so it scores at most `phraseScore(remaining, 1)`. Once that, with
   *   a perfect answer, is below the fifth best entry, no phrase left can change the result: the
   *   long postings of the commonest words are never walked.
   * - Within a word's postings, a phrase too heavy to reach the fifth best even if it held every
   *   query form (own coverage ≤ ownCeiling / weight) is skipped unscored.
   * - An answer's coverage is computed only for entries that could enter the five; when that
   *   would cost more than walking the answer postings, those are walked once instead.
   */
  rank(expansions: ReadonlyArray<readonly Expansion[]>): TopEntries {
    const top = new TopEntries();
    const query = this.prepare(expansions);
    if (!query) return top;
    try {
      const answers = new AnswerCoverage(this, query);
      this.scorePhrases(query, top, answers);
      // entries that match only through their answer score at most ANSWER_SHARE
      if (top.threshold <= entryScore(0, query.answerCeiling)) {
        answers.walkPostings();
        for (const e of answers.walked) if (this.entrySeen[e] !== query.stamp) top.offer(e, entryScore(0, answers.of(e)));
      }
      return top;
    } finally {
      for (const list of expansions) for (const { term } of list) this.termWord[term] = 0;
    }
  }

  /** Weights the query words and fills the dense term → word map; null when nothing weighs. */
  private prepare(expansions: ReadonlyArray<readonly Expansion[]>): Query | null {
    const { index } = this;
    const weights = Float64Array.from(expansions, (list) => {
      const best = list[0];
      return best ? (index.idf[best.term] ?? 0) : index.unknownWeight;
    });
    const totalWeight = weights.reduce((sum, w) => sum + w, 0);
    if (totalWeight === 0) return null;
    const inverseTotal = 1 / totalWeight;
    // the closest form comes first, so weight × its similarity is the most a word can give
    const value = (q: number): number => (weights[q] ?? 0) * (expansions[q]?.[0]?.sim ?? 0);
    const ownValue = (q: number): number => (expansions[q] ?? []).reduce((sum, { term, sim }) => sum + (index.idf[term] ?? 0) * sim, 0);
    // the cheapest words first (shortest postings): they are the most selective, so they raise the
    // fifth best score soonest, and the long postings of common words are the ones left unwalked
    const postings = (q: number): number => (expansions[q] ?? []).reduce((sum, { term }) => sum + (index.phrasePostings[term]?.length ?? 0), 0);
    const cost = expansions.map((_, q) => postings(q));
    const order = expansions
      .map((_, q) => q)
      .filter((q) => value(q) > 0)
      .sort((a, b) => (cost[a] ?? 0) - (cost[b] ?? 0) || value(b) - value(a));
    const remaining = new Float64Array(order.length + 1);
    const ownRemaining = new Float64Array(order.length + 1);
    for (let i = order.length - 1; i >= 0; i -= 1) {
      remaining[i] = (remaining[i + 1] ?? 0) + value(order[i] ?? 0) * inverseTotal;
      ownRemaining[i] = (ownRemaining[i + 1] ?? 0) + ownValue(order[i] ?? 0);
    }
    const inAnswers = (q: number): boolean => (expansions[q] ?? []).some(({ term }) => (index.answerPostings[term]?.length ?? 0) > 0);
    const answerCeiling = Math.min(1, order.reduce((sum, q) => sum + (inAnswers(q) ? value(q) * inverseTotal : 0), 0));

    const shared = new Map<number, Array<readonly [number, number]>>();
    expansions.forEach((list, q) => {
      for (const { term, sim } of list) {
        const current = this.termWord[term] ?? 0;
        if (current === 0) {
          this.termWord[term] = q + 1;
          this.termSim[term] = sim;
          this.termOwn[term] = (index.idf[term] ?? 0) * sim;
        } else {
          const pairs = shared.get(term) ?? (current > 0 ? [[current - 1, this.termSim[term] ?? 0] as const] : []);
          pairs.push([q, sim]);
          shared.set(term, pairs);
          this.termWord[term] = SHARED;
        }
      }
    });

    if (this.queryStamp >= STAMP_LIMIT) {
      this.queryStamp = 0;
      this.phraseSeen.fill(0);
      this.entrySeen.fill(0);
      this.answerSeen.fill(0);
    }
    // every phrase and answer of a query takes one visit stamp at most
    if (this.visit > STAMP_LIMIT - index.phraseCount - index.entries.length) {
      this.visit = 0;
      this.wordVisit.fill(0);
    }
    this.queryStamp += 1;
    return { expansions, weights, inverseTotal, order, remaining, ownRemaining, answerCeiling, shared, stamp: this.queryStamp };
  }

  private scorePhrases(query: Query, top: TopEntries, answers: AnswerCoverage): void {
    const { expansions, order, remaining, ownRemaining, answerCeiling, weights, inverseTotal, shared, stamp } = query;
    const { phraseSeen, entrySeen, entryBest, entryAnswer, termWord, termSim, termOwn } = this;
    const { phraseEntry, phrasePostings, phraseTerms, phraseTermStart, phraseInverseWeight, idf } = this.index;
    const credit: Credit = { query: 0, own: 0 };
    let threshold = -1;
    let lastEntry = Number.MAX_SAFE_INTEGER;
    let minInverseWeight = 0;
    let visit = this.visit;
    for (let i = 0; i < order.length; i += 1) {
      // a phrase first reached now holds no form of the words before: only these can still count
      const queryCeiling = remaining[i] ?? 0;
      const ownCeiling = ownRemaining[i] ?? 0;
      minInverseWeight = minimumInverseWeight(threshold, queryCeiling, ownCeiling, answerCeiling);
      const ceiling = entryScore(phraseScore(queryCeiling, 1), answerCeiling);
      const forms = expansions[order[i] ?? 0] ?? [];
      for (let x = 0; x < forms.length; x += 1) {
        const phrases = phrasePostings[forms[x]?.term ?? 0];
        if (!phrases) continue;
        for (let k = 0; k < phrases.length; k += 1) {
          const p = phrases[k] ?? 0;
          // postings ascend by entry: past the last of the five, an entry needs more than the
          // threshold, and when no phrase left can score more (exact matches: 1), none gets in
          if (ceiling <= threshold + SAME_SCORE && (phraseEntry[p] ?? 0) > lastEntry) break;
          if (phraseSeen[p] === stamp) continue;
          const inverseWeight = phraseInverseWeight[p] ?? 0;
          if (inverseWeight < minInverseWeight) continue;
          phraseSeen[p] = stamp;

          visit += 1;
          let queryCredit = 0;
          let ownCredit = 0;
          const end = phraseTermStart[p + 1] ?? 0;
          for (let j = phraseTermStart[p] ?? 0; j < end; j += 1) {
            const t = phraseTerms[j] ?? 0;
            const word = termWord[t] ?? 0;
            if (word > 0) {
              ownCredit += termOwn[t] ?? 0;
              queryCredit += this.creditWord(word - 1, termSim[t] ?? 0, weights, visit);
            } else if (word === SHARED) {
              credit.query = queryCredit;
              credit.own = ownCredit;
              this.creditShared(shared.get(t) ?? [], idf[t] ?? 0, weights, visit, credit, true);
              queryCredit = credit.query;
              ownCredit = credit.own;
            }
          }
          const score = phraseScore(queryCredit * inverseTotal, Math.min(1, ownCredit * inverseWeight));

          const e = phraseEntry[p] ?? 0;
          if (entrySeen[e] !== stamp) {
            entrySeen[e] = stamp;
            entryBest[e] = 0;
            entryAnswer[e] = -1;
          }
          if (score <= (entryBest[e] ?? 0)) continue;
          entryBest[e] = score;
          if (entryScore(score, answerCeiling) < threshold) continue;
          let answer = entryAnswer[e] ?? -1;
          if (answer < 0) {
            this.visit = visit;
            answer = answers.of(e);
            visit = this.visit;
            entryAnswer[e] = answer;
          }
          top.offer(e, entryScore(score, answer));
          lastEntry = top.lastEntry;
          if (top.threshold > threshold) {
            threshold = top.threshold;
            minInverseWeight = minimumInverseWeight(threshold, queryCeiling, ownCeiling, answerCeiling);
          }
        }
      }
      if (top.full && entryScore(phraseScore(remaining[i + 1] ?? 0, 1), answerCeiling) < threshold) break;
    }
    this.visit = visit;
  }

  /** Credits a vocabulary word several query words expand to, once per (word, similarity). */
  private creditShared(
    pairs: ReadonlyArray<readonly [number, number]>,
    idf: number,
    weights: Float64Array,
    visit: number,
    credit: Credit,
    own: boolean,
  ): void {
    for (const [q, sim] of pairs) {
      if (own) credit.own += idf * sim;
      credit.query += this.creditWord(q, sim, weights, visit);
    }
  }

  /**
   * The query credit a form of query word `q` adds to the phrase or answer stamped `visit`:
   * each word counts once, by its closest form, so a closer form adds only the difference.
   */
  private creditWord(q: number, sim: number, weights: Float64Array, visit: number): number {
    const { wordVisit, wordSim } = this;
    if (wordVisit[q] !== visit) {
      wordVisit[q] = visit;
      wordSim[q] = sim;
      return (weights[q] ?? 0) * sim;
    }
    const before = wordSim[q] ?? 0;
    if (sim <= before) return 0;
    wordSim[q] = sim;
    return (weights[q] ?? 0) * (sim - before);
  }

  /** Query coverage of one entry's answer from its forward index (each query word once, by its closest form). */
  answerFromTerms(query: Query, e: number): number {
    const { termWord, termSim } = this;
    const { answerTerms, answerTermStart } = this.index;
    const { weights } = query;
    const credit: Credit = { query: 0, own: 0 };
    const visit = (this.visit += 1);
    const end = answerTermStart[e + 1] ?? 0;
    for (let k = answerTermStart[e] ?? 0; k < end; k += 1) {
      const t = answerTerms[k] ?? 0;
      const word = termWord[t] ?? 0;
      if (word > 0) {
        credit.query += this.creditWord(word - 1, termSim[t] ?? 0, weights, visit);
      } else if (word === SHARED) {
        this.creditShared(query.shared.get(t) ?? [], 0, weights, visit, credit, false);
      }
    }
    return Math.min(1, credit.query * query.inverseTotal);
  }

  /**
   * Credits the answers of every entry through the answer postings, once per query; returns the
   * entries reached. Postings of one word's forms come closest form first, so a word is
   * credited once, by its closest form, as `answerFromTerms` does.
   */
  answersFromPostings(query: Query): number[] {
    const { answerSeen, answerCredit, answerWord } = this;
    const { answerPostings } = this.index;
    const { expansions, weights, stamp } = query;
    const reached: number[] = [];
    for (let q = 0; q < expansions.length; q += 1) {
      const w = weights[q] ?? 0;
      for (const { term, sim } of expansions[q] ?? []) {
        const answers = answerPostings[term];
        if (!answers) continue;
        for (let k = 0; k < answers.length; k += 1) {
          const e = answers[k] ?? 0;
          if (answerSeen[e] !== stamp) {
            answerSeen[e] = stamp;
            answerCredit[e] = 0;
            answerWord[e] = -1;
            reached.push(e);
          }
          if (answerWord[e] === q) continue;
          answerWord[e] = q;
          answerCredit[e] = (answerCredit[e] ?? 0) + w * sim;
        }
      }
    }
    return reached;
  }

  /** An answer's coverage after `answersFromPostings`. */
  answerFromPostings(query: Query, e: number): number {
    return this.answerSeen[e] === query.stamp ? Math.min(1, (this.answerCredit[e] ?? 0) * query.inverseTotal) : 0;
  }

  /** Length of entry `e`'s answer in distinct terms (the cost of `answerFromTerms`). */
  answerLength(e: number): number {
    return (this.index.answerTermStart[e + 1] ?? 0) - (this.index.answerTermStart[e] ?? 0);
  }

  /** Total length of the answer postings of the query's forms (the cost of `answersFromPostings`). */
  answerPostingsLength(query: Query): number {
    let total = 0;
    for (const forms of query.expansions) for (const { term } of forms) total += this.index.answerPostings[term]?.length ?? 0;
    return total;
  }
}

/**
 * Answer coverage for one query, computed the cheaper way: entry by entry from the forward
 * index while few entries need it, or for all entries at once through the answer postings
 * once the entry-by-entry work would exceed walking them.
 */
class AnswerCoverage {
  private budget: number;
  private all = false;
  /** Entries reached through the answer postings (after `walkPostings`). */
  walked: readonly number[] = [];

  constructor(
    private readonly ranker: Ranker,
    private readonly query: Query,
  ) {
    this.budget = ranker.answerPostingsLength(query);
  }

  of(e: number): number {
    if (!this.all) {
      this.budget -= this.ranker.answerLength(e);
      if (this.budget >= 0) return this.ranker.answerFromTerms(this.query, e);
      this.walkPostings();
    }
    return this.ranker.answerFromPostings(this.query, e);
  }

  walkPostings(): void {
    if (this.all) return;
    this.all = true;
    this.walked = this.ranker.answersFromPostings(this.query);
  }
}
