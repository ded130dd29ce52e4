import { randomInt } from "node:crypto";

/** Prefix of every case reference: tells customers and operators what the code is. */
export const REFERENCE_PREFIX = "MMN-";
/**
 * Capital letters and digits that cannot be mistaken for one another when read from a screen or
 * dictated: no 0/O, 1/I/L, 5/S, 8/B. Fewer symbols = easier to dictate, fewer possible references.
 */
export const REFERENCE_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ";
/**
 * Random symbols after the prefix. 27^6 ≈ 387 million: unguessable for a chat user, who besides
 * learns nothing but existence from someone else's reference. Higher = longer to type.
 */
export const REFERENCE_LENGTH = 6;

/** A new random reference such as `MMN-7K3Q9A`, from the operating system's random source. */
export function newReference(random: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < REFERENCE_LENGTH; i += 1) code += REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)] ?? "";
  return `${REFERENCE_PREFIX}${code}`;
}

const REFERENCE_PATTERN = new RegExp(`\\bMMN[-\\s]?([${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}})\\b`, "i");
const WELL_FORMED = new RegExp(`^${REFERENCE_PREFIX}[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`);
/**
 * What a customer may type for a reference they misread or mistyped: the prefix, then letters and
 * digits, one more or one fewer than a reference has. Without the dash the symbols must hold a
 * digit: `MMN kaydım` is a word after the prefix, not a reference.
 */
const REFERENCE_SHAPE = new RegExp(`\\bMMN(?:-\\s?([A-Z0-9]{${REFERENCE_LENGTH - 1},${REFERENCE_LENGTH + 1}})|\\s?(?=[A-Z]*\\d)([A-Z0-9]{${REFERENCE_LENGTH - 1},${REFERENCE_LENGTH + 1}}))\\b`, "i");

/**
 * The reference in a customer's message, normalised (`mmn 7k3q9a` → `MMN-7K3Q9A`), or null.
 * Lower case and a missing or spaced dash are accepted: people retype what they saw.
 */
export function findReference(text: string): string | null {
  const match = REFERENCE_PATTERN.exec(text.toLocaleUpperCase("en"));
  return match?.[1] ? `${REFERENCE_PREFIX}${match[1]}` : null;
}

/**
 * A reference typed wrong, normalised (`MMN-ABC123`), when the message holds no reference
 * (`findReference`); null otherwise. The alphabet leaves out both letters of every look-alike
 * pair (0/O, 1/I/L, 5/S, 8/B), so a misread symbol cannot be mapped back to the one meant: the
 * customer is told no such case exists and asked to check the number, rather than the message
 * being searched as a question.
 */
export function findMisreadReference(text: string): string | null {
  if (findReference(text) !== null) return null;
  const match = REFERENCE_SHAPE.exec(text.toLocaleUpperCase("en"));
  const symbols = match?.[1] ?? match?.[2];
  return symbols ? `${REFERENCE_PREFIX}${symbols}` : null;
}

/** Whether a normalised reference (`findReference`'s, `findMisreadReference`'s) can name a case: the prefix and `REFERENCE_LENGTH` symbols of the alphabet. */
export function isWellFormedReference(reference: string): boolean {
  return WELL_FORMED.test(reference);
}
