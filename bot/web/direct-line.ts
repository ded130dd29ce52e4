import { ActivityTypes, type Activity, type ActivityHandler, type CloudAdapter, type TurnContext } from "botbuilder";
import { AuthenticationConstants, ClaimsIdentity, type BotFrameworkAuthentication } from "botframework-connector";
import { createHmac, randomBytes } from "node:crypto";
import type { Request, Response, Server } from "restify";
import { z } from "zod";
import { sameSecret } from "../feedback/integrity";
import type { Logger } from "../logger";
import type { InFlight } from "../server/app";
import type { RateLimit } from "../storage/rate-limit";
import { stringField } from "./request";

/** Tuning of the local Direct Line; each says which way it moves things. */
export const DIRECT_LINE_TUNING = Object.freeze({
  /** Lifetime of a token in seconds (as Direct Line's `expires_in`). Longer = fewer refreshes, longer exposure if leaked. */
  TOKEN_TTL_SECONDS: 1800,
  /** Conversations kept in memory; the least recently used go first. Higher = more memory. */
  MAX_CONVERSATIONS: 10_000,
  /** Activities kept per conversation; older ones drop off (a client that far behind starts over). */
  MAX_ACTIVITIES: 500,
  /** Longest text accepted in one posted activity, in characters; the bot's own limit is lower. */
  MAX_TEXT_CHARS: 10_000,
  /** Largest posted activity, in characters of its JSON; larger ones get 413. Higher = richer channelData, more memory per post. */
  MAX_ACTIVITY_CHARS: 32_000,
  /** Characters (JSON) kept per conversation; the oldest activities drop off beyond it, as beyond `MAX_ACTIVITIES`. */
  MAX_CONVERSATION_CHARS: 256_000,
  /**
   * Characters (JSON) kept over all conversations: the memory ceiling of the local Direct Line
   * (about twice this in bytes at worst). Beyond it idle conversations are dropped, then new
   * posts get 503. Higher = more memory under a flood.
   */
  MAX_TOTAL_CHARS: 32_000_000,
  /** A conversation nobody posted to or polled for this long may be dropped to make room. Lower = a flood evicts sooner, a paused tab loses its history sooner. */
  EVICTABLE_AFTER_MS: 2 * 60_000,
  /** A conversation nobody posted to or polled for this long is dropped anyway (its token has expired too). */
  IDLE_EXPIRY_MS: 30 * 60_000,
});

/** How often conversations idle beyond `IDLE_EXPIRY_MS` are dropped. */
const DIRECT_LINE_SWEEP_MS = 60_000;
/** Where the real Direct Line service issues tokens (used only with `DIRECT_LINE_SECRET`). */
const DIRECT_LINE_SERVICE = "https://directline.botframework.com/v3/directline";
/** How long the token request to the real service may take. */
const DIRECT_LINE_SERVICE_TIMEOUT_MS = 10_000;
export const BOT_ACCOUNT = Object.freeze({ id: "memnun", name: "Memnun", role: "bot" });

interface TokenClaims {
  /** Conversation the token is bound to. */
  readonly c: string;
  /** User id the token speaks for. */
  readonly u: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

const TokenClaims = z.object({ c: z.string().min(1).max(64), u: z.string().min(1).max(64), exp: z.number() });

/** Signed, self-contained Direct Line tokens: each binds one conversation and one user. */
export class DirectLineTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = createHmac("sha256", "memnun:directline").update(secret).digest();
  }

  issue(conversationId: string, userId: string): { token: string; expiresIn: number } {
    const ttl = DIRECT_LINE_TUNING.TOKEN_TTL_SECONDS;
    const claims: TokenClaims = { c: conversationId, u: userId, exp: Math.floor(this.now().getTime() / 1000) + ttl };
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return { token: `${body}.${this.signature(body)}`, expiresIn: ttl };
  }

  /** The claims of a valid, unexpired token; null otherwise. */
  verify(token: string): TokenClaims | null {
    const [body, signature, extra] = token.split(".");
    if (!body || !signature || extra !== undefined) return null;
    if (!sameSecret(signature, this.signature(body))) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    const claims = TokenClaims.safeParse(parsed);
    if (!claims.success || claims.data.exp * 1000 <= this.now().getTime()) return null;
    return claims.data;
  }

  private signature(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}

