import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction } from "botbuilder";
import { SCALES } from "../feedback/events";
import { z } from "zod";
import type { KnowledgeBase, KnowledgeEntry } from "../knowledge/types";
import type { Candidate } from "../matching/matcher";
import { TEXTS } from "./texts";

/** Most follow-up questions shown under an answer. */
export const MAX_FOLLOW_UPS = 3;

/**
 * The value a button sends back. It names what it stands for, so the bot needs no
 * server-side memory to act on a click, even a late one.
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
  z.object({ action: z.enum(["nps", "ces"]), score: z.unknown() }),
  z.object({ action: z.literal("skip-survey"), step: z.enum(["nps", "ces"]) }),
]);
export type ButtonValue = z.infer<typeof ButtonValue>;

/** A button that posts a value back while showing `title` as the user's message. */
function button(title: string, value: ButtonValue): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/** What the rating buttons under an answer carry: the answer they rate, its entry and the signature over both. */
export interface RatingTarget {
  readonly answerId: string;
  readonly entryId: string;
  readonly signature: string;
}

/**
 * The answer of an entry as one message: the Markdown answer ending with "Bu cevap işinize yaradı
 * mı?", the 1–5 rating buttons as suggested actions, and its related entries as follow-up
 * buttons on a card (cards stay clickable after the suggested actions are gone). One message, so
 * one call to the channel per answer.
 */
export function answerReply(entry: KnowledgeEntry, kb: KnowledgeBase, rating: RatingTarget): Partial<Activity> {
  const followUps = entry.related
    .map((id) => kb.byId.get(id))
    .filter((related): related is KnowledgeEntry => related !== undefined)
    .slice(0, MAX_FOLLOW_UPS);
  const activity = markdownReply(`${entry.answer.trimEnd()}\n\n_${TEXTS.ratePrompt}_`);
  activity.suggestedActions = { to: [], actions: ratingButtons(rating) };
  if (followUps.length > 0) {
    activity.attachments = [
      CardFactory.heroCard(
        "",
        TEXTS.followUpsTitle,
        [],
        followUps.map((related) => button(related.question, { action: "answer", id: related.id, source: "followup" })),
      ),
    ];
  }
  return activity;
}

/** The 1–5 rating buttons; each value names and signs the answer it rates. */
export function ratingButtons({ answerId, entryId, signature }: RatingTarget): CardAction[] {
  return TEXTS.ratingLabels.map((label, index) => button(label, { action: "rate", answer: answerId, entry: entryId, rating: index + 1, sig: signature }));
}

/** Asks what was missing, with a skip button. */
export function commentPrompt(): Partial<Activity> {
  const activity = MessageFactory.text(TEXTS.commentPrompt);
  activity.suggestedActions = { to: [], actions: [button(TEXTS.skip, { action: "skip-comment" })] };
  return activity;
}

/** The NPS (0–10) or CES (1–7) question with one button per score and a skip button. */
export function surveyPrompt(step: "nps" | "ces"): Partial<Activity> {
  const { min, max } = SCALES[step];
  const activity = MessageFactory.text(step === "nps" ? TEXTS.npsQuestion : TEXTS.cesQuestion);
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  activity.suggestedActions = {
    to: [],
    actions: [
      ...scores.map((score) => button(String(score), { action: step, score })),
      button(TEXTS.skip, { action: "skip-survey", step }),
    ],
  };
  return activity;
}

/** "Did you mean" with up to three choices and "none of these"; `sign` signs each choice for its entry. */
export function didYouMeanReply(suggestions: readonly Candidate[], questionId?: string, sign?: (entryId: string) => string): Partial<Activity> {
  const activity = MessageFactory.text(TEXTS.didYouMean);
  const linked = (entryId: string): { question?: string; sig?: string } =>
    questionId === undefined ? {} : sign ? { question: questionId, sig: sign(entryId) } : { question: questionId };
  activity.suggestedActions = {
    to: [],
    actions: [
      ...suggestions.map((candidate) => button(candidate.question, { action: "answer", id: candidate.id, source: "suggestion", ...linked(candidate.id) })),
      button(TEXTS.noneOfThese, { action: "none-of-these" }),
    ],
  };
  return activity;
}

/** Markdown text reply. */
export function markdownReply(text: string): Partial<Activity> {
  const activity = MessageFactory.text(text);
  activity.textFormat = "markdown";
  return activity;
}
