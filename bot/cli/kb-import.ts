import { access, copyFile, mkdir, mkdtemp, readdir, readFile, rename, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { entryToMarkdown, importedFrom, mergeSynonyms, type ExistingSynonyms, type SynonymsMerge } from "../knowledge/convert";
import { displayPath, isWithin } from "../knowledge/display-path";
import { decodeKnowledgeFile } from "../knowledge/encoding";
import { REPEAT_FILTER, slugify, type DraftEntry } from "../knowledge/draft";
import { listKnowledgeFiles, loadKnowledge, loadKnowledgeTexts, parseKnowledgeFile, questionKey, type LoadResult } from "../knowledge/loader";
import { CHECK } from "../knowledge/messages";
import { textKey } from "../knowledge/normalize";
import { isSynonymsFile, parseSynonymsFile } from "../knowledge/parse-synonyms";
import { formatIssue, type KnowledgeEntry, type SynonymGroup } from "../knowledge/types";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runMain, UsageError, type Write } from "./main";
import { KB_IMPORT, readErrorText } from "./messages";
import { errorCode } from "../system-error";
import { writeFileAtomic } from "../atomic-file";

const USAGE = KB_IMPORT.usage;

/**
 * Where `--force` keeps the entry files it replaces, inside the target folder: one sub-folder per
 * run. The loader and the watcher skip folders whose name starts with a dot.
 */
export const IMPORT_BACKUP_FOLDER = ".kb-import-yedek";

/** One Markdown entry file to write. */
interface EntryFile {
  readonly path: string;
  readonly entry: KnowledgeEntry;
  readonly text: string;
  /** The entry as the loader will read the file back (undefined only if it cannot, which `entryToMarkdown` never writes). */
  readonly draft: DraftEntry | undefined;
}

/** A pair that got a `REPEAT_FILTER` tag, for the report. */
interface Distinguished {
  readonly file: EntryFile;
  readonly tag: string;
  /** The `.qna` line of the first pair with the question. */
  readonly firstLine: number;
}

function entryFile(folder: string, entry: KnowledgeEntry, origin: string): EntryFile {
  const path = join(folder, `${entry.id}.md`);
  const text = entryToMarkdown(entry, origin);
  return { path, entry, text, draft: parseKnowledgeFile(text, basename(path)).drafts[0] };
}

/**
 * The Markdown entry files for the pairs of a `.qna` file. A `.qna` file may hold one question
 * twice with the same filters (bf-lu keeps both pairs, and so does the loader for a `.qna`
 * file), but two Markdown files with one question are a duplicate the loader refuses: one pair
 * would stop being served. So each later pair gets a `REPEAT_FILTER` tag, which in Markdown is a
 * filter as its `.qna` filters are: both stay entries, and the bot asks which one is meant, as
 * it does for the `.qna` file. (A `tag = x` filter, a plain tag `x` in Markdown, no longer tells
 * two pairs apart either; the same tag does.)
 */
function entryFiles(folder: string, origin: string, entries: readonly KnowledgeEntry[], drafts: readonly DraftEntry[]): { files: EntryFile[]; distinguished: Distinguished[] } {
  const anchors = new Map(drafts.map((draft) => [draft.id, draft.anchor]));
  const firstLines = new Map<string, number>();
  const files: EntryFile[] = [];
  const distinguished: Distinguished[] = [];
  for (const entry of entries) {
    let file = entryFile(folder, entry, origin);
    const key = file.draft && questionKey(file.draft);
    const firstLine = key === undefined ? undefined : firstLines.get(key);
    if (key !== undefined && firstLine === undefined) firstLines.set(key, entry.source.line);
    if (firstLine !== undefined) {
      const tag = `${REPEAT_FILTER}:${anchors.get(entry.id) ?? entry.source.line}`;
      file = entryFile(folder, { ...entry, tags: [...entry.tags, tag] }, origin);
      distinguished.push({ file, tag, firstLine });
    }
    files.push(file);
  }
  return { files, distinguished };
}

/** Whether two `.qna` file names give their pairs the same ids (`<file-slug>-<anchor>`, see `parse-qna.ts`): then they are taken for the same file. */
function sameQna(a: string, b: string): boolean {
  const stem = (name: string): string => slugify(name.replace(/\.qna$/i, ""));
  return stem(a) === stem(b);
}

/**
 * The entry files below `folder` that an earlier import of the same `.qna` file wrote (they carry
 * its name in their `kb:import` comment, see `entryToMarkdown`) and this import does not write:
 * pairs deleted from the `.qna` file since. Left where they are, they would still be served.
 */
