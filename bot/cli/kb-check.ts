import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";
import { KB_CHECK } from "./messages";
import { loadAsServed } from "../knowledge/kept-versions";
import type { LoadResult } from "../knowledge/loader";
import { CHECK, LOADER } from "../knowledge/messages";
import { displayPath } from "../knowledge/display-path";
import { formatIssue, type KnowledgeBase, type KnowledgeIssue } from "../knowledge/types";
import { Matcher } from "../matching/matcher";
import { exactKey } from "../matching/analysis";
import { choiceLabels } from "../conversation/choice-labels";

/** The JSON shape of `kb:check --json`. */
export interface CheckReport {
  files: number;
  entries: Array<{ id: string; question: string; file: string }>;
  errors: Array<{ file: string; line: number; message: string }>;
  warnings: Array<{ file: string; line: number; message: string }>;
}

export function toReport(result: LoadResult): CheckReport {
  return {
    files: result.files,
    entries: result.entries.map((e) => ({ id: e.id, question: e.question, file: e.source.file })),
    errors: result.errors.map((i) => ({ file: i.file, line: i.line, message: i.message })),
    warnings: result.warnings.map((i) => ({ file: i.file, line: i.line, message: i.message })),
  };
}

/**
 * Score at or above which the matcher takes a question for an entry with near certainty. Two
 * entries that each take one of the other's questions this strongly compete: customers asking
 * either get the wrong one or "did you mean". Lower = more pairs flagged.
 */
export const COMPETE_CONFIDENCE = 0.9;

/**
 * Pairs of entries that would each take the other's questions or alternates, as warnings on the
 * later one naming the earlier (a warning, not an error: they may be meant to be close).
 */
export function competingEntries(kb: KnowledgeBase, matcher: Matcher): KnowledgeIssue[] {
  const takes = new Map<string, Set<string>>();
  for (const entry of kb.entries) {
    if (entry.contextOnly === true) continue;
    for (const text of [entry.question, ...entry.alternates]) {
      for (const candidate of matcher.match(text, kb).candidates) {
        if (candidate.id === entry.id || candidate.confidence < COMPETE_CONFIDENCE) continue;
        const taken = takes.get(candidate.id) ?? new Set<string>();
        taken.add(entry.id);
        takes.set(candidate.id, taken);
      }
    }
  }
  const issues: KnowledgeIssue[] = [];
  kb.entries.forEach((later, i) => {
    for (const earlier of kb.entries.slice(0, i)) {
      if (!takes.get(later.id)?.has(earlier.id) || !takes.get(earlier.id)?.has(later.id)) continue;
      // one question under two filters: `sameQuestions` says more about such a pair
      if (exactKey(later.question) === exactKey(earlier.question)) continue;
      issues.push({ file: later.source.file, line: later.source.line, message: LOADER.compete(`${earlier.source.file}:${earlier.source.line}`, earlier.question) });
    }
  });
  return issues;
}

/**
 * Entries whose questions read the same (the same question under other filters, an imported
 * `.qna` file's repeated pair), as warnings on the later one naming the earlier and how "did you
 * mean" tells them apart (`choiceLabels`), or that it offers one when the answers are the same
 * too. A pair a `.qna` file repeats with the same filters is left out: its parser says so.
 */
export function sameQuestions(kb: KnowledgeBase): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const offered = kb.entries.filter((entry) => entry.contextOnly !== true);
  offered.forEach((later, i) => {
    const earlier = offered.slice(0, i).find((other) => exactKey(other.question) === exactKey(later.question));
    if (!earlier) return;
    const sameTags = [...earlier.tags].sort().join("\n") === [...later.tags].sort().join("\n");
    if (earlier.source.file === later.source.file && /\.qna$/i.test(later.source.file) && sameTags) return;
    const where = `${earlier.source.file}:${earlier.source.line}`;
    const [first, second] = choiceLabels([earlier.id, later.id], kb);
    const message = first && second ? LOADER.sameQuestionText(where, first.label, second.label) : LOADER.sameQuestionAndAnswer(where);
    issues.push({ file: later.source.file, line: later.source.line, message });
  });
  return issues;
}

const USAGE = KB_CHECK.usage;

/** Runs the check; returns the exit code (0 = no errors). */
export async function runKbCheck(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw UsageError.from(error);
  }
  if (parsed.positionals.length > 1) throw new UsageError(KB_CHECK.oneFolder(parsed.positionals.length));
  const json = parsed.values.json;
  const config = loadConfig(env);
  const dir = parsed.positionals[0] ?? config.knowledgeDir;
  const label = displayPath(dir);
  // with the server's last good versions (when they are of this folder) a clash is charged to the file changed since, as the server charges it
  const result = await loadAsServed(dir, { dataDir: config.dataDir, maxFileBytes: config.knowledgeMaxFileBytes });
  const synonyms = result.knowledgeBase?.synonyms.length ?? 0;
  const competing = result.knowledgeBase && result.errors.length === 0 ? competingEntries(result.knowledgeBase, new Matcher()) : [];
  const warnings = [...result.warnings, ...(result.knowledgeBase ? sameQuestions(result.knowledgeBase) : []), ...competing];
  if (json) {
    out(JSON.stringify(toReport({ ...result, warnings })));
  } else {
    for (const error of result.errors) out(formatIssue(error, label).replace("[knowledge] ", CHECK.errorLabel));
    for (const warning of warnings) out(formatIssue(warning, label).replace("[knowledge] ", CHECK.warningLabel));
    // the folder itself failed (missing, unreadable, no knowledge files): no files to count, none kept at a last good version
    out(result.knowledgeBase ? CHECK.summary(label, result.files, result.entries.length, synonyms, result.errors.length, warnings.length) : KB_CHECK.nothingChecked(label));
  }
  return result.errors.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

if (require.main === module) runMain((args, env, out) => runKbCheck(args, env, out), { name: "kb:check", usage: USAGE });
