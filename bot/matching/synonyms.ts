import type { Term } from "./analysis";

/**
 * Runs of terms replaced by other terms: at each position the longest run that starts there
 * wins. Terms are compared by `key` (the stem for editors' synonyms, the word as typed for the
 * English lexicon).
 */
export class PhraseRewriter {
  /** Key of a run's first term → the runs starting there, longest first. */
  private readonly byFirstKey = new Map<string, Array<{ keys: readonly string[]; replacement: readonly Term[] }>>();

  constructor(private readonly key: (term: Term) => string) {}

  /** Adds a run and what replaces it; an empty run or replacement is left out. */
  add(run: readonly Term[], replacement: readonly Term[]): void {
    const first = run[0];
    if (!first || replacement.length === 0) return;
    const list = this.byFirstKey.get(this.key(first)) ?? [];
    list.push({ keys: run.map(this.key), replacement });
    list.sort((a, b) => b.keys.length - a.keys.length);
    this.byFirstKey.set(this.key(first), list);
  }

  rewrite(terms: readonly Term[]): Term[] {
    if (this.byFirstKey.size === 0) return [...terms];
    const out: Term[] = [];
    for (let i = 0; i < terms.length; ) {
      const term = terms[i];
      const found = term && this.byFirstKey.get(this.key(term))?.find(({ keys }) => this.runAt(terms, i, keys));
      if (found) {
        out.push(...found.replacement);
        i += found.keys.length;
      } else {
        if (term) out.push(term);
        i += 1;
      }
    }
    return out;
  }

  private runAt(terms: readonly Term[], start: number, keys: readonly string[]): boolean {
    return keys.every((key, k) => {
      const term = terms[start + k];
      return term !== undefined && this.key(term) === key;
    });
  }
}

/**
 * Editors' synonym groups, applied to analysed text: wherever the terms of a member appear in
 * a row (compared by stem, so inflected forms count), they are replaced by the terms of the
 * group's first member. Applied to the knowledge base and to customers' messages alike, as QnA
 * Maker's alterations were, so either side may use any member.
 */
export class SynonymRewriter {
  private readonly runs = new PhraseRewriter((term) => term.stem);

  constructor(groups: ReadonlyArray<readonly (readonly Term[])[]>) {
    for (const [canonical, ...members] of groups) {
      if (canonical) for (const member of members) this.runs.add(member, canonical);
    }
  }

  rewrite(terms: readonly Term[]): Term[] {
    return this.runs.rewrite(terms);
  }
}
