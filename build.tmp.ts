process.env.DOTENV_CONFIG_QUIET ??= "true";
import { join } from "node:path";
import { loadKnowledge } from "./bot/knowledge/loader";
import { Matcher } from "./bot/matching/matcher";
import { syntheticKnowledge } from "./test/helpers/synthetic";
async function main(): Promise<void> {
  const loaded = await loadKnowledge(join(__dirname, "knowledge"));
  const big = syntheticKnowledge(loaded.knowledgeBase!.entries, 10000);
  for (let i = 0; i < 3; i++) { const t = process.hrtime.bigint(); new Matcher().indexFor(big); console.log(`build ${i}: ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(2)} s`); }
}
void main();
