
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { knowledgeToQna } from "../knowledge/convert";
import { displayPath } from "../knowledge/display-path";
import { loadAsServed } from "../knowledge/kept-versions";
import { CHECK } from "../knowledge/messages";
import { formatIssue } from "../knowledge/types";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runMain, UsageError, type Write } from "./main";
import { KB_EXPORT, writeErrorText } from "./messages";
import { errorCode } from "../system-error";

const USAGE = KB_EXPORT.usage;

/**
 * Writes the knowledge base as one `.qna` file (QnA Maker / Bot Framework format) that
 * Microsoft's bf-lu reads back to the same pairs. Like `ask` and `report`, it writes what the bot
 * serves (`loadAsServed`): a broken file at its last good version, or left out when it has none;
 * each is named on stderr. One colleague's file mid-edit no longer blocks a team's export (QA 48).
 * Fails only when no entry is served. Returns the exit code.
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
  const result = await loadAsServed(dir, { dataDir: config.dataDir, maxFileBytes: config.knowledgeMaxFileBytes });
  for (const error of result.errors) err(formatIssue(error, label).replace("[knowledge] ", CHECK.errorLabel));
  if (!result.knowledgeBase || result.entries.length === 0) {
    err(`[kb:export] ${KB_EXPORT.nothingServed(label)}`);
    return EXIT_FAILURE;
  }
  const kept = result.refused.filter((file) => file.servingLastGood).map((file) => file.file);
  const left = result.refused.filter((file) => !file.servingLastGood).map((file) => file.file);
  if (result.errors.length > 0) err(`[kb:export] ${KB_EXPORT.asServed(kept, left)}`);
  const { text, warnings } = knowledgeToQna(result.knowledgeBase);
  for (const { source, change } of warnings) err(formatIssue({ ...source, message: KB_EXPORT.change(change) }, label).replace("[knowledge] ", CHECK.warningLabel));
  if (parsed.values.out) {
    // as kb:import --out does; a name in the way is said by runMain, in Turkish
    await mkdir(dirname(parsed.values.out), { recursive: true });
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
