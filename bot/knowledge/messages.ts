/**
 * Every error and warning about knowledge files, in Turkish: the texts editors read in
 * `npm run kb:check`, the server logs and `/healthz`. They live here alone so that editors and
 * translators have one place to read and change them; the code that finds the problems stays
 * English. Field names (`question`, `alternates`…) and syntax (`---`, `# ?`) are quoted as written.
 */
import type { ErrorCode, YAMLError } from "yaml";
import type { IgnoredReason } from "./loader";

/** Markdown entries (`parse-markdown.ts`). */
export const MARKDOWN = {
  noFrontMatter: 'soru bilgileri yok: dosya "---" satırıyla başlamalı, ardından "question: …" satırı, sonra yine "---" satırı gelmeli; cevap en alta yazılır',
  noClosingLine: 'soru bilgilerini kapatan "---" satırı yok: alanlardan sonra, cevaptan önce tek başına bir "---" satırı yazın',
  notKeyValue: (keys: readonly string[]) => `"---" satırları arasında yalnızca "alan: değer" satırları olabilir (${keys.join(", ")})`,
  unknownKey: (key: string, suggestion: string | undefined, keys: readonly string[]) =>
    `tanınmayan alan "${key}"${suggestion ? ` ("${suggestion}" mı demek istediniz?)` : ""}; kullanılabilen alanlar: ${keys.join(", ")}`,
  notSingleLine: (key: string) => `"${key}" tek satırlık bir metin olmalı`,
  notList: (key: string) => `"${key}" bir metin listesi olmalı: her öğe alt satırda "  - …" biçiminde`,
  emptyItem: (key: string) => `"${key}" listesinde boş bir öğe var: silin ya da doldurun`,
  itemNotText: (key: string) => `"${key}" listesinin öğeleri düz metin olmalı`,
  notBoolean: (key: string) => `"${key}" yalnızca true (evet) ya da false (hayır) olabilir`,
  badRelatedItem: '"related" öğesi bir girdi id\'si olmalı, ya da "- id: …" ve altında isteğe bağlı "title: …" (buton yazısı)',
  noQuestion: '"question" satırı yok: soruyu "question: …" diye yazın',
  emptyQuestion: '"question" boş: soruyu yazın',
  emptyId: '"id" boş: dosya adının kullanılması için bu satırı silin',
  emptySource: '"source" boş: çiftin kaynağını yazın (ör. Editorial) ya da bu satırı silin',
  badId: (id: string) => `"${id}" id olarak kullanılamaz: yalnızca küçük harf (a-z), rakam ve tire kullanın (ör. "musteri-deneyimi")`,
  noAnswer: 'cevap yok: cevabı kapanış "---" satırının altına yazın',
  onlyComment: 'cevap yalnızca bir açıklamadan ("<!-- … -->") oluşuyor, müşteriye gösterilecek metin yok: cevabı açıklamanın dışına yazın',
  shortAnswer: (chars: number) => `cevap çok kısa (${chars} karakter): kullanıcıya yardımcı olacak birkaç cümle yazın`,
} as const;

/** Both formats. */
export const ENTRY = {
  noAlternates: "alternatif soru yok: aynı sorunun birkaç başka soruluş biçimini ekleyin",
  longAnswer: (chars: number, max: number) =>
    `cevap çok uzun (${chars} karakter; ${max} karakterden uzun cevapları Teams ve başka kanallar iletmeyebilir): cevabı kısaltın ya da birkaç girdiye bölüp "related" ile bağlayın`,
} as const;

