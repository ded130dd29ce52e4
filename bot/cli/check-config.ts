import { statSync } from "node:fs";
import { configWarnings, loadConfig } from "../config";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";
import { CHECK_CONFIG } from "./messages";

const USAGE = CHECK_CONFIG.usage;

/**
 * Validates the configuration without starting anything. A valid one is said in one line on
 * stdout: run by hand, silence could not be told apart from a check that never ran; `npm start`
 * runs it first, where the line is the first sign of progress before the build. Variables the bot
 * ignores although they look like its own (`configWarnings`) are warned about on stderr, valid or not.
 */
export async function runCheckConfig(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  if (args.length > 0) throw new UsageError(CHECK_CONFIG.noArguments(args.join(" ")));
  // before the check, which a misspelled name may explain (`MicrosoftAppPasword` and a required password)
  for (const warning of configWarnings(env)) err(`[config] ${CHECK_CONFIG.warning(warning)}`);
  const config = loadConfig(env);
  let isFolder = false;
  try {
    isFolder = statSync(config.knowledgeDir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    err(`[config] ${CHECK_CONFIG.noFolder(config.knowledgeDir)}`);
    return EXIT_FAILURE;
  }
  out(CHECK_CONFIG.valid(config.knowledgeDir));
  return Promise.resolve(EXIT_OK);
}

if (require.main === module) runMain(runCheckConfig, { name: "check:config", usage: USAGE });
