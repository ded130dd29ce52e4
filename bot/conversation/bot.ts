import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from "botbuilder";
import { randomUUID } from "node:crypto";
import { SCALES, type AnswerEvent, type FeedbackEvent, type Origin } from "../feedback/events";
import type { Integrity } from "../feedback/integrity";
import type { FeedbackRecorder } from "../feedback/recorder";
import type { KnowledgeBase, KnowledgeEntry } from "../knowledge/types";
import type { Logger } from "../logger";
import type { RateLimit } from "../storage/rate-limit";
import { fold, turkishLower } from "../matching/analysis";
import type { Decision, Matcher } from "../matching/matcher";
import type { CaseFlow, CaseFlowState, CaseTurn } from "./case-flow";
import { answerReply, ButtonValue, commentPrompt, didYouMeanReply, markdownReply, surveyPrompt } from "./replies";
import { TEXTS } from "./texts";

/** How many example questions the welcome, help and "don't know" texts list. */
export const SAMPLE_TOPIC_COUNT = 4;
/** Ratings 1…this ask for a comment. Higher = more comment requests. */
export const COMMENT_AT_OR_BELOW = 2;
/** After this many rated answers in a conversation, NPS and CES are asked (once per conversation). */
export const SURVEY_AFTER_RATINGS = 3;
/** Rated answers remembered per conversation, to spot repeated clicks. */
const REMEMBERED_RATINGS = 50;

/** Where a conversation stands; kept in botbuilder conversation state, so any instance can carry on. */
export interface ConversationFlow {
  /** A low rating waiting for its optional comment. */
  comment?: { answerId: string; entryId: string; rating: number };
  /** The survey question currently asked. */
  survey?: "nps" | "ces";
  /** NPS/CES were offered in this conversation (they are offered once). */
  surveyOffered?: boolean;
  /**
   * A knowledge answer was given in this conversation. A flag, not a count: a question turn
   * then leaves the state unchanged, and unchanged state is not written back.
   */
  answered?: boolean;
  /** Answer id → rating given, newest last. */
  rated?: Array<[string, number]>;
  /** The complaint loop's place (see `CaseFlow`). */
  case?: CaseFlowState;
}

export interface MemnunBotDeps {
  logger: Logger;
  /** The knowledge base snapshot to answer this turn from. */
  knowledge: () => KnowledgeBase;
  matcher: Matcher;
  /** Longest message searched; longer ones get a polite request to shorten. */
  maxMessageLength: number;
  recorder: FeedbackRecorder;
  integrity: Integrity;
  /** Conversation state over shared storage (see `DatabaseStorage`). */
  conversationState: ConversationState;
  /** Messages per conversation; over the limit the user is asked to slow down and nothing else runs. */
  conversationLimit?: RateLimit;
  /** The complaint loop; without it no case is offered. */
  cases?: CaseFlow;
  now?: () => Date;
  newId?: () => string;
}

const ORIGIN_KEY = Symbol("memnun.origin");
const isOrigin = (value: unknown): value is Origin =>
  typeof value === "object" &&
  value !== null &&
  "conversation" in value &&
  typeof value.conversation === "string" &&
  "userHash" in value &&
  typeof value.userHash === "string";

/** Spreads sample questions across the knowledge base instead of taking the first few files. */
export function sampleTopics(kb: KnowledgeBase, count = SAMPLE_TOPIC_COUNT): string[] {
  const entries = kb.entries;
  if (entries.length <= count) return entries.map((e) => e.question);
  const step = entries.length / count;
  return Array.from({ length: count }, (_, i) => entries[Math.floor(i * step)]?.question ?? "").filter((q) => q !== "");
}

const QUESTION_WORDS = /(^|\s)(mi|mu|misin|misiniz|musun|musunuz|midir|mudur|nedir|nelerdir|neler|nasil|neden|niye|nicin|hangi|hangisi|kac|nerede|kim|ne)(\s|$)/;

/** Whether a message reads as a question (a question mark or a Turkish question word or particle). */
export function looksLikeQuestion(text: string): boolean {
  const folded = fold(turkishLower(text)).replace(/[^\p{L}\p{N}?]+/gu, " ").trim();
  return folded.endsWith("?") || QUESTION_WORDS.test(folded.replace(/\?/g, " "));
}

