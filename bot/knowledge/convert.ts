import { Document, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { CONVERT } from "./messages";
import { textKey } from "./normalize";
import { parseSynonymsFile } from "./parse-synonyms";
import { TAG_FILTER } from "./parse-qna";
import type { KnowledgeBase, KnowledgeEntry, SourceRef, SynonymGroup } from "./types";

/**
 * Conversions between Memnun's knowledge and other formats: one Markdown file per entry (what
 * `kb:import` writes from a `.qna` file), and a `.qna` file of the whole knowledge base that
 * Microsoft's `bf-lu` reads back to the same pairs (what `kb:export -- --qna` writes).
 */

/** A string as a double-quoted YAML scalar: questions often end in `?` or hold `:`. */
function quoted(text: string): Scalar<string> {
  const node = new Scalar(text);
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function quotedList(texts: readonly string[], flow: boolean): YAMLSeq<Scalar<string>> {
  const seq = new YAMLSeq<Scalar<string>>();
  seq.flow = flow;
  for (const text of texts) seq.items.push(quoted(text));
  return seq;
}

/**
 * The comment `kb:import` starts the front matter of its files with, naming the `.qna` file they
 * came from (`# kb:import: sss.qna`): how a later import of the same file recognises them, and
 * finds those of pairs it no longer has. A comment, so the loader and editors' tools pass it by.
 */
const IMPORT_MARK = "kb:import:";
const IMPORT_MARK_LINE = new RegExp(`^#\\s*${IMPORT_MARK}\\s*(.*?)\\s*$`);

/**
 * The Markdown entry file for `entry`: front matter (id, question, alternates, tags, related,
 * contextOnly, source), then the answer. `origin` (a `.qna` file name) is written as `IMPORT_MARK`.
 */
export function entryToMarkdown(entry: KnowledgeEntry, origin?: string): string {
  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root;
  root.set("id", entry.id);
  root.set("question", quoted(entry.question));
  if (entry.alternates.length > 0) root.set("alternates", quotedList(entry.alternates, false));
  if (entry.tags.length > 0) root.set("tags", quotedList(entry.tags, true));
  if (entry.related.length > 0) {
    const related = new YAMLSeq();
    for (const id of entry.related) {
      const title = entry.relatedTitles?.[id];
      related.items.push(title === undefined ? id : doc.createNode({ id, title: quoted(title) }));
    }
    root.set("related", related);
  }
  if (entry.contextOnly) root.set("contextOnly", true);
  if (entry.pairSource !== undefined) root.set("source", quoted(entry.pairSource));
  const frontMatter = doc.toString({ lineWidth: 0 });
  const mark = origin === undefined ? "" : `# ${IMPORT_MARK} ${oneLine(origin)}\n`;
  return `---\n${mark}${frontMatter}---\n\n${entry.answer.trim()}\n`;
}

/** The `.qna` file name a Markdown entry file's front matter names in an `IMPORT_MARK` comment, if it has one. */
export function importedFrom(text: string): string | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trimEnd() !== "---") return undefined;
  for (const line of lines.slice(1)) {
    if (/^---\s*$/.test(line)) return undefined;
    const mark = IMPORT_MARK_LINE.exec(line);
    if (mark?.[1]) return mark[1];
  }
  return undefined;
}

/**
 * What writing an entry as `.qna` changes, for the exporter's warnings (their Turkish texts are
 * `KB_EXPORT` in `cli/messages.ts`). Each was checked against bf-lu, Microsoft's reader:
 * - `fences`: bf-lu ends an answer block at any ```, with no escape (a longer fence, `~~~` as
 *   the block's fence, an indented or inline ``` all fail to parse). The answer's code fences are
 *   written as `~~~` fences of the same length instead: the same code block in Markdown, but the
 *   text differs. Only when every ``` is on a fence line and the answer has no `~~~` fence.
 * - `backticks`: otherwise (``` inside a line, or `~~~` fences already there) ``` becomes `'''`,
 *   and the code formatting is lost.
 * - `promptTitle`: both readers end a title at the first `](` followed by `#`; a `]` elsewhere
 *   is kept as it is (they take the shortest title that leaves a valid link), so only `](#` is
 *   broken up, as `] (#`.
 * - `filter`: bf-lu splits a filter line at every `=` and keeps the first two parts.
 * - `contextOnlyLost`: `.qna` says "only as a follow-up" on a prompt (`context-only`); an entry
 *   no other entry offers has no prompt to say it on, so it is written as an ordinary pair.
 */
