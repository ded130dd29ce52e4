import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { slugify, type DraftEntry, type ParsedFile, type RelatedRef } from "./draft";
import { characterIssues, decodeKnowledgeFile } from "./encoding";
import { LOADER, SYNONYMS, systemErrorText } from "./messages";
import { textKey } from "./normalize";
import { parseMarkdownEntry } from "./parse-markdown";
import { parseQnaFile } from "./parse-qna";
import { isBotTextsFile, parseBotTextsFile, type BotTextKey } from "./parse-bot-texts";
import { isCaseTextsFile, parseCaseTextsFile, type CaseTextKey } from "./parse-case-texts";
import { isSynonymsFile, parseSynonymsFile } from "./parse-synonyms";
import { createKnowledgeBase, type KnowledgeBase, type KnowledgeEntry, type KnowledgeIssue, type SynonymGroup } from "./types";
import { errorCode } from "../system-error";

/** One file's content as it was accepted: what is served for it until a newer version is accepted. */
export interface FileVersion {
  readonly file: string;
  /** The file's text, to tell an unchanged file from an edited one on the next load. */
  readonly text: string;
  readonly drafts: readonly DraftEntry[];
  readonly synonyms: readonly SynonymGroup[];
  readonly caseTexts?: Readonly<Partial<Record<CaseTextKey, string>>>;
  readonly botTexts?: Readonly<Partial<Record<BotTextKey, string>>>;
  readonly warnings: readonly KnowledgeIssue[];
}

/** A file whose current text is not served, because it has errors of its own or conflicts with other files. */
export interface RefusedFile {
  readonly file: string;
  /** True when the file's last good version is served in its place; false when nothing of it is. */
  readonly servingLastGood: boolean;
}

/** The outcome of reading a knowledge folder. */
export interface LoadResult {
  /**
   * What to serve: every valid file, plus the last good version of each refused file (see
   * `refused`). Undefined only when the folder itself cannot be read or holds no knowledge files.
   */
  readonly knowledgeBase: KnowledgeBase | undefined;
  readonly files: number;
  /** The entries served. */
  readonly entries: readonly KnowledgeEntry[];
  /** Every problem, each charged to one file and line; any error makes `kb:check` fail. */
  readonly errors: readonly KnowledgeIssue[];
  readonly warnings: readonly KnowledgeIssue[];
  readonly refused: readonly RefusedFile[];
  /** The version served of each file; pass it back as `lastGood` to the next load. */
  readonly accepted: ReadonlyMap<string, FileVersion>;
  /**
   * Folders that could not be read, relative to the knowledge folder (`.` for the folder itself
   * when it exists): each is an error, and the last good versions of the files in it are served.
   */
  readonly unreadableFolders: readonly string[];
}

export interface LoadOptions {
  now?: () => Date;
  /**
   * The versions served before this load (`LoadResult.accepted` of the previous one). A file
   * whose new text is refused keeps its version from here.
   */
  lastGood?: ReadonlyMap<string, FileVersion>;
  /** See `DEFAULT_MAX_FILE_BYTES`. */
  readonly maxFileBytes?: number;
}

/**
 * Largest knowledge file read, in bytes (`KNOWLEDGE_MAX_FILE_KB`). A larger one is an error that
 * names it, checked before the file is read: a huge file cannot stall reloads or fill memory.
 * Higher = longer files allowed, more memory and time per reload.
 */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024;

/** Documentation files in the knowledge folder, never parsed as entries. */
function isDocumentation(name: string): boolean {
  return /^readme\.md$/i.test(name);
}

/** A folder below the knowledge folder that could not be listed, and why (`EACCES` …). */
export interface UnreadableFolder {
  /** Relative to the knowledge folder, with forward slashes (`olcum`). */
  readonly folder: string;
  readonly code: string | undefined;
  readonly detail: string;
}

/**
 * Why a file in the knowledge folder is not read although an editor probably meant it to be
 * (`ignoredReason`): each is a warning naming the file, so that a mistake is not silent.
 */
export type IgnoredReason =
  | { readonly kind: "nested-texts"; readonly name: string }
  | { readonly kind: "second-texts"; readonly read: string }
  | { readonly kind: "txt-appended"; readonly rename: string }
  | { readonly kind: "markdown-extension"; readonly rename: string }
  | { readonly kind: "plain-text"; readonly rename: string }
  | { readonly kind: "other-yaml" };