async function leftOver(folder: string, name: string, written: ReadonlySet<string>): Promise<string[]> {
  const files = await listKnowledgeFiles(folder).catch(() => []);
  const found: string[] = [];
  for (const file of files) {
    const path = join(folder, file);
    if (!/\.md$/i.test(file) || written.has(resolve(path))) continue;
    const origin = importedFrom(await readFile(path, "utf8").catch(() => ""));
    if (origin !== undefined && sameQna(origin, name)) found.push(path);
  }
  return found;
}

/** An entry the loader reads, with the `.qna` file an earlier import of which wrote its file, if one did. */
interface Present {
  readonly draft: DraftEntry;
  readonly origin: string | undefined;
}

/** A new entry file that would clash with an entry the loader reads beside it. */
interface Clash {
  readonly file: EntryFile;
  readonly sameId: boolean;
  readonly sameQuestion: boolean;
  readonly other: Present;
}

/**
 * The new entry files that would clash with the entries the loader reads beside them, as
 * `kb:check` judges it: the same id, or the same question with the same filters (`questionKey`).
 * Without this check the import wrote them and the next start charged the clash to one of the
 * two files by folder order, often the editor's own entry, which then stopped being served.
 * `present` is the knowledge as it is, `leaving` the paths of its files this import replaces or
 * moves away (and the `.qna` file itself, which the editor is told to take out).
 */
function clashes(files: readonly EntryFile[], present: LoadResult, root: string, leaving: ReadonlySet<string>): Clash[] {
  const ids = new Map<string, Present>();
  const questions = new Map<string, Present>();
  for (const [file, version] of present.accepted) {
    if (leaving.has(resolve(root, file))) continue;
    const origin = /\.md$/i.test(file) ? importedFrom(version.text) : undefined;
    for (const draft of version.drafts) {
      const entry = { draft, origin };
      if (!ids.has(draft.id)) ids.set(draft.id, entry);
      const key = questionKey(draft);
      if (!questions.has(key)) questions.set(key, entry);
    }
  }
  const found: Clash[] = [];
  for (const file of files) {
    if (!file.draft) continue;
    const byId = ids.get(file.draft.id);
    // as the loader: a question without words is never a duplicate
    const byQuestion = textKey(file.draft.question) === "" ? undefined : questions.get(questionKey(file.draft));
    for (const other of new Set([byId, byQuestion])) {
      if (other) found.push({ file, sameId: other === byId, sameQuestion: other === byQuestion, other });
    }
  }
  return found;
}

