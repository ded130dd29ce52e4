import type { Alert } from "../cases/alerts";
import type { MaskPlaceholders } from "../cases/contact";
import type { BotTexts } from "../knowledge/parse-bot-texts";
import type { CaseTexts } from "../knowledge/parse-case-texts";
import { turkishDateTime } from "../feedback/time-zone";

/** The help text's sentences before its topic buttons. */
const HELP = [
  "**Nasıl yardımcı olabilirim?**",
  "Sorunuzu kendi cümlelerinizle yazmanız yeterli; Türkçe karakter kullanmasanız ya da küçük yazım hataları yapsanız da anlamaya çalışırım.",
  "Her cevaptan sonra cevabı puanlayabilirsiniz; görüşleriniz cevapları iyileştirmemize yardımcı olur.",
  "Yarım kalan bir adımı bırakıp yeniden başlamak için **baştan başla** yazabilirsiniz.",
] as const;

/** How to rate where there are no buttons: the scale and its ends. */
const TYPED_RATING_SCALE = "1–5 arası bir sayı yazın (1 = hiç, 5 = çok).";

/**
 * Bot Framework channel ids as operators know them; others are shown as they are. The two
 * web chats are one kind told apart by where the page lives (`webchat`: the Web Chat Azure
 * hosts; `directline`: this server's chat page, or any Direct Line client); product names
 * stay as their makers write them. The one list of them: the dashboard, the cases page and the
 * Teams and Slack alerts (`channelName`) all read it.
 */
const CHANNEL_NAMES = {
  webchat: "Web sohbeti (Azure'da barındırılan)",
  directline: "Web sohbeti (sohbet sayfası, Direct Line)",
  msteams: "Microsoft Teams",
  emulator: "Bot Framework Emulator",
  sms: "SMS",
  email: "E-posta",
  telephony: "Telefon",
  test: "Test",
  unknown: "bilinmiyor (kanal kaydedilmeden önce)",
} as const;

/** A channel id as operators know it (`CHANNEL_NAMES`); an id not in the list as it is. */
export function channelName(id: string): string {
  const names: Readonly<Record<string, string>> = CHANNEL_NAMES;
  return Object.hasOwn(names, id) ? (names[id] ?? id) : id;
}

/**
 * Every Turkish sentence a user can see. Nothing else in the code base writes user-facing text,
 * so editors and translators have one place to look.
 */
