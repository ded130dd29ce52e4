import { TEXTS } from "../../bot/conversation/texts";
import type { RunningApp } from "../../bot/index";
import { createLogger } from "../../bot/logger";
import { openDatabase, type DatabaseOptions } from "../../bot/storage/database";
import { RedisConnection } from "../../bot/storage/redis";
import { DIRECT_LINE_TUNING } from "../../bot/web/conversation-logs";
import { RedisConversationLogs } from "../../bot/web/redis-conversation-logs";
import { startTestApp, tempDataDir } from "../helpers/app";
import { poll, postActivity, startConversation, type DirectLineSession, type PolledActivity } from "../helpers/direct-line";
import { describePostgres, dropSchema, freshPostgresSchema } from "../helpers/postgres";
import { deleteKeys, describeRedis, TEST_REDIS_URL, uniquePrefix } from "../helpers/redis";
import { RestartableServer } from "../helpers/restart";
import { waitFor } from "../helpers/wait";

/** The same installation secret on both instances (Direct Line tokens, pseudonyms). */
const SECRET = "repost-test-installation-secret-0123456789abcdef";

/** A message as Web Chat posts it: its text, and its client's name for it. */
const webChatMessage = (text: string, clientActivityID: string): Record<string, unknown> => ({ type: "message", text, channelData: { clientActivityID } });

/** Posts `activity` and returns the id the server gave it; fails on any status but 200. */
async function posted(s: DirectLineSession, activity: Record<string, unknown>): Promise<string> {
  const { status, body } = await postActivity(s, activity);
  if (status !== 200 || typeof body !== "object" || body === null || !("id" in body) || typeof body.id !== "string") {
    throw new Error(`post failed: ${status} ${JSON.stringify(body)}`);
  }
  return body.id;
}

/** The bot's welcome, once the conversation update has run. */
const welcome = (s: DirectLineSession): Promise<PolledActivity[]> =>
  waitFor(async () => {
    const { activities } = await poll(s);
    return activities.length > 0 ? activities : null;
  }, "the welcome");

/** The whole transcript: the user's messages with this text, and the bot's replies to the activity `id`. */
async function transcript(s: DirectLineSession, text: string, id: string): Promise<{ echoes: PolledActivity[]; replies: PolledActivity[] }> {
  const { activities } = await poll(s);
  return {
    echoes: activities.filter((a) => a.from.role === "user" && a.text === text),
    replies: activities.filter((a) => a.from.role === "bot" && a.replyToId === id),
  };
}

/** The same conversation through another instance (its token is good on every instance of the installation). */
const through = (s: DirectLineSession, app: RunningApp): DirectLineSession => ({ ...s, domain: `${app.url}/v3/directline` });

/** The questions logged, once the instances that logged them have stopped (which writes what they hold). */
async function loggedQuestions(options: DatabaseOptions): Promise<string[]> {
  const database = await openDatabase(options);
  try {
    return (await database.db.selectFrom("questions").select("query").execute()).map((row) => row.query);
  } finally {
    await database.close();
  }
}

const isAnswer = (reply: PolledActivity | undefined): boolean => reply?.text?.endsWith(`_${TEXTS.ratePrompt}_`) === true;

