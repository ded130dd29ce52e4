import { TurnContext, type Activity } from "botbuilder";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Alert, AlertSink } from "../cases/alerts";
import { maskContactDetails, parseContact } from "../cases/contact";
import { findMisreadReference, findReference, isWellFormedReference } from "../cases/reference";
import type { CaseStore } from "../cases/store";
import { ACTIVE_STATUSES, MAX_CASE_TEXT_CHARS, type Case, type CaseSource, type CaseStatus } from "../cases/types";
import type { Origin } from "../feedback/events";
import type { Integrity } from "../feedback/integrity";
import { turkishDate } from "../feedback/time-zone";
import { fillTemplate, type CaseTexts } from "../knowledge/parse-case-texts";
import type { Logger } from "../logger";
import { classifyCaseIntent, classifyYesNo, isBareCaseIntent, readCaseIntent, tellsProblem } from "../matching/case-intent";
import type { Decision } from "../matching/matcher";
import { classifySmallTalk } from "../matching/small-talk";
import { replaceClickedCard } from "./clicked-card";
import { afterSaved } from "./turns";
import { render, type Choice } from "./render";
import { TEXTS } from "./texts";
import { isLabel, isRefusal, looksLikeQuestion } from "./typed";

/** NPS answers up to this one are detractors: alerted, and offered a case. */
export const NPS_DETRACTOR_AT_OR_BELOW = 6;
/** Shortest description accepted as the customer's words; shorter ones ("x") are asked again. */
const MIN_DESCRIPTION_CHARS = 3;
/** Offers and consent questions settled, remembered per conversation, to answer a late click on their buttons. */
const REMEMBERED_SETTLED = 10;

/** Where the complaint loop stands in a conversation (kept in conversation state with the rest of the flow). */
export interface CaseFlowState {
  /** The case offered and not yet accepted or declined. */
  offer?: {
    id: string;
    /** Which offer text was shown, so a clicked offer card can be shown again without its buttons (absent in state saved before it was kept). */
    kind?: OfferKind;
    source: CaseSource;
    /** The customer's words when they are known already (a comment, a problem told at the offer); null asks for them. */
    text: string | null;
    /**
     * The customer told their problem right after the offer, and the bot asked whether to file
     * those words (`confirmDescription`): the question its buttons answer now.
     */
    described?: boolean;
    answerId: string | null;
    entryId: string | null;
    rating: number | null;
    score: number | null;
    /** The NPS survey was interrupted by the offer: CES follows once the case is settled. */
    resumeSurvey?: boolean;
  };
  /** What the next typed message is: the description of the problem, or contact details. */
  step?: "describe" | "contact";
  /** The case opened in this conversation whose contact consent is being asked. */
  reference?: string;
  /** CES follows once the consent question is settled. */
  resumeSurvey?: boolean;
  /** The bot's last message asked yes or no (offer, consent): a typed "evet" / "hayır" answers it. */
  asked?: boolean;
  /**
   * The customer declined an offer (or called off its description) in this conversation: the bot
   * offers no case of its own accord again there (after a low rating, an NPS score, repeated
   * "don't know"); asked for in words, one is still offered.
   */
  declined?: boolean;
  /**
   * Questions settled in this conversation, newest last: an offer's id with the reference of the
   * case it opened (null when declined), a case reference whose contact consent was answered with
   * null. A late click on their buttons (a double click, an old card) is told what became of them.
   */
  settled?: Array<[string, string | null]>;
}

/** Why a case is offered, each with its own wording (`offerText`): asked for in words (`complaint`, `human`), or offered of the bot's own accord. */
export type OfferKind = "rating" | "complaint" | "human" | "nps" | "escalation";
/** Offers the customer asked for: made even after an earlier offer was declined. */
const ASKED_FOR: ReadonlySet<OfferKind> = new Set(["complaint", "human"]);

/** What a case turn did: nothing (not ours), handled, or handled and the interrupted survey may go on. */
export type CaseTurn = false | "handled" | "resume-survey";

const CaseButton = z.object({
  action: z.literal("case"),
  step: z.enum(["accept", "decline", "cancel-describe", "consent-yes", "consent-no", "cancel-contact"]),
  offer: z.string().min(1).max(64),
  sig: z.string().max(64),
});
type CaseButton = z.infer<typeof CaseButton>;

