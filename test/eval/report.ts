/* eslint-disable no-console */
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { Matcher, type MatchStatus } from "../../bot/matching/matcher";
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
  const pooled = new Map<string, StyleCounts>();
  const splits: Split[] = args.includes("--split") ? [args[args.indexOf("--split") + 1] as Split] : ["tuning", "heldout"];
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
  console.log("| domain | split | questions | top-1 | answered right | wrongly answered | off-topic rejected |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const domain of evaluationDomains()) {
    const kb = await domainKnowledge(domain);
    const matcher = new Matcher();
    for (const split of splits.filter((name) => domain.inDomain[name].length > 0)) {
      /** Each message's decision as `evaluate` asked for it, read again by style. */
      const decided = new Map<string, { status: MatchStatus; topId: string | null }>();
      const result = evaluate(
        (text, base) => {
          const d = matcher.match(text, base);
          const decision = { status: d.status, topId: d.candidates[0]?.id ?? null };
          decided.set(text, decision);
          return decision;
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
        const styles = new Map<string, StyleCounts>();
        for (const question of domain.inDomain[split]) {
          const decision = decided.get(question.text);
          const right = decision?.topId != null && question.expected.includes(decision.topId);
          for (const table of [styles, pooled]) tally(table, question.style, right, right && decision?.status === "answered");
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

interface StyleCounts {
  questions: number;
  top1: number;
  answeredRight: number;
}

/** Counts one question of `style` in `table`. */
function tally(table: Map<string, StyleCounts>, style: string, top1: boolean, answeredRight: boolean): void {
  const counts = table.get(style) ?? { questions: 0, top1: 0, answeredRight: 0 };
  table.set(style, counts);
  counts.questions += 1;
  if (top1) counts.top1 += 1;
  if (answeredRight) counts.answeredRight += 1;
}

void main();
