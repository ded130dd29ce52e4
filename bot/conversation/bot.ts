import { ActivityHandler, StatusCodes, TurnContext, type Activity, type ConversationState, type InvokeResponse, type StatePropertyAccessor } from "botbuilder";
import { randomUUID } from "node:crypto";
import { maskContactDetails } from "../cases/contact";
import { cleanText } from "../clean-text";
import { MAX_CHANNEL_CHARS, MAX_COMMENT_CHARS, SCALES, type AnswerEvent, type FeedbackEvent, type Origin, type QuestionEvent } from "../feedback/events";
import type { Integrity } from "../feedback/integrity";
import type { FeedbackRecorder } from "../feedback/recorder";
import type { KnowledgeBase, KnowledgeEntry } from "../knowledge/types";
import type { Logger } from "../logger";
import type { RateLimit } from "../storage/rate-limit";
import { StateConflictError } from "../storage/state-store";
import type { Decision, Matcher } from "../matching/matcher";
import { isFrustration } from "../matching/case-intent";
import { classifySmallTalk } from "../matching/small-talk";
import type { CaseFlow, CaseFlowState, CaseTurn } from "./case-flow";
import { replaceClickedCard } from "./clicked-card";
import { choiceLabels, type ChoiceLabel } from "./choice-labels";
import { ButtonValue, controlsSendText, followUpsOf, render, type Choice, type Reply } from "./render";
import { botTexts, TEXTS } from "./texts";
import { afterSaved, HeldTurn, TurnQueue } from "./turns";
import { isLabel, isRefusal, isSkip, isWish, isWordless, looksLikeQuestion, typedNumber, typedRating, typedScore, wishOf, wordedRating, wordedScore, type Wish } from "./typed";

/** How many example questions the welcome, help and "don't know" texts list. */
export const SAMPLE_TOPIC_COUNT = 4;
/** Ratings 1…this ask for a comment. Higher = more comment requests. */
export const COMMENT_AT_OR_BELOW = 2;
/** After this many rated answers in a conversation, NPS and CES are asked (once per conversation). */
export const SURVEY_AFTER_RATINGS = 3;
/**
 * After this many "don't know" replies in a row, the bot offers the way to a person (a case its
 * team answers), once per conversation. Lower = offered sooner; 1 would offer it on every first miss.
 */
export const ESCALATE_AFTER_MISSES = 2;
/**
 * Times a turn is run when another instance keeps changing its conversation meanwhile (see
 * `MemnunBot.run`); then the customer is asked to send it again. Higher = more work redone under contention.
 */
export const TURN_ATTEMPTS = 3;
/** Rated answers remembered per conversation, to spot repeated clicks. */
const REMEMBERED_RATINGS = 50;
/** "Did you mean" choices answered, remembered per conversation, to spot repeated clicks. */
const REMEMBERED_CHOICES = 20;

/** Where a conversation stands; kept in botbuilder conversation state, so any instance can carry on. */
/** A low rating waiting for its comment. */
export interface PendingComment {
  answerId: string;
  entryId: string;
  rating: number;
}

