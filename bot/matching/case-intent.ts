import { collapseRepeats, fold, hasTurkishLetters, isDroppedWord, normalize, textWords, turkishSpellings, withinOneEdit } from "./analysis";
import { finiteVerbs, type FiniteVerb } from "./morphology";
import { TUNING } from "./tuning";

/**
 * What a customer may ask of the complaint loop in their own words: to complain, to reach a
 * person, or how their complaint stands. Turkish language knowledge only (no topic words of a
 * knowledge base); checked before knowledge matching.
 */
export type CaseIntent = "complaint" | "human" | "status";

/**
 * A case intent, and whether the writer said it as their own request. `explicit`: the writer's
 * wish, complaint or question about their own case, in the first person or asked of the bot
 * ("şikayet etmek istiyorum", "şikayetçiyim", "temsilciye bağla", "gerçek biriyle konuşabilir
 * miyim", "şikayetim ne durumda", and a bare "canlı destek"): it is the complaint loop's whatever
 * the knowledge holds. Not explicit: a request that is also a question about the way to one
 * ("nasıl şikayet edebilirim", "müşteri hizmetleri ile nasıl konuşmalıyım"), or said without
 * person ("canlı destek saatleri", "başvurumun durumu nedir"): a knowledge base may answer it
 * outright, and then its answer should win (the caller asks the matcher).
 */
export interface CaseIntentReading {
  readonly intent: CaseIntent;
  readonly explicit: boolean;
}

/**
 * The complaint and the wish (`FORGIVEN`) match a word that starts with them, or with them
 * mistyped once (one letter missing, extra, wrong or two swapped) when they have at least this
 * many letters. Lower = more typos forgiven, more false alarms on short words.
 */
export const TYPO_MIN_STEM = 5;
/** Longest message read as an intent; longer ones are questions or stories for the matcher. */
export const MAX_INTENT_WORDS = 12;

/** Folded, repeats collapsed: `Şikâyetim` → `sikayetim`, `temsilciii` → `temsilci`. */
const prepare = (word: string): string => collapseRepeats(fold(normalize(word)));
const stems = (words: readonly string[]): readonly string[] => words.map(prepare);

/**
 * A typed answer's words as the case-intent and yes/no readers compare them (`prepare`): the
 * conversation's own readers of typed answers (`isRefusal`) compare their word lists the same way.
 */
export function answerWords(text: string): string[] {
  return textWords(typeof text === "string" ? text : "").map(prepare);
}

/** The complaint itself: şikayet (and şikâyet, sikayet), its typos; `yakınıyorum`. */
const COMPLAINT = stems(["şikayet", "sikayt", "şikayt", "yakınıyorum"]);
/** Doing something about a complaint: it is made, written, opened, sent, filed. */
const COMPLAINT_ACTION = stems(["et", "ed", "yaz", "oluştur", "aç", "bulun", "ilet", "bildir", "gönder", "yap"]);
/** A complaint that is there (`şikayetim var`): the writer's when it is theirs. */
const EXISTS = prepare("var");
/** The loop's own name for a case, as its texts say it (`Kaydınızı açtım`): `şikayet kaydı`. */
const RECORD = stems(["kayıt", "kaydı"]);
/** A person rather than a bot. */
const PERSON = stems(["temsilci", "insan", "yetkili", "operatör", "operator", "görevli", "personel", "gerçek", "birisi", "biriyle", "müşteri hizmet"]);
/** Reaching a person: talk, meet, connect, transfer. */
const REACH = stems(["görüş", "konuş", "bağla", "aktar", "ulaş", "yönlendir"]);
/**
 * The writer's wish or need, said of themselves (`istiyorum`, `isterim`, `lazım`), one letter off
 * forgiven in the longer ones (`istiyorm`; `istiyor` and `istiyo`, chat's first person too).
 * Not `isteyen` nor `istiyorsa`: a wish of someone else's.
 */
