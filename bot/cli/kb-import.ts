
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { entryToMarkdown, synonymsToYaml } from "../knowledge/convert";
import { displayPath } from "../knowledge/display-path";
import { loadKnowledgeTexts } from "../knowledge/loader";
import { CHECK } from "../knowledge/messages";
import { formatIssue } from "../knowledge/types";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runMain, UsageError, type Write } from "./main";
import { KB_IMPORT } from "./messages";

const USAGE = KB_IMPORT.usage;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns a `.qna` file into Markdown entries, one file per pair (`<id>.md`), plus `synonyms.yaml`
 * for its `qna-alterations`, so editors can continue in Markdown. Writes nothing when the file
 * has errors, or when a file to write exists already (unless `--force`). Returns the exit code.
 */
export async function runKbImport(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: Write, err: Write): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { out: { type: "string" }, force: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    err(`[kb:import] ${UsageError.from(error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const [source, ...extra] = parsed.positionals;
  if (!source || extra.length > 0 || !/\.qna$/i.test(source)) {
    err(`[kb:import] ${KB_IMPORT.oneFile}\n${USAGE}`);
    return EXIT_USAGE;
  }
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    err(`[kb:import] ${KB_IMPORT.unreadable(source, error instanceof Error ? error.message : String(error))}`);
    return EXIT_FAILURE;
  }
  const name = basename(source);
  const label = displayPath(dirname(source));
  const result = loadKnowledgeTexts([{ file: name, text }]);
  for (const warning of result.warnings) err(formatIssue(warning, label).replace("[knowledge] ", CHECK.warningLabel));
  if (result.errors.length > 0) {
    for (const error of result.errors) err(formatIssue(error, label).replace("[knowledge] ", CHECK.errorLabel));
    err(`[kb:import] ${KB_IMPORT.hasErrors(name)}`);
    return EXIT_FAILURE;
  }

  const folder = parsed.values.out ?? join(loadConfig(env).knowledgeDir, name.replace(/\.qna$/i, ""));
  const files = new Map(result.entries.map((entry) => [join(folder, `${entry.id}.md`), entryToMarkdown(entry)]));
  const synonyms = result.knowledgeBase?.synonyms ?? [];
  if (synonyms.length > 0) files.set(join(folder, "synonyms.yaml"), synonymsToYaml(synonyms));
  if (!parsed.values.force) {
    const taken: string[] = [];
    for (const path of files.keys()) if (await exists(path)) taken.push(path);
    if (taken.length > 0) {
      err(`[kb:import] ${KB_IMPORT.exists(taken)}`);
      return EXIT_FAILURE;
    }
  }
  await mkdir(folder, { recursive: true });
  for (const [path, content] of files) await writeFile(path, content, "utf8");
  out(KB_IMPORT.written(name, result.entries.length, synonyms.length, folder));
  out(KB_IMPORT.next(source));
  return EXIT_OK;
}

if (require.main === module) runMain((args, env, out, err) => runKbImport(args, env, out, err), { name: "kb:import", usage: USAGE });
