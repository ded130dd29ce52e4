import { ActivityTypes, type Activity, type ActivityHandler, type CloudAdapter, type TurnContext } from "botbuilder";
import { AuthenticationConstants, ClaimsIdentity, type BotFrameworkAuthentication } from "botframework-connector";
import { createHmac, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Request, Response, Server } from "restify";
import { z } from "zod";
import { sameSecret } from "../feedback/integrity";
import type { Logger } from "../logger";
import type { InFlight } from "../server/app";
import { clientAddress } from "../server/proxy";
import type { RateLimit } from "../storage/rate-limit";
import { RedisUnavailableError } from "../storage/redis";
import { DIRECT_LINE_TUNING, type ConversationLogStore } from "./conversation-logs";
import { apiRefusal } from "../server/refusal";
import { stringField } from "./request";

export { DIRECT_LINE_TUNING };
export type { ConversationLogStore };

/** What a client is told to wait while the conversations' store (Redis) is unavailable. */
const STORE_RETRY_AFTER_SECONDS = 5;
/** How often conversations idle beyond `IDLE_EXPIRY_MS` are dropped. */
const DIRECT_LINE_SWEEP_MS = 60_000;
/** How long the token request to the real service may take. */
const DIRECT_LINE_SERVICE_TIMEOUT_MS = 10_000;
export const BOT_ACCOUNT = Object.freeze({ id: "memnun", name: "Memnun", role: "bot" });

/**
 * HMAC-signed JSON claims with an expiry (`<base64url body>.<signature>`), under a key of their
 * own `purpose`: a token made for one purpose never passes as another's.
 */
class SignedClaims<T extends { readonly exp: number }> {
  private readonly key: Buffer;

  constructor(
    secret: string,
    purpose: string,
    private readonly schema: z.ZodType<T>,
    private readonly now: () => Date,
  ) {
    this.key = createHmac("sha256", purpose).update(secret).digest();
  }

  /** Expiry claim `ttlSeconds` from now. */
  expiry(ttlSeconds: number): number {
    return Math.floor(this.now().getTime() / 1000) + ttlSeconds;
  }

  sign(claims: T): string {
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return `${body}.${this.signature(body)}`;
  }

  /** The claims of a valid, unexpired token; null otherwise. */
  verify(token: string): T | null {
    const [body, signature, extra] = token.split(".");
    if (!body || !signature || extra !== undefined) return null;
    if (!sameSecret(signature, this.signature(body))) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    const claims = this.schema.safeParse(parsed);
    if (!claims.success || claims.data.exp * 1000 <= this.now().getTime()) return null;
    return claims.data;
  }

  private signature(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}

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
  private readonly signed: SignedClaims<TokenClaims>;

  constructor(secret: string, now: () => Date = () => new Date()) {
    this.signed = new SignedClaims(secret, "memnun:directline", TokenClaims, now);
  }

  issue(conversationId: string, userId: string): { token: string; expiresIn: number } {
    const ttl = DIRECT_LINE_TUNING.TOKEN_TTL_SECONDS;
    return { token: this.signed.sign({ c: conversationId, u: userId, exp: this.signed.expiry(ttl) }), expiresIn: ttl };
  }

  /** The claims of a valid, unexpired token; null otherwise. */
  verify(token: string): TokenClaims | null {
    return this.signed.verify(token);
  }
}

/** The user ids the token endpoint mints (`dl_` and 12 base64url characters); no other id is ever signed. */
const MINTED_USER_ID = /^dl_[A-Za-z0-9_-]{12}$/;

interface ChatUserClaims {
  /** The user id, as minted by `POST /api/directline/token`. */
  readonly u: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

const ChatUserClaims = z.object({ u: z.string().regex(MINTED_USER_ID), exp: z.number() });

/**
 * Who the chat page's customer is across page loads. `POST /api/directline/token` hands the page
 * a signed user token with its user id; the page keeps it (localStorage) and presents it with its
 * next token request, so a reload, or a visit the next day, speaks as the same user id, and the
 * bot's "same customer" (a pseudonym of channel and user id) sees their own cases. Only ids this
 * server minted are ever signed; a bare id from the client is never taken, and a missing, expired,
 * forged or foreign token just gets a new user.
 */
export class ChatUserTokens {
  private readonly signed: SignedClaims<ChatUserClaims>;

  constructor(secret: string, now: () => Date = () => new Date()) {
    this.signed = new SignedClaims(secret, "memnun:chat-user", ChatUserClaims, now);
  }