/** A file the bot does not read, and why it looks like a mistake. */
export interface IgnoredFile {
  readonly file: string;
  readonly reason: IgnoredReason;
}

/** What is below a knowledge folder: its knowledge files, the files it leaves out that look like mistakes, and the sub-folders that could not be listed. */
export interface FolderScan {
  /** Relative paths, sorted. */
  readonly files: string[];
  readonly ignored: IgnoredFile[];
  readonly unreadableFolders: UnreadableFolder[];
}

function isKnowledgeFileName(name: string): boolean {
  return !isDocumentation(name) && (/\.(md|qna)$/i.test(name) || isSynonymsFile(name) || isCaseTextsFile(name) || isBotTextsFile(name));
}

/** Whether a file name is one of the bot's own texts (`bot.yaml`, `cases.yaml`), read only at the top of the folder. */
function isTextsFileName(name: string): boolean {
  return isBotTextsFile(name) || isCaseTextsFile(name);
}

/**
 * Why a file the loader does not read looks like an editor's mistake, or undefined for a file
 * that plainly is something else (an image, a document, a README). Notepad saves `soru.md` as
 * `soru.md.txt` when "Metin Belgeleri" is the file type, and `soru` as `soru.txt`; other editors
 * use `.markdown`; YAML files other than the three the bot reads are usually a misspelt name.
 */
function ignoredReason(name: string): IgnoredReason | undefined {
  if (/^readme\./i.test(name)) return undefined;
  const appended = /^(.+\.(?:md|qna|ya?ml))\.txt$/i.exec(name);
  if (appended?.[1]) return { kind: "txt-appended", rename: appended[1] };
  const markdown = /^(.+)\.(?:markdown|mdown|mkdn?|mdwn)$/i.exec(name);
  if (markdown?.[1]) return { kind: "markdown-extension", rename: `${markdown[1]}.md` };
  const text = /^(.+)\.txt$/i.exec(name);
  if (text?.[1]) return { kind: "plain-text", rename: `${text[1]}.md` };
  if (/\.ya?ml$/i.test(name)) return { kind: "other-yaml" };
  return undefined;
}

/** The one of several top-level files of one kind (`bot.yaml`, `Bot.yml` …) that is read: the lower-case `.yaml` one, else the first. */
function preferredTextsFile(names: readonly string[]): string | undefined {
  return names.find((name) => /^(bot|cases)\.yaml$/.test(name)) ?? names[0];
}

/**
 * Lists knowledge files below `dir` (see `listKnowledgeFiles`). `bot.yaml` and `cases.yaml` are
 * read at the top of the folder only (one of each); one in a sub-folder, a second one, and files
 * whose names look like a mistake (`ignoredReason`) are listed in `ignored`. A sub-folder that
 * cannot be listed (no permission, a disk error) is reported and skipped, so it blocks only its
 * own files; one deleted meanwhile is simply gone. Throws only when `dir` itself cannot be listed.
 */
export async function scanKnowledgeFolder(dir: string): Promise<FolderScan> {
  const files: string[] = [];
  const ignored: IgnoredFile[] = [];
  const unreadableFolders: UnreadableFolder[] = [];
  const topTexts: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let items;
    try {
      items = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (folder === dir) throw error;
      const code = errorCode(error);
      if (code !== "ENOENT") unreadableFolders.push({ folder: relative(dir, folder).split(sep).join("/"), code, detail: String(error) });
      return;
    }
    for (const item of items) {
      if (item.name.startsWith(".")) continue;
      const full = join(folder, item.name);
      const file = relative(dir, full).split(sep).join("/");
      if (item.isDirectory()) await walk(full);
      else if (!item.isFile()) continue;
      else if (isKnowledgeFileName(item.name)) {
        if (!isTextsFileName(item.name)) files.push(file);
        else if (folder === dir) topTexts.push(item.name);
        else ignored.push({ file, reason: { kind: "nested-texts", name: isBotTextsFile(item.name) ? "bot.yaml" : "cases.yaml" } });
      } else {
        const reason = ignoredReason(item.name);
        if (reason) ignored.push({ file, reason });
      }
    }
  };
  await walk(dir);
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  for (const kind of [isBotTextsFile, isCaseTextsFile]) {
    const names = topTexts.filter((name) => kind(name)).sort(byName);
    const read = preferredTextsFile(names);
    if (read === undefined) continue;
    files.push(read);
    for (const name of names) if (name !== read) ignored.push({ file: name, reason: { kind: "second-texts", read } });
  }
  return { files: files.sort(byName), ignored: ignored.sort((a, b) => byName(a.file, b.file)), unreadableFolders: unreadableFolders.sort((a, b) => byName(a.folder, b.folder)) };
}

