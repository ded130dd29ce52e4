/**
 * Words customers use for the knowledge base's concepts, mapped to the word the entries use.
 * English domain terms ("customer satisfaction") and Turkish synonyms ("etken" for "faktör").
 * Keys and values are folded stems (no Turkish letters). Applied to questions and queries alike.
 */
export const SYNONYMS: ReadonlyMap<string, string> = new Map([
  // English → Turkish
  ["customer", "musteri"], ["customers", "musteri"], ["client", "musteri"],
  ["satisfaction", "memnuniyet"], ["satisfied", "memnun"], ["happy", "memnun"],
  ["loyalty", "sadakat"], ["loyal", "sadik"],
  ["experience", "deneyim"], ["relationship", "iliski"], ["relationships", "iliski"], ["relations", "iliski"],
  ["management", "yonetim"], ["complaint", "sikayet"], ["complaints", "sikayet"],
  ["difference", "fark"], ["different", "fark"], ["increase", "artir"], ["improve", "artir"],
  ["important", "onemli"], ["importance", "onemli"], ["training", "egitim"], ["communication", "iletisim"],
  ["representative", "temsilci"], ["agent", "temsilci"], ["factor", "faktor"], ["factors", "faktor"],
  ["affect", "etkile"], ["affecting", "etkile"], ["behavior", "davranis"], ["behaviour", "davranis"],
  ["consumer", "tuketici"], ["persuade", "ikna"], ["convince", "ikna"], ["sales", "satis"], ["after", "sonrasi"],
  ["score", "skor"], ["index", "endeks"], ["engagement", "baglilik"], ["brand", "marka"],
  ["principle", "prensip"], ["principles", "prensip"], ["condition", "kosul"], ["conditions", "kosul"],
  ["element", "unsur"], ["elements", "unsur"], ["standard", "standart"], ["model", "model"], ["models", "model"],
  ["definition", "tanim"], ["define", "tanim"], ["measure", "olc"], ["measurement", "olc"],
  // Turkish synonyms and common variants → the entries' word
  ["indeks", "endeks"], ["tatmin", "memnuniyet"], ["etken", "faktor"], ["ilke", "prensip"],
  ["sart", "kosul"], ["bilesen", "unsur"], ["oge", "unsur"], ["musterimiz", "musteri"],
]);

/**
 * Turkish verb roots shorter than the shortest prefix matching compares (`MIN_PREFIX_LENGTH`),
 * whose inflected forms the Snowball stemmer leaves whole (`ölçerim`, `ölçülür`, `ölçebilirim`,
 * `ölçmek`): every word that starts with one of these, folded, is that root. Only roots whose
 * every continuation is the same word family belong here (`ölç-`: ölçmek, ölçüm, ölçü, ölçek,
 * ölçüt); `art-` does not (`artık`, "any more").
 */
export const SHORT_ROOTS: readonly string[] = ["olc"];
