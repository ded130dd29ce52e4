/* eslint-disable no-console */
// One server process for `npm run bench:http`: `memnun` (the real bot) or `echo` (a minimal echo
// bot on the identical restify + CloudAdapter stack). Prints {"url": …} once listening.
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { ActivityHandler } from "botbuilder";
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
  const { server } = createServer({ adapter, bot: new EchoBot(), logger, health: () => ({ status: "ok", version: "echo", knowledge: { entries: 0, loadedAt: null, lastError: null } }) });
  process.once("SIGTERM", () => process.exit(0));
  server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })));
}

void main();
