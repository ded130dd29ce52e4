import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { AtomicWriteError, writeFileAtomicSync } from "../atomic-file";
import { analyze, type Term } from "./analysis";

/**
 * Work one process does that the next can read instead of doing again: the analyser's readings of
 * indexed words (`TurkishMorphology`) and the built-in lists, analysed (`analysedGroups`). Every
 * file is a cache: missing, unreadable, malformed or of another version, its work is done again.
 */

/**
 * The default folder for kept work, beside the analyser it saves work for
 * (`node_modules/.cache/memnun/`, where tools keep their caches).
 */
export function keptDir(): string {
  return join(dirname(dirname(require.resolve("nlptoolkit-morphologicalanalysis/package.json"))), ".cache", "memnun");
}

/** A file's JSON, or undefined when it is missing, unreadable or not JSON. */
export function readKeptFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Writes a kept file whole or not at all (`writeFileAtomicSync`), so a process that reads it
 * meanwhile, or a full disk, never meets half a file. A failed write leaves the old file, and the
 * work is done again next time. Then removes the least recently written files of the same kind
 * (`kind`) past `maxFiles` (each edit of the code that makes them makes a version). True when written.
 */
export function writeKeptFile(file: string, body: unknown, kind: RegExp, maxFiles: number): boolean {
  try {
    writeFileAtomicSync(file, JSON.stringify(body));
  } catch (error) {
    if (error instanceof AtomicWriteError) return false;
    throw error;
  }
  try {
    const dir = dirname(file);
    const files = readdirSync(dir)
      .filter((name) => kind.test(name))
      .map((name) => ({ path: join(dir, name), written: statSync(join(dir, name)).mtimeMs }))
      .sort((x, y) => y.written - x.written);
    for (const old of files.slice(maxFiles)) rmSync(old.path, { force: true });
  } catch {
    // another process pruned the same files first
  }
  return true;
}

/** A short, file-name-safe digest. */
export function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * What an analysed list depends on besides its text: `analysis.ts`'s own code, the Turkish case
 * folding it takes from `bot/turkish-case.ts`, and the versions of the two libraries it calls (the
 * stemmer and the edit distance). `analysis.ts` imports no other module of this repository, and
 * `turkish-case.ts` none (a test checks both), so their files are all of the code. Undefined when
 * any of them cannot be read: then nothing is kept, since an analysis of an unknown version could be stale.
 */
function analysisVersion(): string | undefined {
  try {
    const code = ["./analysis", "../turkish-case"].map((module) => readFileSync(require.resolve(module), "utf8")).join("\n");
    return `${digest(code)}/${packageVersion("@nlpjs/lang-tr")}/${packageVersion("natural")}`;
  } catch {
    return undefined;
  }
}

/** An installed package's version, resolved from `from` (a folder) when given; throws when it cannot be read. */
export function packageVersion(name: string, from?: string): string {
  const parsed: unknown = JSON.parse(readFileSync(require.resolve(`${name}/package.json`, from === undefined ? undefined : { paths: [from] }), "utf8"));
  if (typeof parsed === "object" && parsed !== null && "version" in parsed && typeof parsed.version === "string") return parsed.version;
  throw new Error(`[matching] ${name} has no version`);
}

let knownAnalysisVersion: string | undefined | null;

/** Kept analysed lists, one file per list text and analysis version. */
const LISTS_FILE = /^lists-[0-9a-f]{16}\.json$/;
/** Most analysed lists a folder keeps: the three built-in lists of four versions. */
const MAX_LIST_FILES = 12;

/** One term as a file keeps it. */
type KeptTerm = [surface: string, stem: string, typed: string];

function isKeptTerm(value: unknown): value is KeptTerm {
  return Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === "string");
}

function groupsFromKept(value: unknown): Term[][][] | undefined {
  if (!Array.isArray(value)) return undefined;
  const groups: Term[][][] = [];
  for (const group of value) {
    if (!Array.isArray(group)) return undefined;
    const members: Term[][] = [];
    for (const member of group) {
      if (!Array.isArray(member)) return undefined;
      const terms: Term[] = [];
      for (const term of member) {
        if (!isKeptTerm(term)) return undefined;
        const [surface, stem, typed] = term;
        terms.push({ surface, stem, typed });
      }
      members.push(terms);
    }
    groups.push(members);
  }
  return groups;
}

/**
 * A built-in list's groups of texts (`parse` of its `text`: pairs, groups of words), each text
 * analysed (`analyze`). Analysing the three built-in lists is most of a process's first index
 * build on a small knowledge base (about 0.35 s of 0.65), and its result depends only on the
 * list and the analysis: with `keepDir`, the first process keeps it and later ones read it. The
 * kept file is named by the list's text and the analysis version, so an edited list or an edited
 * `analysis.ts` is analysed afresh. `parse` validates the text and throws for a malformed one; it
 * runs only when nothing valid is kept, since a list is kept only after it parsed.
 */
export function analysedGroups(text: string, parse: (text: string) => ReadonlyArray<readonly string[]>, keepDir: string | undefined): Term[][][] {
  if (knownAnalysisVersion === undefined) knownAnalysisVersion = analysisVersion() ?? null;
  const version = knownAnalysisVersion === null ? undefined : `${knownAnalysisVersion}/${digest(text)}`;
  const file = keepDir === undefined || version === undefined ? undefined : join(keepDir, `lists-${digest(version)}.json`);
  if (file !== undefined) {
    const kept = readKeptFile(file);
    if (typeof kept === "object" && kept !== null && "version" in kept && kept.version === version && "groups" in kept) {
      const groups = groupsFromKept(kept.groups);
      if (groups) return groups;
    }
  }
  const groups = parse(text).map((members) => members.map(analyze));
  if (file !== undefined) {
    const body: KeptTerm[][][] = groups.map((members) => members.map((terms) => terms.map((term) => [term.surface, term.stem, term.typed])));
    writeKeptFile(file, { version, groups: body }, LISTS_FILE, MAX_LIST_FILES);
  }
  return groups;
}
