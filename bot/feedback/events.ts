import { z } from "zod";

/**
 * What the bot records about a conversation. Every event carries its own id, so writing it twice
 * (a retry after a timeout, a repeated click) stores it once.
 */

/** Who and where, pseudonymised: salted hashes, never raw channel ids. */
export interface Origin {
  readonly conversation: string;
  readonly userHash: string;
  /**
   * The Bot Framework channel id (`webchat`, `msteams`, `emulator`, `directline`…), at most
   * `MAX_CHANNEL_CHARS`. Absent in events spooled by versions that did not record it.
   */
  readonly channel?: string;
}

/** Longest channel id kept (the column is 64 wide; real ids are short words). */
export const MAX_CHANNEL_CHARS = 64;

export interface QuestionEvent extends Origin {
  readonly kind: "question";
  readonly id: string;
  readonly at: string;
  readonly query: string;
  readonly status: "answered" | "ambiguous" | "none";
  readonly entryId: string | null;
  /** The matcher's confidence in `entryId`, in [0, 1]. */
  readonly confidence: number;
}

export interface AnswerEvent extends Origin {
  readonly kind: "answer";
  readonly id: string;
  readonly at: string;
  readonly entryId: string;
  readonly source: "match" | "suggestion" | "followup";
  readonly questionId: string | null;
}

export interface RatingEvent extends Origin {
  readonly kind: "rating";
  readonly answerId: string;
  readonly entryId: string;
  /** 1 (not at all) … 5 (very). */
  readonly rating: number;
  readonly at: string;
}

export interface CommentEvent extends Origin {
  readonly kind: "comment";
  readonly id: string;
  readonly answerId: string;
  readonly entryId: string;
  readonly rating: number;
  readonly text: string;
  readonly at: string;
}

export interface SurveyEvent extends Origin {
  readonly kind: "nps" | "ces";
  /** NPS 0–10; CES 1–7 (7 = very easy). */
  readonly score: number;
  readonly at: string;
}

export type FeedbackEvent = QuestionEvent | AnswerEvent | RatingEvent | CommentEvent | SurveyEvent;

/** Valid score ranges of the three measures. */
export const SCALES = Object.freeze({
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
});

/**
 * Longest comment stored; longer ones are cut. The bot asks for a comment over it to be shortened
 * (`MAX_MESSAGE_LENGTH` may be higher), so a customer's comment is never cut there.
 */
export const MAX_COMMENT_CHARS = 2_000;

const origin = { conversation: z.string().max(128), userHash: z.string().max(128), channel: z.string().max(MAX_CHANNEL_CHARS).optional() };

/** Runtime schema of `FeedbackEvent`, for events read back from the spool file. */
export const FeedbackEventSchema: z.ZodType<FeedbackEvent> = z.preprocess(legacyQuestionScore, z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("question"), id: z.string(), at: z.string(), query: z.string(),
    status: z.enum(["answered", "ambiguous", "none"]), entryId: z.string().nullable(), confidence: z.number(), ...origin,
  }),
  z.object({
    kind: z.literal("answer"), id: z.string(), at: z.string(), entryId: z.string(),
    source: z.enum(["match", "suggestion", "followup"]), questionId: z.string().nullable(), ...origin,
  }),
  z.object({ kind: z.literal("rating"), answerId: z.string(), entryId: z.string(), rating: z.number().int(), at: z.string(), ...origin }),
  z.object({
    kind: z.literal("comment"), id: z.string(), answerId: z.string(), entryId: z.string(), rating: z.number().int(),
    text: z.string(), at: z.string(), ...origin,
  }),
  z.object({ kind: z.enum(["nps", "ces"]), score: z.number().int(), at: z.string(), ...origin }),
]));

/**
 * Question events spooled before 2026-12-03 named the matcher's confidence `score`; read them
 * with today's name, so nothing written by an older version is lost.
 */
function legacyQuestionScore(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("kind" in value) || value.kind !== "question") return value;
  if (!("score" in value) || "confidence" in value) return value;
  const { score, ...rest } = value;
  return { ...rest, confidence: score };
}
