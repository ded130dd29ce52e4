import { REPEAT_FILTER } from "../knowledge/draft";
import type { KnowledgeBase, KnowledgeEntry } from "../knowledge/types";
import { exactKey } from "../matching/analysis";
import { plainText } from "./render/text";
import { TEXTS } from "./texts";

/** A "did you mean" choice: the entry it answers with, and the text its button shows. */
export interface ChoiceLabel {
  readonly id: string;
  readonly label: string;
}

/**
 * Longest start of an answer shown to tell apart choices that share a question and nothing
 * else, in characters (cut at a word). Higher = more of the answer read on the button, longer
 * buttons (Teams shows long ones as rows of text).
 */
export const ANSWER_HINT_CHARS = 60;

/** `name:value` tags that are filters a customer can read (`şehir:Ankara`); the importer's `qna:` ones are not. */
function readableFilters(entry: KnowledgeEntry): string[] {
  return entry.tags.filter((tag) => tag.indexOf(":") > 0 && exactKey(tag.slice(0, tag.indexOf(":"))) !== REPEAT_FILTER);
}

/** An answer's text as one line, Markdown marks removed. */
function answerLine(entry: KnowledgeEntry): string {
  return plainText(entry.answer).replace(/\s+/g, " ").trim();
}

/** The start of an answer, cut at a word within `ANSWER_HINT_CHARS`. */
function answerHint(entry: KnowledgeEntry): string {
  const line = answerLine(entry);
  if ([...line].length <= ANSWER_HINT_CHARS) return line;
  const cut = [...line].slice(0, ANSWER_HINT_CHARS).join("");
  const atWord = cut.slice(0, cut.lastIndexOf(" ")).trim();
  return `${atWord === "" ? cut : atWord}…`;
}

/** The details, one per entry, when every entry has one and no two are the same; undefined otherwise. */
function allDistinct(details: ReadonlyArray<string | undefined>): string[] | undefined {
  const keys = details.map((detail) => (detail === undefined ? "" : exactKey(detail)));
  if (keys.some((key) => key === "") || new Set(keys).size !== keys.length) return undefined;
  return details.map((detail) => detail ?? "");
}

/**
 * What tells apart entries that share a question, in order of what a customer reads best: the
 * filters only some of them have (`şehir: Ankara`: QnA Maker's one answer per city), else an
 * alternate question of each that none of the others has, else the start of each answer, else
 * their place in the list.
 */
function details(group: readonly KnowledgeEntry[]): string[] {
  const filters = group.map((entry) => readableFilters(entry));
  const shared = (tag: string): boolean => filters.every((tags) => tags.some((other) => exactKey(other) === exactKey(tag)));
  const byFilter = allDistinct(
    filters.map((tags) => {
      const own = tags.filter((tag) => !shared(tag)).map((tag) => TEXTS.choiceFilter(tag.slice(0, tag.indexOf(":")).trim(), tag.slice(tag.indexOf(":") + 1).trim()));
      return own.length > 0 ? own.join(", ") : undefined;
    }),
  );
  if (byFilter) return byFilter;
  const texts = group.map((entry) => [entry.question, ...entry.alternates].map(exactKey));
  const byAlternate = allDistinct(
    group.map((entry, i) => entry.alternates.find((alternate) => texts.every((others, j) => j === i || !others.includes(exactKey(alternate))))),
  );
  if (byAlternate) return byAlternate;
  return allDistinct(group.map(answerHint)) ?? group.map((_entry, i) => TEXTS.choiceNumber(i + 1));
}

/**
 * The choices "did you mean" offers for `ids` (best first), each with the text its button shows.
 * Entries whose questions read the same (a question under several filters, a `.qna` file's
 * repeated pair) would be buttons with one text, and the customer could not tell which is which:
 * - when their answers are the same too, only the first is offered (one choice, one answer);
 * - otherwise each label gets what tells it apart (`details`): "Kargo ücreti ne kadar? (şehir:
 *   Ankara)". A label typed back picks its choice, as a button's title does.
 * Ids not in `kb` are left out.
 */
export function choiceLabels(ids: readonly string[], kb: KnowledgeBase): ChoiceLabel[] {
  const kept: KnowledgeEntry[] = [];
  for (const id of ids) {
    const entry = kb.byId.get(id);
    if (!entry) continue;
    const same = kept.some((other) => exactKey(other.question) === exactKey(entry.question) && answerLine(other) === answerLine(entry));
    if (!same) kept.push(entry);
  }
  const groups = new Map<string, KnowledgeEntry[]>();
  for (const entry of kept) groups.set(exactKey(entry.question), [...(groups.get(exactKey(entry.question)) ?? []), entry]);
  const labels = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length === 1) continue;
    const told = details(group);
    group.forEach((entry, i) => labels.set(entry.id, TEXTS.choiceWithDetail(entry.question, told[i] ?? "")));
  }
  return kept.map((entry) => ({ id: entry.id, label: labels.get(entry.id) ?? entry.question }));
}
