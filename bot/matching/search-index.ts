import Fuse from "fuse.js";
import { DamerauLevenshteinDistance } from "natural/lib/natural/distance";
import { normalize, exactKeyOf, withoutListNumbers, listedQuestionWord, mistypedQuestionWord, isMistypedStopWord, isMistypedLightVerb, isDroppedWord, hasTurkishLetters, analyze, analyzeWords, collapseRepeats, fold, foldWord, isQuestionTerm, refersBack, textWords, turkishSpellings, writtenVerbForms, isPersonRoot, isTimeRoot, isSelfIntroduction, withoutDurationCounts, withStoryTimesRead, withoutAsides, isOutcry, isStoryTime, withContactDetailsRead, withoutDenied, isDigits, NAME_FIELD_STARTS, NAME_FIELD_ENDS, type Term } from "./analysis";
import type { Lexicon, LexiconReader } from "./lexicon";
import { remember } from "./memo";
import { binaryIncludes } from "./ranking";
import type { RelatedWords } from "./related";
import type { Morphology } from "./morphology";
import { SynonymRewriter } from "./synonyms";
import { TUNING } from "./tuning";
import type { MatchableBase, MatchableEntry } from "./types";

/** A vocabulary word a query word may stand for, and how alike they are (0..1]. */
export interface Expansion {
  readonly term: number;
  readonly sim: number;
}

/** One word of a query: what it may stand for, and how much it weighs. */
export interface QueryWord {
  readonly surface: string;
  readonly expansions: readonly Expansion[];
  readonly weight: number;
  /** A question word (`?how`): tells intents apart, names no topic. */
  readonly question: boolean;
  /** The analyser reads it only as a verb form: it frames a question more than it names its topic. */
  readonly verb: boolean;
  /**
   * A word the base lacks that only modifies, counts or points, or names a person in the writer's
   * life or a time (`bugün`, `babama`, `ağustosta`), or that stands in a sentence of the story
   * around the one that asks (`Lizbon seyahatindeydim. …`): it says how, for whom, when or in what
   * circumstance, and names no topic the message asks about, so it weighs as a modifier
   * (`UNKNOWN_MODIFIER_FACTOR`) and is never the key word.
   */
  readonly framing: boolean;
  /**
   * The analyser reads it, in some spelling, as only modifying, counting or pointing (`başka`,
   * `daha`, `tamamen`; `Morphology.modifier`): it says which, how or how much of a thing the
   * message names elsewhere.
   */
  readonly modifying: boolean;
  /** Every entry any form reaches, ascending, with the closest form's similarity in its phrases and in its answer (0: none). */
  readonly reach: Reach;
  /**
   * For a related-words member of several words (`yabancı para`): the message's words it is made
   * of. The unit is another reading of them, not more words: an entry is credited with the better
   * of the two readings, and the unit's weight is theirs.
   */
  readonly parts?: readonly QueryWord[];
}

/** A related-words member of several words in a phrase: its group's term and the phrase's terms it is made of. */
export interface PhraseUnit {
  readonly group: number;
  readonly parts: Int32Array;
}

/** The entries one query word reaches, merged over its forms' postings. */
export interface Reach {
  readonly entries: Int32Array;
  /**
   * How well the word matches each entry: its best similarity in a question or alternate, or
   * `ANSWER_WEIGHT` × its best in the answer or tags if that is more. Computed once per word, not
   * per query: a common word of a large base reaches thousands of entries in every query.
   */
  readonly match: Float64Array;
}

/** The analyser's derivation of a verb's form "without doing" (`git+VERB^ADV+WITHOUTHAVINGDONESO`). */
const WITHOUT_DOING = "+WITHOUTHAVINGDONESO";
/** Words after a verb's `-mAdAn` that make it "before doing" (`gitmeden önce`), folded. */
const BEFORE_DOING: ReadonlySet<string> = new Set(["once", "evvel"]);

/** What a word that reaches no entry expands to (`isStoryTime`). */
const NOTHING_REACHED: { readonly expansions: Expansion[]; readonly idf: number; readonly reach: Reach } = Object.freeze({
  expansions: [],
  idf: 0,
  reach: { entries: new Int32Array(0), match: new Float64Array(0) },
});

/**
 * The search structures for one knowledge base snapshot, built once per reload: a vocabulary of
 * word roots with idf weights, the entries' phrases (question and alternates) and answers as
 * term lists, postings from each term to the entries holding it, and the analysers that map a
 * customer's word to the vocabulary (morphology, editors' synonyms, prefixes, typos).
 */
export class SearchIndex {
  readonly entries: readonly MatchableEntry[];
  /** Entry index → the term ids of each of its phrases (question first, then alternates), group terms left out. */
  readonly phrases: ReadonlyArray<ReadonlyArray<Int32Array>>;
  /** Entry index → per phrase, the related-words members of several words it holds (`PhraseUnit`). */
  readonly phraseUnits: ReadonlyArray<ReadonlyArray<readonly PhraseUnit[]>>;
  /** The most words any question or alternate has: what one entry can cover of a message at most. */
  readonly longestPhrase: number;
  /** Term id → idf. */
  readonly idf: Float64Array;
  /** Term id → whether it is a question word (`?how`). */
  readonly questionTerm: Uint8Array;
  /** Term id → entries whose question or alternates hold it, ascending. */
  readonly phrasePostings: readonly Int32Array[];
  /** Term id → entries whose answer or tags hold it, ascending. */
  readonly answerPostings: readonly Int32Array[];
  /** Entry index → how much one answer word counts, by the answer's length (BM25's length normalization). */
  readonly answerNorm: Float32Array;
  /** Weight of a query word that resembles nothing in the vocabulary. */
  readonly unknownWeight: number;
  /** Exact-text key of each question and alternate → the one entry holding it (-1: several). */
  readonly exactPhrases: ReadonlyMap<string, number>;
  private readonly stemIds = new Map<string, number>();
  private readonly surfaceIds = new Map<string, number>();
  private readonly stems: string[] = [];
  private readonly sortedStems: readonly string[];
  /** Term id → the word as the knowledge base typed it (Turkish letters), for the analyser. */
  private readonly typedForms: string[] = [];
  /** Term id → the forms the base typed under it (at most `MAX_TYPED_FORMS`), for `maySpellSameWord`. */
  private readonly typedFormsById: string[][] = [];
  /** Root (folded) → the vocabulary words the analyser reads as that root: one word family. */
  private readonly families: ReadonlyMap<string, Int32Array>;
  private readonly synonyms: SynonymRewriter;
  /**
   * The foreign words' lexicon, read in the senses this base uses (`Lexicon.forBase`): which
   * those are is known once the base's phrases are read, so the build reads them with every word
   * of several senses as typed, and messages are read in the senses.
   */
  private lexicon: LexiconReader;
  /**
   * Set when the base's own text holds a foreign word of several senses that it reads in one
   * (an FAQ that writes `ticket`): build the index again with this reader (`reader`), so the
   * knowledge and messages read it alike. Undefined for most bases, which write no such word.
   */
  readonly rereadWith: LexiconReader | undefined;
  /**
   * Key of the first word of a related-words member of several words (`askıya almak`) → the first
   * letter of a form of its second word (`RunWord.initials`) → those members: a text's word is
   * compared only with the members its next word could continue.
   */
  private readonly relatedRuns: ReadonlyMap<string, ReadonlyMap<string, readonly RelatedRun[]>>;
  /** Start of a noun that begins a related-words member of several words (`nounFormStarts`) → those members. */
  private readonly relatedRunsByStart: ReadonlyMap<string, readonly RelatedRun[]>;
  /** A word as typed → the members it begins as an inflected form of their first noun (`runsBegunByForm`). */
  private readonly runsByForm = new Map<string, readonly RelatedRun[]>();
  /** Folded stem, surface or root of a related word (`RelatedWords`) → the vocabulary words of its group, with their similarity. */
  private readonly relatedByKey: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** fuse.js over the vocabulary, one per initial letter: proposes typo corrections. */
  private readonly fuzzyByInitial: Map<string, Fuse<string>>;
  private readonly cache = new Map<string, QueryWord[]>();
  private readonly expansionCache = new Map<string, { expansions: Expansion[]; idf: number; reach: Reach }>();
  /** What words read as with this index's analyser, shared by every index that uses it. */
  private readonly readings: Readings;
  /** Scratch arrays for merging postings, sized to the entries. */
  private readonly scratchPhrase: Float32Array;
  private readonly scratchAnswer: Float32Array;

