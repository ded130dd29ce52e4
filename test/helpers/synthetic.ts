import { createKnowledgeBase, type KnowledgeBase, type KnowledgeEntry } from "../../bot/knowledge/types";

/**
 * A large knowledge base generated from a real one, for scale benchmarks and ranking tests:
 * entry `i` copies entry `i mod n` with a random question word and a unique product code
 * appended to its question, and a random question word appended to each alternate.
 * Deterministic for a given seed.
 */
export function syntheticKnowledge(base: readonly KnowledgeEntry[], size: number, seed = 42): KnowledgeBase {
  const words = [...new Set(base.flatMap((e) => [e.question, ...e.alternates].join(" ").split(/\s+/)))];
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = (): string => words[Math.floor(random() * words.length)] ?? "";
  const entries: KnowledgeEntry[] = [];
  for (let i = 0; i < size; i += 1) {
    const from = base[i % base.length];
    if (!from) continue;
    entries.push({
      ...from,
      id: `${from.id}-${i}`,
      question: `${from.question} ${pick()} urun${i.toString(36)}`,
      alternates: from.alternates.map((a) => `${a} ${pick()}`),
      related: [],
      source: { file: `synthetic/${i}.md`, line: 1 },
    });
  }
  return createKnowledgeBase(entries, entries.length);
}
