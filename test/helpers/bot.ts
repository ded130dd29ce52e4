import { ConversationState, TestAdapter, type Activity, type TurnContext } from "botbuilder";
import { join } from "node:path";
import type { Alert } from "../../bot/cases/alerts";
import { SqlCaseStore, type CaseStore } from "../../bot/cases/store";
import { CaseFlow } from "../../bot/conversation/case-flow";
import { MemnunBot, type MemnunBotDeps } from "../../bot/conversation/bot";
import { DatabaseStorage } from "../../bot/conversation/state-storage";
import { Integrity } from "../../bot/feedback/integrity";
import { FeedbackRecorder } from "../../bot/feedback/recorder";
import { SqlFeedbackStore, type FeedbackStore } from "../../bot/feedback/store";
import { loadKnowledge } from "../../bot/knowledge/loader";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { createLogger } from "../../bot/logger";
import { Matcher } from "../../bot/matching/matcher";
import { turnErrorHandler } from "../../bot/server/adapter";
import { openDatabase, type Database } from "../../bot/storage/database";
import { SqlStateStore, type StateStore } from "../../bot/storage/state-store";

/** Loads the real knowledge base from `knowledge/`. */
export async function realKnowledge(): Promise<KnowledgeBase> {
  const result = await loadKnowledge(join(__dirname, "..", "..", "knowledge"));
  if (!result.knowledgeBase) throw new Error(`knowledge did not load: ${JSON.stringify(result.errors)}`);
  return result.knowledgeBase;
}

export interface TestBot {
  bot: MemnunBot;
  adapter: TestAdapter;
  database: Database;
  store: SqlFeedbackStore;
  recorder: FeedbackRecorder;
  cases: SqlCaseStore;
  /** Alerts raised by the complaint loop, in order. */
  alerts: Alert[];
}

/** Options of the complaint loop in a test bot. */
/** A case store that does what `store` does, except the methods `overrides` replaces (a store that fails while "down"). */
export function caseStoreWith(store: CaseStore, overrides: Partial<CaseStore>): CaseStore {
  return {
    create: (input) => store.create(input),
    createOnce: (offer, input) => store.createOnce(offer, input),
    get: (reference) => store.get(reference),
    latestOf: (userHash) => store.latestOf(userHash),
    setContact: (reference, contact, at) => store.setContact(reference, contact, at),
    update: (reference, change, actor, at) => store.update(reference, change, actor, at),
    list: (filter) => store.list(filter),
    count: (filter) => store.count(filter),
    markOverdue: (now) => store.markOverdue(now),
    report: (range, now) => store.report(range, now),
    close: () => store.close(),
    ...overrides,
  };
}

export interface TestCaseOptions {
  /** Turns the complaint loop off (as a bot built without it). */
  off?: boolean;
  responseHours?: number;
  /** `REPORT_TIMEZONE` (Europe/Istanbul, its default, unless given). */
  timeZone?: string;
  now?: () => Date;
  /** Wraps the case store (to simulate failures). */
  wrapStore?: (store: CaseStore) => CaseStore;
}

/**
 * One matcher for every test bot of a test file, as the server has one for all its conversations:
 * each knowledge base is indexed once per file rather than once per bot (an index of the shipped
 * knowledge costs 0.3–0.8 s). A matcher's decision depends only on the text and the base.
 */
const matcher = new Matcher();

const opened: Database[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
});

/**
 * A bot over the given knowledge base in a TestAdapter, with the production error handler and a
 * real in-memory SQLite database behind feedback and conversation state.
 */
export async function testBot(
  kb: KnowledgeBase,
  overrides: Partial<MemnunBotDeps> & {
    feedbackStore?: FeedbackStore;
    caseOptions?: TestCaseOptions;
    /** Another test bot's database: a second instance of the same installation (its secret, state, cases and feedback). */
    database?: Database;
    /** Wraps the conversation state store (to order two instances' turns). */
    wrapState?: (store: StateStore) => StateStore;
  } = {},
): Promise<TestBot> {
  const database = overrides.database ?? (await openDatabase({ dataDir: "", sqliteFile: ":memory:" }));
  if (!overrides.database) opened.push(database);
  const store = new SqlFeedbackStore(database);
  const logger = createLogger("silent");
  const recorder = new FeedbackRecorder({ store: overrides.feedbackStore ?? store, logger, tuning: { RETRY_BASE_MS: 20 } });
  const integrity = new Integrity(await store.installationSecret());
  const cases = new SqlCaseStore(database);
  const alerts: Alert[] = [];
  const { caseOptions = {}, feedbackStore: _feedbackStore, database: _database, wrapState = (store) => store, ...deps } = overrides;
  const caseFlow = caseOptions.off
    ? undefined
    : new CaseFlow({
        store: caseOptions.wrapStore ? caseOptions.wrapStore(cases) : cases,
        integrity,
        logger,
        alerts: { raise: (alert) => alerts.push(alert) },
        responseHours: caseOptions.responseHours ?? 48,
        timeZone: caseOptions.timeZone ?? "Europe/Istanbul",
        texts: () => kb.caseTexts,
        ...(caseOptions.now ? { now: caseOptions.now } : {}),
      });
  const bot = new MemnunBot({
    logger,
    knowledge: () => kb,
    matcher,
    maxMessageLength: 2000,
    recorder,
    integrity,
    conversationState: new ConversationState(new DatabaseStorage(wrapState(new SqlStateStore(database)), (key) => integrity.pseudonym(`state:${key}`))),
    ...(caseFlow ? { cases: caseFlow } : {}),
    ...deps,
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  adapter.onTurnError = turnErrorHandler(createLogger("silent"));
  return { bot, adapter, database, store, recorder, cases, alerts };
}

/** A TestAdapter in a given channel that keeps the activities the bot replaced (`updateActivity`). */
export class ChannelAdapter extends TestAdapter {
  readonly updated: Array<Partial<Activity>> = [];
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.updated.push(activity);
    await super.updateActivity(context, activity);
  }
}

export interface ChannelBot extends TestBot {
  channel: ChannelAdapter;
}

/** `testBot` behind a TestAdapter in `channelId`, so replies render as that channel's. */
export async function channelBot(kb: KnowledgeBase, channelId: string, overrides: Parameters<typeof testBot>[1] = {}): Promise<ChannelBot> {
  const t = await testBot(kb, overrides);
  const channel = new ChannelAdapter((context) => t.bot.run(context), { channelId });
  channel.onTurnError = turnErrorHandler(createLogger("silent"));
  return { ...t, channel };
}