  constructor(
    base: MatchableBase,
    private readonly morphology: Morphology,
    lexicon: Lexicon,
    related: RelatedWords,
    reader?: LexiconReader,
  ) {
    this.entries = base.entries;
    this.readings = readingsOf(morphology);
    this.scratchPhrase = new Float32Array(this.entries.length);
    this.scratchAnswer = new Float32Array(this.entries.length);
    // follow-up-only entries get no words: no message reaches them, their parent's buttons do
    const searchable = (entry: MatchableEntry): boolean => entry.contextOnly !== true;
    // the base's senses are known once its phrases are read (`Lexicon.forBase`): until then a
    // foreign word of several senses stands as itself
    const senseless = lexicon.forBase(() => []);
    this.lexicon = reader ?? senseless;
    const synonymTexts = base.synonyms.map((group) => group.words.map((member) => this.analyzeText(member)));

    this.synonyms = new SynonymRewriter(synonymTexts, (term) => this.dictionaryRoots(term));
    // each member as the lexicon and the editors' synonyms read it, once for both indexes; a
    // foreign word of several senses stands as itself, in the sense its group gives it (`ticket`
    // among support requests is not read as this base's `bilet`)
    const relatedGroups = related.groups().map((members) => members.map((member) => this.rewrite(member, senseless)));
    const kinds = related.kinds().map((members) => members.map((member) => this.rewrite(member, senseless)));
    // after the related groups, each member of a kind stands as a group of its own, so that a
    // member of several words stands in a text as its own term (`sanal kart` is not `kredi kartı`)
    const kindGroups = kinds.flatMap((members) => members.map((member) => [member]));
    ({ byKey: this.relatedRuns, byStart: this.relatedRunsByStart } = this.relatedRunIndex([...relatedGroups, ...kindGroups]));
    const prepare = (terms: readonly Term[]): Term[] => this.read(terms);
    const df: number[] = [];
    const phraseIds: Int32Array[][] = [];
    const unitLists: PhraseUnit[][][] = [];
    const answerIds: Int32Array[] = [];
    const exact = new Map<string, number>();
    // an entry's texts are analysed where they are read, so that their terms die young: held for
    // every entry at once, they outlived the young generation and every collection copied them
    this.entries.forEach((entry, e) => {
      const inEntry = new Set<number>();
      const units: PhraseUnit[][] = [];
      // each phrase split once, for its terms and its exact key
      const phraseWords = searchable(entry) ? [entry.question, ...entry.alternates].map(textWords) : [];
      const lists = phraseWords.map((tokens) => {
        const read = prepare(analyzeWords(this.lexicon.rewriteWords(tokens)));
        const ids = Int32Array.from(new Set(read.filter((term) => !isGroupOccurrence(term)).map((term) => this.idOf(term))));
        const phraseUnits = read.flatMap((term) =>
          isGroupOccurrence(term) ? [{ group: this.idOf(term), parts: Int32Array.from(new Set(term.parts.map((part) => this.idOf(part)))) }] : [],
        );
        ids.forEach((id) => inEntry.add(id));
        phraseUnits.forEach((unit) => inEntry.add(unit.group));
        units.push(phraseUnits);
        return ids;
      });
      phraseIds.push(lists);
      unitLists.push(units);
      const answerText = searchable(entry) ? this.analyzeText(`${withoutListNumbers(entry.answer)}\n${entry.tags.join(" ")}`) : [];
      const answer = Int32Array.from(new Set(prepare(answerText).map((term) => this.idOf(term))));
      answer.forEach((id) => inEntry.add(id));
      answerIds.push(answer);
      for (const id of inEntry) df[id] = (df[id] ?? 0) + 1;
      for (const tokens of phraseWords) {
        const key = exactKeyOf(tokens);
        if (key === "") continue;
        const holder = exact.get(key);
        exact.set(key, holder === undefined || holder === e ? e : -1);
      }
    });
    this.phrases = phraseIds;
    this.phraseUnits = unitLists;
    this.longestPhrase = phraseIds.reduce((longest, lists) => lists.reduce((l, ids) => Math.max(l, ids.length), longest), 0);
    this.exactPhrases = exact;
    const answered = answerIds.filter((ids) => ids.length > 0);
    const averageLength = answered.reduce((sum, ids) => sum + ids.length, 0) / Math.max(1, answered.length);
    this.answerNorm = Float32Array.from(answerIds, (ids) => answerLengthNorm(ids.length, averageLength));

    // a word belongs to the family of every root the analyser reads in it: its readings are
    // alternatives, and which one the text means is not known
    const families = new Map<string, Set<number>>();
    this.typedForms.forEach((typed, id) => {
      if (isMarkerTerm(this.stems[id] ?? "")) return;
      for (const root of this.foldedRoots(typed)) {
        const family = families.get(root) ?? new Set<number>();
        family.add(id);
        families.set(root, family);
      }
    });
    this.families = new Map([...families].map(([root, ids]) => [root, Int32Array.from(ids)]));
    this.relatedByKey = this.relatedIndex(relatedGroups, kinds);

    const total = Math.max(1, this.entries.length);
    this.idf = Float64Array.from(this.stems, (_, id) => Math.log(1 + total / (df[id] ?? 1)));
    this.questionTerm = Uint8Array.from(this.stems, (stem) => (isQuestionTerm(stem) ? 1 : 0));
    const topicIdf = [...this.idf].filter((_, id) => this.questionTerm[id] === 0).sort((a, b) => a - b);
    const median = topicIdf[Math.floor(topicIdf.length / 2)] ?? Math.log(1 + total);
    this.unknownWeight = median * TUNING.UNKNOWN_WEIGHT_FACTOR;
    this.phrasePostings = invert(
      phraseIds.map((lists, e) => [...lists.flatMap((ids) => [...ids]), ...(unitLists[e] ?? []).flatMap((units) => units.map((unit) => unit.group))]),
      this.stems.length,
    );
    this.answerPostings = invert(answerIds.map((ids) => [...ids]), this.stems.length);
    if (!reader) {
      const sensed = lexicon.forBase((readings) => readings.map((reading) => this.phraseHolders(reading)));
      // the base's own text, read before its senses were known, holds a word now read in one
      this.rereadWith = sensed.inSense.some((word) => word.every((term) => this.stemIds.has(term.stem))) ? sensed : undefined;
      this.lexicon = sensed;
    }

    this.sortedStems = this.stems.filter((stem) => !isMarkerTerm(stem)).sort();
    const buckets = new Map<string, string[]>();
    for (const stem of this.sortedStems) {
      if (stem.length < TUNING.MIN_PREFIX_LENGTH) continue;
      const bucket = buckets.get(stem.charAt(0));
      if (bucket) bucket.push(stem);
      else buckets.set(stem.charAt(0), [stem]);
    }
    this.fuzzyByInitial = new Map(
      [...buckets].map(([initial, words]) => [initial, new Fuse(words, { includeScore: true, threshold: TUNING.FUSE_THRESHOLD, shouldSort: true })]),
    );
  }

  /** How many entries hold all of `terms` (by stem) in their question or alternates. */
  private phraseHolders(terms: readonly Term[]): number {
    const lists = terms.map((term) => {
      const id = this.stemIds.get(term.stem);
      return id === undefined ? undefined : this.phrasePostings[id];
    });
    const [first, ...rest] = lists;
    if (!first || rest.some((list) => list === undefined)) return 0;
    return first.filter((entry) => rest.every((list) => list !== undefined && binaryIncludes(list, entry))).length;
  }

  /** A text analysed, the foreign phrases that analysis would shorten read first (`LexiconReader.rewriteWords`). */
  private analyzeText(text: string): Term[] {
    return this.analyzeTextWords(textWords(text));
  }

  /** `analyzeText` of a text already split by `textWords`. */
  private analyzeTextWords(words: readonly string[]): Term[] {
    return analyzeWords(this.lexicon.rewriteWords(this.withForeignWords(words)));
  }

  /**
   * Words with a foreign word's Turkish suffixes typed without the apostrophe cut off, as
   * `normalize` cuts them after one (`accountumu` as `account'umu`), and foreign words mistyped
   * read as the word of the list (`passowrd` as `password`): only words the analyser reads in no
   * spelling, since Turkish words can look alike (`bana`, `payı`, `askıya`).
   */
  private withForeignWords(words: readonly string[]): readonly string[] {
    let result: string[] | undefined;
    words.forEach((word, i) => {
      const stem = this.lexicon.foreignStem(word) ?? this.lexicon.foreignTypo(word);
      if (stem === undefined || !this.isUnread(word)) return;
      result ??= [...words];
      result[i] = stem;
    });
    return result ?? words;
  }

  /**
   * Analysed text through the editors' synonyms, the lexicon of English words, and the editors'
   * synonyms again: an editor's group gives an English word its reading before the lexicon can
   * ("agent" as `temsilci`, not the lexicon's word), and the lexicon's Turkish word then joins the
   * editor's group it belongs to ("password" → `şifre` → `parola`).
   */
  private read(terms: readonly Term[]): Term[] {
    return this.withRelatedRuns(this.rewrite(terms));
  }

  private rewrite(terms: readonly Term[], lexicon: LexiconReader = this.lexicon): Term[] {
    return this.synonyms.rewrite(lexicon.rewrite(this.synonyms.rewrite(terms)));
  }

  /**
   * Text with a group term (`~12`) added for each related-words member of several words it holds
   * in a row, in any form (`askıya aldırdım` holds `askıya almak`): such a member means one thing
   * that none of its words means alone (`yabancı para` is `döviz`, neither `yabancı` nor `para`),
   * so it meets its group as a unit. Its words stay: an entry that uses them still matches them.
   */
  private withRelatedRuns(terms: Term[]): Term[] {
    if (this.relatedRuns.size === 0 || terms.length < 2) return terms;
    const added = new Map<string, GroupTerm>();
    const addRuns = (runs: readonly RelatedRun[] | undefined, i: number): void => {
      if (runs === undefined) return;
      const initial = terms[i + 1]?.surface.charAt(0) ?? "";
      for (const run of runs) {
        const { words } = run;
        if (i + words.length > terms.length || words[1]?.initials.has(initial) !== true || added.has(run.group.stem)) continue;
        let k = 1;
        for (let word = words[k]; word !== undefined && this.isForm(terms[i + k], word, terms[i + k + 1]); word = words[k]) k += 1;
        if (k === words.length) added.set(run.group.stem, { ...run.group, parts: terms.slice(i, i + words.length) });
      }
    };
    for (let i = 0; i + 1 < terms.length; i += 1) {
      const first = terms[i];
      if (!first) continue;
      const initial = terms[i + 1]?.surface.charAt(0) ?? "";
      // the stem's runs, then the surface's when it differs (nothing allocated per word: texts are long)
      addRuns(this.relatedRuns.get(first.stem)?.get(initial), i);
      if (first.surface !== first.stem) addRuns(this.relatedRuns.get(first.surface)?.get(initial), i);
      // and those it begins in a form Snowball stems otherwise (`kartın` → `kar`, for `kart şifresi`)
      addRuns(this.runsBegunByForm(first), i);
    }
    return added.size === 0 ? terms : [...terms, ...added.values()];
  }

  /**
   * The members of several words whose first word, a noun, the word is a form of by lemma only
   * (`isForm`), not by stem or surface: Snowball stems one noun's forms apart (`kartın` → `kar`,
   * `kartımın` → `kart`), and a member was found by its first word's stem or surface alone, so
   * `kartın şifresi` never held `kart şifresi`, though `kart şifresini` did. Remembered per word
   * as typed (its surface and stem follow from it), since texts repeat their words.
   */
  private runsBegunByForm(term: Term): readonly RelatedRun[] {
    return remember(this.runsByForm, term.typed, TUNING.EXPANSION_CACHE_SIZE, () =>
      (this.relatedRunsByStart.get(term.surface.slice(0, NOUN_FORM_START)) ?? []).filter((run) => {
        const [first] = run.words;
        return first !== undefined && !first.forms.has(term.stem) && !first.forms.has(term.surface) && this.isForm(term, first);
      }),
    );
  }