export type ExportChange =
  | { readonly kind: "fences" }
  | { readonly kind: "backticks" }
  | { readonly kind: "promptTitle"; readonly title: string; readonly written: string }
  | { readonly kind: "filter"; readonly tag: string; readonly written: string; readonly read: string }
  | { readonly kind: "contextOnlyLost" };

/** One change, charged to the entry's file and line. */
export interface ExportWarning {
  readonly source: SourceRef;
  readonly change: ExportChange;
}

/** A Markdown tag as a `.qna` filter: `name:value` → `name = value`, a plain tag → `tag = value`. */
function tagToFilter(tag: string): { name: string; value: string } {
  const colon = tag.indexOf(":");
  return colon > 0 ? { name: tag.slice(0, colon).trim(), value: tag.slice(colon + 1).trim() } : { name: TAG_FILTER, value: tag.trim() };
}

/** Text on one `.qna` line: line breaks would end it. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

const BACKTICKS = "```";
/** A Markdown code fence of backticks: up to 3 spaces, 3 or more backticks, an info string without one. */
const BACKTICK_FENCE = /^( {0,3})(`{3,})([^`]*)$/;
const TILDE_FENCE = /^ {0,3}~{3,}/;

/** The answer as a `.qna` answer block can hold it, and what that changed (see `ExportChange`). */
function qnaAnswer(answer: string): { text: string; change?: ExportChange } {
  if (!answer.includes(BACKTICKS)) return { text: answer };
  const lines = answer.split("\n");
  const fencesOnly = lines.every((line) => !line.includes(BACKTICKS) || BACKTICK_FENCE.test(line)) && !lines.some((line) => TILDE_FENCE.test(line));
  if (fencesOnly) {
    const text = lines.map((line) => line.replace(BACKTICK_FENCE, (_all, indent: string, ticks: string, info: string) => `${indent}${"~".repeat(ticks.length)}${info}`));
    return { text: text.join("\n"), change: { kind: "fences" } };
  }
  return { text: answer.replaceAll(BACKTICKS, "'''"), change: { kind: "backticks" } };
}

