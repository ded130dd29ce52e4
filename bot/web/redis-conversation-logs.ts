import type { Activity } from "botbuilder";
import { z } from "zod";
import { StoreClosedError } from "../storage/errors";
import { RedisUnavailableError, type RedisConnection } from "../storage/redis";
import { activityId, DIRECT_LINE_TUNING, type ActivitySlice, type ConversationLogStore, type DirectLineLimits, type PostAcceptance } from "./conversation-logs";

/**
 * Every operation is one Lua script, so it is atomic across instances: a post on one instance
 * and a poll on another see one log, and the bounds hold for all of them together.
 *
 * Keys (all under the prefix, `dl:` then): `active` (sorted set: conversation → last post or
 * poll, ms), `first` (hash: conversation → watermark of its oldest activity kept), `chars`
 * (hash: conversation → characters kept), `total` (characters kept in all), and one list
 * `log:<conversation>` of entries `<characters>|<activity JSON without its id>`; the id is the
 * conversation and the watermark, rebuilt when read. Posted activities a client named (`accept`)
 * are in `posts:<conversation>` (sorted set: key → watermark, trimmed with the log) and
 * `claims:<conversation>` (hash: key → until when its turn is claimed, ms, or `answered`). Conversation keys are named inside the
 * script, so it needs a single Redis (or one hash slot), not a cluster.
 */
const SCRIPT = `
local op, P, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
local maxConv, maxTotal, evictAfter, idleExpiry = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local maxAct, maxConvChars, id = tonumber(ARGV[8]), tonumber(ARGV[9]), ARGV[10]
local active, firsts, chars, totalKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

local function logKey(c) return P .. 'log:' .. c end
local function postsKey(c) return P .. 'posts:' .. c end
local function claimsKey(c) return P .. 'claims:' .. c end
local function total() return tonumber(redis.call('GET', totalKey) or '0') end
local function exists(c) return redis.call('ZSCORE', active, c) ~= false end
local function drop(c)
  redis.call('DECRBY', totalKey, tonumber(redis.call('HGET', chars, c) or '0'))
  redis.call('HDEL', chars, c)
  redis.call('HDEL', firsts, c)
  redis.call('ZREM', active, c)
  redis.call('DEL', logKey(c), postsKey(c), claimsKey(c))
end
local function expire()
  local ids = redis.call('ZRANGEBYSCORE', active, '-inf', now - idleExpiry)
  for _, c in ipairs(ids) do drop(c) end
  return #ids
end
local function full(need, newConv)
  return (newConv and redis.call('ZCARD', active) >= maxConv) or (total() + need > maxTotal)
end
local function makeRoom(need, newConv)
  expire()
  if not full(need, newConv) then return true end
  -- least recently active first, and only those idle long enough
  for _, c in ipairs(redis.call('ZRANGEBYSCORE', active, '-inf', now - evictAfter)) do
    drop(c)
    if not full(need, newConv) then return true end
  end
  return false
end
local function create(c, first)
  redis.call('ZADD', active, now, c)
  redis.call('HSET', firsts, c, first)
  redis.call('HSET', chars, c, 0)
end
-- the conversation, marked active; a new one when it is not kept (even when full: replies)
local function keep(c)
  if exists(c) then redis.call('ZADD', active, now, c) else makeRoom(0, true) create(c, 0) end
end
-- appends an entry, drops the oldest beyond the bounds (and the keys of posts among them); its watermark
local function push(c, entry, size)
  local key = logKey(c)
  local first = tonumber(redis.call('HGET', firsts, c))
  local len = redis.call('RPUSH', key, entry)
  local watermark = first + len - 1
  local kept = redis.call('HINCRBY', chars, c, size)
  redis.call('INCRBY', totalKey, size)
  -- the newest activity always stays, however large (a long answer)
  local dropped = 0
  while len > 1 and (len > maxAct or kept > maxConvChars) do
    local s = tonumber(string.match(redis.call('LPOP', key), '^(%d+)|'))
    kept, dropped, first, len = kept - s, dropped + s, first + 1, len - 1
  end
  if dropped > 0 then
    redis.call('HSET', chars, c, kept)
    redis.call('HSET', firsts, c, first)
    redis.call('DECRBY', totalKey, dropped)
    local gone = redis.call('ZRANGEBYSCORE', postsKey(c), '-inf', '(' .. first)
    if #gone > 0 then
      redis.call('HDEL', claimsKey(c), unpack(gone))
      redis.call('ZREMRANGEBYSCORE', postsKey(c), '-inf', '(' .. first)
    end
  end
  return watermark
end

if op == 'open' then
  if exists(id) then redis.call('ZADD', active, now, id) return 1 end
  if not makeRoom(0, true) then return 0 end
  create(id, 0)
  return 1
elseif op == 'touch' then
  if exists(id) then redis.call('ZADD', active, now, id) return 1 end
  return 0
elseif op == 'fits' then
  if makeRoom(tonumber(ARGV[11]), false) then return 1 end
  return 0
elseif op == 'append' then
  keep(id)
  return push(id, ARGV[11], tonumber(ARGV[12]))
elseif op == 'accept' then
  local key, claimFor = ARGV[13], tonumber(ARGV[14])
  keep(id)
  local seen = redis.call('ZSCORE', postsKey(id), key)
  if seen then
    local claim = redis.call('HGET', claimsKey(id), key)
    if claim == 'answered' then return {tonumber(seen), 'answered'} end
    if claim and tonumber(claim) > now then return {tonumber(seen), 'running'} end
    redis.call('HSET', claimsKey(id), key, now + claimFor)
    return {tonumber(seen), 'resumed'}
  end
  local watermark = push(id, ARGV[11], tonumber(ARGV[12]))
  redis.call('ZADD', postsKey(id), watermark, key)
  redis.call('HSET', claimsKey(id), key, now + claimFor)
  return {watermark, 'accepted'}
elseif op == 'hold' then
  local claim = redis.call('HGET', claimsKey(id), ARGV[13])
  if claim and claim ~= 'answered' then redis.call('HSET', claimsKey(id), ARGV[13], now + tonumber(ARGV[14])) end
  return 1
elseif op == 'settle' then
  if redis.call('HEXISTS', claimsKey(id), ARGV[13]) == 1 then redis.call('HSET', claimsKey(id), ARGV[13], ARGV[14]) end
  return 1
elseif op == 'since' then
  local after = tonumber(ARGV[11]) + 1
  if exists(id) then
    redis.call('ZADD', active, now, id)
  else
    -- kept again, numbered after the client's watermark
    if not makeRoom(0, true) then return false end
    create(id, after)
  end
  local first = tonumber(redis.call('HGET', firsts, id))
  local from = math.max(0, after - first)
  return {first, redis.call('LLEN', logKey(id)), from, redis.call('LRANGE', logKey(id), from, -1)}
elseif op == 'expire' then
  return expire()
elseif op == 'stats' then
  return {redis.call('ZCARD', active), total()}
end
return redis.error_reply('unknown operation ' .. op)
`;

