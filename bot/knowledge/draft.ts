import { fold, turkishLower } from "./normalize";
import type { KnowledgeIssue, SourceRef, SynonymGroup } from "./types";

/** A related-entry reference before resolution: by id, or (from `.qna` prompts) by question text. */
export type RelatedRef = { kind: "id"; value: string; line: number } | { kind: "question"; value: string; line: number };

/** An entry as parsed from one file, before cross-file validation. */
export interface DraftEntry {
  id: string;
  idLine: number;
  question: string;
  questionLine: number;
  alternates: string[];
  tags: string[];
  related: RelatedRef[];
  answer: string;
  answerLine: number;
  source: SourceRef;
}

/** What parsing one file produced. */
export interface ParsedFile {
  drafts: DraftEntry[];
  /** Synonym groups the file declares (`synonyms.yaml`, `.qna` `qna-alterations`). */
  synonyms: SynonymGroup[];
  errors: KnowledgeIssue[];
  warnings: KnowledgeIssue[];
}

/** Ids are used in button values and URLs: keep them simple. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Turns a file name or a question into an id: `Müşteri Deneyimi` → `musteri-deneyimi`. */
export function slugify(text: string): string {
  return fold(turkishLower(text))
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}
