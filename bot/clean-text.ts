/**
 * Characters no stored or printed text keeps: NUL (PostgreSQL refuses it in `text`, SQLite cuts
 * strings at it), the other C0 controls but tab, line feed and carriage return, DEL, and the C1
 * controls (U+0080–U+009F, among them the single-character terminal escape CSI).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL = new RegExp(CONTROL_CHARACTER.source, "g");
/** A UTF-16 surrogate without its pair: not valid Unicode, so it cannot be stored as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as it may be stored: control characters removed, lone surrogates replaced by U+FFFD.
 * Line breaks and tabs stay (a comment may have paragraphs); see `oneLine` for printing.
 */
export function cleanText(text: string): string {
  return text.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** Text for one line of terminal or CSV output: clean, with every line break or tab turned into a space. */
export function oneLine(text: string): string {
  return cleanText(text).replace(/[\t\r\n\u2028\u2029]+/g, " ");
}
