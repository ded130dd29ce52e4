import { ActivityHandler, type TurnContext } from "botbuilder";
import type { KnowledgeBase } from "../knowledge/types";
import type { Logger } from "../logger";
import type { Decision, Matcher } from "../matching/matcher";
import { answerReply, ButtonValue, didYouMeanReply, markdownReply } from "./replies";
import { TEXTS } from "./texts";

/** How many example questions the welcome, help and "don't know" texts list. */
export const SAMPLE_TOPIC_COUNT = 4;

export interface MemnunBotDeps {
  logger: Logger;
  /** The knowledge base snapshot to answer this turn from. */
  knowledge: () => KnowledgeBase;
  matcher: Matcher;
  /** Longest message searched; longer ones get a polite request to shorten. */
  maxMessageLength: number;
}

/** Spreads sample questions across the knowledge base instead of taking the first few files. */
export function sampleTopics(kb: KnowledgeBase, count = SAMPLE_TOPIC_COUNT): string[] {
  const entries = kb.entries;
  if (entries.length <= count) return entries.map((e) => e.question);
  const step = entries.length / count;
  return Array.from({ length: count }, (_, i) => entries[Math.floor(i * step)]?.question ?? "").filter((q) => q !== "");
}

/** The Turkish FAQ bot: welcomes, answers from the knowledge base, offers choices when unsure. */
export class MemnunBot extends ActivityHandler {
  constructor(private readonly deps: MemnunBotDeps) {
    super();

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (joined.length > 0) await context.sendActivity(markdownReply(TEXTS.welcome(this.topics())));
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private topics(): string[] {
    return sampleTopics(this.deps.knowledge());
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null) {
      await this.handleButton(context, value);
      return;
    }
    const text = typeof context.activity.text === "string" ? context.activity.text.trim() : "";
    if (text === "") {
      await context.sendActivity(context.activity.attachments?.length ? TEXTS.nonText : TEXTS.emptyMessage);
      return;
    }
    if (text.length > this.deps.maxMessageLength) {
      await context.sendActivity(TEXTS.messageTooLong(this.deps.maxMessageLength));
      return;
    }
    const kb = this.deps.knowledge();
    const decision = this.deps.matcher.match(text, kb);
    this.deps.logger.debug(
      { status: decision.status, smallTalk: decision.smallTalk, top: decision.candidates[0] },
      "[bot] matched",
    );
    await this.reply(context, decision, kb);
  }

  private async reply(context: TurnContext, decision: Decision, kb: KnowledgeBase): Promise<void> {
    switch (decision.smallTalk) {
      case "help":
        await context.sendActivity(markdownReply(TEXTS.help(this.topics())));
        return;
      case "greeting":
      case "thanks":
      case "goodbye":
        await context.sendActivity(TEXTS.smallTalk[decision.smallTalk]);
        return;
      case null:
        break;
    }
    const top = decision.candidates[0];
    const entry = top ? kb.byId.get(top.id) : undefined;
    if (decision.status === "answered" && entry) {
      await context.sendActivity(answerReply(entry, kb));
    } else if (decision.status === "ambiguous" && decision.suggestions.length > 0) {
      await context.sendActivity(didYouMeanReply(decision.suggestions));
    } else {
      await context.sendActivity(markdownReply(TEXTS.dontKnow(this.topics())));
    }
  }

  private async handleButton(context: TurnContext, raw: unknown): Promise<void> {
    const parsed = ButtonValue.safeParse(raw);
    if (!parsed.success) {
      this.deps.logger.warn("[bot] ignored a malformed button value");
      await context.sendActivity(TEXTS.staleChoice);
      return;
    }
    const value = parsed.data;
    if (value.action === "none-of-these") {
      await context.sendActivity(TEXTS.noneOfTheseReply);
      return;
    }
    const kb = this.deps.knowledge();
    const entry = kb.byId.get(value.id);
    if (!entry) {
      await context.sendActivity(TEXTS.staleChoice);
      return;
    }
    await context.sendActivity(answerReply(entry, kb));
  }
}
