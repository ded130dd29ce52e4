process.env.DOTENV_CONFIG_QUIET ??= "true";

import { relative, resolve } from "node:path";
import { loadConfig } from "../config";
import { runMain } from "./main";
import { loadKnowledge, type LoadResult } from "../knowledge/loader";
import { formatIssue } from "../knowledge/types";

/** The JSON shape of `kb:check --json`. */
export interface CheckReport {
  files: number;
  entries: Array<{ id: string; question: string; file: string }>;
  errors: Array<{ file: string; line: number; message: string }>;
  warnings: Array<{ file: string; line: number; message: string }>;
}

export function toReport(result: LoadResult): CheckReport {
  return {
    files: result.files,
    entries: result.entries.map((e) => ({ id: e.id, question: e.question, file: e.source.file })),
    errors: result.errors.map((i) => ({ file: i.file, line: i.line, message: i.message })),
    warnings: result.warnings.map((i) => ({ file: i.file, line: i.line, message: i.message })),
  };
}

/** Runs the check; returns the exit code (0 = no errors). */
export async function runKbCheck(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void): Promise<number> {
  const json = args.includes("--json");
  const positional = args.filter((a) => !a.startsWith("--"));
  const dir = positional[0] ?? loadConfig(env).knowledgeDir;
  const label = relative(process.cwd(), resolve(dir)) || ".";
  const result = await loadKnowledge(dir);
  const synonyms = result.knowledgeBase?.synonyms.length ?? 0;
  if (json) {
    out(JSON.stringify(toReport(result)));
  } else {
    for (const error of result.errors) out(formatIssue(error, label).replace("[knowledge] ", "error   "));
    for (const warning of result.warnings) out(formatIssue(warning, label).replace("[knowledge] ", "warning "));
    out(
      `${label}: ${result.files} files, ${result.entries.length} entries, ` +
        (synonyms > 0 ? `${synonyms} synonym groups, ` : "") +
        `${result.errors.length} errors, ${result.warnings.length} warnings` +
        (result.errors.length === 0
          ? " — OK"
          : " — fix the errors above; the bot serves the other files and keeps the last good version of these"),
    );
  }
  return result.errors.length === 0 ? 0 : 1;
}

if (require.main === module) runMain((args, env, out) => runKbCheck(args, env, out), { errorPrefix: "[kb:check] ", errorExitCode: 2 });
