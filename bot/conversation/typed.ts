import { fold, turkishLower } from "../matching/analysis";

/**
 * A button's label, or a typed message, as the two are compared: lower case, Turkish letters
 * folded, punctuation and emoji dropped, words one space apart (`Hayır, teşekkürler!` →
 * `hayir tesekkurler`). Customers retype labels without a Turkish keyboard and with their own
 * punctuation, and hosted Web Chat sends some labels as typed words.
 */
export function labelKey(text: string): string {
  return fold(turkishLower(text)).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Whether a typed message is one of the labels, as `labelKey` compares them; an empty label matches nothing. */
export function isLabel(text: string, ...labels: readonly string[]): boolean {
  const typed = labelKey(text);
  return typed !== "" && labels.some((label) => labelKey(label) === typed);
}
