// first: it quiets dotenv before anything loads natural
import { configWarnings, configWarningText, loadConfig, processEnvironment, type Config } from "./config";
import { ConversationState } from "botbuilder";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { NO_ALERTS, type AlertSink } from "./cases/alerts";
import { ConnectedCaseStore } from "./cases/connected-store";
import { OverdueWatcher } from "./cases/overdue";
import { casesCsv } from "./cases/report-format";
import { WebhookAlerts } from "./cases/webhook";
import { CaseFlow } from "./conversation/case-flow";
import { botTexts, TEXTS } from "./conversation/texts";
import { registerCasesPage } from "./web/cases";
import { createProactiveNotifier } from "./web/proactive";
import { createLogger, type Logger } from "./logger";
import { MemnunBot } from "./conversation/bot";
import { DatabaseStorage } from "./conversation/state-storage";
import { Integrity } from "./feedback/integrity";
import { computeRecommendations } from "./feedback/recommendations";
import { FeedbackRecorder } from "./feedback/recorder";
import { keptVersionsPath } from "./knowledge/kept-versions";
import { KnowledgeService } from "./knowledge/service";
import { Matcher } from "./matching/matcher";
import { createAdapter } from "./server/adapter";
import { createServer } from "./server/app";
import { perMinute } from "./server/rate-limit";
import { ConnectedFeedbackStore, resolveSecret } from "./feedback/connected-store";
import { ConnectedStateStore, DatabaseConnection } from "./storage/connection";
import { DashboardAuth, registerDashboard } from "./web/dashboard";
import { ConnectedSessionRevocations } from "./web/session-revocations";
import { ChatUserTokens, DirectLineTokens, registerDirectLine } from "./web/direct-line";
import { MemoryConversationLogs, type ConversationLogStore } from "./web/conversation-logs";
import { RedisConversationLogs } from "./web/redis-conversation-logs";
import { RedisConnection } from "./storage/redis";
import { registerPages } from "./web/pages";
import { CachedStateStore } from "./storage/state-cache";
import { assertPortFree, listenError, lockDataDir } from "./storage/instance-lock";
import { VERSION } from "./version";

/** Feedback waiting for the database, inside `DATA_DIR`. */
const SPOOL_FILE = "feedback-spool.jsonl";
/** Alerts waiting for the webhook, inside `DATA_DIR`. */
const ALERT_SPOOL_FILE = "alert-spool.jsonl";
/** Feedback the database refused for its content, inside `DATA_DIR` (JSON lines, for an operator). */
const DEAD_LETTER_FILE = "feedback-dead-letters.jsonl";

/** This instance's copy of the installation secret kept in the database, inside `DATA_DIR` (mode 0600). */
const SECRET_COPY_FILE = "installation-secret";

/** Longest a graceful shutdown waits for turns in flight before giving up. */
const SHUTDOWN_GRACE_MS = 10_000;


/** A running Memnun instance. */
export interface RunningApp {
  readonly config: Config;
  readonly logger: Logger;
  /** Base URL the server listens on, e.g. `http://127.0.0.1:3978`. */
  readonly url: string;
  readonly port: number;
  /** The endpoints the server answers: each route's method and path pattern (`/api/cases/:reference`). */
  readonly routes: ReadonlyArray<{ readonly method: string; readonly path: string }>;
  /** Stops accepting requests, lets turns in flight finish, closes stores. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Logger to use instead of one built from the configuration (tests pass a silent one). */
  logger?: Logger;
}