export interface CaseFlowDeps {
  store: CaseStore;
  integrity: Integrity;
  logger: Logger;
  /** Alerts for new cases and NPS detractors. */
  alerts: AlertSink;
  /** Hours until the first response is due (`CASE_RESPONSE_HOURS`). */
  responseHours: number;
  /** `REPORT_TIMEZONE`: a case's opening day is told as a day of this zone, as the operators' pages show it. */
  timeZone: string;
  /** Editor-owned texts (`knowledge/cases.yaml`); keys left out use the built-in ones. */
  texts: () => Readonly<Partial<CaseTexts>>;
  now?: () => Date;
  newId?: () => string;
}

const HOUR_MS = 3_600_000;

/**
 * The complaint loop in a conversation (ISO 10002): offers a case after a low rating with a
 * comment, a complaint or a request for a person, or an NPS detractor's score; opens it with
 * the customer's words; asks consent before taking contact details; answers status questions,
 * in full only to the customer who opened the case.
 */
export class CaseFlow {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: CaseFlowDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  private texts(): CaseTexts {
    return { ...TEXTS.cases, ...this.deps.texts() };
  }

  /** A choice that posts back a signed case step; `typed` is the word that answers it where buttons send text or are missing. */
  private button(title: string, step: CaseButton["step"], offer: string, origin: Origin): Choice {
    const value: CaseButton = { action: "case", step, offer, sig: this.deps.integrity.signCase(offer, step, origin.conversation) };
    const typed = {
      accept: TEXTS.caseTyped.yes,
      "consent-yes": TEXTS.caseTyped.yes,
      decline: TEXTS.caseTyped.no,
      "consent-no": TEXTS.caseTyped.no,
      "cancel-describe": TEXTS.caseTyped.cancel,
      "cancel-contact": TEXTS.caseTyped.cancel,
    }[step];
    return { title, value, typed };
  }

  /** A case message (Markdown), with its signed choices, in the style of the conversation's channel (see `render`). */
  private message(context: TurnContext, text: string, choices: Choice[] = []): Partial<Activity> {
    return render({ kind: "choices", text, markdown: true, choices }, context.activity.channelId);
  }

  /** Asks for words (the description, contact details) with a way out: "Vazgeç", or the typed word where there are no buttons. */
  private cancellable(context: TurnContext, text: string, label: string, step: "cancel-describe" | "cancel-contact", id: string, origin: Origin): Partial<Activity> {
    const choices = [this.button(label, step, id, origin)];
    return render({ kind: "choices", text, markdown: true, choices, typedPrompt: TEXTS.typedCancel(TEXTS.caseTyped.cancel) }, context.activity.channelId);
  }

  /** Asks for the description of the problem, with a way out. */
  private describePrompt(context: TurnContext, offerId: string, origin: Origin): Partial<Activity> {
    const t = this.texts();
    return this.cancellable(context, t.describe, t.cancelDescribeButton, "cancel-describe", offerId, origin);
  }

  /** Asks for the description again, shorter, naming the longest one kept whole; the step stays, nothing is stored. */
  private async askShorter(context: TurnContext, offerId: string, origin: Origin, limit: number): Promise<CaseTurn> {
    const t = this.texts();
    await context.sendActivity(this.cancellable(context, fillTemplate(t.describeTooLong, { limit }), t.cancelDescribeButton, "cancel-describe", offerId, origin));
    return "handled";
  }

  /**
   * A message over the bot's message limit (`messageLimit`, `MAX_MESSAGE_LENGTH`) while the
   * description is asked for: it is the description, too long, so it is asked for again, shorter,
   * with the longest one kept whole (the lower of that limit and `MAX_CASE_TEXT_CHARS`); false when
   * no description is asked for. Before, the reply asked to shorten "Sorunuzu" (the question).
   */
  async tooLong(context: TurnContext, state: CaseFlowState, origin: Origin, messageLimit: number): Promise<CaseTurn> {
    if (state.step !== "describe" || !state.offer) return false;
    return this.askShorter(context, state.offer.id, origin, Math.min(messageLimit, MAX_CASE_TEXT_CHARS));
  }

