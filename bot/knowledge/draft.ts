import { createHash } from "node:crypto";
import { fold, turkishLower } from "./normalize";
import type { BotTextKey } from "./parse-bot-texts";
import type { CaseTextKey } from "./parse-case-texts";
import type { KnowledgeIssue, SourceRef, SynonymGroup } from "./types";

/**
 * A related-entry reference before resolution. Markdown `related` names ids; a `.qna` prompt
 * names an anchor of its own file (`#2`), or a question or alternate (`#?text`, or dashed
 * `#text-with-dashes`), and may carry a button title and `context-only`.
 */
export interface RelatedRef {
  kind: "id" | "question";
  /** The id, or the question text as written. */
  value: string;
  line: number;
  /** For `.qna` prompts: the id the target has if `value` is an anchor of the same file. */
  anchorId?: string;
  /** The button title the editor gave this follow-up (a `.qna` prompt's display text). */
  title?: string;
  /** The target is reached only as a follow-up (`.qna` `context-only`). */
  contextOnly?: boolean;
}

/**
 * The filter (a `name:value` tag) `kb:import` gives a pair whose question, with the same filters,
 * an earlier pair of the same `.qna` file has: `qna:<anchor>` (`qna:<line>` without one). It
 * tells the two entries apart for the loader, but means nothing to a customer.
 */
export const REPEAT_FILTER = "qna";

/**
 * Longest answer, in characters, sent without a warning. Microsoft Teams refuses a message over
 * about 28 KB (text, card and all; a Turkish letter takes two bytes), and other Bot Service
 * channels and SMS gateways take far less, so a longer answer may not reach the customer there;
 * Web Chat would show it whole. Higher = fewer warnings, more answers a channel may refuse.
 */
export const LONG_ANSWER_CHARS = 10_000;

/** A `.qna` filter (QnA Maker metadata): `- name = value`. */
export interface Filter {
  name: string;
  value: string;
}

/** An entry as parsed from one file, before cross-file validation. */
export interface DraftEntry {
  id: string;
  idLine: number;
  question: string;
  questionLine: number;
  alternates: string[];
  tags: string[];
  /** The line of each tag (a `.qna` filter's line), in the order of `tags`. */
  tagLines: number[];
  /** `.qna` filters; the same question may repeat with different filters. */
  filters: Filter[];
  related: RelatedRef[];
  /** Reached only as a follow-up of another entry. */
  contextOnly: boolean;
  /** A `.qna` pair's `<a id = "…"></a>`, which prompts of other files may name too (bf-lu's ids are global). */
  anchor?: string;
  /** Where the pair came from in QnA Maker (see `KnowledgeEntry.pairSource`). */
  pairSource?: string;
  answer: string;
  answerLine: number;
  source: SourceRef;
}

/** What parsing one file produced. */
export interface ParsedFile {
  drafts: DraftEntry[];
  /** Synonym groups the file declares (`synonyms.yaml`, `.qna` `qna-alterations`). */
  synonyms: SynonymGroup[];
  /** The complaint loop's texts (`cases.yaml`). */
  caseTexts?: Partial<Record<CaseTextKey, string>>;
  /** The bot's own conversation texts (`bot.yaml`). */
  botTexts?: Partial<Record<BotTextKey, string>>;
  errors: KnowledgeIssue[];
  warnings: KnowledgeIssue[];
}

/** Ids are used in button values and URLs: keep them simple. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Longest id slugify makes; longer texts are cut and get a hash, so they never collide. */
export const MAX_ID_LENGTH = 80;

/** Hex digits of the hash that keeps cut or non-Latin ids apart (32 bits: no collision in any real knowledge base). */
const ID_HASH_LENGTH = 8;

/** A short stable hash of a text, the same on every machine and run. */
export function shortHash(text: string): string {
  return createHash("sha256").update(text.normalize("NFC"), "utf8").digest("hex").slice(0, ID_HASH_LENGTH);
}

/**
 * Turns a file name or a question into an id: `Müşteri Deneyimi` → `musteri-deneyimi`.
 * Turkish letters fold to ASCII. When letters of another script would be lost (`如何重置密码？`,
 * `Как сбросить пароль?`) or the text is longer than MAX_ID_LENGTH, a short hash of the whole
 * text is appended (or is the id), so an id is never empty and two texts never share one.
 */
export function slugify(text: string): string {
  const folded = fold(turkishLower(text));
  const slug = folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const lossy = /[^a-z0-9\s\p{P}\p{S}]/u.test(folded);
  if (!lossy && slug.length <= MAX_ID_LENGTH && slug !== "") return slug;
  const hash = shortHash(text);
  const head = slug.slice(0, MAX_ID_LENGTH - ID_HASH_LENGTH - 1).replace(/-+$/g, "");
  return head === "" ? hash : `${head}-${hash}`;
}
