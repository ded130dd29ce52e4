import type { Activity } from "botbuilder";

/** An element of an Adaptive Card, as JSON. */
export type CardElement = Record<string, unknown>;

const isRecord = (value: unknown): value is CardElement => typeof value === "object" && value !== null;

/**
 * Every element of a reply's Adaptive Card, depth first: the card, its body, containers, columns,
 * action sets and actions, and the action a clickable row sends (`selectAction`). With `rows`
 * false, what a clickable row shows (a choice's label) is left out.
 */
export function cardElements(reply: Partial<Activity> | undefined, rows = true): CardElement[] {
  const found: CardElement[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isRecord(node)) {
      found.push(node);
      if (!rows && node.selectAction !== undefined) return;
      for (const key of ["body", "items", "columns", "actions", "selectAction"]) walk(node[key]);
    }
  };
  walk(reply?.attachments?.[0]?.content);
  return found;
}

/** A card's `Action.Submit`s, buttons and clickable rows alike, in order: their titles and what they send. */
export const cardButtons = (reply: Partial<Activity> | undefined): Array<{ title: unknown; data: unknown }> =>
  cardElements(reply)
    .filter((e) => e.type === "Action.Submit")
    .map((e) => ({ title: e.title, data: e.data }));

/** A card's text blocks, without the labels of its choices, joined as paragraphs. */
export const cardText = (reply: Partial<Activity> | undefined): string =>
  cardElements(reply, false)
    .filter((e) => e.type === "TextBlock")
    .map((e) => String(e.text))
    .join("\n\n");
