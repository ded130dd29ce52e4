import type { KnowledgeEntry } from "../../knowledge/types";
import type { Candidate } from "../../matching/matcher";
import type { FollowUp } from "./follow-ups";
import type { ChoiceOffer, RatingTarget, SurveyTarget } from "./values";

/**
 * One button of a `choices` reply: its label, the (signed) value it sends where values arrive,
 * and `typed`, the word it sends, or the user types, where they do not (see `controlsSendText`).
 */
export interface Choice {
  readonly title: string;
  readonly value: Readonly<Record<string, string>>;
  readonly typed: string;
}

/**
 * What the bot says, before it knows the channel. The flows build these; `render()` turns one
 * into the activity of the conversation's channel.
 */
export type Reply =
  /** A sentence from TEXTS; `markdown` when it uses bold, italics or lists. */
  | { readonly kind: "text"; readonly text: string; readonly markdown?: boolean }
  /**
   * A knowledge answer with its rating controls and follow-up questions. `rated` replaces the
   * rating controls with the rating given (the card a channel can update after a click).
   */
  | {
      readonly kind: "answer";
      readonly entry: KnowledgeEntry;
      readonly followUps: readonly FollowUp[];
      readonly rating: RatingTarget;
      readonly rated?: number;
    }
  /**
   * "Did you mean" with up to three candidates and "none of these"; `offer` links each choice to
   * the logged question and signs it (see `ChoiceOffer`).
   */
  | { readonly kind: "did-you-mean"; readonly suggestions: readonly Candidate[]; readonly offer?: ChoiceOffer }
  /**
   * A sentence with an answer's rating controls again (a rating off the scale, a plain "evet"
   * or "hayır" to "Bu cevap işinize yaradı mı?"): where only the last message keeps its buttons,
   * the answer's are gone by then.
   */
  | { readonly kind: "rating"; readonly text: string; readonly rating: RatingTarget }
  /**
   * Asks what was missing after a low rating, with a way to skip. `chosen` shows the skip made
   * instead of the button (the card a channel can update after a click).
   */
  | { readonly kind: "comment"; readonly chosen?: string }
  /**
   * NPS (0–10) or CES (1–7), with a way to skip; its score buttons carry `survey` (signed).
   * `answered` shows the score given instead of the buttons.
   */
  | { readonly kind: "survey"; readonly step: "nps" | "ces"; readonly survey: SurveyTarget; readonly answered?: number }
  /**
   * A question with a few answers of its own (the case offer, the contact consent): buttons where
   * the channel has them, typed words where it does not. The flow that asks reads both.
   * `typedPrompt` replaces "Yanıtlamak için … yazın." where there are no buttons, for choices that
   * are a way out rather than an answer (the "Vazgeç" under the description and the contact question).
   * `chosen` shows the choice made instead of the choices (the card a channel can update after a click).
   */
  | {
      readonly kind: "choices";
      readonly text: string;
      readonly markdown?: boolean;
      readonly choices: readonly Choice[];
      readonly typedPrompt?: string;
      readonly chosen?: string;
    };
