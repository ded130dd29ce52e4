import type { Activity } from "botbuilder";
import { StoreClosedError, type Closable } from "../storage/errors";

/** Tuning of the local Direct Line; each says which way it moves things. */
export const DIRECT_LINE_TUNING = Object.freeze({
  /** Lifetime of a token in seconds (as Direct Line's `expires_in`). Longer = fewer refreshes, longer exposure if leaked. */
  TOKEN_TTL_SECONDS: 1800,
  /**
   * Lifetime of the chat page's user token (`ChatUserTokens`), renewed on every visit: a browser
   * away longer than this is a new customer. Long enough to follow a case to its end from the
   * same browser (the first response is due within `CASE_RESPONSE_HOURS`, a resolution can take
   * weeks); shorter = a browser's identity is kept for less time.
   */
  USER_TOKEN_TTL_SECONDS: 90 * 86_400,
  /**
   * How often the chat page polls for the bot's replies (Web Chat's own default interval): 60
   * polls a minute per open tab, which `RATE_LIMIT_POLL_PER_MINUTE`'s default is reasoned from
   * (`POLL_ALLOWANCE` in config.ts). The page polls at once when a message it sent is answered,
   * so the replies to it show at once; anything else (an operator's note) shows at most this long
   * after it is ready. Lower = snappier notes, proportionally more polls per tab and fewer tabs
   * within one address's limit.
   */
  POLL_INTERVAL_MS: 1000,
  /** Conversations kept (in memory or Redis); idle ones go first, least recently active first. Higher = more memory. */
  MAX_CONVERSATIONS: 10_000,
  /** Activities kept per conversation; older ones drop off (a client that far behind starts over). */
  MAX_ACTIVITIES: 500,
  /**
   * Longest text of a posted activity kept in its conversation (what polls give back, the echo
   * the page shows), in characters. A longer text is kept cut to this, ending in `…`, while its
   * turn reads it whole, so the bot asks for it shorter (`MAX_MESSAGE_LENGTH`) as on every
   * channel; before, such a post got a 400 the chat page showed as "Gönderme başarısız" however
   * often it was tried (QA 48). Higher = more memory per long post.
   */
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
  /**
   * Longest name a client gives a posted activity (Web Chat's `channelData.clientActivityID`, else
   * the activity's own id) that is remembered to recognise the activity posted again; a longer
   * one is not remembered (its activity is taken as new each time). Web Chat's are about 20.
   */
  MAX_POST_KEY_CHARS: 128,
  /**
   * How long a posted activity's turn holds it without renewing its claim (renewed
   * `POST_CLAIM_RENEWALS` times as often while it runs): the same activity posted again meanwhile
   * waits for it; after that the instance that ran it is taken to have stopped, and the re-post
   * runs it. Lower = a re-post after a crash is answered sooner; a turn stalled (not merely slow)
   * longer than this may run twice.
   */
  POST_CLAIM_MS: 10_000,
  /** Claim renewals per `POST_CLAIM_MS` while a turn runs. Higher = a late renewal (a busy event loop or Redis) is less likely to let the claim run out. */
  POST_CLAIM_RENEWALS: 4,
  /**
   * Longest a re-posted activity waits for its first post's turn before it is acknowledged anyway
   * (its replies come with the polls). Above `POST_CLAIM_MS`, so that a re-post after a crash runs
   * the turn in that one request; below the page's request timeout (20 s).
   */
  REPOST_WAIT_MS: 15_000,
  /** How often a waiting re-post asks whether its first post's turn has ended. Lower = acknowledged sooner, more store requests meanwhile. */
  REPOST_POLL_MS: 250,
});

/** What a poll gets: the activities after a watermark and the new watermark. */
export interface ActivitySlice {
  activities: Array<Partial<Activity>>;
  watermark: string;
}

/**
 * What became of a posted activity the client named (`ConversationLogStore.accept`), and its id:
 * - `accepted`: new; appended and claimed for its turn, which the caller runs;
 * - `resumed`: posted before, but its turn failed or its claim ran out (the instance running it
 *   stopped): claimed again, and the caller runs its turn, under the same id;
 * - `running`: its turn runs under a live claim, on this instance or another: ask again later;
 * - `answered`: its turn has run: the caller acknowledges it with its id and runs nothing.
 */
export interface PostAcceptance {
  readonly id: string;
  readonly status: "accepted" | "resumed" | "running" | "answered";
}

/**
 * The activity logs of the local Direct Line's conversations, bounded in count, length and
 * characters, per conversation and in all. Only idle conversations are ever dropped to make room
 * (least recently active first); when every conversation is live, a new one is refused instead.
 * In memory for one instance (`MemoryConversationLogs`), in Redis for several
 * (`RedisConversationLogs`); both pass one contract suite.
 */
