import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isNode, isSeq, parseDocument, Scalar, type Document, type YAMLSeq } from "yaml";
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
 * Appends questions to the `alternates` of a Markdown entry. Only the list changes: new items go
 * after its last item, in its style (a `- …` line with the items' indentation, or `, "…"` inside
 * `[…]`), so every other byte of the file stays as the editor wrote it (QA 48: a rewrite through
 * the YAML document model reformatted the `tags` line). The result is parsed back; should it not
 * hold exactly the old alternates and the new ones (or without a list to extend), the front
 * matter is written through the document model, which keeps comments, key order and quoting.
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
  // offsets below are in this text; the file's line endings are put back on writing
  const yaml = (match[1] ?? "").replace(/\r\n/g, "\n");
  const document = parseDocument(yaml);
  if (document.errors.length > 0) return { file, added: [], skipped: EDIT.frontMatterUnreadable(document.errors[0]?.message ?? "") };
  const existing = document.get("alternates");
  const before = isSeq(existing) ? existing.items.map((item) => String(item instanceof Scalar ? item.value : item)) : [];
  const present = new Set<string>(before);
  const added = texts.filter((text) => text.trim() !== "" && !present.has(text));
  if (added.length === 0) return { file, added: [] };
  const eol = original.includes("\r\n") ? "\r\n" : "\n";
  const inPlace = isSeq(existing) ? appendedInPlace(yaml, existing, added) : undefined;
  const expected = JSON.stringify([...before, ...added]);
  const frontMatter =
    inPlace !== undefined && JSON.stringify(alternatesOf(inPlace)) === expected ? inPlace : rewritten(document, added);
  const updated = `---${eol}${frontMatter.split("\n").join(eol)}${eol}---${match[2] ?? eol}${original.slice(match[0].length)}`;
  await writeFileAtomic(path, updated);
  return { file, added };
}

/** The front matter with `added` after the list's last item, in the list's style; undefined when the list has no item to follow. */
function appendedInPlace(yaml: string, list: YAMLSeq, added: readonly string[]): string | undefined {
  const last = list.items.at(-1);
  const first = list.items[0];
  const end = isNode(last) ? last.range?.[1] : undefined;
  const start = isNode(first) ? first.range?.[0] : undefined;
  if (end === undefined || start === undefined) return undefined;
  // a quoted text is a valid YAML double-quoted scalar as JSON writes it
  const quoted = added.map((text) => JSON.stringify(text));
  if (list.flow) return `${yaml.slice(0, end)}${quoted.map((text) => `, ${text}`).join("")}${yaml.slice(end)}`;
  const lineStart = yaml.lastIndexOf("\n", start - 1) + 1;
  const dash = yaml.lastIndexOf("-", start - 1);
  if (dash < lineStart) return undefined;
  const indent = yaml.slice(lineStart, dash);
  if (indent.trim() !== "") return undefined;
  const lineEnd = yaml.indexOf("\n", end);
  const at = lineEnd === -1 ? yaml.length : lineEnd;
  return `${yaml.slice(0, at)}${quoted.map((text) => `\n${indent}- ${text}`).join("")}${yaml.slice(at)}`;
}

/** The alternates a front matter holds, or undefined when it does not parse. */
function alternatesOf(yaml: string): string[] | undefined {
  const document = parseDocument(yaml);
  if (document.errors.length > 0) return undefined;
  const list = document.get("alternates");
  return isSeq(list) ? list.items.map((item) => String(item instanceof Scalar ? item.value : item)) : undefined;
}

/** The front matter written through the document model with `added` appended to `alternates`. */
function rewritten(document: Document, added: readonly string[]): string {
  for (const text of added) {
    const node = new Scalar(text);
    node.type = Scalar.QUOTE_DOUBLE;
    document.addIn(["alternates"], node);
  }
  return document.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, "");
}
