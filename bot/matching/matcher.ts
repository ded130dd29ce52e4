import { sharedLexicon, type Lexicon } from "./lexicon";
import { sharedMorphology, type Morphology } from "./morphology";
import { Ranker } from "./ranking";
import { sharedRelatedWords, type RelatedWords } from "./related";
import { exactKey } from "./analysis";
import { SearchIndex } from "./search-index";
import { classifySmallTalk, type SmallTalkKind } from "./small-talk";
import { TUNING } from "./tuning";
import type { MatchableBase } from "./types";

/** `answered`: confident; `ambiguous`: offer "did you mean"; `none`: honestly don't know. */
export type MatchStatus = "answered" | "ambiguous" | "none";

/** An entry and the matcher's confidence in it, in [0, 1]. */
export interface Candidate {
  readonly id: string;
  readonly question: string;
  readonly confidence: number;
}

/** What the matcher decided for one message, and why. */
export interface Decision {
  readonly query: string;
  readonly status: MatchStatus;
  /** Set when the message is only a greeting, thanks, goodbye or a help request. */
  readonly smallTalk: SmallTalkKind | null;
  /** Best candidates, best first (at most `MAX_CANDIDATES`). */
  readonly candidates: readonly Candidate[];
  /** Whether the best candidate holds the message's key word (`keyWords`); without it, never `answered` unless typed exactly. */
  readonly topHoldsKeyWord: boolean;
  /** For `ambiguous`: the choices to offer (at most `MAX_SUGGESTIONS`). */
  readonly suggestions: readonly Candidate[];
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Turkish question matching over a knowledge base snapshot: Turkish morphology, editors'
 * synonyms, idf-weighted coverage of the message by each entry's question, alternates and
 * answer, and a decision answered / ambiguous / none with named thresholds. An entry's own
 * question or alternate, typed exactly (any case, with or without Turkish letters and
 * punctuation), is always answered with it. Pure with respect to the knowledge: no I/O.
 */
export class Matcher {
  private readonly indexes = new WeakMap<MatchableBase, { index: SearchIndex; ranker: Ranker }>();

  constructor(
    private readonly morphology: Morphology = sharedMorphology,
    private readonly lexicon: Lexicon = sharedLexicon,
    private readonly related: RelatedWords = sharedRelatedWords,
  ) {}

  /** The search index for a snapshot, built once and reused until the snapshot is replaced. */
  indexFor(base: MatchableBase): SearchIndex {
    return this.prepared(base).index;
  }

  /** Decides how to reply to `text` from `base`. Never throws for any string. */
  match(text: string, base: MatchableBase): Decision {
    const query = typeof text === "string" ? text : "";
    const bounded = query.slice(0, TUNING.MAX_QUERY_CHARS);
    const smallTalk = classifySmallTalk(bounded);
    if (smallTalk) return { query, status: "none", smallTalk, candidates: [], topHoldsKeyWord: false, suggestions: [] };
    if (base.entries.length === 0) return { query, status: "none", smallTalk: null, candidates: [], topHoldsKeyWord: false, suggestions: [] };

    const { index, ranker } = this.prepared(base);
    const words = index.query(bounded);
    const exact = index.exactPhrases.get(exactKey(bounded));
    const typedExactly = exact !== undefined && exact >= 0;
    if (!typedExactly && index.namesNothing(words)) return { query, status: "none", smallTalk: null, candidates: [], topHoldsKeyWord: false, suggestions: [] };
    const ranking = ranker.rank(words);
    let candidates = ranking.entries.flatMap((e, i) => {
      const entry = index.entries[e];
      return entry ? [{ id: entry.id, question: entry.question, confidence: round(Math.min(1, Math.max(0, ranking.confidences[i] ?? 0))) }] : [];
    });
    const said = typedExactly ? exact : index.sameWordsEntry(words);
    const saidEntry = said === undefined ? undefined : index.entries[said];
    if (saidEntry) {
      const others = candidates.filter((c) => c.id !== saidEntry.id);
      candidates = [{ id: saidEntry.id, question: saidEntry.question, confidence: 1 }, ...others].slice(0, TUNING.MAX_CANDIDATES);
      return { query, status: "answered", smallTalk: null, candidates, topHoldsKeyWord: true, suggestions: [] };
    }
    const [top, second] = candidates;
    let status: MatchStatus = "none";
    const topHoldsKeyWord = ranking.keyWordCovered[0] === true;
    if (top && topHoldsKeyWord && top.confidence >= TUNING.ANSWER_THRESHOLD && top.confidence - (second?.confidence ?? 0) >= TUNING.MIN_MARGIN) status = "answered";
    else if (top && top.confidence >= TUNING.SUGGEST_THRESHOLD) status = "ambiguous";
    const suggestions =
      status === "ambiguous" ? candidates.filter((c) => c.confidence >= TUNING.SUGGEST_THRESHOLD).slice(0, TUNING.MAX_SUGGESTIONS) : [];
    return { query, status, smallTalk: null, candidates, topHoldsKeyWord, suggestions };
  }

  private prepared(base: MatchableBase): { index: SearchIndex; ranker: Ranker } {
    let found = this.indexes.get(base);
    if (!found) {
      // a base that writes a foreign word of several senses itself is read again in the sense it uses (`SearchIndex.rereadWith`)
      const build = (): SearchIndex => {
        const index = new SearchIndex(base, this.morphology, this.lexicon, this.related);
        return index.rereadWith ? new SearchIndex(base, this.morphology, this.lexicon, this.related, index.rereadWith) : index;
      };
      const index = this.morphology.remembering ? this.morphology.remembering(build) : build();
      found = { index, ranker: new Ranker(index) };
      this.indexes.set(base, found);
    }
    return found;
  }
}
