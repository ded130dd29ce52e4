/**
 * How a channel shows controls.
 * - `suggested`: suggested actions (`messageBack`) and hero cards, as Web Chat over Direct Line and
 *   the Emulator show them.
 * - `card`: Adaptive Cards 1.5 with `Action.Submit`. Teams shows suggested actions only as `imBack`
 *   and only three of them, and drops Markdown from a message that carries them; hosted Web Chat
 *   clients such as the Agents Playground drop suggested actions from a message with an attachment.
 *   Cards show the same everywhere and stay clickable after the next message.
 * - `text`: no buttons at all (SMS, e-mail, telephony): typed numbers and words instead.
 */
export type ChannelStyle = "suggested" | "card" | "text";

/** Channels whose clients show Adaptive Cards reliably (Bot Framework channel ids). */
const CARD_CHANNELS: ReadonlySet<string> = new Set(["msteams", "webchat"]);
/** Channels that show no buttons (Bot Framework channel ids). */
const TEXT_CHANNELS: ReadonlySet<string> = new Set(["sms", "email", "telephony"]);
/** Channels that let the bot edit a message it sent (the answer card after its rating). */
const UPDATABLE_CHANNELS: ReadonlySet<string> = new Set(["msteams"]);

/** The style of a channel; unknown channels get suggested actions, which Bot Framework clients understand. */
export function channelStyle(channelId: string | undefined): ChannelStyle {
  const id = (channelId ?? "").toLowerCase();
  if (CARD_CHANNELS.has(id)) return "card";
  if (TEXT_CHANNELS.has(id)) return "text";
  return "suggested";
}

/** Whether the bot may replace a card it sent in this channel (Teams supports `updateActivity`). */
export function canUpdate(channelId: string | undefined): boolean {
  return UPDATABLE_CHANNELS.has((channelId ?? "").toLowerCase());
}
