import { fold, normalize, textWords } from "./analysis";

/** Kinds of small talk the bot answers itself instead of searching the knowledge base. */
/**
 * `acknowledgement`: "tamam", "ok", "evet", "👍": a reaction that asks nothing. `restart`:
 * "baştan başla", "başa dön", "sıfırla": the customer leaves whatever was asked of them (a
 * comment, a survey, a complaint's description) and starts again.
 */
export type SmallTalkKind = "greeting" | "thanks" | "goodbye" | "help" | "acknowledgement" | "restart";

const phrases = (kind: SmallTalkKind, words: readonly string[]): Array<[string, SmallTalkKind]> =>
  words.map((word) => [fold(normalize(word)), kind]);

/** Single words that carry small talk, folded. */
const SMALL_TALK_WORDS: ReadonlyMap<string, SmallTalkKind> = new Map([
  ...phrases("greeting", ["merhaba", "merhabalar", "selam", "selamlar", "slm", "mrb", "günaydın", "hey", "hi", "hello", "nasılsın", "nasılsınız", "naber", "selamünaleyküm", "aleykümselam", "selamün"]),
  ...phrases("thanks", ["teşekkürler", "teşekkür", "teşekkürler", "tşk", "tşkler", "tesekkurler", "sağol", "sağolun", "sağ", "eyvallah", "thanks", "thank", "mersi", "süper", "harika"]),
  ...phrases("goodbye", ["görüşürüz", "hoşçakal", "hoşça", "hoşçakalın", "güle", "bye", "hoşcakal", "bay", "baybay", "görüşmek"]),
  ...phrases("help", ["yardım", "help", "menü", "menu", "komutlar"]),
  ...phrases("restart", ["baştan", "başa", "başla", "başlat", "başlayalım", "sıfırla", "sıfırlayalım", "restart", "reset"]),
  ...phrases("acknowledgement", ["tamam", "tmm", "tamamdır", "ok", "okey", "okay", "evet", "peki", "anladım", "anlaşıldı", "aynen", "olur", "güzel", "hı", "hıhı", "he", "yes"]),
]);

/** Words that may accompany small talk without making it a question. */
const SMALL_TALK_FILLER: ReadonlySet<string> = new Set(
  ["çok", "cok", "ederim", "ederiz", "size", "sana", "iyi", "günler", "akşamlar", "geceler", "olun", "ol", "kal", "kalın", "you", "a", "lot", "much", "üzere",
    "tekrar", "bilgi", "için", "aleyküm", "lütfen", "istiyorum", "bana", "gerek", "edin", "et", "var", "mı", "mi", "ben", "de", "da", "canım", "dostum", "memnun", "kaldım", "olduk", "ya", "yaa",
    "en", "yeniden", "dön", "dönelim", "her", "şeyi"]
    .map((word) => fold(normalize(word))),
);

const EMOJI = /\p{Extended_Pictographic}/u;

/** Priority when one message mixes kinds ("teşekkürler, görüşürüz" is a goodbye). */
const PRIORITY: readonly SmallTalkKind[] = ["restart", "help", "goodbye", "thanks", "greeting", "acknowledgement"];

/** Classifies a message made only of small talk; returns null for anything with real content. */
export function classifySmallTalk(text: string): SmallTalkKind | null {
  const tokens = textWords(text);
  // a message of emoji alone ("👍", "🙂🙏") is a reaction
  if (tokens.length === 0) return EMOJI.test(text) ? "acknowledgement" : null;
  if (tokens.length > 8) return null;
  const kinds = new Set<SmallTalkKind>();
  // folded one at a time: a real question is usually rejected at its first word
  for (const token of tokens) {
    const folded = fold(token);
    const kind = SMALL_TALK_WORDS.get(folded);
    if (kind) kinds.add(kind);
    else if (!SMALL_TALK_FILLER.has(folded)) return null;
  }
  return PRIORITY.find((kind) => kinds.has(kind)) ?? null;
}
