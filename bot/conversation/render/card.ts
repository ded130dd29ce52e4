import { CardFactory, MessageFactory, type Activity } from "botbuilder";
import { SCALES } from "../../feedback/events";
import { TEXTS } from "../texts";
import { typedLabel } from "./follow-ups";
import { didYouMeanText } from "./suggested";
import { withoutCodeMarks } from "./text";
import type { Reply } from "./reply";
import { choiceValue, ratingValues, surveyValues, type ButtonValue, type RatingTarget } from "./values";

/** Adaptive Card schema version: 1.5 is what Teams renders on desktop, web and mobile. */
export const ADAPTIVE_CARD_VERSION = "1.5";
/**
 * Most score buttons on one row. Rows are columns of one-button action sets, so they stay
 * side by side in every host; more per row makes each button narrower (CES 1–7 on one row, NPS 0–10 on two).
 */
export const SCORES_PER_ROW = 7;

type Element = Record<string, unknown>;

/** A button, and what it sends: its value, or `typed` as the user's message where values are lost (see `controlsSendText`). */
interface Button {
  readonly title: string;
  readonly value: ButtonValue | Readonly<Record<string, string>>;
  readonly typed: string;
}

const submit = ({ title, value, typed }: Button, asText: boolean): Element => ({ type: "Action.Submit", title, data: asText ? typed : value });

const textBlock = (text: string, extra: Element = {}): Element => ({ type: "TextBlock", text, wrap: true, ...extra });

/**
 * Longest label a choice button shows whole. Teams draws an action's title on one line and cuts
 * it without an ellipsis (a 63-character question in a card about 430 px wide, QA 47); Teams on a
 * phone is narrower still. Higher = longer labels on buttons, more of them cut on narrow screens.
 */
export const MAX_BUTTON_TITLE_CHARS = 32;

/** One full-width button per choice, each on its own line. */
const choiceButtons = (choices: readonly Button[], asText: boolean): Element[] =>
  choices.map((button) => ({ type: "ActionSet", spacing: "small", actions: [submit(button, asText)] }));

/**
 * A choice as a full-width row of wrapped text that is clicked as a whole: a container whose
 * `selectAction` is the button's `Action.Submit` (which Teams and Web Chat allow there), so the
 * whole question stays readable where a button would cut it.
 */
const choiceRow = (button: Button, asText: boolean): Element => ({
  type: "Container",
  style: "emphasis",
  spacing: "small",
  selectAction: submit(button, asText),
  items: [textBlock(button.title, { color: "accent" })],
});

/**
 * Choices, each on its own line: buttons while every label fits on one (`MAX_BUTTON_TITLE_CHARS`),
 * else rows of wrapped text for all of them, so one list looks alike.
 */
const choiceList = (choices: readonly Button[], asText: boolean): Element[] =>
  choices.some((button) => button.title.length > MAX_BUTTON_TITLE_CHARS) ? choices.map((button) => choiceRow(button, asText)) : choiceButtons(choices, asText);

/** What was clicked, under a card replaced after the click, in place of its buttons. */
const chosenNote = (label: string): Element => textBlock(TEXTS.chosenNote(label), { spacing: "medium", isSubtle: true });

/** Score buttons side by side, in rows of at most `SCORES_PER_ROW`. */
function scoreRows(scores: readonly Button[], asText: boolean): Element[] {
  const rows = Math.ceil(scores.length / SCORES_PER_ROW);
  const perRow = Math.ceil(scores.length / rows);
  return Array.from({ length: rows }, (_, row) => ({
    type: "ColumnSet",
    spacing: "small",
    columns: scores.slice(row * perRow, (row + 1) * perRow).map((button) => ({
      type: "Column",
      width: "stretch",
      items: [{ type: "ActionSet", actions: [submit(button, asText)] }],
    })),
  }));
}

/** An answer's 1–5 rating buttons, labelled, each sending its number where values are lost. */
const ratingScores = (rating: RatingTarget): Button[] =>
  ratingValues(rating).map((value, i) => ({ title: TEXTS.ratingLabels[i] ?? String(i + 1), value, typed: String(i + 1) }));

/**
 * Markdown as Adaptive Card text blocks: one block per paragraph (cards have no paragraph
 * spacing of their own), `*` bullets as `-` (the list marker cards read everywhere), inline code
 * as its text (cards have no code).
 */
export function markdownBlocks(markdown: string): Element[] {
  return withoutCodeMarks(markdown)
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/^(\s*)\* /gm, "$1- ").trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph, index) => textBlock(paragraph, index === 0 ? {} : { spacing: "medium" }));
}

