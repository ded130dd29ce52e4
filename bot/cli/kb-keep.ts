import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { loadKnowledge } from "../knowledge/loader";
import { keptDir } from "../matching/kept";
import { Matcher } from "../matching/matcher";
import { TurkishMorphology } from "../matching/morphology";
import { EXIT_OK, runMain, UsageError } from "./main";
import { KB_KEEP } from "./messages";

/**
 * The last step of `npm run build`: indexes the knowledge folder (`KNOWLEDGE_DIR`) with the
 * compiled matcher, as the bot's first index does, so that the analyser's readings of its words
 * and the analysed built-in lists are kept for later processes (`node_modules/.cache/memnun/`;
 * `bot/matching/README.md`, "Readings kept across processes"). A fresh install, or a container
 * image whose build ran `npm run build`, then starts as a later start does instead of reading
 * every word with the analyser first: at 10,000 entries 2.7 s instead of 5.1 s, and without the
 * first build's memory peak. The readings are kept per version of the compiled code, which is why
 * this runs the build's output and not the sources.
 *
 * Never fails a build over the knowledge or the environment: broken files are `kb:check`'s to
 * report (what loads is read), and with an environment the configuration refuses, only the
 * built-in lists are kept, through the shipped knowledge folder.
 */
export async function runKbKeep(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void): Promise<number> {
  try {
    parseArgs({ args: [...args], options: {}, allowPositionals: false, strict: true });
  } catch (error) {
    throw UsageError.from(error);
  }
  let dir = SHIPPED_KNOWLEDGE;
  let maxFileBytes: number | undefined;
  try {
    const config = loadConfig(env);
    dir = config.knowledgeDir;
    maxFileBytes = config.knowledgeMaxFileBytes;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out(KB_KEEP.invalidConfig);
  }
  const result = await loadKnowledge(dir, maxFileBytes === undefined ? {} : { maxFileBytes });
  const entries = result.knowledgeBase?.entries ?? [];
  // the folder the bot's own analyser reads its kept readings from, so what this process reads is there for it
  const morphology = new TurkishMorphology({ keepDir: keptDir() });
  if (result.knowledgeBase && entries.length > 0) new Matcher(morphology).indexFor(result.knowledgeBase);
  out(KB_KEEP.summary(relative(process.cwd(), resolve(dir)) || ".", entries.length, morphology.loaded));
  return EXIT_OK;
}

/** The knowledge folder that ships with the bot, relative to where npm runs the build. */
const SHIPPED_KNOWLEDGE = "knowledge";

if (require.main === module) runMain((args, env, out) => runKbKeep(args, env, out), { name: "kb:keep", usage: KB_KEEP.usage });
