import type { BotTextKey } from "./parse-bot-texts";
import type { CaseTextKey } from "./parse-case-texts";
/** Where a piece of knowledge came from, for error messages and editors' tools. */
export interface SourceRef {
  /** Path relative to the knowledge folder, with forward slashes (e.g. `olcum/iso-10002.md`). */
  readonly file: string;
  /** 1-based line of the entry (the front matter's first line, or the `.qna` question line). */
  readonly line: number;
}

/** One question-answer pair, as editors wrote it. */
export interface KnowledgeEntry {
  /** Stable id; ratings and follow-up buttons refer to it. Lowercase letters, digits and dashes. */
  readonly id: string;
  /** The main question, shown as the entry's title. */
  readonly question: string;
  /** Other ways people ask the same thing; they make matching more reliable. */
  readonly alternates: readonly string[];
  readonly tags: readonly string[];
  /** Ids of entries offered as follow-up questions after this answer. */
  readonly related: readonly string[];
  /**
   * Button titles for some of `related`, by id (a `.qna` prompt's display text, or a Markdown
   * `related` item's `title`). A follow-up without one shows its target's question.
   */
  readonly relatedTitles?: Readonly<Record<string, string>>;
  /**
   * Reached only as a follow-up of another entry (`.qna` `context-only`, Markdown
   * `contextOnly: true`): never the answer to a question typed on its own. Absent means false.
   */
  readonly contextOnly?: boolean;
  /** The answer, in Markdown. */
  readonly answer: string;
  readonly source: SourceRef;
  /** Where parts of the entry are written in `source.file`, for messages about them (`kb:export`); absent for entries not read from a file. */
  readonly lines?: EntryLines;
  /**
   * Where the pair came from in QnA Maker (`.qna` `> !# @qna.pair.source = …`, Markdown
   * `source`): `Editorial`, a chit-chat file, the URL of a page it was extracted from. Not used
   * to answer; kept so a migrated knowledge base, and its export back, still tell them apart.
   */
  readonly pairSource?: string;
}

/** The lines (1-based) of an entry's parts in its file. */
export interface EntryLines {
  /** The answer's first line. */
  readonly answer: number;
  /** Each tag's line, in the order of `tags`. */
  readonly tags: readonly number[];
  /** Each follow-up's line, by the id of the entry it leads to. */
  readonly related: Readonly<Record<string, number>>;
}

/**
 * Words or phrases an editor declared to mean the same thing (`knowledge/synonyms.yaml`, or a
 * `.qna` file's `qna-alterations`). Matching treats every member as the first one, on both the
 * entries' side and the customer's side.
 */
export interface SynonymGroup {
  /** At least two members, each a word or a short phrase, as the editor wrote them. */
  readonly words: readonly string[];
  readonly source: SourceRef;
}

/** An immutable, validated snapshot of the whole knowledge base. Replaced whole on reload. */
export interface KnowledgeBase {
  readonly entries: readonly KnowledgeEntry[];
  readonly byId: ReadonlyMap<string, KnowledgeEntry>;
  /** Editor-owned synonym groups, in file order. */
  readonly synonyms: readonly SynonymGroup[];
  /** Editor-owned texts of the complaint loop (`cases.yaml`); a key left out uses the built-in text. */
  readonly caseTexts: Readonly<Partial<Record<CaseTextKey, string>>>;
  /** Editor-owned texts the bot presents itself with (`bot.yaml`); a key left out uses the built-in text. */
  readonly botTexts: Readonly<Partial<Record<BotTextKey, string>>>;
  /** Number of knowledge files read (README.md files excluded). */
  readonly files: number;
  readonly loadedAt: Date;
}

/** A problem found in a knowledge file. */
export interface KnowledgeIssue {
  /** Relative to the knowledge folder; `.` for the folder itself. */
  readonly file: string;
  /** 1-based; 0 when the problem is the whole file (it cannot be read) or the folder. */
  readonly line: number;
  readonly message: string;
}

/**
 * Formats an issue the way every component reports errors: `[knowledge] file:line: message`,
 * or `[knowledge] file: message` for a whole file and `[knowledge] folder: message` for the folder.
 */
export function formatIssue(issue: KnowledgeIssue, dirLabel = "knowledge"): string {
  const path = issue.file === "." ? dirLabel : `${dirLabel}/${issue.file}`;
  return `[knowledge] ${path}${issue.line > 0 ? `:${issue.line}` : ""}: ${issue.message}`;
}

/** Creates a snapshot from validated entries. */
export function createKnowledgeBase(
  entries: readonly KnowledgeEntry[],
  files: number,
  loadedAt = new Date(),
  synonyms: readonly SynonymGroup[] = [],
  caseTexts: Readonly<Partial<Record<CaseTextKey, string>>> = {},
  botTexts: Readonly<Partial<Record<BotTextKey, string>>> = {},
): KnowledgeBase {
  const frozen = Object.freeze(
    entries.map((entry) => Object.freeze({ ...entry, ...(entry.relatedTitles ? { relatedTitles: Object.freeze({ ...entry.relatedTitles }) } : {}) })),
  );
  return Object.freeze({
    entries: frozen,
    byId: new Map(frozen.map((entry) => [entry.id, entry])),
    synonyms: Object.freeze(synonyms.map((group) => Object.freeze({ ...group, words: Object.freeze([...group.words]) }))),
    caseTexts: Object.freeze({ ...caseTexts }),
    botTexts: Object.freeze({ ...botTexts }),
    files,
    loadedAt,
  });
}

/** An empty knowledge base, served until the first successful load. */
export const EMPTY_KNOWLEDGE_BASE: KnowledgeBase = createKnowledgeBase([], 0, new Date(0));
