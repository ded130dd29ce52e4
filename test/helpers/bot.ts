import { TestAdapter } from "botbuilder";
import { join } from "node:path";
import { MemnunBot } from "../../bot/conversation/bot";
import { loadKnowledge } from "../../bot/knowledge/loader";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { createLogger } from "../../bot/logger";
import { Matcher } from "../../bot/matching/matcher";
import { turnErrorHandler } from "../../bot/server/adapter";

/** Loads the real knowledge base from `knowledge/`. */
export async function realKnowledge(): Promise<KnowledgeBase> {
  const result = await loadKnowledge(join(__dirname, "..", "..", "knowledge"));
  if (!result.knowledgeBase) throw new Error(`knowledge did not load: ${JSON.stringify(result.errors)}`);
  return result.knowledgeBase;
}

/** A bot over the given knowledge base in a TestAdapter, with the production error handler. */
export function testBot(kb: KnowledgeBase, overrides: Partial<ConstructorParameters<typeof MemnunBot>[0]> = {}): { bot: MemnunBot; adapter: TestAdapter } {
  const bot = new MemnunBot({
    logger: createLogger("silent"),
    knowledge: () => kb,
    matcher: new Matcher(),
    maxMessageLength: 2000,
    ...overrides,
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  adapter.onTurnError = turnErrorHandler(createLogger("silent"));
  return { bot, adapter };
}
