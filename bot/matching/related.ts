import { readFileSync } from "node:fs";
import { load as loadYaml } from "js-yaml";
import { z } from "zod";
import { analyze, type Term } from "./analysis";
import { languageFile } from "./lexicon";

/**
 * Groups of Turkish words that customers and FAQ editors use for the same thing ("hattımı
 * kapatmak istiyorum" for "hattımı nasıl iptal ederim?", "paketim tükendi" for "paketim
 * bittiğinde"). Unlike an editor's synonyms, which rewrite a word to another, a related word is
 * a weaker match (`RELATED_WORD_SIM`): the list is written for every domain, and in one
 * knowledge base two members of a group may still name different things.
 */
export interface RelatedWords {
  /**
   * Each group's members, analysed: a member is the words it analyses to, one (`kapatmak`; `iptal
   * etmek` is `iptal`) or several (`askıya almak`, `yabancı para`). A member that analyses to no
   * word is left out, and so is a group left with fewer than two members.
   */
  groups(): ReadonlyArray<ReadonlyArray<readonly Term[]>>;
}

/** For tests and hosts that do without it: no word is related to another. */
export const NO_RELATED_WORDS: RelatedWords = { groups: () => [] };

const RelatedFile = z.array(z.array(z.string().min(1)).min(2));

const RELATED_FILE = languageFile("tr-related.yaml");

/**
 * The near-synonyms of support chats in any domain, from `lexicon/tr-related.yaml` (language
 * knowledge, written without seeing any evaluation question; see the folder's README). Members
 * are analysed like any text: a light verb drops (`iptal etmek` is `iptal`), stop words go.
 * Loaded on first use.
 */
export class TurkishRelatedWords implements RelatedWords {
  private loaded: ReadonlyArray<ReadonlyArray<readonly Term[]>> | undefined;

  constructor(private readonly file: string = RELATED_FILE) {}

  groups(): ReadonlyArray<ReadonlyArray<readonly Term[]>> {
    if (this.loaded) return this.loaded;
    let groups: z.infer<typeof RelatedFile>;
    try {
      groups = RelatedFile.parse(loadYaml(readFileSync(this.file, "utf8")));
    } catch (cause) {
      throw new RelatedWordsError(`[matching] ${this.file}: not a list of groups of two or more words`, { cause });
    }
    this.loaded = groups.map((members) => members.map(analyze).filter((terms) => terms.length > 0)).filter((members) => members.length >= 2);
    return this.loaded;
  }
}

/** The related-words file is missing or malformed: a broken installation, not an editor's mistake. */
export class RelatedWordsError extends Error {
  override readonly name = "RelatedWordsError";
}

/** The process's one list of related words: read once, shared by every matcher. */
export const sharedRelatedWords: RelatedWords = new TurkishRelatedWords();
