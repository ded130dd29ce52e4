/**
 * What matching reads of a knowledge base. The knowledge room's snapshot satisfies these shapes,
 * so matching depends on no room above it.
 */
export interface MatchableEntry {
  readonly id: string;
  readonly question: string;
  readonly alternates: readonly string[];
  readonly tags: readonly string[];
  readonly answer: string;
  /** A follow-up only (`.qna` `context-only`): never the answer to a message on its own. */
  readonly contextOnly?: boolean;
}

export interface MatchableBase {
  readonly entries: readonly MatchableEntry[];
  /** Words or phrases an editor declared equal; matching reads every member as the first one. */
  readonly synonyms: ReadonlyArray<{ readonly words: readonly string[] }>;
}