export interface ConversationLogStore extends Closable {
  /** Whether the conversation is kept. */
  has(conversationId: string): Promise<boolean>;
  /**
   * Starts a conversation, or keeps one already kept (marking it active); false when there is no
   * room: every conversation is live and the count or character budget is reached.
   */
  open(conversationId: string): Promise<boolean>;
  /**
   * Marks a kept conversation active; false when it is not kept. A post to a conversation not
   * kept is refused rather than taken into a new log: its numbering would start below the
   * client's watermark, and the client would never see the post's echo nor the replies.
   */
  touch(conversationId: string): Promise<boolean>;
  /** Whether a posted activity of `chars` characters fits, after dropping idle conversations if needed. */
  fits(chars: number): Promise<boolean>;
  /** Appends an activity, giving it its id (`<conversation>|<watermark, 7 digits>`); returns the id. The conversation is kept even when full (replies). */
  append(conversationId: string, activity: Partial<Activity>): Promise<string>;
  /**
   * Appends a posted activity the client named `key` (its `clientActivityID`), once per
   * conversation, and claims its turn for `POST_CLAIM_MS`; the same key again is not appended
   * again but answered with the first one's id and what became of its turn (`PostAcceptance`).
   * A client that posts a message again (a retry after a timeout, or after the instance that took
   * it stopped) so gets it answered once, on any instance. Keys are kept as long as their
   * activity is (they count as its characters) and go with their conversation.
   */
  accept(conversationId: string, key: string, activity: Partial<Activity>): Promise<PostAcceptance>;
  /** Renews the claim on a posted activity's turn (`POST_CLAIM_MS` from now) while it runs. */
  hold(conversationId: string, key: string): Promise<void>;
  /**
   * Ends the claim on a posted activity's turn: `answered`, the same activity posted again is
   * acknowledged without running it; otherwise (the turn failed) it is run again at once.
   */
  settle(conversationId: string, key: string, answered: boolean): Promise<void>;
  /**
   * Activities after `watermark` (all without one) and the new watermark. A conversation not kept
   * (the server restarted, Redis lost it, it expired while the client could not poll) is kept
   * again, its numbering going on after `watermark`: the client holds a valid token for it, and
   * what comes next must come after what it has seen. Null when there is no room for it.
   */
  since(conversationId: string, watermark: number | null): Promise<ActivitySlice | null>;
  /** Drops conversations idle for longer than `IDLE_EXPIRY_MS`; returns how many. */
  expire(): Promise<number>;
  /** Conversations kept, and characters kept over all of them (at most about `MAX_TOTAL_CHARS`). */
  stats(): Promise<{ conversations: number; chars: number }>;
}

/** The id of the activity at `watermark` in a conversation. */
export const activityId = (conversationId: string, watermark: number): string => `${conversationId}|${String(watermark).padStart(7, "0")}`;

/** A posted activity a client named: where it is, and its turn's claim. */
interface Post {
  readonly watermark: number;
  answered: boolean;
  /** Until when (ms) its turn is claimed. */
  claimedUntil: number;
}

/** The activities of one conversation, numbered by watermark. */
interface ConversationLog {
  /** Watermark of `activities[0]`. */
  first: number;
  /** Posted activities by the client's key, in order of watermark (`accept`); only those still kept. */
  posts: Map<string, Post>;
  activities: Array<Partial<Activity>>;
  /** JSON length of each of `activities`. */
  sizes: number[];
  chars: number;
  /** Last post or poll (ms): what tells a live conversation from an idle one. */
  activeAt: number;
}

/** The bounds of a `ConversationLogStore` (see `DIRECT_LINE_TUNING`); tests use smaller ones. */
export type DirectLineLimits = {
  readonly [K in "MAX_CONVERSATIONS" | "MAX_ACTIVITIES" | "MAX_CONVERSATION_CHARS" | "MAX_TOTAL_CHARS" | "EVICTABLE_AFTER_MS" | "IDLE_EXPIRY_MS" | "POST_CLAIM_MS"]: number;
};

/** The conversation logs of one instance, in its memory (no `REDIS_URL`). */
export class MemoryConversationLogs implements ConversationLogStore {
  /** In order of last activity, least recent first (an entry is moved to the end when active). */
  private readonly logs = new Map<string, ConversationLog>();
  private total = 0;
  private readonly limits: DirectLineLimits;
  private closed = false;

