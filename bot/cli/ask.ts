import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";
import { ASK } from "./messages";
import { displayPath } from "../knowledge/display-path";
import { loadAsServed } from "../knowledge/kept-versions";
import { formatIssue, type KnowledgeBase } from "../knowledge/types";
import { Matcher, type Decision } from "../matching/matcher";

/** One line of `ask --json`: the contract other tools depend on. */
export interface AskLine {
  query: string;
  status: "answered" | "ambiguous" | "none";
  id: string | null;
  question: string | null;
  confidence: number;
  candidates: Array<{ id: string; question: string; confidence: number }>;
}

export function toAskLine(decision: Decision): AskLine {
  const top = decision.candidates[0];
  return {
    query: decision.query,
    status: decision.status,
    id: top?.id ?? null,
    question: top?.question ?? null,
    confidence: top?.confidence ?? 0,
    candidates: decision.candidates.map((c) => ({ id: c.id, question: c.question, confidence: c.confidence })),
  };
}

function readable(decision: Decision): string {
  const line = toAskLine(decision);
  const head =
    decision.smallTalk !== null
      ? ASK.smallTalk(decision.smallTalk)
      : line.status === "answered"
        ? ASK.answered(line.id ?? "", String(line.confidence))
        : line.status === "ambiguous"
          ? ASK.ambiguous(decision.suggestions.map((s) => `${s.id} (${s.confidence})`).join(", "))
          : ASK.none(line.id ? `${line.id} ${line.confidence}` : null);
  const rest = line.candidates.map((c) => `    ${c.confidence.toFixed(3)}  ${c.id}  ${c.question}`).join("\n");
  return `${line.query}\n  → ${head}${rest ? `\n${rest}` : ""}`;
}

const USAGE = ASK.usage;

/** Runs `ask`; returns the exit code. Writes only results to `out`, diagnostics to `err`. */
export async function runAsk(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  input: NodeJS.ReadableStream,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw UsageError.from(error);
  }
  const json = parsed.values.json;
  const words = parsed.positionals;
  if (words.length > 0 && words.join(" ").trim() === "") throw new UsageError(ASK.emptyQuestion);
  const config = loadConfig(env);
  // the server's last good versions, so that a broken or clashing file is what the server serves for it
  const result = await loadAsServed(config.knowledgeDir, { dataDir: config.dataDir, maxFileBytes: config.knowledgeMaxFileBytes });
  // like the bot, ask serves the files that load; the others are named on stderr
  for (const issue of result.errors) err(formatIssue(issue, displayPath(config.knowledgeDir)));
  if (!result.knowledgeBase || result.knowledgeBase.entries.length === 0) {
    err(`[ask] ${ASK.noEntries}`);
    return EXIT_FAILURE;
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
    return EXIT_OK;
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  // a blank line is no question (a trailing newline, a paragraph break in a list)
  for await (const line of lines) if (line.trim() !== "") answer(line);
  return EXIT_OK;
}

if (require.main === module) runMain((args, env, out, err) => runAsk(args, env, process.stdin, out, err), { name: "ask", usage: USAGE });