/** Bot Framework `.qna` files (`parse-qna.ts`). */
export const QNA = {
  emptyQuestion: '"# ?" satırında soru yok',
  intentSkipped: (name: string) => `LU niyet bölümü "${name}" atlandı: Memnun yalnızca "# ? soru" çiftlerini okur`,
  luDefinitionSkipped: (text: string) => `LU tanımı atlandı: "${text}"`,
  urlNotFetched: (target: string) =>
    `${target} indirilmiyor: QnA Maker soruları sayfalardan ve belgelerden çıkarırdı; onları buraya "# ? soru" çiftleri olarak yazın`,
  importNotFollowed: (target: string) =>
    `"${target}" içe aktarılmıyor: bilgi klasöründeki her .qna ve .md dosyası kendi başına okunur; o dosyayı klasöre koyun`,
  luNotRead: (target: string) =>
    `"${target}" içe aktarılmıyor: .lu dosyaları LU modelidir; Memnun yalnızca .qna ve .md dosyalarındaki soru-cevap çiftlerini okur`,
  documentNotRead: (target: string) =>
    `"${target}" belgesi okunmuyor: QnA Maker belgelerden soru çıkarırdı, Memnun belge okumaz; belgedeki soruları buraya "# ? soru" çiftleri olarak yazın`,
  referenceNotFollowed: (text: string) => `başvuru tanımı okunmuyor: "${text}"`,
  answerOutsideQuestion: 'cevap bloğu bir sorunun altında değil: çifti "# ? soru" satırıyla başlatın',
  unclosedAnswer: (marker: string) => `${marker} ile açılan cevap bloğu kapatılmamış: cevabın sonuna ${marker} satırı ekleyin`,
  secondAnswer: "bu sorunun ikinci bir cevap bloğu var: tek cevap bloğu olmalı",
  utteranceReference: (value: string) => `"${value}" alternatifi başka bir dosyadaki ifadelere başvuruyor ve okunmuyor: soruları buraya yazın`,
  badFilter: 'filtre "- ad = değer" biçiminde olmalı',
  badPrompt: 'takip sorusu "- [buton yazısı](#?soru)" ya da "- [buton yazısı](#id)" biçiminde olmalı',
  listItemAfterAnswer: 'cevaptan sonra beklenmedik bir liste öğesi: burada yalnızca **Filters:**, **Prompts:** ya da yeni bir "# ? soru" olabilir',
  strayLine: (text: string) => `bu satır anlaşılamadı: "${text}"`,
  noAnswer: (question: string) => `"${question}" sorusunun cevabı yok: cevabı \`\`\` satırları arasına yazın`,
  repeatedQuestion: (firstLine: number) => `aynı soru ${firstLine}. satırda da var: bf-lu gibi ikisi de tutulur, bot hangisinin kastedildiğini sorar`,
} as const;

/** `synonyms.yaml` and `.qna` alterations (`parse-synonyms.ts`). */
export const SYNONYMS = {
  notList: 'dosya bir liste olmalı: her satır "- [kelime, eş anlamlısı, …]" biçiminde bir grup',
  /** An empty file is more often a failed save or a truncation than a wish: refused, so the last good groups stay. */
  empty:
    'dosya boş ya da yalnızca açıklama satırları var: grupları "- [kelime, eş anlamlısı, …]" satırları olarak yazın; eş anlamlı grubu istemiyorsanız dosyayı silin',
  groupNotList: 'her grup bir kelime listesi olmalı, ör. "- [memnuniyet, tatmin]"',
  memberNotText: "grubun her öğesi düz bir kelime ya da kısa ifade olmalı",
  emptyMember: "boş kelime: gruptan silin ya da bir kelime yazın",
  tooManyWords: (text: string, count: number, max: number) =>
    `"${text}" ${count} kelime; eş anlamlılar en fazla ${max} kelimelik kısa ifadeler olmalı (soruları girdinin alternates listesine yazın)`,
  twiceInGroup: (text: string) => `"${text}" aynı grupta iki kez yazılmış`,
  tooFewMembers: "bir grupta en az iki kelime olmalı",
  /** A group of one member of several words: the commas between them were probably forgotten. */
  tooFewMembersCommas: (text: string) =>
    `bir grupta en az iki kelime olmalı; bu grupta yalnızca "${text}" var: kelimeleri ve ifadeleri virgülle ayırın, ör. "- [iade, geri gönderme]"`,
  /** Appended to a problem in an imported `.qna` alteration, which is then left out rather than refused. */
  memberLeftOut: (message: string) => `${message}; bu kelime kullanılmıyor`,
  groupLeftOut: "bir grupta en az iki kelime olmalı; bu grup kullanılmıyor",
  inTwoGroupsOfFile: (text: string, firstLine: number) =>
    `"${text}" iki grupta: ${firstLine}. satırdaki grupta da var; bir kelime yalnızca bir grupta olabilir`,
  inTwoGroups: (text: string, where: string) => `"${text}" iki grupta: ${where} grubunda da var; bir kelime yalnızca bir grupta olabilir`,
} as const;

