import { readFileSync } from "node:fs";
import { load as loadYaml } from "js-yaml";
import { z } from "zod";
import type { Term } from "./analysis";
import { analysedGroups, keptDir } from "./kept";
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
  /**
   * Kinds, analysed as `groups` are: a category first (`yurt dışı`, `evcil hayvan`), then things
   * of that kind that customers name in its place (`almanya`, `kedi`). The link goes one way,
   * from a thing to its category: "kedimi uçağa alabilir miyim" asks what "Evcil hayvanla
   * seyahat" answers, but a message about pets is not about cats, and cats are not dogs.
   */
  kinds(): ReadonlyArray<ReadonlyArray<readonly Term[]>>;
}

/** For tests and hosts that do without it: no word is related to another. */
export const NO_RELATED_WORDS: RelatedWords = { groups: () => [], kinds: () => [] };

const RelatedFile = z.array(z.array(z.string().min(1)).min(2));

const RELATED_FILE = languageFile("tr-related.yaml");
const KINDS_FILE = languageFile("tr-kinds.yaml");

/**
 * The near-synonyms of support chats in any domain, from `lexicon/tr-related.yaml`, and the
 * kinds of things they name, from `lexicon/tr-kinds.yaml` (language knowledge, written without
 * seeing any evaluation question; see the folder's README). Members are analysed like any text:
 * a light verb drops (`iptal etmek` is `iptal`), stop words go. Loaded on first use.
 */
export class TurkishRelatedWords implements RelatedWords {
  private loadedGroups: ReadonlyArray<ReadonlyArray<readonly Term[]>> | undefined;
  private loadedKinds: ReadonlyArray<ReadonlyArray<readonly Term[]>> | undefined;

  /** `kindsFile` null: no kinds. `keepDir`: where the lists, analysed, are kept for later processes (`analysedGroups`); none by default. */
  constructor(
    private readonly file: string = RELATED_FILE,
    private readonly kindsFile: string | null = KINDS_FILE,
    private readonly keepDir?: string,
  ) {}

  groups(): ReadonlyArray<ReadonlyArray<readonly Term[]>> {
    this.loadedGroups ??= readGroups(this.file, false, this.keepDir);
    return this.loadedGroups;
  }

  kinds(): ReadonlyArray<ReadonlyArray<readonly Term[]>> {
    // a kind whose category analyses to no word is left out with it (`readGroups` keeps order)
    this.loadedKinds ??= this.kindsFile === null ? [] : readGroups(this.kindsFile, true, this.keepDir);
    return this.loadedKinds;
  }
}

/** A list file's groups, analysed; with `firstRequired`, a group whose first member analyses to nothing is dropped whole. */
function readGroups(file: string, firstRequired: boolean, keepDir: string | undefined): ReadonlyArray<ReadonlyArray<readonly Term[]>> {
  let groups: Term[][][];
  try {
    groups = analysedGroups(readFileSync(file, "utf8"), (text) => RelatedFile.parse(loadYaml(text)), keepDir);
  } catch (cause) {
    throw new RelatedWordsError(`[matching] ${file}: not a list of groups of two or more words`, { cause });
  }
  return groups
    .filter((members) => !firstRequired || (members[0]?.length ?? 0) > 0)
    .map((members) => members.filter((terms) => terms.length > 0))
    .filter((members) => members.length >= 2);
}

/** The related-words file is missing or malformed: a broken installation, not an editor's mistake. */
export class RelatedWordsError extends Error {
  override readonly name = "RelatedWordsError";
}

/** The process's one list of related words: read once, shared by every matcher. */
export const sharedRelatedWords: RelatedWords = new TurkishRelatedWords(RELATED_FILE, KINDS_FILE, keptDir());
