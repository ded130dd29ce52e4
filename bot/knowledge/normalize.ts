/**
 * The little text normalization the knowledge room needs of its own: comparing questions and
 * synonyms for duplicates, and building ids. Deliberately independent of matching/analysis:
 * matching drops question words and stems, which would make "NPS neden ölçülür?" and
 * "NPS nasıl ölçülür?" the same question; here every word counts, in order.
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

/** Lower-cases with Turkish rules (`İ`→`i`, `I`→`ı`) after Unicode NFC normalization. */
export function turkishLower(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("tr");
}

/** Folds Turkish letters to ASCII look-alikes and drops other diacritics. Expects lower case. */
export function fold(text: string): string {
  return text
    .replace(/[çğıöşüâîû]/g, (ch) => FOLD_MAP[ch] ?? ch)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

/** The words of a text: Turkish lower case, diacritics folded, punctuation dropped, in order. */
export function words(text: string): string[] {
  return fold(turkishLower(text))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
}

/**
 * A text's identity for duplicate detection: "Müşteri deneyimi nedir?" and "MUSTERI DENEYIMI
 * NEDIR" meet; "NPS neden ölçülür?" and "NPS nasıl ölçülür?" do not.
 */
export function textKey(text: string): string {
  return words(text).join(" ");
}