/** Files of the bot's own texts, `cases.yaml` and `bot.yaml` (`parse-texts.ts`). Keys are quoted as written. */
export const TEXTS_FILE = {
  /** An empty file is more often a failed save or a truncation than a wish: refused, so the last good texts stay. */
  empty:
    'dosya boş ya da yalnızca açıklama satırları var: metinleri "anahtar: metin" satırları olarak yazın; yerleşik metinlerin kullanılmasını istiyorsanız dosyayı silin',
  notMapping: (example: string) => `dosya "anahtar: metin" satırlarından oluşmalı, ör. "${example}"`,
  unknownKey: (key: string, suggestion: string | undefined, keys: readonly string[]) =>
    `bilinmeyen anahtar "${key}"${suggestion ? ` ("${suggestion}" mı demek istediniz?)` : ""}; geçerli anahtarlar: ${keys.join(", ")}`,
  twice: (key: string, firstLine: number) => `"${key}" iki kez yazılmış (ilki ${firstLine}. satırda)`,
  noText: (key: string) => `"${key}" için bir metin yazın`,
  placeholderMissing: (name: string) => `{${name}} eksik`,
  placeholderUnknown: (name: string, allowed: readonly string[]) =>
    `{${name}} tanınmıyor${allowed.length > 0 ? ` (kullanılabilenler: ${allowed.map((a) => `{${a}}`).join(", ")})` : "; bu metinde süslü parantezli yer kullanılamaz"}`,
  buttonPrefix: (prefixes: readonly string[]) => `düğme metni ${prefixes.map((p) => `"${p}"`).join(" ya da ")} ile başlamalı`,
  tooLong: (max: number, length: number, why: string) => `en çok ${max} karakter olabilir, bu metin ${length} karakter (${why})`,
  /** One key's problems, together on its line. */
  problems: (key: string, problems: readonly string[]) => `"${key}": ${problems.join("; ")}`,
  missingKeys: (keys: readonly string[]) => `eksik anahtarlar için yerleşik metinler kullanılıyor: ${keys.join(", ")}`,
} as const;

/** Comments `kb:import` writes into `synonyms.yaml` (`convert.ts`). */
export const CONVERT = {
  synonymsHeader: "Her satır bir eş anlamlılar grubudur. Bot, gruptaki her kelimeyi ilk kelime gibi anlar.",
  appendedFrom: (origin: string) => `${origin} dosyasından eklendi (npm run kb:import)`,
} as const;

/** Why a text of `bot.yaml` is limited in length. */
export const BOT_TEXTS = {
  teamsLimit: "Teams uygulama paketi daha uzun bir metni kabul etmez",
} as const;