const WANT = stems(["istiyorum", "istiyoruz", "istiyom", "isterim", "isteriz", "isterdim", "istiyordum", "bekliyorum", "lazım"]);
/** Words between a person and the wish for them (`yetkili biri lazım`, `gerçek bir insan istiyorum`). */
const PERSON_GLUE = new Set(stems(["bir", "bi", "biri", "birisi", "birini"]));
/** Live support, a phrase of its own ("canlı destek", "canli destek"). */
const LIVE = prepare("canlı");
const SUPPORT = prepare("destek");
/**
 * Question words that make a message a question about complaints or representatives in general
 * ("kaç kişiye şikayet eder?", "temsilci nedir?"), not a wish of the writer's own.
 */
const GENERAL_QUESTION = new Set(stems(["kaç", "nedir", "neler", "nelere", "nelerdir", "hangi", "hangisi", "neden", "niye", "niçin", "kim", "kimdir", "olmalı"]));
/**
 * Question words that ask the way to something ("nasıl şikayet edebilirim", "müşteri hizmetlerine
 * nereden ulaşırım"): a wish of the writer's own, but one a knowledge base may answer outright.
 */
const WAY_QUESTION = new Set(stems(["nasıl", "nasil", "nereye", "nerye", "nereden", "nerden", "kime", "kiminle"]));
const HOW = prepare("nasıl");
/** What a status question is about: my complaint, case, application, request, record. */
const CASE_WORDS = stems(["şikayet", "sikayt", "vaka", "başvuru", "talep", "taleb", "kayıt", "kayd", "bilet"]);
/** The loop's own words for a case: "kaydım", "şikayetim" can only be about one; "başvurum" may be anything. */
const OWN_CASE_WORDS = stems(["şikayet", "sikayt", "vaka", "kayıt", "kayd"]);
/** How it stands: durum, ne oldu, akıbet, sonuç, cevap. */
const STATE_WORDS = stems(["durum", "akıbet", "sonuç", "ne oldu", "cevap", "yanıt", "ilerle"]);
/** Where it is, as whole words (`nereye`, `nereden` ask the way to something: `WAY_QUESTION`). */
const WHERE = new Set(stems(["nerede", "nerde"]));
/** Urgency a bare request may carry ("acil canlı destek", "hemen bir temsilci"); stop words count too. */
const URGENCY = new Set(stems(["acil", "acilen", "hemen", "derhal", "şimdi", "artık", "bi"]));

/** Question particles in the first person (`konuşabilir miyim`) and the second (`bağlar mısınız`), folded. */
const FIRST_PARTICLES = new Set(["miyim", "miyiz", "muyum", "muyuz"]);
const SECOND_PARTICLES = new Set(["misin", "misiniz", "musun", "musunuz"]);
/** The question particle in the third person (`var mı`, `bağlanabilir mi`): the message asks whether, it requests nothing. */
const THIRD_PARTICLES = new Set(["mi", "mu", "midir", "mudur"]);

/*
 * Endings of folded words (ı → i, ü → u, ğ → g; doubled letters once). Verb forms first: what
 * person a verb is in, or whether it says how things are done in general.
 */
