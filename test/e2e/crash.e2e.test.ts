import { join } from "node:path";
import { TEXTS } from "../../bot/conversation/texts";
import { openDatabase } from "../../bot/storage/database";
import { emulatorActivity, post, REPO_ROOT, tempDataDir } from "../helpers/app";
import { LocalConnector } from "../helpers/connector";
import { PROCESS_TEST_TIMEOUT_MS } from "../helpers/cli";
import { spawnServer } from "../helpers/process";

/** Starts the bot as its own process (so it can be killed with SIGKILL) and resolves its URL. */
function spawnBot(dataDir: string): ReturnType<typeof spawnServer> {
  return spawnServer(join(REPO_ROOT, "bot", "index.ts"), [], {
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge"),
    RATE_LIMIT_CLIENT_PER_MINUTE: "100000",
  });
}

describe("kill -9 during a burst of ratings", () => {
  it("keeps every rating the bot acknowledged", async () => {
    const dataDir = tempDataDir();
    const connector = await new LocalConnector().start();
    const first = await spawnBot(dataDir);
    const conversations = Array.from({ length: 40 }, (_, i) => `burst-${i}`);
    const ratingOf = new Map<string, { title: string; value: unknown }>();
    for (const id of conversations) {
      await post(`${first.url}/api/messages`, emulatorActivity(connector.url, id, { text: "crm nedir" }));
      const action = connector.messages(id)[0]?.suggestedActions?.actions[4];
      if (!action) throw new Error("no rating button");
      ratingOf.set(id, { title: action.title, value: action.value });
    }
    const acknowledged = (): string[] => conversations.filter((id) => connector.messages(id).some((m) => m.text === TEXTS.ratingThanks));

    const burst = conversations.map((id) =>
      post(`${first.url}/api/messages`, emulatorActivity(connector.url, id, { text: ratingOf.get(id)?.title, value: ratingOf.get(id)?.value })).catch(() => undefined),
    );
    const deadline = Date.now() + 20_000;
    while (acknowledged().length < 10 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    first.child.kill("SIGKILL");
    await Promise.all(burst);
    const acked = acknowledged();
    process.stderr.write(`[crash test] ${acked.length} of ${conversations.length} ratings acknowledged before the kill\n`);
    expect(acked.length).toBeGreaterThanOrEqual(10);

    // the restarted bot replays its spool; then every acknowledged rating must be in the database
    const second = await spawnBot(dataDir);
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));
    const database = await openDatabase({ dataDir });
    try {
      const rows = await database.db.selectFrom("ratings").select(["answer_id"]).execute();
      const stored = new Set(rows.map((row) => row.answer_id));
      const answerIds = acked.map((id) => {
        const value = ratingOf.get(id)?.value;
        return value && typeof value === "object" && "answer" in value ? String(value.answer) : "";
      });
      expect(answerIds.filter((answerId) => !stored.has(answerId))).toEqual([]);
    } finally {
      await database.close();
      await connector.stop();
    }
  }, PROCESS_TEST_TIMEOUT_MS);
});
