
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { knowledgeToQna } from "../knowledge/convert";
import { displayPath } from "../knowledge/display-path";
import { loadKnowledge } from "../knowledge/loader";
import { CHECK } from "../knowledge/messages";
import { formatIssue } from "../knowledge/types";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runMain, UsageError, type Write } from "./main";
import { KB_EXPORT, writeErrorText } from "./messages";
import { errorCode } from "../system-error";

const USAGE = KB_EXPORT.usage;

/**
 * Writes the knowledge base as one `.qna` file (QnA Maker / Bot Framework format) that
 * Microsoft's bf-lu reads back to the same pairs. Refuses a folder with errors. Returns the exit code.
 */
export async function runKbExport(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: Write, err: Write): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { qna: { type: "boolean", default: false }, out: { type: "string" } }, allowPositionals: true, strict: true });
  } catch (error) {
    err(`[kb:export] ${UsageError.from(error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (!parsed.values.qna || parsed.positionals.length > 1) {
    err(`[kb:export] ${KB_EXPORT.chooseFormat}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const config = loadConfig(env);
  const dir = parsed.positionals[0] ?? config.knowledgeDir;
  const label = displayPath(dir);
  const result = await loadKnowledge(dir, { maxFileBytes: config.knowledgeMaxFileBytes });
  if (!result.knowledgeBase || result.errors.length > 0) {
    for (const error of result.errors) err(formatIssue(error, label).replace("[knowledge] ", CHECK.errorLabel));
    err(`[kb:export] ${KB_EXPORT.hasErrors(label)}`);
    return EXIT_FAILURE;
  }
  const { text, warnings } = knowledgeToQna(result.knowledgeBase);
  for (const { source, change } of warnings) err(formatIssue({ ...source, message: KB_EXPORT.change(change) }, label).replace("[knowledge] ", CHECK.warningLabel));
  if (parsed.values.out) {
    try {
      await writeFile(parsed.values.out, text, "utf8");
    } catch (error) {
      err(`[kb:export] ${KB_EXPORT.cannotWrite(parsed.values.out, writeErrorText(errorCode(error)))}`);
      return EXIT_FAILURE;
    }
    out(KB_EXPORT.written(label, result.entries.length, parsed.values.out));
  } else {
    out(text.replace(/\n$/, ""));
  }
  return EXIT_OK;
}

if (require.main === module) runMain((args, env, out, err) => runKbExport(args, env, out, err), { name: "kb:export", usage: USAGE });