/** Lists knowledge files (`.md` except README.md, `.qna`, `synonyms.yaml`, `cases.yaml`, `bot.yaml`) below `dir`, sorted, as relative paths. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  return (await scanKnowledgeFolder(dir)).files;
}

/** Parses one file's text by its name; characters no editor file may hold are errors too (`characterIssues`). */
export function parseKnowledgeFile(text: string, file: string): ParsedFile {
  const parsed = parseByName(text, file);
  const refused = characterIssues(text, file);
  return refused.length === 0 ? parsed : { ...parsed, errors: [...refused, ...parsed.errors] };
}

function parseByName(text: string, file: string): ParsedFile {
  const name = file.split("/").pop() ?? file;
  if (isSynonymsFile(name)) {
    const parsed = parseSynonymsFile(text, file);
    return { drafts: [], synonyms: parsed.groups, errors: parsed.errors, warnings: parsed.warnings };
  }
  if (isCaseTextsFile(name)) {
    const parsed = parseCaseTextsFile(text, file);
    return { drafts: [], synonyms: [], caseTexts: parsed.texts, errors: parsed.errors, warnings: parsed.warnings };
  }
  if (isBotTextsFile(name)) {
    const parsed = parseBotTextsFile(text, file);
    return { drafts: [], synonyms: [], botTexts: parsed.texts, errors: parsed.errors, warnings: parsed.warnings };
  }
  return /\.qna$/i.test(file) ? parseQnaFile(text, file) : parseMarkdownEntry(text, file);
}

/** The version a file's text would be served as, or undefined when the text has errors of its own. */
function toVersion(file: string, text: string, parsed: ParsedFile): FileVersion | undefined {
  if (parsed.errors.length > 0) return undefined;
  return {
    file,
    text,
    drafts: parsed.drafts,
    synonyms: parsed.synonyms,
    ...(parsed.caseTexts ? { caseTexts: parsed.caseTexts } : {}),
    ...(parsed.botTexts ? { botTexts: parsed.botTexts } : {}),
    warnings: parsed.warnings,
  };
}

/** A text read back as a version (see `kept-versions.ts`); undefined when it has errors of its own. */
export function versionOf(file: string, text: string): FileVersion | undefined {
  return toVersion(file, text, parseKnowledgeFile(text, file));
}

/**
 * A question's identity for duplicate detection: its words, and its `.qna` filters, so that the
 * same question with different filters (one answer per city) is two entries.
 */
export function questionKey(draft: DraftEntry): string {
  const filters = draft.filters.map((filter) => `${textKey(filter.name)}=${textKey(filter.value)}`).sort();
  return [textKey(draft.question), ...filters].join("|");
}

/** Where each id, question and synonym member is defined among the files accepted so far. */
class Claims {
  readonly ids = new Map<string, DraftEntry>();
  /** By question and filters, for duplicates. */
  readonly questions = new Map<string, DraftEntry>();
  /** By the words of a question, then of an alternate (first wins), for prompts that name one. */
  readonly texts = new Map<string, DraftEntry>();
  readonly alternates = new Map<string, DraftEntry>();
  /** `.qna` anchors of every file, first wins, for prompts naming another file's anchor. */
  readonly anchors = new Map<string, DraftEntry>();
  readonly members = new Map<string, { file: string; line: number }>();

  /** What `version` would clash with (including clashes inside it); charged to `version`'s file. */
  conflicts(version: FileVersion): KnowledgeIssue[] {
    const issues: KnowledgeIssue[] = [];
    const ids = new Map<string, DraftEntry>();
    for (const draft of version.drafts) {
      const first = this.ids.get(draft.id) ?? ids.get(draft.id);
      if (first) {
        issues.push({
          file: draft.source.file,
          line: draft.idLine,
          message: LOADER.duplicateId(draft.id, `${first.source.file}:${first.idLine}`),
        });
      } else ids.set(draft.id, draft);
      // a question repeated inside one .qna file is kept (bf-lu keeps it); the parser warns
      const key = questionKey(draft);
      const same = textKey(draft.question) === "" ? undefined : this.questions.get(key);
      if (same) {
        issues.push({
          file: draft.source.file,
          line: draft.questionLine,
          message: LOADER.sameQuestion(`${same.source.file}:${same.questionLine}`, same.question),
        });
      }
    }
    for (const group of version.synonyms) {
      for (const word of group.words) {
        const first = this.members.get(textKey(word));
        if (first) {
          issues.push({
            file: group.source.file,
            line: group.source.line,
            message: SYNONYMS.inTwoGroups(word, `${first.file}:${first.line}`),
          });
        }
      }
    }
    return issues;
  }