/** Necessitative in the first person: advice asked for oneself (`konuşmalıyım`, `etmeliyiz`). */
const NECESSITATIVE_FIRST = /m[ae]l[iu]y[iu][mz]$/;
/** Necessitative otherwise: what one must do in general (`edilmeli`, `konuşmalı`, `olmalıdır`). */
const NECESSITATIVE = /m[ae]l[iu](d[iu]r|s[iu]n|s[iu]n[iu]z|l[ae]r)?$/;
/** Passive aorist or present (`yapılır`, `edilir`, `verilir`, `alınır`, `işlenir`, `ulaşılıyor`): how it is done, by anyone. */
const PASSIVE = /^\p{L}{2,}(?:(?<=[^aeiou])(?:il|ul|in|un)|(?<=[aeiou])n)(?:[iu]r|[iu]yor?)$/u;
/** `-ebilir` (ability) is passive only after a passive stem (`edilebilir`), not in `edebilir`. */
const ABILITY = /[ae]bil[iu]r$/;
const PASSIVE_ABILITY = /^\p{L}{2,}(?:(?<=[^aeiou])(?:il|ul|in|un)|(?<=[aeiou])n)[ae]bil[iu]r$/u;
/** An infinitive (`etmek`, `görüşmeye`, `bağlanmayı`): whose wish it is, the rest of the sentence says. */
const INFINITIVE = /m[ae](k|k[aeiu]\p{L}*|y[aeiu]|s[iu]\p{L}*)$/u;
/**
 * A verb in the first person: present (`istiyorum`, chat's `istiyom`, `istiyorm`), aorist
 * (`ederim`, `ulaşırım`, `edebilirim`), future (`edeceğim`, `edicem`, `yapıcam`), past
 * (`ettim`, `konuştum`), optative (`edeyim`, `görüşelim`), `etmem` (`etmem lazım`).
 */
const FIRST_PERSON = /(iyor[iu][mz]|uyor[iu][mz]|iyom|uyom|iyoz|yorm|yrum|[aeiu]r[iu][mz]|c[ae]g[iu][mz]|c[ae][mz]|[dt][iu][mk]|[ae]y[iu]m|[ae]l[iu]m|m[ae]m)$/;
/** What may follow a verb's stem in an imperative (`bağla`, `bağlayın`, `bağlan`, `aktarın`, `görüştürün`, `bağlasana`). */
const IMPERATIVE = /^(n|t[iu]r|d[iu]r)?(y?[iu]n([iu]z)?|s[ae]n[ae])?$/;
/** A first-person possessive after a noun's stem, with a case ending (`şikayetim`, `kaydımı`, `başvurumun`, `şikayetlerimizi`). */
const POSSESSIVE_FIRST = /^(l[ae]r)?[iu]?m([iu]z)?([iu]n|[iu]|[ae]|d[ae]n?|t[ae]n?|l[ae]|n[ae]|y[ae])?$/;
/** `-çi` after the complaint (`şikayetçi`), with the first person (`şikayetçiyim`, `şikayetçiyiz`). */
const COMPLAINANT = /^c[iu](l[ae]r)?(y[iu][mz])?$/;
const COMPLAINANT_FIRST = /y[iu][mz]$/;
/** A first-person relative participle (`verdiğim şikayet`, `açtığım kayıt`). */
const OWN_PARTICIPLE = /[dt][aeiu]g[iu]m([iu]z)?$/;
const MINE = new Set(stems(["benim", "bizim"]));

/**
 * Verbs a customer asks to be contacted with, as the analyser's roots (`finiteVerbs`): call, reach,
 * get back to (`beni arayın`, `bana ulaşın`, `bana dönün`, `biri beni arasın`). Language, not
 * topics: how one asks for a person.
 */
const CONTACT_VERBS: readonly string[] = ["ara", "ulaş", "dön"];
/** The same asked with a noun and a light verb: the noun as compared (`prepare`), then the verb's root (`dönüş yapın`, `iletişime geçin`). */
const CONTACT_PHRASES: ReadonlyArray<readonly [string, string]> = [
  [prepare("dönüş"), "yap"],
  [prepare("iletişim"), "geç"],
];
/** Words that may come with such a request and say nothing more (`beni geri arayın`). */
const CONTACT_COMPANIONS = new Set(stems(["geri"]));
/** The writer as the one to be contacted: `beni`, `bana`, `benimle`, and `bizi`, `bize`, `bizimle`. */
const WRITER_OBJECT = new Set(stems(["beni", "bana", "benimle", "bizi", "bize", "bizimle"]));
/** The persons of an imperative that asks someone else: `ara`, `arayın` (and `arayınız`), `arasın`, `arasınlar`. */
const REQUEST_PERSONS: ReadonlySet<string> = new Set(["A2SG", "A2PL", "A3SG", "A3PL"]);
/** The start a contact verb's word has as compared (`prepare`), to ask the analyser only about words that may be one. */
const CONTACT_STARTS: readonly string[] = [...CONTACT_VERBS, ...CONTACT_PHRASES.map(([, verb]) => verb)].map(prepare);

