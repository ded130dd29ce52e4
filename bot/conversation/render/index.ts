import { MessageFactory, type Activity } from "botbuilder";
import { renderCard } from "./card";
import { channelStyle, controlsSendText } from "./channels";
import type { Reply } from "./reply";
import { answerActivity, choicesReply, commentPrompt, didYouMeanReply, markdownReply, ratingReply, surveyPrompt } from "./suggested";
import { renderText } from "./text";

export { canUpdate, channelStyle, controlsSendText, type ChannelStyle } from "./channels";
export type { Choice, Reply } from "./reply";
export { followUpsOf, MAX_FOLLOW_UPS, typedLabel, type FollowUp } from "./follow-ups";
export { ButtonValue, type ChoiceOffer, type RatingTarget, type SurveyTarget } from "./values";

function renderSuggested(reply: Reply): Partial<Activity> {
  switch (reply.kind) {
    case "text":
      return reply.markdown ? markdownReply(reply.text) : MessageFactory.text(reply.text);
    case "answer":
      // the suggested-action style cannot edit a sent message, so `rated` never reaches it
      return answerActivity(reply.entry, reply.followUps, reply.rating);
    case "did-you-mean":
      return didYouMeanReply(reply.suggestions, reply.offer);
    case "rating":
      return ratingReply(reply.text, reply.rating);
    case "comment":
      return commentPrompt();
    case "survey":
      // as with `rated`: only a channel that can edit a sent card is given `answered`
      return surveyPrompt(reply.step, reply.survey);
    case "choices":
      return choicesReply(reply.text, reply.choices, reply.markdown ?? false);
  }
}

/** The one place a reply becomes an activity, in the style of the conversation's channel. */
export function render(reply: Reply, channelId: string | undefined): Partial<Activity> {
  switch (channelStyle(channelId)) {
    case "card":
      return renderCard(reply, controlsSendText(channelId));
    case "text":
      return renderText(reply);
    case "suggested":
      return renderSuggested(reply);
  }
}
