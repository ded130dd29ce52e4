/* eslint-disable no-console */
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { Matcher } from "../../bot/matching/matcher";
import { evaluate } from "../matching/evaluate";
import { domainKnowledge, evaluationDomains, type Split } from "./domains";

/**
 * Prints Memnun's quality per evaluation domain and split, and with `--failures` the questions
 * it got wrong on the tuning halves (never the held-out ones: those are only counted).
 * `npx tsx test/eval/report.ts [--failures] [--split heldout]`
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showFailures = args.includes("--failures");
  const splits: Split[] = args.includes("--split") ? [args[args.indexOf("--split") + 1] as Split] : ["tuning", "heldout"];
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
  console.log("| domain | split | questions | top-1 | answered right | wrongly answered | off-topic rejected |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const domain of evaluationDomains()) {
    const kb = await domainKnowledge(domain);
    const matcher = new Matcher();
    for (const split of splits.filter((name) => domain.inDomain[name].length > 0)) {
      const result = evaluate(
        (text, base) => {
          const d = matcher.match(text, base);
          return { status: d.status, topId: d.candidates[0]?.id ?? null };
        },
        kb,
        domain.inDomain[split],
        domain.offTopic[split],
      );
      console.log(
        `| ${domain.name} | ${split} | ${result.inDomain}+${result.offTopic} | ${pct(result.top1)} | ${pct(result.answeredRight)} | ${pct(result.wronglyAnswered)} | ${pct(result.offTopicRejected)} |`,
      );
      if (showFailures && split === "tuning") for (const f of result.failures) console.log(`    ${f}`);
    }
  }
}

void main();
