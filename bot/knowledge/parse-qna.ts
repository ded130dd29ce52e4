import { LONG_ANSWER_CHARS, MAX_ID_LENGTH, shortHash, slugify, type DraftEntry, type Filter, type ParsedFile, type RelatedRef } from "./draft";
import { textKey } from "./normalize";
import { checkSynonymGroup, type SynonymMember } from "./parse-synonyms";
import { ENTRY, QNA } from "./messages";
import type { KnowledgeIssue, SynonymGroup } from "./types";

const ANCHOR = /^<a\s+id\s*=\s*["']([^"']*)["']\s*>\s*<\/a>$/i;
/** A pair's question: any number of `#`, then `?` (bf-lu accepts `#? q`, `### ? q`). */
const QUESTION = /^\s*#+\s*\?\s*(.*)$/;
/** A heading without `?`: an LU intent section (`# Greeting`). */
const INTENT = /^\s*#+\s*([^?\s].*)$/;
const LIST_ITEM = /^\s*[-*+](?:\s+(.*))?$/;
const FENCE = /^\s*(```+|~~~+)/;
const FILTERS = /^\s*\*\*Filters:\*\*\s*$/i;
const PROMPTS = /^\s*\*\*Prompts:\*\*\s*$/i;
/** A prompt, as bf-lu reads it: `[title](#?question)`, `[title](#id)`, `[title](# ? q) \`context-only\``. */
const PROMPT = /^\[(.*?)]\(\s*#\s*[ ?]*(.*?)\)\s*(`context-only`)?.*$/i;
const ALTERATIONS = /^\s*\$\s*([^:]*?)\s*:\s*qna-alterations\s*=\s*$/i;
/** Another LU definition line (`$list : …`, `@ ml entity`): LU models, not QnA. */
const LU_DEFINITION = /^\s*[$@]/;
/** A whole line that is a link: `[import](common.qna)`, `[FAQ](https://…)`, `[manual](x.pdf)`. */
const LINK_LINE = /^\s*\[([^\]]*)\]\(([^)]*)\)\s*$/;
/** A reference definition: `[1]: ./file.qna`. */
const REFERENCE_LINE = /^\s*\[[^\]]+\]\s*:\s*\S+/;
/** An alternate that is an utterance reference (`[x](./a.lu#Greeting)`), as bf-lu detects them. */
const UTTERANCE_REFERENCE = /^\[[^[]+\](\([^|]+\)|\[[^[]+\])$/;
const COMMENT = /^\s*>/;
/** The comment that names the next pair's source, as bf-lu reads it (`> !# @qna.pair.source = Editorial`). */
const PAIR_SOURCE = /^\s*>\s*!#\s*@qna\.pair\.source\s*=\s*(.*?)\s*$/i;

interface Pair {
  anchor: string | undefined;
  question: string;
  line: number;
  alternates: string[];
  filters: Filter[];
  /** The line of each filter, in the order of `filters`. */
  filterLines: number[];
  related: RelatedRef[];
  answer: string | undefined;
  answerLine: number;
  source: string | undefined;
}

/** Filter name that marks a plain tag when Markdown tags go out as `.qna` filters and come back. */
export const TAG_FILTER = "tag";

/** Markdown tags for `.qna` filters: `name:value`, and `tag = x` back to the plain tag `x`. */
export function filtersToTags(filters: readonly Filter[]): string[] {
  return filters.map((filter) => (filter.name === TAG_FILTER ? filter.value : `${filter.name}:${filter.value}`));
}

/**
 * Why a link line is not followed, for the warning that names it. bf-lu imports a local `.qna`
 * or `.lu` file (or a folder or wildcard of them); QnA Maker extracted pairs from any other file,
 * a document (`kilavuz.pdf`), so the advice differs: putting a document in the folder does nothing.
 */
function linkWarning(target: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    return QNA.urlNotFetched(target);
  }
  const name = target.replace(/[#?].*$/, "").split(/[\\/]/).pop() ?? "";
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === "lu") return QNA.luNotRead(target);
  if (extension !== undefined && extension !== "qna" && !extension.includes("*")) return QNA.documentNotRead(target);
  return QNA.importNotFollowed(target);
}

/**
 * Parses a Bot Framework `.qna` file (QnA Maker, Composer, `bf` CLI) the way `@microsoft/bf-lu`
 * reads it: `# ? question` with any number of `#`, `- alternate` lines (`*` and `+` too), the
 * answer in a fenced block, `**Filters:**` (tags `name:value`), `**Prompts:**` (follow-ups, with
 * their display text as button title and `context-only`), `<a id = "…"></a>` anchors and
 * `$name : qna-alterations =` synonym lists. What Memnun cannot honour (imports, URL and file
 * references, LU intents and entities, utterance-reference alternates) is a warning with the line.
 * An empty or comment-only file is valid and has no entries.
 */
export function parseQnaFile(rawInput: string, file: string): ParsedFile {
  const lines = rawInput.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  const pairs: Pair[] = [];
  const fileSlug = slugify(file.split("/").pop()?.replace(/\.qna$/i, "") ?? file);
  const anchorId = (anchor: string): string => `${fileSlug}-${slugify(anchor)}`;

  let pendingAnchor: string | undefined;
  let pendingSource: string | undefined;
  let current: Pair | undefined;
  let section: "alternates" | "filters" | "prompts" | "after-answer" | "alterations" | "skipped" = "alternates";
  const alterations: Array<{ line: number; members: SynonymMember[] }> = [];

  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index] ?? "";
    const lineNo = index + 1;
    const source = PAIR_SOURCE.exec(text);
    if (source) {
      pendingSource = source[1] || undefined;
      continue;
    }
    if (text.trim() === "" || COMMENT.test(text)) continue;

    const anchor = ANCHOR.exec(text.trim());
    if (anchor) {
      pendingAnchor = (anchor[1] ?? "").trim() || undefined;
      continue;
    }
    const question = QUESTION.exec(text);
    if (question) {
      current = {
        anchor: pendingAnchor,
        question: (question[1] ?? "").trim(),
        line: lineNo,
        alternates: [],
        filters: [],
        filterLines: [],
        related: [],
        answer: undefined,
        answerLine: lineNo,
        source: pendingSource,
      };
      pendingAnchor = undefined;
      pendingSource = undefined;
      section = "alternates";
      pairs.push(current);
      if (current.question === "") errors.push({ file, line: lineNo, message: QNA.emptyQuestion });
      continue;
    }
    const intent = INTENT.exec(text);
    if (intent) {
      warnings.push({ file, line: lineNo, message: QNA.intentSkipped((intent[1] ?? "").trim()) });
      current = undefined;
      section = "skipped";
      continue;
    }
    const alteration = ALTERATIONS.exec(text);
    if (alteration) {
      alterations.push({ line: lineNo, members: [{ text: (alteration[1] ?? "").trim(), line: lineNo }] });
      current = undefined;
      section = "alterations";
      continue;
    }
    if (LU_DEFINITION.test(text)) {
      warnings.push({ file, line: lineNo, message: QNA.luDefinitionSkipped(text.trim().slice(0, 60)) });
      current = undefined;
      section = "skipped";
      continue;
    }
    const link = LINK_LINE.exec(text);
    if (link && !LIST_ITEM.test(text)) {
      warnings.push({ file, line: lineNo, message: linkWarning((link[2] ?? "").trim()) });
      continue;
    }
    if (REFERENCE_LINE.test(text)) {
      warnings.push({ file, line: lineNo, message: QNA.referenceNotFollowed(text.trim().slice(0, 60)) });
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence) {
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
      if (!current) {
        errors.push({ file, line: lineNo, message: QNA.answerOutsideQuestion });
        continue;
      }
      if (!closed) errors.push({ file, line: lineNo, message: QNA.unclosedAnswer(marker) });
      if (current.answer !== undefined) errors.push({ file, line: lineNo, message: QNA.secondAnswer });
      current.answer = body.join("\n").trim();
      current.answerLine = lineNo + 1;
      section = "after-answer";
      continue;
    }
    if (FILTERS.test(text) && current) {
      section = "filters";
      continue;
    }
    if (PROMPTS.test(text) && current) {
      section = "prompts";
      continue;
    }
    const item = LIST_ITEM.exec(text);
    if (item && section === "skipped") continue;
    if (item && section === "alterations") {
      alterations.at(-1)?.members.push({ text: (item[1] ?? "").trim(), line: lineNo });
      continue;
    }
    if (item && current) {
      const value = (item[1] ?? "").trim();
      if (section === "alternates") {
        if (UTTERANCE_REFERENCE.test(value)) {
          warnings.push({ file, line: lineNo, message: QNA.utteranceReference(value) });
        } else if (value !== "") current.alternates.push(value);
      } else if (section === "filters") {
        const [name, ...rest] = value.split("=");
        const filterValue = rest.join("=").trim();
        if (!name?.trim() || filterValue === "") errors.push({ file, line: lineNo, message: QNA.badFilter });
        else {
          current.filters.push({ name: name.trim(), value: filterValue });
          current.filterLines.push(lineNo);
        }
      } else if (section === "prompts") {
        const prompt = PROMPT.exec(value);
        const target = (prompt?.[2] ?? "").trim();
        if (!prompt || target === "") {
          errors.push({ file, line: lineNo, message: QNA.badPrompt });
        } else {
          current.related.push({
            kind: "question",
            value: target,
            line: lineNo,
            anchorId: anchorId(target),
            title: (prompt[1] ?? "").trim() || undefined,
            contextOnly: prompt[3] !== undefined,
          });
        }
      } else {
        errors.push({ file, line: lineNo, message: QNA.listItemAfterAnswer });
      }
      continue;
    }
    if (section === "skipped") continue;
    errors.push({ file, line: lineNo, message: QNA.strayLine(text.trim().slice(0, 60)) });
  }

  const synonyms: SynonymGroup[] = [];
  for (const { line, members } of alterations) {
    const checked = checkSynonymGroup(members, file, line, warnings, true);
    if (checked) synonyms.push(checked);
  }

  // The same question may repeat with different filters (one answer per city, say); their ids
  // then take the filter values too, so that they differ. Real exports also repeat a question
  // with the same filters; bf-lu keeps both, so Memnun does too, with a warning.
  const repeated = new Map<string, number>();
  for (const pair of pairs) repeated.set(pair.question, (repeated.get(pair.question) ?? 0) + 1);
  const drafts: DraftEntry[] = [];
  const seen: Pair[] = [];
  const ids = new Set<string>();
  const questions = new Map<string, number>();
  for (const pair of pairs) {
    if (pair.answer === undefined || pair.answer === "") {
      errors.push({ file, line: pair.line, message: QNA.noAnswer(pair.question) });
      continue;
    }
    if (pair.answer.length > LONG_ANSWER_CHARS) warnings.push({ file, line: pair.answerLine, message: ENTRY.longAnswer(pair.answer.length, LONG_ANSWER_CHARS) });
    // bf-lu merges a pair written twice word for word; so does Memnun
    if (seen.some((other) => samePair(other, pair))) continue;
    seen.push(pair);
    if (pair.alternates.length === 0) warnings.push({ file, line: pair.line, message: ENTRY.noAlternates });
    const idText = (repeated.get(pair.question) ?? 0) > 1 && pair.filters.length > 0 ? `${pair.question} ${pair.filters.map((f) => f.value).join(" ")}` : pair.question;
    let id = pair.anchor ? anchorId(pair.anchor) : slugify(idText);
    if (ids.has(id)) id = uniqueId(id, `${pair.question}\n${pair.answer}`, ids);
    ids.add(id);
    const key = [textKey(pair.question), ...pair.filters.map((f) => `${textKey(f.name)}=${textKey(f.value)}`).sort()].join("|");
    const first = questions.get(key);
    if (first !== undefined) {
      warnings.push({ file, line: pair.line, message: QNA.repeatedQuestion(first) });
    } else questions.set(key, pair.line);
    drafts.push({
      id,
      idLine: pair.line,
      question: pair.question,
      questionLine: pair.line,
      alternates: pair.alternates,
      tags: filtersToTags(pair.filters),
      tagLines: pair.filterLines,
      filters: pair.filters,
      related: pair.related,
      contextOnly: false,
      ...(pair.anchor === undefined ? {} : { anchor: pair.anchor }),
      ...(pair.source === undefined ? {} : { pairSource: pair.source }),
      answer: pair.answer,
      answerLine: pair.answerLine,
      source: { file, line: pair.line },
    });
  }
  const ok = errors.length === 0;
  return { drafts: ok ? drafts : [], synonyms: ok ? synonyms : [], errors, warnings };
}

/** An id not in `taken`: `base` with a short hash of the pair, then a counter if even that is taken. */
function uniqueId(base: string, pairText: string, taken: ReadonlySet<string>): string {
  const hash = shortHash(pairText);
  const head = base.slice(0, MAX_ID_LENGTH - hash.length - 4).replace(/-+$/g, "");
  let candidate = `${head}-${hash}`;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${head}-${hash}-${n}`;
  return candidate;
}

function samePair(a: Pair, b: Pair): boolean {
  return JSON.stringify({ ...a, line: 0, answerLine: 0, filterLines: [], related: a.related.map((r) => ({ ...r, line: 0 })) }) ===
    JSON.stringify({ ...b, line: 0, answerLine: 0, filterLines: [], related: b.related.map((r) => ({ ...r, line: 0 })) });
}