/** The activities of one conversation, numbered by watermark. */
interface ConversationLog {
  /** Watermark of `activities[0]`. */
  first: number;
  activities: Array<Partial<Activity>>;
  /** JSON length of each of `activities`. */
  sizes: number[];
  chars: number;
  /** Last post or poll (ms): what tells a live conversation from an idle one. */
  activeAt: number;
}

/** The bounds of `ConversationLogs` (see `DIRECT_LINE_TUNING`); tests use smaller ones. */
export type DirectLineLimits = {
  readonly [K in "MAX_CONVERSATIONS" | "MAX_ACTIVITIES" | "MAX_CONVERSATION_CHARS" | "MAX_TOTAL_CHARS" | "EVICTABLE_AFTER_MS" | "IDLE_EXPIRY_MS"]: number;
};

/**
 * In-memory activity logs of the local Direct Line conversations, bounded in count, length and
 * characters, per conversation and in all. Only idle conversations are ever dropped to make room
 * (least recently active first); when every conversation is live, a new one is refused instead.
 */
export class ConversationLogs {
  /** In order of last activity, least recent first (an entry is moved to the end when active). */
  private readonly logs = new Map<string, ConversationLog>();
  private total = 0;
  private readonly limits: DirectLineLimits;

  constructor(
    limits: Partial<DirectLineLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DIRECT_LINE_TUNING, ...limits };
  }

  /** Conversations kept. */
  get size(): number {
    return this.logs.size;
  }

  /** Characters kept over all conversations (at most about `MAX_TOTAL_CHARS`). */
  get chars(): number {
    return this.total;
  }

  has(conversationId: string): boolean {
    return this.logs.has(conversationId);
  }

  /**
   * Keeps a conversation (marking it active); false when there is no room: every conversation
   * is live and the count or character budget is reached.
   */
  open(conversationId: string): boolean {
    if (this.active(conversationId)) return true;
    if (!this.makeRoom(0, true)) return false;
    this.logs.set(conversationId, { first: 0, activities: [], sizes: [], chars: 0, activeAt: this.now() });
    return true;
  }

  /** Whether a posted activity of `chars` characters fits, after dropping idle conversations if needed. */
  fits(chars: number): boolean {
    return this.makeRoom(chars, false);
  }

  /** Appends an activity, giving it its id; returns the id. The conversation is kept even when full (replies). */
  append(conversationId: string, activity: Partial<Activity>): string {
    const log = this.active(conversationId) ?? this.create(conversationId);
    const watermark = log.first + log.activities.length;
    const id = `${conversationId}|${String(watermark).padStart(7, "0")}`;
    const stored = { ...activity, id };
    const size = JSON.stringify(stored).length;
    log.activities.push(stored);
    log.sizes.push(size);
    log.chars += size;
    this.total += size;
    // the newest activity always stays, however large (a long answer)
    while (log.activities.length > 1 && (log.activities.length > this.limits.MAX_ACTIVITIES || log.chars > this.limits.MAX_CONVERSATION_CHARS)) {
      log.activities.shift();
      const dropped = log.sizes.shift() ?? 0;
      log.chars -= dropped;
      this.total -= dropped;
      log.first += 1;
    }
    return id;
  }

  /** Activities after `watermark` (all without one) and the new watermark; an unknown conversation has none (and is not created). */
  since(conversationId: string, watermark: number | null): { activities: Array<Partial<Activity>>; watermark: string } {
    const log = this.active(conversationId);
    if (!log) return { activities: [], watermark: String(watermark ?? -1) };
    const from = Math.max(0, (watermark === null ? 0 : watermark + 1) - log.first);
    const end = log.first + log.activities.length - 1;
    return { activities: log.activities.slice(from), watermark: String(Math.max(end, watermark ?? -1)) };
  }

  /** Drops conversations idle for longer than `IDLE_EXPIRY_MS`; returns how many. */
  expire(): number {
    let dropped = 0;
    const cutoff = this.now() - this.limits.IDLE_EXPIRY_MS;
    for (const [id, log] of this.logs) {
      if (log.activeAt > cutoff) break;
      this.drop(id, log);
      dropped += 1;
    }
    return dropped;
  }

  /** The conversation's log, marked active now (moved to the end of the recency order). */
  private active(conversationId: string): ConversationLog | undefined {
    const log = this.logs.get(conversationId);
    if (!log) return undefined;
    log.activeAt = this.now();
    this.logs.delete(conversationId);
    this.logs.set(conversationId, log);
    return log;
  }

  private create(conversationId: string): ConversationLog {
    this.makeRoom(0, true);
    const log = { first: 0, activities: [], sizes: [], chars: 0, activeAt: this.now() };
    this.logs.set(conversationId, log);
    return log;
  }

  /** Drops idle conversations, least recently active first, until `chars` more (and a new conversation) fit. */
  private makeRoom(chars: number, newConversation: boolean): boolean {
    this.expire();
    const full = (): boolean =>
      (newConversation && this.logs.size >= this.limits.MAX_CONVERSATIONS) || this.total + chars > this.limits.MAX_TOTAL_CHARS;
    const cutoff = this.now() - this.limits.EVICTABLE_AFTER_MS;
    for (const [id, log] of this.logs) {
      if (!full()) break;
      // the order is by activity: once one is live, all after it are
      if (log.activeAt > cutoff) break;
      this.drop(id, log);
    }
    return !full();
  }

  private drop(id: string, log: ConversationLog): void {
    this.logs.delete(id);
    this.total -= log.chars;
  }
}