  constructor(
    limits: Partial<DirectLineLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DIRECT_LINE_TUNING, ...limits };
  }

  has(conversationId: string): Promise<boolean> {
    return this.use(() => this.logs.has(conversationId));
  }

  open(conversationId: string): Promise<boolean> {
    return this.use(() => (this.active(conversationId) ?? this.roomFor(conversationId, 0)) !== undefined);
  }

  touch(conversationId: string): Promise<boolean> {
    return this.use(() => this.active(conversationId) !== undefined);
  }

  fits(chars: number): Promise<boolean> {
    return this.use(() => this.makeRoom(chars, false));
  }

  append(conversationId: string, activity: Partial<Activity>): Promise<string> {
    return this.use(() => activityId(conversationId, this.push(conversationId, this.kept(conversationId), activity, 0)));
  }

  accept(conversationId: string, key: string, activity: Partial<Activity>): Promise<PostAcceptance> {
    return this.use(() => {
      const log = this.kept(conversationId);
      const now = this.now();
      const post = log.posts.get(key);
      if (post) {
        const id = activityId(conversationId, post.watermark);
        if (post.answered) return { id, status: "answered" };
        if (post.claimedUntil > now) return { id, status: "running" };
        post.claimedUntil = now + this.limits.POST_CLAIM_MS;
        return { id, status: "resumed" };
      }
      const watermark = this.push(conversationId, log, activity, key.length);
      log.posts.set(key, { watermark, answered: false, claimedUntil: now + this.limits.POST_CLAIM_MS });
      return { id: activityId(conversationId, watermark), status: "accepted" };
    });
  }

  hold(conversationId: string, key: string): Promise<void> {
    return this.use(() => {
      const post = this.logs.get(conversationId)?.posts.get(key);
      if (post && !post.answered) post.claimedUntil = this.now() + this.limits.POST_CLAIM_MS;
    });
  }

  settle(conversationId: string, key: string, answered: boolean): Promise<void> {
    return this.use(() => {
      const post = this.logs.get(conversationId)?.posts.get(key);
      if (!post) return;
      if (answered) post.answered = true;
      else post.claimedUntil = 0;
    });
  }

  since(conversationId: string, watermark: number | null): Promise<ActivitySlice | null> {
    return this.use(() => {
      const next = watermark === null ? 0 : watermark + 1;
      const log = this.active(conversationId) ?? this.roomFor(conversationId, next);
      if (!log) return null;
      const from = Math.max(0, next - log.first);
      const end = log.first + log.activities.length - 1;
      return { activities: log.activities.slice(from), watermark: String(Math.max(end, watermark ?? -1)) };
    });
  }

  expire(): Promise<number> {
    return this.use(() => this.dropExpired());
  }

  stats(): Promise<{ conversations: number; chars: number }> {
    return this.use(() => ({ conversations: this.logs.size, chars: this.total }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.logs.clear();
    this.total = 0;
  }

  private async use<T>(work: () => T): Promise<T> {
    if (this.closed) throw new StoreClosedError("conversation logs");
    return work();
  }

  private dropExpired(): number {
    let dropped = 0;
    const cutoff = this.now() - this.limits.IDLE_EXPIRY_MS;
    for (const [id, log] of this.logs) {
      if (log.activeAt > cutoff) break;
      this.drop(id, log);
      dropped += 1;
    }
    return dropped;
  }

  /** The conversation's log, marked active; a new one when it is not kept (even when full: replies). */
  private kept(conversationId: string): ConversationLog {
    return this.active(conversationId) ?? this.roomFor(conversationId, 0) ?? this.create(conversationId, 0);
  }

  /**
   * Appends an activity to its log, counted with `extraChars` more (a post's key), and drops the
   * oldest beyond the bounds, with the keys of posts among them; returns its watermark.
   */
  private push(conversationId: string, log: ConversationLog, activity: Partial<Activity>, extraChars: number): number {
    const watermark = log.first + log.activities.length;
    const stored = { ...activity, id: activityId(conversationId, watermark) };
    const size = JSON.stringify(stored).length + extraChars;
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
    for (const [key, post] of log.posts) {
      if (post.watermark >= log.first) break;
      log.posts.delete(key);
    }
    return watermark;
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

  /** A new log numbered from `first`, once there is room for it; undefined when there is none. */
  private roomFor(conversationId: string, first: number): ConversationLog | undefined {
    return this.makeRoom(0, true) ? this.create(conversationId, first) : undefined;
  }

  private create(conversationId: string, first: number): ConversationLog {
    const log = { first, posts: new Map<string, Post>(), activities: [], sizes: [], chars: 0, activeAt: this.now() };
    this.logs.set(conversationId, log);
    return log;
  }

  /** Drops idle conversations, least recently active first, until `chars` more (and a new conversation) fit. */
  private makeRoom(chars: number, newConversation: boolean): boolean {
    this.dropExpired();
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
