/* eslint-disable no-console */
// One server process for `npm run bench:http`: `memnun` (the real bot), `echo` (a minimal echo
// bot on the identical restify + CloudAdapter stack) or `answer` (a bot on the same stack that sends
// Memnun's real answer message, round-robin over the knowledge base, with no matching, state or
// feedback: what the reply alone costs). Prints {"url": …} once listening.
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { ActivityHandler } from "botbuilder";
import { answerReply } from "../../bot/conversation/render/suggested";
import { loadKnowledge } from "../../bot/knowledge/loader";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { start } from "../../bot/index";
import { loadConfig } from "../../bot/config";
import { createLogger } from "../../bot/logger";
import { createAdapter } from "../../bot/server/adapter";
import { createServer } from "../../bot/server/app";

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ""}`);
      await next();
    });
  }
}

/** Replies to every message with a knowledge answer as Memnun sends it, chosen round-robin. */
class AnswerBot extends ActivityHandler {
  private next = 0;

  constructor(kb: KnowledgeBase) {
    super();
    this.onMessage(async (context, next) => {
      const entry = kb.entries[this.next++ % kb.entries.length];
      if (entry) await context.sendActivity(answerReply(entry, kb, { answerId: `a-${this.next}`, entryId: entry.id, signature: "0123456789abcdef" }));
      await next();
    });
  }
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  const env = { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" };
  if (kind === "memnun") {
    const app = await start(env, { logger: createLogger("silent") });
    process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
    console.log(JSON.stringify({ url: app.url }));
    return;
  }
  const config = loadConfig(env);
  const logger = createLogger("silent");
  const { adapter } = createAdapter(config, logger);
  const bot = kind === "answer" ? new AnswerBot(await loadAnswers(config.knowledgeDir)) : new EchoBot();
  const { server } = createServer({ adapter, bot, logger, health: async () => ({ status: "ok", version: "echo", knowledge: { entries: 0, loadedAt: null, lastError: null } }) });
  process.once("SIGTERM", () => process.exit(0));
  server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })));
}

async function loadAnswers(dir: string): Promise<KnowledgeBase> {
  const { knowledgeBase, errors } = await loadKnowledge(dir);
  if (!knowledgeBase) throw new Error(`[bench] the knowledge base does not load: ${errors.length} errors`);
  return knowledgeBase;
}

void main();
