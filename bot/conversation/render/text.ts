import { MessageFactory, type Activity } from "botbuilder";
import { SCALES } from "../../feedback/events";
import { TEXTS } from "../texts";
import { typedLabel } from "./follow-ups";
import { didYouMeanText } from "./suggested";
import type { Reply } from "./reply";

/**
 * Markdown without the marks of inline code (`` `ad@ornek.com` `` → `ad@ornek.com`), for hosts that
 * show them literally: Adaptive Cards and plain text. Web Chat shows such code as code, which is
 * why a text writes an example address so (its Markdown would link a bare one as `mailto:`).
 */
export function withoutCodeMarks(markdown: string): string {
  return markdown.replace(/`([^`\n]+)`/g, "$1");
}

/**
 * Markdown as plain text for channels that show it literally (SMS, e-mail): emphasis and code
 * marks go, list markers and line breaks stay.
 */
export function plainText(markdown: string): string {
  return withoutCodeMarks(markdown)
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/__(.+?)__/g, "$1")
    .replace(/(^|[\s(])[_*](\S(?:.*?\S)?)[_*](?=$|[\s).,!?:;])/gm, "$1$2")
    .replace(/^(\s*)\* /gm, "$1- ");
}

/** A reply for a channel without buttons: every control becomes a short typed prompt. */
export function renderText(reply: Reply): Partial<Activity> {
  switch (reply.kind) {
    case "text":
      return MessageFactory.text(reply.markdown ? plainText(reply.text) : reply.text);
    case "answer": {
      const parts = [plainText(reply.entry.answer.trimEnd())];
      parts.push(reply.rated === undefined ? TEXTS.typedRating : TEXTS.ratedNote(String(reply.rated)));
      if (reply.followUps.length > 0) parts.push(`${TEXTS.followUpsTitle}\n${reply.followUps.map((f) => `- ${typedLabel(f)}`).join("\n")}`);
      return MessageFactory.text(parts.join("\n\n"));
    }
    case "did-you-mean":
      return MessageFactory.text(
        [didYouMeanText(reply.suggestions.length), reply.suggestions.map((c, i) => `${i + 1}. ${c.question}`).join("\n"), TEXTS.typedChoice].join("\n\n"),
      );
    case "rating":
      return MessageFactory.text(`${reply.text}\n\n${TEXTS.typedRatingScale}`);
    case "comment":
      return MessageFactory.text(`${TEXTS.commentPrompt} ${TEXTS.typedSkip}`);
    case "survey": {
      const { min, max } = SCALES[reply.step];
      return MessageFactory.text(`${reply.step === "nps" ? TEXTS.npsQuestion : TEXTS.cesQuestion}\n\n${TEXTS.typedScore(min, max)}`);
    }
    case "choices": {
      const text = reply.markdown ? plainText(reply.text) : reply.text;
      if (reply.choices.length === 0) return MessageFactory.text(text);
      return MessageFactory.text(`${text}\n\n${reply.typedPrompt ?? TEXTS.typedOptions(reply.choices.map((c) => c.typed))}`);
    }
  }
}