  add(version: FileVersion): void {
    for (const draft of version.drafts) {
      this.ids.set(draft.id, draft);
      this.questions.set(questionKey(draft), draft);
      if (draft.anchor !== undefined && !this.anchors.has(draft.anchor)) this.anchors.set(draft.anchor, draft);
      const text = textKey(draft.question);
      if (!this.texts.has(text)) this.texts.set(text, draft);
      for (const alternate of draft.alternates) {
        const key = textKey(alternate);
        if (!this.alternates.has(key)) this.alternates.set(key, draft);
      }
    }
    for (const group of version.synonyms) {
      for (const word of group.words) this.members.set(textKey(word), { file: group.source.file, line: group.source.line });
    }
  }
}

/** A file's state while assembling: which version is served, and what it could fall back to. */
interface Slot {
  readonly file: string;
  served: FileVersion | undefined;
  /** The current text's version, when it parsed without errors. */
  readonly current: FileVersion | undefined;
  readonly lastGood: FileVersion | undefined;
  /** When the file was last saved (ms since the epoch), if known. */
  readonly modifiedMs: number | undefined;
  /** The current text when it has errors of its own (to read the id it was meant to have); undefined otherwise. */
  readonly brokenText?: string;
}

/** Resolves a related reference among the accepted entries. */
function resolveRef(ref: RelatedRef, claims: Claims): DraftEntry | undefined {
  if (ref.kind === "id") return claims.ids.get(ref.value);
  const anchored = ref.anchorId === undefined ? undefined : claims.ids.get(ref.anchorId);
  // the words of "sing-song" are those of "sing song": dashed questions resolve too
  const key = textKey(ref.value);
  return anchored ?? claims.anchors.get(ref.value) ?? claims.texts.get(key) ?? claims.alternates.get(key);
}

/** The id a Markdown file gets when it names none: its file name's (undefined for other files). */
function idOfFileName(file: string): string | undefined {
  const name = file.split("/").pop() ?? file;
  return /\.md$/i.test(name) ? slugify(name.replace(/\.md$/i, "")) : undefined;
}

function defines(version: FileVersion | undefined, id: string): boolean {
  return version?.drafts.some((draft) => draft.id === id) ?? false;
}

/**
 * Whether a refused file is where `ref` probably points: one of its versions defines the id,
 * or, for a Markdown entry, its file name gives that id. The warning then names only that file.
 */
function mayDefine(slot: Slot | undefined, ref: RelatedRef): boolean {
  if (!slot || ref.kind !== "id") return false;
  return defines(slot.lastGood, ref.value) || defines(slot.current, ref.value) || idOfFileName(slot.file) === ref.value;
}

/**
 * The `id:` a Markdown text with errors was meant to have, read from its line alone (the front
 * matter as a whole may not parse): undefined when it has no such line, or the line cannot be read.
 */
