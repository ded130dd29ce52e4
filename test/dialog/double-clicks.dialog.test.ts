import type { Activity, TestAdapter } from "botbuilder";
import { findReference } from "../../bot/cases/reference";
import { TURN_ATTEMPTS } from "../../bot/conversation/bot";
import { TEXTS } from "../../bot/conversation/texts";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import type { StateStore, Versioned } from "../../bot/storage/state-store";
import { SqlStateStore } from "../../bot/storage/state-store";
import { channelBot, realKnowledge, testBot, type TestBot } from "../helpers/bot";
import { cardButtons, cardText } from "../helpers/cards";
import { capturingLogger } from "../helpers/log";

type Reply = Partial<Activity>;
type Button = { title: string; value: unknown };
const T = TEXTS.cases;
/** What the bot logs when a turn is run again on a state another turn changed. */
const RUN_AGAIN = "running the turn again";

/** A reply's buttons: its suggested actions, or its card's `Action.Submit`s. */
const buttons = (reply: Reply | undefined): Button[] => [
  ...(reply?.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: a.value })),
  ...cardButtons(reply).map((b) => ({ title: String(b.title), value: b.data })),
];

function pick(reply: Reply | undefined, prefix: string): Button {
  const found = buttons(reply).find((b) => b.title.startsWith(prefix));
  if (!found) throw new Error(`no button "${prefix}…" in ${JSON.stringify(buttons(reply))}`);
  return found;
}

/** What a reply says: its text, or its card's text blocks. */
const said = (reply: Reply): string => reply.text ?? cardText(reply);

/** Sends a message or a click on `adapter` and returns the turn's replies. */
async function turn(adapter: TestAdapter, message: string | Button, replyToId?: string): Promise<Reply[]> {
  expect(adapter.activeQueue.length).toBe(0);
  await adapter.processActivity(typeof message === "string" ? { type: "message", text: message } : { type: "message", text: message.title, value: message.value, replyToId });
  return adapter.activeQueue.splice(0);
}

/** The same click arriving twice at once (a double click), on one adapter or one per instance; every reply, in order. */
async function doubleClick(adapters: readonly TestAdapter[], click: Button, replyToId?: string): Promise<Reply[][]> {
  const [first, second = first] = adapters;
  if (!first || !second) throw new Error("no adapter");
  const sends = [first, second].map((adapter) => adapter.processActivity({ type: "message", text: click.title, value: click.value, replyToId }));
  await Promise.all(sends);
  return first === second ? [first.activeQueue.splice(0)] : [first.activeQueue.splice(0), second.activeQueue.splice(0)];
}

/** Asks a question answered outright and returns its reply. */
async function ask(adapter: TestAdapter, question: string): Promise<Reply> {
  const [answer, ...rest] = await turn(adapter, question);
  expect(rest).toEqual([]);
  expect(said(answer ?? {})).toContain(TEXTS.ratePrompt);
  return answer ?? {};
}

/** Rates two answers 5 and asks a third question; its answer's reply (its rating brings NPS). */
async function thirdAnswer(adapter: TestAdapter): Promise<Reply> {
  for (const question of ["crm nedir", "nps nedir"]) {
    const answer = await ask(adapter, question);
    await turn(adapter, pick(answer, TEXTS.ratingLabels[4]), answer.id);
  }
  return ask(adapter, "ces nedir");
}

/** Rates an answer 1 and comments: the reply holding the case offer. */
async function offerAfterComment(adapter: TestAdapter): Promise<Reply> {
  const answer = await ask(adapter, "csat nedir");
  await turn(adapter, pick(answer, TEXTS.ratingLabels[0]), answer.id);
  const replies = await turn(adapter, "hesaplama yanlış anlatılmış");
  expect(replies.map(said)).toEqual([TEXTS.commentThanks, T.offerRating]);
  return replies[1] ?? {};
}

