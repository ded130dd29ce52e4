process.env.DOTENV_CONFIG_QUIET ??= "true";

import { createInterface } from "node:readline";
import { loadConfig } from "../config";
import { runMain } from "./main";
import { loadKnowledge } from "../knowledge/loader";
import { formatIssue, type KnowledgeBase } from "../knowledge/types";
import { Matcher, type Decision } from "../matching/matcher";

/** One line of `ask --json`: the contract other tools depend on. */
export interface AskLine {
  query: string;
  status: "answered" | "ambiguous" | "none";
  id: string | null;
  question: string | null;
  score: number;
  candidates: Array<{ id: string; question: string; score: number }>;
}

export function toAskLine(decision: Decision): AskLine {
  const top = decision.candidates[0];
  return {
    query: decision.query,
    status: decision.status,
    id: top?.id ?? null,
    question: top?.question ?? null,
    score: top?.score ?? 0,
    candidates: decision.candidates.map((c) => ({ id: c.id, question: c.question, score: c.score })),
  };
}

function readable(decision: Decision): string {
  const line = toAskLine(decision);
  const head =
    decision.smallTalk !== null
      ? `small talk (${decision.smallTalk})`
      : line.status === "answered"
        ? `answered: ${line.id} (${line.score})`
        : line.status === "ambiguous"
          ? `ambiguous: did you mean ${decision.suggestions.map((s) => `${s.id} (${s.score})`).join(", ")}`
          : `none${line.id ? ` (best: ${line.id} ${line.score})` : ""}`;
  const rest = line.candidates.map((c) => `    ${c.score.toFixed(3)}  ${c.id}  ${c.question}`).join("\n");
  return `${line.query}\n  → ${head}${rest ? `\n${rest}` : ""}`;
}

/** Runs `ask`; returns the exit code. Writes only results to `out`, diagnostics to `err`. */
export async function runAsk(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  input: NodeJS.ReadableStream,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const json = args.includes("--json");
  const words = args.filter((a) => a !== "--json");
  const config = loadConfig(env);
  const result = await loadKnowledge(config.knowledgeDir, undefined, { maxFileBytes: config.knowledgeMaxFileBytes });
  if (!result.knowledgeBase) {
    for (const issue of result.errors) err(formatIssue(issue, config.knowledgeDir));
    return 1;
  }
  const knowledgeBase: KnowledgeBase = result.knowledgeBase;
  const matcher = new Matcher();
  matcher.indexFor(knowledgeBase);
  const answer = (question: string): void => {
    const decision = matcher.match(question, knowledgeBase);
    out(json ? JSON.stringify(toAskLine(decision)) : readable(decision));
  };
  if (words.length > 0) {
    answer(words.join(" "));
    return 0;
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) answer(line);
  return 0;
}

if (require.main === module) runMain((args, env, out, err) => runAsk(args, env, process.stdin, out, err), { errorPrefix: "[ask] ", errorExitCode: 2 });