/** The first line of a text, without Markdown emphasis, for a card's notification summary. */
const plainSummary = (text: string): string => (text.split("\n")[0] ?? "").replace(/\*\*|__/g, "");

function cardActivity(body: Element[], summary: string): Partial<Activity> {
  const activity = MessageFactory.attachment(
    CardFactory.adaptiveCard({
      type: "AdaptiveCard",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      version: ADAPTIVE_CARD_VERSION,
      body,
    }),
  );
  // shown in notifications and chat lists, where a card has no text of its own
  activity.summary = summary;
  return activity;
}

/**
 * A reply as an Adaptive Card with `Action.Submit` buttons (Teams, hosted Web Chat). With
 * `asText` the buttons send their typed equivalent (a number, a question or follow-up label, "Geç") instead of a value.
 */
export function renderCard(reply: Reply, asText = false): Partial<Activity> {
  switch (reply.kind) {
    case "text": {
      const activity = MessageFactory.text(reply.text);
      if (reply.markdown) activity.textFormat = "markdown";
      return activity;
    }
    case "answer": {
      const body = markdownBlocks(reply.entry.answer);
      if (reply.rated === undefined) {
        body.push(textBlock(`_${TEXTS.ratePrompt}_`, { spacing: "large" }));
        body.push(...scoreRows(ratingScores(reply.rating), asText));
      } else {
        const label = TEXTS.ratingLabels[reply.rated - 1] ?? String(reply.rated);
        body.push(textBlock(TEXTS.ratedNote(label), { spacing: "large", isSubtle: true }));
      }
      if (reply.followUps.length > 0) {
        body.push(textBlock(TEXTS.followUpsTitle, { spacing: "large", weight: "bolder" }));
        body.push(...choiceList(reply.followUps.map((f) => ({ title: f.title, value: { action: "answer", id: f.id, source: "followup" }, typed: typedLabel(f) })), asText));
      }
      return cardActivity(body, reply.entry.question);
    }
    case "did-you-mean": {
      const question = didYouMeanText(reply.suggestions.length);
      return cardActivity(
        [
          textBlock(question, { weight: "bolder" }),
          ...choiceList(
            reply.suggestions.map((c) => ({ title: c.question, value: choiceValue(c.id, reply.offer), typed: c.question })),
            asText,
          ),
          ...choiceButtons([{ title: TEXTS.noneOfThese, value: { action: "none-of-these" }, typed: TEXTS.noneOfThese }], asText),
        ],
        question,
      );
    }
    case "rating":
      return cardActivity([textBlock(reply.text), ...scoreRows(ratingScores(reply.rating), asText)], reply.text);
    case "comment":
      if (reply.chosen !== undefined) return cardActivity([textBlock(TEXTS.commentPrompt), chosenNote(reply.chosen)], TEXTS.commentPrompt);
      return cardActivity([textBlock(TEXTS.commentPrompt), ...choiceButtons([{ title: TEXTS.skip, value: { action: "skip-comment" }, typed: TEXTS.skip }], asText)], TEXTS.commentPrompt);
    case "choices": {
      const body = reply.markdown ? markdownBlocks(reply.text) : [textBlock(reply.text)];
      if (reply.chosen !== undefined) return cardActivity([...body, chosenNote(reply.chosen)], plainSummary(reply.text));
      if (reply.choices.length === 0) {
        // a sentence without buttons stays a message, as "text" does
        const activity = MessageFactory.text(reply.text);
        if (reply.markdown) activity.textFormat = "markdown";
        return activity;
      }
      return cardActivity([...body, ...choiceList(reply.choices, asText)], plainSummary(reply.text));
    }
    case "survey": {
      const { step } = reply;
      const question = step === "nps" ? TEXTS.npsQuestion : TEXTS.cesQuestion;
      if (reply.answered !== undefined) {
        return cardActivity([textBlock(question), textBlock(TEXTS.ratedNote(String(reply.answered)), { isSubtle: true })], question);
      }
      const { min } = SCALES[step];
      const scores = surveyValues(step, reply.survey).map((value, i) => ({ title: String(min + i), value, typed: String(min + i) }));
      return cardActivity(
        [textBlock(question), ...scoreRows(scores, asText), ...choiceButtons([{ title: TEXTS.skip, value: { action: "skip-survey", step }, typed: TEXTS.skip }], asText)],
        question,
      );
    }
  }
}
