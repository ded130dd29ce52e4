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

interface Scratch {
  phraseQuery: Float64Array;
  phraseOwn: Float64Array;
  phraseLast: Int32Array;
  answer: Float64Array;
  answerLast: Int32Array;
  entryBest: Float64Array;
  /** 1 while the entry is in `touchedEntries` for the current query. */
  entryLast: Int8Array;
  touchedPhrases: number[];
  touchedEntries: number[];
}

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
    for (let q = 0; q < expansions.length; q += 1) {
      const w = weights[q] ?? 0;
      for (const { term, sim } of expansions[q] ?? []) {
        const idf = index.idf[term] ?? 0;
        const phrases = index.phrasePostings[term];
        if (phrases) {
          for (let k = 0; k < phrases.length; k += 1) {
            const p = phrases[k] ?? 0;
            if (s.phraseLast[p] === -1) s.touchedPhrases.push(p);
            if (s.phraseLast[p] !== q) {
              s.phraseQuery[p] = (s.phraseQuery[p] ?? 0) + w * sim;
              s.phraseLast[p] = q;
            }
            s.phraseOwn[p] = (s.phraseOwn[p] ?? 0) + idf * sim;
          }
        }
        const answers = index.answerPostings[term];
        if (answers) {
          for (let k = 0; k < answers.length; k += 1) {
            const e = answers[k] ?? 0;
            if (s.answerLast[e] !== q) {
              if (s.entryLast[e] !== 1) {
                s.entryLast[e] = 1;
                s.touchedEntries.push(e);
              }
              s.answer[e] = (s.answer[e] ?? 0) + w * sim;
              s.answerLast[e] = q;
            }
          }
        }
      }
    }

    for (const p of s.touchedPhrases) {
      const phrase = index.phrases[p];
      if (phrase) {
        const queryCoverage = (s.phraseQuery[p] ?? 0) / totalWeight;
        const ownCoverage = Math.min(1, (s.phraseOwn[p] ?? 0) / Math.max(phrase.weight, 1e-9));
        const blended = TUNING.QUERY_COVERAGE_SHARE * queryCoverage + (1 - TUNING.QUERY_COVERAGE_SHARE) * ownCoverage;
        const harmonic = queryCoverage + ownCoverage > 0 ? (2 * queryCoverage * ownCoverage) / (queryCoverage + ownCoverage) : 0;
        const score = (1 - TUNING.HARMONIC_SHARE) * blended + TUNING.HARMONIC_SHARE * harmonic;
        if (s.entryLast[phrase.entry] !== 1) {
          s.entryLast[phrase.entry] = 1;
          s.touchedEntries.push(phrase.entry);
        }
        if (score > (s.entryBest[phrase.entry] ?? 0)) s.entryBest[phrase.entry] = score;
      }
      s.phraseQuery[p] = 0;
      s.phraseOwn[p] = 0;
      s.phraseLast[p] = -1;
    }
    s.touchedPhrases.length = 0;

    // keep only the best few: a full sort of every touched entry is the slowest step on large bases
    const final: Array<{ entry: number; score: number }> = [];
    for (const e of s.touchedEntries) {
      const answerCoverage = Math.min(1, (s.answer[e] ?? 0) / totalWeight);
      const score = (1 - TUNING.ANSWER_SHARE) * (s.entryBest[e] ?? 0) + TUNING.ANSWER_SHARE * answerCoverage;
      s.answer[e] = 0;
      s.answerLast[e] = -1;
      s.entryBest[e] = 0;
      s.entryLast[e] = 0;
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
      }
    }
    s.touchedEntries.length = 0;

    return final.slice(0, TUNING.MAX_CANDIDATES).flatMap(({ entry, score }) => {
      const found = index.entries[entry];
      return found ? [{ id: found.id, question: found.question, score: round(Math.min(1, Math.max(0, score))) }] : [];
    });
  }

  private scratchFor(index: SearchIndex): Scratch {
    let scratch = this.scratch.get(index);
    if (!scratch) {
      scratch = {
        phraseQuery: new Float64Array(index.phrases.length),
        phraseOwn: new Float64Array(index.phrases.length),
        phraseLast: new Int32Array(index.phrases.length).fill(-1),
        answer: new Float64Array(index.entries.length),
        answerLast: new Int32Array(index.entries.length).fill(-1),
        entryBest: new Float64Array(index.entries.length),
        entryLast: new Int8Array(index.entries.length),
        touchedPhrases: [],
        touchedEntries: [],
      };
      this.scratch.set(index, scratch);
    }
    return scratch;
  }
}
