/**
 * Every tuning constant of matching, in one place, with the direction it moves things.
 * Thresholds are calibrated on the tuning halves of every domain under `test/eval/` together and reported on their held-out halves (`test/eval/README.md`).
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
  /** Shortest part of an unknown word read as two written together (`sim`+`kartı`). Lower = more false splits. */
  MIN_COMPOUND_PART: 3,
  /** Shortest word searched for typos. Lower = more false corrections. */
  MIN_TYPO_LENGTH: 4,
  /**
   * Shortest stop word a word the analyser cannot read is taken for when one letter off
   * (`istiyrum`, `istiyorm`: `istiyorum`). Among shorter words one edit reaches real words
   * (`ama`, `ana`). Lower = more unread words dropped as fillers.
   */
  MIN_MISTYPED_STOP_WORD_LENGTH: 6,
  /**
   * Shortest question word a word the analyser cannot read is taken for when one letter off
   * (`nerdn`: `nerden`; `hnagi`: `hangi`). Shorter question words (`kaç`, `kim`, `ne`) are one
   * edit from too many words. Lower = more unread words read as question words.
   */
  MIN_MISTYPED_QUESTION_WORD_LENGTH: 5,
  /** Words at least this long may have two typos; shorter ones one. */
  TWO_TYPO_LENGTH: 8,
  /** Similarity of a word one edit away. Higher = typos count more. */
  TYPO_SIM_1: 0.8,
  /** Similarity of a word two edits away. */
  TYPO_SIM_2: 0.65,
  /**
   * A query word no vocabulary word resembles weighs like a typical (median) word times this:
   * it is a topic the knowledge base may lack. Higher = unknown words push towards "don't know".
   */
  UNKNOWN_WEIGHT_FACTOR: 1,
  /**
   * An unknown word that only modifies, counts or points (`bugün`, `üç`, `hepsini`, `tam`:
   * `Morphology.modifier`), or names a person in the customer's life (`kardeşime`:
   * `isPersonRoot`) or a time (`ağustosta`: `isTimeRoot`), weighs this share of an unknown word:
   * it frames the question, as a question word does, and names no topic the knowledge base could
   * lack. Higher = such words push towards "don't know".
   */
  UNKNOWN_MODIFIER_FACTOR: 0.35,
  /** In a message of several sentences, words outside the sentence that asks weigh this share. Higher = context counts more. */
  CONTEXT_SENTENCE_WEIGHT: 0.5,
  /** Question words (`nasıl`, `neden`, `ne kadar`) weigh this share of their idf: they tell entries on one topic apart but never outweigh a topic word. Higher = intent matters more. */
  QUESTION_WORD_WEIGHT: 0.35,
  /** A query word found only in an entry's answer or tags counts this much of a match in its question. Higher = answers matter more. */
  ANSWER_WEIGHT: 0.6,
  /** BM25's k1 for answer words: how fast a word's weight saturates. Higher = an answer's length matters more. */
  ANSWER_K1: 1.2,
  /** BM25's b for answers: 0 = length ignored, 1 = fully normalized. Higher = words of long answers count less. */
  ANSWER_LENGTH_B: 0.75,
  /** An entry's score is query coverage × (PHRASE_FLOOR + rest × phrase coverage). Higher = extra words in a question matter less. */
  PHRASE_FLOOR: 0.7,
  /** Shortest root of a word family that may start a word typed without Turkish letters. Lower = more false friends. */
  MIN_ROOT_LENGTH: 3,
  /** Analyser roots shorter than this are ignored (one- and two-letter roots meet too many words). */
  MIN_ANALYSED_ROOT_LENGTH: 2,
  /** Similarity of two words the analyser reads as one root (inflected or derived forms). Higher = word families count more. */
  ROOT_FAMILY_SIM: 0.85,
  /** Similarity of a word to the words of its group in the built-in list of related Turkish words (`lexicon/tr-related.yaml`). Higher = paraphrases count more, and a group's wrong sense too. */
  RELATED_WORD_SIM: 0.7,
  /** fuse.js threshold for proposing typo corrections (0 = exact, 1 = anything). Higher = more proposals to check. */
  FUSE_THRESHOLD: 0.4,
  /** A word typed in plain letters is respelled with Turkish ones (to tell whether it is a verb) only when at most this many of its letters could be Turkish: each doubles the look-ups. Higher = slower first sight of a long word. */
  MAX_RESPELLED_LETTERS: 6,
  /**
   * Shortest word the analyser cannot read that is read with one vowel put back (`taşt` as
   * `taşıt`, `hmen` as `hemen`). Lower = more short unknown words (abbreviations, codes) read as
   * words they are not.
   */
  MIN_VOWEL_RESTORED_LENGTH: 4,
  /** Most typo corrections fuse.js proposes for one word; each is then checked by edit distance. */
  MAX_TYPO_PROPOSALS: 8,
  /** Score at or above which the top entry is answered outright. Higher = fewer wrong answers, more "did you mean". */
  ANSWER_THRESHOLD: 0.56,
  /** The top entry must lead the second by at least this much to be answered. Higher = more "did you mean". */
  MIN_MARGIN: 0.08,
  /** Score at or above which an entry is offered in "did you mean". Higher = more "I don't know". */
  SUGGEST_THRESHOLD: 0.35,
  /** Most choices in "did you mean". */
  MAX_SUGGESTIONS: 3,
  /**
   * Most entries whose phrases are scored for one query, taken by query coverage, best first
   * (bounds the work on large bases where many entries share the same words). Higher = slower,
   * exact on more ties.
   */
  MAX_SCORED_ENTRIES: 200,
  /** Candidates reported in a decision. */
  MAX_CANDIDATES: 5,
  /** Longest query analysed, in characters; the rest is ignored. Protects against huge inputs. */
  MAX_QUERY_CHARS: 2000,
  /** Most distinct terms taken from one query. */
  MAX_QUERY_TERMS: 32,
  /** Size of the per-index memo of query-word expansions. */
  EXPANSION_CACHE_SIZE: 20_000,
});