  /**
   * Offers to open a case; the answer comes back as a signed button. An offer the customer did not
   * ask for is not made once they declined one in this conversation (false then).
   */
  async offer(context: TurnContext, state: CaseFlowState, origin: Origin, offer: Omit<NonNullable<CaseFlowState["offer"]>, "id" | "kind">, kind: OfferKind): Promise<boolean> {
    if (state.declined && !ASKED_FOR.has(kind)) return false;
    const t = this.texts();
    const id = this.newId();
    state.offer = { id, kind, ...offer };
    state.asked = true;
    delete state.step;
    await context.sendActivity(this.message(context, this.offerText(kind), [this.button(t.acceptButton, "accept", id, origin), this.button(t.declineButton, "decline", id, origin)]));
    return true;
  }

  private offerText(kind: OfferKind): string {
    const t = this.texts();
    const hours = { hours: this.deps.responseHours };
    return {
      rating: t.offerRating,
      complaint: t.offerComplaint,
      human: fillTemplate(t.offerHuman, hours),
      nps: t.offerNps,
      escalation: fillTemplate(t.offerEscalation, hours),
    }[kind];
  }
  /**
   * Shows the card a case button was clicked on again with the choice made instead of its
   * buttons, where the channel can edit a sent message (Teams), so they are not clicked again.
   */
  private async replaceCard(context: TurnContext, text: string, chosen: string): Promise<void> {
    await replaceClickedCard(context, { kind: "choices", text, markdown: true, choices: [], chosen });
  }

  /** Shows a clicked offer card again with the choice made (an offer kept before its kind was kept is left as it is). */
  private async replaceOffer(context: TurnContext, offer: NonNullable<CaseFlowState["offer"]>, chosen: string): Promise<void> {
    if (offer.described) await this.replaceCard(context, this.texts().confirmDescription, chosen);
    else if (offer.kind) await this.replaceCard(context, this.offerText(offer.kind), chosen);
  }

  /**
   * Whether a message typed right after an offer tells the problem ("siparişim 3 gündür gelmedi,
   * kargo takip numarası da çalışmıyor"), as a description would: a problem told (`tellsProblem`:
   * by the verb's tense and negation) that is no refusal, small talk or bare request, nor a
   * question the knowledge answers outright, which is answered as before (the rule of the
   * description step: "nps nedir" is answered, "kargom neden hâlâ gelmedi?" is filed).
   */
  private tellsProblemAtOffer(text: string, match: () => Decision): boolean {
    if (isRefusal(text) || classifySmallTalk(text) !== null || isBareCaseIntent(text) || !tellsProblem(text)) return false;
    return !(looksLikeQuestion(text) && match().status === "answered");
  }

  /**
   * A problem told right after an offer: its words become the case's description (after the
   * comment an offer holds already), and the bot asks once whether to open the case with them,
   * with the offer's own buttons; "evet" or a click opens it, "hayır" declines the offer. Asked
   * rather than opened at once: an offer the customer did not ask for (after a rating, an NPS
   * score, repeated "don't know") may be answered with a remark about the bot, and an opened case
   * alerts operators and cannot be taken back. Before, such words were searched as a new question
   * and answered "I don't know". Words that would not fit in a case are asked for shorter.
   */
  private async confirmDescription(context: TurnContext, state: CaseFlowState, origin: Origin, text: string): Promise<CaseTurn> {
    const offer = state.offer;
    if (!offer) return "handled";
    const t = this.texts();
    const buttons = [this.button(t.acceptButton, "accept", offer.id, origin), this.button(t.declineButton, "decline", offer.id, origin)];
    // the question stays the offer's: a typed "evet" or "hayır" answers it next
    state.asked = true;
    const words = offer.text === null ? text : `${offer.text}\n\n${text}`;
    if (words.length > MAX_CASE_TEXT_CHARS) {
      const limit = Math.max(0, MAX_CASE_TEXT_CHARS - (words.length - text.length));
      await context.sendActivity(this.message(context, fillTemplate(t.describeTooLong, { limit }), buttons));
      return "handled";
    }
    state.offer = { ...offer, text: words, described: true };
    await context.sendActivity(this.message(context, t.confirmDescription, buttons));
    return "handled";
  }

