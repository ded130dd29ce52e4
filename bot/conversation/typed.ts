import { SCALES } from "../feedback/events";
import { exactKey, fold, isDigits, turkishLower } from "../matching/analysis";
import { answerWords, classifyYesNo } from "../matching/case-intent";
import { classifySmallTalk } from "../matching/small-talk";
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

/** A wish a goodbye may return: the words of `TEXTS.smallTalk.wishBack`. */
export type Wish = keyof typeof TEXTS.smallTalk.wishBack;
const WISHES: ReadonlyArray<readonly [Wish, string]> = Object.keys(TEXTS.smallTalk.wishBack)
  .filter((wish): wish is Wish => Object.hasOwn(TEXTS.smallTalk.wishBack, wish))
  .map((wish) => [wish, answerWords(wish).join(" ")]);

/** The wish a message holds ("iyi akşamlar", "görüşürüz, iyi geceler"), to return it in kind; null when none. */
export function wishOf(text: string): Wish | null {
  const words = answerWords(text);
  return WISHES.find(([, word]) => words.includes(word))?.[0] ?? null;
}

/** Whether a stored value is a wish a goodbye may return (conversation state outlives a release). */
export function isWish(value: unknown): value is Wish {
  return typeof value === "string" && Object.hasOwn(TEXTS.smallTalk.wishBack, value);
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
 * üzerinden 9`, `dokuz`, `4 🙂` as the rating's button is labelled), as typed digits, or null when the message is not only a score on `scale`
 * (`max` of the question). A bare number is the caller's: it is read before. A negative number
 * keeps its sign (`-10` → `-10`), so the caller's range check refuses it: `exactKey` drops the
 * sign, and `-10` was read as a promoter's 10.
 */
export function typedScore(text: string, scale: number): string | null {
  const plain = text.replace(MINUS_SIGNS, "-");
  const score = unsignedScore(plain, scale);
  return score !== null && NEGATIVE.test(plain) ? `-${score}` : score;
}

/** Numbers written out, by their value (`beş` → `5`). */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(TEXTS.numberWords.map((word, value) => [exactKey(word), String(value)]));

function unsignedScore(text: string, scale: number): string | null {
  const slashed = /^\s*-?\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/u.exec(text);
  if (slashed) return Number(slashed[2]) === scale ? (slashed[1] ?? null) : null;
  const words = exactKey(text)
    .split(" ")
    .filter((word) => word !== "")
    .map((word) => NUMBER_WORDS.get(word) ?? word);
  const numbers = words.filter(isDigits);
  if (words.some((word) => !isDigits(word) && !SCORE_WORDS.has(word))) return null;
  if (numbers.length === 1) return numbers[0] ?? null;
  // `10 üzerinden 9`: the scale, then the score
  const at = words.indexOf(SCALE_FIRST);
  if (numbers.length === 2 && at > 0 && isDigits(words[at - 1] ?? "") && Number(words[at - 1]) === scale && isDigits(words[at + 1] ?? "")) return words[at + 1] ?? null;
  return null;
}


const phrases = (list: readonly string[]): ReadonlyArray<readonly string[]> => list.map(answerWords);

/** What an answer in words stands for: a score, or a plain yes or no (see `TEXTS.csatWords`). */
export type Worded = number | "yes" | "no";
interface WordedPhrase {
  readonly words: readonly string[];
  readonly value: Worded;
}
const wordedPhrases = (table: ReadonlyArray<readonly [string, Worded]>): readonly WordedPhrase[] =>
  table.map(([phrase, value]) => ({ words: answerWords(phrase), value }));
const WORDED: Readonly<Record<keyof typeof SCALES, readonly WordedPhrase[]>> = {
  csat: wordedPhrases(TEXTS.csatWords),
  nps: wordedPhrases(TEXTS.npsWords),
  ces: wordedPhrases(TEXTS.cesWords),
};
const WORDED_FILLERS = phrases(TEXTS.wordedFillers);
/**
 * An ending a phrase's last word may carry, as `answerWords` leaves it (folded, doubled letters
 * once): the past and reported copula and the person endings (`kolaydı`, `kötüydü`, `berbattı`
 * → `berbati`, `harikaymış`, `memnunum`, `iyidir`).
 */
const COPULA = /^(?:y?[dt]?[iu](?:m|n|k|z|niz|nuz)?|y?m[iu]s|[dt][iu]r|s[iu]n(?:[iu]z)?)$/u;

/** How many words from `start` the phrase covers, its last word with a `COPULA` ending; 0 when it does not fit. */
function wordedAt(words: readonly string[], start: number, phrase: readonly string[]): number {
  const fits = phrase.every((word, i) => {
    const typed = words[start + i];
    if (typed === undefined) return false;
    if (typed === word) return true;
    return i === phrase.length - 1 && typed.startsWith(word) && COPULA.test(typed.slice(word.length));
  });
  return fits ? phrase.length : 0;
}

/**
 * What a message answers in words to the rating, NPS or CES question (`TEXTS.csatWords`,
 * `npsWords`, `cesWords`), or null when it is no such answer: every word belongs to a phrase
 * of the scale's list (the longest that fits) or is a filler, and at least one phrase is there.
 * Scores win over a plain yes or no ("hayır, kötü" is 2); two different scores, or a yes and a
 * no, say nothing.
 */
export function wordedScore(text: string, scale: keyof typeof SCALES): Worded | null {
  const words = answerWords(text);
  const values = new Set<Worded>();
  for (let i = 0; i < words.length; ) {
    let longest = 0;
    let value: Worded | undefined;
    for (const phrase of WORDED[scale]) {
      const covered = phrase.words.length > longest ? wordedAt(words, i, phrase.words) : 0;
      if (covered > longest) {
        longest = covered;
        value = phrase.value;
      }
    }
    if (value !== undefined) values.add(value);
    else longest = phraseAt(words, i, WORDED_FILLERS);
    if (longest === 0) return null;
    i += longest;
  }
  const scores = [...values].filter((value) => typeof value === "number");
  if (scores.length > 0) return scores.length === 1 ? (scores[0] ?? null) : null;
  return values.size === 1 ? ([...values][0] ?? null) : null;
}

const THUMBS_UP = "\u{1F44D}";
/** Each rating label's emoji ("😍" of "5 😍"). */
const LABEL_EMOJI: readonly string[] = TEXTS.ratingLabels.map((label) => label.replace(/[\d\s\uFE0E\uFE0F]/gu, ""));

/** Whether a message is one emoji alone, maybe repeated ("😍", "👍👍"), spaces and variation selectors aside. */
function onlyEmoji(text: string, emoji: string): boolean {
  const typed = text.replace(/[\s\uFE0E\uFE0F]/gu, "");
  return emoji !== "" && typed !== "" && typed.replaceAll(emoji, "") === "";
}

/**
 * The rating a message typed right after an answer gives, as typed digits (which may be off the
 * 1–5 scale, for the caller's range check): a bare number, a rating button's label or its emoji
 * alone ("4 🙂", "😍"), a number in a sentence ("4 puan", "puanım 4", "4/5", "beş"); null otherwise.
 */
export function typedRating(text: string): string | null {
  const labelled = LABEL_EMOJI.findIndex((emoji) => onlyEmoji(text, emoji));
  if (labelled >= 0) return String(labelled + 1);
  return typedNumber(text) ?? typedScore(text, SCALES.csat.max);
}

/**
 * The rating a message right after an answer gives in words ("berbat", "idare eder", "süper ya",
 * "çok işime yaradı"), or the plain yes or no it answers "Bu cevap işinize yaradı mı?" with
 * ("evet", "işime yaramadı", 👍, and 👎 or an angry face: a displeasure); null otherwise.
 */
export function wordedRating(text: string): Worded | null {
  const worded = wordedScore(text, "csat");
  if (worded !== null) return worded;
  if (onlyEmoji(text, THUMBS_UP)) return "yes";
  return classifySmallTalk(text) === "displeasure" ? "no" : null;
}

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