/** Problems across files and with the folder (`loader.ts`). `where` is `file:line` of the other place. */
export const LOADER = {
  duplicateId: (id: string, where: string) => `"${id}" id'si başka bir girdide de kullanılıyor (${where}); her girdinin id'si farklı olmalı`,
  sameQuestion: (where: string, question: string) => `aynı soru başka bir girdide de var: ${where} ("${question}")`,
  relatedToItself: '"related" girdinin kendisini gösteriyor',
  relatedToNothing: (id: string) => `"related" içindeki "${id}" adında bir girdi yok`,
  promptToNothing: (question: string) => `takip sorusu "${question}" hiçbir soruya ya da alternatife uymuyor`,
  /** A link that may be resolved once a refused file is fixed; `files` names them. */
  maybeInBrokenFile: (message: string, files: readonly string[]) =>
    `${message}; hatalı bir dosyada olabilir (${files.join(", ")}): o dosya düzeltilene kadar bu bağlantı gösterilmiyor`,
  unreachable: 'yalnızca takip sorusu olarak sunuluyor (contextOnly), ama hiçbir girdinin "related" listesinde yok: hiç gösterilemez',
  /** A file the bot does not read although its name says an editor probably meant it to be read. */
  ignored: (reason: IgnoredReason): string => {
    switch (reason.kind) {
      case "nested-texts":
        return `bu dosya okunmuyor: botun kendi metinleri yalnızca bilgi klasörünün en üstündeki ${reason.name} dosyasından okunur; metinleri oraya taşıyıp bu dosyayı silin`;
      case "second-texts":
        return `bu dosya okunmuyor: botun metinleri ${reason.read} dosyasından okunuyor; ikisinden birini silin`;
      case "txt-appended":
        return `bu dosya okunmuyor: adının sonuna ".txt" eklenmiş (Not Defteri "Metin Belgeleri" türüyle kaydedince ekler); dosyayı "${reason.rename}" olarak yeniden adlandırın ("Farklı Kaydet"te "Kayıt türü: Tüm Dosyalar" seçin)`;
      case "markdown-extension":
        return `bu dosya okunmuyor: bot Markdown girdilerini yalnızca .md uzantısıyla okur; dosyayı "${reason.rename}" olarak yeniden adlandırın`;
      case "plain-text":
        return `bu dosya okunmuyor: bot yalnızca .md ve .qna dosyalarındaki soru-cevapları okur; bu bir girdiyse dosyayı "${reason.rename}" olarak yeniden adlandırın`;
      case "other-yaml":
        return "bu dosya okunmuyor: bot yalnızca synonyms.yaml, cases.yaml ve bot.yaml adlı YAML dosyalarını okur; adını denetleyin";
    }
  },
  folderNotFound: (dir: string) => `bilgi klasörü bulunamadı: ${dir}`,
  folderUnreadable: (detail: string) => `bilgi klasörü okunamıyor: ${detail}`,
  /** A folder inside the knowledge folder; its files keep their last good versions. */
  subfolderUnreadable: (detail: string) =>
    `klasör okunamıyor: ${detail}; içindeki dosyalar okunamadı, son hatasız sürümleri sunuluyor (klasörün izinlerini düzeltin: bot klasörü ve içindekileri okuyabilmeli)`,
  noFiles: "klasörde hiç bilgi dosyası (.md ya da .qna) yok",
  tooLarge: (kb: number, limitKb: number) =>
    `dosya ${kb} KB; dosya başına sınır ${limitKb} KB (KNOWLEDGE_MAX_FILE_KB): dosyayı daha küçük dosyalara bölün`,
  fileUnreadable: (detail: string) => `dosya okunamıyor: ${detail}`,
  /**
   * Two entries whose questions read the same (kb:check): "did you mean" tells them apart by
   * `first` and `second`, the labels its buttons show (`choiceLabels`).
   */
  sameQuestionText: (where: string, first: string, second: string) =>
    `soru metni ${where} girdisininkiyle aynı: "Bunu mu demek istediniz?" sorusunda ikisi "${first}" ve "${second}" diye ayırt edilir; müşterinin doğru seçeneği kolayca bulması için soruları farklı yazın`,
  /** The same, with the same answer too: "did you mean" offers one of them (kb:check). */
  sameQuestionAndAnswer: (where: string) =>
    `soru metni ve cevabı ${where} girdisininkiyle aynı: "Bunu mu demek istediniz?" sorusunda ikisinden yalnızca biri sunulur; birini silin ya da iki girdiyi birleştirin`,
  /** Two entries each of which the matcher would give the other's questions (kb:check). */
  compete: (other: string, otherQuestion: string) =>
    `bu girdi ile ${other} ("${otherQuestion}") birbirinin sorularını alıyor: soruları onları ayıran kelimelerle yazın ya da iki girdiyi birleştirin`,
} as const;

const SAVE_AS_UTF8 =
  'dosyayı "UTF-8" kodlamasıyla yeniden kaydedin (Not Defteri\'nde "Farklı Kaydet" penceresinde "Kodlama: UTF-8"; VS Code\'da sağ alttaki kodlama adına tıklayıp UTF-8 ile kaydedin); Türkçe harfler korunur';

/** How many further lines of the file have the same problem, when any do. */
function moreLines(more: number): string {
  return more > 0 ? ` (dosyada ${more} satırda daha)` : "";
}

/**
 * A file's bytes and characters (`encoding.ts`): files saved as Notepad's "ANSI" (Windows-1254)
 * or "Unicode" (UTF-16), and invisible characters pasted in from other programs.
 */
