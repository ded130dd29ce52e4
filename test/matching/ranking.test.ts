import fc from "fast-check";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { analyze } from "../../bot/matching/analysis";
import { entryScore, minimumInverseWeight, phraseScore, Ranker, TopEntries } from "../../bot/matching/ranking";
import { SearchIndex, type Expansion } from "../../bot/matching/search-index";
import { TUNING } from "../../bot/matching/tuning";
import { realKnowledge } from "../helpers/bot";
import { syntheticKnowledge } from "../helpers/synthetic";
import { IN_DOMAIN, OFF_TOPIC } from "./queries";

/** Query words' expansions, as the matcher builds them (distinct stems, at most MAX_QUERY_TERMS). */
function expansionsOf(index: SearchIndex, text: string): Array<readonly Expansion[]> {
  const seen = new Set<string>();
  return analyze(text)
    .filter((term) => !seen.has(term.stem) && seen.add(term.stem))
    .slice(0, TUNING.MAX_QUERY_TERMS)
    .map((term) => index.expand(term));
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * The definition the ranker must meet, written the slow and obvious way: every phrase of every
 * entry scored, each query word credited by its closest form, every entry sorted.
 */
function bruteForce(index: SearchIndex, expansions: ReadonlyArray<readonly Expansion[]>): Array<{ entry: number; score: number }> {
  const weights = expansions.map((list) => (list[0] ? (index.idf[list[0].term] ?? 0) : index.unknownWeight));
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0) return [];
  const coverage = (terms: ReadonlySet<number>): { query: number; own: number } => {
    let query = 0;
    let own = 0;
    expansions.forEach((list, q) => {
      const present = list.filter(({ term }) => terms.has(term));
      present.forEach(({ term, sim }) => (own += (index.idf[term] ?? 0) * sim));
      if (present.length > 0) query += (weights[q] ?? 0) * Math.max(...present.map(({ sim }) => sim));
    });
    return { query: query / total, own };
  };
  const scored = index.entries.map((_, e) => {
    let best = 0;
    for (const p of range(index.phraseStart[e] ?? 0, index.phraseStart[e + 1] ?? 0)) {
      const terms = new Set(index.phraseTerms.subarray(index.phraseTermStart[p], index.phraseTermStart[p + 1]));
      const { query, own } = coverage(terms);
      if (query > 0) best = Math.max(best, phraseScore(query, Math.min(1, own * (index.phraseInverseWeight[p] ?? 0))));
    }
    const answer = coverage(new Set(index.answerTerms.subarray(index.answerTermStart[e], index.answerTermStart[e + 1]))).query;
    return { entry: e, score: entryScore(best, Math.min(1, answer)) };
  });
  return scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.entry - b.entry);
}

const TOLERANCE = 1e-9;

/** The ranker's five are the brute force's five: same scores in order, and each entry's true score (ties may pick other entries of equal score). */
function expectSameTop(index: SearchIndex, ranker: Ranker, text: string): void {
  const expansions = expansionsOf(index, text);
  const expected = bruteForce(index, expansions);
  const top = ranker.rank(expansions);
  const truth = new Map(expected.map((s) => [s.entry, s.score]));
  expect(top.entries.length).toBe(Math.min(TUNING.MAX_CANDIDATES, expected.length));
  top.entries.forEach((entry, i) => {
    const score = top.scores[i] ?? -1;
    expect(Math.abs(score - (expected[i]?.score ?? -2))).toBeLessThan(TOLERANCE);
    expect(Math.abs(score - (truth.get(entry) ?? -3))).toBeLessThan(TOLERANCE);
  });
}

describe("Ranker: pruning never changes the result", () => {
  let kb: KnowledgeBase;
  let big: SearchIndex;
  let bigRanker: Ranker;
  beforeAll(async () => {
    kb = await realKnowledge();
    // copies of each real entry make long postings, many near ties and deep pruning
    big = new SearchIndex(syntheticKnowledge(kb.entries, 1_500));
    bigRanker = new Ranker(big);
  });

  it("matches brute force on the real knowledge base for every evaluation query", () => {
    const index = new SearchIndex(kb);
    const ranker = new Ranker(index);
    for (const text of [...IN_DOMAIN.map((q) => q.text), ...OFF_TOPIC]) expectSameTop(index, ranker, text);
  });

  it("matches brute force on a synthetic base of 1,500 entries (common words, ties, answer-only matches)", () => {
    const texts = [
      ...IN_DOMAIN.filter((_, i) => i % 3 === 0).map((q) => q.text),
      ...OFF_TOPIC.filter((_, i) => i % 3 === 0),
      "müşteri",
      "müşteri müşterilerin memnun memnuniyet memnuniyetsizlik",
      "musteri numarami unuttum",
      "şirket çalışan hizmet kalite",
    ];
    for (const text of texts) expectSameTop(big, bigRanker, text);
  });

  it("matches brute force for random mixes of the knowledge base's words", () => {
    const vocabulary = [...new Set(kb.entries.flatMap((e) => [e.question, ...e.alternates, e.answer.slice(0, 300)].join(" ").split(/\s+/)))];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }), (words) => {
        expectSameTop(big, bigRanker, words.join(" "));
      }),
      { numRuns: 150 },
    );
  });
});

describe("ranking pieces", () => {
  it("phraseScore grows with each coverage and is 1 for a perfect match", () => {
    expect(phraseScore(1, 1)).toBeCloseTo(1, 12);
    expect(phraseScore(0, 0)).toBe(0);
    expect(phraseScore(0.5, 0.6)).toBeGreaterThan(phraseScore(0.5, 0.5));
    expect(phraseScore(0.6, 0.5)).toBeGreaterThan(phraseScore(0.5, 0.5));
  });

  it("minimumInverseWeight: a lighter phrase (smaller 1 / weight) cannot reach the threshold", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 20, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (threshold, queryCeiling, ownCeiling, answerCeiling) => {
        const cut = minimumInverseWeight(threshold, queryCeiling, ownCeiling, answerCeiling);
        if (!Number.isFinite(cut)) {
          expect(entryScore(phraseScore(queryCeiling, 1), answerCeiling)).toBeLessThan(threshold);
          return;
        }
        if (cut === 0) return; // nothing is skipped
        const below = cut * 0.999;
        expect(entryScore(phraseScore(queryCeiling, Math.min(1, ownCeiling * below)), answerCeiling)).toBeLessThan(threshold);
        const above = cut * 1.01 + 1e-9;
        if (ownCeiling * above <= 1) expect(entryScore(phraseScore(queryCeiling, ownCeiling * above), answerCeiling)).toBeGreaterThanOrEqual(threshold - 1e-6);
      }),
    );
  });

  it("TopEntries keeps the best five, the earlier entry on a tie, and replaces a re-offered entry", () => {
    const top = new TopEntries(3);
    top.offer(7, 0.5);
    top.offer(3, 0.5);
    top.offer(9, 0.9);
    expect(top.entries).toEqual([9, 3, 7]);
    top.offer(1, 0.5);
    expect(top.entries).toEqual([9, 1, 3]);
    expect(top.threshold).toBe(0.5);
    top.offer(8, 0.4);
    expect(top.entries).toEqual([9, 1, 3]);
    top.offer(3, 0.95);
    expect(top.entries).toEqual([3, 9, 1]);
    expect(top.scores).toEqual([0.95, 0.9, 0.5]);
  });
});
