import type { KnowledgeBase } from "../knowledge/types";
import { analyze } from "./analysis";
import { SearchIndex, type Expansion } from "./search-index";
import { classifySmallTalk, type SmallTalkKind } from "./small-talk";
import { TUNING } from "./tuning";

/** `answered`: confident; `ambiguous`: offer "did you mean"; `none`: honestly don't know. */
export type MatchStatus = "answered" | "ambiguous" | "none";

/** An entry and its confidence in [0, 1]. */
export interface Candidate {
  readonly id: string;
  readonly question: string;
  readonly score: number;
}

/** What the matcher decided for one message, and why. */
export interface Decision {
  readonly query: string;
  readonly status: MatchStatus;
  /** Set when the message is only a greeting, thanks, goodbye or a help request. */
  readonly smallTalk: SmallTalkKind | null;
  /** Best candidates, best first (at most `MAX_CANDIDATES`). */
  readonly candidates: readonly Candidate[];
  /** For `ambiguous`: the choices to offer (at most `MAX_SUGGESTIONS`). */
  readonly suggestions: readonly Candidate[];
}

/** Per-index work arrays reused across queries; every slot touched by a query is reset before it returns. */
interface Scratch {
  /**
   * Per phrase, interleaved: [2p] query weight it covers, [2p + 1] its own idf covered.
   * Single precision and side by side so a large base's hot loop stays in cache.
   */
  phraseCredit: Float32Array;
  /** Query-word position whose forms already credited the phrase, or -1 (set only for words with several forms). */
  phraseLast: Int8Array;
  /** Phrases touched by the current query; one spare slot, as the hot loop writes before it counts. */
  touchedPhrases: Int32Array;
  answer: Float64Array;
  answerLast: Int32Array;
  entryBest: Float64Array;
  /** 1 while the entry is in `touchedEntries` for the current query. */
  entryLast: Int8Array;
  touchedEntries: Int32Array;
}

const { QUERY_COVERAGE_SHARE: QUERY_SHARE, HARMONIC_SHARE, ANSWER_SHARE } = TUNING;
const OWN_SHARE = 1 - QUERY_SHARE;
const BLEND_SHARE = 1 - HARMONIC_SHARE;
const PHRASE_SHARE = 1 - ANSWER_SHARE;

const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Turkish question matching: scores every entry against a message with idf-weighted,
 * suffix- and typo-tolerant term matching (fuse.js proposes typo corrections, natural's edit
 * distance grades them) over questions, alternates and answers, and decides
 * answered / ambiguous / none with named thresholds.
 * Pure with respect to the knowledge base: no I/O, no botbuilder.
 */
export class Matcher {
  private readonly indexes = new WeakMap<KnowledgeBase, SearchIndex>();
  private readonly scratch = new WeakMap<SearchIndex, Scratch>();

  /** The search index for a snapshot, built once and reused until the snapshot is replaced. */
  indexFor(knowledgeBase: KnowledgeBase): SearchIndex {
    let index = this.indexes.get(knowledgeBase);
    if (!index) {
      index = new SearchIndex(knowledgeBase);
      this.indexes.set(knowledgeBase, index);
    }
    return index;
  }

  /** Decides how to reply to `text` from `knowledgeBase`. Never throws for any string. */
  match(text: string, knowledgeBase: KnowledgeBase): Decision {
    const query = typeof text === "string" ? text : "";
    const bounded = query.slice(0, TUNING.MAX_QUERY_CHARS);
    const smallTalk = classifySmallTalk(bounded);
    if (smallTalk) return { query, status: "none", smallTalk, candidates: [], suggestions: [] };

    const index = this.indexFor(knowledgeBase);
    const candidates = this.rank(bounded, index);
    const [top, second] = candidates;
    let status: MatchStatus = "none";
    if (top && top.score >= TUNING.ANSWER_THRESHOLD && top.score - (second?.score ?? 0) >= TUNING.MIN_MARGIN) status = "answered";
    else if (top && top.score >= TUNING.SUGGEST_THRESHOLD) status = "ambiguous";
    const suggestions =
      status === "ambiguous" ? candidates.filter((c) => c.score >= TUNING.SUGGEST_THRESHOLD).slice(0, TUNING.MAX_SUGGESTIONS) : [];
    return { query, status, smallTalk: null, candidates, suggestions };
  }

