import type { Term } from "./analysis";

/**
 * Runs of terms replaced by other terms: at each position the longest run that starts there
 * wins. Terms are compared by their keys (the stem and the dictionary root for editors'
 * synonyms, the word as typed for the English lexicon): a term stands for a run's term when
 * they share a key.
 */
export class PhraseRewriter {
  /** Key of a run's first term → the runs starting there, longest first. */
  private readonly byFirstKey = new Map<string, Run[]>();

  /**
   * @param keys a term's keys
   * @param emptyDrops whether a run whose replacement is empty is dropped from a text (the
   * English lexicon: a word read as a Turkish filler, `urgent` as `acil`, is one) or left out of
   * the rewriter (editors' synonyms: a group of fillers rewrites nothing)
   */
  constructor(
    private readonly keys: (term: Term) => readonly string[],
    private readonly emptyDrops = false,
  ) {}

  /** Adds a run and what replaces it; an empty run is left out, and an empty replacement unless it drops the run (`emptyDrops`). */
  add(run: readonly Term[], replacement: readonly Term[]): void {
    const first = run[0];
    if (!first || (replacement.length === 0 && !this.emptyDrops)) return;
    const keys = run.map((term) => new Set(this.keys(term)));
    const added: Run = { keys, replacement };
    for (const key of keys[0] ?? []) {
      const list = this.byFirstKey.get(key) ?? [];
      list.push(added);
      list.sort((a, b) => b.keys.length - a.keys.length);
      this.byFirstKey.set(key, list);
    }
  }

  rewrite(terms: readonly Term[]): Term[] {
    if (this.byFirstKey.size === 0) return [...terms];
    // each term's keys once: a term is compared with every run starting at or before it
    const keys = terms.map((term) => this.keys(term));
    const out: Term[] = [];
    for (let i = 0; i < terms.length; ) {
      const term = terms[i];
      const found = term && this.longestAt(keys, i);
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

  /** The longest run that starts at `start`, given each text term's keys. */
  private longestAt(keys: ReadonlyArray<readonly string[]>, start: number): Run | undefined {
    let found: Run | undefined;
    for (const key of keys[start] ?? []) {
      for (const run of this.byFirstKey.get(key) ?? []) {
        if (found && found.keys.length >= run.keys.length) break;
        if (run.keys.every((runKeys, k) => keys[start + k]?.some((termKey) => runKeys.has(termKey)) === true)) found = run;
      }
    }
    return found;
  }
}

interface Run {
  readonly keys: ReadonlyArray<ReadonlySet<string>>;
  readonly replacement: readonly Term[];
}

/**
 * Editors' synonym groups, applied to analysed text: wherever the terms of a member appear in
 * a row, in any form, they are replaced by the terms of the group's first member. A text's word
 * is a form of a member's word when they share the stem or, given `roots`, the dictionary root
 * (`yükseltebilmemiz` and `yükseltmek` share `yükselt`, not a stem: Snowball stems nouns only).
 * Applied to the knowledge base and to customers' messages alike, as QnA Maker's alterations
 * were, so either side may use any member.
 */
export class SynonymRewriter {
  private readonly runs: PhraseRewriter;

  constructor(groups: ReadonlyArray<readonly (readonly Term[])[]>, roots: (term: Term) => readonly string[] = () => []) {
    this.runs = new PhraseRewriter((term) => [term.stem, ...roots(term).map((root) => `${ROOT_KEY}${root}`)]);
    for (const [canonical, ...members] of groups) {
      if (canonical) for (const member of members) this.runs.add(member, canonical);
    }
  }

  rewrite(terms: readonly Term[]): Term[] {
    return this.runs.rewrite(terms);
  }
}

/** Marks a root among a term's keys, so a root never equals another word's stem by chance. */
const ROOT_KEY = "\u0000";