/** The part of the Direct Line service's token answer the page needs. */
const ServiceToken = z.object({ token: z.string().min(1), conversationId: z.string().optional(), expires_in: z.number().optional() });

/** What a client may post; everything else on the activity is set by the server. */
const PostedActivity = z
  .object({
    type: z.string().min(1).max(64),
    text: z.string().max(DIRECT_LINE_TUNING.MAX_TEXT_CHARS).optional(),
    textFormat: z.string().max(32).optional(),
    locale: z.string().max(32).optional(),
    value: z.unknown().optional(),
    name: z.string().max(128).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
    attachments: z
      .array(z.object({ contentType: z.string().max(256), contentUrl: z.string().max(2048).optional(), content: z.unknown(), name: z.string().max(256).optional() }))
      .max(10)
      .optional(),
    entities: z.array(z.object({ type: z.string().max(128) }).passthrough()).max(20).optional(),
    from: z.object({ id: z.string().optional(), name: z.string().max(128).optional() }).passthrough().optional(),
  })
  .passthrough();

export interface DirectLineDeps {
  adapter: CloudAdapter;
  auth: BotFrameworkAuthentication;
  appId: string;
  bot: ActivityHandler;
  logger: Logger;
  inFlight: InFlight;
  tokens: DirectLineTokens;
  logs: ConversationLogs;
  /** With a secret, `/api/directline/token` asks the real Direct Line service instead. */
  directLineSecret: string | undefined;
  /** Token requests per client address (429 beyond). */
  tokenLimit?: RateLimit;
  /** Polls (`GET …/activities`) per client address (429 beyond). */
  pollLimit?: RateLimit;
  now?: () => Date;
}

/** The one-to-one conversation a local Direct Line conversation is, as Bot Framework describes it. */
const conversationAccount = (id: string): Activity["conversation"] => ({ id, isGroup: false, conversationType: "personal", name: "" });

/** The fields the adapter relies on are all set (a runtime check, so no cast is needed). */
const isActivity = (activity: Partial<Activity>): activity is Activity =>
  typeof activity.type === "string" &&
  typeof activity.channelId === "string" &&
  typeof activity.serviceUrl === "string" &&
  activity.conversation !== undefined &&
  activity.from !== undefined &&
  activity.recipient !== undefined;

/** Characters of a value's JSON; infinite for one too deep to write (it could never be sent back either). */
function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const newId = (bytes = 12): string => randomBytes(bytes).toString("base64url");

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(req: Request): string | null {
  return /^Bearer\s+(\S+)$/i.exec(req.header("authorization") ?? "")?.[1] ?? null;
}

/**
 * A local implementation of the Direct Line 3.0 endpoints Web Chat uses with polling (start a
 * conversation, post an activity, get activities by watermark, refresh a token), routed into
 * the same bot through the adapter. Replies are collected with the `expectReplies` delivery mode,
 * so nothing leaves the process and no Azure is needed. State lives in memory: one instance serves
 * a conversation (behind a load balancer use the real Direct Line, `DIRECT_LINE_SECRET`).
 */