export const TEXTS = Object.freeze({
  /**
   * Built-in texts the bot presents itself with, used only where `knowledge/bot.yaml` leaves a
   * key out (or is missing): they say what the bot answers about, so editors own them there.
   * These name no topic, so that a knowledge base of any subject is greeted fittingly.
   */
  bot: {
    welcome: "Merhaba, ben **Memnun** 👋\n\nSorularınızı bilgi bankamızdaki bilgilerle yanıtlıyorum.",
    greeting: "Merhaba! 😊 Size nasıl yardımcı olabilirim? Sorunuzu yazmanız yeterli.",
    pageTitle: "Memnun – Soru-cevap asistanı",
    pageHeading: "Memnun",
    pageIntro: "Sorunuzu yazın; bilgi bankamızdaki bilgilerle yanıtlayayım.",
    teamsShortName: "Memnun",
    teamsFullName: "Memnun – Soru-cevap asistanı",
    teamsShortDescription: "Sorularınızı şirketinizin bilgi bankasından yanıtlar.",
    teamsFullDescription:
      "Memnun, sorularınızı şirketinizin bilgi bankasından yanıtlar. Her cevabı 1–5 arası puanlayabilir, eksik bulduğunuz noktaları yazabilirsiniz; görüşleriniz cevapları iyileştirmek için kullanılır.",
  } satisfies BotTexts,
  /** The welcome: its start (`bot.welcome`), an example question from the knowledge base when it has one, and how to get help. */
  welcome: (start: string, topics: readonly string[]): string =>
    [start, topics.length > 0 ? `Örneğin şunu sorabilirsiniz: _${topics[0]}_` : "", "Yardım için istediğiniz zaman **yardım** yazabilirsiniz."]
      .filter((line) => line !== "")
      .join("\n\n"),
  /** Followed by topic buttons spread across the knowledge base. */
  help: [...HELP, "Yanıtlayabildiğim konulardan bazıları:"].join("\n\n"),
  /** Help where the knowledge base has no topic to offer: no sentence announces buttons that do not follow. */
  helpNoTopics: HELP.join("\n\n"),
  /**
   * "baştan başla": whatever was asked of the customer (a comment, a survey question, a
   * complaint's description) is dropped; followed by topic buttons spread across the knowledge base.
   */
  restarted: "Tamam, baştan başlayalım. 🙂 Sorunuzu yazabilir ya da şu konulardan birini seçebilirsiniz:",
  /** The restart where the knowledge base has no topic to offer. */
  restartedNoTopics: "Tamam, baştan başlayalım. 🙂 Sorunuzu yazabilirsiniz.",
  /** Sent when a turn fails unexpectedly; never includes error details. */
  turnError: "Üzgünüm, bir sorun oluştu. Lütfen sorunuzu birazdan tekrar yazar mısınız?",
  emptyMessage: "Sorunuzu yazarsanız yardımcı olmaya çalışırım.",
  messageTooLong: (limit: number): string =>
    `Mesajınız biraz uzun oldu. Sorunuzu ${limit} karakteri geçmeyecek şekilde kısaltır mısınız?`,
  /** A comment on a low rating over the length limit: it stays asked for. */
  commentTooLong: (limit: number): string =>
    `Yorumunuz biraz uzun oldu. ${limit} karakteri geçmeyecek şekilde kısaltıp yeniden yazar mısınız?`,
  slowDown: "Çok hızlı mesaj gönderiyorsunuz. Lütfen biraz bekleyip tekrar yazın. 🙏",
  /** A turn that kept meeting other turns of the same conversation (several instances) and was given up; nothing of it was said. */
  turnConflict: "Mesajınız aynı anda gelen başka mesajlarınızla çakıştı ve işleyemedim. Lütfen yeniden gönderir misiniz?",
  nonText: "Şimdilik yalnızca yazılı soruları yanıtlayabiliyorum. Sorunuzu yazar mısınız?",
  /** "Did you mean" with one choice; with more, `didYouMeanSeveral`. */
  didYouMean: "Bunu mu demek istediniz?",
  didYouMeanSeveral: "Bunlardan birini mi demek istediniz?",
  /** A "did you mean" choice whose question another choice has too, with what tells it apart (`choiceLabels`). */
  choiceWithDetail: (question: string, detail: string): string => `${question} (${detail})`,
  /** A filter telling such choices apart: `şehir: Ankara`. */
  choiceFilter: (name: string, value: string): string => `${name}: ${value}`,
  /** Such choices when nothing else tells them apart. */
  choiceNumber: (place: number): string => `${place}. seçenek`,
  noneOfThese: "Hiçbiri",
  /**
   * Typed forms of the "Hiçbiri" button beside its label, that answer a "did you mean" as the
   * button does (compared without Turkish letters, case and punctuation).
   */
  noneOfTheseTyped: ["hiç biri", "hiçbirisi", "hiç birisi"] as const,
  noneOfTheseReply: "Anlaşıldı. Sorunuzu biraz farklı kelimelerle yazarsanız tekrar deneyeyim.",
  /** Followed by topic buttons spread across the knowledge base. */
  dontKnow: "Bu konuda henüz bir bilgim yok, üzgünüm. 🙏 Şu konularda yardımcı olabilirim:",
  /** "Don't know" where the knowledge base has no topic to offer (an empty or follow-up-only one). */
  dontKnowNoTopics: "Bu konuda henüz bir bilgim yok, üzgünüm. 🙏",
  /** Followed by the entries closest to the question, as buttons. */
  dontKnowClosest: "Bu konuda henüz bir bilgim yok, üzgünüm. 🙏 Belki şunlardan biri işinize yarar:",
  followUpsTitle: "İlginizi çekebilir:",
  /** A click on a button whose question is gone (a card from an older step, an entry removed since, a value the bot cannot read). */
  staleButton: "Bu düğme artık geçerli değil. Son mesajdaki seçeneklerle devam edebilir ya da yeni bir soru yazabilirsiniz.",
  /** Under a card a click was made on, in place of its buttons (Teams replaces the card). */
  chosenNote: (label: string): string => `Seçiminiz: ${label}`,
  smallTalk: {
    thanks: "Rica ederim, yardımcı olabildiysem ne mutlu! Başka bir sorunuz var mı?",
    goodbye: "Görüşmek üzere, iyi günler dilerim! 👋",
    /**
     * The goodbye that returns a wish at a conversation's end in kind, by the word that names the
     * wish ("iyi akşamlar", "hayırlı akşamlar" → `akşamlar`); a goodbye without one is `goodbye`.
     */
    wishBack: {
      akşamlar: "Size de iyi akşamlar! Görüşmek üzere. 👋",
      geceler: "Size de iyi geceler! Görüşmek üzere. 👋",
      günler: "Size de iyi günler! Görüşmek üzere. 👋",
      çalışmalar: "Size de iyi çalışmalar! Görüşmek üzere. 👋",
      gelsin: "Teşekkürler, size de kolay gelsin! Görüşmek üzere. 👋",
    },
    /** "hayır", "yok", "gerek yok": a "no" to nothing asked, or to "Başka bir sorunuz var mı?". */
    decline: "Anlaşıldı. Aklınıza başka bir şey takılırsa yazmanız yeterli.",
    /** "hayır teşekkürler", "yok sağol" where no yes/no question waits (as after "Başka bir sorunuz var mı?"): the customer is done. */
    politeDecline: "Rica ederim! Aklınıza başka bir şey takılırsa yazmanız yeterli. İyi günler dilerim! 👋",
    /** An emoji alone that shows no displeasure ("👍", "😂", "🙏"). */
    reaction: "🙂 Başka bir sorunuz olursa buradayım.",
    /** A thumbs-down or an angry or sad face alone ("👎", "😡", "🤬"). */
    displeasure: "Üzgünüm, bir şeyler istediğiniz gibi gitmedi sanırım. 🙏 Sorunuzu farklı kelimelerle yazarsanız yeniden deneyeyim.",
    /** "bot musun", "insan mısın": who the customer is talking to. */
    identity: "Ben otomatik bir asistanım, yani bir botum; sorularınızı bilgi bankamızdaki bilgilerle yanıtlıyorum. Sorunuzu yazmanız yeterli.",
  },
  /** Short replies to "tamam", "ok", "evet", taken in turn so they do not repeat. */
  acknowledgements: [
    "👍 Başka bir sorunuz olursa buradayım.",
    "Ne güzel! Aklınıza takılan başka bir şey olursa yazabilirsiniz.",
    "Anlaştık. Yardımcı olabileceğim başka bir konu var mı?",
  ] as const,
  /** Before the survey when the user says goodbye: the survey comes first, then the goodbye. */
  surveyBeforeGoodbye: "Gitmeden önce iki kısa soru sorabilir miyim? İstemezseniz \"geç\" yazabilirsiniz.",
  /**
   * Answers in words to the rating, NPS and CES questions, and what each stands for on its scale
   * (the rating 1–5, NPS 0–10, CES 1–7). A message is read as one when it is made of such phrases
   * (the last word may carry "-dı", "-ydı", "-mış", "-um": "kolaydı", "kötüydü", "memnunum") and of
   * `wordedFillers` ("süper ya", "bu cevap berbat", "çok kolaydı teşekkürler"); the longest phrase
   * wins ("çok kötü" over "kötü"), and any other word makes it no such answer ("kolay değildi",
   * "kolay gelsin"). Compared without Turkish letters and case.
   *
   * The rating's question reads as a yes/no question ("Bu cevap işinize yaradı mı?"), but its
   * scale says how much (1 = hiç, 5 = çok): a plain "evet" or "hayır" (`yes`, `no`) gives no
   * point on it, and the bot asks for one with the buttons once rather than store a guess; the
   * scale's own ends ("hiç yaramadı", "çok işime yaradı") and a rating in words ("berbat", "idare
   * eder", "mükemmel") are that rating. NPS reads its question's own ends (0 = hiç, 10 = kesinlikle).
   */
  csatWords: [
    ["hiç", 1], ["hiç yaramadı", 1], ["hiç işime yaramadı", 1], ["hiç işe yaramadı", 1], ["hiç yardımcı olmadı", 1],
    ["çok kötü", 1], ["berbat", 1], ["rezalet", 1], ["felaket", 1], ["işe yaramaz", 1],
    ["kötü", 2], ["yetersiz", 2], ["beğenmedim", 2], ["iyi değil", 2], ["pek iyi değil", 2],
    ["idare eder", 3], ["orta", 3], ["eh işte", 3], ["şöyle böyle", 3], ["vasat", 3],
    ["fena değil", 4], ["iyi", 4], ["güzel", 4], ["memnun", 4], ["memnun kaldım", 4], ["beğendim", 4], ["yeterli", 4],
    ["çok iyi", 5], ["çok güzel", 5], ["mükemmel", 5], ["harika", 5], ["süper", 5], ["muhteşem", 5], ["şahane", 5],
    ["çok memnun", 5], ["çok memnun kaldım", 5], ["çok beğendim", 5], ["çok yaradı", 5], ["çok işime yaradı", 5], ["çok faydalı", 5], ["çok yardımcı oldu", 5],
    ["evet", "yes"], ["evt", "yes"], ["yaradı", "yes"], ["işime yaradı", "yes"], ["işe yaradı", "yes"], ["yardımcı oldu", "yes"], ["faydalı", "yes"], ["faydalı oldu", "yes"],
    ["hayır", "no"], ["hyr", "no"], ["yok", "no"], ["yaramadı", "no"], ["işime yaramadı", "no"], ["işe yaramadı", "no"], ["olmadı", "no"],
    ["yardımcı olmadı", "no"], ["faydalı olmadı", "no"], ["faydalı değil", "no"],
  ] as const,
  npsWords: [
    ["hiç", 0],
    ["asla", 0],
    ["kesinlikle", 10],
  ] as const,
  cesWords: [
    ["çok kolay", 7],
    ["gayet kolay", 7],
    ["kolay", 6],
    ["idare eder", 4],
    ["orta", 4],
    ["fena değil", 5],
    ["biraz zor", 3],
    ["çok zor", 1],
    ["zor", 2],
  ] as const,
  /** Words that may stand around an answer in words without changing it (see `csatWords`). */
  wordedFillers: [
    "ya", "yaa", "çok", "bence", "gerçekten", "açıkçası", "valla", "vallahi", "yani", "gayet", "pek", "bu", "bir", "cevap", "oldu", "olmuş",
    "teşekkürler", "teşekkür", "ederim", "sağ ol", "sağol", "sağolun", "maalesef",
  ] as const,
  /** Numbers written out, from zero (`beş`, `on üzerinden dokuz`): a score typed in words. */
  numberWords: ["sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on"] as const,
  /** Asked as the last line of every knowledge answer (in italics), above the rating buttons. */
  ratePrompt: "Bu cevap işinize yaradı mı?",
  /** Labels of ratings 1…5 (1 = not at all, 5 = very). */
  ratingLabels: ["1 😞", "2 🙁", "3 😐", "4 🙂", "5 😍"] as const,
  ratingThanks: "Teşekkürler, puanınızı aldım! 🙏 Başka bir sorunuz varsa yazabilirsiniz.",
  ratingChanged: "Puanınızı güncelledim, teşekkürler!",
  alreadyRated: "Bu cevabı zaten puanlamıştınız, teşekkürler!",
  commentPrompt: "Neyi eksik buldunuz? İsterseniz kısaca yazın; cevapları iyileştirmek için kullanacağız.",
  skip: "Geç",
  commentThanks: "Yorumunuz için teşekkürler, ekibimize ilettim. 🙏",
  /** The thanks for a comment whose contact details were masked (`maskedDetails`): the customer learns they were not kept. */
  commentThanksMasked:
    "Yorumunuz için teşekkürler, ekibimize ilettim. 🙏 İçindeki kişisel bilgileri (e-posta, telefon, T.C. kimlik ya da IBAN numarası) izniniz olmadan saklamamak için gizledim.",
  /**
   * What stands in a customer's free text (a comment, a complaint, a question) for a detail they
   * did not consent to give (`maskContactDetails`), in what is stored, alerted and exported:
   * operators see that one was given, and of which kind. `kb:recommend` reads past these.
   */
  maskedDetails: {
    email: "[e-posta gizlendi]",
    phone: "[telefon gizlendi]",
    nationalId: "[T.C. kimlik no gizlendi]",
    iban: "[IBAN gizlendi]",
  } satisfies MaskPlaceholders,
  commentSkipped: "Anlaşıldı. Başka bir sorunuz varsa yazabilirsiniz.",
  /** "Geç" clicked on a comment request whose comment was given or skipped already. */
  commentAlreadySettled: "Bu soruyu zaten geçtik. 🙂 Başka bir sorunuz varsa yazabilirsiniz.",
  /** A rating, comment or survey answer that could not be made durable (a full disk, a value the database refused). */
  feedbackNotSaved: "Üzgünüm, değerlendirmenizi şu anda kaydedemedim. Cevaplarım sürüyor; lütfen biraz sonra tekrar deneyin.",
  invalidFeedback: "Bu değerlendirmeyi kaydedemedim; lütfen cevabın altındaki düğmelerden birini kullanın.",
  /** Under an answer card once it is rated, in place of its rating buttons. */
  ratedNote: (label: string): string => `Puanınız: ${label}. Teşekkürler!`,
  /** Channels without buttons (SMS, e-mail): what to type instead of clicking. */
  typedRating: `Bu cevap işinize yaradı mı? ${TYPED_RATING_SCALE}`,
  /** Channels without buttons: under a rating asked again (`ratingAskYes`, a rating off the scale). */
  typedRatingScale: TYPED_RATING_SCALE,
  /** A plain "evet" right after an answer: glad, and the rating asked once more, with its buttons (see `csatWords`). */
  ratingAskYes: "Sevindim! 🙂 Ne kadar işinize yaradığını bir puanla da belirtir misiniz?",
  /** A plain "hayır" (or 👎) right after an answer: sorry, and the rating asked once more, with its buttons. */
  ratingAskNo: "Üzgünüm. 🙏 Cevabı bir puanla değerlendirir misiniz? Düşük puan verirseniz neyin eksik olduğunu da yazabilirsiniz.",
  typedChoice: "Numarasını yazın ya da sorunuzu başka kelimelerle yazın.",
  /** What the case buttons send where buttons send text (hosted Web Chat), and what is typed where there are none; the case flow reads them. */
  caseTyped: { yes: "evet", no: "hayır", cancel: "vazgeç" },
  /**
   * Typed words that, as the whole message, refuse what was just asked (a comment, a complaint's
   * description or contact details, a survey), beside the typed "hayır" words read already
   * (`classifyYesNo`: hayır, yok, vazgeç…), and the words that may come with them without making
   * the message one of substance: courtesies and fillers ("boş ver, kalsın", "iptal et lütfen",
   * "boşver ya", "yorum yok", "yok bir şey"). Compared as whole words, without Turkish letters and
   * case; a word of anything else ("örnek yok", "internet yok") makes the message a real answer.
   */
  refusalWords: ["iptal", "boşver", "boş ver", "vazgeçiyorum", "kalsın", "hiç", "hiçbir", "önemli değil", "yazmayacağım", "yazmayacam", "yazmıcam"] as const,
  refusalCompanions: [
    "teşekkürler", "teşekkür", "ederim", "sağ ol", "sağol", "sağolun", "lütfen", "şimdilik", "gerek", "artık", "ben", "et", "edin",
    "ya", "yaa", "bir", "şey", "yorum", "yorumum", "yazmak",
  ] as const,
  /** Channels without buttons: the words that answer a question with choices of its own (the case offer, the consent). */
  typedOptions: (words: readonly string[]): string => `Yanıtlamak için ${words.map((word) => `"${word}"`).join(" ya da ")} yazın.`,
  /** Channels without buttons: the word that calls off a step whose only button is a way out (the description, the contact details). */
  typedCancel: (word: string): string => `Vazgeçmek için "${word}" yazın.`,
  typedSkip: "Geçmek için \"geç\" yazın.",
  typedScore: (min: number, max: number): string => `${min}–${max} arası bir sayı yazın; geçmek için "geç" yazın.`,
  /**
   * Words that skip a comment or survey question when typed as the whole message, as its "Geç"
   * button does (compared as typed labels are: without Turkish letters, case and punctuation).
   */
  skipWords: ["geç", "pas", "skip", "geçiyorum", "geçelim", "geçebiliriz", "atla"] as const,
  npsQuestion: "Kısa soru (1/2): Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir? (0 = hiç, 10 = kesinlikle)",
  cesQuestion: "Son soru (2/2): Sorunuzu çözmek ne kadar kolaydı? (1 = çok zor, 7 = çok kolay)",
  surveyRange: (min: number, max: number): string => `Lütfen ${min} ile ${max} arasında bir sayı seçin.`,
  surveyAlreadyAnswered: "Bu soruyu zaten yanıtlamıştınız, teşekkürler!",
  surveyThanks: "Değerlendirmeniz için çok teşekkürler! 😊",
  /** "hayır", "istemiyorum" to a survey question: the survey ends; where a goodbye waits, it follows instead. */
  surveyDeclined: "Anlaşıldı, soruları geçiyorum. Başka bir sorunuz varsa yazabilirsiniz.",
  /**
   * Words that may stand around a survey score typed in a sentence (`9 puan`, `puanım 9`, `10
   * üzerinden 9`, `9 veriyorum`); compared without Turkish letters and case. `üzerinden` puts the
   * scale before the score.
   */
  scoreWords: ["puan", "puanım", "puanımız", "veririm", "veriyorum", "verdim", "derim", "diyorum", "bence", "üzerinden"] as const,
  /** A "did you mean" choice clicked again (a double click): its answer is above, nothing is counted twice. */
  choiceAlreadyAnswered: "Bu seçeneğin cevabını yukarıda verdim. 🙂",
  /**
   * Built-in texts of the complaint loop, used only where `knowledge/cases.yaml` leaves a key out
   * (or is missing): editors own these texts there.
   */
  cases: {
    offerRating: "Bu cevabın işinize yaramadığı için üzgünüm. İsterseniz yorumunuzla birlikte bir şikayet kaydı açayım; ekibimiz inceleyip size dönsün.",
    offerComplaint: "Yaşadığınız sorunu kayda alabilirim. Bir şikayet kaydı açmamı ister misiniz?",
    offerHuman: "Sizi şu an doğrudan bir temsilciye bağlayamıyorum; ama bir kayıt açarsam ekibimiz en geç {hours} saat içinde size dönüş yapar. Kayıt açayım mı?",
    offerNps: "Bizi tavsiye etmeyecek olmanıza üzüldük. Yaşadığınız sorunu bir şikayet kaydı olarak açmamı ister misiniz?",
    offerEscalation: "Size yardımcı olamadığım için üzgünüm. 🙏 İsterseniz bir kayıt açayım; ekibimiz en geç {hours} saat içinde size dönüş yapsın. Kayıt açayım mı?",
    confirmDescription: "Yazdıklarınızı kaydın açıklaması olarak ekleyip kaydı açayım mı? Kaydınızı henüz açmadım.",
    acceptButton: "Şikayet kaydı aç",
    declineButton: "Hayır, teşekkürler",
    declined: "Anlaşıldı, kayıt açmadım. Başka bir konuda yardımcı olabilirsem yazabilirsiniz.",
    describe: "Sorununuzu birkaç cümleyle anlatır mısınız? Yazdıklarınızı ekibimize ileteceğim; iletişim bilgilerinizi kaydı açtıktan sonra, izninizle ayrıca soracağım.",
    describeAnswered: "Yazdığınız bir soruya benziyor, önce onu yanıtlayayım. Kaydınızı henüz açmadım; açmak isterseniz \"{button}\" yazmanız yeterli.",
    describeTooLong: "Yazdıklarınız kayda sığmayacak kadar uzun: en fazla {limit} karakter ekleyebiliyorum. Kısaltıp yeniden yazar mısınız? Kaydınızı henüz açmadım.",
    cancelDescribeButton: "Vazgeç",
    created: "Kaydınızı açtım. Kayıt numaranız: **{reference}**. Ekibimiz en geç **{hours} saat** içinde size dönüş yapacak. Durumu öğrenmek için istediğiniz zaman kayıt numaranızı yazabilirsiniz.",
    contactMasked: "Açıklamanızdaki kişisel bilgileri (e-posta, telefon, T.C. kimlik ya da IBAN numarası) izniniz olmadan saklamamak için kayda eklemedim.",
    consentQuestion: "Size doğrudan ulaşabilmemiz için e-posta adresinizi ya da telefon numaranızı paylaşmak ister misiniz?\n\n_KVKK aydınlatma: İletişim bilginizi yalnızca bu kayıtla ilgili size dönüş yapmak için, açık rızanızla kaydederiz; başka amaçla kullanmaz, üçüncü kişilerle paylaşmayız. Paylaşmak zorunda değilsiniz; kaydınız yine incelenir._",
    consentYesButton: "Evet, paylaşmak istiyorum",
    consentNoButton: "Hayır, paylaşmayayım",
    askContact: "E-posta adresinizi ya da telefon numaranızı yazın (ör. `ad@ornek.com` ya da `0532 123 45 67`).",
    invalidContact: "Bu bir e-posta adresi ya da telefon numarası gibi görünmüyor. Lütfen tekrar yazın ya da vazgeçin.",
    cancelContactButton: "Vazgeç",
    contactSaved: "Teşekkürler, iletişim bilginizi kaydettim. Ekibimiz size bu bilgiden ulaşacak.",
    contactDeclined: "Anlaşıldı, iletişim bilginizi almadım. Kaydınızın durumunu burada **{reference}** yazarak sorabilirsiniz.",
    statusOwn: "**{reference}** numaralı kaydınızın durumu: **{status}** (açılış: {created}).",
    statusNote: "Ekibimizin son notu: {note}",
    statusNoNote: "Henüz ekibimizden bir not yok; söz verdiğimiz süre içinde dönüş yapacağız.",
    statusOther: "**{reference}** numaralı bir kayıt var ve şu an {open}. Ayrıntıları yalnızca kaydı açan kişi görebilir.",
    otherOpen: "açık",
    otherClosed: "kapalı",
    notFound: "**{reference}** numaralı bir kayıt bulamadım. Numarayı kontrol edip tekrar yazar mısınız?",
    noCase: "Size ait bir kayıt bulamadım. Kayıt numaranız varsa yazabilirsiniz; yeni bir şikayet için \"şikayet etmek istiyorum\" yazmanız yeterli.",
    statusOpen: "açık, inceleme bekliyor",
    statusInProgress: "inceleniyor",
    statusResolved: "çözüldü",
    statusClosed: "kapatıldı",
    proactive: "**{reference}** numaralı kaydınızda bir gelişme var. Durum: **{status}**.{note}",
    unavailable: "Kayıt sistemine şu an ulaşamıyorum. Lütfen birkaç dakika sonra tekrar deneyin; yazdıklarınız kaybolmadı.",
    alreadyOpened: "Bu kaydı zaten açtım. Kayıt numaranız: **{reference}**.",
    alreadyAnswered: "Bu soruyu zaten yanıtlamıştınız, teşekkürler!",
  } satisfies CaseTexts,
  /**
   * One line per alert for people reading Teams or Slack (the JSON format carries the alert
   * itself), its times in `timeZone` (`REPORT_TIMEZONE`) as the cases page shows them, its channel
   * named as the dashboard names it, and its id last: a retried alert can arrive twice, and the id
   * tells a repeat from a second alert.
   */
  alertSummary: (alert: Alert, timeZone: string): string => {
    const reference = alert.reference ? ` ${alert.reference}` : "";
    const due = alert.dueAt ? turkishDateTime(alert.dueAt, timeZone) : "?";
    const words = alert.text ? `: "${alert.text.length > 200 ? `${alert.text.slice(0, 200)}…` : alert.text}"` : "";
    const channel = alert.channel ? channelName(alert.channel) : "?";
    const id = ` Uyarı kimliği: ${alert.id}`;
    switch (alert.kind) {
      case "case-created":
        return `Memnun: yeni vaka${reference} (${alert.source === "rating" ? "düşük puan" : alert.source === "nps" ? "NPS" : "müşteri isteği"}, ${channel})${words}. İlk dönüş için son zaman: ${due}.${id}`;
      case "nps-detractor":
        return `Memnun: NPS kötüleyen yanıtı (puan ${alert.score ?? "?"}, ${channel}).${id}`;
      case "case-overdue":
        return `Memnun: vaka${reference} için ilk dönüş süresi geçti (son zaman: ${due}).${id}`;
    }
  },
  /** The operators' cases page at `/dashboard/cases`. */
  casesPage: {
    title: "Memnun – Şikayetler ve vakalar",
    backToReport: "Memnuniyet raporu",
    signedInAs: "Oturum:",
    failed: "Vakalar yüklenemedi.",
    saved: "Değişiklik kaydedildi.",
    notifiedCustomer: "Müşteriye bildirim gönderildi.",
    saveFailed: "Değişiklik kaydedilemedi:",
    filters: "Süzgeçler",
    statusFilter: "Durum",
    sourceFilter: "Kaynak",
    allStatuses: "Tüm durumlar",
    allSources: "Tüm kaynaklar",
    overdueOnly: "Yalnızca gecikenler",
    search: "Ara (numara ya da metin)",
    apply: "Uygula",
    columns: ["Numara", "Durum", "Açılış", "Geçen süre / söz", "Kaynak", "Kanal", "Müşterinin sözleri"],
    /** The name of a row's button, which opens the case; `{reference}` is filled in. */
    openCase: "{reference} numaralı vakayı aç",
    statuses: { open: "Açık", in_progress: "İnceleniyor", resolved: "Çözüldü", closed: "Kapatıldı" },
    sources: { rating: "Düşük puan", intent: "Müşteri isteği", nps: "NPS" },
    hours: "sa",
    overdue: "gecikti",
    none: "Bu süzgeçlere uyan vaka yok.",
    /** Above the list: which of how many cases it shows; `{total}`, `{from}` and `{to}` are filled in. */
    allShown: "{total} vakanın hepsi gösteriliyor.",
    someShown: "{total} vakadan {from}–{to} arası gösteriliyor.",
    /** The list's order: active cases (a status filter of Açık or İnceleniyor, or overdue only) by the first response due. */
    orderDue: "Sıra: ilk dönüş için son zamanı en yakın olan (en eski) önce.",
    orderNewest: "Sıra: en yeni önce.",
    pages: "Sayfalar",
    previousPage: "← Önceki sayfa",
    nextPage: "Sonraki sayfa →",
    detail: "Vaka",
    customerWords: "Müşterinin sözleri",
    concerns: "İlgili cevap / puan",
    contact: "İletişim (rızayla)",
    noContact: "verilmedi",
    due: "İlk dönüş için son zaman",
    newStatus: "Yeni durum",
    publicNote: "Müşterinin göreceği not",
    internalNote: "İç not (müşteri görmez)",
    /** The change's `expectedUpdatedAt`, in a refusal: the version of the case the page showed. */
    shownVersion: "Gösterilen sürüm (expectedUpdatedAt)",
    save: "Kaydet",
    notes: "Notlar",
    publicLabel: "müşteriye açık",
    internalLabel: "iç not",
    audit: "Değişiklik kaydı",
    /** Who did what in the audit log: the customer and the bot's overdue check by role, operators by name. */
    actors: { customer: "Müşteri", system: "Sistem" },
    /** One audit line per change; `{source}`, `{channel}`, `{contact}`, `{from}`, `{to}` and `{note}` are filled in. */
    auditActions: {
      created: "vakayı açtı ({source}, {channel})",
      contact: "iletişim bilgisi verdi ({contact})",
      status: "durumu değiştirdi: {from} → {to}",
      publicNote: "müşteriye açık not ekledi: {note}",
      internalNote: "iç not ekledi: {note}",
      overdue: "ilk dönüş için söz verilen süre geçti",
    },
    contactKinds: { "e-mail": "e-posta", phone: "telefon" },
    /** The problems of an invalid change, joined with "; ". `{field}` and `{max}` are filled in. */
    problems: {
      tooLong: "{field} en fazla {max} karakter olabilir",
      notText: "{field} metin olmalı",
      unknownValue: "{field} bilinmeyen bir değer",
      unknownField: "bilinmeyen alan: {field}",
      notObject: "istek bir JSON nesnesi olmalı",
      /** A listing's `limit` or `offset` out of range; `{min}` and `{max}` are filled in. */
      wholeNumber: "{min} ile {max} arasında bir tam sayı olmalı",
      wholeNumberFrom: "{min} ya da daha büyük bir tam sayı olmalı",
    },
    /** A refusal without one of the codes of `apiErrors` (a proxy's page); `{status}` is the HTTP status. */
    unexpected: "sunucu beklenmeyen bir yanıt verdi (HTTP {status}).",
    tooManyRequests: "çok fazla istek gönderildi; biraz bekleyip yeniden deneyin.",
    unreachable: "sunucuya ulaşılamadı; bağlantınızı kontrol edip yeniden deneyin.",
    kpis: {
      opened: "Açılan vaka",
      resolved: "Çözülen vaka",
      overdue: "Geciken vaka",
      medianFirstResponse: "İlk dönüş (medyan, saat)",
      medianResolution: "Çözüm (medyan, saat)",
      lowRatingsToCases: "Vakaya dönüşen düşük puanlar",
      csatOfCaseEntries: "Vaka çıkan cevapların CSAT'ı",
    },
  },
  /**
   * Why a JSON API (the case API, the dashboard's report and recommendations; the local Direct
   * Line while its store is away) or the server itself (before a route ran, or restify's body
   * parser and router, on every path) refused a request, by its stable `code`: the API's `message` (the cases page shows it after
   * `casesPage.saveFailed`). `{reference}` and `{problems}` are filled in.
   */
  apiErrors: {
    "dashboard-off": "panel kapalı: sunucuda DASHBOARD_TOKEN ya da OPERATOR_TOKENS ayarlanmamış.",
    unauthorized: "oturumunuz sona ermiş ya da anahtarınız geçersiz; paneli anahtarınızla yeniden açın.",
    "csrf-token": "oturumunuz doğrulanamadı; sayfayı yenileyip yeniden deneyin.",
    "not-a-reference": "bu bir vaka numarası değil (MMN-… biçiminde olmalı).",
    "not-found": "{reference} numaralı bir vaka yok.",
    "invalid-change": "değişiklik geçersiz: {problems}.",
    "nothing-to-change": "değiştirilecek bir şey yok; yeni bir durum seçin ya da bir not yazın.",
    conflict: "vaka siz bakarken başka biri tarafından değiştirildi; sayfayı yenileyip yeniden deneyin.",
    "bad-range": "tarih aralığı geçersiz.",
    "bad-filter": "süzgeç geçersiz: {problems}.",
    "bad-json": "istek okunamadı: gövdesi geçerli bir JSON olmalı.",
    "bad-request": "istek okunamadı.",
    "too-large": "istek çok büyük.",
    "unsupported-encoding": "istek okunamadı: gövdesi sıkıştırılmadan gönderilmeli.",
    "unsupported-media-type": "istek okunamadı: gövdesi JSON ya da form olarak gönderilmeli.",
    "unknown-endpoint": "bu adres bu isteği karşılamıyor.",
    "too-many-requests": "çok fazla istek gönderildi; biraz bekleyip yeniden deneyin.",
    "too-many-sign-ins": "bu adresten çok fazla hatalı giriş denemesi yapıldı; bir dakika kadar bekleyip anahtarınızla yeniden deneyin.",
    unavailable: "veriler şu an okunamıyor (veritabanına ulaşılamıyor olabilir); biraz sonra yeniden deneyin.",
    /** The local Direct Line while the conversations' store (Redis) is away; the chat page shows `page.reconnecting` meanwhile. */
    "conversations-unavailable": "sohbetlere şu an ulaşılamıyor (sohbetlerin tutulduğu yer geçici olarak kullanılamıyor); birkaç saniye sonra yeniden deneyin.",
    internal: "sunucuda beklenmeyen bir hata oldu; biraz sonra yeniden deneyin.",
  },
  /**
   * The Teams app package's command list (`npm run teams:package`). The app's names and
   * descriptions say what it answers about: they are the editors' (`bot.*` above, `bot.yaml`).
   */
  teams: {
    helpCommand: "yardım",
    helpDescription: "Neler sorabileceğinizi gösterir.",
  },
  /** The chat page at `/`; its title, heading and intro are the editors' (`bot.*` above, `bot.yaml`). */
  page: {
    loading: "Sohbet başlatılıyor…",
    failed: "Sohbet başlatılamadı. Lütfen sayfayı yenileyin.",
    /** Shown while the page waits out a refused start (too many starts from one address, or the conversation store away) and tries again by itself. */
    waiting: "Şu an çok yoğunuz; biraz bekleyip yeniden deniyorum, sayfayı yenilemeniz gerekmiyor…",
    noScript: "Sohbet için JavaScript gerekiyor.",
    /** What screen readers call the message box (Web Chat's own Turkish calls it "İleti gelen kutusu", an inbox). */
    inputLabel: "Mesajınızı yazın",
  },
  /** The operators' dashboard at `/dashboard`. */
  dashboard: {
    title: "Memnun – Memnuniyet paneli",
    off: "Gösterge paneli kapalı: sunucuda DASHBOARD_TOKEN ayarlanmamış.",
    unauthorized: "Yetkisiz erişim: geçerli bir panel anahtarı gerekli (Authorization: Bearer … ya da bir kez ?token=…).",
    signOut: "Çıkış",
    signedOut: "Oturumunuz kapatıldı: bu oturum artık hiçbir tarayıcıda paneli açamaz. Yeniden girmek için paneli anahtarınızla açın (/dashboard?token=…).",
    signOutRefused: "Çıkış doğrulanamadı; sayfayı yenileyip yeniden deneyin.",
    /** Sign-out while the database is away: the session could not be ended, so it stays open (its cookie is kept). */
    signOutUnavailable: "Çıkış şu an yapılamadı (veritabanına ulaşılamıyor olabilir); oturumunuz açık kaldı. Biraz sonra yeniden deneyin.",
    /** An operator's page while the database is away: a session cookie cannot be checked against the sessions signed out. */
    sessionUnavailable: "Oturumunuz şu an doğrulanamıyor (veritabanına ulaşılamıyor olabilir); biraz sonra sayfayı yenileyin.",
    tooManySignIns: "Bu adresten çok fazla hatalı giriş denemesi yapıldı. Bir dakika kadar bekleyip anahtarınızla yeniden deneyin; oturumu açık operatörler çalışmayı sürdürebilir.",
    loading: "Rapor yükleniyor…",
    failed: "Rapor yüklenemedi.",
    answers: "Verilen cevap",
    csat: "CSAT (4–5 puan oranı)",
    csatAverage: "Ortalama puan (1–5)",
    responseRate: "Puanlama oranı",
    nps: "NPS",
    ces: "CES ortalaması (1–7)",
    responses: "yanıt",
    csatDistribution: "Puan dağılımı",
    npsBreakdown: "NPS: tavsiye edenler, pasifler, kötüleyenler",
    promoters: "Tavsiye eden (9–10)",
    passives: "Pasif (7–8)",
    detractors: "Kötüleyen (0–6)",
    cesChart: "Kolaylık (CES)",
    /** The tables beside the charts (the same figures, for screen readers and for reading off). */
    distributionColumns: ["Puan", "Adet"],
    npsColumns: ["Grup", "Yanıt"],
    cesColumns: ["Ölçü", "Değer"],
    /** A rating's name in the distribution chart's spoken name; `{rating}` is filled in. */
    ratingName: "{rating} puan",
    responseCount: "Yanıt sayısı",
    /** The spoken name of a chart whose figures are in the table under it, after its title. */
    chartTableBelow: "değerler grafiğin altındaki tabloda",
    trend: "Günlük memnuniyet (CSAT %)",
    ratingsCount: "Puan sayısı",
    entries: "Cevaplar (önce en düşük CSAT, sonra en düşük ortalama, sonra en çok puan alan)",
    entryColumns: ["Kayıt", "Soru", "Cevap", "Puan", "CSAT", "Ort."],
    /** In the question column (and the CSV's), for an entry answered once and no longer in the knowledge. */
    deletedEntry: "(silinmiş girdi)",
    unanswered: "Yanıtlanamayan ve belirsiz sorular",
    unansweredColumns: ["Adet", "Sonuç", "Soru"],
    comments: "Son yorumlar",
    commentColumns: ["Zaman", "Kayıt", "Puan", "Yorum"],
    none: "Henüz veri yok.",
    recommendations: "Editörler için öneriler (npm run kb:recommend)",
    recommendedAlternates: "Önerilen alternatif sorular",
    alternateColumns: ["Kayıt", "Alternatif soru", "Seçilme"],
    newEntryClusters: "Yeni kayıt gerektirebilecek sorular",
    clusterColumns: ["Soru sayısı", "Ortak kelimeler", "Örnekler"],
    rewriteEntries: "Yeniden yazılması önerilen cevaplar",
    rewriteColumns: ["Kayıt", "Puan", "CSAT", "Yorumlar"],
    cases: "Şikayetler ve vakalar",
    casesOpen: "Vakaları aç →",
    casesOpened: "Açılan vaka",
    casesResolved: "Çözülen vaka",
    casesOverdue: "Şu an geciken vaka",
    casesFirstResponse: "İlk dönüş (medyan, saat)",
    casesResolution: "Çözüm (medyan, saat)",
    casesFromLowRatings: "Vakaya dönüşen düşük puan (1–2)",
    casesCsat: "Vaka çıkan cevapların CSAT'ı",
    statusNone: "bilinmiyor",
    statusAmbiguous: "belirsiz",
    rangeLegend: "Tarih aralığı",
    since: "Başlangıç",
    until: "Bitiş",
    apply: "Uygula",
    allTime: "Tüm zamanlar",
    /** `{since}`, `{until}` and `{timeZone}` are filled in. */
    rangeShown: "Gösterilen: {since} – {until} ({timeZone} takvim günleri)",
    openEnded: "…",
    /** `{value}` is the date as given. */
    rangeMalformed: "Geçersiz tarih: “{value}”. Tarihi 2026-11-23 biçiminde (yıl-ay-gün) girin.",
    rangeReversed: "Başlangıç tarihi ({since}) bitiş tarihinden ({until}) sonra olamaz.",
    csvUnknownTable: "Bu tablo CSV olarak indirilemez.",
    downloadCsv: "CSV indir",
    dailyColumns: ["Gün", "Puan sayısı", "CSAT"],
    weeks: "Haftalık memnuniyet (CSAT %, ISO haftaları, Pazartesi–Pazar)",
    weekColumns: ["Hafta", "Pazartesi", "Puan sayısı", "CSAT"],
    channels: "Kanallara göre",
    channelColumns: ["Kanal", "Soru", "Yanıtlanamayan", "Cevap", "Puan", "CSAT", "Ort."],
    /** The channels by name (`CHANNEL_NAMES`), as the cases page and the alerts name them too. */
    channelNames: CHANNEL_NAMES,
  },
});

/** The texts the bot presents itself with: the editors' (`bot.yaml`), the built-in one for each key they leave out. */
export function botTexts(edited: Readonly<Partial<BotTexts>>): BotTexts {
  return { ...TEXTS.bot, ...edited };
}
