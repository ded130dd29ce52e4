import { collapseRepeats, fold, normalize, textWords } from "./analysis";

/**
 * Kinds of small talk the bot answers itself instead of searching the knowledge base.
 *
 * `acknowledgement`: "tamam", "ok", "evet": a word that agrees and asks nothing. `decline`:
 * "hayır", "yok", "gerek yok": a "no" to nothing asked, or to "Başka bir sorunuz var mı?" (a
 * question asked gets its answer before small talk is read). `reaction`: an emoji alone ("👍",
 * "😂", "🙏"); `displeasure`: a thumbs-down or an angry or sad face alone ("👎", "😡", "🤬🤬"),
 * which an agreeing reply would mock. `politeDecline`: a "no" with thanks ("hayır teşekkürler", "yok
 * sağol", "gerek yok, teşekkür ederim"): a "no" to the yes/no question just asked, or else the
 * customer is done (read as thanks before, it got "Rica ederim… Başka bir sorunuz var mı?" again
 * and again). `identity`: "bot musun", "insan mısın": who the customer is
 * talking to. `wish`: "iyi günler", "kolay gelsin", "iyi çalışmalar", "👋": greets at a
 * conversation's start and closes it at its end, so the bot reads it by where the conversation
 * stands. `restart`: "baştan başla", "başa dön", "sıfırla": the customer leaves whatever was asked
 * of them (a comment, a survey, a complaint's description) and starts again.
 */
export type SmallTalkKind =
  | "greeting"
  | "thanks"
  | "goodbye"
  | "help"
  | "acknowledgement"
  | "decline"
  | "politeDecline"
  | "reaction"
  | "displeasure"
  | "identity"
  | "wish"
  | "restart";

const phrases = (kind: SmallTalkKind, words: readonly string[]): Array<[string, SmallTalkKind]> =>
  words.map((word) => [fold(normalize(word)), kind]);

/** Single words that carry small talk, folded. */
const SMALL_TALK_WORDS: ReadonlyMap<string, SmallTalkKind> = new Map([
  ...phrases("greeting", ["merhaba", "merhabalar", "selam", "selamlar", "slm", "slmlar", "mrb", "mrblar", "günaydın", "hey", "hi", "hello", "nasılsın", "nasılsınız", "naber", "selamünaleyküm", "aleykümselam", "selamün"]),
  ...phrases("thanks", ["teşekkürler", "teşekkür", "teşekkürler", "tşk", "tşkler", "tesekkurler", "sağol", "sağolun", "saol", "saolun", "sağ", "eyvallah", "eyv", "thanks", "thank", "mersi", "süper", "harika"]),
  ...phrases("goodbye", ["görüşürüz", "hoşçakal", "hoşça", "hoşçakalın", "güle", "bye", "hoşcakal", "bay", "baybay", "görüşmek"]),
  // what the bot can do, or who it is (`ne sorabilirim`, `neler yapabiliyorsun`, `sen kimsin`)
  ...phrases("help", ["yardım", "help", "menü", "menu", "komutlar", "sorabilirim", "sorabiliriz", "yapabiliyorsun", "yapabilirsin", "kimsin", "kimsiniz", "nesin"]),
  ...phrases("wish", ["günler", "akşamlar", "geceler", "çalışmalar", "gelsin"]),
  ...phrases("restart", ["baştan", "başa", "başla", "başlat", "başlayalım", "sıfırla", "sıfırlayalım", "restart", "reset"]),
  ...phrases("acknowledgement", ["tamam", "tmm", "tamamdır", "ok", "okey", "okay", "evet", "peki", "anladım", "anlaşıldı", "aynen", "olur", "oldu", "güzel", "hı", "hıhı", "he", "yes"]),
  ...phrases("decline", ["hayır", "hyr", "yok", "istemiyorum", "no"]),
]);

/** Words that may accompany small talk without making it a question. */
const SMALL_TALK_FILLER: ReadonlySet<string> = new Set(
  ["çok", "cok", "ederim", "ederiz", "size", "sana", "iyi", "hayırlı", "kolay", "olun", "ol", "kal", "kalın", "you", "a", "lot", "much", "üzere",
    "tekrar", "bilgi", "için", "aleyküm", "lütfen", "istiyorum", "bana", "gerek", "edin", "et", "var", "mı", "mi", "ben", "de", "da", "canım", "dostum", "memnun", "kaldım", "olduk", "ya", "yaa",
    "en", "yeniden", "dön", "dönelim", "her", "şeyi", "ana", "ne", "neler", "sen", "siz", "lazım", "bot", "musun", "misin", "mısın"]
    .map((word) => fold(normalize(word))),
);

