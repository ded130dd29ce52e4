import { createLogger } from "../../bot/logger";
import { RedisConnection, RedisUnavailableError } from "../../bot/storage/redis";
import { MemoryConversationLogs } from "../../bot/web/conversation-logs";
import { RedisConversationLogs } from "../../bot/web/redis-conversation-logs";
import { describeRedis, TEST_REDIS_URL, testRedis } from "../helpers/redis";
import { TcpProxy } from "../helpers/tcp-proxy";
import { waitFor } from "../helpers/wait";
import { conversationLogsContract } from "./conversation-logs-contract";

conversationLogsContract("memory", async (limits, now) => ({ store: new MemoryConversationLogs(limits, now), dispose: async () => undefined }));

describeRedis("Redis conversation logs", () => {
  conversationLogsContract("redis", async (limits, now) => {
    const { redis, dispose } = await testRedis();
    const store = new RedisConversationLogs(redis, limits, now);
    return { store, dispose: async () => {
      await store.close();
      await dispose();
    } };
  });

  it("are one log for every instance: a post on one is polled on another, the bounds hold for both", async () => {
    const { redis, dispose } = await testRedis();
    const other = new RedisConnection({ url: TEST_REDIS_URL, prefix: redis.prefix }, createLogger("silent"));
    await other.connect();
    try {
      const one = new RedisConversationLogs(redis, { MAX_CONVERSATIONS: 2 });
      const two = new RedisConversationLogs(other, { MAX_CONVERSATIONS: 2 });
      expect(await one.open("a")).toBe(true);
      await one.append("a", { type: "message", text: "merhaba" });
      await two.append("a", { type: "message", text: "hoş geldiniz" });
      expect((await one.since("a", null))?.activities.map((a) => a.text)).toEqual(["merhaba", "hoş geldiniz"]);
      expect(await two.open("b")).toBe(true);
      expect(await one.open("c")).toBe(false);
    } finally {
      await other.close();
      await dispose();
    }
  });

  it("reject with RedisUnavailableError while Redis is unreachable, and work again when it is back", async () => {
    const proxy = new TcpProxy("127.0.0.1", 6379);
    await proxy.open();
    const { redis, dispose } = await testRedis(`redis://127.0.0.1:${proxy.port}`);
    try {
      const logs = new RedisConversationLogs(redis);
      await logs.append("c", { type: "message", text: "bir" });
      await proxy.cut();
      await expect(logs.since("c", null)).rejects.toBeInstanceOf(RedisUnavailableError);
      await expect(logs.has("c")).rejects.toBeInstanceOf(RedisUnavailableError);
      expect(redis.status()).toMatchObject({ connected: false, error: expect.any(String) });
      await proxy.open();
      await waitFor(() => redis.status().connected, "Redis to reconnect");
      expect((await logs.since("c", null))?.activities.map((a) => a.text)).toEqual(["bir"]);
    } finally {
      await proxy.cut();
      await dispose();
    }
  });
});