/**
 * How a verb reads: in the first person (the writer's), the second (asked of the bot), as advice
 * asked for oneself, in general (passive, necessitative), as an infinitive, or otherwise.
 */
type Mood = "first" | "second" | "advice" | "general" | "infinitive" | "other";

/**
 * The stems read with a typo forgiven: the complaint, which customers type fast and which no other
 * word is one letter from. Persons and verbs are not: one letter turns `görevleri` into `görevli`,
 * `başla` into `bağla`, `inşaat` into `insan`.
 */
const FORGIVEN: ReadonlySet<string> = new Set(COMPLAINT);

/** The length of the start of `word` that is `stem`, exactly or (for the complaint) mistyped once; 0 when none. */
function stemEnd(word: string, stem: string): number {
  if (word.startsWith(stem)) return stem.length;
  if (!FORGIVEN.has(stem) || stem.length < TYPO_MIN_STEM || word.length < stem.length - 1) return 0;
  return [stem.length, stem.length - 1, stem.length + 1].find((length) => withinOneEdit(word.slice(0, length), stem)) ?? 0;
}

/** Whether `word` starts with `stem`, exactly or (for long stems) mistyped once. */
function startsWith(word: string, stem: string): boolean {
  return stemEnd(word, stem) > 0;
}

/** Where the word at `i` starts with one of the stems (alone, or as a two-word one's first or second word): the stem's end, 0 when none. */
function stemAt(words: readonly string[], i: number, list: readonly string[]): number {
  const word = words[i] ?? "";
  for (const stem of list) {
    const [first, second] = stem.split(" ");
    if (first === undefined) continue;
    if (second === undefined) {
      const end = stemEnd(word, first);
      if (end > 0) return end;
      continue;
    }
    if (startsWith(word, first) && startsWith(words[i + 1] ?? "", second)) return first.length;
    if (startsWith(words[i - 1] ?? "", first)) {
      const end = stemEnd(word, second);
      if (end > 0) return end;
    }
  }
  return 0;
}

/** The positions of the words that start with one of the stems, with each stem's end. */
function positions(words: readonly string[], list: readonly string[]): Array<{ i: number; end: number }> {
  return words.flatMap((_, i) => {
    const end = stemAt(words, i, list);
    return end > 0 ? [{ i, end }] : [];
  });
}

/** Whether a word is the writer's wish or need (`WANT`): exact, or one letter off where long enough. */
function isWant(word: string): boolean {
  return WANT.some((want) => word === want || (want.length >= TYPO_MIN_STEM && withinOneEdit(word, want)));
}

/** How the verb at `i` (its stem ending at `end`) reads; the next word may be its question particle. */
function moodOf(words: readonly string[], i: number, end: number): Mood {
  const word = words[i] ?? "";
  const next = words[i + 1] ?? "";
  if (FIRST_PARTICLES.has(next)) return "first";
  if (SECOND_PARTICLES.has(next)) return "second";
  if (NECESSITATIVE_FIRST.test(word)) return "advice";
  if (isGeneral(word)) return "general";
  if (INFINITIVE.test(word)) return "infinitive";
  if (FIRST_PERSON.test(word)) return "first";
  if (IMPERATIVE.test(word.slice(end))) return "second";
  return "other";
}

/** Whether a word says how things are done in general: passive (`yapılır`, `edilebilir`) or necessitative (`edilmeli`, `konuşmalı`). */
function isGeneral(word: string): boolean {
  if (NECESSITATIVE_FIRST.test(word)) return false;
  if (NECESSITATIVE.test(word)) return true;
  return ABILITY.test(word) ? PASSIVE_ABILITY.test(word) : PASSIVE.test(word);
}