export function registerDirectLine(server: Server, deps: DirectLineDeps): void {
  const { tokens, logs, logger } = deps;
  const now = deps.now ?? (() => new Date());

  // idle conversations go even when nothing new arrives to make room for
  const sweeper = setInterval(() => logs.expire(), DIRECT_LINE_SWEEP_MS);
  sweeper.unref();
  server.on("close", () => clearInterval(sweeper));

  /** Whether the client is within `limit`; answers 429 with Retry-After otherwise. */
  const withinLimit = async (limit: RateLimit | undefined, req: Request, res: Response, what: string): Promise<boolean> => {
    if (!limit) return true;
    const client = req.socket.remoteAddress ?? "unknown";
    const waitMs = await limit.take(client);
    if (waitMs === 0) return true;
    logger.warn({ client, what }, "[directline] client over its rate");
    res.header("retry-after", String(Math.ceil(waitMs / 1000)));
    res.send(429, { error: { code: "TooManyRequests", message: "Too many requests; slow down and retry later." } });
    return false;
  };
  const full = (res: Response): void => {
    logger.warn({ conversations: logs.size, chars: logs.chars }, "[directline] no room for more conversations or activities");
    res.header("retry-after", "60");
    res.send(503, { error: { code: "ServiceUnavailable", message: "The local Direct Line is full; retry later." } });
  };

  const authorize = (req: Request, res: Response, conversationId?: string): { c: string; u: string } | null => {
    const token = bearerToken(req);
    const claims = token ? tokens.verify(token) : null;
    if (!claims) {
      res.send(401, { error: { code: "TokenInvalid", message: "A valid Direct Line token is required (Authorization: Bearer …)." } });
      return null;
    }
    if (conversationId !== undefined && claims.c !== conversationId) {
      res.send(403, { error: { code: "BadArgument", message: "This token belongs to another conversation." } });
      return null;
    }
    return claims;
  };

  // the bot's own identity for every local turn: built once, the adapter only reads it
  const claimsIdentity = new ClaimsIdentity(
    [
      { type: AuthenticationConstants.AudienceClaim, value: deps.appId },
      { type: AuthenticationConstants.AppIdClaim, value: deps.appId },
    ],
    true,
  );
  const authentication = {
    audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
    claimsIdentity,
    callerId: undefined,
    connectorFactory: deps.auth.createConnectorFactory(claimsIdentity),
  };

  const runTurn = async (conversationId: string, activity: Partial<Activity>, serviceUrl: string): Promise<void> => {
    const full: Partial<Activity> = {
      ...activity,
      channelId: "directline",
      serviceUrl,
      conversation: conversationAccount(conversationId),
      recipient: { ...BOT_ACCOUNT },
      deliveryMode: "expectReplies",
      timestamp: now(),
    };
    if (!isActivity(full)) throw new Error("[directline] incomplete activity");
    await deps.inFlight.run(() =>
      deps.adapter.processActivityDirect(
        authentication,
        full,
        async (context: TurnContext) => {
          context.onSendActivities(async (_ctx, activities, next) => {
            for (const reply of activities) {
              if (reply.type === ActivityTypes.Trace || reply.type === "delay") continue;
              logs.append(conversationId, {
                ...reply,
                from: { ...BOT_ACCOUNT },
                conversation: conversationAccount(conversationId),
                timestamp: now(),
                channelId: "directline",
                replyToId: activity.id,
              });
            }
            return next();
          });
          await deps.bot.run(context);
        },
      ),
    );
  };

  const origin = (req: Request): string => `${req.isSecure() ? "https" : "http"}://${req.header("host") ?? "localhost"}`;

  server.post("/api/directline/token", async (req, res) => {
    if (!(await withinLimit(deps.tokenLimit, req, res, "token"))) return;
    const userId = `dl_${newId(9)}`;
    if (deps.directLineSecret) {
      try {
        const response = await fetch(`${DIRECT_LINE_SERVICE}/tokens/generate`, {
          method: "POST",
          headers: { authorization: `Bearer ${deps.directLineSecret}`, "content-type": "application/json" },
          body: JSON.stringify({ user: { id: userId } }),
          signal: AbortSignal.timeout(DIRECT_LINE_SERVICE_TIMEOUT_MS),
        });
        if (!response.ok) throw new Error(`Direct Line answered ${response.status}`);
        const body = ServiceToken.safeParse(await response.json());
        if (!body.success) throw new Error("Direct Line sent no token");
        res.send(200, { token: body.data.token, conversationId: body.data.conversationId, userId, expires_in: body.data.expires_in });
      } catch (error) {
        logger.error({ err: error }, "[directline] token from Direct Line service failed");
        res.send(502, { error: "Direct Line token unavailable" });
      }
      return;
    }
    const conversationId = newId();
    const { token, expiresIn } = tokens.issue(conversationId, userId);
    res.send(200, { token, conversationId, userId, expires_in: expiresIn, domain: `${origin(req)}/v3/directline` });
  });

  server.post("/v3/directline/tokens/refresh", async (req, res) => {
    const claims = authorize(req, res);
    if (!claims) return;
    const { token, expiresIn } = tokens.issue(claims.c, claims.u);
    res.send(200, { conversationId: claims.c, token, expires_in: expiresIn });
  });

  server.post("/v3/directline/conversations", async (req, res) => {
    const claims = authorize(req, res);
    if (!claims) return;
    const { token, expiresIn } = tokens.issue(claims.c, claims.u);
    const isNew = !logs.has(claims.c);
    if (!logs.open(claims.c)) {
      full(res);
      return;
    }
    res.send(isNew ? 201 : 200, { conversationId: claims.c, token, expires_in: expiresIn });
    if (isNew) {
      const user = { id: claims.u, name: "", role: "user" };
      runTurn(claims.c, { type: ActivityTypes.ConversationUpdate, id: newId(), from: user, membersAdded: [{ ...BOT_ACCOUNT }, user] }, origin(req)).catch(
        (error: unknown) => logger.error({ err: error }, "[directline] conversation start failed"),
      );
    }
  });

  server.get("/v3/directline/conversations/:conversationId", async (req, res) => {
    const claims = authorize(req, res, stringField(req.params, "conversationId") ?? "");
    if (!claims) return;
    const { token, expiresIn } = tokens.issue(claims.c, claims.u);
    res.send(200, { conversationId: claims.c, token, expires_in: expiresIn });
  });

  server.get("/v3/directline/conversations/:conversationId/activities", async (req, res) => {
    const conversationId = stringField(req.params, "conversationId") ?? "";
    if (!(await withinLimit(deps.pollLimit, req, res, "poll"))) return;
    if (!authorize(req, res, conversationId)) return;
    const raw = stringField(req.query, "watermark");
    const watermark = typeof raw === "string" && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
    res.send(200, logs.since(conversationId, watermark));
  });

  server.post("/v3/directline/conversations/:conversationId/activities", async (req, res) => {
    const conversationId = stringField(req.params, "conversationId") ?? "";
    const claims = authorize(req, res, conversationId);
    if (!claims) return;
    const parsed = PostedActivity.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: { code: "BadArgument", message: "The body must be a JSON activity with a type." } });
      return;
    }
    const chars = jsonLength(parsed.data);
    if (chars > DIRECT_LINE_TUNING.MAX_ACTIVITY_CHARS) {
      res.send(413, { error: { code: "MessageSizeExceeded", message: `An activity may hold at most ${DIRECT_LINE_TUNING.MAX_ACTIVITY_CHARS} characters.` } });
      return;
    }
    if (!logs.open(conversationId) || !logs.fits(chars)) {
      full(res);
      return;
    }
    const { type, text, textFormat, locale, value, name, channelData, attachments, entities, from } = parsed.data;
    const activity: Partial<Activity> = {
      type,
      text,
      textFormat,
      locale,
      value,
      name,
      channelData,
      attachments,
      entities,
      from: { id: claims.u, name: from?.name ?? "", role: "user" },
      conversation: conversationAccount(conversationId),
      recipient: { ...BOT_ACCOUNT },
      channelId: "directline",
      timestamp: now(),
    };
    const id = logs.append(conversationId, activity);
    try {
      await runTurn(conversationId, { ...activity, id }, origin(req));
      res.send(200, { id });
    } catch (error) {
      logger.error({ err: error }, "[directline] turn failed");
      res.send(500, { error: { code: "ServiceError", message: "The bot could not process the activity." } });
    }
  });
}
