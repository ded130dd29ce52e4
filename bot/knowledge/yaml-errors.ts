import type { LineCounter, YAMLError } from "yaml";
import { yamlErrorMessage } from "./messages";
import type { KnowledgeIssue } from "./types";

const count = (text: string, char: string): number => text.split(char).length - 1;

/**
 * The line an editor has to fix for a YAML error. `yaml` reports an unclosed quote or bracket
 * at the end of the text, where it gave up; the line that opens it is the one to fix (for a
 * quote, the first whose value starts with it and holds an odd number of them; for a bracket,
 * the first that opens more than it closes). Other errors stay where `yaml` puts them, moved up
 * from the blank line after the text to its last line.
 */
function errorLine(error: YAMLError, source: string, lineCounter: LineCounter): number {
  const reported = lineCounter.linePos(error.pos[0]).line;
  const lines = source.split("\n").slice(0, reported);
  const quote = error.code === "MISSING_CHAR" ? /closing (["'])quote/.exec(error.message)?.[1] : undefined;
  const closer = error.code === "BAD_INDENT" ? /end with a ([\]}])/.exec(error.message)?.[1] : undefined;
  let opening = -1;
  if (quote !== undefined) {
    const opensValue = new RegExp(`(^|[:,[-])\\s*${quote}`);
    opening = lines.findIndex((line) => opensValue.test(line) && count(line.replace(/\\./g, ""), quote) % 2 === 1);
  } else if (closer !== undefined) {
    const opener = closer === "]" ? "[" : "{";
    opening = lines.findIndex((line) => count(line, opener) > count(line, closer));
  }
  if (opening !== -1) return opening + 1;
  let line = reported;
  while (line > 1 && (lines[line - 1] ?? "").trim() === "") line -= 1;
  return line;
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
