import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { AtomicWriteError, writeFileAtomic } from "../atomic-file";
import { errorCode } from "../system-error";
import { loadKnowledge, versionOf, type FileVersion, type LoadResult } from "./loader";

/**
 * The knowledge files' last good versions, kept in `DATA_DIR` by the server after every load
 * that changes what it serves. A running server knows which file an editor changed (its text
 * differs from the version served) and keeps serving a refused file's last good version; kept
 * on disk, that history survives a restart, so a fresh start, `npm run ask` and `npm run kb:check`
 * charge a clash to the same file and serve the same versions as the server did before it
 * stopped. Without this file (a first start, a fresh checkout) the loader falls back on what the
 * folder alone tells (`byOwnership` in `loader.ts`).
 */
export const KEPT_VERSIONS_FILE = "knowledge-last-good.json";

/** Bumped when the file's shape changes; a file of another format is ignored, as if missing. */
const FORMAT = 1;

const keptSchema = z.object({
  format: z.literal(FORMAT),
  /** The folder the versions were read from (absolute): kept versions of another folder are not this one's history. */
  knowledgeDir: z.string(),
  files: z.array(z.object({ file: z.string(), text: z.string() })),
});

/** The kept versions could not be read or written; the caller goes on without them. */
export class KeptVersionsError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = "KeptVersionsError";
  }
}

/**
 * The last good versions kept in `path` for `knowledgeDir`, re-parsed by this version of the code
 * (a text it now refuses has none). Empty when the file is missing or kept for another folder or
 * format. Throws `KeptVersionsError` when it cannot be read or is malformed.
 */
export async function readKeptVersions(path: string, knowledgeDir: string): Promise<Map<string, FileVersion>> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return new Map();
    throw new KeptVersionsError(`[knowledge] could not read the kept last good versions in ${path}`, { cause: error });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    throw new KeptVersionsError(`[knowledge] the kept last good versions in ${path} are not JSON`, { cause: error });
  }
  if (typeof body === "object" && body !== null && "format" in body && body.format !== FORMAT) return new Map();
  const parsed = keptSchema.safeParse(body);
  if (!parsed.success) throw new KeptVersionsError(`[knowledge] the kept last good versions in ${path} are malformed`, { cause: parsed.error });
  if (parsed.data.knowledgeDir !== resolve(knowledgeDir)) return new Map();
  const versions = new Map<string, FileVersion>();
  for (const { file, text } of parsed.data.files) {
    const version = versionOf(file, text);
    if (version) versions.set(file, version);
  }
  return versions;
}

/** Where a server whose data folder is `dataDir` keeps its last good versions. */
export function keptVersionsPath(dataDir: string): string {
  return join(dataDir, KEPT_VERSIONS_FILE);
}

/**
 * `readKeptVersions` for the command-line tools, which read the server's history but never
 * change it: a file they cannot use is the server's to report, and they go on as without one.
 */
export async function keptVersionsOrNone(path: string, knowledgeDir: string): Promise<Map<string, FileVersion>> {
  try {
    return await readKeptVersions(path, knowledgeDir);
  } catch (error) {
    if (error instanceof KeptVersionsError) return new Map();
    throw error;
  }
}

/**
 * Loads `knowledgeDir` as the server whose data folder is `dataDir` serves it: with its last good
 * versions (when they are of this folder), so a broken or clashing file is what the server serves
 * for it and a clash is charged to the file changed since, as the server charges it (`ask`,
 * `kb:check`, `report`, `kb:recommend`).
 */
export async function loadAsServed(knowledgeDir: string, options: { dataDir: string; maxFileBytes: number }): Promise<LoadResult> {
  const lastGood = await keptVersionsOrNone(keptVersionsPath(options.dataDir), knowledgeDir);
  return loadKnowledge(knowledgeDir, { maxFileBytes: options.maxFileBytes, lastGood });
}

/**
 * Keeps `accepted` (`LoadResult.accepted`) as the last good versions of `knowledgeDir`, whole or
 * not at all (`writeFileAtomic`), so a reader (a CLI, the next start) never meets half a file and
 * a crash leaves the previous one.
 */
export async function keepVersions(path: string, knowledgeDir: string, accepted: ReadonlyMap<string, FileVersion>): Promise<void> {
  const body = { format: FORMAT, knowledgeDir: resolve(knowledgeDir), files: [...accepted.values()].map(({ file, text }) => ({ file, text })) };
  try {
    await writeFileAtomic(path, JSON.stringify(body));
  } catch (error) {
    if (!(error instanceof AtomicWriteError)) throw error;
    throw new KeptVersionsError(`[knowledge] could not keep the last good versions in ${path}`, { cause: error });
  }
}
