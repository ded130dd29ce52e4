import { isNode, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { textKey, words } from "./normalize";
import { SYNONYMS } from "./messages";
import type { KnowledgeIssue, SynonymGroup } from "./types";
import { yamlIssues } from "./yaml-errors";

/** A synonym member longer than this many words is refused: synonyms are words or short phrases, not questions. */
export const MAX_SYNONYM_WORDS = 4;

/** The file name editors give synonym groups (`knowledge/synonyms.yaml`, or in any sub-folder). */
export function isSynonymsFile(name: string): boolean {
  return /^synonyms\.ya?ml$/i.test(name);
}

/** What parsing one synonyms file produced. */
export interface ParsedSynonyms {
  groups: SynonymGroup[];
  errors: KnowledgeIssue[];
  warnings: KnowledgeIssue[];
  /** The file holds no YAML but comments (then `errors` holds `SYNONYMS.empty`); `kb:import` fills such a file. */
  empty: boolean;
}

/** A member with the line it is written on, before checking. */
export interface SynonymMember {
  text: string;
  line: number;
}

/**
 * Checks one group's members (from `synonyms.yaml` or a `.qna` `qna-alterations` section):
 * at least two, none empty, none longer than MAX_SYNONYM_WORDS words, none twice. Problems are
 * pushed to `issues`. Strict (editors' `synonyms.yaml`): the group is returned only when it
 * has none. Lenient (imported `.qna` files, which bf-lu accepts as they are): the offending
 * members are left out, and the group is kept while two members remain.
 */
export function checkSynonymGroup(
  members: readonly SynonymMember[],
  file: string,
  line: number,
  issues: KnowledgeIssue[],
  lenient = false,
): SynonymGroup | undefined {
  const found: KnowledgeIssue[] = [];
  const seen = new Map<string, number>();
  const kept: string[] = [];
  for (const member of members) {
    const text = member.text.trim();
    if (text === "" || words(text).length === 0) {
      found.push({ file, line: member.line, message: SYNONYMS.emptyMember });
      continue;
    }
    const count = words(text).length;
    if (count > MAX_SYNONYM_WORDS) {
      found.push({ file, line: member.line, message: SYNONYMS.tooManyWords(text, count, MAX_SYNONYM_WORDS) });
      continue;
    }
    const key = textKey(text);
    if (seen.has(key)) {
      found.push({ file, line: member.line, message: SYNONYMS.twiceInGroup(text) });
      continue;
    }
    seen.set(key, member.line);
    kept.push(text);
  }
  if (lenient) {
    for (const issue of found) issues.push({ ...issue, message: SYNONYMS.memberLeftOut(issue.message) });
    if (kept.length >= 2) return { words: kept, source: { file, line } };
    issues.push({ file, line, message: SYNONYMS.groupLeftOut });
    return undefined;
  }
  if (members.length < 2) {
    const only = members[0]?.text.trim() ?? "";
    found.push({ file, line, message: words(only).length > 1 ? SYNONYMS.tooFewMembersCommas(only) : SYNONYMS.tooFewMembers });
  }
  issues.push(...found);
  if (found.length > 0) return undefined;
  return { words: kept, source: { file, line } };
}

function nodeLine(node: Node | null | undefined, lineCounter: LineCounter, fallback: number): number {
  const start = node?.range?.[0];
  return start === undefined ? fallback : lineCounter.linePos(start).line;
}

/**
 * Parses `synonyms.yaml`: a YAML list of groups, each group a list of words or short phrases.
 * An empty or comment-only file is an error (a failed save or a truncation, not a wish to drop
 * every group: that is deleting the file). Every problem names its line; a file with problems
 * yields no groups (the loader then keeps its last good version).
 */
export function parseSynonymsFile(rawInput: string, file: string): ParsedSynonyms {
  const raw = rawInput.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    errors.push(...yamlIssues(doc.errors, raw, lineCounter, file));
    return { groups: [], errors, warnings, empty: false };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    errors.push({ file, line: 1, message: SYNONYMS.empty });
    return { groups: [], errors, warnings, empty: true };
  }
  if (!isSeq(contents)) {
    errors.push({
      file,
      line: nodeLine(contents, lineCounter, 1),
      message: SYNONYMS.notList,
    });
    return { groups: [], errors, warnings, empty: false };
  }

  const groups: SynonymGroup[] = [];
  /** Every member accepted so far, by key, with the line of its group (a member in two groups is an error). */
  const owner = new Map<string, { text: string; line: number }>();
  for (const item of contents.items) {
    const groupLine = nodeLine(isNode(item) ? item : null, lineCounter, 1);
    if (!isSeq(item)) {
      errors.push({ file, line: groupLine, message: SYNONYMS.groupNotList });
      continue;
    }
    const members: SynonymMember[] = [];
    let wellFormed = true;
    for (const member of item.items) {
      const line = nodeLine(isNode(member) ? member : null, lineCounter, groupLine);
      if (isScalar(member) && (typeof member.value === "string" || typeof member.value === "number")) {
        members.push({ text: String(member.value), line });
      } else if (isScalar(member) && member.value === null) {
        members.push({ text: "", line });
      } else {
        errors.push({ file, line, message: SYNONYMS.memberNotText });
        wellFormed = false;
      }
    }
    if (!wellFormed) continue;
    const group = checkSynonymGroup(members, file, groupLine, errors);
    if (!group) continue;
    let clash = false;
    for (const member of members) {
      const first = owner.get(textKey(member.text));
      if (first) {
        errors.push({ file, line: member.line, message: SYNONYMS.inTwoGroupsOfFile(member.text.trim(), first.line) });
        clash = true;
      }
    }
    if (clash) continue;
    for (const member of members) owner.set(textKey(member.text), { text: member.text, line: groupLine });
    groups.push(group);
  }
  return { groups: errors.length > 0 ? [] : groups, errors, warnings, empty: false };
}
