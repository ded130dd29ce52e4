import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Characters of a button signature (base64url of HMAC-SHA256, 128 bits kept). */
const SIGNATURE_CHARS = 22;

/**
 * Pseudonymisation and button signatures, both keyed by the installation secret:
 * user and conversation ids are stored only as salted hashes (KVKK/GDPR), and rating
 * buttons carry a signature so a forged value (an unknown answer or entry) is refused
 * without a database lookup.
 */
export class Integrity {
  private readonly hashKey: Buffer;
  private readonly signKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error("[feedback] the installation secret is too short");
    this.hashKey = createHash("sha256").update(`memnun:hash:${secret}`).digest();
    this.signKey = createHash("sha256").update(`memnun:sign:${secret}`).digest();
  }

  /** Salted, one-way hash of an identifier (hex, 64 characters). */
  pseudonym(id: string): string {
    return createHmac("sha256", this.hashKey).update(id).digest("hex");
  }

  /** Signature binding an answer to its entry and conversation. */
  sign(answerId: string, entryId: string, conversation: string): string {
    return createHmac("sha256", this.signKey)
      .update(`${answerId}\n${entryId}\n${conversation}`)
      .digest("base64url")
      .slice(0, SIGNATURE_CHARS);
  }

  /** Constant-time check of `sign`'s output. */
  verify(signature: string, answerId: string, entryId: string, conversation: string): boolean {
    const expected = Buffer.from(this.sign(answerId, entryId, conversation));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