  /**
   * Whether a word of a text is a form of a word of a run. A noun: the same stem or surface, or a
   * lemma the analyser reads in both, the text's word typed with or without Turkish letters
   * (`ödeme yöntemleri` and `odeme yontemleri` hold `ödeme yöntemi`, though Snowball stems
   * `yontem` and `yonte`); never a root alone, which would join opposites (`vadeli` and
   * `vadesiz` share the root `vade`, not a lemma). A verb: the same surface, or the verb's own
   * root in the same polarity (`aldırdım` is a form of `almak`); a verb's form "without doing"
   * is of the opposite one (`şubeye gitmeden`, without going to the branch, is no form of
   * `şubeye gitmek`), unless a word of time follows it (`gitmeden önce`, before going).
   */
  private isForm(term: Term | undefined, word: RunWord, next?: Term): boolean {
    if (!term || isMarkerTerm(term.stem)) return false;
    if (word.forms.has(term.surface)) return true;
    if (!word.verb) {
      if (word.forms.has(term.stem)) return true;
      // a form of the noun starts as it does, whatever its ending (`kitap`, `kitabı`): any other
      // word (a product code) is not looked up, in any spelling
      if (word.lemmas.length === 0 || !word.starts.some((start) => term.surface.startsWith(start))) return false;
      return this.readSpellings(term.typed).some((spelling) => this.morphology.lemmas(spelling).some((lemma) => word.lemmas.includes(lemma)));
    }
    const roots = this.foldedRoots(term.typed);
    // a verb the analyser reads meets by root and polarity (`sipariş gelmedi` is a form of
    // `sipariş gelmemek`, `sipariş geldi` is not); one it cannot read, by stem, which says nothing
    // of polarity, so only a positive verb's
    if (roots.length === 0) return !word.negative && word.forms.has(term.stem);
    return roots.some((root) => word.forms.has(root)) && this.isNegated(term, next) === word.negative;
  }

  /**
   * Whether a verb of a text says the opposite of its root: negated (`gelmedi`), or in its form
   * "without doing" (`-mAdAn`, `-mAksIzIn`: `hesap açmadan`, without opening an account), which an
   * FAQ asks about to offer a way around the thing (`Şubeye gitmeden hesap açabilir miyim?`).
   * The same `-mAdAn` before `önce` or `evvel` says "before doing", and the thing is done.
   */
  private isNegated(term: Term, next: Term | undefined): boolean {
    if (this.morphology.negative(term.typed)) return true;
    if (next !== undefined && BEFORE_DOING.has(next.surface)) return false;
    return this.morphology.lemmas(term.typed).some((lemma) => lemma.endsWith(WITHOUT_DOING));
  }

  /**
   * Each related-words member of several words (as read: `otp` reads as `tek kullanımlık şifre`),
   * as the forms of its words, keyed by its first word's stem and surface and its second word's
   * initials (`byKey`), and, where its first word is a noun, by the starts of that word's forms
   * as well (`byStart`, `runsBegunByForm`).
   */
  private relatedRunIndex(groups: ReadonlyArray<ReadonlyArray<readonly Term[]>>): {
    byKey: Map<string, Map<string, RelatedRun[]>>;
    byStart: Map<string, RelatedRun[]>;
  } {
    const byKey = new Map<string, Map<string, RelatedRun[]>>();
    const byStart = new Map<string, RelatedRun[]>();
    const add = (runs: Map<string, RelatedRun[]>, key: string, run: RelatedRun): void => {
      runs.set(key, [...(runs.get(key) ?? []), run]);
    };
    const addByKey = (key: string, run: RelatedRun): void => {
      const byInitial = byKey.get(key) ?? new Map<string, RelatedRun[]>();
      for (const initial of run.words[1]?.initials ?? []) add(byInitial, initial, run);
      byKey.set(key, byInitial);
    };
    groups.forEach((members, g) => {
      for (const read of members) {
        if (read.length < 2 || read.some((term) => isQuestionTerm(term.stem))) continue;
        const words = read.map((term) => this.runWord(term));
        const run: RelatedRun = { words, group: groupTerm(g) };
        for (const key of new Set([read[0]?.stem ?? "", read[0]?.surface ?? ""])) addByKey(key, run);
        const [first] = words;
        if (first && !first.verb && first.lemmas.length > 0) for (const start of first.starts) add(byStart, start, run);
      }
    });
    return { byKey, byStart };
  }

  /** A word of a run as the analyser reads it: the same for every index of the process (`readings`). */
  private runWord(term: Term): RunWord {
    return remember(this.readings.runWords, `${term.typed}|${term.surface}|${term.stem}`, READINGS_MEMO_SIZE, () => {
      const verb = /m[ae]k$/u.test(term.typed);
      const forms = new Set([term.stem, term.surface, ...(verb ? this.foldedRoots(term.typed).slice(0, 1) : [])]);
      const starts = nounFormStarts(term.surface);
      return {
        forms,
        lemmas: verb ? [] : this.morphology.lemmas(term.typed),
        starts,
        initials: new Set([...forms, ...starts].map((form) => form.charAt(0))),
        verb,
        negative: verb && this.morphology.negative(term.typed),
      };
    });
  }

  /**
   * A word the vocabulary does not know, read as two written together (`simkartı` for `sim
   * kartı`, `haftasonu` for `hafta sonu`; Turkish compounds are spelt both ways): a vocabulary
   * word followed by a word that meets the vocabulary. The longest first part wins; a known word,
   * or one the analyser reads as a word of its own, is returned as it is.
   */
  private splitCompound(term: Term): Term[] {
    const { surface } = term;
    if (surface.length < 2 * TUNING.MIN_COMPOUND_PART || isMarkerTerm(surface) || this.expansionsOf(term).expansions.length > 0) return [term];
    // a word the analyser reads is one word (`kurtarabilir` is not `kur` + `tarabilir`)
    if (this.foldedRoots(term.typed).length > 0) return [term];
    // cut positions are counted on the folded surface; a collapsed double letter shifts them
    if (term.typed.length !== surface.length) return [term];
    for (let cut = surface.length - TUNING.MIN_COMPOUND_PART; cut >= TUNING.MIN_COMPOUND_PART; cut -= 1) {
      const head = surface.slice(0, cut);
      if (!this.surfaceIds.has(head) && !this.stemIds.has(head)) continue;
      const [tail] = analyze(term.typed.slice(cut));
      if (tail && tail.surface.length >= TUNING.MIN_COMPOUND_PART && this.expansionsOf(tail).expansions.length > 0) {
        const [first] = analyze(term.typed.slice(0, cut));
        if (first) return [first, tail];
      }
    }
    return [term];
  }

  /**
   * Each related-words group as the vocabulary words its members reach (the member itself, and
   * at `ROOT_FAMILY_SIM` its word family), keyed by every member's stem, surface and roots, so a
   * customer's word in any form finds its group. Each kind (its category, then its things; each
   * member numbered as a group of one after the related groups) as the vocabulary words its
   * category reaches, keyed by its things alone: the link goes one way. Groups no vocabulary
   * word belongs to are left out.
   */
  private relatedIndex(groups: ReadonlyArray<ReadonlyArray<readonly Term[]>>, kinds: ReadonlyArray<ReadonlyArray<readonly Term[]>>): Map<string, Map<number, number>> {
    const byKey = new Map<string, Map<number, number>>();
    const link = (keys: ReadonlySet<string>, reached: ReadonlyMap<number, number>): void => {
      if (reached.size === 0) return;
      for (const key of keys) {
        const found = byKey.get(key) ?? new Map<number, number>();
        for (const [id, sim] of reached) if (sim > (found.get(id) ?? 0)) found.set(id, sim);
        byKey.set(key, found);
      }
    };
    groups.forEach((members, g) => {
      const { reached, keys } = this.groupReach(members, g);
      link(keys, reached);
    });
    let g = groups.length;
    for (const [category, ...things] of kinds) {
      const reached = category ? this.groupReach([category], g).reached : new Map<number, number>();
      // most kinds name a category the knowledge base never uses: their things lead nowhere
      if (reached.size > 0) things.forEach((thing, t) => link(this.groupReach([thing], g + 1 + t).keys, reached));
      g += 1 + things.length;
    }
    return byKey;
  }

  /**
   * The vocabulary words group `g`'s members reach (each one-word member, and at
   * `ROOT_FAMILY_SIM` its word family; the members of several words as the group's term), and
   * the keys a customer's word finds the group by: every member's stem, surface and own root.
   */
  private groupReach(members: ReadonlyArray<readonly Term[]>, g: number): { reached: Map<number, number>; keys: Set<string> } {
    const reached = new Map<number, number>();
    const offer = (id: number | undefined, sim: number): void => {
      if (id !== undefined && sim > (reached.get(id) ?? 0)) reached.set(id, sim);
    };
    // the members of several words stand in the text as the group's term
    const group = groupTerm(g).stem;
    offer(this.stemIds.get(group), 1);
    const keys = new Set<string>([group]);
    for (const member of members) {
      // a member read as several words is a unit (`relatedRunIndex`): `otp`, read as `tek
      // kullanımlık şifre`, is not the word `tek`
      const [read, ...rest] = member;
      if (!read || rest.length > 0) continue;
      offer(this.stemIds.get(read.stem), 1);
      offer(this.surfaceIds.get(read.surface), 1);
      // the member's own root only: a shorter one is another word it derives from (`evlenmek`
      // is read as `evlen` and `ev`; a group of `evlenmek` says nothing of `ev`)
      const roots = this.foldedRoots(read.typed).slice(0, 1);
      for (const root of roots) for (const id of this.families.get(root) ?? []) offer(id, TUNING.ROOT_FAMILY_SIM);
      for (const key of [read.stem, read.surface, ...roots]) keys.add(key);
    }
    return { reached, keys };
  }

  /**
   * The vocabulary words related to a query word: through its stem, surface or roots, or, for a
   * word the analyser cannot read (typed without Turkish letters), the longest related root of at
   * least `MIN_PREFIX_LENGTH` letters that starts it: a shorter one starts too many other words
   * (`bit`, of `bitmek`, starts `bitcoin`).
   */
  private relatedOf(term: Term): Array<ReadonlyMap<number, number>> {
    if (this.relatedByKey.size === 0) return [];
    const roots = this.foldedRoots(term.typed);
    const found = [term.stem, term.surface, ...roots].flatMap((key) => {
      const group = this.relatedByKey.get(key);
      return group ? [group] : [];
    });
    if (found.length > 0 || roots.length > 0) return found;
    for (let length = term.surface.length - 1; length >= TUNING.MIN_PREFIX_LENGTH; length -= 1) {
      const group = this.relatedByKey.get(term.surface.slice(0, length));
      if (group) return [group];
    }
    return [];
  }