/** Wires configuration, logger, knowledge, matcher, bot, adapter and server, and starts listening. */
export async function start(env: Readonly<Record<string, string | undefined>>, options: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig(env);
  const logger = options.logger ?? createLogger(config.logLevel);
  for (const warning of configWarnings(env)) logger.warn({ warning: warning.kind }, configWarningText(warning));
  // a second instance on the same port or DATA_DIR is refused before anything loads: with SQLite
  // the database is the instance's own; with PostgreSQL its spools still are (two replaying one spool could lose feedback)
  await assertPortFree(config.port, config.host);
  const lock = await lockDataDir(config.dataDir, config.databaseUrl ? "shared" : "sqlite");
  try {
    const app = await startServices(config, logger);
    return {
      ...app,
      close: async () => {
        try {
          await app.close();
        } finally {
          await lock?.release();
        }
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function startServices(config: Config, logger: Logger): Promise<RunningApp> {

  const knowledge = new KnowledgeService({
    dir: config.knowledgeDir,
    logger,
    maxFileBytes: config.knowledgeMaxFileBytes,
    keptVersionsFile: keptVersionsPath(config.dataDir),
  });
  await knowledge.reload();
  await knowledge.watch();

  const matcher = new Matcher();
  // build the search index once per reload, not on the first question after it
  matcher.indexFor(knowledge.current());
  knowledge.subscribe((kb) => matcher.indexFor(kb));

  // an unreachable database degrades feedback, never answering (see DatabaseConnection)
  const connection = new DatabaseConnection({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, logger);
  await connection.connect();
  connection.watch();
  // Redis (optional) holds what instances share and may lose: rate limit windows, Direct Line conversations
  const redis = config.redisUrl ? new RedisConnection({ url: config.redisUrl, prefix: config.redisKeyPrefix }, logger) : undefined;
  await redis?.connect();
  /** A per-minute limit, counted by all instances together when they share Redis. */
  const limit = (points: number, name: string) => perMinute(points, redis ? { redis, name } : undefined);
  const feedbackStore = new ConnectedFeedbackStore(connection);
  const recorder = new FeedbackRecorder({
    store: feedbackStore,
    logger,
    spoolFile: join(config.dataDir, SPOOL_FILE),
    deadLetterFile: join(config.dataDir, DEAD_LETTER_FILE),
  });
  recorder.recover();
  const secret = await resolveSecret(config.installationSecret, feedbackStore, logger, join(config.dataDir, SECRET_COPY_FILE)).catch(async (error: unknown) => {
    await recorder.close();
    await connection.close();
    await redis?.close();
    await knowledge.close();
    throw error;
  });
  // a database recreated empty gets the same secret back, so every instance keeps agreeing
  if (!config.installationSecret) {
    connection.onRecreated(async () => {
      await feedbackStore.installationSecret(secret);
    });
  }
  const integrity = new Integrity(secret);

  // the embedded SQLite database belongs to this instance alone: its state can be cached in memory
  const stateStore = config.databaseUrl ? new ConnectedStateStore(connection, logger) : new CachedStateStore(new ConnectedStateStore(connection, logger));
  const conversationState = new ConversationState(new DatabaseStorage(stateStore, (key) => integrity.pseudonym(`state:${key}`)));

  const caseStore = new ConnectedCaseStore(connection);
  const webhook = config.alertWebhookUrl
    ? new WebhookAlerts({
        url: config.alertWebhookUrl,
        format: config.alertWebhookFormat,
        logger,
        summarize: (alert) => TEXTS.alertSummary(alert, config.reportTimeZone),
        spoolFile: join(config.dataDir, ALERT_SPOOL_FILE),
      })
    : null;
  webhook?.recover();
  const alerts: AlertSink = webhook ?? NO_ALERTS;
  const overdue = new OverdueWatcher({ store: caseStore, alerts, logger, newId: randomUUID });
  overdue.start();
  const cases = new CaseFlow({
    store: caseStore,
    integrity,
    logger,
    alerts,
    responseHours: config.caseResponseHours,
    timeZone: config.reportTimeZone,
    texts: () => knowledge.current().caseTexts,
  });

  const bot = new MemnunBot({
    logger,
    knowledge: () => knowledge.current(),
    matcher,
    maxMessageLength: config.maxMessageLength,
    recorder,
    integrity,
    conversationState,
    conversationLimit: limit(config.rateLimitConversationPerMinute, "conversation"),
    cases,
  });
  const { adapter, auth } = createAdapter(config, logger);
  const sessionRevocations = new ConnectedSessionRevocations(connection);
  const dashboardAuth = new DashboardAuth(config.dashboardToken, {
    operators: config.operators,
    trustProxy: config.trustProxy,
    logger,
    failureLimit: limit(config.rateLimitAuthFailuresPerMinute, "dashboard-auth-failures"),
    // in the database, so a sign-out on one instance holds on every instance sharing it
    revocations: sessionRevocations,
  });
  const { server, inFlight, drain } = createServer({
    adapter,
    bot,
    logger,
    clientLimit: limit(config.rateLimitClientPerMinute, "client"),
    trustProxy: config.trustProxy,
    limitBotEndpoint: config.localMode,
    serviceUrlAllowList: config.localMode ? config.serviceUrlAllowList : undefined,
    channelAuth: config.localMode ? undefined : { auth, authFailureLimit: limit(config.rateLimitAuthFailuresPerMinute, "auth-failures") },
    signInGuard: dashboardAuth.signInGuard,
    healthDetails: (req) => dashboardAuth.authorized(req),
    health: async () => {
      await connection.probe();
      const status = knowledge.status();
      const db = connection.status();
      const feedback = {
        database: db.kind,
        connected: db.connected,
        pending: recorder.pending,
        deadLetters: recorder.deadLetters,
        error: db.error ?? recorder.error,
      };
      // a configured Redis away: limits count per instance meanwhile, local Direct Line conversations answer 503
      const shared = redis ? { configured: true, ...redis.status() } : { configured: false, connected: false, error: null };
      const healthy = status.entries > 0 && status.brokenFiles.length === 0 && status.watching && db.connected && feedback.error === null && (!redis || shared.connected);
      // alerts waiting for the webhook are reported, not counted as degraded: the receiver is not Memnun
      return {
        status: healthy ? "ok" : "degraded",
        version: VERSION,
        knowledge: status,
        feedback,
        redis: shared,
        alerts: { webhook: webhook !== null, pending: webhook?.pending ?? 0 },
      };
    },
  });

  const logs: ConversationLogStore = redis ? new RedisConversationLogs(redis) : new MemoryConversationLogs();
  registerDirectLine(server, {
    adapter,
    auth,
    appId: config.appId,
    bot,
    logger,
    inFlight,
    tokens: new DirectLineTokens(secret),
    users: new ChatUserTokens(secret),
    logs,
    directLineSecret: config.directLineSecret,
    directLineDomain: config.directLineDomain,
    tokenLimit: limit(config.rateLimitTokenPerMinute, "token"),
    pollLimit: limit(config.rateLimitPollPerMinute, "poll"),
    trustProxy: config.trustProxy,
  });
  registerPages(server, () => botTexts(knowledge.current().botTexts));
  registerDashboard(server, {
    token: config.dashboardToken,
    timeZone: config.reportTimeZone,
    operators: config.operators,
    auth: dashboardAuth,
    logger,
    // the same JSON as `report --json`: the feedback report with the case figures
    report: async (range) => {
      const [report, cases] = await Promise.all([
        feedbackStore.report(range, (id) => knowledge.current().byId.get(id)?.question ?? null),
        caseStore.report(range, new Date().toISOString()),
      ]);
      return { ...report, cases };
    },
    casesCsv: (range) => casesCsv(caseStore, range, new Date().toISOString()),
    recommendations: async () => {
      const kb = knowledge.current();
      const [data, report] = await Promise.all([feedbackStore.learning({}), feedbackStore.report({}, (id) => kb.byId.get(id)?.question ?? null)]);
      return computeRecommendations(data, report, kb, matcher, Object.values(TEXTS.maskedDetails));
    },
  });

  registerCasesPage(server, {
    auth: dashboardAuth,
    store: caseStore,
    logger,
    timeZone: config.reportTimeZone,
    responseHours: config.caseResponseHours,
    notify: createProactiveNotifier({ adapter, appId: config.appId, logger, logs, texts: () => knowledge.current().caseTexts }),
  });

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error): void => reject(listenError(error, config.port, config.host));
    server.once("error", failed);
    server.listen(config.port, config.host, () => {
      server.removeListener("error", failed);
      resolve();
    });
  });
  const port = server.address().port;
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  logger.info({ url, version: VERSION, localMode: config.localMode }, "[server] Memnun is listening");
  if (config.localMode) {
    logger.info(`[server] local mode (no MicrosoftAppId): connect Bot Framework Emulator to ${url}/api/messages`);
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info("[server] shutting down");
      // no new connections; requests on open ones are answered with `connection: close`
      drain();
      const stopped = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      server.server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
      await Promise.race([Promise.all([stopped, inFlight.idle()]), grace]);
      server.server.closeAllConnections();
      await knowledge.close();
      await recorder.close();
      await overdue.close();
      await webhook?.close();
      await caseStore.close();
      await stateStore.close();
      await sessionRevocations.close();
      await feedbackStore.close();
      await connection.close();
      await logs.close();
      await redis?.close();
      logger.info("[server] stopped");
    })();
    return closing;
  };

  const routes = Object.values(server.router.getRoutes()).map((route) => ({ method: route.method, path: String(route.path) }));
  return { config, logger, url, port, routes, close };
}

function main(): void {
  start(processEnvironment()).then(
    (app) => {
      const onSignal = (signal: NodeJS.Signals): void => {
        app.logger.info({ signal }, "[server] signal received");
        // an empty event loop while closing still waits is a stop that never finished, not a clean one
        process.once("beforeExit", () => {
          app.logger.error("[server] the process ended before closing finished");
          process.exit(1);
        });
        app.close().then(
          () => process.exit(0),
          (error: unknown) => {
            app.logger.error({ err: error }, "[server] closing failed");
            process.exit(1);
          },
        );
      };
      process.once("SIGTERM", onSignal);
      process.once("SIGINT", onSignal);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