/** What the whole message says of its kind: a general question, a way asked for, the writer's own words. */
interface Clause {
  /** The words as typed, lower case (`textWords`), and as compared (`prepare`). */
  readonly typed: readonly string[];
  readonly words: readonly string[];
  /** A question about things in general: a general question word, a passive or a necessitative not of the writer's own. */
  readonly general: boolean;
  /** A question word that asks the way (`nasıl`, `nereye`, `kime`), or whether (`var mı`). */
  readonly way: boolean;
  /** `nasıl`: with nothing of the writer's own, it asks how things go in general (`süreç nasıl işler`). */
  readonly how: boolean;
  readonly want: boolean;
  /** A necessitative in the first person anywhere (`ne yapmalıyım`): advice asked for, not a request made. */
  readonly advice: boolean;
}

function clauseOf(typed: readonly string[]): Clause {
  const words = typed.map(prepare);
  return {
    typed,
    words,
    general: words.some((word) => GENERAL_QUESTION.has(word) || isGeneral(word)),
    way: words.some((word) => WAY_QUESTION.has(word) || THIRD_PARTICLES.has(word)),
    how: words.includes(HOW),
    want: words.some(isWant),
    advice: words.some((word) => NECESSITATIVE_FIRST.test(word)),
  };
}

/**
 * The reading once the writer's own request (`own`) is known: explicit when nothing in the
 * message asks in general or the way to it; a question of the knowledge's when it asks in
 * general and nothing is the writer's own; else not explicit.
 */
function settle(intent: CaseIntent, clause: Clause, own: boolean): CaseIntentReading | null {
  if (own) return { intent, explicit: !clause.general && !clause.way && !clause.advice };
  if (clause.general || clause.how) return null;
  return { intent, explicit: false };
}

/** "şikayetim ne durumda", "kaydım ne oldu", "başvurumun durumu": a case word and how it stands. */
function readStatus(clause: Clause): CaseIntentReading | null {
  const { words } = clause;
  const cases = positions(words, CASE_WORDS);
  if (cases.length === 0 || !words.some((word, i) => WHERE.has(word) || stemAt(words, i, STATE_WORDS) > 0)) return null;
  const mine = words.some((word) => MINE.has(word) || OWN_PARTICIPLE.test(word));
  const own = cases.filter(({ i, end }) => mine || POSSESSIVE_FIRST.test((words[i] ?? "").slice(end)));
  if (own.length === 0) return settle("status", clause, false);
  // "başvurum", "talebim" may be an application the knowledge tells about; "şikayetim", "kaydım" are the loop's
  const loops = own.some(({ i }) => stemAt(words, i, OWN_CASE_WORDS) > 0);
  return { intent: "status", explicit: loops && !clause.advice && !clause.way };
}

/**
 * A word's readings as a finite verb, with those of its spellings with Turkish letters put back
 * when it was typed without them (`arayin`, and `donun`: `don`, freeze, and `dön`).
 */
function verbsOf(typed: string): readonly FiniteVerb[] {
  const spellings = hasTurkishLetters(typed) ? [] : turkishSpellings(typed, TUNING.MAX_RESPELLED_LETTERS);
  return [typed, ...spellings].flatMap(finiteVerbs);
}

/**
 * The positions of the words that ask to be contacted (`müşteri hizmetleri beni arasın`, `beni
 * geri arayın`, `bana dönüş yapar mısınız`, `benimle iletişime geçin`), empty when none do: a
 * contact verb (`CONTACT_VERBS`, `CONTACT_PHRASES`), not negated, in the imperative to someone
 * else (second person, or the third: `arasın`) or asked of the reader (`arar mısınız`, `arayabilir
 * misiniz`), and the writer as its object (`beni`, `bana`). By the analyser's reading of the verb:
 * `beni aradınız mı`, `beni aramayın`, `bana dönüş yapılmadı` ask for nothing.
 */
