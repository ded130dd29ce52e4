import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { KnowledgeEntry } from "../../bot/knowledge/types";

/** Writes files (name → text, sub-folders created) into `dir`, replacing what is there. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}

/** A new temporary knowledge folder holding `files`. */
export async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "memnun-kb-"));
  await writeFiles(dir, files);
  return dir;
}

/** A knowledge entry as the loader makes one from `<id>.md`, with a short answer of its own; `extra` overrides any field. */
export function knowledgeEntry(id: string, question: string, extra: Partial<KnowledgeEntry> = {}): KnowledgeEntry {
  return { id, question, alternates: [], tags: [], related: [], answer: `${question} Bu, ${id} girdisinin cevabıdır.`, source: { file: `${id}.md`, line: 1 }, ...extra };
}