/** Parses a whole number in `[min, max]` from a button value or typed text; null otherwise. */
export function parseScore(raw: unknown, min: number, max: number): number | null {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d{1,2}$/.test(text)) return null;
  const score = Number(text);
  return score >= min && score <= max ? score : null;
}

/** The Turkish FAQ bot: answers from the knowledge base, offers choices when unsure, measures satisfaction. */
export class MemnunBot extends ActivityHandler {
  private readonly flow: StatePropertyAccessor<ConversationFlow>;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: MemnunBotDeps) {
    super();
    this.flow = deps.conversationState.createProperty<ConversationFlow>("memnun");
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (joined.length > 0) await context.sendActivity(markdownReply(TEXTS.welcome(this.topics())));
      await next();
    });

    this.onMessage(async (context, next) => {
      const limit = this.deps.conversationLimit;
      const key = `${context.activity.channelId}:${context.activity.conversation?.id ?? ""}`;
      if (limit && (await limit.take(key)) > 0) {
        this.deps.logger.warn({ channelId: context.activity.channelId }, "[bot] conversation over its message rate");
        await context.sendActivity(TEXTS.slowDown);
        return;
      }
      const flow = await this.loadFlow(context);
      await this.handleMessage(context, flow);
      await next();
    });
  }

  /** Runs the turn, then saves conversation state; a storage failure is logged, never shown. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    try {
      await this.deps.conversationState.saveChanges(context);
    } catch (error) {
      this.deps.logger.warn({ err: error }, "[bot] conversation state not saved");
    }
  }

  private async loadFlow(context: TurnContext): Promise<ConversationFlow> {
    try {
      return await this.flow.get(context, {});
    } catch (error) {
      this.deps.logger.warn({ err: error }, "[bot] conversation state unavailable; starting fresh");
      return {};
    }
  }

  private topics(): string[] {
    return sampleTopics(this.deps.knowledge());
  }

  /** The turn's pseudonymous conversation and user (two HMACs), computed once per turn. */
  private origin(context: TurnContext): Origin {
    const cached: unknown = context.turnState.get(ORIGIN_KEY);
    if (isOrigin(cached)) return cached;
    const { channelId, conversation, from } = context.activity;
    const origin: Origin = {
      conversation: this.deps.integrity.pseudonym(`conversation:${channelId}:${conversation?.id ?? ""}`),
      userHash: this.deps.integrity.pseudonym(`user:${channelId}:${from?.id ?? ""}`),
    };
    context.turnState.set(ORIGIN_KEY, origin);
    return origin;
  }

  private async record(event: FeedbackEvent): Promise<void> {
    const outcome = await this.deps.recorder.record(event);
    if (outcome === "queued") this.deps.logger.debug({ kind: event.kind }, "[bot] feedback queued for retry");
  }

  /**
   * Runs a step of the complaint loop on the conversation's case state; the state is kept only
   * while it holds something, so turns without a case leave the conversation state unchanged.
   */
  private async caseTurn(context: TurnContext, flow: ConversationFlow, step: (cases: CaseFlow, state: CaseFlowState, origin: Origin) => Promise<CaseTurn | true>): Promise<boolean> {
    const cases = this.deps.cases;
    if (!cases) return false;
    const state: CaseFlowState = { ...flow.case };
    const outcome = await step(cases, state, this.origin(context));
    if (Object.keys(state).length > 0) flow.case = state;
    else delete flow.case;
    if (outcome === "resume-survey") await this.nextSurveyStep(context, flow, "nps");
    return outcome !== false;
  }

  private async handleMessage(context: TurnContext, flow: ConversationFlow): Promise<void> {
    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null) {
      if (await this.caseTurn(context, flow, (cases, state, origin) => cases.handleButton(context, state, origin, value))) return;
      await this.handleButton(context, flow, value);
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
    if (flow.survey && (await this.surveyAnswer(context, flow, text))) return;
    // a pending comment takes the text first; the case is offered after it
    if ((!flow.comment || flow.case?.step) && (await this.caseTurn(context, flow, (cases, state, origin) => cases.handleText(context, state, origin, text)))) return;

    const kb = this.deps.knowledge();
    const decision = this.deps.matcher.match(text, kb);
    this.deps.logger.debug({ status: decision.status, smallTalk: decision.smallTalk, top: decision.candidates[0] }, "[bot] matched");

    if (flow.comment && decision.smallTalk === null) {
      const newQuestion = looksLikeQuestion(text) && decision.status !== "none";
      if (!newQuestion) {
        await this.storeComment(context, flow, text);
        return;
      }
    }
    delete flow.comment;
    await this.reply(context, flow, decision, kb);
  }

  private async reply(context: TurnContext, flow: ConversationFlow, decision: Decision, kb: KnowledgeBase): Promise<void> {
    switch (decision.smallTalk) {
      case "help":
        await context.sendActivity(markdownReply(TEXTS.help(this.topics())));
        return;
      case "greeting":
        await context.sendActivity(TEXTS.smallTalk.greeting);
        return;
      case "thanks":
      case "goodbye":
        await context.sendActivity(TEXTS.smallTalk[decision.smallTalk]);
        if (flow.answered) await this.maybeStartSurvey(context, flow, true);
        return;
      case null:
        break;
    }
    const top = decision.candidates[0];
    const questionId = this.newId();
    // a log: it joins the open batch and is written behind, so the answer does not wait for it
    await this.record({
      kind: "question",
      id: questionId,
      at: this.now().toISOString(),
      ...this.origin(context),
      query: decision.query,
      status: decision.status,
      entryId: top?.id ?? null,
      score: top?.score ?? 0,
    });
    const entry = top ? kb.byId.get(top.id) : undefined;
    if (decision.status === "answered" && entry) {
      await this.answer(context, flow, entry, kb, "match", questionId);
    } else if (decision.status === "ambiguous" && decision.suggestions.length > 0) {
      await context.sendActivity(didYouMeanReply(decision.suggestions, questionId));
    } else {
      await context.sendActivity(markdownReply(TEXTS.dontKnow(this.topics())));
    }
  }

  /** Sends an entry's answer with its rating buttons, and records the answer. */
  private async answer(
    context: TurnContext,
    flow: ConversationFlow,
    entry: KnowledgeEntry,
    kb: KnowledgeBase,
    source: AnswerEvent["source"],
    questionId: string | null,
  ): Promise<void> {
    const origin = this.origin(context);
    const answerId = this.newId();
    await this.record({ kind: "answer", id: answerId, at: this.now().toISOString(), ...origin, entryId: entry.id, source, questionId });
    flow.answered = true;
    const signature = this.deps.integrity.sign(answerId, entry.id, origin.conversation);
    await context.sendActivity(answerReply(entry, kb, { answerId, entryId: entry.id, signature }));
  }

  private async handleButton(context: TurnContext, flow: ConversationFlow, raw: unknown): Promise<void> {
    const parsed = ButtonValue.safeParse(raw);
    if (!parsed.success) {
      this.deps.logger.warn("[bot] ignored a malformed button value");
      await context.sendActivity(TEXTS.staleChoice);
      return;
    }
    const value = parsed.data;
    switch (value.action) {
      case "none-of-these":
        await context.sendActivity(TEXTS.noneOfTheseReply);
        return;
      case "answer": {
        const kb = this.deps.knowledge();
        const entry = kb.byId.get(value.id);
        if (!entry) {
          await context.sendActivity(TEXTS.staleChoice);
          return;
        }
        delete flow.comment;
        const questionId = value.question && /^[\w-]{1,64}$/.test(value.question) ? value.question : null;
        await this.answer(context, flow, entry, kb, value.source, questionId);
        return;
      }
      case "rate":
        await this.rate(context, flow, value.answer, value.entry, value.rating, value.sig);
        return;
      case "skip-comment":
        if (flow.comment) {
          delete flow.comment;
          await context.sendActivity(TEXTS.commentSkipped);
          await this.maybeStartSurvey(context, flow, false);
        } else {
          await context.sendActivity(TEXTS.commentSkipped);
        }
        return;
      case "nps":
      case "ces":
        await this.surveyScore(context, flow, value.action, value.score);
        return;
      case "skip-survey":
        await this.nextSurveyStep(context, flow, value.step);
        return;
    }
  }

  private async rate(context: TurnContext, flow: ConversationFlow, answerId: string, entryId: string, raw: unknown, signature: string): Promise<void> {
    const origin = this.origin(context);
    const rating = parseScore(raw, SCALES.csat.min, SCALES.csat.max);
    if (rating === null || !this.deps.integrity.verify(signature, answerId, entryId, origin.conversation)) {
      this.deps.logger.warn({ entryId }, "[bot] refused an invalid or forged rating");
      await context.sendActivity(TEXTS.invalidFeedback);
      return;
    }
    const rated = flow.rated ?? [];
    const previous = rated.find(([id]) => id === answerId);
    if (previous && previous[1] === rating) {
      await context.sendActivity(TEXTS.alreadyRated);
      return;
    }
    await this.record({ kind: "rating", answerId, entryId, rating, at: this.now().toISOString(), ...origin });
    if (previous) {
      previous[1] = rating;
    } else {
      rated.push([answerId, rating]);
      flow.rated = rated.slice(-REMEMBERED_RATINGS);
    }
    if (rating <= COMMENT_AT_OR_BELOW) {
      flow.comment = { answerId, entryId, rating };
      await context.sendActivity(commentPrompt());
      return;
    }
    await context.sendActivity(previous ? TEXTS.ratingChanged : TEXTS.ratingThanks);
    await this.maybeStartSurvey(context, flow, false);
  }

  private async storeComment(context: TurnContext, flow: ConversationFlow, text: string): Promise<void> {
    const pending = flow.comment;
    if (!pending) return;
    delete flow.comment;
    await this.record({
      kind: "comment",
      id: this.newId(),
      answerId: pending.answerId,
      entryId: pending.entryId,
      rating: pending.rating,
      text,
      at: this.now().toISOString(),
      ...this.origin(context),
    });
    await context.sendActivity(TEXTS.commentThanks);
    const offered = await this.caseTurn(context, flow, async (cases, state, origin) => {
      await cases.offer(context, state, origin, { source: "rating", text, answerId: pending.answerId, entryId: pending.entryId, rating: pending.rating, score: null }, "rating");
      return "handled";
    });
    if (!offered) await this.maybeStartSurvey(context, flow, false);
  }

  /** Starts NPS once per conversation: on thanks or goodbye, or after enough rated answers. */
  private async maybeStartSurvey(context: TurnContext, flow: ConversationFlow, farewell: boolean): Promise<void> {
    if (flow.surveyOffered || flow.comment) return;
    if (!farewell && (flow.rated?.length ?? 0) < SURVEY_AFTER_RATINGS) return;
    flow.surveyOffered = true;
    flow.survey = "nps";
    await context.sendActivity(surveyPrompt("nps"));
  }

  /** A typed reply while a survey question is open: a score, an out-of-range number, or something else. */
  private async surveyAnswer(context: TurnContext, flow: ConversationFlow, text: string): Promise<boolean> {
    const step = flow.survey;
    if (!step) return false;
    if (/^\d{1,3}$/.test(text)) {
      await this.surveyScore(context, flow, step, text);
      return true;
    }
    // anything else leaves the survey; the message is handled as usual
    delete flow.survey;
    return false;
  }

  private async surveyScore(context: TurnContext, flow: ConversationFlow, step: "nps" | "ces", raw: unknown): Promise<void> {
    const { min, max } = SCALES[step];
    const score = parseScore(raw, min, max);
    if (score === null) {
      await context.sendActivity(TEXTS.surveyRange(min, max));
      return;
    }
    await this.record({ kind: step, score, at: this.now().toISOString(), ...this.origin(context) });
    if (step === "nps" && (await this.caseTurn(context, flow, (cases, state, origin) => cases.afterNps(context, state, origin, score)))) {
      // CES follows once the offered case is settled
      delete flow.survey;
      return;
    }
    await this.nextSurveyStep(context, flow, step);
  }

  private async nextSurveyStep(context: TurnContext, flow: ConversationFlow, step: "nps" | "ces"): Promise<void> {
    if (step === "nps") {
      flow.survey = "ces";
      await context.sendActivity(surveyPrompt("ces"));
    } else {
      delete flow.survey;
      await context.sendActivity(TEXTS.surveyThanks);
    }
  }
}
