import type { Activity, CloudAdapter } from "botbuilder";
import type { BotFrameworkAuthentication } from "botframework-connector";
import { createHash } from "node:crypto";
import { LruMap } from "../lru";
import type { ActivityHandler } from "botbuilder";
import restify, { type Server } from "restify";
import type { Logger } from "../logger";
import { checkActivity, isAllowedServiceUrl, MAX_BODY_BYTES } from "./activity-guard";
import { clientAddress } from "./proxy";
import type { RateLimit } from "./rate-limit";
import { codeOfRestifyError, serverRefusal } from "./refusal";

/** What `/healthz` reports. */
export interface Health {
  status: "ok" | "degraded";
  version: string;
  knowledge: {
    entries: number;
    loadedAt: string | null;
    lastError: string | null;
  };
  [extra: string]: unknown;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  health: () => Promise<Health>;
  /** Whether a request may see the details of `/healthz`; others see `{status}` only. */
  healthDetails?: (req: restify.Request) => Promise<boolean>;
  /** Requests per client address; over it the client gets 429 (see `isLimited`). */
  clientLimit?: RateLimit;
  /** Behind a reverse proxy (`TRUST_PROXY`): a client is the address it forwards (`clientAddress`), not the proxy's. */
  trustProxy?: boolean;
  /**
   * Whether `/api/messages` counts against the client limit. Only in local mode: behind Azure
   * every request comes from the Bot Service's addresses, and conversations are limited instead.
   */
  limitBotEndpoint?: boolean;
  /**
   * Local mode (no channel authentication): the `serviceUrl`s replies may go to (see
   * `isAllowedServiceUrl`); an activity naming another one gets 403. Undefined = any (behind
   * Azure the SDK authenticates the channel and its service URL).
   */
  serviceUrlAllowList?: readonly string[];
  /**
   * Credential mode: the channel authentication. Requests are authenticated before the adapter
   * sees them, so a bad token gets a plain 401 (no SDK internals), and a client whose tokens keep
   * failing gets 429 before its body is even read (`authFailureLimit`).
   */
  channelAuth?: { auth: BotFrameworkAuthentication; authFailureLimit: RateLimit };
  /**
   * Run before the client limit counts a request: the operators' failed sign-in limit
   * (`DashboardAuth.signInGuard`), so that what it refuses does not use up the allowance of the
   * operators behind the same address.
   */
  signInGuard?: (req: restify.Request, res: restify.Response, next: restify.Next) => void;
}

/** Failed bearer tokens remembered, so the same forged token is refused without asking the SDK (and its key fetch) again. Higher = more memory. */
const FAILED_TOKENS_REMEMBERED = 10_000;

/** The fields channel authentication reads (`checkActivity` has passed; a runtime check, so no cast is needed). */
const hasAuthenticatedFields = (body: unknown): body is Activity =>
  typeof body === "object" &&
  body !== null &&
  "type" in body &&
  typeof body.type === "string" &&
  "serviceUrl" in body &&
  typeof body.serviceUrl === "string" &&
  "conversation" in body &&
  typeof body.conversation === "object" &&
  body.conversation !== null;

/** Whether a header could hold a JWT at all: `Bearer` and three base64url parts. */
const JWT_SHAPE = /^Bearer\s+[\w-]+\.[\w-]+\.[\w-]+$/i;

/** Where Bot Framework channels (and the local Direct Line) post activities. */
export const BOT_ENDPOINT_PATH = "/api/messages";

/** The operators' JSON APIs, and anything under their paths: the dashboard's and the case API. */
export const OPERATOR_API_PATH = /^\/api\/(report|report\.csv|recommendations|recommendations\.csv|cases?|case-report)(\/|$)/;

/** Requests that count against the per-client limit: every POST and the operator pages; not static files or Direct Line polling. */
export function isLimited(method: string, path: string, limitBotEndpoint: boolean): boolean {
  if (path === BOT_ENDPOINT_PATH) return limitBotEndpoint && method === "POST";
  if (method === "POST") return true;
  // every operator endpoint (and anything under it) counts, so a token cannot be guessed at speed
  return method === "GET" && (/^\/dashboard(\/|$)/.test(path) || OPERATOR_API_PATH.test(path));
}

