import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isSeq, parseDocument, Scalar } from "yaml";
import { writeFileAtomic } from "../atomic-file";
import { EDIT } from "./messages";

/** Result of adding alternates to one file. */
export interface EditResult {
  readonly file: string;
  readonly added: readonly string[];
  /** Why nothing was written, when nothing was. */
  readonly skipped?: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/;

/**
 * Appends questions to the `alternates` of a Markdown entry, editing only its front matter
 * through the YAML document model, so comments, key order, quoting and the body are kept.
 * `.qna` files are not edited (their editors use other tools). The file is replaced whole
 * (`writeFileAtomic`): the knowledge watcher, the server and a crash or full disk meet the old
 * entry or the new one, never a truncated one. Throws `AtomicWriteError` when it cannot be written.
 */
export async function addAlternates(dir: string, file: string, texts: readonly string[]): Promise<EditResult> {
  if (!file.endsWith(".md")) return { file, added: [], skipped: EDIT.notMarkdown };
  const path = join(dir, file);
  const original = await readFile(path, "utf8");
  const match = FRONT_MATTER.exec(original);
  if (!match) return { file, added: [], skipped: EDIT.noFrontMatter };
  const document = parseDocument(match[1] ?? "");
  if (document.errors.length > 0) return { file, added: [], skipped: EDIT.frontMatterUnreadable(document.errors[0]?.message ?? "") };
  const existing = document.get("alternates");
  const present = new Set<string>(isSeq(existing) ? existing.items.map((item) => String(item instanceof Scalar ? item.value : item)) : []);
  const added = texts.filter((text) => text.trim() !== "" && !present.has(text));
  if (added.length === 0) return { file, added: [] };
  for (const text of added) {
    const node = new Scalar(text);
    node.type = Scalar.QUOTE_DOUBLE;
    document.addIn(["alternates"], node);
  }
  const frontMatter = document.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, "");
  const eol = original.includes("\r\n") ? "\r\n" : "\n";
  const updated = `---${eol}${frontMatter.split("\n").join(eol)}${eol}---${match[2] ?? eol}${original.slice(match[0].length)}`;
  await writeFileAtomic(path, updated);
  return { file, added };
}