export interface ConversationFlow {
  /** A low rating waiting for its optional comment. */
  comment?: PendingComment;
  /** The survey question currently asked. */
  survey?: "nps" | "ces";
  /** NPS/CES were offered in this conversation (they are offered once). */
  surveyOffered?: boolean;
  /**
   * The id the survey's score buttons are signed with (`Integrity.signSurvey`), set when NPS is
   * asked: a button value counts only with this conversation's survey and a valid signature.
   */
  surveyId?: string;
  /** The user said goodbye while the survey was asked: the goodbye comes once it is over. */
  farewellPending?: boolean;
  /** The wish that goodbye returns in kind ("iyi akşamlar"); without one, the plain goodbye. */
  farewellWish?: string;
  /** Acknowledgements answered so far, to vary the reply. */
  acknowledged?: number;
  /**
   * A knowledge answer was given in this conversation. A flag, not a count: a question turn
   * then leaves the state unchanged, and unchanged state is not written back.
   */
  answered?: boolean;
  /** Answer id → rating given, newest last. */
  rated?: Array<[string, number]>;
  /** "Don't know" replies in a row since the last answer or "did you mean" (see `ESCALATE_AFTER_MISSES`). */
  misses?: number;
  /** The way to a person was offered after repeated "don't know" or an angry message: not offered so again. */
  escalated?: boolean;
  /** The complaint loop's place (see `CaseFlow`). */
  case?: CaseFlowState;
  /**
   * "Did you mean" choices answered, as [logged question, entry] pairs, newest last: the same
   * choice clicked again (a double click) is not answered or counted again; another choice on the
   * same card is (Teams keeps the card clickable).
   */
  chosen?: Array<[string, string]>;
  /** Survey questions answered with a score; their cards stay clickable in some channels. */
  surveyAnswered?: Array<"nps" | "ces">;
  /**
   * What a message typed next stands for, on every channel, as the button it stands for would:
   * right after an answer a number, a rating button's label or a rating in words is its rating
   * (with its signature, checked like a click; `reminded` once a plain yes or no was asked for a
   * number), and one of its follow-ups' labels or questions is that follow-up's click; a choice's number,
   * label (its question) or "Hiçbiri" answers the "did you mean" just asked. Set by the bot's
   * reply, ended by the next message or click (a typed rating keeps it).
   */
  expects?:
    | { kind: "rating"; answerId: string; entryId: string; signature: string; followUps?: Array<{ id: string; title: string }>; reminded?: boolean }
    | { kind: "choice"; ids: string[]; question: string | null; signatures?: Record<string, string> };
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
/** Where a turn keeps its id, the same in each of its attempts (`MemnunBot.turnId`). */
const TURN_ID_KEY = Symbol("memnun.turnId");
const isOrigin = (value: unknown): value is Origin =>
  typeof value === "object" &&
  value !== null &&
  "conversation" in value &&
  typeof value.conversation === "string" &&
  "userHash" in value &&
  typeof value.userHash === "string";

/**
 * Entries to offer as topics: one from each top-level folder (or file) of the knowledge base in
 * turn, so help shows its breadth, not the first few files. Follow-up-only entries are left out.
 */
export function topicEntries(kb: KnowledgeBase, count = SAMPLE_TOPIC_COUNT): KnowledgeEntry[] {
  const groups = new Map<string, KnowledgeEntry[]>();
  for (const entry of kb.entries) {
    if (entry.contextOnly === true) continue;
    const group = entry.source.file.split("/")[0] ?? "";
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const picked: KnowledgeEntry[] = [];
  for (let round = 0; picked.length < count; round += 1) {
    const before = picked.length;
    for (const entries of groups.values()) {
      const entry = entries[round];
      if (entry && picked.length < count) picked.push(entry);
    }
    if (picked.length === before) break;
  }
  return picked;
}

/**
 * Below this score the entries closest to an unanswered question share little with it: "don't
 * know" then offers a spread of topics instead. Higher = closest entries offered less often.
 */
export const CLOSEST_TOPIC_MIN_CONFIDENCE = 0.25;

/** Topic buttons: each asks its entry, as a follow-up button does. */
function topicChoices(entries: readonly KnowledgeEntry[]): Choice[] {
  return entries.map((entry) => ({ title: entry.question, value: { action: "answer", id: entry.id, source: "followup" }, typed: entry.question }));
}

/** Spreads sample questions across the knowledge base instead of taking the first few files. */
export function sampleTopics(kb: KnowledgeBase, count = SAMPLE_TOPIC_COUNT): string[] {
  const entries = kb.entries;
  if (entries.length <= count) return entries.map((e) => e.question);
  const step = entries.length / count;
  return Array.from({ length: count }, (_, i) => entries[Math.floor(i * step)]?.question ?? "").filter((q) => q !== "");
}

/** The goodbye that returns `wish` in kind, or the plain one. */
const farewell = (wish: Wish | null): string => (wish ? TEXTS.smallTalk.wishBack[wish] : TEXTS.smallTalk.goodbye);

/** Parses a whole number in `[min, max]` from a button value or typed text; null otherwise. */
export function parseScore(raw: unknown, min: number, max: number): number | null {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d{1,2}$/.test(text)) return null;
  const score = Number(text);
  return score >= min && score <= max ? score : null;
}

/**
 * The message's text without the bot's own @mention: Teams writes a mention into the text
 * (`<at>Memnun</at> nps nedir`), in a channel or group chat and when a user mentions the bot in a
 * personal chat. Only the mention of this bot (the activity's recipient) goes; others are words.
 */
export function textWithoutMention(activity: Activity): string | undefined {
  if (typeof activity.text !== "string") return undefined;
  const botId = activity.recipient?.id;
  const mentioned = botId !== undefined && TurnContext.getMentions(activity).some((m) => m.mentioned?.id === botId && typeof m.text === "string" && m.text !== "");
  return mentioned ? TurnContext.removeRecipientMention(activity) : activity.text;
}

/**
 * Whether this choice of this "did you mean" was answered. State saved before the pairs held only
 * the question: such an entry is not an array, and matches nothing.
 */
function wasChosen(flow: ConversationFlow, questionId: string, entryId: string): boolean {
  return (flow.chosen ?? []).some((pair) => Array.isArray(pair) && pair[0] === questionId && pair[1] === entryId);
}

function markChosen(flow: ConversationFlow, questionId: string, entryId: string): void {
  const pairs = (flow.chosen ?? []).filter((pair) => Array.isArray(pair));
  flow.chosen = [...pairs, [questionId, entryId] satisfies [string, string]].slice(-REMEMBERED_CHOICES);
}

/** The Turkish FAQ bot: answers from the knowledge base, offers choices when unsure, measures satisfaction. */
export class MemnunBot extends ActivityHandler {
  private readonly flow: StatePropertyAccessor<ConversationFlow>;
  private readonly turns = new TurnQueue();
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
      if (joined.length > 0) {
        const kb = this.deps.knowledge();
        await this.say(context, { kind: "text", text: TEXTS.welcome(botTexts(kb.botTexts).welcome, sampleTopics(kb)), markdown: true });
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const flow = await this.loadFlow(context);
      await this.handleMessage(context, flow);
      await next();
    });
  }

  /**
   * Runs a turn once the conversation's earlier turns have ended (`TurnQueue`), so a double click
   * acts on the state the first click left. The turn's replies go out once its state is saved. A
   * conflict (another instance changed the conversation since it was read) runs the turn again on
   * the newer state, up to `TURN_ATTEMPTS` times, then tells the customer to send it again; what an
   * attempt stored stays (feedback and cases are stored once per rating, survey and offer), and
   * question and answer logs wait, with the replies, for the attempt whose state is saved. Any
   * other storage failure is logged, never shown, and the replies go out.
   */
  override async run(context: TurnContext): Promise<void> {
    const key = `${context.activity.channelId}:${context.activity.conversation?.id ?? ""}`;
    const limit = this.deps.conversationLimit;
    if (context.activity.type === "message" && limit && (await limit.take(key)) > 0) {
      this.deps.logger.warn({ channelId: context.activity.channelId }, "[bot] conversation over its message rate");
      await context.sendActivity(TEXTS.slowDown);
      return;
    }
    this.turnId(context);
    if (!(await this.turns.run(key, () => this.attempts(context)))) {
      this.deps.logger.warn({ channelId: context.activity.channelId }, "[bot] too many turns waiting in one conversation");
      await context.sendActivity(TEXTS.slowDown);
    }
  }

  /**
   * An invoke the bot has no handler for (Teams sends some: a task module, a message extension, a
   * card's `Action.Execute`) is acknowledged with 200 and no body, as any other activity the bot
   * does not use is accepted and ignored. botbuilder answers it 501: a 5xx, which reads as the
   * bot failing (QA 48).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status !== Number(StatusCodes.NOT_IMPLEMENTED)) return response;
    this.deps.logger.debug({ channelId: context.activity.channelId }, "[bot] an invoke the bot has no handler for was acknowledged");
    return { status: StatusCodes.OK };
  }

  private async attempts(context: TurnContext): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const turn = new HeldTurn(context, (error) =>
        this.deps.logger.warn({ err: error instanceof Error ? error.message : String(error), channelId: context.activity.channelId }, "[bot] clicked card not updated"),
      );
      try {
        await super.run(turn.context);
      } catch (error) {
        // what was said before the failure is said, then the adapter apologizes
        await turn.release();
        throw error;
      }
      try {
        await this.deps.conversationState.saveChanges(turn.context);
      } catch (error) {
        if (error instanceof StateConflictError) {
          if (attempt < TURN_ATTEMPTS) {
            this.deps.logger.info({ attempt }, "[bot] conversation changed by another turn meanwhile; running the turn again");
            continue;
          }
          this.deps.logger.warn({ attempts: attempt }, "[bot] conversation kept changing under the turn; the customer is asked to send it again");
          await context.sendActivity(TEXTS.turnConflict);
          return;
        }
        this.deps.logger.warn({ err: error }, "[bot] conversation state not saved");
      }
      await turn.release();
      return;
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

  /** Sends a reply rendered for the turn's channel. */
  private async say(context: TurnContext, reply: Reply): Promise<void> {
    await context.sendActivity(render(reply, context.activity.channelId));
  }

  /** The turn's pseudonymous conversation and user (two HMACs), computed once per turn. */
  private origin(context: TurnContext): Origin {
    const cached: unknown = context.turnState.get(ORIGIN_KEY);
    if (isOrigin(cached)) return cached;
    const { channelId, conversation, from } = context.activity;
    const origin: Origin = {
      conversation: this.deps.integrity.pseudonym(`conversation:${channelId}:${conversation?.id ?? ""}`),
      userHash: this.deps.integrity.pseudonym(`user:${channelId}:${from?.id ?? ""}`),
      channel: (channelId ?? "").slice(0, MAX_CHANNEL_CHARS),
    };
    context.turnState.set(ORIGIN_KEY, origin);
    return origin;
  }

  /**
   * The turn's id, the same in every attempt (each attempt's context starts with the turn's own
   * state): what a turn stores at most once and must be durable before its attempt goes on (a
   * comment) is keyed by it, so an attempt run again writes the first one's row again, a no-op.
   */
  private turnId(context: TurnContext): string {
    const kept: unknown = context.turnState.get(TURN_ID_KEY);
    if (typeof kept === "string") return kept;
    const id = this.newId();
    context.turnState.set(TURN_ID_KEY, id);
    return id;
  }

  /** Records an event; true once it is durable (stored, spooled, or a log written behind). */
  private async record(event: FeedbackEvent): Promise<boolean> {
    const outcome = await this.deps.recorder.record(event);
    if (outcome === "queued") this.deps.logger.debug({ kind: event.kind }, "[bot] feedback queued for retry");
    if (outcome === "unsaved" || outcome === "rejected") {
      this.deps.logger.warn({ kind: event.kind, outcome }, "[bot] feedback could not be saved; the user is told");
      return false;
    }
    return true;
  }

  /**
   * Logs a question or an answer once the turn's state is saved (`afterSaved`), with its replies:
   * an attempt run again on a newer state logs nothing, so each turn's rows are those of the
   * attempt the customer saw. A log joins the recorder's open batch and is written behind, so no
   * reply waits for it.
   */
  private log(context: TurnContext, event: QuestionEvent | AnswerEvent): void {
    afterSaved(context, () => void this.record(event));
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
      // the click is answered: a number typed next no longer stands for what was asked before it
      delete flow.expects;
      await this.click(context, flow, value);
      return;
    }
    // cleaned at the edge: control characters (a NUL byte…) are never matched, stored or logged
    const raw = textWithoutMention(context.activity);
    const text = raw === undefined ? "" : cleanText(raw).trim();
    if (isWordless(text)) {
      await context.sendActivity(context.activity.attachments?.length ? TEXTS.nonText : TEXTS.emptyMessage);
      return;
    }
    if (await this.tooLong(context, flow, text)) return;
    // before any step that would take the words as its answer (a comment, a score, a description)
    if (classifySmallTalk(text) === "restart") {
      await this.restart(context, flow);
      return;
    }
    if (flow.survey && (await this.surveyAnswer(context, flow, text))) return;
    const expected = flow.expects;
    delete flow.expects;
    // before the case flow, which would read a follow-up such as "Müşteri temsilcisine bağlan" as
    // a request for a person, and before a pending comment, which a follow-up's click drops too;
    // not while the case flow waits for a description or contact details, which take any words
    const followUp = expected?.kind === "rating" && !flow.case?.step ? this.typedFollowUp(expected, text) : null;
    if (followUp) {
      await this.click(context, flow, followUp);
      return;
    }
    const kb = this.deps.knowledge();
    // matched once, when first needed: the case flow asks for it only where the knowledge may win
    let matched: Decision | undefined;
    const match = (): Decision => (matched ??= this.deps.matcher.match(text, kb));
    // a pending comment takes the text first; the case is offered after it
    if ((!flow.comment || flow.case?.step) && (await this.caseTurn(context, flow, (cases, state, origin) => cases.handleText(context, state, origin, text, match)))) return;
    if (expected && (await this.typedChoice(context, flow, expected, text))) return;

    const decision = match();
    this.deps.logger.debug({ status: decision.status, smallTalk: decision.smallTalk, top: decision.candidates[0] }, "[bot] matched");

    // "geç", or a refusal as the whole message ("hayır", "boşver", "iptal"): no comment to store
    if (flow.comment && (isSkip(text) || isRefusal(text))) {
      await this.skipComment(context, flow);
      return;
    }
    if (flow.comment && decision.smallTalk === null) {
      // the words right after a low rating are its comment, even when they also ask something:
      // then the question is answered too, and no case is offered under that answer (it would
      // read as about the answer just given, and take its rating buttons' place where only the
      // last message keeps its buttons); rated low in turn, that answer brings the offer
      const comment = maskContactDetails(text, TEXTS.maskedDetails);
      const stored = await this.storeComment(context, flow, comment, comment !== text);
      if (looksLikeQuestion(text) && decision.status !== "none") await this.reply(context, flow, decision, kb);
      else if (stored) await this.afterComment(context, flow, stored, comment);
      return;
    }
    delete flow.comment;
    await this.reply(context, flow, decision, kb);
  }

  /**
   * Whether the message is longer than what it is taken as keeps, and was asked to be shortened:
   * a question over `maxMessageLength`; a complaint's description or a low rating's comment over
   * that or what is stored of it (`MAX_CASE_TEXT_CHARS`, `MAX_COMMENT_CHARS`; the message limit may
   * be higher), which stays asked for as what it is. Before, such a description or comment was
   * cut silently, and a description over the message limit was asked to be shortened as a question.
   */
  private async tooLong(context: TurnContext, flow: ConversationFlow, text: string): Promise<boolean> {
    const max = this.deps.maxMessageLength;
    if (text.length > max && (await this.caseTurn(context, flow, (cases, state, origin) => cases.tooLong(context, state, origin, max)))) return true;
    // the case flow takes the words while it waits for some (`handleMessage`), else a pending comment does
    const comment = flow.comment !== undefined && !flow.case?.step;
    const limit = comment ? Math.min(max, MAX_COMMENT_CHARS) : max;
    if (text.length <= limit) return false;
    await context.sendActivity((comment ? TEXTS.commentTooLong : TEXTS.messageTooLong)(limit));
    return true;
  }

  /**
   * "baştan başla": drops whatever the conversation was waiting for (a comment, a survey question
   * and the goodbye it held back, a "did you mean", a case offer, description or contact consent;
   * nothing of it is stored) and offers topics. What happened stays: ratings given, and the
   * survey once offered is not offered again.
   */
  private async restart(context: TurnContext, flow: ConversationFlow): Promise<void> {
    this.leaveSurvey(flow);
    for (const key of ["comment", "expects"] as const) delete flow[key];
    // an offer declined stays declined: the bot still offers no case of its own accord
    if (flow.case?.declined) flow.case = { declined: true };
    else delete flow.case;
    await this.offerTopics(context, TEXTS.restarted, TEXTS.restartedNoTopics);
  }

  /** `text` and topic buttons spread across the knowledge base, or `withoutTopics` where it has none to offer. */
  private async offerTopics(context: TurnContext, text: string, withoutTopics: string): Promise<void> {
    const topics = topicEntries(this.deps.knowledge());
    await this.say(context, { kind: "choices", text: topics.length > 0 ? text : withoutTopics, markdown: true, choices: topicChoices(topics) });
  }

  private async greet(context: TurnContext, kb: KnowledgeBase): Promise<void> {
    // editors may write Markdown here, as in the welcome; text-only channels get it plain
    await this.say(context, { kind: "text", text: botTexts(kb.botTexts).greeting, markdown: true });
  }

  /**
   * Says goodbye, returning the wish `text` holds in kind ("iyi akşamlar"), else `plain`; the
   * survey first when it is due (the plain goodbye follows it).
   */
  private async goodbye(context: TurnContext, flow: ConversationFlow, text: string, plain: string = TEXTS.smallTalk.goodbye): Promise<void> {
    const wish = wishOf(text);
    // the survey comes before the goodbye, not after it
    if (flow.answered && this.surveyDue(flow, true)) {
      flow.farewellPending = true;
      if (wish) flow.farewellWish = wish;
      await context.sendActivity(TEXTS.surveyBeforeGoodbye);
      await this.maybeStartSurvey(context, flow, true);
      return;
    }
    await context.sendActivity(wish ? farewell(wish) : plain);
  }

  /** The goodbye the survey held back, ending the hold; null when none is held. */
  private heldFarewell(flow: ConversationFlow): string | null {
    const held = flow.farewellPending ? farewell(isWish(flow.farewellWish) ? flow.farewellWish : null) : null;
    delete flow.farewellPending;
    delete flow.farewellWish;
    return held;
  }

  private async reply(context: TurnContext, flow: ConversationFlow, decision: Decision, kb: KnowledgeBase): Promise<void> {
    switch (decision.smallTalk) {
      case "restart":
        await this.restart(context, flow);
        return;
      case "help":
        await this.offerTopics(context, TEXTS.help, TEXTS.helpNoTopics);
        return;
      case "wish":
        // "iyi günler" opens a conversation and closes one that got its answers
        if (flow.answered) await this.goodbye(context, flow, decision.query);
        else await this.greet(context, kb);
        return;
      case "greeting":
        await this.greet(context, kb);
        return;
      case "acknowledgement": {
        const count = flow.acknowledged ?? 0;
        flow.acknowledged = count + 1;
        await context.sendActivity(TEXTS.acknowledgements[count % TEXTS.acknowledgements.length] ?? TEXTS.acknowledgements[0]);
        return;
      }
      case "decline":
      case "reaction":
      case "displeasure":
      case "identity":
        await context.sendActivity(TEXTS.smallTalk[decision.smallTalk]);
        return;
      case "goodbye":
        await this.goodbye(context, flow, decision.query);
        return;
      case "politeDecline":
        // "hayır teşekkürler" with no yes/no question waiting (those read it as their "no" before
        // small talk): the customer is done, as after a goodbye
        await this.goodbye(context, flow, decision.query, TEXTS.smallTalk.politeDecline);
        return;
      case "thanks":
        await context.sendActivity(TEXTS.smallTalk.thanks);
        if (flow.answered) await this.maybeStartSurvey(context, flow, true);
        return;
      case null:
        break;
    }
    const top = decision.candidates[0];
    const questionId = this.newId();
    // logged once the turn's state is saved (`log`): what the customer typed, with the contact
    // details they typed masked (reports, exports and `kb:recommend` show it; `--apply` writes it
    // into the knowledge)
    this.log(context, {
      kind: "question",
      id: questionId,
      at: this.now().toISOString(),
      ...this.origin(context),
      query: maskContactDetails(decision.query, TEXTS.maskedDetails),
      status: decision.status,
      entryId: top?.id ?? null,
      confidence: top?.confidence ?? 0,
    });
    const entry = top ? kb.byId.get(top.id) : undefined;
    if (decision.status === "answered" && entry) {
      delete flow.misses;
      await this.answer(context, flow, entry, kb, "match", questionId);
    } else if (decision.status === "ambiguous" && decision.suggestions.length > 0) {
      delete flow.misses;
      const { conversation } = this.origin(context);
      // choices that read the same are told apart, or offered once when they answer the same
      const labels = new Map(choiceLabels(decision.suggestions.map((c) => c.id), kb).map(({ id, label }) => [id, label]));
      const suggestions = decision.suggestions.flatMap((c) => {
        const label = labels.get(c.id);
        return label === undefined ? [] : [{ ...c, question: label }];
      });
      const signatures = Object.fromEntries(suggestions.map((c) => [c.id, this.deps.integrity.signChoice(questionId, c.id, conversation)]));
      await this.say(context, { kind: "did-you-mean", suggestions, offer: { questionId, signatures } });
      // on every channel: customers shown buttons type "2" or "hiçbiri" too
      flow.expects = { kind: "choice", ids: suggestions.map((c) => c.id), question: questionId, signatures };
    } else {
      flow.misses = (flow.misses ?? 0) + 1;
      if ((flow.misses >= ESCALATE_AFTER_MISSES || isFrustration(decision.query)) && (await this.escalate(context, flow))) return;
      // the entries closest to the question, or else a spread of topics, as buttons
      const closest = decision.candidates.filter((c) => c.confidence >= CLOSEST_TOPIC_MIN_CONFIDENCE).flatMap((c) => kb.byId.get(c.id) ?? []);
      const offered = closest.length > 0 ? closest.slice(0, SAMPLE_TOPIC_COUNT) : topicEntries(kb);
      const text = closest.length > 0 ? TEXTS.dontKnowClosest : offered.length > 0 ? TEXTS.dontKnow : TEXTS.dontKnowNoTopics;
      await this.say(context, { kind: "choices", text, markdown: true, choices: topicChoices(offered) });
    }
  }

  /**
   * Offers the way to a person, a case the team answers, where the bot keeps failing: after
   * `ESCALATE_AFTER_MISSES` "don't know" replies in a row or an angry message ("bu bot hiçbir işe
   * yaramıyor"). Once per conversation, and not after the customer declined an offer there; false
   * when not offered (then "don't know" is said as usual).
   */
  private async escalate(context: TurnContext, flow: ConversationFlow): Promise<boolean> {
    if (flow.escalated) return false;
    const offered = await this.caseTurn(context, flow, async (cases, state, origin) =>
      (await cases.offer(context, state, origin, { source: "intent", text: null, answerId: null, entryId: null, rating: null, score: null }, "escalation")) ? "handled" : false,
    );
    if (offered) {
      flow.escalated = true;
      delete flow.misses;
    }
    return offered;
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
    this.log(context, { kind: "answer", id: answerId, at: this.now().toISOString(), ...origin, entryId: entry.id, source, questionId });
    flow.answered = true;
    const signature = this.deps.integrity.sign(answerId, entry.id, origin.conversation);
    const followUps = followUpsOf(entry, kb);
    await this.say(context, { kind: "answer", entry, followUps, rating: { answerId, entryId: entry.id, signature } });
    // on every channel: customers shown rating buttons type "4" too, and a follow-up's label
    flow.expects = {
      kind: "rating",
      answerId,
      entryId: entry.id,
      signature,
      ...(followUps.length > 0 ? { followUps: followUps.map(({ id, title }) => ({ id, title })) } : {}),
    };
  }

  /**
   * A message sent right after an answer or a "did you mean", on any channel: a rating, a
   * choice's number or label, or "Hiçbiri". Returns false
   * when it is none of these, and the message is handled as usual (a new question).
   */
  private async typedChoice(context: TurnContext, flow: ConversationFlow, expected: NonNullable<ConversationFlow["expects"]>, text: string): Promise<boolean> {
    if (expected.kind === "rating") return this.rateTyped(context, flow, expected, text);
    const number = typedNumber(text);
    const kb = this.deps.knowledge();
    if (number === null && (isLabel(text, TEXTS.noneOfThese, ...TEXTS.noneOfTheseTyped) || isRefusal(text))) {
      // the "Hiçbiri" button typed, or a "no" to "Bunu mu demek istediniz?" ("hayır", "hayır
      // teşekkürler", "yok sağol"): no question to log, nothing left unanswered
      await context.sendActivity(TEXTS.noneOfTheseReply);
      return true;
    }
    // a choice's label as its button shows it; or its question, when no other choice has that question
    const choices = choiceLabels(expected.ids, kb);
    const byQuestion = (candidate: ChoiceLabel): boolean => {
      const question = kb.byId.get(candidate.id)?.question ?? "";
      return isLabel(text, question) && choices.filter((other) => isLabel(question, kb.byId.get(other.id)?.question ?? "")).length === 1;
    };
    const id = number === null ? (choices.find((candidate) => isLabel(text, candidate.label)) ?? choices.find(byQuestion))?.id : expected.ids[Number(number) - 1];
    if (number === null && id === undefined) return false;
    const entry = id === undefined ? undefined : kb.byId.get(id);
    if (!entry) {
      // a number beyond the choices: a mistyped choice where choices are numbered or come back as
      // text; where they are buttons without numbers, a new question
      if (!controlsSendText(context.activity.channelId)) return false;
      flow.expects = expected;
      await context.sendActivity(TEXTS.surveyRange(1, expected.ids.length));
      return true;
    }
    const questionId = this.offeredQuestion(context, entry.id, expected.question, expected.signatures?.[entry.id]);
    await this.answer(context, flow, entry, kb, "suggestion", questionId);
    if (questionId !== null) markChosen(flow, questionId, entry.id);
    return true;
  }

  /**
   * A message right after an answer that rates it: a number, a button's label or emoji, a number
   * in a sentence, or words ("berbat", "süper ya"); a plain yes or no gets the buttons once more
   * (`TEXTS.csatWords` says why), and a number off the scale the range with the buttons. While
   * the rating's comment is asked for, only a number rates again: words are the comment ("hiç",
   * "yok"). Returns false when the message is none of these.
   */
  private async rateTyped(context: TurnContext, flow: ConversationFlow, expected: Extract<NonNullable<ConversationFlow["expects"]>, { kind: "rating" }>, text: string): Promise<boolean> {
    const reading = typedRating(text) ?? (flow.comment ? null : wordedRating(text));
    if (reading === null) return false;
    const { answerId, entryId, signature } = expected;
    if (reading === "yes" || reading === "no") {
      // asked once: a second plain yes or no is small talk
      if (expected.reminded) return false;
      flow.expects = { ...expected, reminded: true };
      await this.say(context, { kind: "rating", text: reading === "yes" ? TEXTS.ratingAskYes : TEXTS.ratingAskNo, rating: { answerId, entryId, signature } });
      return true;
    }
    const rating = String(reading);
    // kept, so the same rating again is "already rated" and another one changes it
    flow.expects = expected;
    if (parseScore(rating, SCALES.csat.min, SCALES.csat.max) === null) {
      // with the buttons again: where only the last message keeps them, they are gone by now
      await this.say(context, { kind: "rating", text: TEXTS.surveyRange(SCALES.csat.min, SCALES.csat.max), rating: { answerId, entryId, signature } });
      return true;
    }
    await this.rate(context, flow, answerId, entryId, rating, signature);
    return true;
  }

  /**
   * The logged question a "did you mean" choice answers, when the bot really offered it (its
   * signature checks out, see `Integrity.signChoice`); otherwise null: the choice is answered but
   * not linked, so only offered choices teach `kb:recommend`.
   */
  private offeredQuestion(context: TurnContext, entryId: string, question: string | null | undefined, signature: string | undefined): string | null {
    const { conversation } = this.origin(context);
    if (question !== null && question !== undefined && signature !== undefined && this.deps.integrity.verifyChoice(signature, question, entryId, conversation)) return question;
    this.deps.logger.warn({ entryId }, "[bot] a 'did you mean' choice that was not offered: answered, not counted");
    return null;
  }

  /** A button's value, clicked or stood for by typed words: the case flow's, or the bot's own. */
  private async click(context: TurnContext, flow: ConversationFlow, value: unknown): Promise<void> {
    if (await this.caseTurn(context, flow, (cases, state, origin) => cases.handleButton(context, state, origin, value))) return;
    await this.handleButton(context, flow, value);
  }

  /**
   * The click a message typed right after an answer stands for when it is one of that answer's
   * follow-ups: its label or its target's question, compared as typed labels are (`isLabel`).
   * This is how a context-only entry is reached where there are no buttons, or where buttons send
   * their label (hosted Web Chat). A number is the answer's rating, never a follow-up (a label
   * that is only a number is typed as its question: `typedLabel`). A follow-up whose entry is gone
   * since stands for nothing: the words are read as any other.
   */
  private typedFollowUp(expected: Extract<NonNullable<ConversationFlow["expects"]>, { kind: "rating" }>, text: string): ButtonValue | null {
    if (typedNumber(text) !== null) return null;
    const kb = this.deps.knowledge();
    const offered = expected.followUps?.find(({ id, title }) => isLabel(text, title, kb.byId.get(id)?.question ?? ""));
    if (!offered || !kb.byId.has(offered.id)) return null;
    return { action: "answer", id: offered.id, source: "followup" };
  }

  private async handleButton(context: TurnContext, flow: ConversationFlow, raw: unknown): Promise<void> {
    const parsed = ButtonValue.safeParse(raw);
    if (!parsed.success) {
      this.deps.logger.warn("[bot] ignored a malformed button value");
      await context.sendActivity(TEXTS.staleButton);
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
          await context.sendActivity(TEXTS.staleButton);
          return;
        }
        delete flow.comment;
        const questionId = value.source === "suggestion" ? this.offeredQuestion(context, entry.id, value.question, value.sig) : null;
        if (questionId !== null && wasChosen(flow, questionId, entry.id)) {
          await context.sendActivity(TEXTS.choiceAlreadyAnswered);
          return;
        }
        // a new answer asks for its own rating: an open survey question is left, as a typed question leaves it
        this.leaveSurvey(flow);
        await this.answer(context, flow, entry, kb, value.source, questionId);
        if (questionId !== null) markChosen(flow, questionId, entry.id);
        return;
      }
      case "rate":
        await this.rate(context, flow, value.answer, value.entry, value.rating, value.sig);
        return;
      case "skip-comment":
        await this.skipComment(context, flow);
        return;
      case "nps":
      case "ces":
        if (!this.sentSurveyValue(context, flow, value)) {
          this.deps.logger.warn({ step: value.action }, "[bot] refused an invalid or forged survey answer");
          await context.sendActivity(TEXTS.invalidFeedback);
          return;
        }
        await this.surveyScore(context, flow, value.action, value.score);
        return;
      case "skip-survey":
        if (flow.survey === value.step) await this.nextSurveyStep(context, flow, value.step);
        else await context.sendActivity(TEXTS.surveyAlreadyAnswered);
        return;
    }
  }

  /**
   * Whether a survey button's value is one the bot sent in this conversation: it names the
   * conversation's survey, its signature checks out for that question there, and its score is on
   * the scale. A value forged, unsigned, or carried over from another conversation stores nothing
   * and alerts nobody. Typed scores need none of this: they are read only while the question is
   * open (`surveyAnswer`).
   */
  private sentSurveyValue(context: TurnContext, flow: ConversationFlow, value: Extract<ButtonValue, { action: "nps" | "ces" }>): boolean {
    const { action, score, survey, sig } = value;
    if (survey === undefined || sig === undefined || survey !== flow.surveyId) return false;
    if (parseScore(score, SCALES[action].min, SCALES[action].max) === null) return false;
    return this.deps.integrity.verifySurvey(sig, survey, action, this.origin(context).conversation);
  }

  /** A survey question whose score buttons are signed for this conversation's survey (see `sentSurveyValue`). */
  private surveyReply(context: TurnContext, flow: ConversationFlow, step: "nps" | "ces", answered?: number): Reply {
    const surveyId = flow.surveyId ?? this.newId();
    flow.surveyId = surveyId;
    const signature = this.deps.integrity.signSurvey(surveyId, step, this.origin(context).conversation);
    return { kind: "survey", step, survey: { surveyId, signature }, ...(answered === undefined ? {} : { answered }) };
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
    if (!(await this.record({ kind: "rating", answerId, entryId, rating, at: this.now().toISOString(), ...origin }))) {
      // the card keeps its buttons, so the user can try again
      await context.sendActivity(TEXTS.feedbackNotSaved);
      return;
    }
    await this.markRated(context, { answerId, entryId, signature }, rating);
    if (previous) {
      previous[1] = rating;
    } else {
      rated.push([answerId, rating]);
      flow.rated = rated.slice(-REMEMBERED_RATINGS);
    }
    if (rating <= COMMENT_AT_OR_BELOW) {
      flow.comment = { answerId, entryId, rating };
      await this.say(context, { kind: "comment" });
      return;
    }
    await context.sendActivity(previous ? TEXTS.ratingChanged : TEXTS.ratingThanks);
    await this.maybeStartSurvey(context, flow, false);
  }

  /** Replaces the rated answer's card with one showing the rating instead of its buttons (see `replaceClickedCard`). */
  private async markRated(context: TurnContext, rating: { answerId: string; entryId: string; signature: string }, score: number): Promise<void> {
    const kb = this.deps.knowledge();
    const entry = kb.byId.get(rating.entryId);
    if (entry) await replaceClickedCard(context, { kind: "answer", entry, followUps: followUpsOf(entry, kb), rating, rated: score });
  }

  private async skipComment(context: TurnContext, flow: ConversationFlow): Promise<void> {
    if (flow.comment === undefined) {
      // the "Geç" of a comment request given or skipped already (a double click, an old card)
      await context.sendActivity(TEXTS.commentAlreadySettled);
      return;
    }
    delete flow.comment;
    await replaceClickedCard(context, { kind: "comment", chosen: TEXTS.skip });
    await context.sendActivity(TEXTS.commentSkipped);
    await this.maybeStartSurvey(context, flow, false);
  }

  /**
   * Stores the comment on a low rating (its contact details already masked: `masked` says whether
   * there were any, and the thanks then says they were not kept); the comment once it is durable, else null.
   */
  private async storeComment(context: TurnContext, flow: ConversationFlow, text: string, masked: boolean): Promise<PendingComment | null> {
    const pending = flow.comment;
    if (!pending) return null;
    delete flow.comment;
    const saved = await this.record({
      kind: "comment",
      id: this.turnId(context),
      answerId: pending.answerId,
      entryId: pending.entryId,
      rating: pending.rating,
      text,
      at: this.now().toISOString(),
      ...this.origin(context),
    });
    if (!saved) {
      await context.sendActivity(TEXTS.feedbackNotSaved);
      return null;
    }
    await context.sendActivity(masked ? TEXTS.commentThanksMasked : TEXTS.commentThanks);
    return pending;
  }

  /** After a stored comment (and the answer to it, if it asked): the case offer, or else the survey when due. */
  private async afterComment(context: TurnContext, flow: ConversationFlow, comment: PendingComment, text: string): Promise<void> {
    // not offered once the customer declined an offer in this conversation (`CaseFlow.offer`)
    const offered = await this.caseTurn(context, flow, async (cases, state, origin) =>
      (await cases.offer(context, state, origin, { source: "rating", text, answerId: comment.answerId, entryId: comment.entryId, rating: comment.rating, score: null }, "rating")) ? "handled" : false,
    );
    if (!offered) await this.maybeStartSurvey(context, flow, false);
  }

  /** Starts NPS once per conversation: on thanks or goodbye, or after enough rated answers. */
  /** Whether NPS would start now (it starts once, not during a comment, on farewell or after enough ratings). */
  private surveyDue(flow: ConversationFlow, farewell: boolean): boolean {
    if (flow.surveyOffered || flow.comment) return false;
    return farewell || (flow.rated?.length ?? 0) >= SURVEY_AFTER_RATINGS;
  }

  private async maybeStartSurvey(context: TurnContext, flow: ConversationFlow, farewell: boolean): Promise<void> {
    if (!this.surveyDue(flow, farewell)) return;
    flow.surveyOffered = true;
    flow.survey = "nps";
    flow.surveyId = this.newId();
    await this.say(context, this.surveyReply(context, flow, "nps"));
  }

  /** A typed reply while a survey question is open: a score, an out-of-range number, or something else. */
  private async surveyAnswer(context: TurnContext, flow: ConversationFlow, text: string): Promise<boolean> {
    const step = flow.survey;
    if (!step) return false;
    if (isSkip(text)) {
      await this.nextSurveyStep(context, flow, step);
      return true;
    }
    if (/^\d{1,3}$/.test(text)) {
      await this.surveyScore(context, flow, step, text);
      return true;
    }
    const inWords = wordedScore(text, step);
    const worded = (typeof inWords === "number" ? String(inWords) : null) ?? typedScore(text, SCALES[step].max);
    if (worded !== null) {
      await this.surveyScore(context, flow, step, worded);
      return true;
    }
    if (isRefusal(text)) {
      // "hayır" to "may I ask two short questions?": no survey, and a goodbye it held back comes now
      const held = this.heldFarewell(flow);
      this.leaveSurvey(flow);
      await context.sendActivity(held ?? TEXTS.surveyDeclined);
      return true;
    }
    // anything else leaves the survey; the message is handled as usual
    this.leaveSurvey(flow);
    return false;
  }

  /** Ends the open survey question, and the goodbye it held back: the customer moved on. */
  private leaveSurvey(flow: ConversationFlow): void {
    delete flow.survey;
    this.heldFarewell(flow);
  }

  private async surveyScore(context: TurnContext, flow: ConversationFlow, step: "nps" | "ces", raw: unknown): Promise<void> {
    if (flow.surveyAnswered?.includes(step)) {
      await context.sendActivity(TEXTS.surveyAlreadyAnswered);
      return;
    }
    const { min, max } = SCALES[step];
    const score = parseScore(raw, min, max);
    if (score === null) {
      await context.sendActivity(TEXTS.surveyRange(min, max));
      // the controls again, so a mistyped score is one click from right
      await this.say(context, this.surveyReply(context, flow, step));
      return;
    }
    if (!(await this.record({ kind: step, score, at: this.now().toISOString(), ...this.origin(context) }))) {
      delete flow.survey;
      await context.sendActivity(TEXTS.feedbackNotSaved);
      // the survey ends here, so a goodbye it held back comes now
      const held = this.heldFarewell(flow);
      if (held) await context.sendActivity(held);
      return;
    }
    flow.surveyAnswered = [...(flow.surveyAnswered ?? []), step];
    await replaceClickedCard(context, this.surveyReply(context, flow, step, score));
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
      await this.say(context, this.surveyReply(context, flow, "ces"));
    } else {
      delete flow.survey;
      await context.sendActivity(TEXTS.surveyThanks);
      const held = this.heldFarewell(flow);
      if (held) await context.sendActivity(held);
    }
  }
}
