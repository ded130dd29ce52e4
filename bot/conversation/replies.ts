import { ActionTypes, MessageFactory, type Activity, type CardAction } from "botbuilder";
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
  z.object({ action: z.literal("answer"), id: z.string().min(1).max(80), source: z.enum(["suggestion", "followup"]) }),
  z.object({ action: z.literal("none-of-these") }),
]);
export type ButtonValue = z.infer<typeof ButtonValue>;

/** A button that posts a value back while showing `title` as the user's message. */
function button(title: string, value: ButtonValue): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/** The answer of an entry, in Markdown, with its related entries as follow-up buttons. */
export function answerReply(entry: KnowledgeEntry, kb: KnowledgeBase): Partial<Activity> {
  const followUps = entry.related
    .map((id) => kb.byId.get(id))
    .filter((related): related is KnowledgeEntry => related !== undefined)
    .slice(0, MAX_FOLLOW_UPS);
  const activity = MessageFactory.text(entry.answer);
  activity.textFormat = "markdown";
  if (followUps.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: followUps.map((related) => button(related.question, { action: "answer", id: related.id, source: "followup" })),
    };
  }
  return activity;
}

/** "Did you mean" with up to three choices and "none of these". */
export function didYouMeanReply(suggestions: readonly Candidate[]): Partial<Activity> {
  const activity = MessageFactory.text(TEXTS.didYouMean);
  activity.suggestedActions = {
    to: [],
    actions: [
      ...suggestions.map((candidate) => button(candidate.question, { action: "answer", id: candidate.id, source: "suggestion" })),
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