  /** Number of distinct vocabulary words. */
  get vocabularySize(): number {
    return this.stems.length;
  }

  /** The vocabulary word of a term id. */
  stemOf(id: number): string {
    return this.stems[id] ?? "";
  }

  /**
   * The one entry one of whose questions or alternates the message says in the same words: each
   * of the message's words is one of the phrase's as it is (same stem, surface or lemma, not a
   * relative, a synonym's reading or a typo's correction), and each of the phrase's is one of the
   * message's. Only the words analysis keeps count, so the message may inflect them, spell them
   * without Turkish letters, or frame them with other stop words and another spelling of the same
   * question word (`müşteri memnuniyeti ne demek` says `Customer satisfaction nedir?`, read
   * through the English list). An exact question answers whatever the scores (`exactPhrases`);
   * the same question in the same words does too. Undefined when no phrase, or phrases of two
   * entries, say it: then the message does not decide between them.
   */
  sameWordsEntry(words: readonly QueryWord[]): number | undefined {
    // a related-words member of several words is another reading of words the message has, not more words
    const own = words.filter((word) => word.parts === undefined).map((word) => word.expansions.filter(({ sim }) => sim >= 1).map(({ term }) => term));
    const first = own[0]?.[0];
    if (first === undefined || own.some((terms) => terms.length === 0)) return undefined;
    let found: number | undefined;
    for (const e of this.phrasePostings[first] ?? []) {
      for (const ids of this.phrases[e] ?? []) {
        if (ids.length !== own.length) continue;
        const met = own.map((terms) => terms.filter((term) => ids.includes(term)));
        if (met.some((terms) => terms.length === 0) || new Set(met.flat()).size !== ids.length) continue;
        if (found !== undefined && found !== e) return undefined;
        found = e;
      }
    }
    return found;
  }

  /**
   * Whether a message names no thing: each of its topic words only modifies, counts or points
   * (`başka?`, `daha fazla`, `tamamen`), or is a number no entry's question or alternate holds
   * (`5`, `merhaba 3`, `30`). Such words say which, how or how much of a thing named elsewhere,
   * and here nothing is. An entry that holds one answered it all the same: `başka?` (anything
   * else?), typed after an answer, was answered with the entry whose alternate asks "…başka hangi
   * davranış modelleri var?", and a rating typed where buttons were shown was offered the entries
   * whose answers quote the number (`5 kişiye`, `1–5 arası`; an answer's list numbers are no words
   * of it). A number an entry asks about (`112`) is held by its question and names it.
   */
  namesNothing(words: readonly QueryWord[]): boolean {
    const topics = words.filter((word) => !word.question && word.parts === undefined);
    const unheldNumber = (word: QueryWord): boolean => word.expansions.every(({ term }) => (this.phrasePostings[term]?.length ?? 0) === 0);
    return topics.length > 0 && topics.every((word) => (isDigits(word.surface) ? unheldNumber(word) : word.modifying));
  }

  /**
   * A message as query words: analysed, read through morphology and the editors' synonyms,
   * each word with the vocabulary words it may stand for and its weight. Memoized per index.
   */
  query(text: string): QueryWord[] {
    const cached = this.cache.get(text);
    if (cached) return cached;
    // an outcry names nothing and asks nothing (`Bu ne biçim hizmet?`)
    const told = splitSentences(withContactDetailsRead(text));
    const outcries = told.length > 1 ? told.filter((sentence) => isOutcry(sentence, (typed) => this.isVerb(typed))) : [];
    const sentences = outcries.length > 0 && outcries.length < told.length ? told.filter((sentence) => !outcries.includes(sentence)) : told;
    const asking = questionSentence(sentences);
    const pointsBack = sentences.length > 1 && (refersBack(sentences[asking] ?? "") || this.asksOnly(sentences[asking] ?? ""));
    const words = new Map<string, QueryWord>();
    const units = new Map<string, { term: Term; partStems: Set<string> }>();
    sentences.forEach((sentence, i) => {
      // in a message of several sentences, the one that asks carries the question; the others
      // are context ("Kartımı hiç kullanmıyorum, … Bu parayı geri alabilir miyim?"), except the
      // one before it when it points back to it ("… tapu işlemleri bitti. Bunu nereden yaparız?")
      const factor = sentences.length > 1 && i !== asking && !(i === asking - 1 && pointsBack) ? TUNING.CONTEXT_SENTENCE_WEIGHT : 1;
      const read = withStoryTimesRead(withoutDurationCounts(withoutDenied(textWords(sentence))));
      const sentenceWords = factor < 1 ? withoutAsides(read) : read;
      // most messages introduce nobody: the clauses are split and read again only for those that do
      const signature = sentences.length > 1 && i === sentences.length - 1 ? this.signature(sentenceWords) : undefined;
      const names = signature ?? (sentenceWords.some(isSelfIntroduction) ? this.introducedNames(sentence) : NO_NAMES);
      const labels = this.withNumberKinds(sentence, sentenceWords, identifierLabels(sentenceWords));
      const standing = this.standingOfWriter(sentenceWords);
      for (const readTerm of this.read(this.analyzeTextWords(sentenceWords)).flatMap((t) => this.splitCompound(t))) {
        const term = this.asQuestionWord(readTerm);
        if (this.isSpeechVerb(term.typed) || this.isMistypedStopWord(term) || names.has(term.typed) || standing.has(term.typed)) continue;
        if (isGroupOccurrence(term)) {
          const unit = units.get(term.stem) ?? { term, partStems: new Set<string>() };
          term.parts.forEach((part) => unit.partStems.add(part.stem));
          units.set(term.stem, unit);
          continue;
        }
        const { expansions, idf: reachIdf, reach } = isStoryTime(term.typed) ? NOTHING_REACHED : this.expansionsOf(term);
        if (this.saysWhoWrites(term.typed, expansions.length > 0)) continue;
        // an identifier no entry holds as typed: one that only starts as a number of the base does (`12345678`, `123`) is not it
        if (isIdentifier(term.typed) && !expansions.some((expansion) => expansion.sim >= 1)) continue;
        // its label: an abbreviation where the base does not use it, `numara` and the kind of number before it even where it does
        if (labels.has(term.typed) && (expansions.length === 0 || !IDENTIFIER_LABELS.has(term.surface))) continue;
        const question = isQuestionTerm(term.stem);
        const modifierWeight = this.unknownWeight * TUNING.UNKNOWN_MODIFIER_FACTOR;
        const modifying = !question && this.isModifier(term.typed);
        const framing = expansions.length === 0 && !question && (modifying || factor < 1 || this.isCircumstance(term.typed));
        const idf = expansions.length > 0 ? reachIdf : question ? 0 : framing ? modifierWeight : this.unknownWeight;
        const weight = idf * factor * (question ? TUNING.QUESTION_WORD_WEIGHT : 1);
        const known = words.get(term.stem);
        if (known && known.weight >= weight) continue;
        if (!known && words.size >= TUNING.MAX_QUERY_TERMS) continue;
        words.set(term.stem, { surface: term.surface, expansions, weight, question, reach, verb: this.isVerb(term.typed), framing, modifying });
      }
    });
    // a unit weighs what its words weigh, as the message's words finally stand
    for (const [stem, { term, partStems }] of units) {
      const { expansions, reach } = this.expansionsOf(term);
      const parts = [...partStems].flatMap((part) => words.get(part) ?? []);
      const weight = parts.reduce((sum, part) => sum + part.weight, 0);
      // a group the knowledge base does not use says nothing about it: not an unknown word
      if (expansions.length > 0 && weight > 0) words.set(stem, { surface: term.surface, expansions, weight, question: false, reach, parts, verb: false, framing: false, modifying: false });
    }
    const result = [...words.values()];
    if (this.cache.size >= TUNING.EXPANSION_CACHE_SIZE) this.cache.clear();
    this.cache.set(text, result);
    return result;
  }

  /**
   * `expand`, memoized per word, with the entries its forms reach merged once (a query then
   * walks one list per word, not one per form) and the word's idf: from how many entries any of
   * its forms reaches, so a common word read through one rare inflected form does not weigh as rare.
   */
  private expansionsOf(term: Term): { expansions: Expansion[]; idf: number; reach: Reach } {
    const key = `${term.typed}|${term.surface}|${term.stem}`;
    let found = this.expansionCache.get(key);
    if (!found) {
      const expansions = this.expand(term);
      const reach = this.merge(expansions);
      found = { expansions, idf: Math.log(1 + Math.max(1, this.entries.length) / Math.max(1, reach.entries.length)), reach };
      if (this.expansionCache.size >= TUNING.EXPANSION_CACHE_SIZE) this.expansionCache.clear();
      this.expansionCache.set(key, found);
    }
    return found;
  }

  private merge(expansions: readonly Expansion[]): Reach {
    const { scratchPhrase, scratchAnswer } = this;
    const touched: number[] = [];
    for (const { term, sim } of expansions) {
      for (const e of this.phrasePostings[term] ?? []) {
        if ((scratchPhrase[e] ?? 0) === 0 && (scratchAnswer[e] ?? 0) === 0) touched.push(e);
        if (sim > (scratchPhrase[e] ?? 0)) scratchPhrase[e] = sim;
      }
      for (const e of this.answerPostings[term] ?? []) {
        if ((scratchPhrase[e] ?? 0) === 0 && (scratchAnswer[e] ?? 0) === 0) touched.push(e);
        const weighed = sim * (this.answerNorm[e] ?? 1);
        if (weighed > (scratchAnswer[e] ?? 0)) scratchAnswer[e] = weighed;
      }
    }
    touched.sort((x, y) => x - y);
    const entries = Int32Array.from(touched);
    const match = Float64Array.from(touched, (e) => Math.max(scratchPhrase[e] ?? 0, TUNING.ANSWER_WEIGHT * (scratchAnswer[e] ?? 0)));
    for (const e of touched) {
      scratchPhrase[e] = 0;
      scratchAnswer[e] = 0;
    }
    return { entries, match };
  }

