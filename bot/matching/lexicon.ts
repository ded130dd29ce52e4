import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load as loadYaml } from "js-yaml";
import { z } from "zod";
import type { Term } from "./analysis";
import { analysedGroups, keptDir } from "./kept";
import { PhraseRewriter } from "./synonyms";

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

/** A built-in list in `lexicon/` beside this file, or beside its source when running the compiled build. */
export function languageFile(name: string): string {
  const beside = join(__dirname, "lexicon", name);
  return [beside, join(__dirname, "..", "..", "..", "bot", "matching", "lexicon", name)].find((file) => existsSync(file)) ?? beside;
}

const LEXICON_FILE = languageFile("en-tr.yaml");

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
  /** English words and phrases, compared as typed, → their Turkish reading. */
  private table: PhraseRewriter | undefined;

  /** `keepDir`: where the list, analysed, is kept for later processes (`analysedGroups`); none by default. */
  constructor(
    private readonly file: string = LEXICON_FILE,
    private readonly keepDir?: string,
  ) {}

  rewrite(terms: readonly Term[]): Term[] {
    return this.load().rewrite(terms);
  }

  private load(): PhraseRewriter {
    if (this.table) return this.table;
    let pairs: Term[][][];
    try {
      pairs = analysedGroups(readFileSync(this.file, "utf8"), parseLexicon, this.keepDir);
    } catch (cause) {
      throw new LexiconError(`[matching] ${this.file}: not a list of { en, tr } pairs`, { cause });
    }
    const table = new PhraseRewriter((term) => [term.typed]);
    for (const [en, tr] of pairs) if (en && tr) table.add(en, tr);
    this.table = table;
    return table;
  }
}

function parseLexicon(text: string): string[][] {
  return LexiconFile.parse(loadYaml(text)).map(({ en, tr }) => [en, tr]);
}

/** The lexicon file is missing or malformed: a broken installation, not an editor's mistake. */
export class LexiconError extends Error {
  override readonly name = "LexiconError";
}

/** The process's one lexicon: read once, shared by every matcher. */
export const sharedLexicon: Lexicon = new EnglishLexicon(LEXICON_FILE, keptDir());