const Count = z.number().int();
const Slice = z.tuple([z.number().int(), z.number().int(), z.number().int(), z.array(z.string())]).nullable();
const Stats = z.tuple([z.number().int(), z.number().int()]);
const Acceptance = z.tuple([z.number().int(), z.enum(["accepted", "resumed", "running", "answered"])]);
/** What `settle` writes for a turn that has run; a failed one's claim ends now (0). */
const ANSWERED = "answered";
const StoredActivity = z.record(z.string(), z.unknown());

/** A stored activity is a JSON object written by `append` (a runtime check, so no cast is needed). */
const isActivityObject = (value: unknown): value is Partial<Activity> => StoredActivity.safeParse(value).success;

type Operation = "open" | "touch" | "fits" | "append" | "accept" | "hold" | "settle" | "since" | "expire" | "stats";

/**
 * The conversation logs of all instances, in Redis (`REDIS_URL`): any instance serves any post or
 * poll, and the bounds of `DIRECT_LINE_TUNING` hold over all of them. A lost Redis loses the
 * activities kept, never feedback (that is in the database) nor a conversation: a page's next
 * poll keeps its conversation again, numbered after what the page has seen (`since`).
 * While Redis is unreachable every operation rejects with `RedisUnavailableError` (503).
 */
export class RedisConversationLogs implements ConversationLogStore {
  private readonly limits: DirectLineLimits;
  private readonly keys: string[];
  private closed = false;