describe("a double click (TestAdapter): the turns of a conversation one after another", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("Teams: a rating clicked twice at once is thanked once, brings one NPS card, and the second click is 'zaten puanlamıştınız'", async () => {
    const log = capturingLogger();
    const t = await channelBot(kb, "msteams", { logger: log.logger });
    const answer = await thirdAnswer(t.channel);
    const [replies = []] = await doubleClick([t.channel], pick(answer, TEXTS.ratingLabels[4]), answer.id);
    expect(replies.map(said)).toEqual([TEXTS.ratingThanks, TEXTS.npsQuestion, TEXTS.alreadyRated]);
    // the one NPS card works: no "forged" refusal
    const nps = replies[1];
    const [ces, ...rest] = await turn(t.channel, pick(nps, "8"), nps?.id);
    expect(rest).toEqual([]);
    expect(said(ces ?? {})).toBe(TEXTS.cesQuestion);
    await t.recorder.flush();
    const report = await t.store.report({});
    expect(report.nps).toMatchObject({ responses: 1, passives: 1 });
    expect(report.csat.responses).toBe(3);
    // the second click waited for the first: it never met a state changed under it
    expect(log.text()).not.toContain(RUN_AGAIN);
  });

  it("Teams: an NPS score clicked twice at once is stored once and asks CES once; the second click is 'zaten yanıtlamıştınız'", async () => {
    const t = await channelBot(kb, "msteams");
    const answer = await thirdAnswer(t.channel);
    const [, nps] = await turn(t.channel, pick(answer, TEXTS.ratingLabels[4]), answer.id);
    const [replies = []] = await doubleClick([t.channel], pick(nps, "9"), nps?.id);
    expect(replies.map(said)).toEqual([TEXTS.cesQuestion, TEXTS.surveyAlreadyAnswered]);
    await t.recorder.flush();
    expect((await t.store.report({})).nps).toMatchObject({ responses: 1, promoters: 1 });
  });

  it("Teams: 'Şikayet kaydı aç' clicked twice at once opens one case and alerts once; the second click names the case ('zaten açtım')", async () => {
    const log = capturingLogger();
    const t = await channelBot(kb, "msteams", { logger: log.logger });
    const offer = await offerAfterComment(t.channel);
    const [replies = []] = await doubleClick([t.channel], pick(offer, T.acceptButton), offer.id);
    const [opened] = await t.cases.list({ now: new Date().toISOString() }).then((all) => {
      expect(all).toHaveLength(1);
      return all;
    });
    const reference = opened?.reference ?? "";
    expect(replies.map(said)).toEqual([fillTemplate(T.created, { reference, hours: 48 }), T.consentQuestion, fillTemplate(T.alreadyOpened, { reference })]);
    expect(t.alerts.filter((a) => a.kind === "case-created")).toHaveLength(1);
    // the offer card shows what was chosen instead of its buttons
    expect(t.channel.updated).toHaveLength(2);
    expect(t.channel.updated.at(-1)).toMatchObject({ id: offer.id });
    expect(buttons(t.channel.updated.at(-1))).toEqual([]);
    expect(said(t.channel.updated.at(-1) ?? {})).toBe(`${T.offerRating}\n\n${TEXTS.chosenNote(T.acceptButton)}`);
    // the consent question clicked twice: asked for the contact once, then 'zaten'
    const consent = replies[1];
    const [again = []] = await doubleClick([t.channel], pick(consent, T.consentNoButton), consent?.id);
    expect(again.map(said)).toEqual([fillTemplate(T.contactDeclined, { reference }), T.alreadyAnswered]);
    expect(log.text()).not.toContain(RUN_AGAIN);
  });
});

/** A conversation state store that holds a write until a gate opens, to order two instances' turns. */
class GatedStore implements StateStore {
  /** Opened by the test to let the held writes through; null while writes pass at once. */
  gate: Promise<void> | null = null;
  /** Called after each read. */
  onRead: () => void = () => undefined;
  /** Called before each write, once the gate is open. */
  beforeWrite: (key: string) => Promise<void> = async () => undefined;
  writes = 0;