/** What to tell about clashes: one error line each, at the pair's `.qna` line, then what to do. */
function clashReport(found: readonly Clash[], root: string, qna: string, name: string): string[] {
  const lines = found.map(({ file, sameId, sameQuestion, other }) => {
    const where = `${displayPath(join(root, other.draft.source.file))}:${sameQuestion ? other.draft.questionLine : other.draft.idLine}`;
    const what = KB_IMPORT.clash(displayPath(file.path), sameQuestion ? other.draft.question : undefined, sameId ? other.draft.id : undefined, where);
    return `${CHECK.errorLabel}${qna}:${file.entry.source.line}: ${what}`;
  });
  lines.push(`[kb:import] ${KB_IMPORT.clashes(name, new Set(found.map((clash) => clash.file)).size)}`);
  // entries an earlier import wrote: most likely the same knowledge base, exported again
  const earlier = new Map<string, { pairs: Set<EntryFile>; folders: Set<string> }>();
  for (const { file, other } of found) {
    if (other.origin === undefined) continue;
    const seen = earlier.get(other.origin) ?? { pairs: new Set<EntryFile>(), folders: new Set<string>() };
    seen.pairs.add(file);
    seen.folders.add(displayPath(dirname(join(root, other.draft.source.file))));
    earlier.set(other.origin, seen);
  }
  for (const [origin, { pairs, folders }] of earlier) {
    const shown = [...folders];
    lines.push(`[kb:import] ${sameQna(origin, name) ? KB_IMPORT.importedBefore(name, pairs.size, shown) : KB_IMPORT.importedAs(name, origin, pairs.size, shown)}`);
  }
  return lines;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The folder's synonyms file (`synonyms.yaml`, or `synonyms.yml` when that is the one there). */
async function synonymsPathIn(folder: string): Promise<string> {
  const names = await readdir(folder).catch(() => []);
  return join(folder, names.find((name) => isSynonymsFile(name)) ?? "synonyms.yaml");
}

/**
 * The other synonym groups the loader reads together with the target: every synonyms file and
 * `.qna` alteration of `root` (as `loaded`) but those in `skip`, located for messages.
 */
function synonymsElsewhere(loaded: LoadResult, root: string, skip: readonly string[]): SynonymGroup[] {
  const skipped = new Set(skip.map((path) => resolve(path)));
  return (loaded.knowledgeBase?.synonyms ?? [])
    .filter((group) => !skipped.has(resolve(root, group.source.file)))
    .map((group) => ({ ...group, source: { file: displayPath(join(root, group.source.file)), line: group.source.line } }));
}

/** The lines that tell what happened to the imported synonym groups. */
function synonymsReport(merge: SynonymsMerge, path: string, kept: number | undefined, importedGroups: readonly SynonymGroup[], qna: string): { out: string[]; err: string[] } {
  const t = KB_IMPORT;
  const out: string[] = [];
  const err: string[] = [];
  if (merge.status === "new") out.push(t.synonymsWritten(path, merge.added.length));
  else if (merge.status === "appended") out.push(t.synonymsAppended(path, merge.added.length, kept ?? 0));
  else out.push(kept === undefined ? t.synonymsNotNeeded : t.synonymsNotWritten(path));
  const imported = (group: SynonymGroup): boolean => importedGroups.includes(group);
  const where = (group: SynonymGroup): string => `${imported(group) ? qna : group.source.file}:${group.source.line}`;
  for (const skip of merge.duplicates) out.push(t.duplicateGroup(skip.group.words, where(skip.existing)));
  for (const skip of merge.clashes) {
    // a clash between two groups of the .qna file is told at the later one, in the .qna file
    const message = imported(skip.existing)
      ? `${where(skip.group)}: ${t.clashWithinImport(skip.group.words, skip.shared, skip.existing.source.line)}`
      : `${where(skip.existing)}: ${t.clashWithExisting(skip.group.words, skip.shared)}`;
    err.push(`${CHECK.warningLabel}${message}`);
  }
  return { out, err };
}

/**
 * Turns a `.qna` file into Markdown entries, one file per pair (`<id>.md`), and adds its
 * `qna-alterations` to the folder's `synonyms.yaml`, so editors can continue in Markdown.
 * Nothing an editor wrote is lost: existing synonym groups and comments are kept and new groups
 * appended (`mergeSynonyms`); an existing entry file is replaced only with `--force`, after a
 * copy of it is kept in `IMPORT_BACKUP_FOLDER`, and so are the files of an earlier import of the
 * same `.qna` file whose pairs are gone (`leftOver`), moved there. Writes nothing when the `.qna`
 * file or the existing `synonyms.yaml` has errors, when an entry would clash with the knowledge
 * read beside it (`clashes`), or when an entry file exists or one is left over without `--force`.
 * Returns the exit code.
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
  if (source !== undefined && extra.length === 0 && (await isFolder(source))) {
    err(`[kb:import] ${KB_IMPORT.folderGiven(source)}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (!source || extra.length > 0 || !/\.qna$/i.test(source)) {
    err(`[kb:import] ${KB_IMPORT.oneFile}\n${USAGE}`);
    return EXIT_USAGE;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (error) {
    err(`[kb:import] ${KB_IMPORT.unreadable(source, readErrorText(errorCode(error), String(error)))}`);
    return EXIT_FAILURE;
  }
  const name = basename(source);
  const label = displayPath(dirname(source));
  // as the loader reads it: a file that is not UTF-8 (Notepad's "ANSI" or "Unicode") is named as such, at its line
  const decoded = decodeKnowledgeFile(bytes);
  if (!("text" in decoded)) {
    err(formatIssue({ file: name, line: decoded.line, message: decoded.message }, label).replace("[knowledge] ", CHECK.errorLabel));
    err(`[kb:import] ${KB_IMPORT.hasErrors(name)}`);
    return EXIT_FAILURE;
  }
  const { text } = decoded;
  const result = loadKnowledgeTexts([{ file: name, text }]);
  for (const warning of result.warnings) err(formatIssue(warning, label).replace("[knowledge] ", CHECK.warningLabel));
  if (result.errors.length > 0) {
    for (const error of result.errors) err(formatIssue(error, label).replace("[knowledge] ", CHECK.errorLabel));
    err(`[kb:import] ${KB_IMPORT.hasErrors(name)}`);
    return EXIT_FAILURE;
  }

  const config = loadConfig(env);
  const folder = parsed.values.out ?? join(config.knowledgeDir, name.replace(/\.qna$/i, ""));
  // what the loader will read beside the new files: the whole knowledge folder when the target is inside it
  const root = isWithin(folder, config.knowledgeDir) ? config.knowledgeDir : folder;
  const present = await loadKnowledge(root, { maxFileBytes: config.knowledgeMaxFileBytes });
  const { files: planned, distinguished } = entryFiles(folder, name, result.entries, result.accepted.get(name)?.drafts ?? []);
  const files = new Map(planned.map((file) => [file.path, file.text]));

  const imported = result.knowledgeBase?.synonyms ?? [];
  const synonymsPath = await synonymsPathIn(folder);
  let merge: SynonymsMerge | undefined;
  /** The groups of the target folder's synonyms file, undefined when there is none. */
  let kept: number | undefined;
  if (imported.length > 0) {
    let existing: ExistingSynonyms | undefined;
    if (await exists(synonymsPath)) {
      const read = decodeKnowledgeFile(await readFile(synonymsPath));
      const current = "text" in read ? read.text : "";
      const own = "text" in read ? parseSynonymsFile(current, displayPath(synonymsPath)) : { groups: [], errors: [{ file: displayPath(synonymsPath), line: read.line, message: read.message }], warnings: [], empty: false };
      // an empty file (kept for the import to fill) takes the groups as a missing one would
      if (own.errors.length > 0 && !own.empty) {
        for (const issue of own.errors) err(`${CHECK.errorLabel}${issue.file}:${issue.line}: ${issue.message}`);
        err(`[kb:import] ${KB_IMPORT.synonymsBroken(displayPath(synonymsPath))}`);
        return EXIT_FAILURE;
      }
      existing = { text: current, groups: own.groups };
      kept = own.groups.length;
    }
    const elsewhere = synonymsElsewhere(present, root, [synonymsPath, source]);
    merge = mergeSynonyms(existing, imported, elsewhere, name);
    if (merge.status === "unmergeable") {
      err(`[kb:import] ${KB_IMPORT.synonymsUnmergeable(displayPath(synonymsPath), merge.added.map((group) => KB_IMPORT.group(group.words)))}`);
      return EXIT_FAILURE;
    }
  }

  const taken: string[] = [];
  for (const path of files.keys()) if (await exists(path)) taken.push(path);
  const stale = await leftOver(folder, name, new Set([...files.keys()].map((path) => resolve(path))));
  const found = clashes(planned, present, root, new Set([...taken, ...stale, source].map((path) => resolve(path))));
  if (found.length > 0) {
    for (const line of clashReport(found, root, `${label}/${name}`, name)) err(line);
    return EXIT_FAILURE;
  }
  if ((taken.length > 0 || stale.length > 0) && !parsed.values.force) {
    const shown = (paths: readonly string[]): string[] => paths.map((path) => displayPath(path));
    err(`[kb:import] ${KB_IMPORT.exists(shown(taken), shown(stale), name, displayPath(join(folder, IMPORT_BACKUP_FOLDER)))}`);
    return EXIT_FAILURE;
  }

  await mkdir(folder, { recursive: true });
  const replaced: string[] = [];
  for (const path of taken) if ((await readFile(path, "utf8")) !== files.get(path)) replaced.push(path);
  let backup: string | undefined;
  if (replaced.length > 0 || stale.length > 0) {
    const backups = join(folder, IMPORT_BACKUP_FOLDER);
    await mkdir(backups, { recursive: true });
    backup = await mkdtemp(join(backups, `${new Date().toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-")}-`));
    for (const path of replaced) await copyFile(path, join(backup, basename(path)));
    // moved, not deleted: kept as they were, below the backup folder, where the loader does not look
    for (const path of stale) {
      const movedTo = join(backup, relative(folder, path));
      await mkdir(dirname(movedTo), { recursive: true });
      await rename(path, movedTo);
    }
  }
  // each entry file whole or not at all: the watcher of a served folder, a crash or a full disk never meet half of one
  for (const [path, content] of files) await writeFileAtomic(path, content);
  if (merge && (merge.status === "new" || merge.status === "appended")) await writeFileAtomic(synonymsPath, merge.text);

  out(KB_IMPORT.written(name, result.entries.length, displayPath(folder)));
  if (backup && replaced.length > 0) out(KB_IMPORT.backedUp(replaced.length, displayPath(backup)));
  if (backup && stale.length > 0) out(KB_IMPORT.staleMoved(name, displayPath(backup), stale.map((path) => displayPath(path))));
  for (const { file, tag, firstLine } of distinguished) out(KB_IMPORT.repeatDistinguished(`${label}/${name}:${file.entry.source.line}`, firstLine, displayPath(file.path), tag));
  if (merge) {
    const report = synonymsReport(merge, displayPath(synonymsPath), kept, imported, `${label}/${name}`);
    for (const line of report.out) out(line);
    for (const line of report.err) err(line);
  }
  out(isWithin(folder, config.knowledgeDir) ? KB_IMPORT.next(source) : KB_IMPORT.nextOutside(displayPath(folder), displayPath(config.knowledgeDir)));
  return EXIT_OK;
}

/** Whether `path` is a folder (false when it is anything else or nothing). */
async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

if (require.main === module) runMain((args, env, out, err) => runKbImport(args, env, out, err), { name: "kb:import", usage: USAGE });
