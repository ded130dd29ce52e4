import { collapseRepeats, fold, isDroppedWord, normalize, textWords, withinOneEdit } from "./analysis";

/**
 * What a customer may ask of the complaint loop in their own words: to complain, to reach a
 * person, or how their complaint stands. Turkish language knowledge only (no topic words of a
 * knowledge base); checked before knowledge matching.
 */
export type CaseIntent = "complaint" | "human" | "status";

/**
 * A stem matches a word that starts with it, or with it mistyped once (one letter missing,
 * extra, wrong or two swapped) when the stem has at least this many letters. Lower = more typos
 * forgiven, more false alarms on short words.
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

/** The complaint itself: şikayet (and şikâyet, sikayet), its typos; `yakınmak`. */
const COMPLAINT = stems(["şikayet", "sikayt", "şikayt", "yakınmak", "yakınıyorum"]);
/** Doing something about it: a complaint is made, written, opened, registered… */
const COMPLAINT_ACTION = stems([
  "et", "ede", "edi", "edecek", "etmek", "etmk", "etcem", "edicem", "istiyor", "isti", "istyor", "isterim", "var", "bulun", "yaz", "oluştur", "aç", "kayıt",
  "kaydı", "ilet", "bildir", "gönder", "nereye", "nasıl", "yapmak", "yapacağım", "yapıcam",
]);
/** A person rather than a bot. */
const PERSON = stems(["temsilci", "insan", "yetkili", "operatör", "operator", "görevli", "personel", "gerçek", "birisi", "biriyle", "müşteri hizmet"]);
/** Reaching them: talk, meet, connect, transfer, want. */
const REACH = stems(["görüş", "gorus", "konuş", "bağla", "bagla", "aktar", "ulaş", "yönlendir", "istiyor", "isti", "isterim", "lazım", "bekliyor"]);
/** Live support, a phrase of its own ("canlı destek", "canli destek"). */
const LIVE = prepare("canlı");
const SUPPORT = prepare("destek");
/**
 * Question words that make a message a question about complaints or representatives in general
 * ("kaç kişiye şikayet eder?", "temsilci nedir?"), not a wish of the writer's own. "Nasıl" and
 * "nereye" are left out on purpose: "nasıl şikayet edebilirim" is a wish.
 */
const GENERAL_QUESTION = new Set(stems(["kaç", "nedir", "nelerdir", "hangi", "hangisi", "neden", "niye", "niçin", "kim", "kimdir", "olmalı"]));
/** What a status question is about: my complaint, case, application, request, record. */
const CASE_WORDS = stems(["şikayet", "sikayt", "vaka", "başvuru", "talep", "kayıt", "kayd", "bilet"]);
/** How it stands: durum, ne oldu, akıbet, sonuç, nerede, cevap. */
const STATE_WORDS = stems(["durum", "akıbet", "sonuç", "nerede", "ne oldu", "oldu", "cevap", "yanıt", "ilerle"]);

/** Whether `word` starts with `stem`, exactly or (for long stems) mistyped once. */
function startsWith(word: string, stem: string): boolean {
  if (word.startsWith(stem)) return true;
  if (stem.length < TYPO_MIN_STEM || word.length < stem.length - 1) return false;
  return [stem.length - 1, stem.length, stem.length + 1].some((length) => withinOneEdit(word.slice(0, length), stem));
}

/** Whether the words (or a two-word phrase among them) contain one of the stems. */
function has(words: readonly string[], list: readonly string[]): boolean {
  return list.some((stem) => {
    if (!stem.includes(" ")) return words.some((word) => startsWith(word, stem));
    const [first, second] = stem.split(" ");
    return words.some((word, i) => first !== undefined && second !== undefined && startsWith(word, first) && startsWith(words[i + 1] ?? "", second));
  });
}

/**
 * Classifies a message as a wish to complain, to reach a person, or a question about how one's
 * complaint stands; null for anything else. "Şikayet yönetimi nedir?" is a question about
 * complaints, not a complaint: a complaint needs a word of doing or wanting (et-, istiyorum, var).
 */
export function classifyCaseIntent(text: string): CaseIntent | null {
  const words = answerWords(text);
  if (words.length === 0 || words.length > MAX_INTENT_WORDS) return null;
  const aboutCase = has(words, CASE_WORDS);
  if (aboutCase && has(words, STATE_WORDS)) return "status";
  if (words.some((word) => GENERAL_QUESTION.has(word))) return null;
  if (words.some((word, i) => startsWith(word, LIVE) && startsWith(words[i + 1] ?? "", SUPPORT))) return "human";
  if (has(words, PERSON) && has(words, REACH)) return "human";
  if (has(words, COMPLAINT)) {
    // "şikayet" alone, or with an action: a wish to complain
    const others = words.filter((word) => !COMPLAINT.some((stem) => startsWith(word, stem)));
    if (others.length === 0 || has(others, COMPLAINT_ACTION)) return "complaint";
  }
  return null;
}

/** Every word a request to complain or to reach a person is made of (`classifyCaseIntent`'s). */
const REQUEST_WORDS: readonly string[] = [...COMPLAINT, ...COMPLAINT_ACTION, ...PERSON, ...REACH, LIVE, SUPPORT];
/** Urgency a bare request may carry ("acil canlı destek", "hemen bir temsilci"); stop words count too. */
const URGENCY = new Set(stems(["acil", "acilen", "hemen", "derhal", "şimdi", "artık", "bi"]));

/** Whether the word at `i` belongs to one of the stems, alone or as a part of a two-word one ("müşteri hizmetleri"). */
function inStems(words: readonly string[], i: number, list: readonly string[]): boolean {
  const word = words[i] ?? "";
  return list.some((stem) => {
    const [first, second] = stem.split(" ");
    if (first === undefined) return false;
    if (second === undefined) return startsWith(word, first);
    return (startsWith(word, first) && startsWith(words[i + 1] ?? "", second)) || (startsWith(words[i - 1] ?? "", first) && startsWith(word, second));
  });
}

/**
 * Whether a message is a request to complain or to reach a person and holds nothing more: "canlı
 * destek", "şikayet etmek istiyorum", "acil bir temsilciyle görüşmek istiyorum lütfen". Typed
 * where the problem's description is asked for, it says what the customer wants, not what went
 * wrong, and a case holding only "canli destek" tells operators nothing. Words of the request,
 * stop words (`isDroppedWord`: "bir", "lütfen", "ben") and urgency count; any other word ("kargom",
 * "bozuk") is a description.
 */
export function isBareCaseIntent(text: string): boolean {
  const intent = classifyCaseIntent(text);
  if (intent !== "complaint" && intent !== "human") return false;
  const typed = textWords(text);
  const words = typed.map(prepare);
  return words.every((word, i) => URGENCY.has(word) || isDroppedWord(typed[i] ?? "") || inStems(words, i, REQUEST_WORDS));
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
