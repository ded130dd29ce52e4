import { LevenshteinDistance } from "natural/lib/natural/distance";
import { isMap, isScalar, LineCounter, parseDocument, type Node } from "yaml";
import { TEXTS_FILE } from "./messages";
import type { KnowledgeIssue } from "./types";
import { yamlIssues } from "./yaml-errors";

/**
 * What editors may write in one file of the bot's own texts (`cases.yaml`, `bot.yaml`): a YAML
 * mapping of keys to Turkish texts. Every such file is read, checked and reported the same way,
 * so editors learn one format and `kb:check` speaks of them alike.
 */
export interface TextsFileSpec<K extends string> {
  /** Every key, with the placeholders its text must contain (`{reference}` …). */
  readonly keys: Readonly<Record<K, readonly string[]>>;
  /**
   * Placeholders a key may use beyond the required ones (optional parts of the text). Any other
   * placeholder is refused: it would reach the customer as written.
   */
  readonly optionalPlaceholders?: Readonly<Partial<Record<K, readonly string[]>>>;
  /** What a button label must start with, so customers recognise what it does. */
  readonly buttonPrefixes?: Readonly<Partial<Record<K, readonly string[]>>>;
  /**
   * The longest text a key may hold, in characters (Unicode code points, as JSON Schema counts
   * them), and why, for a text that goes where a schema limits it (the Teams app manifest):
   * refused here, with its line, rather than by the platform that would reject it later.
   */
  readonly maxLengths?: Readonly<Partial<Record<K, TextLimit>>>;
  /** A valid line of the file, shown when it is not a mapping. */
  readonly example: string;
}

/** A key's length limit and why it exists (said to editors, in Turkish). */
export interface TextLimit {
  readonly max: number;
  readonly why: string;
}

/** What parsing a file of texts produced: only the texts that passed every check. */
export interface ParsedTexts<K extends string> {
  texts: Partial<Record<K, string>>;
  errors: KnowledgeIssue[];
  warnings: KnowledgeIssue[];
}

/**
 * How many edits a misspelt key may be from a known one to be suggested ("greting" → "greeting").
 * Higher = more suggestions, more of them wrong.
 */
const SUGGEST_MAX_EDITS = 2;

/** The known key an unknown one is probably a typo of (case aside), if any. */
function closestKey(key: string, keys: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = SUGGEST_MAX_EDITS + 1;
  for (const known of keys) {
    const distance = LevenshteinDistance(key.toLowerCase(), known.toLowerCase());
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

function nodeLine(node: Node | null | undefined, lineCounter: LineCounter, fallback: number): number {
  const start = node?.range?.[0];
  return start === undefined ? fallback : lineCounter.linePos(start).line;
}

/**
 * Parses a file of texts by `spec`. Every problem names its line, in Turkish (editors read them).
 * A file with errors yields no texts (the loader keeps its last good version); so does an empty or
 * comment-only file, an error (a failed save or a truncation, not a wish to drop every text: that
 * is deleting the file). A key left out is a warning: its built-in text is used.
 */
export function parseTextsFile<K extends string>(rawInput: string, file: string, spec: TextsFileSpec<K>): ParsedTexts<K> {
  const raw = rawInput.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  const keys: readonly string[] = Object.keys(spec.keys);
  const isKey = (key: string): key is K => Object.hasOwn(spec.keys, key);
  const lineCounter = new LineCounter();
  // duplicate keys are reported below, with the line of the first
  const doc = parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    errors.push(...yamlIssues(doc.errors, raw, lineCounter, file));
    return { texts: {}, errors, warnings };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    errors.push({ file, line: 1, message: TEXTS_FILE.empty });
    return { texts: {}, errors, warnings };
  }
  if (!isMap(contents)) {
    errors.push({ file, line: nodeLine(contents, lineCounter, 1), message: TEXTS_FILE.notMapping(spec.example) });
    return { texts: {}, errors, warnings };
  }
  const texts: Partial<Record<K, string>> = {};
  const seen = new Map<string, number>();
  /** Keys an unknown key is probably a typo of: not "missing" as well (the typo is the one slip). */
  const misspelled = new Set<string>();
  for (const pair of contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : null;
    const line = nodeLine(keyNode, lineCounter, 1);
    const key = keyNode ? String(keyNode.value) : "";
    if (!isKey(key)) {
      const suggestion = closestKey(key, keys);
      if (suggestion !== undefined) misspelled.add(suggestion);
      errors.push({ file, line, message: TEXTS_FILE.unknownKey(key, suggestion, keys) });
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ file, line, message: TEXTS_FILE.twice(key, first) });
      continue;
    }
    seen.set(key, line);
    const value = isScalar(pair.value) && typeof pair.value.value === "string" ? pair.value.value.trim() : null;
    if (value === null || value === "") {
      errors.push({ file, line, message: TEXTS_FILE.noText(key) });
      continue;
    }
    const required = spec.keys[key];
    const allowed = [...required, ...(spec.optionalPlaceholders?.[key] ?? [])];
    const used = new Set([...value.matchAll(/\{([^{}\s]*)\}/g)].map((match) => match[1] ?? ""));
    const problems: string[] = [];
    for (const name of required) if (!used.has(name)) problems.push(TEXTS_FILE.placeholderMissing(name));
    for (const name of used) if (!allowed.includes(name)) problems.push(TEXTS_FILE.placeholderUnknown(name, allowed));
    const prefixes = spec.buttonPrefixes?.[key];
    if (prefixes && !prefixes.some((prefix) => value.startsWith(prefix))) problems.push(TEXTS_FILE.buttonPrefix(prefixes));
    const limit = spec.maxLengths?.[key];
    const length = [...value].length;
    if (limit && length > limit.max) problems.push(TEXTS_FILE.tooLong(limit.max, length, limit.why));
    if (problems.length > 0) {
      errors.push({ file, line, message: TEXTS_FILE.problems(key, problems) });
      continue;
    }
    texts[key] = value;
  }
  // a file with errors is not served (its last good version is): what it lacks says nothing of what is used
  const missing = keys.filter((key) => !seen.has(key) && !misspelled.has(key));
  if (missing.length > 0 && errors.length === 0) warnings.push({ file, line: 1, message: TEXTS_FILE.missingKeys(missing) });
  return { texts: errors.length > 0 ? {} : texts, errors, warnings };
}
