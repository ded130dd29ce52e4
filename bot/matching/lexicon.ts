import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { analyze, type Term } from "./analysis";

/**
 * Reads foreign words of a message as the Turkish words a knowledge base uses. Applied to the
 * knowledge and to messages alike, between two passes of the editors' synonyms (see
 * `SearchIndex`), so an editor's group can still give a word another reading.
 */
export interface Lexicon {
  rewrite(terms: readonly Term[]): Term[];
}

/** For tests and hosts that do without it: every word is read as typed. */
export const NO_LEXICON: Lexicon = { rewrite: (terms) => [...terms] };

const LexiconFile = z.array(z.object({ en: z.string().min(1), tr: z.string().min(1) }).strict());

/** `en-tr.yaml` beside this file, or beside its source when running the compiled build. */
const LEXICON_FILE =
  [join(__dirname, "lexicon", "en-tr.yaml"), join(__dirname, "..", "..", "..", "bot", "matching", "lexicon", "en-tr.yaml")].find((file) =>
    existsSync(file),
  ) ?? join(__dirname, "lexicon", "en-tr.yaml");

/**
 * The English words and phrases Turkish customers mix into their messages ("password reset
 * nasıl yapılır", "refund alabilir miyim"), from `lexicon/en-tr.yaml` (language knowledge for
 * support chats of any domain; see its README). Words are compared as typed, lower-cased, never
 * by stem: a Snowball stem or a collapsed double letter would make English `add` the Turkish
 * `ad`, while an inflected Turkish word never equals a bare English one. Since the knowledge is
 * read through the same list, the rare bare Turkish word spelled like an English one (`pay`,
 * share) is read alike on both sides. Loaded on first use.
 */
export class EnglishLexicon implements Lexicon {
  /** First word of an English entry → its entries starting there, longest first. */
  private table: Map<string, Array<{ words: readonly string[]; turkish: readonly Term[] }>> | undefined;

  constructor(private readonly file: string = LEXICON_FILE) {}

  rewrite(terms: readonly Term[]): Term[] {
    const table = this.load();
    const out: Term[] = [];
    for (let i = 0; i < terms.length; ) {
      const found = table.get(terms[i]?.typed ?? "")?.find(({ words }) => words.every((word, k) => terms[i + k]?.typed === word));
      if (found) {
        out.push(...found.turkish);
        i += found.words.length;
      } else {
        const term = terms[i];
        if (term) out.push(term);
        i += 1;
      }
    }
    return out;
  }

  private load(): Map<string, Array<{ words: readonly string[]; turkish: readonly Term[] }>> {
    if (this.table) return this.table;
    let entries: z.infer<typeof LexiconFile>;
    try {
      entries = LexiconFile.parse(parse(readFileSync(this.file, "utf8")));
    } catch (cause) {
      throw new LexiconError(`[matching] ${this.file}: not a list of { en, tr } pairs`, { cause });
    }
    const table = new Map<string, Array<{ words: readonly string[]; turkish: readonly Term[] }>>();
    for (const { en, tr } of entries) {
      const words = analyze(en).map((term) => term.typed);
      const turkish = analyze(tr);
      const first = words[0];
      if (first === undefined || turkish.length === 0) continue;
      const list = table.get(first) ?? [];
      list.push({ words, turkish });
      list.sort((a, b) => b.words.length - a.words.length);
      table.set(first, list);
    }
    this.table = table;
    return table;
  }
}

/** The lexicon file is missing or malformed: a broken installation, not an editor's mistake. */
export class LexiconError extends Error {
  override readonly name = "LexiconError";
}

/** The process's one lexicon: read once, shared by every matcher. */
export const sharedLexicon: Lexicon = new EnglishLexicon();
