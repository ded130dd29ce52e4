/* eslint-disable no-console */
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { Matcher } from "../../bot/matching/matcher";
import { domainKnowledge, evaluationDomains } from "./domains";

/**
 * Chooses the decision thresholds on the tuning halves of every evaluation domain together:
 * the answer threshold and margin that answer the most questions rightly while, in every
 * domain, at most `MAX_WRONG` of questions are answered wrongly and at least `MIN_REJECTED` of
 * off-topic ones are not answered. The held-out halves are never read here.
 * `npx tsx test/eval/calibrate.ts`
 */
const MAX_WRONG = 0.03;
const MIN_REJECTED = 0.95;
/** Most off-topic questions that may get "did you mean" rather than "I don't know". Higher = more offers, to in-domain and off-topic questions alike. */
const MAX_OFF_TOPIC_OFFERED = 0.2;
/** The smallest lead over the second entry that may answer outright. */
const MIN_MARGIN_FLOOR = 0.05;

interface Observation {
  top: number;
  margin: number;
  right: boolean;
  exact: boolean;
  keyWord: boolean;
}

async function main(): Promise<void> {
  const domains: Array<{ name: string; inDomain: Observation[]; offTopic: Observation[] }> = [];
  // a domain with no tuning half (held out whole) is never read here
  for (const domain of evaluationDomains().filter((d) => d.inDomain.tuning.length > 0)) {
    const kb = await domainKnowledge(domain);
    const matcher = new Matcher();
    const observe = (text: string, expected: readonly string[]): Observation => {
      const d = matcher.match(text, kb);
      const [top, second] = d.candidates;
      return {
        top: top?.confidence ?? 0,
        margin: (top?.confidence ?? 0) - (second?.confidence ?? 0),
        right: top !== undefined && expected.includes(top.id),
        exact: d.status === "answered" && top?.confidence === 1,
        keyWord: d.topHoldsKeyWord,
      };
    };
    domains.push({
      name: domain.name,
      inDomain: domain.inDomain.tuning.map((q) => observe(q.text, q.expected)),
      offTopic: domain.offTopic.tuning.map((text) => observe(text, [])),
    });
  }
  let best: { threshold: number; margin: number; right: number } | undefined;
  for (let threshold = 0.3; threshold <= 0.95; threshold += 0.01) {
    // two entries within MIN_MARGIN_FLOOR of each other: the message does not decide between them
    for (let margin = MIN_MARGIN_FLOOR; margin <= 0.25; margin += 0.01) {
      const answered = (o: Observation): boolean => o.exact || (o.keyWord && o.top >= threshold && o.margin >= margin);
      let right = 0;
      let ok = true;
      for (const d of domains) {
        const wrong = d.inDomain.filter((o) => answered(o) && !o.right).length / d.inDomain.length;
        const rejected = d.offTopic.filter((o) => !answered(o)).length / d.offTopic.length;
        if (wrong > MAX_WRONG || rejected < MIN_REJECTED) ok = false;
        right += d.inDomain.filter((o) => answered(o) && o.right).length / d.inDomain.length;
      }
      if (ok && (!best || right > best.right + 1e-9)) best = { threshold, margin, right };
    }
  }
  if (!best) {
    console.log("no threshold meets the constraints");
    return;
  }
  console.log(`ANSWER_THRESHOLD ${best.threshold.toFixed(2)}  MIN_MARGIN ${best.margin.toFixed(2)}  mean answered right ${((best.right / domains.length) * 100).toFixed(1)}%`);
  // "did you mean": the lowest score at which at most MAX_OFF_TOPIC_OFFERED of off-topic
  // questions get choices instead of "I don't know"; an offer costs an off-topic customer one
  // click on "Hiçbiri" and gives an in-domain one the answer the matcher was unsure of
  let chosen: number | undefined;
  const answeredOutright = (o: Observation): boolean => o.exact || (o.keyWord && o.top >= best.threshold && o.margin >= best.margin);
  for (let suggest = 0.2; suggest <= best.threshold; suggest += 0.05) {
    const offered = domains.flatMap((d) => d.inDomain.filter((o) => o.top >= suggest && !answeredOutright(o)));
    const offTopicOffered = domains.flatMap((d) => d.offTopic.filter((o) => o.top >= suggest && !answeredOutright(o))).length / domains.reduce((n, d) => n + d.offTopic.length, 0);
    const rightShare = offered.filter((o) => o.right).length / Math.max(1, offered.length);
    if (chosen === undefined && offTopicOffered <= MAX_OFF_TOPIC_OFFERED) chosen = suggest;
    console.log(`  SUGGEST_THRESHOLD ${suggest.toFixed(2)}: offers right first ${(rightShare * 100).toFixed(0)}%, off-topic offered ${(offTopicOffered * 100).toFixed(0)}%`);
  }
  console.log(`SUGGEST_THRESHOLD ${chosen?.toFixed(2) ?? "none"} (off-topic offered ≤ ${MAX_OFF_TOPIC_OFFERED * 100}%)`);
}

void main();