/**
 * Whether a request's `Content-Encoding` leaves its body as sent (none, or `identity`). No client
 * of these endpoints compresses a body (Bot Framework channels, Direct Line clients, the pages), and
 * restify's body reader must never see one: it gunzips without an error handler, so one request
 * with `Content-Encoding: gzip` and a body that is not gzip ended the process, and it bounds the
 * compressed bytes only, so a small body could inflate without limit.
 */
export function isPlainBody(encoding: string | readonly string[] | undefined): boolean {
  if (encoding === undefined) return true;
  if (typeof encoding !== "string") return false;
  const value = encoding.trim().toLowerCase();
  return value === "" || value === "identity";
}

/**
 * Whether a request's body is multipart. No endpoint takes one, and restify's body parser hands it
 * to formidable, which writes every file part to the system's temporary folder, unbounded by the
 * body limit and never deleted: one request could fill the disk.
 */
export function isMultipart(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*multipart\//i.test(contentType);
}

/** Counts turns in flight, so shutdown can wait for them. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.count;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await work();
    } finally {
      this.count -= 1;
      if (this.count === 0) {
        for (const wake of this.waiters.splice(0)) wake();
      }
    }
  }

  /** Resolves when no turn is in flight. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** The server and what a graceful stop needs from it. */
export interface CreatedServer {
  server: Server;
  inFlight: InFlight;
  /**
   * Starts a graceful stop: `/healthz` answers 503 `{"status":"stopping"}` (a load balancer takes
   * the instance out), and every response closes its connection, so clients reconnect to another
   * instance while the turns in flight finish here.
   */
  drain: () => void;
}