function contactRequest(clause: Clause): ReadonlySet<number> {
  const { words, typed } = clause;
  const objects = words.flatMap((word, i) => (WRITER_OBJECT.has(word) ? [i] : []));
  const found = new Set<number>();
  if (objects.length === 0) return found;
  words.forEach((word, i) => {
    // a phrase's noun is no verb of its own (`dönüş` is also read as `dön`'s reciprocal imperative)
    if (WRITER_OBJECT.has(word) || !CONTACT_STARTS.some((start) => word.startsWith(start)) || CONTACT_PHRASES.some(([noun]) => word.startsWith(noun))) return;
    const phrase = CONTACT_PHRASES.find(([noun]) => (words[i - 1] ?? "").startsWith(noun));
    const asked = SECOND_PARTICLES.has(words[i + 1] ?? "");
    const requested = verbsOf(typed[i] ?? "").some(
      (verb) =>
        (CONTACT_VERBS.includes(verb.root) || verb.root === phrase?.[1]) &&
        !verb.negative &&
        (asked || (verb.moods.includes("IMP") && REQUEST_PERSONS.has(verb.person))),
    );
    if (!requested) return;
    for (const at of [...objects, i, ...(asked ? [i + 1] : []), ...(phrase ? [i - 1] : [])]) found.add(at);
  });
  if (found.size > 0) words.forEach((word, i) => CONTACT_COMPANIONS.has(word) && found.add(i));
  return found;
}

/** "canlı destek", "temsilciye bağla", "gerçek biriyle konuşabilir miyim", "temsilci istiyorum", "beni arayın". */
function readHuman(clause: Clause): CaseIntentReading | null {
  const { words } = clause;
  const contacted = contactRequest(clause).size > 0;
  const live = words.some((word, i) => startsWith(word, LIVE) && startsWith(words[i + 1] ?? "", SUPPORT));
  const persons = positions(words, PERSON);
  const reaches = persons.length > 0 ? positions(words, REACH).filter(({ i }) => stemAt(words, i, PERSON) === 0) : [];
  // the wish names the person it is for: "temsilci istiyorum", not "temsilci olmak istiyorum"
  const personWanted = persons.some(({ i }) => {
    let j = i + 1;
    while (PERSON_GLUE.has(words[j] ?? "") || stemAt(words, j, PERSON) > 0) j += 1;
    return isWant(words[j] ?? "");
  });
  if (!live && reaches.length === 0 && !personWanted && !contacted) return null;
  const moods = reaches.map(({ i, end }) => moodOf(words, i, end));
  const bareLive = live && !clause.general && isBare(clause.typed, [LIVE, SUPPORT]);
  const own =
    contacted ||
    bareLive ||
    (live && clause.want) ||
    personWanted ||
    moods.some((mood) => mood === "first" || mood === "second") ||
    (clause.want && moods.includes("infinitive"));
  return settle("human", clause, own);
}

/** "şikayet etmek istiyorum", "şikayetim var", "şikayetçiyim", "şikayet edeceğim", "Şikayet!". */
function readComplaint(clause: Clause): CaseIntentReading | null {
  const { words } = clause;
  const complaints = positions(words, COMPLAINT);
  if (complaints.length === 0) return null;
  const isComplaint = (i: number): boolean => complaints.some((c) => c.i === i);
  const rests = complaints.map(({ i, end }) => (words[i] ?? "").slice(end));
  const mine = rests.some((rest) => POSSESSIVE_FIRST.test(rest));
  const complainant = rests.filter((rest) => COMPLAINANT.test(rest));
  const actions = words.flatMap((word, i) => {
    if (isComplaint(i) || URGENCY.has(word)) return [];
    const end = stemAt(words, i, COMPLAINT_ACTION);
    return end > 0 ? [moodOf(words, i, end)] : [];
  });
  // `edilebilir` is a light verb's form, a stop word to `isBare`: "şikayet edilebilir mi" is no bare complaint
  const bare = !clause.general && isBare(clause.typed, [...COMPLAINT, ...RECORD]);
  const acted = words.includes(EXISTS) || actions.some((mood) => mood !== "general");
  if (!bare && !acted && complainant.length === 0) return null;
  const own =
    bare ||
    (mine && acted) ||
    complainant.some((rest) => COMPLAINANT_FIRST.test(rest)) ||
    (complainant.length > 0 && clause.want) ||
    actions.some((mood) => mood === "first" || mood === "second") ||
    (clause.want && actions.includes("infinitive"));
  return settle("complaint", clause, own);
}

