import { statSync } from "node:fs";
import { configWarnings, loadConfig } from "../config";
import { inspectDataDir } from "../storage/data-dir";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";
import { CHECK_CONFIG } from "./messages";

const USAGE = CHECK_CONFIG.usage;

/** What is at `path`: a folder, something else (a file), or nothing the process can see. */
function pathKind(path: string): "folder" | "file" | "missing" {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}

/**
 * Validates the configuration without starting anything. A valid one is said in one line on
 * stdout: run by hand, silence could not be told apart from a check that never ran; `npm start`
 * runs it first, where the line is the first sign of progress before the build. Variables the bot
 * ignores although they look like its own (`configWarnings`) are warned about on stderr, valid or not.
 * Besides the variables, it checks the folders: KNOWLEDGE_DIR must be one, and DATA_DIR one this
 * process may write, or can make (`inspectDataDir`; nothing is made here).
 */
export async function runCheckConfig(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  if (args.length > 0) throw new UsageError(CHECK_CONFIG.noArguments(args.join(" ")));
  // before the check, which a misspelled name may explain (`MicrosoftAppPasword` and a required password)
  for (const warning of configWarnings(env)) err(`[config] ${CHECK_CONFIG.warning(warning)}`);
  const config = loadConfig(env);
  const problems: string[] = [];
  const knowledge = pathKind(config.knowledgeDir);
  if (knowledge === "missing") problems.push(CHECK_CONFIG.noFolder(config.knowledgeDir));
  else if (knowledge === "file") problems.push(CHECK_CONFIG.fileNotFolder(config.knowledgeDir));
  // nothing is made here: the server makes the folder at start
  const dataDir = await inspectDataDir(config.dataDir);
  if (dataDir) problems.push(CHECK_CONFIG.dataDir(config.dataDir, dataDir));
  for (const problem of problems) err(`[config] ${problem}`);
  if (problems.length > 0) return EXIT_FAILURE;
  out(CHECK_CONFIG.valid(config.knowledgeDir));
  return EXIT_OK;
}

if (require.main === module) runMain(runCheckConfig, { name: "check:config", usage: USAGE });
