import { exactKey, fold, turkishLower } from "../matching/analysis";

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

/** Turkish question words and particles, folded, as whole words. */
const QUESTION_WORDS = /(^|\s)(mi|mu|misin|misiniz|musun|musunuz|midir|mudur|nedir|nelerdir|neler|nasil|neden|niye|nicin|hangi|hangisi|kac|nerede|kim|ne)(\s|$)/;

/** Whether a message reads as a question (a question mark or a Turkish question word or particle). */
export function looksLikeQuestion(text: string): boolean {
  const folded = fold(turkishLower(text)).replace(/[^\p{L}\p{N}?]+/gu, " ").trim();
  return folded.endsWith("?") || QUESTION_WORDS.test(folded.replace(/\?/g, " "));
}
