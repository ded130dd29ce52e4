import type { KnowledgeBase, KnowledgeEntry } from "../../knowledge/types";
import { typedNumber } from "../typed";

/** Most follow-up questions shown under an answer. */
export const MAX_FOLLOW_UPS = 3;

/**
 * A follow-up question under an answer: the entry it opens, and the label its button (or, where
 * there are no buttons, its line) shows: the editor's title for it (a Markdown `related` item's
 * `title`, a `.qna` prompt's display text), else the entry's question. Migrated multi-turn flows
 * rely on that wording ("Evet", "Devam"), which the target's question would lose.
 */
export interface FollowUp {
  readonly id: string;
  readonly title: string;
  /** The target entry's question, which a typed message may give instead of the title. */
  readonly question: string;
}

/** The related entries of an entry that exist, at most `MAX_FOLLOW_UPS`, each with its label. */
export function followUpsOf(entry: KnowledgeEntry, kb: KnowledgeBase): FollowUp[] {
  return entry.related
    .map((id) => kb.byId.get(id))
    .filter((related): related is KnowledgeEntry => related !== undefined)
    .slice(0, MAX_FOLLOW_UPS)
    .map((related) => ({ id: related.id, title: entry.relatedTitles?.[related.id] ?? related.question, question: related.question }));
}

/**
 * What stands for a follow-up as typed text: the line listed where there are no buttons, and what
 * its button sends where buttons send text (hosted Web Chat). Its label, unless the label is only
 * a number, which typed right after an answer is that answer's rating: then the target's question.
 */
export function typedLabel(followUp: FollowUp): string {
  return typedNumber(followUp.title) === null ? followUp.title : followUp.question;
}