  constructor(
    private readonly redis: RedisConnection,
    limits: Partial<DirectLineLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DIRECT_LINE_TUNING, ...limits };
    this.keys = ["active", "first", "chars", "total"].map((name) => redis.key(`dl:${name}`));
  }

  async has(conversationId: string): Promise<boolean> {
    return (await this.guard(() => this.client().zScore(this.keys[0] ?? "", conversationId))) !== null;
  }

  async open(conversationId: string): Promise<boolean> {
    return Count.parse(await this.run("open", conversationId)) === 1;
  }

  async touch(conversationId: string): Promise<boolean> {
    return Count.parse(await this.run("touch", conversationId)) === 1;
  }

  async fits(chars: number): Promise<boolean> {
    return Count.parse(await this.run("fits", "", String(chars))) === 1;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<string> {
    const { entry, size } = this.entry(conversationId, activity, 0);
    const watermark = Count.parse(await this.run("append", conversationId, entry, String(size)));
    return activityId(conversationId, watermark);
  }

  async accept(conversationId: string, key: string, activity: Partial<Activity>): Promise<PostAcceptance> {
    const { entry, size } = this.entry(conversationId, activity, key.length);
    const [watermark, status] = Acceptance.parse(await this.run("accept", conversationId, entry, String(size), key, String(this.limits.POST_CLAIM_MS)));
    return { id: activityId(conversationId, watermark), status };
  }

  async hold(conversationId: string, key: string): Promise<void> {
    await this.run("hold", conversationId, "", "0", key, String(this.limits.POST_CLAIM_MS));
  }

  async settle(conversationId: string, key: string, answered: boolean): Promise<void> {
    await this.run("settle", conversationId, "", "0", key, answered ? ANSWERED : "0");
  }

  /**
   * A log entry (`<characters>|<JSON without the id>`) and its characters, counted as the memory
   * store counts them: the JSON with its id, whose length does not depend on the watermark, and
   * `extraChars` more (a post's key).
   */
  private entry(conversationId: string, activity: Partial<Activity>, extraChars: number): { entry: string; size: number } {
    const { id: _ignored, ...rest } = activity;
    const size = JSON.stringify({ ...rest, id: activityId(conversationId, 0) }).length + extraChars;
    return { entry: `${size}|${JSON.stringify(rest)}`, size };
  }

  async since(conversationId: string, watermark: number | null): Promise<ActivitySlice | null> {
    const found = Slice.parse(await this.run("since", conversationId, String(watermark ?? -1)));
    if (found === null) return null;
    const [first, length, from, entries] = found;
    const activities: Array<Partial<Activity>> = [];
    for (const [index, entry] of entries.entries()) {
      const parsed: unknown = JSON.parse(entry.slice(entry.indexOf("|") + 1));
      if (isActivityObject(parsed)) activities.push({ ...parsed, id: activityId(conversationId, first + from + index) });
    }
    return { activities, watermark: String(Math.max(first + length - 1, watermark ?? -1)) };
  }

  async expire(): Promise<number> {
    return Count.parse(await this.run("expire", ""));
  }

  async stats(): Promise<{ conversations: number; chars: number }> {
    const [conversations, chars] = Stats.parse(await this.run("stats", ""));
    return { conversations, chars };
  }

  /** Closes this store; the connection belongs to whoever opened it. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private client(): ReturnType<RedisConnection["ready"]> {
    if (this.closed) throw new StoreClosedError("conversation logs");
    return this.redis.ready("conversation logs");
  }

  /** Runs a command; a timeout or a connection lost under it is the same as no Redis. */
  private async guard<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof StoreClosedError || error instanceof RedisUnavailableError) throw error;
      throw new RedisUnavailableError({ cause: error });
    }
  }

  private run(op: Operation, conversationId: string, arg = "", size = "0", key = "", extra = ""): Promise<unknown> {
    const limits = this.limits;
    return this.guard(() =>
      this.client().eval(SCRIPT, {
        keys: this.keys,
        arguments: [
          op,
          this.redis.key("dl:"),
          String(this.now()),
          String(limits.MAX_CONVERSATIONS),
          String(limits.MAX_TOTAL_CHARS),
          String(limits.EVICTABLE_AFTER_MS),
          String(limits.IDLE_EXPIRY_MS),
          String(limits.MAX_ACTIVITIES),
          String(limits.MAX_CONVERSATION_CHARS),
          conversationId,
          arg,
          size,
          key,
          extra,
        ],
      }),
    );
  }
}