/**
 * Whether every word (as typed, lower case) is one of the stems, a stop word or urgency, or at one
 * of the positions `also` (the words of a request to be contacted): the request and nothing else.
 */
function isBare(typed: readonly string[], list: readonly string[], also: ReadonlySet<number> = new Set()): boolean {
  const words = typed.map(prepare);
  return words.every((word, i) => also.has(i) || URGENCY.has(word) || isDroppedWord(typed[i] ?? "") || stemAt(words, i, list) > 0 || isWant(word));
}

/**
 * Reads a message as a wish to complain, to reach a person, or a question about how one's
 * complaint stands, and how plainly (see `CaseIntentReading`); null for anything else. By the
 * verb's person and mood: the writer's own ("şikayet etmek istiyorum", "şikayetim var",
 * "temsilciye bağlar mısınız") is a request, while a passive or necessitative ("şikayet yönetimi
 * nasıl yapılır", "şikayetlere ne kadar sürede yanıt verilmeli", "temsilci müşteriyle nasıl
 * konuşmalı"), a question word ("kaç kişiye şikayet eder") or a person named as what one is
 * ("iyi bir müşteri temsilcisi olmak istiyorum") asks about the topic, for the knowledge base.
 */
export function readCaseIntent(text: string): CaseIntentReading | null {
  const typed = textWords(typeof text === "string" ? text : "");
  if (typed.length === 0 || typed.length > MAX_INTENT_WORDS) return null;
  const clause = clauseOf(typed);
  return readStatus(clause) ?? readHuman(clause) ?? readComplaint(clause);
}

/** The intent `readCaseIntent` reads, however plainly said; null for none. */
export function classifyCaseIntent(text: string): CaseIntent | null {
  return readCaseIntent(text)?.intent ?? null;
}

/** Every word a request to complain or to reach a person is made of (`readCaseIntent`'s). */
const REQUEST_WORDS: readonly string[] = [...COMPLAINT, ...COMPLAINT_ACTION, EXISTS, ...RECORD, ...PERSON, ...REACH, ...WANT, LIVE, SUPPORT];

/**
 * Whether a message is a request to complain or to reach a person and holds nothing more: "canlı
 * destek", "şikayet etmek istiyorum", "acil bir temsilciyle görüşmek istiyorum lütfen". Typed
 * where the problem's description is asked for, it says what the customer wants, not what went
 * wrong, and a case holding only "canli destek" tells operators nothing. Words of the request,
 * stop words (`isDroppedWord`: "bir", "lütfen", "ben") and urgency count, and so do the words of a
 * request to be contacted ("müşteri hizmetleri beni geri arasın"); any other word ("kargom",
 * "bozuk") is a description.
 */
export function isBareCaseIntent(text: string): boolean {
  const intent = classifyCaseIntent(text);
  if (intent !== "complaint" && intent !== "human") return false;
  const typed = textWords(text);
  return isBare(typed, REQUEST_WORDS, contactRequest(clauseOf(typed)));
}

/**
 * Fewest words besides stop words and light verbs (`isDroppedWord`) a problem told in a message
 * holds: "anlamadım", "olmadı" or "yine olmadı" alone tell nothing an operator could act on.
 * Higher = fewer short stories read as a problem told.
 */
export const MIN_TOLD_PROBLEM_WORDS = 2;
/** The tenses that tell what happened: the past, seen or reported (`gelmedi`, `kesildi`, `bozulmuş`). */
const TOLD_MOODS: ReadonlySet<string> = new Set(["PAST", "NARR"]);