function writtenId(text: string): string | undefined {
  const frontMatter = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)(?:\r?\n---[ \t]*(?:\r?\n|$)|$)/.exec(text)?.[1] ?? "";
  const value = /^id:[ \t]*(.*?)[ \t]*$/m.exec(frontMatter)?.[1];
  if (value === undefined) return undefined;
  return value.replace(/^(["'])(.*)\1$/, "$2").trim();
}

/**
 * Whether a refused file may be where `ref` points, for the warning that names the files a link
 * may wait for (QA 48: it named every broken file). Yes when `mayDefine` says so. Otherwise no
 * when its ids are known: a version of it parsed, or, for a Markdown file, the id its text names
 * (or, without an `id:` line, its file name's), even where the rest of the text has errors. A
 * file whose ids cannot be known (unreadable, a `.qna` file that does not parse) may hold any.
 */
function couldDefine(slot: Slot | undefined, ref: RelatedRef): boolean {
  if (!slot || mayDefine(slot, ref)) return true;
  const markdown = /\.md$/i.test(slot.file);
  // only entries' files define ids; synonyms and texts files do not
  if (!markdown && !/\.qna$/i.test(slot.file)) return false;
  // a Markdown entry's one id is the one its text names, else its file name's (which `mayDefine` read)
  if (markdown && ref.kind === "id" && slot.brokenText !== undefined) return writtenId(slot.brokenText) === ref.value;
  return slot.brokenText !== undefined || (slot.lastGood === undefined && slot.current === undefined);
}

function unknownRefMessage(ref: RelatedRef): string {
  return ref.kind === "id" ? LOADER.relatedToNothing(ref.value) : LOADER.promptToNothing(ref.value);
}

/**
 * A file saved within this long of the folder's latest save counts as just edited: of two new or
 * edited files that clash, neither named after the id, the one just edited is charged rather than
 * one saved earlier. This matters where there is no history to tell edited files from the others
 * (a first start without kept versions, `kb:check` on a fresh checkout). Wide enough that files
 * written together by one checkout or copy count as one group (path order decides among them),
 * far below the time between a checkout and an editor's save. Higher = more clashes decided by
 * path order instead.
 */
export const JUST_EDITED_WINDOW_MS = 60_000;

/**
 * Orders new and edited files for placement; of two that clash, the later one is charged.
 * - A file that takes the id another Markdown file is named after, and defines, goes after the
 *   others: `olcum/nps.md` keeps `nps` against a file whose id was changed to `nps`. Without an id
 *   an entry gets its file name's, so such a name rarely lies about its owner.
 * - Then files saved earlier before files just edited (`JUST_EDITED_WINDOW_MS`), then path order.
 * With history (a running server, kept versions) unchanged files are placed before all of these,
 * so the order decides only between files that changed together.
 */
function byOwnership(candidates: readonly Slot[], slots: readonly Slot[]): Slot[] {
  const named = new Map<string, Slot[]>();
  for (const slot of slots) {
    const id = idOfFileName(slot.file);
    if (id !== undefined) named.set(id, [...(named.get(id) ?? []), slot]);
  }
  const newest = slots.reduce((latest, slot) => Math.max(latest, slot.modifiedMs ?? -Infinity), -Infinity);
  const takesNamedId = (slot: Slot): boolean =>
    slot.served?.drafts.some(
      (draft) => draft.id !== idOfFileName(slot.file) && (named.get(draft.id) ?? []).some((other) => other !== slot && defines(other.served, draft.id)),
    ) ?? false;
  const justEdited = (slot: Slot): boolean => slot.modifiedMs !== undefined && newest - slot.modifiedMs < JUST_EDITED_WINDOW_MS;
  return candidates
    .map((slot, index) => ({ slot, index, takes: takesNamedId(slot) ? 1 : 0, edited: justEdited(slot) ? 1 : 0 }))
    .sort((a, b) => a.takes - b.takes || a.edited - b.edited || a.index - b.index)
    .map(({ slot }) => slot);
}

/**
 * Decides which version of each file to serve, charging every cross-file problem to the file
 * that brings it in, which then keeps its last good version:
 * - duplicate ids, questions and synonyms: files that did not change since the last load, and
 *   the last good versions of refused files, are placed first (they were valid together), then
 *   the new and edited files in `byOwnership` order; the later one is charged. A link of the
 *   charged file to its own (taken) id is not reported: the duplicate is the mistake.
 * - `related` pointing nowhere: charged to the new or edited file that points, unless the target
 *   may just have been renamed away by another file (a Markdown file named after it, of which
 *   there is no last good version to tell). When some file could not be read at all, its ids
 *   are unknown. In both cases one mistake must not refuse the files that link to it: the link
 *   is a warning naming the refused file, or an error in the linking file if nothing is refused,
 *   and is left out until it resolves.
 */
function assemble(slots: Slot[], errors: KnowledgeIssue[], warnings: KnowledgeIssue[], unreadableFolders: readonly string[]): { claims: Claims; refused: Set<string> } {
  const unreadable = slots.filter((slot) => !slot.current).map((slot) => slot.file);
  const refused = new Set(unreadable);
  /** Whether some file's ids are unknown: it, or its folder, could not be read. */
  const contentUnknown = unreadable.length > 0 || unreadableFolders.length > 0;
  const fresh = (slot: Slot): boolean => slot.current !== undefined && slot.current !== slot.lastGood;
  const everything = new Claims();
  /** The files some version of which defines each id. */
  const definers = new Map<string, Set<string>>();
  for (const slot of slots) {
    for (const version of [slot.lastGood, slot.current]) {
      if (!version) continue;
      everything.add(version);
      for (const draft of version.drafts) definers.set(draft.id, (definers.get(draft.id) ?? new Set<string>()).add(slot.file));
    }
  }
  const sharedId = (id: string, file: string): boolean => [...(definers.get(id) ?? [])].some((other) => other !== file);
  /** Markdown files of which there is no last good version, by the id their name gives. */
  const namedWithoutHistory = new Map<string, string[]>();
  for (const slot of slots) {
    const id = slot.lastGood === undefined ? idOfFileName(slot.file) : undefined;
    if (id !== undefined) namedWithoutHistory.set(id, [...(namedWithoutHistory.get(id) ?? []), slot.file]);
  }
  const renamedAway = (ref: RelatedRef, file: string): boolean =>
    ref.kind === "id" && (namedWithoutHistory.get(ref.value) ?? []).some((other) => other !== file);
  const reported = new Set<string>();
  const report = (list: KnowledgeIssue[], issue: KnowledgeIssue): void => {
    const key = `${issue.file}:${issue.line}`;
    if (reported.has(key)) return;
    reported.add(key);
    list.push(issue);
  };

  for (const slot of slots) {
    if (!slot.current || !fresh(slot)) continue;
    let broken = false;
    for (const draft of slot.current.drafts) {
      for (const ref of draft.related) {
        const target = resolveRef(ref, everything);
        if (target && target.id === draft.id) {
          // the id is another file's too: the placement below decides who keeps it
          if (sharedId(draft.id, slot.file)) continue;
          report(errors, { file: slot.file, line: ref.line, message: LOADER.relatedToItself });
          broken = true;
        } else if (!target && !contentUnknown && !renamedAway(ref, slot.file)) {
          report(errors, { file: slot.file, line: ref.line, message: unknownRefMessage(ref) });
          broken = true;
        }
      }
    }
    if (broken) {
      refused.add(slot.file);
      slot.served = slot.lastGood;
    }
  }

  const claims = new Claims();
  const place = (slot: Slot): void => {
    if (!slot.served) return;
    const issues = claims.conflicts(slot.served);
    if (issues.length === 0) {
      claims.add(slot.served);
      return;
    }
    // a last good version clashes only with another last good version: nothing new to report
    if (slot.served !== slot.lastGood) for (const issue of issues) report(errors, issue);
    refused.add(slot.file);
    const fallback = slot.served === slot.lastGood ? undefined : slot.lastGood;
    slot.served = fallback && claims.conflicts(fallback).length === 0 ? fallback : undefined;
    if (slot.served) claims.add(slot.served);
  };
  const settled = (slot: Slot): boolean => slot.served === slot.lastGood;
  for (const slot of slots) if (settled(slot)) place(slot);
  for (const slot of byOwnership(slots.filter((slot) => !settled(slot)), slots)) place(slot);

  // Links that still point nowhere are left out. Only a served current text is told about them;
  // a last good version stands in for a file whose own errors are already reported.
  for (const slot of slots) {
    if (!slot.served || slot.served !== slot.current) continue;
    for (const draft of slot.served.drafts) {
      for (const ref of draft.related) {
        const target = resolveRef(ref, claims);
        if (target) {
          // a link to its own id, passed over above while another file claimed the id too
          if (target.id === draft.id) report(errors, { file: slot.file, line: ref.line, message: LOADER.relatedToItself });
          continue;
        }
        const issue = { file: slot.file, line: ref.line, message: unknownRefMessage(ref) };
        const elsewhere = [...refused].filter((file) => file !== slot.file).map((file) => slots.find((other) => other.file === file));
        const likely = elsewhere.filter((other) => mayDefine(other, ref));
        const possible = [...(likely.length > 0 ? likely : elsewhere.filter((other) => couldDefine(other, ref))).flatMap((other) => (other ? [other.file] : [])), ...unreadableFolders];
        if (possible.length > 0) report(warnings, { ...issue, message: LOADER.maybeInBrokenFile(issue.message, possible) });
        else report(errors, issue);
      }
    }
  }
  return { claims, refused };
}

/**
 * Turns the served drafts into entries, with `related` resolved to ids and their button titles.
 * An entry is context-only if it says so, or if any follow-up to it says `context-only`.
 */
function toEntries(versions: readonly FileVersion[], claims: Claims): KnowledgeEntry[] {
  const followUpOnly = new Set<string>();
  for (const version of versions) {
    for (const draft of version.drafts) {
      for (const ref of draft.related) {
        const target = ref.contextOnly ? resolveRef(ref, claims) : undefined;
        if (target) followUpOnly.add(target.id);
      }
    }
  }
  const entries: KnowledgeEntry[] = [];
  for (const version of versions) {
    for (const draft of version.drafts) {
      const related: string[] = [];
      const titles: Record<string, string> = {};
      const relatedLines: Record<string, number> = {};
      for (const ref of draft.related) {
        const target = resolveRef(ref, claims);
        if (!target || target.id === draft.id || related.includes(target.id)) continue;
        related.push(target.id);
        relatedLines[target.id] = ref.line;
        if (ref.title !== undefined) titles[target.id] = ref.title;
      }
      entries.push({
        id: draft.id,
        question: draft.question,
        alternates: draft.alternates,
        tags: draft.tags,
        related,
        ...(Object.keys(titles).length > 0 ? { relatedTitles: titles } : {}),
        contextOnly: draft.contextOnly || followUpOnly.has(draft.id),
        answer: draft.answer,
        source: draft.source,
        lines: { answer: draft.answerLine, tags: draft.tagLines, related: relatedLines },
        ...(draft.pairSource === undefined ? {} : { pairSource: draft.pairSource }),
      });
    }
  }
  return entries;
}

/** Orders issues by file, then line, keeping the order of issues on the same line. */
function byPosition(issues: KnowledgeIssue[]): KnowledgeIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.file < b.issue.file ? -1 : a.issue.file > b.issue.file ? 1 : a.issue.line - b.issue.line || a.index - b.index))
    .map(({ issue }) => issue);
}