  private rank(text: string, index: SearchIndex): Candidate[] {
    const seen = new Set<string>();
    const terms = analyze(text).filter((term) => !seen.has(term.stem) && seen.add(term.stem)).slice(0, TUNING.MAX_QUERY_TERMS);
    if (terms.length === 0 || index.entries.length === 0) return [];

    const expansions: Array<readonly Expansion[]> = terms.map((term) => index.expand(term));
    const weights = expansions.map((list) => {
      const best = list[0];
      return best ? (index.idf[best.term] ?? 0) : index.unknownWeight;
    });
    const totalWeight = weights.reduce((sum, w) => sum + w, 0);
    if (totalWeight === 0) return [];

    const s = this.scratchFor(index);
    const { phraseCredit, phraseLast, touchedPhrases, answer, answerLast, entryBest, entryLast, touchedEntries } = s;
    let phraseCount = 0;
    let entryCount = 0;
    for (let q = 0; q < expansions.length; q += 1) {
      const w = weights[q] ?? 0;
      const list = expansions[q] ?? [];
      // a phrase holding two forms of one query word is credited once for it (by the closest form);
      // only words with several forms need the per-phrase mark
      const marks = list.length > 1;
      for (let x = 0; x < list.length; x += 1) {
        const { term, sim } = list[x] ?? { term: 0, sim: 0 };
        const queryCredit = w * sim;
        const ownCredit = (index.idf[term] ?? 0) * sim;
        const phrases = index.phrasePostings[term];
        if (phrases && x === 0) {
          for (let k = 0; k < phrases.length; k += 1) {
            const p = phrases[k] ?? 0;
            const i = 2 * p;
            const credited = phraseCredit[i] ?? 0;
            // every credit is positive, so 0 means "first touched by this query"
            touchedPhrases[phraseCount] = p;
            phraseCount += credited === 0 ? 1 : 0;
            phraseCredit[i] = credited + queryCredit;
            phraseCredit[i + 1] = (phraseCredit[i + 1] ?? 0) + ownCredit;
            if (marks) phraseLast[p] = q;
          }
        } else if (phrases) {
          for (let k = 0; k < phrases.length; k += 1) {
            const p = phrases[k] ?? 0;
            const i = 2 * p;
            if (phraseLast[p] !== q) {
              const credited = phraseCredit[i] ?? 0;
              touchedPhrases[phraseCount] = p;
              phraseCount += credited === 0 ? 1 : 0;
              phraseCredit[i] = credited + queryCredit;
              phraseLast[p] = q;
            }
            phraseCredit[i + 1] = (phraseCredit[i + 1] ?? 0) + ownCredit;
          }
        }
        const answers = index.answerPostings[term];
        if (answers) {
          for (let k = 0; k < answers.length; k += 1) {
            const e = answers[k] ?? 0;
            if (answerLast[e] !== q) {
              if (entryLast[e] !== 1) {
                entryLast[e] = 1;
                touchedEntries[entryCount++] = e;
              }
              answer[e] = (answer[e] ?? 0) + queryCredit;
              answerLast[e] = q;
            }
          }
        }
      }
    }

    const { phraseEntry, phraseInverseWeight } = index;
    const inverseTotal = 1 / totalWeight;
    for (let t = 0; t < phraseCount; t += 1) {
      const p = touchedPhrases[t] ?? 0;
      const queryCoverage = (phraseCredit[2 * p] ?? 0) * inverseTotal;
      const ownCoverage = Math.min(1, (phraseCredit[2 * p + 1] ?? 0) * (phraseInverseWeight[p] ?? 0));
      const blended = QUERY_SHARE * queryCoverage + OWN_SHARE * ownCoverage;
      const sum = queryCoverage + ownCoverage;
      const harmonic = sum > 0 ? (2 * queryCoverage * ownCoverage) / sum : 0;
      const score = BLEND_SHARE * blended + HARMONIC_SHARE * harmonic;
      const e = phraseEntry[p] ?? 0;
      if (entryLast[e] !== 1) {
        entryLast[e] = 1;
        touchedEntries[entryCount++] = e;
      }
      if (score > (entryBest[e] ?? 0)) entryBest[e] = score;
      phraseCredit[2 * p] = 0;
      phraseCredit[2 * p + 1] = 0;
      phraseLast[p] = -1;
    }

    // keep only the best few: a full sort of every touched entry is the slowest step on large bases
    const final: Array<{ entry: number; score: number }> = [];
    let cutoff = -1;
    for (let t = 0; t < entryCount; t += 1) {
      const e = touchedEntries[t] ?? 0;
      const answerCoverage = Math.min(1, (answer[e] ?? 0) * inverseTotal);
      const score = PHRASE_SHARE * (entryBest[e] ?? 0) + ANSWER_SHARE * answerCoverage;
      answer[e] = 0;
      answerLast[e] = -1;
      entryBest[e] = 0;
      entryLast[e] = 0;
      if (score < cutoff) continue;
      const worst = final[final.length - 1];
      if (final.length < TUNING.MAX_CANDIDATES || (worst && (score > worst.score || (score === worst.score && e < worst.entry)))) {
        let at = final.length;
        while (at > 0) {
          const before = final[at - 1];
          if (!before || before.score > score || (before.score === score && before.entry < e)) break;
          at -= 1;
        }
        final.splice(at, 0, { entry: e, score });
        if (final.length > TUNING.MAX_CANDIDATES) final.pop();
        if (final.length === TUNING.MAX_CANDIDATES) cutoff = final[final.length - 1]?.score ?? -1;
      }
    }

    return final.slice(0, TUNING.MAX_CANDIDATES).flatMap(({ entry, score }) => {
      const found = index.entries[entry];
      return found ? [{ id: found.id, question: found.question, score: round(Math.min(1, Math.max(0, score))) }] : [];
    });
  }

  private scratchFor(index: SearchIndex): Scratch {
    let scratch = this.scratch.get(index);
    if (!scratch) {
      scratch = {
        phraseCredit: new Float32Array(2 * index.phrases.length),
        phraseLast: new Int8Array(index.phrases.length).fill(-1),
        touchedPhrases: new Int32Array(index.phrases.length + 1),
        answer: new Float64Array(index.entries.length),
        answerLast: new Int32Array(index.entries.length).fill(-1),
        entryBest: new Float64Array(index.entries.length),
        entryLast: new Int8Array(index.entries.length),
        touchedEntries: new Int32Array(index.entries.length),
      };
      this.scratch.set(index, scratch);
    }
    return scratch;
  }
}
