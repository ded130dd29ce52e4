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
