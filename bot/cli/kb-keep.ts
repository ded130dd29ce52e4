import { accessSync, constants, mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, type Config } from "../config";
import { displayPath } from "../knowledge/display-path";
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
 * Once per version of the compiled code: where its readings are already kept, it does nothing, so
 * `npm start` (whose `prestart` builds) does not index a large base twice on every start; words an
 * editor adds later are read by the bot's own first index, as before.
 *
 * Never fails a build over the knowledge or the environment: broken files are `kb:check`'s to
 * report (what loads is read), with an environment the configuration refuses it reads the
 * shipped knowledge folder, and a keep folder it cannot write in is skipped.
 */
export async function runKbKeep(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { "keep-dir": { type: "string" } }, allowPositionals: false, strict: true });
  } catch (error) {
    throw UsageError.from(error);
  }
  // by default the folder the bot's own analyser reads its kept readings from, so what this process reads is there for it
  const keepDir = parsed.values["keep-dir"] ?? keptDir();
  // a folder nothing can be kept in (a read-only install) would have every `npm start` index the base for nothing
  if (!writableFolder(keepDir)) {
    out(KB_KEEP.notWritable(keepDir));
    return EXIT_OK;
  }
  const morphology = new TurkishMorphology({ keepDir });
  // once per version of the code: a later build would index a large knowledge base again on every `npm start`
  if (morphology.hasKeptReadings()) {
    out(KB_KEEP.alreadyKept);
    return EXIT_OK;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out(KB_KEEP.invalidConfig);
    // the configuration's own defaults: the knowledge folder that ships with the bot
    config = loadConfig({});
  }
  const result = await loadKnowledge(config.knowledgeDir, { maxFileBytes: config.knowledgeMaxFileBytes });
  const label = displayPath(config.knowledgeDir);
  if (!result.knowledgeBase || result.knowledgeBase.entries.length === 0) {
    out(KB_KEEP.nothingToKeep(label));
    return EXIT_OK;
  }
  new Matcher(morphology).indexFor(result.knowledgeBase);
  out(KB_KEEP.summary(label, result.knowledgeBase.entries.length));
  return EXIT_OK;
}

/** Whether `dir` is a folder this process can write in, made if missing. */
function writableFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

if (require.main === module) runMain((args, env, out) => runKbKeep(args, env, out), { name: "kb:keep", usage: KB_KEEP.usage });
