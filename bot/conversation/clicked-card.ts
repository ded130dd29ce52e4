import type { Activity, TurnContext } from "botbuilder";
import { canUpdate, render, type Reply } from "./render";

/**
 * Replaces the card a click came from with `reply`, where the channel can edit a sent message
 * (Teams), so its buttons are not clicked again by mistake. Best effort: what the click stands for
 * is stored already, and a second click on a card that stayed is answered ("zaten …"). The update
 * is held with the turn's replies; a channel's refusal is logged when they go out (`HeldTurn`).
 */
export async function replaceClickedCard(context: TurnContext, reply: Reply): Promise<void> {
  const { channelId, replyToId } = context.activity;
  if (!canUpdate(channelId) || !replyToId || context.activity.value === undefined) return;
  const updated: Partial<Activity> = { ...render(reply, channelId), id: replyToId };
  await context.updateActivity(updated);
}
