import { statSync } from "node:fs";
import { loadConfig } from "../config";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";
import { CHECK_CONFIG } from "./messages";

const USAGE = CHECK_CONFIG.usage;

/** Validates the configuration without starting anything; prints only problems. */
export async function runCheckConfig(args: readonly string[], env: Readonly<Record<string, string | undefined>>, _out: (text: string) => void, err: (text: string) => void): Promise<number> {
  if (args.length > 0) throw new UsageError(CHECK_CONFIG.noArguments(args.join(" ")));
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
  return Promise.resolve(EXIT_OK);
}

if (require.main === module) runMain(runCheckConfig, { name: "check:config", usage: USAGE });
