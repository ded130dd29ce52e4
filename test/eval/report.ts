/* eslint-disable no-console */
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { Matcher } from "../../bot/matching/matcher";
import { evaluate } from "../matching/evaluate";
import { domainKnowledge, evaluationDomains, type Split } from "./domains";

/**
 * Prints Memnun's quality per evaluation domain and split, with `--failures` the questions it got
 * wrong on the tuning halves (never the held-out ones: those are only counted), and with
 * `--by-style` top-1 and answered right by the style a question was written in (`no-diacritics`,
 * `synonym`, `long`, …), per domain and over every domain printed.
 * `npx tsx test/eval/report.ts [--failures] [--by-style] [--split heldout]`
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showFailures = args.includes("--failures");
  const byStyle = args.includes("--by-style");
  /** Style → questions, right tops and right answers, over every domain and split printed. */
  const pooled = new Map<string, { questions: number; top1: number; answeredRight: number }>();
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
      if (byStyle) {
        const styles = new Map<string, { questions: number; top1: number; answeredRight: number }>();
        for (const question of domain.inDomain[split]) {
          const d = matcher.match(question.text, kb);
          const right = d.candidates[0] !== undefined && question.expected.includes(d.candidates[0].id);
          for (const counts of [styles, pooled].map((table) => {
            const found = table.get(question.style) ?? { questions: 0, top1: 0, answeredRight: 0 };
            table.set(question.style, found);
            return found;
          })) {
            counts.questions += 1;
            if (right) counts.top1 += 1;
            if (right && d.status === "answered") counts.answeredRight += 1;
          }
        }
        for (const [style, counts] of [...styles].sort(([a], [b]) => a.localeCompare(b))) {
          console.log(`|   ${style || "(none)"} | | ${counts.questions} | ${pct(counts.top1 / counts.questions)} | ${pct(counts.answeredRight / counts.questions)} | | |`);
        }
      }
    }
  }
  if (byStyle) {
    console.log("\n| style, every domain printed | questions | top-1 | answered right |");
    console.log("| --- | --- | --- | --- |");
    for (const [style, counts] of [...pooled].sort(([, a], [, b]) => b.top1 / b.questions - a.top1 / a.questions)) {
      console.log(`| ${style || "(none)"} | ${counts.questions} | ${pct(counts.top1 / counts.questions)} | ${pct(counts.answeredRight / counts.questions)} |`);
    }
  }
}

void main();
