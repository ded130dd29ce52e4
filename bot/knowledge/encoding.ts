import { isUtf8 } from "node:buffer";
import { CONTROL_CHARACTER } from "../clean-text";
import { ENCODING } from "./messages";
import type { KnowledgeIssue } from "./types";

/** Line breaks as the parsers count them (`\r\n`, a lone `\r`, `\n`), so lines named here are theirs. */
const LINE_BREAK = /\r\n|\r|\n/;

/** What Node's and browsers' UTF-8 decoders put for bytes that are not UTF-8. */
const REPLACEMENT = "\uFFFD";

/** The UTF-8 bytes of U+FFFD, which a valid file may hold as such (see `characterIssues`). */
const REPLACEMENT_BYTES = [0xef, 0xbf, 0xbd] as const;

/** A file's text, or where its bytes stop being UTF-8 and what to tell the editor. */
export type Decoded = { readonly text: string } | { readonly line: number; readonly message: string };

/** 1-based line of `index` in `text`. */
function lineAt(text: string, index: number): number {
  return text.slice(0, index).split(LINE_BREAK).length;
}

/**
 * Decodes a knowledge file's bytes as UTF-8, or refuses them. Decoding with replacement, as
 * `readFile(…, "utf8")` does, would serve a Windows-1254 ("ANSI") file's Turkish letters as
 * U+FFFD: a question nobody's words match and an answer with broken letters, silently. The byte
 * order mark is kept in the text, as `readFile` keeps it, so texts compare equal to kept versions.
 */
export function decodeKnowledgeFile(bytes: Uint8Array): Decoded {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  if (isUtf8(bytes)) return { text };
  // Notepad's "Unicode": its byte order mark is not UTF-8 at all; without one, every ASCII
  // character is followed or preceded by a NUL byte, which no text in another encoding has
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom || bytes.includes(0)) return { line: 1, message: ENCODING.utf16 };
  // The text before the first U+FFFD that the decoder put (not one the file holds as its own
  // three bytes) decodes exactly, so its UTF-8 length is the offset of the first bad byte.
  for (let index = text.indexOf(REPLACEMENT); index !== -1; index = text.indexOf(REPLACEMENT, index + 1)) {
    const offset = Buffer.byteLength(text.slice(0, index), "utf8");
    if (!REPLACEMENT_BYTES.every((byte, i) => bytes[offset + i] === byte)) return { line: lineAt(text, index), message: ENCODING.notUtf8 };
  }
  return { line: 1, message: ENCODING.notUtf8 };
}

/** Any character `characterIssues` refuses: most files have none, and are not scanned further. */
const REFUSED = new RegExp(`${CONTROL_CHARACTER.source}|${REPLACEMENT}`);

type Finding = { readonly kind: "nul" | "control" | "replacement"; readonly code: number };

/** The characters of `line` that are refused, in order. */
function findingsOf(line: string): Finding[] {
  const found: Finding[] = [];
  for (const character of line) {
    const code = character.codePointAt(0) ?? 0;
    if (code === 0) found.push({ kind: "nul", code });
    else if (CONTROL_CHARACTER.test(character)) found.push({ kind: "control", code });
    else if (character === REPLACEMENT) found.push({ kind: "replacement", code });
  }
  return found;
}

function codeName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Characters an editor's file may not hold, each kind reported once at its first line with how
 * many more lines have it. They are refused rather than removed, like any other mistake (the
 * file keeps its last good version), because removing them would serve a text that differs
 * from the file without the editor seeing why, and because they usually mean something larger
 * went wrong that removing cannot repair:
 * - NUL: a file saved as UTF-16 without a byte order mark (every other byte is NUL; removing
 *   them turns its Turkish letters into other characters). It would also reach the customer's
 *   message as it is, and PostgreSQL refuses it in text.
 * - Other control characters but tab, line feed and carriage return (the same set `cleanText`
 *   removes from customers' text): invisible, pasted from other programs; a terminal escape or
 *   a vertical tab has no place in an answer.
 * - U+FFFD: a letter lost in an earlier save under the wrong encoding, or a non-UTF-8 file read
 *   with replacement by a tool that reads text rather than bytes (`kb:import`). Typing it on
 *   purpose is not a use case; serving it is the corruption `decodeKnowledgeFile` refuses.
 */
export function characterIssues(text: string, file: string): KnowledgeIssue[] {
  if (!REFUSED.test(text)) return [];
  const first = new Map<Finding["kind"], { line: number; code: number; more: number }>();
  text.split(LINE_BREAK).forEach((content, index) => {
    const seenOnLine = new Set<Finding["kind"]>();
    for (const finding of findingsOf(content)) {
      if (seenOnLine.has(finding.kind)) continue;
      seenOnLine.add(finding.kind);
      const earlier = first.get(finding.kind);
      if (earlier) earlier.more += 1;
      else first.set(finding.kind, { line: index + 1, code: finding.code, more: 0 });
    }
  });
  const issues: KnowledgeIssue[] = [];
  for (const [kind, { line, code, more }] of first) {
    const message = kind === "nul" ? ENCODING.nul(more) : kind === "control" ? ENCODING.control(codeName(code), more) : ENCODING.replacement(more);
    issues.push({ file, line, message });
  }
  return issues.sort((a, b) => a.line - b.line);
}
