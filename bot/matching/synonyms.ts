import type { Term } from "./analysis";

/**
 * Editors' synonym groups, applied to analysed text: wherever the terms of a member appear in
 * a row (compared by stem, so inflected forms count), they are replaced by the terms of the
 * group's first member. Applied to the knowledge base and to customers' messages alike, as QnA
 * Maker's alterations were, so either side may use any member.
 */
export class SynonymRewriter {
  /** First stem of a member → its members starting there, longest first. */
  private readonly byFirstStem = new Map<string, Array<{ stems: readonly string[]; canonical: readonly Term[] }>>();

  constructor(groups: ReadonlyArray<readonly (readonly Term[])[]>) {
    for (const members of groups) {
      const canonical = members[0];
      if (!canonical || canonical.length === 0) continue;
      for (const member of members.slice(1)) {
        const first = member[0];
        if (!first) continue;
        const list = this.byFirstStem.get(first.stem) ?? [];
        list.push({ stems: member.map((term) => term.stem), canonical });
        list.sort((a, b) => b.stems.length - a.stems.length);
        this.byFirstStem.set(first.stem, list);
      }
    }
  }

  get empty(): boolean {
    return this.byFirstStem.size === 0;
  }

  rewrite(terms: readonly Term[]): Term[] {
    if (this.byFirstStem.size === 0) return [...terms];
    const out: Term[] = [];
    for (let i = 0; i < terms.length; ) {
      const candidates = this.byFirstStem.get(terms[i]?.stem ?? "");
      const found = candidates?.find(({ stems }) => stems.every((stem, k) => terms[i + k]?.stem === stem));
      if (found) {
        out.push(...found.canonical);
        i += found.stems.length;
      } else {
        const term = terms[i];
        if (term) out.push(term);
        i += 1;
      }
    }
    return out;
  }
}