/**
 * A knowledge file's text and when it was last saved, if known (see `JUST_EDITED_WINDOW_MS`), or
 * why it could not be read, and at which line when that is known (bytes that are not UTF-8).
 */
export type FileText = { file: string; text: string; modifiedMs?: number } | { file: string; readError: string; line?: number };

/**
 * Reads, parses and validates every knowledge file below `dir`. Never throws for bad content.
 * A broken file never blocks the others: it is refused alone, and served at its version in
 * `options.lastGood` if it has one.
 */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let scan: FolderScan;
  try {
    scan = await scanKnowledgeFolder(dir);
  } catch (error) {
    const code = errorCode(error);
    const missing = code === "ENOENT";
    const reason = missing ? LOADER.folderNotFound(dir) : LOADER.folderUnreadable(systemErrorText(code, String(error)));
    return {
      knowledgeBase: undefined,
      files: 0,
      entries: [],
      errors: [{ file: ".", line: 0, message: reason }],
      warnings: [],
      refused: [],
      accepted: new Map(),
      unreadableFolders: missing ? [] : ["."],
    };
  }
  const { files, unreadableFolders } = scan;
  const ignored: KnowledgeIssue[] = scan.ignored.map(({ file, reason }) => ({ file, line: 0, message: LOADER.ignored(reason) }));
  const texts: FileText[] = [];
  for (const file of files) {
    try {
      // an oversized file is refused before it is read, like any other file that cannot be read
      const { size, mtimeMs } = await stat(join(dir, file));
      if (size > maxFileBytes) {
        texts.push({ file, readError: LOADER.tooLarge(Math.ceil(size / 1024), Math.floor(maxFileBytes / 1024)) });
        continue;
      }
      const decoded = decodeKnowledgeFile(await readFile(join(dir, file)));
      texts.push("text" in decoded ? { file, text: decoded.text, modifiedMs: mtimeMs } : { file, readError: decoded.message, line: decoded.line });
    } catch (error) {
      // a file deleted between listing and reading is simply gone
      if (errorCode(error) !== "ENOENT") texts.push({ file, readError: LOADER.fileUnreadable(systemErrorText(errorCode(error), String(error))) });
    }
  }
  const folders = unreadableFolders.map(({ folder, code, detail }) => ({ folder, message: LOADER.subfolderUnreadable(systemErrorText(code, detail)) }));
  const kept = [...(options.lastGood?.keys() ?? [])].filter((file) => !isNestedTexts(file) && folders.some(({ folder }) => isBelow(file, folder)));
  if (files.length === 0 && kept.length === 0 && folders.length === 0) {
    return { knowledgeBase: undefined, files: 0, entries: [], errors: [{ file: ".", line: 0, message: LOADER.noFiles }], warnings: ignored, refused: [], accepted: new Map(), unreadableFolders: [] };
  }
  const result = loadKnowledgeTexts(texts, options, files.length + kept.length, folders);
  return ignored.length === 0 ? result : { ...result, warnings: byPosition([...result.warnings, ...ignored]) };
}

