import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { analyze } from "../matching/analysis";
import type { DraftEntry, ParsedFile } from "./draft";
import { parseMarkdownEntry } from "./parse-markdown";
import { parseQnaFile } from "./parse-qna";
import { createKnowledgeBase, type KnowledgeBase, type KnowledgeEntry, type KnowledgeIssue } from "./types";

/** The outcome of reading a knowledge folder. `knowledgeBase` is set only when there are no errors. */
export interface LoadResult {
  readonly knowledgeBase: KnowledgeBase | undefined;
  readonly files: number;
  readonly entries: readonly KnowledgeEntry[];
  readonly errors: readonly KnowledgeIssue[];
  readonly warnings: readonly KnowledgeIssue[];
}

/**
 * Largest knowledge file read, in bytes (`KNOWLEDGE_MAX_FILE_KB`). A larger one is an error that
 * names it, checked before the file is read: a huge file cannot stall reloads or fill memory.
 * Higher = longer files allowed, more memory and time per reload.
 */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024;

export interface LoadOptions {
  /** See `DEFAULT_MAX_FILE_BYTES`. */
  readonly maxFileBytes?: number;
}

/** Documentation files in the knowledge folder, never parsed as entries. */
function isDocumentation(name: string): boolean {
  return /^readme\.md$/i.test(name);
}

/** Lists knowledge files (`.md` except README.md, `.qna`) below `dir`, sorted, as relative paths. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const items = await readdir(folder, { withFileTypes: true });
    for (const item of items) {
      if (item.name.startsWith(".")) continue;
      const full = join(folder, item.name);
      if (item.isDirectory()) await walk(full);
      else if (item.isFile() && !isDocumentation(item.name) && /\.(md|qna)$/i.test(item.name)) {
        found.push(relative(dir, full).split(sep).join("/"));
      }
    }
  };
  await walk(dir);
  return found.sort();
}

/** Parses one file's text by its extension. */
export function parseKnowledgeFile(text: string, file: string): ParsedFile {
  return /\.qna$/i.test(file) ? parseQnaFile(text, file) : parseMarkdownEntry(text, file);
}

/** A question's identity for duplicate detection: its analysed words, folded, in order. */
function questionKey(question: string): string {
  return analyze(question)
    .map((term) => term.surface)
    .join(" ");
}

/** The `code` of a Node.js system error (works across realms, unlike `instanceof`). */
function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** Checks what no single file can: unique ids, unique questions, and `related` targets. */
export function validateDrafts(drafts: readonly DraftEntry[]): { entries: KnowledgeEntry[]; errors: KnowledgeIssue[] } {
  const errors: KnowledgeIssue[] = [];
  const byId = new Map<string, DraftEntry>();
  const byQuestion = new Map<string, DraftEntry>();
  for (const draft of drafts) {
    const first = byId.get(draft.id);
    if (first) {
      errors.push({
        file: draft.source.file,
        line: draft.idLine,
        message: `duplicate id "${draft.id}" (already used in ${first.source.file}:${first.idLine})`,
      });
    } else byId.set(draft.id, draft);

    const key = questionKey(draft.question);
    const same = key === "" ? undefined : byQuestion.get(key);
    if (same) {
      errors.push({
        file: draft.source.file,
        line: draft.questionLine,
        message: `the same question is already in ${same.source.file}:${same.questionLine} ("${same.question}")`,
      });
    } else if (key !== "") byQuestion.set(key, draft);
  }

  const entries: KnowledgeEntry[] = [];
  for (const draft of drafts) {
    const related: string[] = [];
    for (const ref of draft.related) {
      const target = ref.kind === "id" ? byId.get(ref.value) : byQuestion.get(questionKey(ref.value));
      if (!target) {
        errors.push({
          file: draft.source.file,
          line: ref.line,
          message: ref.kind === "id" ? `"related" points to unknown id "${ref.value}"` : `prompt points to unknown question "${ref.value}"`,
        });
      } else if (target.id === draft.id) {
        errors.push({ file: draft.source.file, line: ref.line, message: `"related" points to the entry itself` });
      } else if (!related.includes(target.id)) related.push(target.id);
    }
    entries.push({
      id: draft.id,
      question: draft.question,
      alternates: draft.alternates,
      tags: draft.tags,
      related,
      answer: draft.answer,
      source: draft.source,
    });
  }
  return { entries, errors };
}

/** Reads, parses and validates every knowledge file below `dir`. Never throws for bad content. */
export async function loadKnowledge(dir: string, now: () => Date = () => new Date(), options: LoadOptions = {}): Promise<LoadResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let files: string[];
  try {
    files = await listKnowledgeFiles(dir);
  } catch (error) {
    const reason = errorCode(error) === "ENOENT" ? `folder not found: ${dir}` : String(error);
    return { knowledgeBase: undefined, files: 0, entries: [], errors: [{ file: ".", line: 0, message: reason }], warnings: [] };
  }
  const drafts: DraftEntry[] = [];
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  for (const file of files) {
    let text: string;
    try {
      const { size } = await stat(join(dir, file));
      if (size > maxFileBytes) {
        errors.push({ file, line: 0, message: `file is ${Math.ceil(size / 1024)} KB, over the limit of ${Math.floor(maxFileBytes / 1024)} KB per file (KNOWLEDGE_MAX_FILE_KB); split it into smaller files` });
        continue;
      }
      text = await readFile(join(dir, file), "utf8");
    } catch (error) {
      // a file deleted between listing and reading is simply gone
      if (errorCode(error) === "ENOENT") continue;
      errors.push({ file, line: 0, message: `cannot read: ${String(error)}` });
      continue;
    }
    const parsed = parseKnowledgeFile(text, file);
    drafts.push(...parsed.drafts);
    errors.push(...parsed.errors);
    warnings.push(...parsed.warnings);
  }
  const validated = validateDrafts(drafts);
  errors.push(...validated.errors);
  if (files.length === 0) errors.push({ file: ".", line: 0, message: "no knowledge files (.md or .qna) found" });
  const ok = errors.length === 0;
  return {
    knowledgeBase: ok ? createKnowledgeBase(validated.entries, files.length, now()) : undefined,
    files: files.length,
    entries: validated.entries,
    errors,
    warnings,
  };
}
