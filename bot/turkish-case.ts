/**
 * Turkish lower case and letter folding: the floor every room may use. Matching analyses text
 * with them (`bot/matching/analysis.ts` re-exports them), and storage's migrations fold stored
 * text with them, so a column filled by a migration holds what the code writing new rows writes.
 */

const FOLD_MAP: Readonly<Record<string, string>> = {
  ç: "c",
  ğ: "g",
  ı: "i",
  ö: "o",
  ş: "s",
  ü: "u",
  â: "a",
  î: "i",
  û: "u",
};

/** The capitals whose Turkish lower case differs from the root locale's. */
const TURKISH_I = /[Iİ]/g;

/**
 * Lower-cases with Turkish rules (`İ`→`i`, `I`→`ı`) after Unicode NFC normalization. The same
 * as `toLocaleLowerCase("tr")` on NFC text (a test compares them on every code point), which
 * differs from the root locale only in those two letters, at about half its cost: ICU's
 * locale-aware call has a fixed cost that each of a knowledge base's many short phrases paid.
 */
export function turkishLower(text: string): string {
  return text.normalize("NFC").replace(TURKISH_I, (ch) => (ch === "I" ? "ı" : "i")).toLowerCase();
}

/**
 * Folds Turkish letters to their ASCII look-alikes (`ş`→`s`, `ı`→`i`, …) and drops other
 * diacritics, so text typed without a Turkish keyboard meets text typed with one.
 * Expects lower-case input.
 */
export function fold(text: string): string {
  return text
    .replace(/[çğıöşüâîû]/g, (ch) => FOLD_MAP[ch] ?? ch)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "");
}

/**
 * A text's words in one plain form: Turkish lower case, folded, every run of other characters
 * (punctuation, spaces, line breaks) one space. `ŞİKAYETİM: Ödeme İşlemi`, `şikayetim ödeme
 * işlemi` and `SIKAYETIM ODEME ISLEMI` all read `sikayetim odeme islemi`.
 */
export function foldedWords(text: string): string {
  return fold(turkishLower(text)).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
