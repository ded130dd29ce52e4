import { z } from "zod";
import { SCALES } from "../../feedback/events";

/**
 * The value a button sends back, in every channel (a suggested action's `value`, an Adaptive
 * Card's `Action.Submit` data). It names what it stands for, so the bot needs no server-side
 * memory to act on a click, even a late one.
 */
export const ButtonValue = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("answer"),
    id: z.string().min(1).max(128),
    source: z.enum(["suggestion", "followup"]),
    /** For a "did you mean" choice: the logged question it answers. */
    question: z.string().max(64).optional(),
    /** For a "did you mean" choice: the signature that it was offered (see `Integrity.signChoice`). */
    sig: z.string().max(64).optional(),
  }),
  z.object({ action: z.literal("none-of-these") }),
  // scores are checked after parsing, so a forged one gets a specific, polite reply
  z.object({
    action: z.literal("rate"),
    answer: z.string().min(1).max(64),
    entry: z.string().min(1).max(128),
    rating: z.unknown(),
    sig: z.string().max(64),
  }),
  z.object({ action: z.literal("skip-comment") }),
  // unsigned values parse too, so they get the same polite refusal as a forged signature
  z.object({ action: z.enum(["nps", "ces"]), score: z.unknown(), survey: z.string().max(64).optional(), sig: z.string().max(64).optional() }),
  z.object({ action: z.literal("skip-survey"), step: z.enum(["nps", "ces"]) }),
]);
export type ButtonValue = z.infer<typeof ButtonValue>;

/** What the rating buttons under an answer carry: the answer they rate, its entry and the signature over both. */
export interface RatingTarget {
  readonly answerId: string;
  readonly entryId: string;
  readonly signature: string;
}

/** The 1–5 rating values of an answer; each names and signs the answer it rates. */
export function ratingValues({ answerId, entryId, signature }: RatingTarget): ButtonValue[] {
  return [1, 2, 3, 4, 5].map((rating) => ({ action: "rate", answer: answerId, entry: entryId, rating, sig: signature }));
}

/** What the score buttons of a survey question carry: the conversation's survey and the signature of this question in it (`Integrity.signSurvey`). */
export interface SurveyTarget {
  readonly surveyId: string;
  readonly signature: string;
}

/** The score values of an NPS (0–10) or CES (1–7) question; each names the survey and carries its signature. */
export function surveyValues(step: "nps" | "ces", { surveyId, signature }: SurveyTarget): ButtonValue[] {
  const { min, max } = SCALES[step];
  return Array.from({ length: max - min + 1 }, (_, i) => ({ action: step, score: min + i, survey: surveyId, sig: signature }));
}

/**
 * What a "did you mean" offers: the logged question the choices answer and, per entry id, the
 * signature that the entry was offered for it (`Integrity.signChoice`). Only a signed choice is
 * linked to its question, so only choices really offered teach `kb:recommend`.
 */
export interface ChoiceOffer {
  readonly questionId: string;
  readonly signatures: Readonly<Record<string, string>>;
}

/** The value of a "did you mean" choice: the entry, and with an offer its question and signature. */
export function choiceValue(entryId: string, offer: ChoiceOffer | undefined): ButtonValue {
  const signature = offer?.signatures[entryId];
  const linked = offer === undefined ? {} : signature === undefined ? { question: offer.questionId } : { question: offer.questionId, sig: signature };
  return { action: "answer", id: entryId, source: "suggestion", ...linked };
}
