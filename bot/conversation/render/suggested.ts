import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction } from "botbuilder";
import { SCALES } from "../../feedback/events";
import type { KnowledgeBase, KnowledgeEntry } from "../../knowledge/types";
import type { Candidate } from "../../matching/matcher";
import { TEXTS } from "../texts";
import { followUpsOf, type FollowUp } from "./follow-ups";
import type { Choice } from "./reply";
import { choiceValue, ratingValues, surveyValues, type ButtonValue, type ChoiceOffer, type RatingTarget, type SurveyTarget } from "./values";

/** A button that posts a value back while showing `title` as the user's message. */
function button(title: string, value: ButtonValue | Readonly<Record<string, string>>): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/**
 * The answer of an entry as one message: the Markdown answer ending with "Bu cevap işinize yaradı
 * mı?", the 1–5 rating buttons as suggested actions, and its related entries as follow-up
 * buttons on a card (cards stay clickable after the suggested actions are gone). One message, so
 * one call to the channel per answer.
 */
export function answerReply(entry: KnowledgeEntry, kb: KnowledgeBase, rating: RatingTarget): Partial<Activity> {
  return answerActivity(entry, followUpsOf(entry, kb), rating);
}

/** `answerReply` with the follow-ups already chosen (the renderer gets them with the reply). */
export function answerActivity(entry: KnowledgeEntry, followUps: readonly FollowUp[], rating: RatingTarget): Partial<Activity> {
  const activity = markdownReply(`${entry.answer.trimEnd()}\n\n_${TEXTS.ratePrompt}_`);
  activity.suggestedActions = { to: [], actions: ratingButtons(rating) };
  if (followUps.length > 0) {
    activity.attachments = [
      CardFactory.heroCard(
        "",
        TEXTS.followUpsTitle,
        [],
        followUps.map((followUp) => button(followUp.title, { action: "answer", id: followUp.id, source: "followup" })),
      ),
    ];
  }
  return activity;
}

/** The 1–5 rating buttons; each value names and signs the answer it rates. */
export function ratingButtons(rating: RatingTarget): CardAction[] {
  return ratingValues(rating).map((value, index) => button(TEXTS.ratingLabels[index] ?? String(index + 1), value));
}

/** A sentence with an answer's 1–5 rating buttons. */
export function ratingReply(text: string, rating: RatingTarget): Partial<Activity> {
  const activity = MessageFactory.text(text);
  activity.suggestedActions = { to: [], actions: ratingButtons(rating) };
  return activity;
}

/** Asks what was missing, with a skip button. */
export function commentPrompt(): Partial<Activity> {
  const activity = MessageFactory.text(TEXTS.commentPrompt);
  activity.suggestedActions = { to: [], actions: [button(TEXTS.skip, { action: "skip-comment" })] };
  return activity;
}

/** The NPS (0–10) or CES (1–7) question with one signed button per score and a skip button. */
export function surveyPrompt(step: "nps" | "ces", survey: SurveyTarget): Partial<Activity> {
  const activity = MessageFactory.text(step === "nps" ? TEXTS.npsQuestion : TEXTS.cesQuestion);
  activity.suggestedActions = {
    to: [],
    actions: [
      ...surveyValues(step, survey).map((value, i) => button(String(SCALES[step].min + i), value)),
      button(TEXTS.skip, { action: "skip-survey", step }),
    ],
  };
  return activity;
}

/** The "did you mean" question, worded for one choice or several. */
export function didYouMeanText(count: number): string {
  return count > 1 ? TEXTS.didYouMeanSeveral : TEXTS.didYouMean;
}

/** "Did you mean" with up to three choices and "none of these"; each choice carries its signed `offer`. */
export function didYouMeanReply(suggestions: readonly Candidate[], offer?: ChoiceOffer): Partial<Activity> {
  const activity = MessageFactory.text(didYouMeanText(suggestions.length));
  activity.suggestedActions = {
    to: [],
    actions: [
      ...suggestions.map((candidate) => button(candidate.question, choiceValue(candidate.id, offer))),
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

/** A question with its own answers as suggested actions (the case offer, the contact consent). */
export function choicesReply(text: string, choices: readonly Choice[], markdown: boolean): Partial<Activity> {
  const activity = MessageFactory.text(text);
  if (markdown) activity.textFormat = "markdown";
  if (choices.length > 0) activity.suggestedActions = { to: [], actions: choices.map((choice) => button(choice.title, choice.value)) };
  return activity;
}