  /**
   * A click on the button of a question that is no longer open: what became of it ("zaten …")
   * when the conversation settled it, else that the button is no longer valid.
   */
  private async late(context: TurnContext, state: CaseFlowState, id: string): Promise<void> {
    const t = this.texts();
    const settled = state.settled?.find(([question]) => question === id);
    if (!settled) {
      await context.sendActivity(TEXTS.staleButton);
      return;
    }
    const [, reference] = settled;
    await context.sendActivity(this.message(context, reference === null ? t.alreadyAnswered : fillTemplate(t.alreadyOpened, { reference })));
  }

  /**
   * After an NPS answer: a detractor is alerted and offered a case (the survey goes on
   * afterwards); false when no offer was made (a passive or promoter, or a customer who declined
   * one in this conversation: alerted all the same).
   */
  async afterNps(context: TurnContext, state: CaseFlowState, origin: Origin, score: number): Promise<boolean> {
    if (score > NPS_DETRACTOR_AT_OR_BELOW) return false;
    // only for the turn whose state is saved: a turn run again (another instance answered the survey meanwhile) raises none
    const alert: Alert = { kind: "nps-detractor", id: this.newId(), at: this.now().toISOString(), score, channel: context.activity.channelId };
    afterSaved(context, () => this.deps.alerts.raise(alert));
    return this.offer(context, state, origin, { source: "nps", text: null, answerId: null, entryId: null, rating: null, score, resumeSurvey: true }, "nps");
  }

  /**
   * A click on a case button; false when the value is not one. A click on any other button (an
   * older answer's follow-up or rating, a topic) leaves the step that waits for typed words, the
   * description or the contact details, as a typed question leaves the offer: otherwise the next
   * question would be taken as the description and open a case. Nothing is stored and nothing said
   * (the click gets its own answer); the offer and the consent question stay open, so their
   * buttons still act, as a late click does.
   */
  async handleButton(context: TurnContext, state: CaseFlowState, origin: Origin, raw: unknown): Promise<CaseTurn> {
    delete state.asked;
    if (typeof raw !== "object" || raw === null || !("action" in raw) || raw.action !== "case") {
      delete state.step;
      return false;
    }
    const parsed = CaseButton.safeParse(raw);
    if (!parsed.success || !this.deps.integrity.verifyCase(parsed.data.sig, parsed.data.offer, parsed.data.step, origin.conversation)) {
      this.deps.logger.warn("[bot] refused an invalid or forged case button");
      await context.sendActivity(TEXTS.staleButton);
      return "handled";
    }
    return this.step(context, state, origin, parsed.data.step, parsed.data.offer);
  }

  /** A step of the loop, from a button or a typed "evet" / "hayır" / "vazgeç". */
  private async step(context: TurnContext, state: CaseFlowState, origin: Origin, step: CaseButton["step"], offerId: string): Promise<CaseTurn> {
    const t = this.texts();
    if (step === "accept" || step === "decline" || step === "cancel-describe") {
      const offer = state.offer;
      if (!offer || offer.id !== offerId) {
        await this.late(context, state, offerId);
        return "handled";
      }
      if (step !== "accept") {
        if (step === "cancel-describe") await this.replaceCard(context, t.describe, t.cancelDescribeButton);
        else await this.replaceOffer(context, offer, t.declineButton);
        // declined, or called off while the description was asked for: no case, no alert
        delete state.offer;
        delete state.step;
        state.declined = true;
        settle(state, offer.id, null);
        await context.sendActivity(t.declined);
        return offer.resumeSurvey ? "resume-survey" : "handled";
      }
      if (offer.text === null) {
        await this.replaceOffer(context, offer, t.acceptButton);
        state.step = "describe";
        await context.sendActivity(this.describePrompt(context, offer.id, origin));
        return "handled";
      }
      // the offer card keeps its buttons until the case is open: accepting again retries
      return this.open(context, state, origin, offer.text);
    }
    if (state.reference !== offerId) {
      await this.late(context, state, offerId);
      return "handled";
    }
    if (step === "consent-yes") {
      await this.replaceCard(context, t.consentQuestion, t.consentYesButton);
      state.step = "contact";
      await context.sendActivity(this.cancellable(context, t.askContact, t.cancelContactButton, "cancel-contact", offerId, origin));
      return "handled";
    }
    if (step === "consent-no") await this.replaceCard(context, t.consentQuestion, t.consentNoButton);
    // consent-no, cancel-contact: nothing is stored
    return this.finish(context, state, fillTemplate(t.contactDeclined, { reference: offerId }));
  }