/** Whether `file` (a relative path) is a `bot.yaml` or `cases.yaml` in a sub-folder, which is not read (a kept version of one from before is not served either). */
function isNestedTexts(file: string): boolean {
  return file.includes("/") && isTextsFileName(file.split("/").pop() ?? file);
}

/** Whether `file` (a relative path) lies below `folder` (relative, `.` for the knowledge folder). */
function isBelow(file: string, folder: string): boolean {
  return folder === "." || file.startsWith(`${folder}/`);
}

/** A folder that could not be read, and its Turkish error (see `scanKnowledgeFolder`). */
export interface FolderError {
  readonly folder: string;
  readonly message: string;
}

/** Parses and validates knowledge files given as texts (paths relative to the knowledge folder), as `loadKnowledge` does. */
export function loadKnowledgeTexts(texts: readonly FileText[], options: LoadOptions = {}, fileCount = texts.length, unreadableFolders: readonly FolderError[] = []): LoadResult {
  const now = options.now ?? (() => new Date());
  const lastGood = options.lastGood ?? new Map<string, FileVersion>();
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  const slots: Slot[] = [];
  // a folder that cannot be read is one error, by its own path; its files are served as a broken file is, at their last good versions
  const listed = new Set(texts.map((item) => item.file));
  for (const { folder, message } of unreadableFolders) {
    errors.push({ file: folder, line: 0, message });
    for (const [file, previous] of lastGood) {
      if (isBelow(file, folder) && !listed.has(file) && !isNestedTexts(file)) slots.push({ file, served: previous, current: undefined, lastGood: previous, modifiedMs: undefined });
    }
  }
  for (const item of texts) {
    const { file } = item;
    const previous = lastGood.get(file);
    if ("readError" in item) {
      errors.push({ file, line: item.line ?? 0, message: item.readError });
      slots.push({ file, served: previous, current: undefined, lastGood: previous, modifiedMs: undefined });
      continue;
    }
    const { text, modifiedMs } = item;
    if (previous && previous.text === text) {
      warnings.push(...previous.warnings);
      slots.push({ file, served: previous, current: previous, lastGood: previous, modifiedMs });
      continue;
    }
    const parsed = parseKnowledgeFile(text, file);
    errors.push(...parsed.errors);
    warnings.push(...parsed.warnings);
    const current = toVersion(file, text, parsed);
    slots.push({ file, served: current ?? previous, current, lastGood: previous, modifiedMs, ...(current ? {} : { brokenText: text }) });
  }

  // the kept files of unreadable folders take their places in path order, as listed files have
  if (unreadableFolders.length > 0) slots.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const { claims, refused } = assemble(slots, errors, warnings, unreadableFolders.map(({ folder }) => `${folder}/`));
  const served = slots.flatMap((slot) => (slot.served ? [slot.served] : []));
  const entries = toEntries(served, claims);
  const offered = new Set(entries.flatMap((entry) => entry.related));
  for (const entry of entries) {
    if (entry.contextOnly && !offered.has(entry.id)) {
      warnings.push({ file: entry.source.file, line: entry.source.line, message: LOADER.unreachable });
    }
  }
  const synonyms = served.flatMap((version) => version.synonyms);
  // loadKnowledge reads one cases.yaml and one bot.yaml, at the top; texts given otherwise merge in path order
  const caseTexts: Partial<Record<CaseTextKey, string>> = {};
  const botTexts: Partial<Record<BotTextKey, string>> = {};
  for (const version of served) {
    Object.assign(caseTexts, version.caseTexts ?? {});
    Object.assign(botTexts, version.botTexts ?? {});
  }
  return {
    knowledgeBase: createKnowledgeBase(entries, fileCount, now(), synonyms, caseTexts, botTexts),
    files: fileCount,
    entries,
    errors: byPosition(errors),
    warnings: byPosition(warnings),
    refused: slots.filter((slot) => refused.has(slot.file)).map((slot) => ({ file: slot.file, servingLastGood: slot.served !== undefined })),
    accepted: new Map(served.map((version) => [version.file, version])),
    unreadableFolders: unreadableFolders.map(({ folder }) => folder),
  };
}
