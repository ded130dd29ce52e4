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
/**
 * Card channels whose buttons send their label as typed text (`Action.Submit` with string data,
 * which Web Chat posts as `imBack`) instead of a value: hosted Web Chat clients such as the Agents
 * Playground post card values in another conversation than the typed messages, so a value would
 * lose the conversation's state (a pending comment, the survey). The bot then reads a number sent
 * right after an answer as its rating, as in a text-only channel.
 */
const TEXT_SUBMIT_CHANNELS: ReadonlySet<string> = new Set(["webchat"]);
/** Channels that let the bot edit a message it sent (the answer card after its rating). */
const UPDATABLE_CHANNELS: ReadonlySet<string> = new Set(["msteams"]);

/** The style of a channel; unknown channels get suggested actions, which Bot Framework clients understand. */
export function channelStyle(channelId: string | undefined): ChannelStyle {
  const id = (channelId ?? "").toLowerCase();
  if (CARD_CHANNELS.has(id)) return "card";
  if (TEXT_CHANNELS.has(id)) return "text";
  return "suggested";
}

/** Whether the channel's controls come back as typed text, so typed numbers and words must be understood. */
export function controlsSendText(channelId: string | undefined): boolean {
  const id = (channelId ?? "").toLowerCase();
  return channelStyle(id) === "text" || TEXT_SUBMIT_CHANNELS.has(id);
}

/** Whether the bot may replace a card it sent in this channel (Teams supports `updateActivity`). */
export function canUpdate(channelId: string | undefined): boolean {
  return UPDATABLE_CHANNELS.has((channelId ?? "").toLowerCase());
}
