import { exactKey } from "../matching/analysis";

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
