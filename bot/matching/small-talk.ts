import { collapseRepeats, fold, normalize, textWords } from "./analysis";

/** Kinds of small talk the bot answers itself instead of searching the knowledge base. */
/**
 * `acknowledgement`: "tamam", "ok", "evet", "hayır", "👍": a reaction that asks nothing. `wish`:
 * "iyi günler", "kolay gelsin", "iyi çalışmalar", "👋": greets at a conversation's start and
 * closes it at its end, so the bot reads it by where the conversation stands. `restart`:
 * "baştan başla", "başa dön", "sıfırla": the customer leaves whatever was asked of them (a
 * comment, a survey, a complaint's description) and starts again.
 */
export type SmallTalkKind = "greeting" | "thanks" | "goodbye" | "help" | "acknowledgement" | "wish" | "restart";

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
  ...phrases("acknowledgement", ["tamam", "tmm", "tamamdır", "ok", "okey", "okay", "evet", "peki", "anladım", "anlaşıldı", "aynen", "olur", "oldu", "güzel", "hı", "hıhı", "he", "yes",
    // a "no" to nothing asked (a question asked gets its answer before small talk is read)
    "hayır", "yok", "istemiyorum", "no"]),
]);

/** Words that may accompany small talk without making it a question. */
const SMALL_TALK_FILLER: ReadonlySet<string> = new Set(
  ["çok", "cok", "ederim", "ederiz", "size", "sana", "iyi", "hayırlı", "kolay", "olun", "ol", "kal", "kalın", "you", "a", "lot", "much", "üzere",
    "tekrar", "bilgi", "için", "aleyküm", "lütfen", "istiyorum", "bana", "gerek", "edin", "et", "var", "mı", "mi", "ben", "de", "da", "canım", "dostum", "memnun", "kaldım", "olduk", "ya", "yaa",
    "en", "yeniden", "dön", "dönelim", "her", "şeyi", "ana", "ne", "neler", "sen", "siz", "lazım", "bot", "musun", "misin", "mısın"]
    .map((word) => fold(normalize(word))),
);

const EMOJI = /\p{Extended_Pictographic}/u;

/** Priority when one message mixes kinds ("teşekkürler, görüşürüz" is a goodbye). */
const PRIORITY: readonly SmallTalkKind[] = ["restart", "help", "goodbye", "thanks", "greeting", "wish", "acknowledgement"];

/** A wave: hello or goodbye, as the conversation stands (`wish`); any other emoji alone is a reaction. */
const WAVE = /\u{1F44B}/u;

/** Classifies a message made only of small talk; returns null for anything with real content. */
export function classifySmallTalk(text: string): SmallTalkKind | null {
  const tokens = textWords(text);
  // a message of emoji alone ("👍", "🙂🙏") is a reaction
  if (tokens.length === 0) return WAVE.test(text) ? "wish" : EMOJI.test(text) ? "acknowledgement" : null;
  if (tokens.length > 8) return null;
  const kinds = new Set<SmallTalkKind>();
  // folded one at a time: a real question is usually rejected at its first word
  for (const token of tokens) {
    const folded = fold(token);
    // a letter doubled for warmth (`merhabaa`, `saoll`) where the word has none (`eyvallah` has)
    const kind = SMALL_TALK_WORDS.get(folded) ?? SMALL_TALK_WORDS.get(collapseRepeats(folded));
    if (kind) kinds.add(kind);
    else if (!SMALL_TALK_FILLER.has(folded) && !SMALL_TALK_FILLER.has(collapseRepeats(folded))) return null;
  }
  return PRIORITY.find((kind) => kinds.has(kind)) ?? null;
}
