import { Document, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { TAG_FILTER } from "./parse-qna";
import type { KnowledgeBase, KnowledgeEntry, SynonymGroup } from "./types";

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

/** The Markdown entry file for `entry`: front matter (id, question, alternates, tags, related, contextOnly), then the answer. */
export function entryToMarkdown(entry: KnowledgeEntry): string {
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
  const frontMatter = doc.toString({ lineWidth: 0 });
  return `---\n${frontMatter}---\n\n${entry.answer.trim()}\n`;
}

/** What `.qna` cannot hold, per entry, for the exporter's warnings. */
export interface ExportWarning {
  readonly id: string;
  readonly message: string;
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

/**
 * Writes the knowledge base as one `.qna` file: a numeric anchor per entry (bf-lu's ids are
 * numbers), its question and alternates, tags as `**Filters:**`, the answer in a ```markdown
 * block, follow-ups as `**Prompts:**` (their titles as display text, `context-only` when the
 * target is reached only as a follow-up), and synonym groups as `qna-alterations`.
 * Memnun's ids do not survive: `.qna` has only numeric ids.
 */
export function knowledgeToQna(kb: KnowledgeBase): { text: string; warnings: ExportWarning[] } {
  const warnings: ExportWarning[] = [];
  const number = new Map(kb.entries.map((entry, index) => [entry.id, index + 1]));
  const offered = new Set(kb.entries.flatMap((entry) => entry.related));
  const blocks: string[] = ["> Memnun bilgi bankasından dışa aktarıldı (npm run kb:export -- --qna)."];
  for (const entry of kb.entries) {
    const lines: string[] = [`<a id = "${number.get(entry.id) ?? 0}"></a>`, "", `# ? ${oneLine(entry.question)}`];
    for (const alternate of entry.alternates) lines.push(`- ${oneLine(alternate)}`);
    if (entry.tags.length > 0) {
      lines.push("", "**Filters:**");
      for (const tag of entry.tags) {
        const filter = tagToFilter(tag);
        if (filter.value.includes("=")) warnings.push({ id: entry.id, message: `tag "${tag}": bf-lu keeps a filter value only up to its first "="` });
        lines.push(`- ${filter.name} = ${filter.value}`);
      }
    }
    let answer = entry.answer.trim();
    if (answer.includes("```")) {
      warnings.push({ id: entry.id, message: "the answer holds ``` which a .qna answer block cannot: written as '''" });
      answer = answer.replace(/```/g, "'''");
    }
    lines.push("", "```markdown", answer, "```");
    if (entry.related.length > 0) {
      lines.push("", "**Prompts:**");
      for (const id of entry.related) {
        const target = kb.byId.get(id);
        if (!target) continue;
        const title = oneLine(entry.relatedTitles?.[id] ?? target.question);
        if (/[\]]/.test(title)) warnings.push({ id: entry.id, message: `follow-up title "${title}" holds "]", which a .qna prompt cannot` });
        lines.push(`- [${title.replace(/]/g, ")")}](#${number.get(id) ?? 0})${target.contextOnly ? " `context-only`" : ""}`);
      }
    }
    if (entry.contextOnly && !offered.has(entry.id)) {
      warnings.push({ id: entry.id, message: "reached only as a follow-up, but no entry offers it: .qna cannot say so without a prompt" });
    }
    blocks.push(lines.join("\n"));
  }
  for (const group of kb.synonyms) blocks.push(alterationsBlock(group));
  return { text: `${blocks.join("\n\n")}\n`, warnings };
}

function alterationsBlock(group: SynonymGroup): string {
  const [name, ...rest] = group.words;
  return [`$${name ?? ""} : qna-alterations =`, ...rest.map((word) => `- ${word}`)].join("\n");
}

/** `synonyms.yaml` for synonym groups (what `kb:import` writes from `qna-alterations`). */
export function synonymsToYaml(groups: readonly SynonymGroup[]): string {
  const lines = ["# Her satır bir eş anlamlılar grubudur. Bot, gruptaki her kelimeyi ilk kelime gibi anlar."];
  for (const group of groups) lines.push(`- [${group.words.map((word) => JSON.stringify(word)).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}