  /**
   * The case button whose label the message is, among those a click would act on now, with the
   * offer or reference it names; null when it is none of them. The labels are the editors' texts
   * (`knowledge/cases.yaml`), so a renamed button is read by the name it is shown with.
   */
  private typedButton(state: CaseFlowState, text: string): { step: CaseButton["step"]; id: string } | null {
    const t = this.texts();
    const open: Array<{ label: string; step: CaseButton["step"]; id: string }> = [];
    // an offer made after a case was opened is the newer question: its buttons come first
    if (state.offer) {
      const id = state.offer.id;
      open.push({ label: t.acceptButton, step: "accept", id }, { label: t.declineButton, step: "decline", id });
      if (state.step === "describe") open.push({ label: t.cancelDescribeButton, step: "cancel-describe", id });
    }
    if (state.reference) {
      const id = state.reference;
      open.push({ label: t.consentYesButton, step: "consent-yes", id }, { label: t.consentNoButton, step: "consent-no", id });
      if (state.step === "contact") open.push({ label: t.cancelContactButton, step: "cancel-contact", id });
    }
    const found = open.find(({ label }) => isLabel(text, label));
    return found ? { step: found.step, id: found.id } : null;
  }

  /**
   * A typed message: a button's label, an awaited description or contact, a reference, or a case
   * intent; false when none of these. `match` is the matcher's decision on the message, asked only
   * where the knowledge may win: a question typed for the description, a case intent not said as
   * the writer's own request (`readCaseIntent`).
   */
  async handleText(context: TurnContext, state: CaseFlowState, origin: Origin, text: string, match: () => Decision): Promise<CaseTurn> {
    const t = this.texts();
    // a button's label typed does what the click does ("Şikayet kaydı aç" accepts; it is no new complaint)
    const typed = this.typedButton(state, text);
    if (typed) {
      delete state.asked;
      return this.step(context, state, origin, typed.step, typed.id);
    }
    if (state.step === "describe" && state.offer) {
      if (isRefusal(text)) return this.step(context, state, origin, "cancel-describe", state.offer.id);
      // too short, or only the request again ("canlı destek", "şikayet etmek istiyorum"): no description yet
      if (text.trim().length < MIN_DESCRIPTION_CHARS || isBareCaseIntent(text)) {
        await context.sendActivity(this.describePrompt(context, state.offer.id, origin));
        return "handled";
      }
      // longer than a case keeps (`MAX_MESSAGE_LENGTH` may be higher): asked for shorter, not cut silently
      if (text.length > MAX_CASE_TEXT_CHARS) return this.askShorter(context, state.offer.id, origin, MAX_CASE_TEXT_CHARS);
      // a question the knowledge answers outright ("nps nedir") is answered, not filed: the
      // description step ends as a click elsewhere ends it, and the offer stays open
      if (looksLikeQuestion(text) && match().status === "answered") {
        delete state.step;
        await context.sendActivity(this.message(context, fillTemplate(t.describeAnswered, { button: t.acceptButton })));
        return false;
      }
      return this.open(context, state, origin, text);
    }
    // a message naming a case reference asks about that case: it is never a typed "hayır" nor
    // contact details, though its random letters may spell one (`MMN-HH2NEF` holds `hh`, a "no");
    // one typed wrong (`MMN-ABC123`) too, to be told that no such case exists
    const reference = findReference(text) ?? findMisreadReference(text);
    // the customer moved on to a case's status: nothing is stored
    if (state.step === "contact" && state.reference && reference) endConsent(state);
    if (state.step === "contact" && state.reference) {
      // "vazgeç" (the cancel button's typed equivalent), "hayır", "boşver": nothing is stored
      if (classifyYesNo(text) === "no" || isRefusal(text)) return this.step(context, state, origin, "cancel-contact", state.reference);
      const contact = parseContact(text);
      if (contact) {
        try {
          await this.deps.store.setContact(state.reference, contact.value, this.now().toISOString());
        } catch (error) {
          this.deps.logger.error({ err: error }, "[bot] contact not stored");
          await context.sendActivity(t.unavailable);
          return "handled";
        }
        return this.finish(context, state, t.contactSaved);
      }
      if (!movesOn(text)) {
        await context.sendActivity(this.cancellable(context, t.invalidContact, t.cancelContactButton, "cancel-contact", state.reference, origin));
        return "handled";
      }
      // the customer moved on: nothing is stored, and the message is read as any other
      endConsent(state);
    }
    // a typed answer to the question just asked, where buttons are not shown or not used
    const asked = state.asked === true;
    delete state.asked;
    const answer = asked && state.step === undefined && reference === null ? classifyYesNo(text) : null;
    if (answer && state.offer) return this.step(context, state, origin, answer === "yes" ? "accept" : "decline", state.offer.id);
    if (answer && state.reference) return this.step(context, state, origin, answer === "yes" ? "consent-yes" : "consent-no", state.reference);
    // the problem told instead of a yes or no: the case's description, once the customer confirms it
    if (asked && state.offer && state.step === undefined && reference === null && this.tellsProblemAtOffer(text, match)) return this.confirmDescription(context, state, origin, text);
    if (reference) {
      await this.status(context, origin, reference);
      return "handled";
    }
    const reading = readCaseIntent(text);
    // not said as the writer's own request, and the knowledge answers it outright: the knowledge's
    if (!reading || (!reading.explicit && match().status === "answered")) return false;
    const intent = reading.intent;
    if (intent === "status") {
      await this.status(context, origin, null);
      return "handled";
    }
    await this.offer(context, state, origin, { source: "intent", text: null, answerId: null, entryId: null, rating: null, score: null }, intent);
    return "handled";
  }