  /** A token for `userId`, valid for `USER_TOKEN_TTL_SECONDS` (each visit gets a fresh one). */
  issue(userId: string): string {
    return this.signed.sign({ u: userId, exp: this.signed.expiry(DIRECT_LINE_TUNING.USER_TOKEN_TTL_SECONDS) });
  }

  /** The user id of a valid, unexpired token; null otherwise. */
  verify(token: string): string | null {
    return this.signed.verify(token)?.u ?? null;
  }
}

/** What the chat page may send with its token request: the user token it kept, if any. */
const TokenRequest = z.object({ userToken: z.string().max(1024) });

/** The part of the Direct Line service's token answer the page needs. */
const ServiceToken = z.object({ token: z.string().min(1), conversationId: z.string().optional(), expires_in: z.number().optional() });

/** What a client may post; everything else on the activity is set by the server. */
const PostedActivity = z
  .object({
    type: z.string().min(1).max(64),
    // any length the body limit lets through: the bot asks for a long one shorter (`keptText`)
    text: z.string().optional(),
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
  /** The chat page's users across page loads (`userToken`). */
  users: ChatUserTokens;
  /** The conversations' activities: in memory, or in Redis so that every instance serves every conversation. */
  logs: ConversationLogStore;
  /** With a secret, `/api/directline/token` asks the real Direct Line service instead. */
  directLineSecret: string | undefined;
  /** The real service's endpoint (`DIRECT_LINE_DOMAIN`), given to the chat page with its token. */
  directLineDomain: string;
  /** Token requests per client address (429 beyond). */
  tokenLimit?: RateLimit;
  /** Polls (`GET …/activities`) per client address (429 beyond). */
  pollLimit?: RateLimit;
  /** Behind a reverse proxy (`TRUST_PROXY`): a client is the address it forwards (`clientAddress`), not the proxy's. */
  trustProxy?: boolean;
  now?: () => Date;
}

/** The one-to-one conversation a local Direct Line conversation is, as Bot Framework describes it. */
const conversationAccount = (id: string): Activity["conversation"] => ({ id, isGroup: false, conversationType: "personal", name: "" });

/**
 * What names a posted activity across posts of it, so that the same activity posted again is
 * recognised (`ConversationLogStore.accept`): Web Chat's `channelData.clientActivityID`, else the
 * id the client gave the activity; null when it has neither (or one too long to keep), and each
 * post is then a message of its own.
 */
function postKey(activity: { readonly channelData?: Record<string, unknown>; readonly [field: string]: unknown }): string | null {
  const clientId = activity.channelData?.clientActivityID;
  const [kind, name] = typeof clientId === "string" && clientId !== "" ? ["c", clientId] : ["i", activity.id];
  if (typeof name !== "string" || name === "" || name.length > DIRECT_LINE_TUNING.MAX_POST_KEY_CHARS) return null;
  return `${kind}:${name}`;
}

/** The fields the adapter relies on are all set (a runtime check, so no cast is needed). */
const isActivity = (activity: Partial<Activity>): activity is Activity =>
  typeof activity.type === "string" &&
  typeof activity.channelId === "string" &&
  typeof activity.serviceUrl === "string" &&
  activity.conversation !== undefined &&
  activity.from !== undefined &&
  activity.recipient !== undefined;

/**
 * A posted text as its conversation keeps it: whole up to `MAX_TEXT_CHARS`, else cut there
 * (never inside a surrogate pair) and ending in `…`.
 */
export function keptText(text: string): string {
  const max = DIRECT_LINE_TUNING.MAX_TEXT_CHARS;
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

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
 * so nothing leaves the process and no Azure is needed. Conversations live in `logs`: in memory
 * one instance serves a conversation; in Redis any instance serves any request of it.
 */
export function registerDirectLine(server: Server, deps: DirectLineDeps): void {
  const { tokens, logs, logger } = deps;
  const now = deps.now ?? (() => new Date());

  // idle conversations go even when nothing new arrives to make room for
  const sweeper = setInterval(() => {
    logs.expire().catch((error: unknown) => logger.debug({ err: error }, "[directline] expiry sweep skipped"));
  }, DIRECT_LINE_SWEEP_MS);
  sweeper.unref();
  server.on("close", () => clearInterval(sweeper));

  /** Whether the client is within `limit`; answers 429 with Retry-After otherwise. */
  const withinLimit = async (limit: RateLimit | undefined, req: Request, res: Response, what: string): Promise<boolean> => {
    if (!limit) return true;
    const client = clientAddress(req, deps.trustProxy ?? false);
    const waitMs = await limit.take(client);
    if (waitMs === 0) return true;
    logger.warn({ client, what }, "[directline] client over its rate");
    res.header("retry-after", String(Math.ceil(waitMs / 1000)));
    res.send(429, { error: { code: "TooManyRequests", message: "Too many requests; slow down and retry later." } });
    return false;
  };
  const full = async (res: Response): Promise<void> => {
    logger.warn(await logs.stats(), "[directline] no room for more conversations or activities");
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
              await logs.append(conversationId, {
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
    const presented = TokenRequest.safeParse(req.body);
    const known = presented.success ? deps.users.verify(presented.data.userToken) : null;
    if (presented.success && known === null) logger.debug("[directline] a chat page's user token was not valid (expired, forged or another installation's): a new user");
    const userId = known ?? `dl_${newId(9)}`;
    const userToken = deps.users.issue(userId);
    if (deps.directLineSecret) {
      try {
        const response = await fetch(`${deps.directLineDomain}/tokens/generate`, {
          method: "POST",
          headers: { authorization: `Bearer ${deps.directLineSecret}`, "content-type": "application/json" },
          body: JSON.stringify({ user: { id: userId } }),
          signal: AbortSignal.timeout(DIRECT_LINE_SERVICE_TIMEOUT_MS),
        });
        if (!response.ok) {
          // an unread body would hold the connection until it is collected
          await response.body?.cancel();
          throw new Error(`Direct Line answered ${response.status}`);
        }
        const body = ServiceToken.safeParse(await response.json());
        if (!body.success) throw new Error("Direct Line sent no token");
        res.send(200, { token: body.data.token, conversationId: body.data.conversationId, userId, userToken, expires_in: body.data.expires_in, domain: deps.directLineDomain });
      } catch (error) {
        logger.error({ err: error }, "[directline] token from Direct Line service failed");
        res.send(502, { error: "Direct Line token unavailable" });
      }
      return;
    }
    const conversationId = newId();
    const { token, expiresIn } = tokens.issue(conversationId, userId);
    // `local`: this server's Direct Line, which the page talks to with its own client (public/direct-line.js)
    res.send(200, { token, conversationId, userId, userToken, expires_in: expiresIn, domain: `${origin(req)}/v3/directline`, local: true });
  });

  server.post("/v3/directline/tokens/refresh", async (req, res) => {
    const claims = authorize(req, res);
    if (!claims) return;
    const { token, expiresIn } = tokens.issue(claims.c, claims.u);
    res.send(200, { conversationId: claims.c, token, expires_in: expiresIn });
  });

  /**
   * A lost Redis makes the conversations unavailable for a while: 503 with Retry-After, never a
   * 500, in the project's refusal shape (`{error, code, message}`, the message Turkish).
   */
  const guarded =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await handler(req, res);
      } catch (error) {
        if (!(error instanceof RedisUnavailableError)) throw error;
        logger.warn({ err: error }, "[directline] conversations unavailable (Redis)");
        if (res.headersSent) return;
        res.header("retry-after", String(STORE_RETRY_AFTER_SECONDS));
        res.send(503, apiRefusal("conversations-unavailable", "conversations are unavailable for a moment (Redis unreachable); retry later"));
      }
    };

  server.post("/v3/directline/conversations", guarded(async (req, res) => {
    const claims = authorize(req, res);
    if (!claims) return;
    const { token, expiresIn } = tokens.issue(claims.c, claims.u);
    const isNew = !(await logs.has(claims.c));
    if (!(await logs.open(claims.c))) {
      await full(res);
      return;
    }
    res.send(isNew ? 201 : 200, { conversationId: claims.c, token, expires_in: expiresIn });
    if (isNew) {
      const user = { id: claims.u, name: "", role: "user" };
      runTurn(claims.c, { type: ActivityTypes.ConversationUpdate, id: newId(), from: user, membersAdded: [{ ...BOT_ACCOUNT }, user] }, origin(req)).catch(
        (error: unknown) => logger.error({ err: error }, "[directline] conversation start failed"),
      );
    }
  }));

  server.get("/v3/directline/conversations/:conversationId", async (req, res) => {
    const claims = authorize(req, res, stringField(req.params, "conversationId") ?? "");
    if (!claims) return;
    const { token, expiresIn } = tokens.issue(claims.c, claims.u);
    res.send(200, { conversationId: claims.c, token, expires_in: expiresIn });
  });

  server.get("/v3/directline/conversations/:conversationId/activities", guarded(async (req, res) => {
    const conversationId = stringField(req.params, "conversationId") ?? "";
    if (!(await withinLimit(deps.pollLimit, req, res, "poll"))) return;
    if (!authorize(req, res, conversationId)) return;
    const raw = stringField(req.query, "watermark");
    const watermark = typeof raw === "string" && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
    // a conversation not kept here (a restart, an expiry) is kept again after the client's watermark
    const slice = await logs.since(conversationId, watermark);
    if (!slice) {
      await full(res);
      return;
    }
    res.send(200, slice);
  }));

  server.post("/v3/directline/conversations/:conversationId/activities", guarded(async (req, res) => {
    const conversationId = stringField(req.params, "conversationId") ?? "";
    const claims = authorize(req, res, conversationId);
    if (!claims) return;
    const parsed = PostedActivity.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: { code: "BadArgument", message: "The body must be a JSON activity with a type." } });
      return;
    }
    // the conversation keeps a long text cut; the turn reads it whole
    const kept = parsed.data.text === undefined ? parsed.data : { ...parsed.data, text: keptText(parsed.data.text) };
    const chars = jsonLength(kept);
    if (chars > DIRECT_LINE_TUNING.MAX_ACTIVITY_CHARS) {
      res.send(413, { error: { code: "MessageSizeExceeded", message: `An activity may hold at most ${DIRECT_LINE_TUNING.MAX_ACTIVITY_CHARS} characters.` } });
      return;
    }
    if (!(await logs.touch(conversationId))) {
      // numbered from 0 in a new log, the post would come below the client's watermark, unseen
      // with its replies: the client polls (which keeps the conversation again) and posts again
      logger.debug("[directline] a post to a conversation not kept here was refused (404)");
      res.send(404, { error: { code: "NotFound", message: "This conversation is not open here (the server restarted or it expired). Poll it with your watermark (GET …/activities?watermark=…), then post again." } });
      return;
    }
    if (!(await logs.fits(chars))) {
      await full(res);
      return;
    }
    const { type, text, textFormat, locale, value, name, channelData, attachments, entities, from } = parsed.data;
    const activity: Partial<Activity> = {
      type,
      text: kept.text,
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
    /** Runs the posted activity's turn; false when it failed (logged). */
    const ran = async (id: string): Promise<boolean> => {
      try {
        await runTurn(conversationId, { ...activity, text, id }, origin(req));
        return true;
      } catch (error) {
        if (error instanceof RedisUnavailableError) throw error;
        logger.error({ err: error }, "[directline] turn failed");
        return false;
      }
    };
    const answer = (id: string, answered: boolean): void => {
      if (answered) res.send(200, { id });
      else res.send(500, { error: { code: "ServiceError", message: "The bot could not process the activity." } });
    };
    const key = postKey(parsed.data);
    if (key === null) {
      const id = await logs.append(conversationId, activity);
      answer(id, await ran(id));
      return;
    }
    // the same activity posted again (a retry after a timeout, or after the instance that took it
    // stopped) is answered with its first post's id; its turn runs once, on whichever instance
    let post = await logs.accept(conversationId, key, activity);
    const waitUntil = performance.now() + DIRECT_LINE_TUNING.REPOST_WAIT_MS;
    while (post.status === "running" && performance.now() < waitUntil) {
      await sleep(DIRECT_LINE_TUNING.REPOST_POLL_MS);
      post = await logs.accept(conversationId, key, activity);
    }
    if (post.status === "running" || post.status === "answered") {
      // still running after the wait: taken all the same, its replies come with the polls
      logger.debug({ status: post.status }, "[directline] an activity posted again was acknowledged without running its turn again");
      res.send(200, { id: post.id });
      return;
    }
    if (post.status === "resumed") logger.info("[directline] an activity posted again whose turn had not ended (failed, or its instance stopped) is run again");
    const claim = setInterval(() => {
      logs.hold(conversationId, key).catch((error: unknown) => logger.warn({ err: error }, "[directline] claim on a posted activity's turn not renewed"));
    }, DIRECT_LINE_TUNING.POST_CLAIM_MS / DIRECT_LINE_TUNING.POST_CLAIM_RENEWALS);
    claim.unref();
    let answered = false;
    try {
      answered = await ran(post.id);
    } finally {
      clearInterval(claim);
      // a claim not settled runs out, and a re-post then runs the turn again: the post is answered all the same
      await logs.settle(conversationId, key, answered).catch((error: unknown) => logger.warn({ err: error }, "[directline] claim on a posted activity's turn not settled"));
    }
    answer(post.id, answered);
  }));
}
