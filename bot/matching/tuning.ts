/**
 * Every tuning constant of matching, in one place, with the direction it moves things.
 * Calibrated on `test/matching/queries.ts` (in-domain and off-topic customer questions).
 */
export const TUNING = Object.freeze({
  /** Shortest shared prefix that counts as the same word with other suffixes. Lower = more recall, more false friends. */
  MIN_PREFIX_LENGTH: 4,
  /** Similarity of a prefix match is PREFIX_BASE + PREFIX_SPAN × (shorter / longer). Higher = suffixed forms count more. */
  PREFIX_BASE: 0.7,
  PREFIX_SPAN: 0.3,
  /** Shortest start two different words must share to count as one word with other suffixes. Lower = more false friends. */
  MIN_SHARED_PREFIX: 5,
  /** Longest shared start looked for (longer shared starts are found through the stem). */
  MAX_SHARED_PREFIX: 9,
  /** Most vocabulary words one query word may expand to by prefix. Higher = slower, more recall. */
  MAX_PREFIX_EXPANSIONS: 24,
  /** Shortest word searched for typos. Lower = more false corrections. */
  MIN_TYPO_LENGTH: 5,
  /** Words at least this long may have two typos; shorter ones one. */
  TWO_TYPO_LENGTH: 8,
  /** Similarity of a word one edit away. Higher = typos count more. */
  TYPO_SIM_1: 0.8,
  /** Similarity of a word two edits away. */
  TYPO_SIM_2: 0.65,
  /** Query words no vocabulary word resembles weigh like the rarest known word times this. Higher = unknown words hurt more. */
  UNKNOWN_WEIGHT_FACTOR: 1.1,
  /** In a phrase's score, the share of query coverage (the rest is phrase coverage). Higher = extra words in the phrase matter less. */
  QUERY_COVERAGE_SHARE: 0.6,
  /** Share of the harmonic mean of query and phrase coverage (the rest is their weighted average). Higher = a match must cover both sides. */
  HARMONIC_SHARE: 0.7,
  /** Share of the answer text in the entry's text score (questions and alternates get the rest). Higher = answers matter more. */
  ANSWER_SHARE: 0.12,
  /** fuse.js threshold for proposing typo corrections (0 = exact, 1 = anything). Higher = more proposals to check. */
  FUSE_THRESHOLD: 0.4,
  /** Most typo corrections fuse.js proposes for one word; each is then checked by edit distance. */
  MAX_TYPO_PROPOSALS: 8,
  /** Score at or above which the top entry is answered outright. Higher = fewer wrong answers, more "did you mean". */
  ANSWER_THRESHOLD: 0.62,
  /** The top entry must lead the second by at least this much to be answered. Higher = more "did you mean". */
  MIN_MARGIN: 0.06,
  /** Score at or above which an entry is offered in "did you mean". Higher = more "I don't know". */
  SUGGEST_THRESHOLD: 0.42,
  /** Most choices in "did you mean". */
  MAX_SUGGESTIONS: 3,
  /** Candidates reported in a decision. */
  MAX_CANDIDATES: 5,
  /** Longest query analysed, in characters; the rest is ignored. Protects against huge inputs. */
  MAX_QUERY_CHARS: 2000,
  /** Most distinct terms taken from one query. */
  MAX_QUERY_TERMS: 32,
  /** Size of the per-index memo of query-word expansions. */
  EXPANSION_CACHE_SIZE: 20_000,
});
