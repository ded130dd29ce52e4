import matter from "gray-matter";
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from "yaml";
import { LevenshteinDistance } from "natural/lib/natural/distance";
import { ID_PATTERN, LONG_ANSWER_CHARS, slugify, type DraftEntry, type ParsedFile, type RelatedRef } from "./draft";
import { ENTRY, MARKDOWN } from "./messages";
import type { KnowledgeIssue } from "./types";
import { yamlIssues } from "./yaml-errors";

/** Front-matter keys an entry may have. Anything else is an error (typo guard). */
export const KNOWN_KEYS = ["id", "question", "alternates", "tags", "related", "contextOnly", "source"] as const;

/** Answers shorter than this many characters get a warning: they are rarely helpful. */
export const SHORT_ANSWER_CHARS = 40;

type LinePos = (offset: number) => number;

/** Splits front matter from the body with gray-matter, but keeps the raw YAML for positions. */
function splitFrontMatter(raw: string): { yaml: string; body: string; hasFrontMatter: boolean } {
  let yamlText = "";
  const file = matter(raw, {
    engines: {
      yaml: {
        parse: (text: string): object => {
          yamlText = text;
          return {};
        },
        stringify: (): string => "",
      },
    },
  });
  const hasFrontMatter = /^---[ \t]*\n/.test(raw);
  return { yaml: yamlText, body: file.content, hasFrontMatter };
}

function nodeLine(node: Node | null | undefined, linePos: LinePos, fallback: number): number {
  const start = node?.range?.[0];
  return start === undefined ? fallback : linePos(start);
}

function stringList(
  pair: Pair | undefined,
  key: string,
  linePos: LinePos,
  file: string,
  errors: KnowledgeIssue[],
): Array<{ value: string; line: number }> {
  if (!pair || pair.value === null || pair.value === undefined) return [];
  const value = pair.value;
  const keyLine = nodeLine(isScalar(pair.key) ? pair.key : null, linePos, 1);
  if (isScalar(value)) {
    if (value.value === null) return [];
    if (typeof value.value === "string") return value.value.trim() === "" ? [] : [{ value: value.value.trim(), line: keyLine }];
    errors.push({ file, line: keyLine, message: MARKDOWN.notList(key) });
    return [];
  }
  if (!isSeq(value)) {
    errors.push({ file, line: keyLine, message: MARKDOWN.notList(key) });
    return [];
  }
  const items: Array<{ value: string; line: number }> = [];
  for (const item of value.items) {
    const line = nodeLine(isNode(item) ? item : null, linePos, keyLine);
    if (isScalar(item) && (typeof item.value === "string" || typeof item.value === "number")) {
      const text = String(item.value).trim();
      if (text === "") errors.push({ file, line, message: MARKDOWN.emptyItem(key) });
      else items.push({ value: text, line });
    } else {
      errors.push({ file, line, message: MARKDOWN.itemNotText(key) });
    }
  }
  return items;
}

/** `true`/`false`, or absent (false). */
function booleanValue(pair: Pair | undefined, key: string, linePos: LinePos, file: string, errors: KnowledgeIssue[]): boolean {
  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return false;
  if (isScalar(pair.value) && typeof pair.value.value === "boolean") return pair.value.value;
  errors.push({ file, line: nodeLine(isScalar(pair.key) ? pair.key : null, linePos, 1), message: MARKDOWN.notBoolean(key) });
  return false;
}

/** `related`: ids, or `{ id, title }` items where the follow-up button has its own title. */
function relatedList(pair: Pair | undefined, linePos: LinePos, file: string, errors: KnowledgeIssue[]): RelatedRef[] {
  if (!pair || !isSeq(pair.value)) {
    return stringList(pair, "related", linePos, file, errors).map((r) => ({ kind: "id", value: r.value, line: r.line }));
  }
  const keyLine = nodeLine(isScalar(pair.key) ? pair.key : null, linePos, 1);
  const refs: RelatedRef[] = [];
  for (const item of pair.value.items) {
    const line = nodeLine(isNode(item) ? item : null, linePos, keyLine);
    if (isScalar(item) && (typeof item.value === "string" || typeof item.value === "number") && String(item.value).trim() !== "") {
      refs.push({ kind: "id", value: String(item.value).trim(), line });
      continue;
    }
    if (isMap(item)) {
      const id = item.get("id");
      const title = item.get("title");
      const extra = item.items.map((p) => (isScalar(p.key) ? String(p.key.value) : "")).filter((k) => k !== "id" && k !== "title");
      if ((typeof id === "string" || typeof id === "number") && String(id).trim() !== "" && (title === undefined || typeof title === "string") && extra.length === 0) {
        refs.push({ kind: "id", value: String(id).trim(), line, ...(typeof title === "string" && title.trim() !== "" ? { title: title.trim() } : {}) });
        continue;
      }
    }
    errors.push({ file, line, message: MARKDOWN.badRelatedItem });
  }
  return refs;
}

function closestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_KEYS) {
    const distance = LevenshteinDistance(key.toLowerCase(), known);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

/** First line (1-based) of the body that has text, for pointing at the answer. */
function bodyLine(raw: string, body: string): number {
  const bodyStart = raw.endsWith(body) ? raw.length - body.length : raw.length;
  const firstText = raw.slice(bodyStart).search(/\S/);
  if (firstText === -1) return raw.slice(0, bodyStart).trimEnd().split("\n").length + 1;
  return raw.slice(0, bodyStart + firstText).split("\n").length;
}

/**
 * Parses one Markdown entry: YAML front matter (id, question, alternates, tags, related,
 * contextOnly, and `source`, a QnA Maker pair's source kept by `kb:import` for `kb:export`)
 * and the answer as the Markdown body. `file` is the path relative to the knowledge folder.
 */
export function parseMarkdownEntry(rawInput: string, file: string): ParsedFile {
  const raw = rawInput.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  const { yaml, body, hasFrontMatter } = splitFrontMatter(raw);
  if (!hasFrontMatter) {
    errors.push({ file, line: 1, message: MARKDOWN.noFrontMatter });
    return { drafts: [], synonyms: [], errors, warnings };
  }
  // without its closing line the answer is read as YAML, and its first line gets a YAML error that points nowhere near the slip
  if (!raw.split("\n").slice(1).some((line) => /^---[ \t]*$/.test(line))) {
    errors.push({ file, line: 1, message: MARKDOWN.noClosingLine });
    return { drafts: [], synonyms: [], errors, warnings };
  }

  // gray-matter keeps the newline after the opening "---", so YAML line N is file line N.
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const linePos: LinePos = (offset) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    errors.push(...yamlIssues(doc.errors, yaml, lineCounter, file));
    return { drafts: [], synonyms: [], errors, warnings };
  }
  const contents = doc.contents;
  if (!isMap(contents)) {
    errors.push({ file, line: 1, message: MARKDOWN.notKeyValue(KNOWN_KEYS) });
    return { drafts: [], synonyms: [], errors, warnings };
  }

  const pairs = new Map<string, Pair>();
  /** Known keys an unknown one is probably a typo of: their absence is that same slip, reported once. */
  const misspelled = new Set<string>();
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const line = nodeLine(isScalar(pair.key) ? pair.key : null, linePos, 1);
    if (!KNOWN_KEYS.some((known) => known === key)) {
      const suggestion = closestKey(key);
      if (suggestion !== undefined) misspelled.add(suggestion);
      errors.push({ file, line, message: MARKDOWN.unknownKey(key, suggestion, KNOWN_KEYS) });
      continue;
    }
    pairs.set(key, pair);
  }

  const scalarText = (key: string): { value: string; line: number } | undefined => {
    const pair = pairs.get(key);
    if (!pair) return undefined;
    const line = nodeLine(isScalar(pair.key) ? pair.key : null, linePos, 1);
    if (isScalar(pair.value) && (typeof pair.value.value === "string" || typeof pair.value.value === "number")) {
      return { value: String(pair.value.value).trim(), line };
    }
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return { value: "", line };
    errors.push({ file, line, message: MARKDOWN.notSingleLine(key) });
    return undefined;
  };

  const question = scalarText("question");
  if (!question) {
    if (!pairs.has("question") && !misspelled.has("question")) errors.push({ file, line: 1, message: MARKDOWN.noQuestion });
  } else if (question.value === "") {
    errors.push({ file, line: question.line, message: MARKDOWN.emptyQuestion });
  }

  const idField = scalarText("id");
  const fileStem = file.split("/").pop()?.replace(/\.md$/i, "") ?? file;
  const id = idField?.value ? idField.value : slugify(fileStem);
  const idLine = idField?.line ?? 1;
  if (idField && idField.value === "") errors.push({ file, line: idLine, message: MARKDOWN.emptyId });
  else if (!ID_PATTERN.test(id)) {
    errors.push({ file, line: idLine, message: MARKDOWN.badId(id) });
  }

  const answer = body.trim();
  const answerLine = bodyLine(raw, body);
  // an HTML comment is an editor's note (a draft's "TODO"), never text for customers
  const visible = answer.replace(/<!--[\s\S]*?(-->|$)/g, "").trim();
  if (answer === "") errors.push({ file, line: answerLine, message: MARKDOWN.noAnswer });
  else if (visible === "") errors.push({ file, line: answerLine, message: MARKDOWN.onlyComment });
  else if (visible.length < SHORT_ANSWER_CHARS) warnings.push({ file, line: answerLine, message: MARKDOWN.shortAnswer(visible.length) });
  else if (answer.length > LONG_ANSWER_CHARS) warnings.push({ file, line: answerLine, message: ENTRY.longAnswer(answer.length, LONG_ANSWER_CHARS) });

  const alternates = stringList(pairs.get("alternates"), "alternates", linePos, file, errors).map((a) => a.value);
  if (alternates.length === 0 && question?.value) {
    warnings.push({ file, line: question.line, message: ENTRY.noAlternates });
  }
  const tagItems = stringList(pairs.get("tags"), "tags", linePos, file, errors);
  const tags = tagItems.map((t) => t.value);
  const related = relatedList(pairs.get("related"), linePos, file, errors);
  const contextOnly = booleanValue(pairs.get("contextOnly"), "contextOnly", linePos, file, errors);
  const pairSource = scalarText("source");
  if (pairSource?.value === "") errors.push({ file, line: pairSource.line, message: MARKDOWN.emptySource });

  if (errors.length > 0 || !question) return { drafts: [], synonyms: [], errors, warnings };
  const draft: DraftEntry = {
    id,
    idLine,
    question: question.value,
    questionLine: question.line,
    alternates,
    tags,
    tagLines: tagItems.map((t) => t.line),
    // `name:value` tags are filters, as `.qna` filters become such tags: the same question may
    // then repeat with other filters (one answer per city) without being a duplicate
    filters: tags.flatMap((tag) => {
      const colon = tag.indexOf(":");
      return colon > 0 ? [{ name: tag.slice(0, colon).trim(), value: tag.slice(colon + 1).trim() }] : [];
    }),
    related,
    contextOnly,
    ...(pairSource ? { pairSource: pairSource.value } : {}),
    answer,
    answerLine,
    source: { file, line: 1 },
  };
  return { drafts: [draft], synonyms: [], errors, warnings };
}