/** Where a prompt's title would end early: a `]` followed by `(` and `#`, as both readers find the link. */
const TITLE_END = /\](?=\(\s*#)/g;

/**
 * Writes the knowledge base as one `.qna` file: a numeric anchor per entry (bf-lu's ids are
 * numbers), after its pair source if it has one, its question and alternates, tags as `**Filters:**`, the answer in a ```markdown
 * block, follow-ups as `**Prompts:**` (their titles as display text, `context-only` when the
 * target is reached only as a follow-up), and synonym groups as `qna-alterations`.
 * Memnun's ids do not survive: `.qna` has only numeric ids.
 */
export function knowledgeToQna(kb: KnowledgeBase): { text: string; warnings: ExportWarning[] } {
  const warnings: ExportWarning[] = [];
  /** Charged to the line the change concerns (a tag's, the answer's first backticks', a follow-up's) when the entry knows it. */
  const warn = (entry: KnowledgeEntry, change: ExportChange, line = entry.source.line): void => {
    warnings.push({ source: { file: entry.source.file, line }, change });
  };
  const number = new Map(kb.entries.map((entry, index) => [entry.id, index + 1]));
  const offered = new Set(kb.entries.flatMap((entry) => entry.related));
  const blocks: string[] = ["> Memnun bilgi bankasından dışa aktarıldı (npm run kb:export -- --qna)."];
  for (const entry of kb.entries) {
    // bf-lu reads a pair's source from the comment before its anchor; without one it says "custom editorial"
    const source = entry.pairSource === undefined ? [] : [`> !# @qna.pair.source = ${oneLine(entry.pairSource)}`, ""];
    const lines: string[] = [...source, `<a id = "${number.get(entry.id) ?? 0}"></a>`, "", `# ? ${oneLine(entry.question)}`];
    for (const alternate of entry.alternates) lines.push(`- ${oneLine(alternate)}`);
    if (entry.tags.length > 0) {
      lines.push("", "**Filters:**");
      entry.tags.forEach((tag, index) => {
        const filter = tagToFilter(tag);
        const written = `${filter.name} = ${filter.value}`;
        // as bf-lu reads a filter line
        const [name = "", value = ""] = written.split("=").map((part) => part.trim());
        if (name !== filter.name || value !== filter.value) warn(entry, { kind: "filter", tag, written, read: `${name} = ${value}` }, entry.lines?.tags[index]);
        lines.push(`- ${written}`);
      });
    }
    const answer = qnaAnswer(entry.answer.trim());
    if (answer.change) {
      const backticks = entry.answer.split("\n").findIndex((line) => line.includes(BACKTICKS));
      warn(entry, answer.change, entry.lines ? entry.lines.answer + Math.max(0, backticks) : undefined);
    }
    lines.push("", "```markdown", answer.text, "```");
    if (entry.related.length > 0) {
      lines.push("", "**Prompts:**");
      for (const id of entry.related) {
        const target = kb.byId.get(id);
        if (!target) continue;
        const title = oneLine(entry.relatedTitles?.[id] ?? target.question);
        const written = title.replace(TITLE_END, "] ");
        if (written !== title) warn(entry, { kind: "promptTitle", title, written }, entry.lines?.related[id]);
        lines.push(`- [${written}](#${number.get(id) ?? 0})${target.contextOnly ? " `context-only`" : ""}`);
      }
    }
    if (entry.contextOnly && !offered.has(entry.id)) warn(entry, { kind: "contextOnlyLost" });
    blocks.push(lines.join("\n"));
  }
  for (const group of kb.synonyms) blocks.push(alterationsBlock(group));
  return { text: `${blocks.join("\n\n")}\n`, warnings };
}

function alterationsBlock(group: SynonymGroup): string {
  const [name, ...rest] = group.words;
  return [`$${name ?? ""} : qna-alterations =`, ...rest.map((word) => `- ${word}`)].join("\n");
}

/** One group of `synonyms.yaml` as written by the importer: `- ["a", "b"]`. */
function groupLine(words: readonly string[]): string {
  return `- [${words.map((word) => JSON.stringify(word)).join(", ")}]`;
}

/** `synonyms.yaml` for synonym groups (what `kb:import` writes from `qna-alterations`). */
export function synonymsToYaml(groups: readonly SynonymGroup[]): string {
  return `${[`# ${CONVERT.synonymsHeader}`, ...groups.map((group) => groupLine(group.words))].join("\n")}\n`;
}

/** A `synonyms.yaml` that exists already: its text as read, and its groups as parsed (without errors). */
export interface ExistingSynonyms {
  readonly text: string;
  readonly groups: readonly SynonymGroup[];
}

/** An imported group left out, and the existing group it met. */
export interface SkippedSynonymGroup {
  readonly group: SynonymGroup;
  /** The group it met: an existing one, or one added before it from the same import. */
  readonly existing: SynonymGroup;
  /** The imported members the existing group holds too, as the import wrote them. */
  readonly shared: readonly string[];
}

/** What merging imported groups into a `synonyms.yaml` gives. */
export interface SynonymsMerge {
  /**
   * `new`: no file yet, `text` is the whole file. `appended`: `text` is the existing file with
   * the added groups at its end. `unchanged`: nothing to add, nothing to write. `unmergeable`:
   * the existing file is laid out so that no group can be appended safely; nothing to write.
   */
  readonly status: "new" | "appended" | "unchanged" | "unmergeable";
  readonly text: string;
  /** The imported groups written, in their order. */
  readonly added: readonly SynonymGroup[];
  /** Groups every member of which one existing group already holds: nothing to add. */
  readonly duplicates: readonly SkippedSynonymGroup[];
  /**
   * Groups sharing some members with an existing group: appended, they would put a word in two
   * groups, which the loader refuses (and the whole file with it). Left for an editor to merge.
   */
  readonly clashes: readonly SkippedSynonymGroup[];
}

/**
 * Adds imported synonym groups (`.qna` alterations) to a `synonyms.yaml` without losing anything
 * an editor wrote: the existing text is kept byte for byte (groups, comments, order, quoting) and
 * the new groups are appended after a comment naming `origin`. (A list written in brackets or
 * indented takes them through the YAML document model instead: groups and comments are kept,
 * spacing may change.) A group is left out when an
 * existing group, in this file or in `elsewhere` (the other synonym groups the loader reads with
 * it), already holds all its members, or some of them. The result is parsed back: it must hold
 * exactly the existing groups, then the added ones, or it is `unmergeable`.
 */
export function mergeSynonyms(
  existing: ExistingSynonyms | undefined,
  imported: readonly SynonymGroup[],
  elsewhere: readonly SynonymGroup[],
  origin: string,
): SynonymsMerge {
  const owners = new Map<string, SynonymGroup>();
  const claim = (group: SynonymGroup): void => {
    for (const word of group.words) if (!owners.has(textKey(word))) owners.set(textKey(word), group);
  };
  for (const group of [...(existing?.groups ?? []), ...elsewhere]) claim(group);
  const added: SynonymGroup[] = [];
  const duplicates: SkippedSynonymGroup[] = [];
  const clashes: SkippedSynonymGroup[] = [];
  for (const group of imported) {
    const met = group.words.map((word) => owners.get(textKey(word)));
    const first = met.find((owner) => owner !== undefined);
    if (first === undefined) {
      added.push(group);
      claim(group);
      continue;
    }
    const shared = group.words.filter((_word, i) => met[i] === first);
    (met.every((owner) => owner === first) ? duplicates : clashes).push({ group, existing: first, shared });
  }
  const result = { added, duplicates, clashes };
  if (!existing) return added.length === 0 ? { status: "unchanged", text: "", ...result } : { status: "new", text: synonymsToYaml(added), ...result };
  if (added.length === 0) return { status: "unchanged", text: existing.text, ...result };
  const expected = [...existing.groups, ...added].map((group) => group.words);
  for (const text of [appendLines(existing.text, added, origin), appendNodes(existing.text, added, origin)]) {
    if (text === undefined) continue;
    const parsed = parseSynonymsFile(text, "synonyms.yaml");
    if (parsed.errors.length === 0 && JSON.stringify(parsed.groups.map((group) => group.words)) === JSON.stringify(expected)) return { status: "appended", text, ...result };
  }
  return { status: "unmergeable", text: existing.text, ...result };
}

/** The existing text, a line break if it lacks a last one, the origin comment, one line per group (in the file's line endings). */
function appendLines(text: string, groups: readonly SynonymGroup[], origin: string): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = [`# ${CONVERT.appendedFrom(origin)}`, ...groups.map((group) => groupLine(group.words))];
  const base = text === "" || text.endsWith("\n") ? text : `${text}${eol}`;
  return `${base}${lines.join(eol)}${eol}`;
}

/**
 * For a list written so that lines cannot simply follow it (`[[a, b], [c, d]]`, or indented):
 * the groups added to the list through the YAML document model, which keeps comments.
 */
function appendNodes(text: string, groups: readonly SynonymGroup[], origin: string): string | undefined {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const doc = parseDocument(text.slice(bom.length).replace(/\r\n?/g, "\n"));
  if (doc.errors.length > 0 || !isSeq(doc.contents)) return undefined;
  groups.forEach((group, i) => {
    const node = quotedList(group.words, true);
    if (i === 0) node.commentBefore = ` ${CONVERT.appendedFrom(origin)}`;
    doc.add(node);
  });
  return bom + doc.toString({ lineWidth: 0, flowCollectionPadding: false }).split("\n").join(eol);
}
