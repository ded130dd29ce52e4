
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { entryToMarkdown, synonymsToYaml } from "../knowledge/convert";
import { loadKnowledgeTexts } from "../knowledge/loader";
import { CHECK } from "../knowledge/messages";
import { formatIssue } from "../knowledge/types";
import { runMain, type Write } from "./main";

const USAGE = "usage: npm run kb:import -- <file.qna> [--out <folder>] [--force]\n" + "       (default folder: <KNOWLEDGE_DIR>/<file name without .qna>)";

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
    err(`[kb:import] ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const [source, ...extra] = parsed.positionals;
  if (!source || extra.length > 0 || !/\.qna$/i.test(source)) {
    err(`[kb:import] give one .qna file\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    err(`[kb:import] cannot read ${source}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const name = basename(source);
  const label = relative(process.cwd(), resolve(dirname(source))) || ".";
  const result = loadKnowledgeTexts([{ file: name, text }]);
  for (const warning of result.warnings) err(formatIssue(warning, label).replace("[knowledge] ", CHECK.warningLabel));
  if (result.errors.length > 0) {
    for (const error of result.errors) err(formatIssue(error, label).replace("[knowledge] ", CHECK.errorLabel));
    err(`[kb:import] ${name} has errors; nothing written`);
    return 1;
  }

  const folder = parsed.values.out ?? join(loadConfig(env).knowledgeDir, name.replace(/\.qna$/i, ""));
  const files = new Map(result.entries.map((entry) => [join(folder, `${entry.id}.md`), entryToMarkdown(entry)]));
  const synonyms = result.knowledgeBase?.synonyms ?? [];
  if (synonyms.length > 0) files.set(join(folder, "synonyms.yaml"), synonymsToYaml(synonyms));
  if (!parsed.values.force) {
    const taken: string[] = [];
    for (const path of files.keys()) if (await exists(path)) taken.push(path);
    if (taken.length > 0) {
      err(`[kb:import] these files exist already (use --force to overwrite):\n${taken.map((path) => `  ${path}`).join("\n")}`);
      return 1;
    }
  }
  await mkdir(folder, { recursive: true });
  for (const [path, content] of files) await writeFile(path, content, "utf8");
  out(`${name}: ${result.entries.length} entries${synonyms.length > 0 ? ` and ${synonyms.length} synonym groups` : ""} written to ${folder}`);
  out(`Next: move ${source} out of the knowledge folder if it is there (its pairs would be served twice), then run npm run kb:check.`);
  return 0;
}

if (require.main === module) runMain((args, env, out, err) => runKbImport(args, env, out, err), { name: "kb:import", usage: USAGE });
