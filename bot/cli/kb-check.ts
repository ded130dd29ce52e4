import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";
import { loadKnowledge, type LoadResult } from "../knowledge/loader";
import { CHECK } from "../knowledge/messages";
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

const USAGE =
  "usage: npm run kb:check -- [--json] [folder (default KNOWLEDGE_DIR)]\n" +
  "       Checks every knowledge file; exits 1 when any has an error (warnings alone pass).";

/** Runs the check; returns the exit code (0 = no errors). */
export async function runKbCheck(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw UsageError.from(error);
  }
  if (parsed.positionals.length > 1) throw new UsageError(`one folder at most, got ${parsed.positionals.length}`);
  const json = parsed.values.json;
  const config = loadConfig(env);
  const dir = parsed.positionals[0] ?? config.knowledgeDir;
  const label = relative(process.cwd(), resolve(dir)) || ".";
  const result = await loadKnowledge(dir, { maxFileBytes: config.knowledgeMaxFileBytes });
  const synonyms = result.knowledgeBase?.synonyms.length ?? 0;
  if (json) {
    out(JSON.stringify(toReport(result)));
  } else {
    for (const error of result.errors) out(formatIssue(error, label).replace("[knowledge] ", CHECK.errorLabel));
    for (const warning of result.warnings) out(formatIssue(warning, label).replace("[knowledge] ", CHECK.warningLabel));
    out(CHECK.summary(label, result.files, result.entries.length, synonyms, result.errors.length, result.warnings.length));
  }
  return result.errors.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

if (require.main === module) runMain((args, env, out) => runKbCheck(args, env, out), { name: "kb:check", usage: USAGE });
