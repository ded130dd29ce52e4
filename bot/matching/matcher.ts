import type { KnowledgeBase } from "../knowledge/types";
import { analyze } from "./analysis";
import { Ranker } from "./ranking";
import { SearchIndex } from "./search-index";
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
  private readonly rankers = new WeakMap<SearchIndex, Ranker>();

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
    const top = this.rankerFor(index).rank(terms.map((term) => index.expand(term)));
    return top.entries.flatMap((entry, i) => {
      const found = index.entries[entry];
      const score = top.scores[i] ?? 0;
      return found ? [{ id: found.id, question: found.question, score: round(Math.min(1, Math.max(0, score))) }] : [];
    });
  }

  private rankerFor(index: SearchIndex): Ranker {
    let ranker = this.rankers.get(index);
    if (!ranker) {
      ranker = new Ranker(index);
      this.rankers.set(index, ranker);
    }
    return ranker;
  }
}