  constructor(private readonly inner: StateStore) {}

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const found = await this.inner.read(keys);
    this.onRead();
    return found;
  }

  async write(key: string, value: unknown, etag?: string): Promise<string> {
    this.writes += 1;
    await this.gate;
    await this.beforeWrite(key);
    return this.inner.write(key, value, etag);
  }

  delete(keys: readonly string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire = (): void => undefined;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

describe("a double click whose two clicks reach two instances on one database", () => {
  let kb: KnowledgeBase;
  let a: TestBot;
  let b: TestBot;
  let stores: { a: GatedStore; b: GatedStore };
  beforeAll(async () => {
    kb = await realKnowledge();
  });
  beforeEach(async () => {
    let gatedA: GatedStore | undefined;
    let gatedB: GatedStore | undefined;
    a = await testBot(kb, { wrapState: (store) => (gatedA = new GatedStore(store)) });
    b = await testBot(kb, { database: a.database, wrapState: (store) => (gatedB = new GatedStore(store)) });
    if (!gatedA || !gatedB) throw new Error("no state stores");
    stores = { a: gatedA, b: gatedB };
  });

  /**
   * Makes the next turns on A and B both read the conversation before either writes, A write first:
   * B's turn then meets A's newer state when it saves, and is run again on it.
   */
  function interleave(): void {
    const bRead = signal();
    const aWritten = signal();
    stores.b.onRead = bRead.fire;
    stores.a.gate = bRead.promise;
    stores.a.beforeWrite = async () => aWritten.fire();
    stores.b.gate = aWritten.promise.then(() => new Promise((resolve) => setImmediate(resolve)));
  }

  /** Another instance writes the conversation (as it was) right before B's next write only: B's turn is run again once. */
  function conflictOnce(): void {
    const other = new SqlStateStore(a.database);
    let conflicts = 0;
    stores.b.beforeWrite = async (key) => {
      if (conflicts > 0) return;
      conflicts += 1;
      await other.write(key, (await other.read([key])).get(key)?.value ?? {}, "*");
    };
  }

  it("opens one case: B's turn, run again on A's state, says only 'zaten açtım' with the reference", async () => {
    const offer = await offerAfterComment(a.adapter);
    interleave();
    const writesBefore = stores.b.writes;
    const [onA = [], onB = []] = await doubleClick([a.adapter, b.adapter], pick(offer, T.acceptButton));
    const all = await a.cases.list({ now: new Date().toISOString() });
    expect(all).toHaveLength(1);
    const reference = all[0]?.reference ?? "";
    expect(onA.map(said)).toEqual([fillTemplate(T.created, { reference, hours: 48 }), T.consentQuestion]);
    expect(onB.map(said)).toEqual([fillTemplate(T.alreadyOpened, { reference })]);
    // B wrote twice: refused once, then saved the second run
    expect(stores.b.writes - writesBefore).toBe(2);
    expect([...a.alerts, ...b.alerts].filter((alert) => alert.kind === "case-created")).toHaveLength(1);
    expect(findReference(onB.map(said).join(" "))).toBe(reference);
  });

  it("thanks a rating once and asks NPS once; the NPS card works on either instance", async () => {
    const answer = await thirdAnswer(a.adapter);
    interleave();
    const [onA = [], onB = []] = await doubleClick([a.adapter, b.adapter], pick(answer, TEXTS.ratingLabels[4]));
    expect(onA.map(said)).toEqual([TEXTS.ratingThanks, TEXTS.npsQuestion]);
    expect(onB.map(said)).toEqual([TEXTS.alreadyRated]);
    const [ces, ...rest] = await turn(b.adapter, pick(onA[1], "8"));
    expect(rest).toEqual([]);
    expect(said(ces ?? {})).toBe(TEXTS.cesQuestion);
    await b.recorder.flush();
    expect((await a.store.report({})).nps).toMatchObject({ responses: 1 });
  });

  it("alerts once for an NPS detractor's score clicked on both instances at once", async () => {
    const answer = await thirdAnswer(a.adapter);
    const [, nps] = await turn(a.adapter, pick(answer, TEXTS.ratingLabels[4]));
    interleave();
    const [onA = [], onB = []] = await doubleClick([a.adapter, b.adapter], pick(nps, "3"));
    expect(onA.map(said)).toEqual([T.offerNps]);
    expect(onB.map(said)).toEqual([TEXTS.surveyAlreadyAnswered]);
    expect([...a.alerts, ...b.alerts].filter((alert) => alert.kind === "nps-detractor")).toEqual([expect.objectContaining({ score: 3 })]);
  });

  it("logs a question run again on a newer state once: one question row and one answer row, those of the answer the customer got", async () => {
    await ask(a.adapter, "nps nedir");
    conflictOnce();
    const writesBefore = stores.b.writes;
    const answer = await ask(b.adapter, "crm nedir");
    expect(stores.b.writes - writesBefore).toBe(2);
    await turn(b.adapter, pick(answer, TEXTS.ratingLabels[3]));
    await Promise.all([a.recorder.flush(), b.recorder.flush()]);
    const { db } = a.database;
    const questions = await db.selectFrom("questions").select(["id", "entry_id"]).where("query", "=", "crm nedir").execute();
    expect(questions).toHaveLength(1);
    const entryId = questions[0]?.entry_id ?? "";
    const answers = await db.selectFrom("answers").select(["id", "question_id"]).where("entry_id", "=", entryId).execute();
    expect(answers).toEqual([{ id: expect.any(String), question_id: questions[0]?.id }]);
    // the rating of the answer shown is a rating of the answer logged
    expect(await db.selectFrom("ratings").select(["answer_id", "rating"]).where("entry_id", "=", entryId).execute()).toEqual([{ answer_id: answers[0]?.id, rating: 4 }]);
  });

  it("stores a comment run again on a newer state once", async () => {
    const answer = await ask(a.adapter, "csat nedir");
    await turn(a.adapter, pick(answer, TEXTS.ratingLabels[0]));
    conflictOnce();
    const writesBefore = stores.b.writes;
    expect((await turn(b.adapter, "örnek eksik")).map(said)).toEqual([TEXTS.commentThanks, T.offerRating]);
    expect(stores.b.writes - writesBefore).toBe(2);
    await Promise.all([a.recorder.flush(), b.recorder.flush()]);
    expect(await a.database.db.selectFrom("comments").select(["text", "rating"]).execute()).toEqual([{ text: "örnek eksik", rating: 1 }]);
  });

  it(`asks the customer to send it again when the conversation changed under each of ${TURN_ATTEMPTS} attempts; nothing of them is said`, async () => {
    const answer = await ask(a.adapter, "crm nedir");
    // another instance writes the conversation right before each of B's writes
    const other = new SqlStateStore(a.database);
    stores.b.beforeWrite = async (key) => {
      await other.write(key, (await other.read([key])).get(key)?.value ?? {}, "*");
    };
    const writesBefore = stores.b.writes;
    expect((await turn(b.adapter, pick(answer, TEXTS.ratingLabels[3]))).map(said)).toEqual([TEXTS.turnConflict]);
    expect(stores.b.writes - writesBefore).toBe(TURN_ATTEMPTS);
  });
});
