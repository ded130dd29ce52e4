import type { Activity } from "botbuilder";
import { z } from "zod";
import { StoreClosedError } from "../storage/errors";
import { RedisUnavailableError, type RedisConnection } from "../storage/redis";
import { activityId, DIRECT_LINE_TUNING, type ActivitySlice, type ConversationLogStore, type DirectLineLimits } from "./conversation-logs";

/**
 * Every operation is one Lua script, so it is atomic across instances: a post on one instance
 * and a poll on another see one log, and the bounds hold for all of them together.
 *
 * Keys (all under the prefix, `dl:` then): `active` (sorted set: conversation → last post or
 * poll, ms), `first` (hash: conversation → watermark of its oldest activity kept), `chars`
 * (hash: conversation → characters kept), `total` (characters kept in all), and one list
 * `log:<conversation>` of entries `<characters>|<activity JSON without its id>`; the id is the
 * conversation and the watermark, rebuilt when read. Conversation keys are named inside the
 * script, so it needs a single Redis (or one hash slot), not a cluster.
 */
const SCRIPT = `
local op, P, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
local maxConv, maxTotal, evictAfter, idleExpiry = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local maxAct, maxConvChars, id = tonumber(ARGV[8]), tonumber(ARGV[9]), ARGV[10]
local active, firsts, chars, totalKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

local function logKey(c) return P .. 'log:' .. c end
local function total() return tonumber(redis.call('GET', totalKey) or '0') end
local function exists(c) return redis.call('ZSCORE', active, c) ~= false end
local function drop(c)
  redis.call('DECRBY', totalKey, tonumber(redis.call('HGET', chars, c) or '0'))
  redis.call('HDEL', chars, c)
  redis.call('HDEL', firsts, c)
  redis.call('ZREM', active, c)
  redis.call('DEL', logKey(c))
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
  if exists(id) then redis.call('ZADD', active, now, id) else makeRoom(0, true) create(id, 0) end
  local key, size = logKey(id), tonumber(ARGV[12])
  local first = tonumber(redis.call('HGET', firsts, id))
  local len = redis.call('RPUSH', key, ARGV[11])
  local watermark = first + len - 1
  local kept = redis.call('HINCRBY', chars, id, size)
  redis.call('INCRBY', totalKey, size)
  -- the newest activity always stays, however large (a long answer)
  local dropped = 0
  while len > 1 and (len > maxAct or kept > maxConvChars) do
    local s = tonumber(string.match(redis.call('LPOP', key), '^(%d+)|'))
    kept, dropped, first, len = kept - s, dropped + s, first + 1, len - 1
  end
  if dropped > 0 then
    redis.call('HSET', chars, id, kept)
    redis.call('HSET', firsts, id, first)
    redis.call('DECRBY', totalKey, dropped)
  end
  return watermark
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
const StoredActivity = z.record(z.string(), z.unknown());

/** A stored activity is a JSON object written by `append` (a runtime check, so no cast is needed). */
const isActivityObject = (value: unknown): value is Partial<Activity> => StoredActivity.safeParse(value).success;

type Operation = "open" | "touch" | "fits" | "append" | "since" | "expire" | "stats";

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
    const { id: _ignored, ...rest } = activity;
    const json = JSON.stringify(rest);
    // counted as the memory store counts: the JSON with its id, whose length does not depend on the watermark
    const size = JSON.stringify({ ...rest, id: activityId(conversationId, 0) }).length;
    const watermark = Count.parse(await this.run("append", conversationId, `${size}|${json}`, String(size)));
    return activityId(conversationId, watermark);
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

  private run(op: Operation, conversationId: string, arg = "", size = "0"): Promise<unknown> {
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
        ],
      }),
    );
  }
}
