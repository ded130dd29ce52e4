/**
 * Every Turkish sentence a user can see. Nothing else in the code base writes user-facing text,
 * so editors and translators have one place to look.
 */
export const TEXTS = Object.freeze({
  welcome: (topics: readonly string[]): string =>
    [
      "Merhaba, ben **Memnun** 👋",
      "Müşteri memnuniyeti, müşteri sadakati, müşteri deneyimi, CRM, CSAT/NPS/CES ölçümleri ve ISO 10002 hakkındaki sorularınızı yanıtlıyorum.",
      topics.length > 0 ? `Örneğin şunu sorabilirsiniz: _${topics[0]}_` : "",
      "Yardım için istediğiniz zaman **yardım** yazabilirsiniz.",
    ]
      .filter((line) => line !== "")
      .join("\n\n"),
  help: (topics: readonly string[]): string =>
    [
      "**Nasıl yardımcı olabilirim?**",
      "Sorunuzu kendi cümlelerinizle yazmanız yeterli; Türkçe karakter kullanmasanız ya da küçük yazım hataları yapsanız da anlamaya çalışırım.",
      topics.length > 0 ? `Yanıtlayabildiğim konulardan bazıları:\n\n${topics.map((t) => `- ${t}`).join("\n")}` : "",
      "Her cevaptan sonra cevabı puanlayabilirsiniz; görüşleriniz cevapları iyileştirmemize yardımcı olur.",
    ]
      .filter((line) => line !== "")
      .join("\n\n"),
  /** Sent when a turn fails unexpectedly; never includes error details. */
  turnError: "Üzgünüm, bir sorun oluştu. Lütfen sorunuzu birazdan tekrar yazar mısınız?",
  emptyMessage: "Sorunuzu yazarsanız yardımcı olmaya çalışırım.",
  messageTooLong: (limit: number): string =>
    `Mesajınız biraz uzun oldu. Sorunuzu ${limit} karakteri geçmeyecek şekilde kısaltır mısınız?`,
  slowDown: "Çok hızlı mesaj gönderiyorsunuz. Lütfen biraz bekleyip tekrar yazın. 🙏",
  nonText: "Şimdilik yalnızca yazılı soruları yanıtlayabiliyorum. Sorunuzu yazar mısınız?",
  didYouMean: "Bunu mu demek istediniz?",
  noneOfThese: "Hiçbiri",
  noneOfTheseReply: "Anlaşıldı. Sorunuzu biraz farklı kelimelerle yazarsanız tekrar deneyeyim.",
  dontKnow: (topics: readonly string[]): string =>
    [
      "Bu konuda henüz bir bilgim yok, üzgünüm. 🙏",
      topics.length > 0 ? `Şu konularda yardımcı olabilirim:\n\n${topics.map((t) => `- ${t}`).join("\n")}` : "",
    ]
      .filter((line) => line !== "")
      .join("\n\n"),
  followUpsTitle: "İlginizi çekebilir:",
  staleChoice: "Bu seçenek artık geçerli değil. Sorunuzu yeniden yazar mısınız?",
  smallTalk: {
    greeting: "Merhaba! 😊 Müşteri memnuniyeti, sadakat, müşteri deneyimi veya CRM hakkında ne öğrenmek istersiniz?",
    thanks: "Rica ederim, yardımcı olabildiysem ne mutlu! Başka bir sorunuz var mı?",
    goodbye: "Görüşmek üzere, iyi günler dilerim! 👋",
  },
  /** Short replies to "tamam", "ok", "👍", taken in turn so they do not repeat. */
  acknowledgements: [
    "👍 Başka bir sorunuz olursa buradayım.",
    "Ne güzel! Aklınıza takılan başka bir şey olursa yazabilirsiniz.",
    "Anlaştık. Yardımcı olabileceğim başka bir konu var mı?",
  ] as const,
  /** Before the survey when the user says goodbye: the survey comes first, then the goodbye. */
  surveyBeforeGoodbye: "Gitmeden önce iki kısa soru sorabilir miyim? İstemezseniz \"geç\" yazabilirsiniz.",
  /**
   * Typed answers to the CES question in words, and the score each stands for on its 1–7 scale
   * (compared without Turkish letters and case, as whole messages or their first words).
   */
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
  commentSkipped: "Anlaşıldı. Başka bir sorunuz varsa yazabilirsiniz.",
  /** A rating, comment or survey answer that could not be made durable (a full disk, a value the database refused). */
  feedbackNotSaved: "Üzgünüm, değerlendirmenizi şu anda kaydedemedim. Cevaplarım sürüyor; lütfen biraz sonra tekrar deneyin.",
  invalidFeedback: "Bu değerlendirmeyi kaydedemedim; lütfen cevabın altındaki düğmelerden birini kullanın.",
  /** Under an answer card once it is rated, in place of its rating buttons. */
  ratedNote: (label: string): string => `Puanınız: ${label}. Teşekkürler!`,
  /** Channels without buttons (SMS, e-mail): what to type instead of clicking. */
  typedRating: "Bu cevap işinize yaradı mı? 1–5 arası bir sayı yazın (1 = hiç, 5 = çok).",
  typedChoice: "Numarasını yazın ya da sorunuzu başka kelimelerle yazın.",
  typedSkip: "Geçmek için \"geç\" yazın.",
  typedScore: (min: number, max: number): string => `${min}–${max} arası bir sayı yazın; geçmek için "geç" yazın.`,
  /** The word that skips a comment or survey question when typed (compared without Turkish letters and case). */
  skipWord: "geç",
  npsQuestion: "Kısa soru (1/2): Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir? (0 = hiç, 10 = kesinlikle)",
  cesQuestion: "Son soru (2/2): Sorunuzu çözmek ne kadar kolaydı? (1 = çok zor, 7 = çok kolay)",
  surveyRange: (min: number, max: number): string => `Lütfen ${min} ile ${max} arasında bir sayı seçin.`,
  surveyAlreadyAnswered: "Bu soruyu zaten yanıtlamıştınız, teşekkürler!",
  surveyThanks: "Değerlendirmeniz için çok teşekkürler! 😊",
  /** The Teams app package (`npm run teams:package`): what Teams shows in its app store and chat header. */
  teams: {
    shortName: "Memnun",
    fullName: "Memnun – Müşteri memnuniyeti asistanı",
    shortDescription: "Müşteri memnuniyeti, sadakat, CRM ve CSAT/NPS/CES sorularınızı yanıtlar.",
    fullDescription:
      "Memnun, müşteri memnuniyeti, müşteri sadakati, müşteri deneyimi, CRM, CSAT/NPS/CES ölçümleri ve ISO 10002 hakkındaki sorularınızı şirketinizin bilgi bankasından yanıtlar. Her cevabı 1–5 arası puanlayabilir, eksik bulduğunuz noktaları yazabilirsiniz; görüşleriniz cevapları iyileştirmek için kullanılır.",
    helpCommand: "yardım",
    helpDescription: "Neler sorabileceğinizi gösterir.",
  },
  /** The chat page at `/`. */
  page: {
    title: "Memnun – Müşteri memnuniyeti asistanı",
    heading: "Memnun",
    intro: "Müşteri memnuniyeti, sadakat, müşteri deneyimi, CRM ve CSAT/NPS/CES hakkında sorularınızı yazın.",
    loading: "Sohbet başlatılıyor…",
    failed: "Sohbet başlatılamadı. Lütfen sayfayı yenileyin.",
    noScript: "Sohbet için JavaScript gerekiyor.",
  },
  /** The operators' dashboard at `/dashboard`. */
  dashboard: {
    title: "Memnun – Memnuniyet paneli",
    off: "Gösterge paneli kapalı: sunucuda DASHBOARD_TOKEN ayarlanmamış.",
    unauthorized: "Yetkisiz erişim: geçerli bir panel anahtarı gerekli (Authorization: Bearer … ya da bir kez ?token=…).",
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
    trend: "Günlük memnuniyet (CSAT %)",
    ratingsCount: "Puan sayısı",
    entries: "Cevaplar (önce en düşük CSAT, sonra en düşük ortalama, sonra en çok puan alan)",
    entryColumns: ["Kayıt", "Soru", "Cevap", "Puan", "CSAT", "Ort."],
    unanswered: "Yanıtlanamayan ve belirsiz sorular",
    unansweredColumns: ["Adet", "Sonuç", "Soru"],
    comments: "Son yorumlar",
    commentColumns: ["Zaman", "Kayıt", "Puan", "Yorum"],
    none: "Henüz veri yok.",
    suggestions: "Editörler için öneriler (npm run kb:suggest)",
    suggestedAlternates: "Önerilen alternatif sorular",
    alternateColumns: ["Kayıt", "Alternatif soru", "Seçilme"],
    newEntryClusters: "Yeni kayıt gerektirebilecek sorular",
    clusterColumns: ["Soru sayısı", "Ortak kelimeler", "Örnekler"],
    rewriteEntries: "Yeniden yazılması önerilen cevaplar",
    rewriteColumns: ["Kayıt", "Puan", "CSAT", "Yorumlar"],
    statusNone: "bilinmiyor",
    statusAmbiguous: "belirsiz",
  },
});