  /** Ends the consent question, answered; the survey an NPS offer interrupted may go on. */
  private async finish(context: TurnContext, state: CaseFlowState, text: string): Promise<CaseTurn> {
    const resume = state.resumeSurvey === true;
    if (state.reference) settle(state, state.reference, null);
    endConsent(state);
    await context.sendActivity(this.message(context, text));
    return resume ? "resume-survey" : "handled";
  }

  /**
   * Opens the offered case with the customer's words, names its reference and due time, and asks
   * for contact consent. The words are stored, alerted and kept in the conversation with the
   * contact details in them masked: they were given before consent was asked (the customer is
   * told so, before the consent question).
   */
  private async open(context: TurnContext, state: CaseFlowState, origin: Origin, typed: string): Promise<CaseTurn> {
    const offer = state.offer;
    if (!offer) return "handled";
    const t = this.texts();
    const now = this.now();
    const text = maskContactDetails(typed, TEXTS.maskedDetails);
    let created: Case;
    let isNew: boolean;
    try {
      // once per offer: a double click's second turn, run after the first or on another instance, opens nothing more
      ({ case: created, created: isNew } = await this.deps.store.createOnce(offer.id, {
        text,
        source: offer.source,
        answerId: offer.answerId,
        entryId: offer.entryId,
        rating: offer.rating,
        score: offer.score,
        channel: context.activity.channelId ?? "unknown",
        userHash: origin.userHash,
        conversation: origin.conversation,
        conversationRef: JSON.stringify(TurnContext.getConversationReference(context.activity)),
        createdAt: now.toISOString(),
        dueAt: new Date(now.getTime() + this.deps.responseHours * HOUR_MS).toISOString(),
      }));
    } catch (error) {
      // the offer (and the customer's words) stay in the conversation: accepting again retries
      this.deps.logger.error({ err: error }, "[bot] case not opened");
      if (state.step === "describe") state.offer = { ...offer, text };
      delete state.step;
      await context.sendActivity(t.unavailable);
      return "handled";
    }
    delete state.offer;
    delete state.step;
    settle(state, offer.id, created.reference);
    await this.replaceOffer(context, offer, t.acceptButton);
    state.reference = created.reference;
    state.asked = true;
    if (offer.resumeSurvey) state.resumeSurvey = true;
    if (isNew) this.raiseCreated(created);
    await context.sendActivity(this.message(context, fillTemplate(t.created, { reference: created.reference, hours: this.deps.responseHours })));
    await context.sendActivity(
      this.message(context, text === typed ? t.consentQuestion : `${t.contactMasked}\n\n${t.consentQuestion}`, [
        this.button(t.consentYesButton, "consent-yes", created.reference, origin),
        this.button(t.consentNoButton, "consent-no", created.reference, origin),
      ]),
    );
    return "handled";
  }

