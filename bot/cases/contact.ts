/** Contact details a customer consented to give: an e-mail address or a phone number. */
export interface Contact {
  readonly kind: "email" | "phone";
  /** Normalised: e-mail lower-cased, phone as digits with an optional leading `+`. */
  readonly value: string;
}

/** Longest e-mail address accepted (RFC 5321's path limit). */
const MAX_EMAIL_CHARS = 254;
/** Digits of a phone number: 10 (532 123 45 67) to 13 (+90 532 123 45 67); international numbers up to 15. */
const MIN_PHONE_DIGITS = 10;
const MAX_PHONE_DIGITS = 15;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/**
 * Reads an e-mail address or a phone number typed by a customer (`Ad@Ornek.com`,
 * `0532 123 45 67`, `+90 (532) 123-45-67`); null for anything else.
 */
export function parseContact(text: string): Contact | null {
  const trimmed = text.trim();
  if (trimmed.includes("@")) {
    const email = trimmed.toLowerCase();
    return email.length <= MAX_EMAIL_CHARS && EMAIL.test(email) ? { kind: "email", value: email } : null;
  }
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return null;
  return { kind: "phone", value: `${trimmed.startsWith("+") ? "+" : ""}${digits}` };
}

/**
 * What `maskContactDetails` hides in a customer's free text: the contact details `parseContact`
 * reads, and the identity numbers that single a customer out (T.C. kimlik no, a Turkish IBAN).
 */
export const MASKED_KINDS = ["email", "phone", "nationalId", "iban"] as const;
export type MaskedKind = (typeof MASKED_KINDS)[number];
/** What each kind is replaced with (Turkish, `TEXTS.maskedDetails`): operators read it in the dashboard, alerts and exports. */
export type MaskPlaceholders = Readonly<Record<MaskedKind, string>>;

/** An e-mail address's shape in running text: no spaces, quotes or brackets; `parseContact` decides whether it is one. */
const EMAIL_IN_TEXT = /[^\s@<>()[\]\\,;:"'’]+@[^\s@<>()[\]\\,;:"'’]+/gu;
/** Sentence punctuation after an address, which is no part of it (`… ayse@example.com.`). */
const TRAILING_PUNCTUATION = /[.!?…]+$/u;

/** A separator customers put between a phone number's groups (`0532 123 45 67`, `0532-123-45-67`, `0532.123.45.67`). */
const SEP = String.raw`[\s.-]?`;
/**
 * A Turkish area or operator code of a customer's own line: mobile 5xx, landlines 2xx–4xx. Not
 * 0850 or 0800: those are firms' lines (the number a customer says they called stays readable),
 * and order and tracking numbers start with any digit.
 */
const AREA = "[2-5]\\d{2}";
/** The subscriber's seven digits after the code: `123 45 67`, `123 4567`, `1234567`. */
const SUBSCRIBER = String.raw`\d{3}${SEP}\d{2}${SEP}\d{2}`;
/**
 * A Turkish phone number in the shapes customers type it: with a country code or the trunk 0
 * (`+90 532 123 4567`, `0090 532…`, `0532 123 45 67`, `05321234567`, `0 (532) 123 45 67`), or
 * without, when grouped or bracketed (`532 123 45 67`, `(532) 123-45-67`) or a mobile's bare ten
 * digits (`5321234567`). A bare ten digits of another code, six digits or `250 TL` are no phone:
 * order, tracking and customer numbers look like that.
 */
const TURKISH_PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    String.raw`(?:(?:\+|00)\s?90|90|0)${SEP}(?:\(\s*0?${AREA}\s*\)|${AREA})${SEP}${SUBSCRIBER}` +
    String.raw`|(?:\(\s*${AREA}\s*\)${SEP}|${AREA}[\s.-])${SUBSCRIBER}` +
    String.raw`|5\d{9}` +
    String.raw`)(?!\p{N})`,
  "gu",
);
/** Another country's number: only with its `+` (`+44 20 7946 0958`); `parseContact` holds it to a phone number's length. */
const INTERNATIONAL_PHONE = /(?<![\p{L}\p{N}])\+[1-9][\d\s().-]{8,22}\d(?!\p{N})/gu;
/** A T.C. kimlik no: eleven digits, the first not 0; its two check digits tell it from other numbers (`isNationalId`). */
const NATIONAL_ID = /(?<![\p{L}\p{N}])[1-9]\d{10}(?!\p{N})/gu;
/** A Turkish IBAN: `TR` and 24 digits, in any grouping (`TR33 0006 1005 1978 6457 8413 26`); its shape alone is unmistakable. */
const TURKISH_IBAN = /(?<![\p{L}\p{N}])tr(?:\s?\d){24}(?!\p{N})/giu;

/** Whether eleven digits are a T.C. kimlik no: the 10th and 11th digits are the check digits of those before them. */
function isNationalId(digits: string): boolean {
  const d = [...digits].map(Number);
  if (d.length !== 11 || d[0] === 0) return false;
  const at = (i: number): number => d[i] ?? 0;
  const odd = at(0) + at(2) + at(4) + at(6) + at(8);
  const even = at(1) + at(3) + at(5) + at(7);
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  const eleventh = d.slice(0, 10).reduce((sum, digit) => sum + digit, 0) % 10;
  return at(9) === tenth && at(10) === eleventh;
}

/**
 * A customer's free text (a comment, a complaint's description, a question) as it may be stored,
 * alerted and exported without their consent: every e-mail address, phone number, T.C. kimlik no
 * and Turkish IBAN in it replaced by its kind's placeholder, the words around it kept. Contact
 * details are kept only where the customer consented to give them (the case's consent step,
 * `parseContact`). Pure; masking a masked text changes nothing.
 */
export function maskContactDetails(text: string, placeholders: MaskPlaceholders): string {
  return text
    .replace(TURKISH_IBAN, placeholders.iban)
    .replace(EMAIL_IN_TEXT, (found) => {
      const address = found.replace(TRAILING_PUNCTUATION, "");
      return parseContact(address)?.kind === "email" ? `${placeholders.email}${found.slice(address.length)}` : found;
    })
    .replace(TURKISH_PHONE, (found) => (parseContact(found)?.kind === "phone" ? placeholders.phone : found))
    .replace(INTERNATIONAL_PHONE, (found) => (parseContact(found)?.kind === "phone" ? placeholders.phone : found))
    .replace(NATIONAL_ID, (found) => (isNationalId(found) ? placeholders.nationalId : found));
}