export const ENCODING = {
  notUtf8: `dosya UTF-8 değil: bu satırda UTF-8 olmayan bir bayt var (ör. Not Defteri'nin "ANSI" kaydı; Türkçe harfler okunamaz); ${SAVE_AS_UTF8}`,
  utf16: `dosya UTF-16 ("Unicode") olarak kaydedilmiş, UTF-8 değil; ${SAVE_AS_UTF8}`,
  /** `more`: how many further lines hold such a character. */
  nul: (more: number) =>
    `görünmeyen NUL (U+0000) karakteri var${moreLines(more)}: dosya UTF-16 ("Unicode") olarak kaydedildiyse ${SAVE_AS_UTF8}; değilse bu karakteri silin (satırı silip yeniden yazmak en kolayı)`,
  control: (code: string, more: number) =>
    `görünmeyen bir denetim karakteri (${code}) var${moreLines(more)}: başka bir programdan kopyalanırken gelmiş olabilir; bu karakteri silin (görünmediği için satırı silip yeniden yazmak en kolayı)`,
  replacement: (more: number) =>
    `"\uFFFD" (U+FFFD) karakteri var${moreLines(more)}: burada bir harf kaybolmuş; dosya UTF-8 değilse (ör. Not Defteri'nin "ANSI" kaydı) ${SAVE_AS_UTF8}; UTF-8 ise harf, dosya bir kez yanlış kodlamayla açılıp kaydedilirken kaybolmuştur, yeniden yazın`,
} as const;

/** A system error's code in words (`EACCES` …), for folder and file read errors; other codes are shown as they are. */
export function systemErrorText(code: string | undefined, fallback: string): string {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "okuma izni yok";
    case "ENOTDIR":
      return "bir klasör değil";
    case "EISDIR":
      return "bir klasör, dosya değil";
    case "EMFILE":
    case "ENFILE":
      return "aynı anda açık dosya sınırına ulaşıldı";
    case "EIO":
      return "disk okuma hatası";
    default:
      return code ?? fallback;
  }
}

/** The `kb:check` report: one line per problem, then a summary. */
/** Why `kb:recommend --apply` left a file alone (`edit.ts`). */
export const EDIT = {
  notMarkdown: "yalnızca Markdown girdileri düzenlenir; bunları .qna dosyasına elle ekleyin",
  noFrontMatter: 'soru bilgileri yok (dosya "---" satırıyla başlamıyor)',
  frontMatterUnreadable: (detail: string) => `soru bilgileri okunamadı: ${detail}`,
} as const;

export const CHECK = {
  errorLabel: "hata  ",
  warningLabel: "uyarı ",
  summary: (label: string, files: number, entries: number, synonymGroups: number, errors: number, warnings: number) =>
    `${label}: ${files} dosya, ${entries} girdi, ` +
    (synonymGroups > 0 ? `${synonymGroups} eş anlamlı grubu, ` : "") +
    `${errors} hata, ${warnings} uyarı` +
    (errors === 0 ? " — tamam" : " — yukarıdaki hataları düzeltin; bot diğer dosyaları sunar, hatalı dosyaların son hatasız sürümünü korur"),
} as const;

const YAML_PREFIX = "YAML okunamadı";
const QUOTE_IT = "değeri tırnak içine alın";

/** Turkish for each error code of the `yaml` package; the compiler checks that every `ErrorCode` has one. */
const YAML_BY_CODE: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: `"*" ile başlayan değer YAML'da özel anlam taşır; ${QUOTE_IT}`,
  BAD_ALIAS: `"*" ya da "&" ile başlayan değer YAML'da özel anlam taşır; ${QUOTE_IT}`,
  BAD_DIRECTIVE: `"%" ile başlayan satır YAML yönergesi sayılıyor; ${QUOTE_IT}`,
  BAD_DQ_ESCAPE: 'çift tırnak içinde tanınmayan bir "\\" kaçışı var; değeri tek tırnak içine alın ya da "\\\\" yazın',
  BAD_INDENT: 'girinti hatalı: aynı düzeydeki satırlar aynı sütundan başlamalı, "[" ile açılan liste "]" ile kapanmalı',
  BAD_PROP_ORDER: `"&" ya da "!" işareti yanlış yerde; ${QUOTE_IT}`,
  BAD_SCALAR_START: `değer YAML'da özel anlamı olan bir işaretle başlıyor (@, \`, % gibi); ${QUOTE_IT}`,
  BLOCK_AS_IMPLICIT_KEY: `değerin içinde ": " var ya da satır fazla girintili; değerde ":" varsa ${QUOTE_IT} (ör. question: "CRM: nedir?")`,
  BLOCK_IN_FLOW: 'köşeli parantez içinde "- " ya da "ad: değer" yazılamaz; öğeleri virgülle ayırın',
  DUPLICATE_KEY: "aynı alan iki kez yazılmış; birini silin",
  IMPOSSIBLE: "YAML yapısı çözümlenemedi; bu satırı ve girintisini kontrol edin",
  KEY_OVER_1024_CHARS: 'alan adı çok uzun; satır "alan: değer" biçiminde olmalı',
  MISSING_CHAR: 'bir işaret eksik (kapanış tırnağı, virgül, ":" ya da "-")',
  MULTILINE_IMPLICIT_KEY: `her satır "alan: değer" ya da "  - öğe" biçiminde olmalı; uzun bir değeri tek satıra yazın ya da ${QUOTE_IT}`,
  MULTIPLE_ANCHORS: `bir değerde birden çok "&" işareti var; ${QUOTE_IT}`,
  MULTIPLE_DOCS: 'ikinci bir "---" satırı var; her dosyada tek bir YAML bölümü olabilir',
  MULTIPLE_TAGS: `bir değerde birden çok "!" işareti var; ${QUOTE_IT}`,
  NON_STRING_KEY: "alan adı düz bir metin olmalı",
  RESOURCE_EXHAUSTION: 'çok fazla "*" başvurusu açılıyor; değerleri düz yazın',
  TAB_AS_INDENT: "girintide sekme (Tab) karakteri var; girinti için boşluk kullanın",
  TAG_RESOLVE_FAILED: `"!" ile başlayan değer YAML etiketi sayılıyor; ${QUOTE_IT}`,
  UNEXPECTED_TOKEN: `beklenmedik bir işaret var; değerde özel karakterler (: # * & ! | >) varsa ${QUOTE_IT}, yoksa girintiyi kontrol edin`,
  BAD_COLLECTION_TYPE: '"!" etiketi bu değerin türüne uymuyor; etiketi silin',
};