  /**
   * Whether a sentence names nothing but asks, so it asks about what the sentence before it said,
   * as a sentence that points back with a pronoun does: its words are question words or none
   * (`Ne yapmalıyım?`, `Nasıl yaparım?`, `Yardımcı olabilir misiniz?`: "Kartımı kaybettim. Ne
   * yapmalıyım?"), or question words and verbs (`Nasıl çözebilirim?`, `Bu mümkün mü, değilse ne
   * olacak?`: Turkish drops the object the sentence before named, as `Bunu nasıl çözerim?` names it).
   */
  private asksOnly(sentence: string): boolean {
    const terms = analyze(sentence);
    const question = terms.map((term) => isQuestionTerm(term.stem));
    if (question.every(Boolean)) return true;
    return question.some(Boolean) && terms.every((term, i) => question[i] || this.isVerb(term.typed));
  }

  /**
   * Whether the analyser reads a word only as a verb form (`görünüyor`), also when it was typed
   * as spoken (`yapcam`) or without Turkish letters (`almaliyim`, `bekleyecegim`): then in every
   * spelling with them that it reads. Such a word frames the question; left unread, a verb typed
   * in plain letters was often the message's rarest word, and so its key word.
   */
  private isVerb(typed: string): boolean {
    if (this.morphology.roots(typed).length === 0) {
      const written = this.writtenForm(typed);
      // a chat spelling was rewritten as a verb form: a verb reading of it is the one meant
      // (`açıcam` → `açacağım`, I will open, also `açacak`, an opener, with a possessive)
      if (written !== undefined) return this.morphology.verb(written) || this.morphology.lemmas(written).some((lemma) => VERB_LEMMA.test(lemma));
    }
    return this.readsEveryWay(typed, (spelling) => this.morphology.verb(spelling));
  }

  /**
   * `labels` with the bare noun before a `numara` label, which says what kind of number it is
   * (`sipariş numaram 123456`, `telefon numaram 0532…`, `müşteri numarası …`): with the label it
   * names the record the digits are, not what the message asks. Only a noun as typed, without
   * suffixes (the analyser reads it as its own lemma): a word of the message before it
   * (`kaybettim, numaram …`, `kartımı`) stays.
   */
  private withNumberKinds(sentence: string, words: readonly string[], labels: ReadonlySet<string>): ReadonlySet<string> {
    let kinds: Set<string> | undefined;
    let normalized: string | undefined;
    words.forEach((word, i) => {
      const kind = words[i - 1];
      if (kind === undefined || !labels.has(word) || !NUMBER_LABEL.test(foldWord(word))) return;
      // the two words as one phrase, nothing but spaces between them (`…, numaram` ends a clause before it)
      normalized ??= normalize(sentence);
      if (!normalized.includes(`${kind} ${word}`)) return;
      const bare = this.readSpellings(kind).some((spelling) => this.morphology.lemmas(spelling).some((lemma) => lemma === `${spelling}+NOUN`));
      if (bare) (kinds ??= new Set(labels)).add(kind);
    });
    return kinds ?? labels;
  }

  /** Whether the analyser reads the word in some spelling (`readSpellings`), and `test` holds for every one. */
  private readsEveryWay(typed: string, test: (spelling: string) => boolean): boolean {
    const read = this.readSpellings(typed);
    return read.length > 0 && read.every(test);
  }

  /**
   * Whether the word is a form of a verb of asking or telling (`söyleyelim`, `sorabilir`,
   * `söyleyebilirseniz`) in every reading: it frames the message ("kime söyleyelim"), as the stop
   * words `söyle`, `sormak` and `anlatın` do, and names nothing. A word with another reading
   * keeps its weight (`anlatırsanız` is also a form of `anlamak`).
   */
  private isSpeechVerb(typed: string): boolean {
    if (isMarkerTerm(typed)) return false;
    return this.readsEveryWay(typed, (spelling) => this.morphology.verb(spelling) && this.morphology.roots(spelling).every((root) => SPEECH_VERB_ROOTS.has(root)));
  }

  /**
   * A question word mistyped, read as that question word where the base does not hold it as
   * typed: one the analyser reads only with a vowel put back, every such reading a question word
   * (`neredn`: `nereden`), or one it reads in no spelling and no written form, one letter from a
   * question word (`nerdn`, `hnagi`, `nsaıl`, `mümkümn`, `naptım`: `mistypedQuestionWord`).
   * Unread, it weighed as an unknown topic word, and being rare it lowered every entry's
   * confidence alike, often most the one that asks how or where as the message does.
   */
  private asQuestionWord(term: Term): Term {
    if (isGroupOccurrence(term) || isMarkerTerm(term.typed) || this.surfaceIds.has(term.surface) || this.morphology.roots(term.typed).length > 0) return term;
    const spellings = this.readSpellings(term.typed);
    const asked =
      spellings.length > 0
        ? only(spellings.map((spelling) => listedQuestionWord(fold(spelling))))
        : this.writtenForm(term.typed) === undefined
          ? mistypedQuestionWord(term.surface, TUNING.MIN_MISTYPED_QUESTION_WORD_LENGTH)
          : undefined;
    return asked === undefined ? term : { surface: asked, stem: asked, typed: asked };
  }

  /**
   * Whether a word is a stop word or a light verb mistyped: read only with a vowel put back, and a
   * word analysis drops in one such reading (`yapmm`: `yapmam`; `istiyrum`: `istiyorum`; `yapılr`:
   * `yapılır` more likely than `yapılar`, buildings, since light verbs are everywhere), or
   * read in no spelling and no written form, and a stop word one letter off or a light verb's form
   * with a vowel left out (`istiyorm`, `yapilr`). A real word one letter from a filler, which the
   * analyser reads, keeps its weight (`hakkımda`).
   */
  private isMistypedStopWord(term: Term): boolean {
    if (isGroupOccurrence(term) || isMarkerTerm(term.typed)) return false;
    // the analyser's readings are memoized; most words have one, and skip the rest
    if (this.morphology.roots(term.typed).length > 0) return false;
    const spellings = this.readSpellings(term.typed);
    if (spellings.length > 0) return spellings.some(isDroppedWord);
    if (term.surface.length < TUNING.MIN_MISTYPED_STOP_WORD_LENGTH || this.writtenForm(term.typed) !== undefined) return false;
    return isMistypedStopWord(term.surface, TUNING.MIN_MISTYPED_STOP_WORD_LENGTH) || isMistypedLightVerb(term.surface);
  }

  /**
   * The written form of a verb typed as it is spoken (`writtenVerbForms`): the first the analyser
   * reads only as a verb, else the first it reads at all. A chat spelling may stand for more than
   * one shape (`ödicem`: a consonant stem's `ödeceğim` or a vowel stem's `ödeyeceğim`), and a shape
   * that is no verb form may still read as something else. A chat spelling typed in plain letters
   * as well (`acicam`, `gorcek`) is read in its spellings with Turkish letters (`açıcam`, `görcek`),
   * whose vowels then decide the suffix's (`göreceğim`, not `goracak`). Memoized: a word typed in
   * plain letters costs the written forms of up to 63 spellings (`MAX_RESPELLED_LETTERS`).
   */
  private writtenForm(typed: string): string | undefined {
    const found = remember(this.readings.written, typed, TUNING.EXPANSION_CACHE_SIZE, () => {
      const read = (forms: readonly string[]): string | undefined => {
        const known = forms.filter((form) => this.morphology.roots(form).length > 0);
        return known.find((form) => this.morphology.verb(form)) ?? known[0];
      };
      const spelled = writtenVerbForms(typed);
      if (spelled.length === 0) return null;
      return read(spelled) ?? read(turkishSpellings(typed, TUNING.MAX_RESPELLED_LETTERS).flatMap(writtenVerbForms)) ?? null;
    });
    return found ?? undefined;
  }

  /** `Morphology.modifier` on a word's spellings the analyser reads (`hic` as `hiç`, `dort` as `dört`). */
  private isModifier(typed: string): boolean {
    return this.readSpellings(typed).some((spelling) => this.morphology.modifier(spelling));
  }

  /**
   * The writer's own name where the message introduces them (`Merhaba ben Ayşe, …`, `adım Mehmet
   * Yılmaz, …`), with the word that introduces it: the word right after the introduction when the
   * analyser reads it only as a proper name and the knowledge base does not hold it, and, where a
   * comma or the sentence's end closes the introduction within two more words, those words too
   * when they read as names at all (a surname is often a word as well: `Yılmaz`, undaunted, whose
   * `yıl` met every yearly fee). It says who writes, not what about; as an unknown word it weighed
   * as much as the base's rarest, and a question so introduced was almost never answered.
   * `ben emekliyim` introduces no name. A name given as a form's field (`Ad soyad: Ayşe Yılmaz`)
   * is the clause after the colon, each of whose words reads as a name at all.
   */
  private introducedNames(sentence: string): ReadonlySet<string> {
    const names = new Set<string>();
    const clauses = sentence.split(CLAUSE_END).map((clause) => textWords(clause));
    clauses.forEach((clause, c) => {
      // a name given as a form's field (`Ad soyad: Ayşe Yılmaz`, `adım soyadım: Ali Veli`) is the clause after the colon:
      // its words are the name where each reads as one at all, since the field says what they are
      const value = clauses[c + 1] ?? [];
      if (endsWithNameField(clause) && value.length > 0 && value.length <= 1 + MAX_SURNAME_WORDS && value.every((word) => this.morphology.properName(word) !== "none")) {
        const field = clause.slice(-2).filter((word, i, tail) => i === tail.length - 1 || NAME_FIELD_STARTS.has(foldWord(word)));
        for (const word of [...field, ...value]) names.add(word);
        return;
      }
      clause.forEach((word, i) => {
        const name = clause[i + 1];
        if (!isSelfIntroduction(word) || name === undefined || !this.isUnheldName(name)) return;
        names.add(word).add(name);
        // the first name's field before the surname's (`ad soyad`)
        const field = clause[i - 1];
        if (field !== undefined && NAME_FIELD_STARTS.has(foldWord(field)) && NAME_FIELD_ENDS.has(foldWord(word))) names.add(field);
        const rest = clause.slice(i + 2);
        if (rest.length <= MAX_SURNAME_WORDS && rest.every((surname) => this.morphology.properName(surname) !== "none")) for (const surname of rest) names.add(surname);
      });
    });
    return names;
  }