  private raiseCreated(created: Case): void {
    this.deps.alerts.raise({
      kind: "case-created",
      id: this.newId(),
      at: created.createdAt,
      reference: created.reference,
      status: created.status,
      source: created.source,
      channel: created.channel,
      text: created.text,
      entryId: created.entryId ?? undefined,
      rating: created.rating ?? undefined,
      score: created.score ?? undefined,
      dueAt: created.dueAt,
    });
  }

  /** The status of a case: in full for its own customer, only existence and openness for anyone else. */
  private async status(context: TurnContext, origin: Origin, reference: string | null): Promise<void> {
    const t = this.texts();
    if (reference && !isWellFormedReference(reference)) {
      // typed wrong (`findMisreadReference`): no case can have it
      await context.sendActivity(this.message(context, fillTemplate(t.notFound, { reference })));
      return;
    }
    let found: Case | null;
    try {
      found = reference ? await this.deps.store.get(reference) : await this.deps.store.latestOf(origin.userHash);
    } catch (error) {
      this.deps.logger.error({ err: error }, "[bot] case status unavailable");
      await context.sendActivity(t.unavailable);
      return;
    }
    if (!found) {
      await context.sendActivity(this.message(context, reference ? fillTemplate(t.notFound, { reference }) : t.noCase));
      return;
    }
    if (found.userHash !== origin.userHash) {
      const open = ACTIVE_STATUSES.includes(found.status) ? t.otherOpen : t.otherClosed;
      await context.sendActivity(this.message(context, fillTemplate(t.statusOther, { reference: found.reference, open })));
      return;
    }
    await context.sendActivity(this.message(context, describeCase(found, t, this.deps.timeZone)));
  }
}

/**
 * Whether a reply to the contact question leaves it: a question ("crm nedir") or a case intent
 * ("şikayetim ne durumda", "canlı destek"), holding no `@` nor digit. Anything else is taken as
 * contact details that could not be read, and asked for again: "telefonum sıfır beş yüz…" or a
 * name is an attempt, and ending the step on it lost the number typed next.
 */
function movesOn(text: string): boolean {
  return !/[@\d]/.test(text) && (looksLikeQuestion(text) || classifyCaseIntent(text) !== null);
}

/** Notes how a question was settled (see `CaseFlowState.settled`). */
function settle(state: CaseFlowState, id: string, reference: string | null): void {
  const others = (state.settled ?? []).filter((entry) => Array.isArray(entry) && entry[0] !== id);
  state.settled = [...others, [id, reference] satisfies [string, string | null]].slice(-REMEMBERED_SETTLED);
}

/** Ends the consent question and its contact step: whatever the customer said, nothing more is awaited. */
function endConsent(state: CaseFlowState): void {
  delete state.step;
  delete state.reference;
  delete state.resumeSurvey;
}

/** A case's status name in Turkish. */
export function statusName(status: CaseStatus, t: CaseTexts): string {
  return { open: t.statusOpen, in_progress: t.statusInProgress, resolved: t.statusResolved, closed: t.statusClosed }[status];
}

/** The customer's view of their case: reference, status, opening day in `timeZone`, and the latest public note. */
export function describeCase(found: Case, t: CaseTexts, timeZone: string): string {
  const note = found.notes.filter((n) => n.kind === "public").at(-1);
  const head = fillTemplate(t.statusOwn, { reference: found.reference, status: statusName(found.status, t), created: turkishDate(found.createdAt, timeZone) });
  return `${head}\n\n${note ? fillTemplate(t.statusNote, { note: note.text }) : t.statusNoNote}`;
}

/** The message a customer is sent proactively when an operator changes their case. */
export function proactiveText(found: Case, texts: Readonly<Partial<CaseTexts>>): string {
  const t: CaseTexts = { ...TEXTS.cases, ...texts };
  const note = found.notes.filter((n) => n.kind === "public").at(-1);
  return fillTemplate(t.proactive, {
    reference: found.reference,
    status: statusName(found.status, t),
    note: note ? ` ${fillTemplate(t.statusNote, { note: note.text })}` : "",
  });
}