/**
 * Whether a message tells what went wrong, as a statement of what happened rather than a wish or
 * a topic (`siparişim 3 gündür gelmedi`, `kargo takip numarası çalışmıyor`, `faturam iki kez
 * kesildi`, `kartımı kaybettim`): a finite verb negated or in the past (`finiteVerbs`: its person
 * and tense, not its topic), and at least `MIN_TOLD_PROBLEM_WORDS` words that are no stop words.
 * Typed right after a case is offered, such a message is the case's description. Whether it is
 * also a question (`kargom neden gelmedi?`) is the caller's to weigh, as the description step does.
 * A word typed without Turkish letters is read with them put back when the analyser knows it
 * only so (`calismiyor`).
 */
export function tellsProblem(text: string): boolean {
  const typed = textWords(typeof text === "string" ? text : "");
  if (typed.filter((word) => !isDroppedWord(word)).length < MIN_TOLD_PROBLEM_WORDS) return false;
  return typed.some((word) => toldVerbsOf(word).some((verb) => verb.negative || verb.moods.some((mood) => TOLD_MOODS.has(mood))));
}

/** A word's finite verb readings as typed, or else those of its spellings with Turkish letters put back (`calismiyor`). */
function toldVerbsOf(typed: string): readonly FiniteVerb[] {
  const verbs = finiteVerbs(typed);
  if (verbs.length > 0 || hasTurkishLetters(typed)) return verbs;
  return turkishSpellings(typed, TUNING.MAX_RESPELLED_LETTERS).flatMap(finiteVerbs);
}

/**
 * Words of a customer angry at the bot or the service (`rezalet`, `berbat`, `işe yaramıyor`,
 * `anlamıyorsun`, `bıktım`), as word starts. Language, not topics: what a vent is made of.
 */
const FRUSTRATION = stems(["rezalet", "rezil", "berbat", "saçma", "yaramıyo", "yaramaz", "yaramadı", "anlamıyo", "anlamıyorsun", "aptal", "salak", "beceriksiz", "bıktım", "bıktırdı", "boktan"]);

/**
 * Whether a short message vents anger ("bu bot hiçbir işe yaramıyor", "rezalet"): the caller
 * offers the way to a person when it also asks nothing the knowledge answers.
 */
export function isFrustration(text: string): boolean {
  const words = answerWords(text);
  return words.length > 0 && words.length <= MAX_INTENT_WORDS && words.some((word) => FRUSTRATION.some((stem) => word.startsWith(stem)));
}

/** Typed answers to a yes/no question (offer, consent), for channels without buttons. */
const YES = new Set(stems(["evet", "evt", "olur", "tamam", "tmm", "peki", "aç", "açın", "açalım", "isterim", "istiyorum", "kesinlikle"]));
/** Words that may follow a yes without changing it ("evet lütfen", "tamam açın"). */
const YES_FILLER = new Set(stems(["lütfen", "aç", "açın", "kayıt", "kaydı", "olur", "tabi", "tabii", "isterim", "istiyorum"]));
const NO = new Set(stems(["hayır", "hyr", "yok", "istemiyorum", "istemem", "gerekmez", "vazgeç", "vazgeçtim", "h"]));
/** Longest typed answer read as yes or no; longer ones are messages of their own. */
const MAX_ANSWER_WORDS = 4;

/** Reads a short typed "evet" / "hayır" (and their usual variants); null for anything else. */
export function classifyYesNo(text: string): "yes" | "no" | null {
  const words = answerWords(text);
  if (words.length === 0 || words.length > MAX_ANSWER_WORDS) return null;
  // "hayır", "yok", "istemiyorum" anywhere say no, even next to "teşekkürler"
  if (words.some((word) => NO.has(word))) return "no";
  // "tamam teşekkürler" is a polite goodbye, not a yes: every word must belong to the answer
  return YES.has(words[0] ?? "") && words.every((word) => YES.has(word) || YES_FILLER.has(word)) ? "yes" : null;
}
