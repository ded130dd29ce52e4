import type { LineCounter, YAMLError } from "yaml";
import { yamlErrorMessage } from "./messages";
import type { KnowledgeIssue } from "./types";

/**
 * The line an editor has to fix for a YAML error. `yaml` places an unclosed quote at the end of
 * the text; the line that opens it (the first where a value starts with that quote and an odd number of them) is the one to fix.
 */
function errorLine(error: YAMLError, source: string, lineCounter: LineCounter): number {
  const reported = lineCounter.linePos(error.pos[0]).line;
  const quote = error.code === "MISSING_CHAR" ? /closing (["'])quote/.exec(error.message)?.[1] : undefined;
  if (quote === undefined) return reported;
  const lines = source.split("\n").slice(0, reported);
  const opensValue = new RegExp(`(^|[:,[-])\\s*${quote}`);
  const opening = lines.findIndex((line) => opensValue.test(line) && (line.replace(/\\./g, "").split(quote).length - 1) % 2 === 1);
  return opening === -1 ? reported : opening + 1;
}

/**
 * Turns a YAML document's errors into issues, in Turkish, one per line: one slip (a tab, an
 * unquoted colon) often makes the parser report three errors on the same line, and only the
 * first says what the editor did.
 */
export function yamlIssues(errors: readonly YAMLError[], source: string, lineCounter: LineCounter, file: string): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  for (const error of errors) {
    const line = errorLine(error, source, lineCounter);
    if (issues.some((issue) => issue.line === line)) continue;
    issues.push({ file, line, message: yamlErrorMessage(error) });
  }
  return issues;
}