/** Finer texts for some library messages of one code, checked in order before the code's own text. */
const YAML_BY_MESSAGE: ReadonlyArray<{ code: ErrorCode; pattern: RegExp; text: string }> = [
  { code: "BAD_INDENT", pattern: /end with a \]/, text: '"[" ile açılan liste kapatılmamış: listenin sonuna "]" ekleyin' },
  { code: "BAD_INDENT", pattern: /end with a \}/, text: '"{" ile açılan bölüm kapatılmamış: sonuna "}" ekleyin' },
  { code: "MISSING_CHAR", pattern: /closing ["']quote/, text: "açılan tırnak kapatılmamış: değerin sonuna aynı tırnağı ekleyin" },
  { code: "MISSING_CHAR", pattern: /followed by map values/, text: 'alan adından sonra ":" ve bir değer gelmeli' },
  { code: "MISSING_CHAR", pattern: /^Missing , /, text: "köşeli parantez içindeki öğeler virgülle ayrılmalı" },
  { code: "MISSING_CHAR", pattern: /^Missing space after :/, text: '":" işaretinden sonra bir boşluk bırakın' },
  { code: "MISSING_CHAR", pattern: /Comments must be separated/, text: `"#" işaretinden önce boşluk olmalı (ya da ${QUOTE_IT})` },
  { code: "MISSING_CHAR", pattern: /without - indicator/, text: 'liste öğesinin başında "- " yok' },
  { code: "UNEXPECTED_TOKEN", pattern: /Block scalar header/, text: '"|" ya da ">" işaretinden sonra aynı satıra yazı yazılamaz; metni alt satırlara yazın' },
  { code: "UNEXPECTED_TOKEN", pattern: /^Unexpected , /, text: "köşeli parantez içinde fazladan bir virgül var" },
  { code: "UNEXPECTED_TOKEN", pattern: /empty item/, text: "köşeli parantez içinde boş bir öğe var" },
];

/**
 * A `yaml` parse error in Turkish: `YAML okunamadı: …`, by the error's code. A code this
 * module does not know (a newer `yaml`) keeps the library's first line in parentheses.
 */
export function yamlErrorMessage(error: Readonly<Pick<YAMLError, "message">> & { readonly code: string }): string {
  const detail = error.message.split("\n")[0] ?? "";
  const specific = YAML_BY_MESSAGE.find((rule) => rule.code === error.code && rule.pattern.test(detail));
  // a newer yaml may report a code this table does not have yet
  const byCode: Readonly<Partial<Record<string, string>>> = YAML_BY_CODE;
  const text = specific?.text ?? byCode[error.code];
  return text === undefined ? `${YAML_PREFIX} (${detail})` : `${YAML_PREFIX}: ${text}`;
}
