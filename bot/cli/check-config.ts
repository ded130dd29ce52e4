import { statSync } from "node:fs";
import { loadConfig } from "../config";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";

const USAGE =
  "usage: npm run check:config\n" +
  "       Checks the environment (and .env) the way the bot reads it, and that KNOWLEDGE_DIR is a folder.\n" +
  "       `npm start` runs it before building, so a mistake is reported at once.";

/** Validates the configuration without starting anything; prints only problems. */
export async function runCheckConfig(args: readonly string[], env: Readonly<Record<string, string | undefined>>, _out: (text: string) => void, err: (text: string) => void): Promise<number> {
  if (args.length > 0) throw new UsageError(`no arguments expected, got ${args.join(" ")}`);
  const config = loadConfig(env);
  let isFolder = false;
  try {
    isFolder = statSync(config.knowledgeDir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    err(`[config] KNOWLEDGE_DIR: no such folder: ${config.knowledgeDir}`);
    return EXIT_FAILURE;
  }
  return Promise.resolve(EXIT_OK);
}

if (require.main === module) runMain(runCheckConfig, { name: "check:config", usage: USAGE });