  /**
   * The writer's signature, where the last sentence of a message of several is one (`…. Ahmet
   * Yılmaz`, `Saygılarımla, Ayşe K.`): its words, closings, stop words and initials aside, are one
   * to three names, the first read only as a name and not held by the base, the others read as
   * names at all (`Yılmaz`, undaunted, whose `yıl` meets yearly fees), as an introduction's are.
   * It says who writes, as an introduction does (`introducedNames`); as unknown words, `…. Ahmet
   * Yılmaz` after every tuning question left 148 of 529 answered rightly. Undefined when the
   * sentence is no signature.
   */
  private signature(sentenceWords: readonly string[]): ReadonlySet<string> | undefined {
    // closings and fillers, Turkish or English (`saygılarımla`, `regards`), read as analysis reads them
    const words = sentenceWords.filter((word) => word.length > 1 && this.read(analyzeWords([word])).length > 0);
    const [first] = words;
    const signed =
      first !== undefined &&
      words.length <= 1 + MAX_SURNAME_WORDS &&
      this.isUnheldName(first) &&
      words.every((word) => this.morphology.properName(word) !== "none");
    return signed ? new Set(words) : undefined;
  }

  /** Whether the analyser reads a word only as a proper name and the base holds it in no form: a person's name, not a topic. */
  private isUnheldName(word: string): boolean {
    return this.morphology.properName(word) === "only" && analyzeWords([word]).every((term) => this.expansionsOf(term).expansions.length === 0);
  }

  /**
   * Whether the analyser reads a word (in its Turkish letters, when typed without them) as one of
   * the people a customer mentions (`kardeşime`, `annemin`, `kardesime`) or a time the calendar or
   * the clock names (`ağustosta`, `cumartesi`, `sabahı`): who a request is for and when, not what
   * it is about. See `isPersonRoot` and `isTimeRoot`.
   */
  private isCircumstance(typed: string): boolean {
    return this.readSpellings(typed).some((spelling) => this.morphology.roots(spelling).some((root) => isPersonRoot(root) || isTimeRoot(root)));
  }

  /**
   * The words before what the writer is to the one addressed that say how long or how loyally
   * (`STANDING`: `ben eski bir müşterinizim`, `10 yıllık müşterinizim`, `sadık bir abonenizim`):
   * they describe who writes, as the word they stand before does (`saysWhoWrites`), yet `eski`
   * and `yıllık` are topics elsewhere (an old card, a yearly fee), and `ben eski bir
   * müşterinizim, ` before every tuning question left 142 of 528 answered rightly. A count goes
   * with them (`5 yıllık`), and `bir` between them is passed over (`eski bir`).
   */
  private standingOfWriter(words: readonly string[]): ReadonlySet<string> {
    const standing = new Set<string>();
    const describes = (folded: string): boolean => STANDING.has(folded) || isDigits(folded);
    const folds = words.map(foldWord);
    words.forEach((word, i) => {
      // the analyser is asked only about a word that such a word or a passed one stands before: most words of a message have none
      const before = folds[i - 1];
      if (before === undefined || !(describes(before) || STANDING_PASSED.has(before))) return;
      if (!this.readsEveryWay(word, (spelling) => this.morphology.writerToReader(spelling))) return;
      for (let j = i - 1; j >= 0; j -= 1) {
        const folded = folds[j] ?? "";
        if (describes(folded)) standing.add(words[j] ?? "");
        else if (!STANDING_PASSED.has(folded)) break;
      }
    });
    return standing;
  }

  /**
   * Whether a word only says who writes, and so is no word of the message: what the writer is to
   * the one addressed, in every spelling the analyser reads (`müşterinizim`, `musterinizim`: I am
   * your customer; `Morphology.writerToReader`), whatever its noun names elsewhere, or, when the
   * knowledge base does not know it, what the writer is (`mağdurum`, `hamileyim`:
   * `Morphology.aboutWriter`). A base that uses the word (`öğrenciyim` where a student discount
   * is an entry) keeps it. Weighed as a modifier, such a word still held the message's coverage
   * down: `… çok mağdurum` after every tuning question left 411 of 528 answered rightly.
   */
  private saysWhoWrites(typed: string, known: boolean): boolean {
    if (this.readsEveryWay(typed, (spelling) => this.morphology.writerToReader(spelling))) return true;
    return !known && this.readsEveryWay(typed, (spelling) => this.morphology.aboutWriter(spelling));
  }

  /**
   * Whether the analyser reads a word in no spelling (with or without Turkish letters) and no
   * written form of a verb typed as spoken: a mistyped word, or one it does not know.
   */
  private isUnread(typed: string): boolean {
    return this.readSpellings(typed).length === 0 && this.writtenForm(typed) === undefined;
  }

  /**
   * The spellings of a word the analyser reads: the word as typed, or else those of its
   * spellings with Turkish letters put back (`turkishSpellings`), or else, for a word of
   * `MIN_VOWEL_RESTORED_LENGTH` letters or more, those with one vowel put back (`taşt` →
   * `taşıt`, `ödmesi` → `ödemesi`, `hmen` → `hemen`, `yapmm` → `yapmam`): a vowel left out is the
   * commonest slip of chat typing, and such a word was unknown or met only look-alikes of the
   * vocabulary. Memoized: a word typed in plain letters costs up to 63 look-ups, a word with a
   * vowel left out eight per place between two consonants, and the same words come back in
   * message after message.
   */
  private readSpellings(typed: string): readonly string[] {
    if (this.morphology.roots(typed).length > 0) return [typed];
    return remember(this.readings.spellings, typed, TUNING.EXPANSION_CACHE_SIZE, () => {
      const read = (spellings: readonly string[]): string[] => spellings.filter((spelling) => this.morphology.roots(spelling).length > 0);
      const respelled = read(turkishSpellings(typed, TUNING.MAX_RESPELLED_LETTERS));
      if (respelled.length > 0 || typed.length < TUNING.MIN_VOWEL_RESTORED_LENGTH || isMarkerTerm(typed)) return respelled;
      // a vowel left out, chat's commonest slip, put back after the first letter (`taşt`: `taşıt`),
      // between two consonants only: a Turkish syllable has one vowel, and a vowel beside another
      // made a spelling the analyser rarely reads (`güncellieyeblirim`) at the cost of a look-up
      // each; a loanword's vowel pair typed as one (`muyene`, `sens`) is the typo search's
      const restored = new Set<string>();
      for (let i = 1; i < typed.length; i += 1) {
        if (isTypedVowel(typed.charAt(i - 1)) || isTypedVowel(typed.charAt(i))) continue;
        for (const vowel of TYPED_VOWELS) restored.add(`${typed.slice(0, i)}${vowel}${typed.slice(i)}`);
      }
      return read([...restored]);
    });
  }

  /**
   * The dictionary root of a word, folded: the analyser's longest (its most specific lemma:
   * `değişiklik`, not `değiş`), in each spelling it reads (with Turkish letters put back, or a
   * verb as it is written rather than spoken). None for question words and unknown words.
   */
  private dictionaryRoots(term: Term): string[] {
    const spellings = this.readSpellings(term.typed);
    // `foldedRoots` reads a word it cannot read as typed in its written form, longest root first
    return [...new Set((spellings.length > 0 ? spellings : [term.typed]).flatMap((spelling) => this.foldedRoots(spelling).slice(0, 1)))];
  }

  /** Folded roots the analyser gives a word as typed (none for question words and unknown words), read once per analyser. */
  private foldedRoots(typed: string): readonly string[] {
    return remember(this.readings.roots, typed, READINGS_MEMO_SIZE, () => this.readRoots(typed));
  }

  /** `foldedRoots`, read from the analyser. */
  private readRoots(typed: string): string[] {
    if (isMarkerTerm(typed)) return [];
    let roots = this.morphology.roots(typed);
    if (roots.length === 0) {
      // a verb typed as it is spoken (`istiyo`, `yapcam`) is read in its written form
      const written = this.writtenForm(typed);
      if (written !== undefined) roots = this.morphology.roots(written);
    }
    return [...new Set(roots.map((root) => collapseRepeats(fold(root))))].filter((root) => root.length >= TUNING.MIN_ANALYSED_ROOT_LENGTH);
  }

  /**
   * The word families of a query word: those of every root the analyser reads in it, typed with
   * Turkish letters or put back into it (`degisimi` read as `değişimi`: `değişim`, `değiş`), or,
   * for a word it cannot read in any spelling (mistyped), the longest family root that starts the
   * word ("odeyemedim" → "ode"). A word typed in plain letters once met only that one family,
   * its longest (`değişim`), never the verb its reading is derived from. A word the analyser
   * reads with roots the knowledge base lacks (`kargom`) is in no family.
   */
  private familiesOf(term: Term): Int32Array[] {
    let roots = this.foldedRoots(term.typed);
    if (roots.length === 0) roots = [...new Set(this.readSpellings(term.typed).flatMap((spelling) => this.foldedRoots(spelling)))];
    if (roots.length > 0) return roots.flatMap((root) => this.families.get(root) ?? []);
    for (let length = term.surface.length; length >= TUNING.MIN_ROOT_LENGTH; length -= 1) {
      const family = this.families.get(term.surface.slice(0, length));
      if (family) return [family];
    }
    return [];
  }

  /**
   * Whether a message's word, by its roots in every spelling it may stand for, may be the vocabulary word
   * whose folded stem or surface it has: the vocabulary is keyed by the folded Snowball stem, so
   * different words fall together (`gece`, night, and `geç`, late: `gec`; `diş`, tooth, and
   * `dış`, outside: `dis`; `saat` and `satın`: `sat`), and met one another at 1.0. They are kept apart where the analyser reads both and no
   * reading of the message's word (in any spelling, when typed in plain letters) shares a root
   * with any form the base typed under that key (`typedFormsById`); a word either side cannot read
   * (a brand, a code, a foreign word) meets as before. The word's spellings with Turkish letters
   * put back are read only when the spellings it is read in share no root with that form: a word
   * typed in plain letters that the analyser reads as typed (`durumu`) mostly shares its own, and
   * its 63 spellings were most of the look-ups of a first sight.
   */
  private maySpellSameWord(typed: string, id: number): boolean {
    const theirs = (this.typedFormsById[id] ?? []).map((form) => this.readSpellings(form).flatMap((spelling) => this.morphology.roots(spelling)));
    if (theirs.some((roots) => roots.length === 0)) return true;
    const shares = (roots: ReadonlySet<string>): boolean => theirs.some((own) => own.some((root) => roots.has(root)));
    // as typed and as `readSpellings` reads it, then respelled with Turkish letters when typed without them
    const roots = new Set([typed, ...this.readSpellings(typed)].flatMap((spelling) => this.morphology.roots(spelling)));
    if (shares(roots)) return true;
    if (!hasTurkishLetters(typed)) for (const spelling of turkishSpellings(typed, TUNING.MAX_RESPELLED_LETTERS)) for (const root of this.morphology.roots(spelling)) roots.add(root);
    return roots.size === 0 || shares(roots);
  }

