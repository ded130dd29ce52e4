import { slugify, type DraftEntry, type ParsedFile, type RelatedRef } from "./draft";
import { checkSynonymGroup, type SynonymMember } from "./parse-synonyms";
import type { KnowledgeIssue, SynonymGroup } from "./types";

const ANCHOR = /^<a\s+id\s*=\s*"([^"]+)"\s*>\s*<\/a>\s*$/i;
const QUESTION = /^#{1,2}\s*\?\s*(.*)$/;
const LIST_ITEM = /^\s*[-*+]\s+(.*)$/;
const FENCE = /^\s*(```+|~~~+)/;
const FILTERS = /^\s*\*\*Filters:\*\*\s*$/i;
const PROMPTS = /^\s*\*\*Prompts:\*\*\s*$/i;
const PROMPT_LINK = /^\[([^\]]*)\]\(#(\??)([^)]*)\)/;
const ALTERATIONS = /^\s*\$\s*([^:]*?)\s*:\s*qna-alterations\s*=\s*$/i;
const IGNORED = /^\s*(>.*|\$.*|@.*)?$/;

interface Pair {
  anchor: string | undefined;
  question: string;
  line: number;
  alternates: string[];
  tags: string[];
  related: RelatedRef[];
  answer: string[] | undefined;
  answerLine: number;
}

/**
 * Parses a Bot Framework `.qna` file (the QnA Maker / Composer export format): `# ? question`,
 * `- alternate` lines, the answer in a fenced block, optional `**Filters:**` (become tags
 * `name:value`) and `**Prompts:**` (become related entries).
 */
export function parseQnaFile(rawInput: string, file: string): ParsedFile {
  const lines = rawInput.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  const pairs: Pair[] = [];
  const fileSlug = slugify(file.split("/").pop()?.replace(/\.qna$/i, "") ?? file);

  let pendingAnchor: string | undefined;
  let current: Pair | undefined;
  let section: "alternates" | "filters" | "prompts" | "after-answer" | "alterations" = "alternates";
  const alterations: Array<{ name: string; line: number; members: SynonymMember[] }> = [];

  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index] ?? "";
    const lineNo = index + 1;

    const anchor = ANCHOR.exec(text.trim());
    if (anchor) {
      pendingAnchor = anchor[1];
      continue;
    }
    const alteration = ALTERATIONS.exec(text);
    if (alteration) {
      const name = (alteration[1] ?? "").trim();
      alterations.push({ name, line: lineNo, members: [{ text: name, line: lineNo }] });
      section = "alterations";
      continue;
    }
    const question = QUESTION.exec(text);
    if (question) {
      current = {
        anchor: pendingAnchor,
        question: (question[1] ?? "").trim(),
        line: lineNo,
        alternates: [],
        tags: [],
        related: [],
        answer: undefined,
        answerLine: lineNo,
      };
      pendingAnchor = undefined;
      section = "alternates";
      pairs.push(current);
      if (current.question === "") errors.push({ file, line: lineNo, message: 'empty question after "# ?"' });
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      if (!current) {
        errors.push({ file, line: lineNo, message: 'answer block outside a question: start a pair with "# ? question"' });
        continue;
      }
      const marker = fence[1] ?? "```";
      const body: string[] = [];
      let closed = false;
      for (index += 1; index < lines.length; index += 1) {
        const inner = lines[index] ?? "";
        if (inner.trim().startsWith(marker)) {
          closed = true;
          break;
        }
        body.push(inner);
      }
      if (!closed) errors.push({ file, line: lineNo, message: `answer block opened with ${marker} is never closed` });
      if (current.answer) errors.push({ file, line: lineNo, message: "a question has a second answer block" });
      current.answer = body;
      current.answerLine = lineNo + 1;
      section = "after-answer";
      continue;
    }
    if (FILTERS.test(text)) {
      section = "filters";
      continue;
    }
    if (PROMPTS.test(text)) {
      section = "prompts";
      continue;
    }
    const item = LIST_ITEM.exec(text);
    const group = alterations.at(-1);
    if (item && section === "alterations" && group) {
      group.members.push({ text: (item[1] ?? "").trim(), line: lineNo });
      continue;
    }
    if (item && current) {
      const value = (item[1] ?? "").trim();
      if (section === "alternates") {
        if (value !== "") current.alternates.push(value);
      } else if (section === "filters") {
        const [name, ...rest] = value.split("=");
        const filterValue = rest.join("=").trim();
        if (!name?.trim() || filterValue === "") errors.push({ file, line: lineNo, message: 'filters must look like "- name = value"' });
        else current.tags.push(`${name.trim()}:${filterValue}`);
      } else if (section === "prompts") {
        const link = PROMPT_LINK.exec(value);
        if (!link) {
          errors.push({ file, line: lineNo, message: 'prompts must look like "- [text](#?question)" or "- [text](#id)"' });
        } else if (link[2] === "?") {
          current.related.push({ kind: "question", value: (link[3] ?? "").trim(), line: lineNo });
        } else {
          current.related.push({ kind: "id", value: `${fileSlug}-${slugify(link[3] ?? "")}`, line: lineNo });
        }
      } else {
        errors.push({ file, line: lineNo, message: "unexpected list item after the answer (expected **Prompts:** or a new question)" });
      }
      continue;
    }
    if (IGNORED.test(text)) continue;
    errors.push({ file, line: lineNo, message: `unexpected line: "${text.trim().slice(0, 60)}"` });
  }

  const drafts: DraftEntry[] = [];
  for (const pair of pairs) {
    const answer = (pair.answer ?? []).join("\n").trim();
    if (!pair.answer || answer === "") {
      errors.push({ file, line: pair.line, message: `missing answer for "${pair.question}": add it in a \`\`\` block` });
      continue;
    }
    if (pair.alternates.length === 0) warnings.push({ file, line: pair.line, message: "no alternates: add a few other ways people ask this question" });
    drafts.push({
      id: pair.anchor ? `${fileSlug}-${slugify(pair.anchor)}` : slugify(pair.question),
      idLine: pair.line,
      question: pair.question,
      questionLine: pair.line,
      alternates: pair.alternates,
      tags: pair.tags,
      related: pair.related,
      answer,
      answerLine: pair.answerLine,
      source: { file, line: pair.line },
    });
  }
  const synonyms: SynonymGroup[] = [];
  for (const { line, members } of alterations) {
    const checked = checkSynonymGroup(members, file, line, errors);
    if (checked) synonyms.push(checked);
  }
  if (pairs.length === 0 && alterations.length === 0 && errors.length === 0) {
    errors.push({ file, line: 1, message: 'no questions found: a .qna pair starts with "# ? question"' });
  }
  const ok = errors.length === 0;
  return { drafts: ok ? drafts : [], synonyms: ok ? synonyms : [], errors, warnings };
}
