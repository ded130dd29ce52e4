import { isMap, isScalar, LineCounter, parseDocument, type Node } from "yaml";
import type { KnowledgeIssue } from "./types";

/** The file name editors give the complaint loop's texts (`knowledge/cases.yaml`). */
export function isCaseTextsFile(name: string): boolean {
  return /^cases\.ya?ml$/i.test(name);
}

/**
 * Every text of the complaint loop an editor may write, with the placeholders it must contain
 * (`{reference}` is replaced by the case reference, and so on). A placeholder not listed for a
 * key is refused: it would reach the customer as written.
 */
export const CASE_TEXT_KEYS = Object.freeze({
  offerRating: [],
  offerComplaint: [],
  offerHuman: ["hours"],
  offerNps: [],
  acceptButton: [],
  declineButton: [],
  declined: [],
  describe: [],
  cancelDescribeButton: [],
  created: ["reference", "hours"],
  consentQuestion: [],
  consentYesButton: [],
  consentNoButton: [],
  askContact: [],
  invalidContact: [],
  cancelContactButton: [],
  contactSaved: [],
  contactDeclined: ["reference"],
  statusOwn: ["reference", "status"],
  statusNote: ["note"],
  statusNoNote: [],
  statusOther: ["reference", "open"],
  otherOpen: [],
  otherClosed: [],
  notFound: ["reference"],
  noCase: [],
  statusOpen: [],
  statusInProgress: [],
  statusResolved: [],
  statusClosed: [],
  proactive: ["reference", "status"],
  unavailable: [],
} satisfies Record<string, readonly string[]>);

export type CaseTextKey = keyof typeof CASE_TEXT_KEYS;
export type CaseTexts = Readonly<Record<CaseTextKey, string>>;

const isKey = (key: string): key is CaseTextKey => Object.hasOwn(CASE_TEXT_KEYS, key);

/** Placeholders a key may use beyond the required ones (optional parts of the text). */
const OPTIONAL_PLACEHOLDERS: Readonly<Partial<Record<CaseTextKey, readonly string[]>>> = Object.freeze({
  statusOwn: ["created"],
  proactive: ["note"],
});

/** What a button label must start with, so customers (and the issue's acceptance) recognise it. */
const BUTTON_PREFIXES: Readonly<Partial<Record<CaseTextKey, readonly string[]>>> = Object.freeze({
  acceptButton: ["Şikayet", "Evet"],
  declineButton: ["Hayır"],
});

/** What parsing `cases.yaml` produced: only the texts that passed every check. */
export interface ParsedCaseTexts {
  texts: Partial<Record<CaseTextKey, string>>;
  errors: KnowledgeIssue[];
  warnings: KnowledgeIssue[];
}

function nodeLine(node: Node | null | undefined, lineCounter: LineCounter, fallback: number): number {
  const start = node?.range?.[0];
  return start === undefined ? fallback : lineCounter.linePos(start).line;
}

/**
 * Parses `cases.yaml`: a YAML mapping of text keys to Turkish texts. Every problem names its line,
 * in Turkish (editors read them). A file with errors yields no texts (the loader keeps its last
 * good version); a key left out is a warning: its built-in text is used.
 */
export function parseCaseTextsFile(rawInput: string, file: string): ParsedCaseTexts {
  const raw = rawInput.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const errors: KnowledgeIssue[] = [];
  const warnings: KnowledgeIssue[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) errors.push({ file, line: lineCounter.linePos(error.pos[0]).line, message: `YAML okunamadı: ${error.message.split("\n")[0] ?? ""}` });
    return { texts: {}, errors, warnings };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    warnings.push({ file, line: 1, message: "dosya boş: vaka metinlerinin hepsi için yerleşik metinler kullanılıyor" });
    return { texts: {}, errors, warnings };
  }
  if (!isMap(contents)) {
    errors.push({ file, line: nodeLine(contents, lineCounter, 1), message: 'dosya "anahtar: metin" satırlarından oluşmalı, ör. "declined: Anlaşıldı, kayıt açmadım."' });
    return { texts: {}, errors, warnings };
  }
  const texts: Partial<Record<CaseTextKey, string>> = {};
  const seen = new Map<string, number>();
  for (const pair of contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : null;
    const line = nodeLine(keyNode, lineCounter, 1);
    const key = keyNode ? String(keyNode.value) : "";
    if (!isKey(key)) {
      errors.push({ file, line, message: `bilinmeyen anahtar "${key}"; geçerli anahtarlar: ${Object.keys(CASE_TEXT_KEYS).join(", ")}` });
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ file, line, message: `"${key}" iki kez yazılmış (ilki ${first}. satırda)` });
      continue;
    }
    seen.set(key, line);
    const value = isScalar(pair.value) && typeof pair.value.value === "string" ? pair.value.value.trim() : null;
    if (value === null || value === "") {
      errors.push({ file, line, message: `"${key}" için bir metin yazın` });
      continue;
    }
    const required: readonly string[] = CASE_TEXT_KEYS[key];
    const allowed = new Set([...required, ...(OPTIONAL_PLACEHOLDERS[key] ?? [])]);
    const used = new Set([...value.matchAll(/\{([^{}\s]*)\}/g)].map((match) => match[1] ?? ""));
    const problems: string[] = [];
    for (const name of required) if (!used.has(name)) problems.push(`{${name}} eksik`);
    for (const name of used) if (!allowed.has(name)) problems.push(`{${name}} tanınmıyor${allowed.size > 0 ? ` (kullanılabilenler: ${[...allowed].map((a) => `{${a}}`).join(", ")})` : ""}`);
    const prefixes = BUTTON_PREFIXES[key];
    if (prefixes && !prefixes.some((prefix) => value.startsWith(prefix))) problems.push(`düğme metni ${prefixes.map((p) => `"${p}"`).join(" ya da ")} ile başlamalı`);
    if (problems.length > 0) {
      errors.push({ file, line, message: `"${key}": ${problems.join("; ")}` });
      continue;
    }
    texts[key] = value;
  }
  const missing = Object.keys(CASE_TEXT_KEYS).filter((key) => !seen.has(key));
  if (missing.length > 0) warnings.push({ file, line: 1, message: `eksik anahtarlar için yerleşik metinler kullanılıyor: ${missing.join(", ")}` });
  return { texts: errors.length > 0 ? {} : texts, errors, warnings };
}

/** Fills `{name}` placeholders; unknown ones are left as written (the parser refuses them in files). */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([^{}\s]*)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
