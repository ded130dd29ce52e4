/**
 * The little text normalization the knowledge room needs of its own: comparing questions and
 * synonyms for duplicates, and building ids. Letters are folded as matching folds them, but
 * matching's analysis is not used: it drops question words and stems, which would make "NPS
 * neden ölçülür?" and "NPS nasıl ölçülür?" the same question; here every word counts, in order.
 */

import { fold, turkishLower } from "../matching/analysis";

export { fold, turkishLower };

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