  private idOf(term: Term): number {
    let id = this.stemIds.get(term.stem);
    if (id === undefined) {
      id = this.stems.length;
      this.stems.push(term.stem);
      this.stemIds.set(term.stem, id);
      this.typedForms.push(term.typed);
      this.typedFormsById.push([]);
    }
    const forms = this.typedFormsById[id];
    if (forms && forms.length < MAX_TYPED_FORMS && !forms.includes(term.typed)) forms.push(term.typed);
    if (!this.surfaceIds.has(term.surface)) this.surfaceIds.set(term.surface, id);
    return id;
  }

  /** A vocabulary word as a term of a message, typed as the knowledge base first typed it. */
  private vocabularyTerm(id: number): Term {
    const typed = this.typedForms[id] ?? "";
    return { typed, surface: collapseRepeats(foldWord(typed)), stem: this.stems[id] ?? "" };
  }

  /** Ids of vocabulary stems starting with `prefix` (at most `MAX_PREFIX_EXPANSIONS`). */
  private withPrefix(prefix: string): number[] {
    let lo = 0;
    let hi = this.sortedStems.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sortedStems[mid] ?? "") < prefix) lo = mid + 1;
      else hi = mid;
    }
    const ids: number[] = [];
    for (let i = lo; i < this.sortedStems.length && ids.length < TUNING.MAX_PREFIX_EXPANSIONS; i += 1) {
      const candidate = this.sortedStems[i] ?? "";
      if (!candidate.startsWith(prefix)) break;
      const id = this.stemIds.get(candidate);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  /**
   * Vocabulary words a query word may stand for: the same root or surface form (1.0), a root
   * the analyser confirmed that starts the word (its suffixed form), the same word with other
   * suffixes (a shared start), or a word one or two typing mistakes away.
   */
  private expand(term: Term): Expansion[] {
    const best = new Map<number, number>();
    const offer = (id: number | undefined, sim: number): void => {
      if (id === undefined) return;
      if (sim > (best.get(id) ?? 0)) best.set(id, sim);
    };
    // the same stem or surface, unless the analyser reads the two as words of different roots (`gece` and `geç`)
    const sameKey = new Set([this.stemIds.get(term.stem), this.surfaceIds.get(term.surface)].filter((id) => id !== undefined));
    for (const id of sameKey) if (this.maySpellSameWord(term.typed, id)) offer(id, 1);
    if (isQuestionTerm(term.stem)) return [...best].map(([id, sim]) => ({ term: id, sim }));
    if (isGroupTerm(term.stem)) {
      for (const [id, sim] of this.relatedByKey.get(term.stem) ?? []) offer(id, sim * TUNING.RELATED_WORD_SIM);
      return [...best].map(([id, sim]) => ({ term: id, sim })).sort((a, b) => b.sim - a.sim);
    }

    const prefixSim = (shorter: number, longer: number): number => TUNING.PREFIX_BASE + TUNING.PREFIX_SPAN * (shorter / Math.max(longer, 1));

    // the same root in another form ("ölçebiliriz" and "ölçülür"; "faturalı" and "fatura")
    for (const family of this.familiesOf(term)) for (const id of family) offer(id, TUNING.ROOT_FAMILY_SIM);
    // vocabulary stems that are a prefix of the query word ("sadakat" for "sadakatini")
    for (let length = term.surface.length - 1; length >= TUNING.MIN_PREFIX_LENGTH; length -= 1) {
      offer(this.stemIds.get(term.surface.slice(0, length)), prefixSim(length, term.surface.length));
    }
    // vocabulary stems that extend the query's root ("memnuniyet" for "memn", "odeme" for "ode")
    if (term.stem.length >= TUNING.MIN_PREFIX_LENGTH) {
      for (const id of this.withPrefix(term.stem)) {
        offer(id, prefixSim(term.stem.length, Math.max(this.stems[id]?.length ?? 0, term.surface.length)));
      }
    }
    // words sharing a long start with the query word ("artırılır" and "artırabilir")
    for (let length = Math.min(term.surface.length, TUNING.MAX_SHARED_PREFIX); length >= TUNING.MIN_SHARED_PREFIX; length -= 1) {
      const ids = this.withPrefix(term.surface.slice(0, length));
      for (const id of ids) offer(id, prefixSim(length, Math.max(this.stems[id]?.length ?? 0, term.surface.length)));
      if (ids.length > 0) break;
    }

    // a vocabulary word with a case, possessive or plural suffix typed onto it, where the
    // apostrophe Turkish writes after an abbreviation or a foreign word is left out (`eftyi`,
    // `crmde`, `atmlerinden`): the word itself, met as it meets
    const metExactly = (): boolean => [...best.values()].some((sim) => sim >= 1);
    if (!metExactly() && this.isUnread(term.typed)) {
      for (let length = term.surface.length - 1; length >= MIN_SUFFIXED_WORD; length -= 1) {
        const id = this.surfaceIds.get(term.surface.slice(0, length)) ?? this.stemIds.get(term.surface.slice(0, length));
        if (id === undefined || !NOMINAL_SUFFIX.test(term.surface.slice(length))) continue;
        offer(id, 1);
        for (const form of this.expansionsOf(this.vocabularyTerm(id)).expansions) offer(form.term, form.sim);
        break;
      }
    }

    // words customers use for the same thing ("kapatmak" for "iptal", "tükenmek" for "bitmek")
    for (const group of this.relatedOf(term)) for (const [id, sim] of group) offer(id, sim * TUNING.RELATED_WORD_SIM);

    // a typo is looked for when nothing met the word, or when only its start met other words and
    // the analyser cannot read it (`taşt` starts like `taşırım`, and is `taşıt` mistyped)
    // a word typed with Turkish letters that the analyser reads as typed is spelled as meant: a
    // word of its own the base lacks, never a typo (`yaşayan` met `yasak`, forbidden). A word
    // typed in plain letters reads by chance more often (`kart`, `kurt`), and is still looked up
    const readAsSpelled = hasTurkishLetters(term.typed) && this.morphology.roots(term.typed).length > 0;
    if (!readAsSpelled && (best.size === 0 || (!metExactly() && this.foldedRoots(term.typed).length === 0)) && term.surface.length >= TUNING.MIN_TYPO_LENGTH && !isDigits(term.surface)) {
      // a word the analyser reads in no spelling is the word it resembles, mistyped: it meets what
      // that word meets, its other forms and related words too (`ödmesi` meets `ödeme` as
      // `ödemesi` does), at the typo's similarity. A word it reads is a word of its own that the
      // base lacks (`önlem` is not `önem` mistyped): it meets only the look-alike itself
      const mistyped = this.isUnread(term.typed);
      // fuse.js proposes look-alike words; natural's Damerau-Levenshtein distance grades them
      const fuse = this.fuzzyByInitial.get(term.surface.charAt(0));
      const proposals = fuse ? fuse.search(term.stem.slice(0, 32), { limit: TUNING.MAX_TYPO_PROPOSALS }) : [];
      for (const { item: candidate } of proposals) {
        const allowed = candidate.length >= TUNING.TWO_TYPO_LENGTH ? 2 : 1;
        // the typo may sit before a suffix: compare the word's start, as long as the candidate or one
        // letter shorter or longer, the whole word as typed included (the stemmer's cut of a
        // mistyped word is arbitrary: `öedeme` is `oede`, two edits from `odeme`; as typed, one)
        let distance = DamerauLevenshteinDistance(term.stem, candidate);
        for (let length = candidate.length - 1; length <= candidate.length + 1; length += 1) {
          if (length <= term.surface.length) distance = Math.min(distance, DamerauLevenshteinDistance(term.surface.slice(0, length), candidate));
        }
        const id = this.stemIds.get(candidate);
        if (distance > allowed || distance === 0 || id === undefined) continue;
        const typoSim = distance === 1 ? TUNING.TYPO_SIM_1 : TUNING.TYPO_SIM_2;
        offer(id, typoSim);
        if (mistyped) for (const form of this.expansionsOf(this.vocabularyTerm(id)).expansions) offer(form.term, form.sim * typoSim);
      }
    }
    return [...best].map(([id, sim]) => ({ term: id, sim })).sort((a, b) => b.sim - a.sim);
  }
}

/**
 * Turkish noun suffixes, folded, as a word may carry them after a vocabulary word typed without
 * the apostrophe (`eft-yi`, `crm-de`, `atm-lerinden`, `nfc-li`): plural, possessive, case and
 * `-ki`, in that order, or the adjective-making `-lI`/`-lIk`. A chain, not a stem: the caller
 * only asks about the letters left after a whole vocabulary word.
 */
const NOMINAL_SUFFIX = /^(?:l[ae]r)?(?:[iu]?m|[iu]?n|s?[iu]|[iu]?m[iu]z|[iu]?n[iu]z|l[ae]r[iu])?(?:y?[iu]|y?[ae]|n?[dt][ae]|n?[dt][ae]n|n?[iu]n|y?l[ae]|n[iu]|n[ae])?(?:ki)?$|^l[iu]k?$/u;

/** Shortest vocabulary word read before a typed suffix (`tl-ye`, `gb-ı`; abbreviations are short). */
const MIN_SUFFIXED_WORD = 2;

/** A sentence that introduces nobody (`SearchIndex.introducedNames`). */
const NO_NAMES: ReadonlySet<string> = new Set();
/** What closes a clause of a sentence: a self-introduction's name ends there (`ben Mehmet Yılmaz, kartım…`). */
const CLAUSE_END = /[,;:]/u;

/**
 * Most forms kept per vocabulary word for telling words that fold together apart
 * (`maySpellSameWord`): a word's inflections share its roots, so a few tell. Higher = more memory
 * on large bases, and fewer words of one key wrongly kept apart.
 */
const MAX_TYPED_FORMS = 16;