const EMOJI = /\p{Extended_Pictographic}/u;

/**
 * Priority when one message mixes kinds ("teşekkürler, görüşürüz" is a goodbye, "tamam hayır" a
 * decline, "hayır teşekkürler" a polite decline: a decline with thanks, `politeDecline`).
 */
const PRIORITY: readonly SmallTalkKind[] = ["restart", "help", "goodbye", "politeDecline", "thanks", "greeting", "wish", "decline", "acknowledgement"];

/** A wave: hello or goodbye, as the conversation stands (`wish`). */
const WAVE = /\u{1F44B}/u;
/** Emoji of displeasure: a thumbs-down, angry, sad, weary or disgusted faces, a facepalm; any other emoji alone is a reaction. */
const DISPLEASURE = /[\u{1F44E}\u{1F61E}\u{1F61F}\u{1F641}\u2639\u{1F620}\u{1F621}\u{1F92C}\u{1F624}\u{1F622}\u{1F62D}\u{1F612}\u{1F644}\u{1F4A9}\u{1F629}\u{1F62B}\u{1F623}\u{1F616}\u{1F614}\u{1F615}\u{1F926}\u{1F611}\u{1F47F}\u{1F4A2}\u{1F595}\u{1F63E}\u{1F92E}\u{1F922}\u{1F625}\u{1F613}]/u;

const foldedSet = (words: readonly string[]): ReadonlySet<string> => new Set(words.map((word) => fold(normalize(word))));
/** What the customer may ask the bot to be: a bot, a person, a machine. */
const BEINGS = foldedSet(["bot", "robot", "chatbot", "insan", "yapay", "zeka", "zekâ", "makine"]);
/** The question particle that makes such a word a question ("bot musun", "insan mısınız", "yapay zeka mı"). */
const PARTICLES = foldedSet(["mi", "mı", "mu", "mü", "misin", "mısın", "musun", "müsün", "misiniz", "mısınız", "musunuz", "müsünüz"]);
/** Words that may come with the question ("sen gerçek bir insan mısın", "yoksa bot musun"). */
const IDENTITY_COMPANIONS = foldedSet(["sen", "siz", "yoksa", "gerçek", "gerçekten", "canlı", "bir", "ya", "acaba"]);

/**
 * Whether a message only asks whether the bot is a bot or a person: a being and a question
 * particle, with nothing but their companions ("bot musun", "sen insan mısın", "yoksa robot
 * mu?"). "bot" alone stays a filler of other small talk ("merhaba bot").
 */
function asksIdentity(words: readonly string[]): boolean {
  return (
    words.some((word) => BEINGS.has(word)) &&
    words.some((word) => PARTICLES.has(word)) &&
    words.every((word) => BEINGS.has(word) || PARTICLES.has(word) || IDENTITY_COMPANIONS.has(word))
  );
}

/** Classifies a message made only of small talk; returns null for anything with real content. */
export function classifySmallTalk(text: string): SmallTalkKind | null {
  const tokens = textWords(text);
  // a message of emoji alone ("👍", "🙂🙏", "😡") is a reaction
  if (tokens.length === 0) return WAVE.test(text) ? "wish" : DISPLEASURE.test(text) ? "displeasure" : EMOJI.test(text) ? "reaction" : null;
  if (tokens.length > 8) return null;
  if (asksIdentity(tokens.map((token) => collapseRepeats(fold(token))))) return "identity";
  const kinds = new Set<SmallTalkKind>();
  // folded one at a time: a real question is usually rejected at its first word
  for (const token of tokens) {
    const folded = fold(token);
    // a letter doubled for warmth (`merhabaa`, `saoll`) where the word has none (`eyvallah` has)
    const kind = SMALL_TALK_WORDS.get(folded) ?? SMALL_TALK_WORDS.get(collapseRepeats(folded));
    if (kind) kinds.add(kind);
    else if (!SMALL_TALK_FILLER.has(folded) && !SMALL_TALK_FILLER.has(collapseRepeats(folded))) return null;
  }
  if (kinds.has("decline") && kinds.has("thanks")) kinds.add("politeDecline");
  return PRIORITY.find((kind) => kinds.has(kind)) ?? null;
}