describe("the same activity posted twice to the local Direct Line, one instance (memory), over HTTP", () => {
  let app: RunningApp | undefined;
  let dataDir = "";
  beforeEach(async () => {
    dataDir = tempDataDir();
    app = await startTestApp({ DATA_DIR: dataDir, INSTALLATION_SECRET: SECRET });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const running = (): RunningApp => {
    if (!app) throw new Error("no app");
    return app;
  };

  it("is answered once by its clientActivityID: the same id, one echo, one reply, one logged question", async () => {
    const s = await startConversation(running().url);
    await welcome(s);
    const message = webChatMessage("nps nedir", "web-chat-1");
    const id = await posted(s, message);
    expect(await posted(s, message)).toBe(id);
    const { echoes, replies } = await transcript(s, "nps nedir", id);
    expect(echoes.map((a) => a.id)).toEqual([id]);
    expect(replies).toHaveLength(1);
    expect(isAnswer(replies[0])).toBe(true);
    // a message of its own with the same text is another message
    const again = await posted(s, webChatMessage("nps nedir", "web-chat-2"));
    expect(again).not.toBe(id);
    await running().close();
    app = undefined;
    expect(await loggedQuestions({ dataDir })).toEqual(["nps nedir", "nps nedir"]);
  });

  it("is answered once when both posts arrive at once, and by the activity's own id when it has no clientActivityID", async () => {
    const s = await startConversation(running().url);
    await welcome(s);
    const message = webChatMessage("ces nedir", "web-chat-at-once");
    const [first, second] = await Promise.all([posted(s, message), posted(s, message)]);
    expect(second).toBe(first);
    const atOnce = await transcript(s, "ces nedir", first);
    expect([atOnce.echoes.length, atOnce.replies.length]).toEqual([1, 1]);

    const named = { type: "message", text: "csat nedir", id: "client-activity-7" };
    const id = await posted(s, named);
    expect(await posted(s, named)).toBe(id);
    const byId = await transcript(s, "csat nedir", id);
    expect([byId.echoes.length, byId.replies.length]).toEqual([1, 1]);
    await running().close();
    app = undefined;
    expect((await loggedQuestions({ dataDir })).sort()).toEqual(["ces nedir", "csat nedir"]);
  });
});

describe("the same activity posted again across a restart (memory)", () => {
  const server = new RestartableServer({ INSTALLATION_SECRET: SECRET });
  beforeEach(async () => server.start());
  afterEach(async () => server.stop());

  it("still gets 404 for a conversation the new process does not keep, and is taken once a poll kept it again", async () => {
    const s = await startConversation(server.url);
    await welcome(s);
    const message = webChatMessage("crm nedir", "web-chat-restart");
    await posted(s, message);
    const { watermark } = await poll(s);

    await server.restart();
    // the restart forgot the conversation and its posts: refused, as any post before the next poll
    const refused = await postActivity(s, message);
    expect(refused.status).toBe(404);
    expect(await poll(s, watermark)).toEqual({ activities: [], watermark });
    const id = await posted(s, message);
    expect(id).toBe(`${s.conversationId}|${String(Number(watermark) + 1).padStart(7, "0")}`);
    expect(await posted(s, message)).toBe(id);
    const after = await poll(s, watermark);
    expect(after.activities.map((a) => [a.from.role, a.replyToId ?? null])).toEqual([
      ["user", null],
      ["bot", id],
    ]);
  });
});

describePostgres("the same activity posted to two instances sharing PostgreSQL and Redis, over HTTP", () => {
  describeRedis("with REDIS_URL", () => {
    let schema = "";
    let databaseUrl = "";
    let apps: RunningApp[] = [];
    const prefix = uniquePrefix();
    beforeEach(async () => {
      ({ url: databaseUrl, schema } = await freshPostgresSchema());
      const env = { DATABASE_URL: databaseUrl, INSTALLATION_SECRET: SECRET, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix };
      // one after the other: the first runs the migrations
      apps = [await startTestApp(env)];
      apps.push(await startTestApp(env));
    }, 120_000);
    afterEach(async () => {
      await Promise.all(apps.splice(0).map((app) => app.close()));
      await dropSchema(schema);
      await deleteKeys(prefix);
    });
    const pair = (): [RunningApp, RunningApp] => {
      const [a, b] = apps;
      if (!a || !b) throw new Error("no instances");
      return [a, b];
    };
    /** Stops both instances (their logs are written) and returns the questions logged. */
    const stopAndRead = async (): Promise<string[]> => {
      await Promise.all(apps.splice(0).map((app) => app.close()));
      return (await loggedQuestions({ databaseUrl, dataDir: "" })).sort();
    };

    it("answers it once whether the second post reaches the other instance after the first was answered or at the same time", async () => {
      const [a, b] = pair();
      const onA = await startConversation(a.url);
      const onB = through(onA, b);
      await welcome(onA);

      const first = webChatMessage("nps nedir", "web-chat-after");
      const id = await posted(onA, first);
      expect(await posted(onB, first)).toBe(id);
      const after = await transcript(onB, "nps nedir", id);
      expect([after.echoes.length, after.replies.length]).toEqual([1, 1]);
      expect(isAnswer(after.replies[0])).toBe(true);

      const second = webChatMessage("ces nedir", "web-chat-together");
      const [viaA, viaB] = await Promise.all([posted(onA, second), posted(onB, second)]);
      expect(viaB).toBe(viaA);
      const together = await transcript(onA, "ces nedir", viaA);
      expect([together.echoes.length, together.replies.length]).toEqual([1, 1]);

      expect(await stopAndRead()).toEqual(["ces nedir", "nps nedir"]);
    });

    it("runs it on the other instance when the instance that took it stopped before its turn ended (its claim ran out), under the same id", async () => {
      const [, b] = pair();
      const s = through(await startConversation(b.url), b);
      await welcome(s);
      // an instance took the post and stopped mid-turn: the activity is in the conversation, its claim ran out unrenewed
      const redis = new RedisConnection({ url: TEST_REDIS_URL, prefix }, createLogger("silent"));
      await redis.connect();
      const message = webChatMessage("csat nedir", "web-chat-orphan");
      let taken;
      try {
        const stopped = new RedisConversationLogs(redis, {}, () => Date.now() - 2 * DIRECT_LINE_TUNING.POST_CLAIM_MS);
        taken = await stopped.accept(s.conversationId, "c:web-chat-orphan", { ...message, from: { id: s.userId, name: "", role: "user" } });
      } finally {
        await redis.close();
      }
      expect(taken.status).toBe("accepted");

      expect(await posted(s, message)).toBe(taken.id);
      const resumed = await transcript(s, "csat nedir", taken.id);
      expect([resumed.echoes.length, resumed.replies.length]).toEqual([1, 1]);
      expect(isAnswer(resumed.replies[0])).toBe(true);
      // answered now: posted once more, it is acknowledged only
      expect(await posted(s, message)).toBe(taken.id);
      expect((await transcript(s, "csat nedir", taken.id)).replies).toHaveLength(1);
      expect(await stopAndRead()).toEqual(["csat nedir"]);
    });
  });
});
