import { exactKey, fold, isDigits, turkishLower } from "../matching/analysis";
import { answerWords, classifyYesNo } from "../matching/case-intent";
import { TEXTS } from "./texts";

/**
 * Whether a typed message is one of the labels. Both are compared by their `exactKey`, as a
 * message is compared with an entry's question: lower case, Turkish letters folded, punctuation
 * and emoji dropped, a letter stretched for emphasis read once (`Hayır, teşekkürler!` and
 * `hayir tesekkurler`, `hiçbiriii`). Customers retype labels without a Turkish keyboard and with
 * their own punctuation, and hosted Web Chat sends some labels as typed words. An empty label
 * matches nothing.
 */
export function isLabel(text: string, ...labels: readonly string[]): boolean {
  const typed = exactKey(text);
  return typed !== "" && labels.some((label) => exactKey(label) === typed);
}

/**
 * The number a message is when it is only a number, as typed for a rating or a numbered choice
 * (`2`, and `2.` or `2)` as a list numbers its items); null otherwise.
 */
export function typedNumber(text: string): string | null {
  return /^(\d{1,2})[.)]?$/u.exec(text.trim())?.[1] ?? null;
}

/**
 * Whether a message holds nothing to read: no letter, digit or emoji (`?`, `...`, `!!!`). It is
 * answered as an empty one, and not searched: searched, it got "don't know" and was logged
 * among the unanswered questions. An emoji alone is a reaction (small talk), not empty.
 */
export function isWordless(text: string): boolean {
  return !/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(text);
}

/** Whether a message is one of the words that skip a comment or survey question ("geç", "pas", "skip"), as its button does. */
export function isSkip(text: string): boolean {
  return isLabel(text, ...TEXTS.skipWords);
}

/** Turkish question words and particles, folded, as whole words. */
const QUESTION_WORDS = /(^|\s)(mi|mu|misin|misiniz|musun|musunuz|midir|mudur|nedir|nelerdir|neler|nasil|neden|niye|nicin|hangi|hangisi|kac|nerede|kim|ne)(\s|$)/;

/** Whether a message reads as a question (a question mark or a Turkish question word or particle). */
export function looksLikeQuestion(text: string): boolean {
  const folded = fold(turkishLower(text)).replace(/[^\p{L}\p{N}?]+/gu, " ").trim();
  return folded.endsWith("?") || QUESTION_WORDS.test(folded.replace(/\?/g, " "));
}

const SCORE_WORDS: ReadonlySet<string> = new Set(TEXTS.scoreWords.map(exactKey));
const SCALE_FIRST = exactKey("üzerinden");
/** The minus signs a negative number is typed with: the hyphen-minus, U+2212 (`−5`), dashes. */
const MINUS_SIGNS = /[\u2012-\u2015\u2212\uFE63\uFF0D]/gu;
/** A minus sign right before a number, not between two (`-10`, `puanım -3`; `9-10` is a range). */
const NEGATIVE = /(?:^|[^\p{L}\p{N}])-\s*\d/u;

/**
 * The score a survey answer typed as a sentence gives (`9 puan`, `puanım 9`, `9/10`, `10
 * üzerinden 9`), as typed digits, or null when the message is not only a score on `scale`
 * (`max` of the question). A bare number is the caller's: it is read before. A negative number
 * keeps its sign (`-10` → `-10`), so the caller's range check refuses it: `exactKey` drops the
 * sign, and `-10` was read as a promoter's 10.
 */
export function typedScore(text: string, scale: number): string | null {
  const plain = text.replace(MINUS_SIGNS, "-");
  const score = unsignedScore(plain, scale);
  return score !== null && NEGATIVE.test(plain) ? `-${score}` : score;
}

function unsignedScore(text: string, scale: number): string | null {
  const slashed = /^\s*-?\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/u.exec(text);
  if (slashed) return Number(slashed[2]) === scale ? (slashed[1] ?? null) : null;
  const words = exactKey(text).split(" ").filter((word) => word !== "");
  const numbers = words.filter(isDigits);
  if (words.some((word) => !isDigits(word) && !SCORE_WORDS.has(word))) return null;
  if (numbers.length === 1) return numbers[0] ?? null;
  // `10 üzerinden 9`: the scale, then the score
  const at = words.indexOf(SCALE_FIRST);
  if (numbers.length === 2 && at > 0 && isDigits(words[at - 1] ?? "") && Number(words[at - 1]) === scale && isDigits(words[at + 1] ?? "")) return words[at + 1] ?? null;
  return null;
}

/** `TEXTS.cesWords` by their `exactKey`, in their order. */
const CES_KEYS: ReadonlyArray<readonly [key: string, score: number]> = TEXTS.cesWords.map(([phrase, score]) => [exactKey(phrase), score]);

/**
 * The CES score a worded answer stands for ("çok kolaydı" → 7, "ZOR" → 2), or null. The message
 * and the phrases are compared by their `exactKey`, as labels are: case, Turkish letters,
 * punctuation and a stretched letter do not count. The phrase starts the message; its last word
 * may have a suffix ("kolaydı", "çok kolaydı ya").
 */
export function cesScoreOf(text: string): number | null {
  const words = exactKey(text);
  if (words === "") return null;
  for (const [key, score] of CES_KEYS) if (words.startsWith(key)) return score;
  return null;
}

const phrases = (list: readonly string[]): ReadonlyArray<readonly string[]> => list.map(answerWords);
const CANCEL_WORDS = phrases(TEXTS.refusalWords);
const COMPANIONS = phrases(TEXTS.refusalCompanions);

/** How many words from `start` one of the phrases covers (the longest that fits), 0 when none does. */
function phraseAt(words: readonly string[], start: number, list: ReadonlyArray<readonly string[]>): number {
  let longest = 0;
  for (const phrase of list) {
    if (phrase.length > longest && phrase.every((word, i) => words[start + i] === word)) longest = phrase.length;
  }
  return longest;
}

/**
 * Whether a message as a whole refuses what was just asked (a complaint's description or contact
 * details, a comment, a survey): every word a typed "hayır" (`classifyYesNo`, whose words are the
 * ones the yes/no questions read) or a refusal word, or a companion of one ("boş ver, kalsın",
 * "hayır teşekkürler", "boşver ya", "yorum yok"). Whole messages only, because a description often
 * holds such a word ("kargo iptal edildi ama para gelmedi", "internet yok"), and `classifyYesNo`
 * alone reads any short message holding "yok" as a "no".
 */
export function isRefusal(text: string): boolean {
  const words = answerWords(text);
  let refused = false;
  for (let i = 0; i < words.length; ) {
    const cancel = phraseAt(words, i, CANCEL_WORDS) || (classifyYesNo(words[i] ?? "") === "no" ? 1 : 0);
    if (cancel > 0) {
      refused = true;
      i += cancel;
      continue;
    }
    const companion = phraseAt(words, i, COMPANIONS);
    if (companion === 0) return false;
    i += companion;
  }
  return refused;
}
