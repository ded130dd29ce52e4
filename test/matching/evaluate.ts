import type { KnowledgeBase } from "../../bot/knowledge/types";
import type { MatchStatus } from "../../bot/matching/matcher";
import type { LabelledQuery } from "./queries";

/** Anything that ranks a query: Memnun's matcher or a baseline. */
export type Ranker = (text: string, kb: KnowledgeBase) => { status: MatchStatus; topId: string | null };

export interface Evaluation {
  inDomain: number;
  offTopic: number;
  /** Share of in-domain queries whose top candidate is a right answer. */
  top1: number;
  /** Share of in-domain queries answered outright with a wrong entry. */
  wronglyAnswered: number;
  /** Share of in-domain queries answered outright (right). */
  answeredRight: number;
  /** Share of off-topic queries not answered. */
  offTopicRejected: number;
  failures: string[];
}

export function evaluate(rank: Ranker, kb: KnowledgeBase, inDomain: readonly LabelledQuery[], offTopic: readonly string[]): Evaluation {
  let top1 = 0;
  let wrong = 0;
  let right = 0;
  const failures: string[] = [];
  for (const query of inDomain) {
    const { status, topId } = rank(query.text, kb);
    const correct = topId !== null && query.expected.includes(topId);
    if (correct) top1 += 1;
    if (status === "answered" && !correct) wrong += 1;
    if (status === "answered" && correct) right += 1;
    if (!correct) failures.push(`in-domain "${query.text}" → ${status} ${topId ?? "-"} (expected ${query.expected.join("|")})`);
  }
  let rejected = 0;
  for (const text of offTopic) {
    const { status, topId } = rank(text, kb);
    if (status !== "answered") rejected += 1;
    else failures.push(`off-topic "${text}" → answered ${topId ?? "-"}`);
  }
  return {
    inDomain: inDomain.length,
    offTopic: offTopic.length,
    top1: top1 / inDomain.length,
    wronglyAnswered: wrong / inDomain.length,
    answeredRight: right / inDomain.length,
    offTopicRejected: rejected / offTopic.length,
    failures,
  };
}
