import type { CloudAdapter, ConversationReference } from "botbuilder";
import type { Case } from "../cases/types";
import { proactiveText } from "../conversation/case-flow";
import { render } from "../conversation/render";
import type { CaseTexts } from "../knowledge/parse-case-texts";
import type { Logger } from "../logger";
import type { ConversationLogStore } from "./conversation-logs";
import { BOT_ACCOUNT } from "./direct-line";

export interface ProactiveDeps {
  adapter: CloudAdapter;
  appId: string;
  logger: Logger;
  /** The local Direct Line's conversations: a message for one of them is appended to its log. */
  logs: ConversationLogStore;
  texts: () => Readonly<Partial<CaseTexts>>;
}

/** The stored conversation reference, when it is one (a JSON object naming a conversation). */
function parseReference(raw: string | null): Partial<ConversationReference> | null {
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null || !("conversation" in parsed)) return null;
    const conversation: unknown = parsed.conversation;
    if (typeof conversation !== "object" || conversation === null || !("id" in conversation) || typeof conversation.id !== "string") return null;
    const channelId = "channelId" in parsed && typeof parsed.channelId === "string" ? parsed.channelId : undefined;
    const serviceUrl = "serviceUrl" in parsed && typeof parsed.serviceUrl === "string" ? parsed.serviceUrl : undefined;
    return { ...parsed, conversation: { id: conversation.id, isGroup: false, conversationType: "personal", name: "" }, channelId, serviceUrl };
  } catch {
    return null;
  }
}

/**
 * Whether a reference is a conversation of this server's local Direct Line, which addresses every
 * turn to `BOT_ACCOUNT`. Its serviceUrl is the bot's own address, where no connector listens: once
 * the conversation's log is gone (a restart, `DIRECT_LINE_TUNING`'s idle time), nothing can reach
 * it. Azure's Direct Line names the bot by its own handle; should one be `memnun` too, its
 * notices are not pushed, and the customer still reads the note when asking.
 */
function isLocalDirectLine(reference: Partial<ConversationReference>): boolean {
  const bot: unknown = reference.bot;
  return (
    reference.channelId === "directline" &&
    typeof bot === "object" &&
    bot !== null &&
    "id" in bot &&
    bot.id === BOT_ACCOUNT.id &&
    "role" in bot &&
    bot.role === BOT_ACCOUNT.role
  );
}

/**
 * Tells a customer that an operator changed their case, in the conversation the case was opened
 * from: through the local Direct Line's log (Web Chat picks it up), or through the channel with
 * the adapter's `continueConversationAsync`. Returns whether the message went out: only a send
 * the channel accepted counts. A failure inside the proactive turn is caught there, since the
 * adapter's `onTurnError` would otherwise take it (logging it as a failed turn) and let the call
 * resolve as if the message had been sent. A channel that refuses proactive messages is logged,
 * and the customer still sees the note when they ask.
 */
export function createProactiveNotifier(deps: ProactiveDeps): (found: Case) => Promise<boolean> {
  return async (found) => {
    const reference = parseReference(found.conversationRef);
    if (!reference?.conversation) return false;
    const text = proactiveText(found, deps.texts());
    try {
      if (reference.channelId === "directline" && (await deps.logs.has(reference.conversation.id))) {
        const message = render({ kind: "text", text, markdown: true }, reference.channelId);
        await deps.logs.append(reference.conversation.id, {
          ...message,
          from: { ...BOT_ACCOUNT },
          conversation: reference.conversation,
          channelId: "directline",
          timestamp: new Date(),
        });
        return true;
      }
      if (isLocalDirectLine(reference)) {
        deps.logger.info({ reference: found.reference }, "[dashboard] the customer's chat page conversation has ended: no proactive message; the customer sees the note when asking");
        return false;
      }
      if (!reference.serviceUrl) return false;
      let sent = false;
      let failure: unknown;
      await deps.adapter.continueConversationAsync(deps.appId, reference, async (context) => {
        try {
          // rendered for the customer's channel: plain text where Markdown would show literally (sms, e-mail)
          await context.sendActivity(render({ kind: "text", text, markdown: true }, reference.channelId));
          sent = true;
        } catch (error) {
          failure = error;
        }
      });
      if (!sent) deps.logger.warn({ err: failure, reference: found.reference, channelId: reference.channelId }, "[dashboard] proactive message not delivered; the customer sees the note when asking");
      return sent;
    } catch (error) {
      deps.logger.warn({ err: error, reference: found.reference, channelId: reference.channelId }, "[dashboard] proactive message not delivered; the customer sees the note when asking");
      return false;
    }
  };
}