/** Whether a clause ends with a name's field, its value in the clause after (`Adım:`, `Ad soyad:`, `… (isim soyisim:`). */
function endsWithNameField(clause: readonly string[]): boolean {
  const last = clause[clause.length - 1];
  return last !== undefined && isSelfIntroduction(last) && (clause.length === 1 || NAME_FIELD_ENDS.has(foldWord(last)));
}
/** Words after a name that may still be its surnames, where a clause ends after them (`Ayşe Nur Yılmaz,`). */
const MAX_SURNAME_WORDS = 2;

/** The vowels a word may have lost (`readSpellings`), with Turkish letters. */
const TYPED_VOWELS = ["a", "e", "ı", "i", "o", "ö", "u", "ü"];
const isTypedVowel = (letter: string): boolean => TYPED_VOWELS.includes(letter);

/** A lemma whose root is a verb, not derived into another part of speech (`aç+VERB`; `Morphology.lemmas`). */
const VERB_LEMMA = /^[^+^]+\+VERB$/u;

/** Roots of the verbs of asking and telling (`Morphology.roots`, Turkish letters). */
const SPEECH_VERB_ROOTS: ReadonlySet<string> = new Set(["söyle", "sor", "anlat", "açıkla", "de"]);

/**
 * Letters every inflected form of a noun shares with it, folded (`kitap`, `kitabı`; `renk`,
 * `rengi`): only a word that starts so is looked up as one of its forms.
 */
const NOUN_FORM_START = 3;

/**
 * The starts a noun's inflected forms can have (`NOUN_FORM_START` letters, folded): its own, and,
 * where its last syllable's high vowel can drop before a suffix that starts with a vowel (`izin`,
 * `izni`, `izne`; `isim`, `ismi`; `ağız`, `ağzı`), the start of the shortened stem. Without it a
 * short noun's forms never met the noun in a multi-word member (`ücretsiz izne` and `ücretsiz izin`).
 * Whether a form is the noun's is still the analyser's to say (`RunWord.lemmas`).
 */
function nounFormStarts(surface: string): string[] {
  const start = surface.slice(0, NOUN_FORM_START);
  const dropped = /^(.*[^aeiou])[iu]([^aeiou])$/u.exec(surface);
  const shortened = dropped ? `${dropped[1] ?? ""}${dropped[2] ?? ""}`.slice(0, NOUN_FORM_START) : start;
  return shortened === start ? [start] : [start, shortened];
}

/**
 * What words read as with one analyser: their folded roots, the spellings it reads in a word it
 * cannot read as typed (Turkish letters or a vowel put back), the written form of a verb typed as
 * it is spoken, and, for the built-in lists' units, their run words.
 * These depend on the word and the analyser alone, and every index of a process reads the same
 * lists and the same customers' words, so each index need not read them again (a reload, or a
 * test's many small knowledge bases).
 */
interface Readings {
  readonly roots: Map<string, readonly string[]>;
  /** A verb typed as it is spoken → its written form (`writtenForm`), or null when the analyser reads none. */
  readonly written: Map<string, string | null>;
  readonly spellings: Map<string, readonly string[]>;
  readonly runWords: Map<string, RunWord>;
}

const readingsByMorphology = new WeakMap<Morphology, Readings>();

/** Most words one analyser's `Readings` hold roots or run words of (the lists' words and the customers'); then that memo starts over. */
const READINGS_MEMO_SIZE = 50_000;


function readingsOf(morphology: Morphology): Readings {
  let readings = readingsByMorphology.get(morphology);
  if (!readings) {
    readings = { roots: new Map(), written: new Map(), spellings: new Map(), runWords: new Map() };
    readingsByMorphology.set(morphology, readings);
  }
  return readings;
}

/** A related-words member of several words: the forms of each of its words, and the term of its group. */
interface RelatedRun {
  readonly words: readonly RunWord[];
  readonly group: Term;
}

/** A word of a run: the forms it is known by, and whether it is a verb (whose forms include its roots) and a negated one. */
interface RunWord {
  readonly forms: ReadonlySet<string>;
  /** A noun's lemmas (`Morphology.lemmas`): an inflected form the stem misses still meets it. */
  readonly lemmas: readonly string[];
  /** The starts every form of the word has one of (`nounFormStarts`). */
  readonly starts: readonly string[];
  readonly verb: boolean;
  readonly negative: boolean;
  /**
   * The first letters of its forms and starts: a word of a text is a form of it only if it
   * begins with one of them (every form of a word, its stem, its roots and a noun's starts
   * begin as the word does), so most runs are passed over without `isForm`.
   */
  readonly initials: ReadonlySet<string>;
}

/** A group term where it stands in a text, with the text's words it stands for. */
interface GroupTerm extends Term {
  readonly parts: readonly Term[];
}

function isGroupOccurrence(term: Term): term is GroupTerm {
  return "parts" in term;
}

/**
 * The term standing for related-words group `g` where a member of several words appears in a
 * text. Analysis never yields `~` (tokens are letters and digits), so it meets no word.
 */
function groupTerm(g: number): Term {
  const name = `~${g}`;
  return { surface: name, stem: name, typed: name };
}

function isGroupTerm(stem: string): boolean {
  return stem.startsWith("~");
}

/** A question word's term (`?how`) or a group's (`~12`): no word of the text, so it has no roots, prefixes or typos. */
function isMarkerTerm(stem: string): boolean {
  return isQuestionTerm(stem) || isGroupTerm(stem);
}

/**
 * Digits at least this long are an identifier (a phone, order, customer or ID number) rather
 * than an amount or a count, which rarely run past five. Lower = more amounts read as identifiers.
 */
const MIN_IDENTIFIER_DIGITS = 6;

/**
 * Whether a word is an identifier of the customer's own record (`05321234567`, `Sipariş no:
 * 123456`, a TC number): it says which record, not what the message is about. Where no entry
 * holds it, it weighed as an unknown word, a topic the knowledge lacks, and `, numaram
 * 05321234567` after every tuning question left 23 of 528 answered rightly.
 */
function isIdentifier(word: string): boolean {
  return word.length >= MIN_IDENTIFIER_DIGITS && isDigits(word);
}

/** How long or how loyally the writer has been what they are to the one addressed (`eski`, `10 yıllık`, `sadık`), folded. */
const STANDING: ReadonlySet<string> = new Set(["eski", "sadik", "daimi", "degerli", "kadim", "emektar", "uzun", "yillik", "senelik", "aylik", "yillardir", "senelerdir"]);
/** Words passed over between such a word and the writer (`eski bir`, `sizin`), folded. */
const STANDING_PASSED: ReadonlySet<string> = new Set(["bir", "bi", "sizin", "de", "da", "cok", "ben", "biz"]);

/** Abbreviations that label the identifier after them (`no`, `tc`), folded. */
const IDENTIFIER_LABELS: ReadonlySet<string> = new Set(["no", "nu", "num", "tc", "tckn", "tcno"]);
/**
 * `numara` (number) in any form right before an identifier (`numaram 05321234567`, `sipariş
 * numarası 123456`): it says what the digits are, as `no` does, yet a line's number is what some
 * entries are about, and as the base's word it outweighed the message's topic (`, numaram
 * 05321234567` after every tuning question: 328 of 528 answered rightly; session 38). Folded.
 */
const NUMBER_LABEL = /^numara/u;

/** The words of a sentence (as `textWords` gives them) that label an identifier after them (`Sipariş no: 123456`, `TC 12345678901`, `numaram 05321234567`). */
function identifierLabels(words: readonly string[]): ReadonlySet<string> {
  const labels = new Set<string>();
  words.forEach((word, i) => {
    const folded = foldWord(word);
    if ((IDENTIFIER_LABELS.has(folded) || NUMBER_LABEL.test(folded)) && isIdentifier(words[i + 1] ?? "")) labels.add(word);
  });
  return labels;
}

/** Sentences of a message: split after `.`, `!`, `?` or `…` and at line breaks. */
function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+|\n+/u).filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/**
 * Index of the sentence that asks: the last one with a question mark, a question word or a
 * yes/no particle (`mi`, `mı`, `mu`, `mü` and their persons); else the last sentence that tells
 * more than the history of the exchange and the writer's reproach (`withoutAsides`).
 */
function questionSentence(sentences: readonly string[]): number {
  for (let i = sentences.length - 1; i >= 0; i -= 1) {
    const sentence = sentences[i] ?? "";
    if (sentence.includes("?") || YES_NO_PARTICLE.test(sentence) || analyze(sentence).some((term) => isQuestionTerm(term.stem))) return i;
  }
  // none asks: the last that tells more than the history of the exchange and the writer's reproach (`…. Kimse cevap vermiyor.`)
  for (let i = sentences.length - 1; i > 0; i -= 1) if (analyzeWords(withoutAsides(textWords(sentences[i] ?? ""))).length > 0) return i;
  return 0;
}

const YES_NO_PARTICLE = /(?:^|\s)m[iıuü](?:yım|yim|yum|yüm|yız|yiz|yuz|yüz|sın|sin|sun|sün|sınız|siniz|sunuz|sünüz|dır|dir|dur|dür)?(?=$|[\s?.!,])/u;

/** Term id → ascending distinct indexes of the lists holding it (postings). */
function invert(lists: readonly number[][], vocabularySize: number): Int32Array[] {
  const postings: number[][] = Array.from({ length: vocabularySize }, () => []);
  lists.forEach((ids, index) => {
    for (const id of new Set(ids)) postings[id]?.push(index);
  });
  return postings.map((list) => Int32Array.from(list));
}

/**
 * How much one word of an answer counts, by the answer's length against the average: BM25's
 * saturation and length normalization for a word found once. A long answer mentions many
 * words in passing, so each says less about what the entry is for; capped at 1, so a short
 * answer never outweighs `ANSWER_WEIGHT`.
 */
function answerLengthNorm(length: number, averageLength: number): number {
  if (length === 0 || averageLength === 0) return 1;
  const k1 = TUNING.ANSWER_K1;
  const relative = 1 - TUNING.ANSWER_LENGTH_B + TUNING.ANSWER_LENGTH_B * (length / averageLength);
  return Math.min(1, (k1 + 1) / (1 + k1 * relative));
}

/** The one value every item is, if they are all that value (`undefined` for none, for an empty list, or for two values). */
function only(values: ReadonlyArray<string | undefined>): string | undefined {
  const [first] = values;
  return first !== undefined && values.every((value) => value === first) ? first : undefined;
}