/** Builds the restify server: `POST /api/messages` and `GET /healthz`. Does not listen. */
export function createServer(deps: ServerDeps): CreatedServer {
  const { adapter, bot, logger } = deps;
  const inFlight = new InFlight();
  let draining = false;
  const server = restify.createServer({ name: "memnun", handleUncaughtExceptions: false });
  // restify (11) logs through pino: it gets ours, so its own lines (a response that failed to
  // serialize…) get the same redaction, never a request's headers. @types/restify still
  // describes the bunyan logger of restify 8, hence a property definition, not `log:`.
  Object.defineProperty(server, "log", { value: logger.child({ component: "restify" }), writable: true, configurable: true });

  // while stopping, no connection is kept for another request: the next one goes to another instance
  const answering = new Set<restify.Response>();
  server.pre((_req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (draining) {
      res.setHeader("connection", "close");
      return next();
    }
    // a response still to be written when the stop begins is told to close its connection too
    answering.add(res);
    res.once("close", () => answering.delete(res));
    return next();
  });

  const { channelAuth } = deps;
  const trustProxy = deps.trustProxy ?? false;
  const failedTokens = new LruMap<string, true>(FAILED_TOKENS_REMEMBERED);
  const tokenKey = (header: string): string => createHash("sha256").update(header).digest("base64url");
  if (channelAuth) {
    // before the body is parsed: no credentials, or a client whose credentials keep failing
    server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (path !== BOT_ENDPOINT_PATH || req.method !== "POST") return next();
      const client = clientAddress(req, trustProxy);
      channelAuth.authFailureLimit.peek(client).then(
        (waitMs) => {
          if (waitMs > 0) {
            res.header("retry-after", String(Math.ceil(waitMs / 1000)));
            res.send(429, serverRefusal("too-many-requests", "Too many failed authentications; retry later."));
            return next(false);
          }
          const header = req.header("authorization") ?? "";
          if (!JWT_SHAPE.test(header) || failedTokens.has(tokenKey(header))) {
            void channelAuth.authFailureLimit.take(client);
            logger.warn({ client }, "[server] refused a request without valid channel credentials");
            res.send(401, { error: "unauthorized" });
            return next(false);
          }
          return next();
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  if (deps.signInGuard) server.pre(deps.signInGuard);

  const { clientLimit } = deps;
  if (clientLimit) {
    server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (!isLimited(req.method ?? "GET", path, deps.limitBotEndpoint ?? false)) return next();
      const client = clientAddress(req, trustProxy);
      clientLimit.take(client).then(
        (waitMs) => {
          if (waitMs === 0) return next();
          logger.warn({ client, path }, "[server] client over its request rate");
          res.header("retry-after", String(Math.ceil(waitMs / 1000)));
          res.send(429, serverRefusal("too-many-requests"));
          return next(false);
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  // before any body is read: see `isPlainBody` and `isMultipart`
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (!isPlainBody(req.headers["content-encoding"])) {
      logger.warn({ path, encoding: req.headers["content-encoding"] }, "[server] refused a compressed request body");
      res.send(415, serverRefusal("unsupported-encoding"));
      return next(false);
    }
    if (isMultipart(req.headers["content-type"])) {
      logger.warn({ path }, "[server] refused a multipart request body");
      res.header("connection", "close");
      res.send(415, serverRefusal("unsupported-media-type"));
      return next(false);
    }
    return next();
  });

  server.use(restify.plugins.queryParser());
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: MAX_BODY_BYTES,
      mapParams: false,
      rejectUnknown: false,
    }),
  );

  server.post(BOT_ENDPOINT_PATH, async (req, res) => {
    const verdict = checkActivity(req.body);
    if (!verdict.ok) {
      logger.warn({ reason: verdict.message }, "[server] rejected activity");
      res.send(400, { error: verdict.message });
      return;
    }
    const allowList = deps.serviceUrlAllowList;
    const activity: unknown = req.body;
    const serviceUrl = typeof activity === "object" && activity !== null && "serviceUrl" in activity ? activity.serviceUrl : undefined;
    if (allowList && !(typeof serviceUrl === "string" && isAllowedServiceUrl(serviceUrl, allowList))) {
      logger.warn({ url: typeof serviceUrl === "string" ? serviceUrl : undefined }, "[server] refused an activity whose serviceUrl is not allowed (SERVICE_URL_ALLOW_LIST)");
      res.send(403, { error: "serviceUrl is not allowed in local mode (see SERVICE_URL_ALLOW_LIST)" });
      return;
    }
    if (channelAuth) {
      const header = req.header("authorization") ?? "";
      try {
        const body: unknown = req.body;
        if (!hasAuthenticatedFields(body)) throw new Error("incomplete activity");
        await channelAuth.auth.authenticateRequest(body, header);
      } catch (error) {
        failedTokens.set(tokenKey(header), true);
        await channelAuth.authFailureLimit.take(clientAddress(req, trustProxy));
        logger.warn({ reason: error instanceof Error ? error.message : String(error) }, "[server] channel authentication failed");
        res.send(401, { error: "unauthorized" });
        return;
      }
    }
    try {
      await inFlight.run(() => adapter.process(req, res, (context) => bot.run(context)));
    } catch (error) {
      logger.error({ err: error }, "[server] failed to process activity");
      if (!res.headersSent) res.send(500, { error: "internal error" });
    }
  });

  server.get("/healthz", async (req, res) => {
    if (draining) {
      res.header("cache-control", "no-store");
      res.send(503, { status: "stopping" });
      return;
    }
    const health = await deps.health();
    res.header("cache-control", "no-store");
    // the details (database location, knowledge files, errors) are for operators only
    res.send(200, (await deps.healthDetails?.(req)) ? health : { status: health.status });
  });

  // every error restify answers (its body parser: no JSON, too large; its router: no such path or
  // method; a route's uncaught failure) is answered in the JSON APIs' shape, on every path
  server.on("restifyError", (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const code = codeOfRestifyError(err.name, status);
    if (status >= 500) logger.error({ err, url: req.url }, "[server] request failed");
    // restify's message quotes the client's body (`Invalid JSON: Unexpected token …`): only its class is logged
    else logger.warn({ status, code, restifyError: err.name, url: req.url }, "[server] bad request");
    // restify sends the error itself after this event: its JSON is what `toJSON` returns
    const body = serverRefusal(code);
    err.toJSON = () => body;
    callback();
  });

  return {
    server,
    inFlight,
    drain: () => {
      draining = true;
      for (const res of answering) if (!res.headersSent) res.setHeader("connection", "close");
      answering.clear();
    },
  };
}
