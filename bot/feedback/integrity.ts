import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const digest = (text: string): Buffer => createHash("sha256").update(text).digest();

/**
 * Constant-time comparison of two secrets or signatures. Both sides are hashed to a fixed length
 * first, so neither the content nor the length of the expected value leaks through timing.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Characters of a button signature (base64url of HMAC-SHA256, 128 bits kept). */
const SIGNATURE_CHARS = 22;

/**
 * Pseudonymisation and button signatures, both keyed by the installation secret:
 * user and conversation ids are stored only as salted hashes (KVKK/GDPR), and buttons carry a
 * signature so a forged value (an unknown answer or entry) is refused without a database lookup.
 * Ratings, "did you mean" choices, survey questions and case buttons are signed under keys of their own, so a
 * signature the bot sent for one never passes as another's.
 */
export class Integrity {
  private readonly hashKey: Buffer;
  private readonly signKey: Buffer;
  private readonly surveyKey: Buffer;
  private readonly choiceKey: Buffer;
  private readonly caseKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error("[feedback] the installation secret is too short");
    this.hashKey = digest(`memnun:hash:${secret}`);
    this.signKey = digest(`memnun:sign:${secret}`);
    this.surveyKey = digest(`memnun:survey:${secret}`);
    this.choiceKey = digest(`memnun:choice:${secret}`);
    this.caseKey = digest(`memnun:case:${secret}`);
  }

  /** Salted, one-way hash of an identifier (hex, 64 characters). */
  pseudonym(id: string): string {
    return createHmac("sha256", this.hashKey).update(id).digest("hex");
  }

  /** A button signature: the fields, one per line, under one of the keys. */
  private mac(key: Buffer, fields: readonly string[]): string {
    return createHmac("sha256", key).update(fields.join("\n")).digest("base64url").slice(0, SIGNATURE_CHARS);
  }

  /** Signature binding an answer to its entry and conversation. */
  sign(answerId: string, entryId: string, conversation: string): string {
    return this.mac(this.signKey, [answerId, entryId, conversation]);
  }

  /**
   * Signature of a "did you mean" choice: this entry was offered for this logged question in this
   * conversation. Only signed choices teach `kb:recommend`, so a forged one cannot name any entry.
   * A key of its own: with `sign`'s, a choice's signature would also pass as a rating of the entry
   * offered under the answer id `choice:<questionId>`, so an entry only offered could be rated.
   */
  signChoice(questionId: string, entryId: string, conversation: string): string {
    return this.mac(this.choiceKey, [questionId, entryId, conversation]);
  }

  /**
   * Signature of a survey question (NPS or CES) asked in this conversation, `surveyId` being the
   * survey's id there: only the buttons the bot sent count, so a score posted to a conversation
   * never asked, or carried over from another one, stores nothing and alerts nobody. A key of
   * its own: with `sign`'s, this signature would also pass as a rating's of the entry `nps` for
   * a made-up answer id.
   */
  signSurvey(surveyId: string, step: "nps" | "ces", conversation: string): string {
    return this.mac(this.surveyKey, [surveyId, step, conversation]);
  }

  /**
   * Signature of a case button (offer, consent, cancel): this step of this offer, in this
   * conversation. A key of its own: with `sign`'s, it would also pass as a rating of the made-up
   * entry `case:<step>` under the offer's id.
   */
  signCase(offerId: string, step: string, conversation: string): string {
    return this.mac(this.caseKey, [offerId, step, conversation]);
  }

  /** Constant-time check of `signCase`'s output. */
  verifyCase(signature: string, offerId: string, step: string, conversation: string): boolean {
    return sameSecret(signature, this.signCase(offerId, step, conversation));
  }

  /** Constant-time check of `signSurvey`'s output. */
  verifySurvey(signature: string, surveyId: string, step: "nps" | "ces", conversation: string): boolean {
    return sameSecret(signature, this.signSurvey(surveyId, step, conversation));
  }

  /** Constant-time check of `signChoice`'s output. */
  verifyChoice(signature: string, questionId: string, entryId: string, conversation: string): boolean {
    return sameSecret(signature, this.signChoice(questionId, entryId, conversation));
  }

  /** Constant-time check of `sign`'s output. */
  verify(signature: string, answerId: string, entryId: string, conversation: string): boolean {
    return sameSecret(signature, this.sign(answerId, entryId, conversation));
  }
}
