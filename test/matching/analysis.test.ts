import fc from "fast-check";
import { withoutListNumbers, analyze, collapseRepeats, fold, isMistypedLightVerb, isMistypedStopWord, mistypedQuestionWord, normalize, refersBack, stem, isStopWord, tokenize, turkishLower, textWords, turkishSpellings, withContactDetailsRead, withoutDenied, withoutDurationCounts, withoutExchangeHistory, withoutReproach, withStoryTimesRead, writtenVerbForms, isOutcry } from "../../bot/matching/analysis";
import { classifySmallTalk } from "../../bot/matching/small-talk";

describe("Turkish text analysis", () => {
  it("lower-cases with Turkish rules", () => {
    expect(turkishLower("İSTANBUL")).toBe("istanbul");
    expect(turkishLower("IŞIK")).toBe("ışık");
    expect(turkishLower("İ")).toHaveLength(1);
  });

  it("lower-cases every code point as the Turkish locale does, alone and after a capital I", () => {
    const differing: string[] = [];
    for (let start = 0; start <= 0x10ffff; start += 0x400) {
      const chars: string[] = [];
      for (let code = start; code < start + 0x400; code += 1) if (code < 0xd800 || code > 0xdfff) chars.push(String.fromCodePoint(code));
      // `I` with a combining dot above is `İ` once composed; `Σ` lower-cases by its neighbours
      for (const text of [chars.join(" "), chars.map((char) => `I${char}`).join(" "), chars.map((char) => `aΣ${char}`).join(" ")]) {
        if (turkishLower(text) !== text.normalize("NFC").toLocaleLowerCase("tr")) differing.push(start.toString(16));
      }
    }
    expect(differing).toEqual([]);
  });

  it("folds Turkish letters so text without a Turkish keyboard meets text with one", () => {
    expect(fold("müşteri memnuniyeti")).toBe("musteri memnuniyeti");
    expect(fold("sadakatı")).toBe("sadakati");
    expect(fold("çağrı şikâyet öğe")).toBe("cagri sikayet oge");
  });

  it("reads a letter typed three times or more as the letter once (chat's emphasis), and keeps a double letter", () => {
    expect(normalize("kartımı kaybettimmm")).toBe("kartımı kaybettim");
    expect(normalize("Acilll yardımmmm")).toBe("acil yardım");
    expect(normalize("dikkat saat 1000")).toBe("dikkat saat 1000");
    expect(analyze("eft ücreti ne kadarrr").map((t) => t.stem)).toEqual(analyze("eft ücreti ne kadar").map((t) => t.stem));
  });

  it("drops apostrophe suffixes of names and abbreviations", () => {
    expect(normalize("CEM'in türleri")).toBe("cem türleri");
    expect(fold(normalize("ISO’nun amacı"))).toBe("iso amaci");
  });

  it("reads a capital I as i in a text with no letter only Turkish has (typed on another keyboard), and by Turkish rules otherwise", () => {
    expect(normalize("MUSTERI HIZMETLERI")).toBe("musteri hizmetleri");
    expect(normalize("Iade ID IBAN")).toBe("iade id iban");
    // a text with a letter only Turkish has was typed on a Turkish keyboard: its I is ı
    expect(normalize("IŞIK KIRILDI")).toBe("ışık kırıldı");
    expect(normalize("SIM kartımı")).toBe("sım kartımı");
    expect(normalize("I\u0307ADE IADE")).toBe("iade ıade");
  });

  it("drops the suffixes typed onto a number without an apostrophe, never a unit", () => {
    expect(normalize("ayın 20sinde, 15ine kadar, 3te, 50lik, 2.si, 3üncü")).toBe("ayın 20, 15 kadar, 3, 50, 2., 3");
    expect(normalize("10gb 100mbps 5g iso10002")).toBe("10gb 100mbps 5g iso10002");
  });

  it("tokenizes Unicode words and splits letters from digits, unlike natural's ASCII tokenizers", () => {
    expect(tokenize("Müşteri, memnuniyeti?")).toEqual(["Müşteri", "memnuniyeti"]);
    expect(tokenize("iso10002 ve 10002'yi")).toEqual(["iso", "10002", "ve", "10002", "yi"]);
  });

  it("tokenizes any text as the Unicode word pattern does, letters and digits outside the BMP and lone surrogates too", () => {
    // the specification: `tokenize` walks characters instead, for speed (see its doc comment)
    const pattern = /\p{N}+\p{L}(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\p{L}\p{N}+(?!\p{L})|\p{L}+|\p{N}+/gu;
    const characters = ["a", "Z", "ş", "İ", "ı", "1", "9", "٣", "½", "²", " ", ".", "'", "-", "\u0307", "😀", "𝐀", "𝟙", "中", "\ud800", "\udc00", "\n"];
    const text = fc.oneof(
      fc.array(fc.constantFrom(...characters), { maxLength: 30 }).map((parts) => parts.join("")),
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 40 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenize(t)).toEqual(t.match(pattern) ?? []);
      }),
      { numRuns: 3000 },
    );
  });

  it("strips a number's suffixes exactly where a digit stands before a letter, in any script", () => {
    const characters = ["a", "s", "i", "ı", "n", "d", "e", "l", "r", "1", "9", "٣", "½", "²", " ", ".", "𝟙", "𝐀", "\ud800", "\udc00"];
    const digitThenLetter = /\p{N}\.?\p{L}/u;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...characters), { maxLength: 20 }).map((parts) => parts.join("")), (t) => {
        // a letter typed three times or more is read once (chat's emphasis)
        if (!digitThenLetter.test(turkishLower(t))) expect(normalize(t)).toBe(turkishLower(t).replace(/(\p{L})\1{2,}/gu, "$1"));
      }),
      { numRuns: 3000 },
    );
    expect(normalize("𝟙sinde ve ٣ünde, ½si")).toBe("𝟙 ve ٣, ½");
  });

  it("keeps a code of digits and one letter whole, where split the letter would be dropped", () => {
    expect(tokenize("5g 4.5g a4 b12 vitamini")).toEqual(["5g", "4", "5g", "a4", "b12", "vitamini"]);
    expect(tokenize("10gb 40x60 h1n1")).toEqual(["10", "gb", "40", "x", "60", "h", "1", "n", "1"]);
    expect(analyze("5G'yi nasıl kullanırım?").map((term) => term.surface)).toEqual(["5g", "?how", "kulanirim"]);
    expect(analyze("5G çekiyor mu").map((term) => term.surface)).not.toContain("5");
  });

  it("drops a letter typed twice or held (kk, sss) as a one-letter word, never a number", () => {
    expect(analyze("kk başvurusu").map((term) => term.surface)).toEqual(["basvurusu"]);
    expect(analyze("sss sayfası").map((term) => term.surface)).toEqual(["sayfasi"]);
    expect(analyze("11 gün")).toHaveLength(2);
  });

  it("stems Turkish suffixes to a shared root", () => {
    expect(stem("sadakatin")).toBe("sadakat");
    expect(stem("memnuniyetini")).toBe("memnuniyet");
    expect(stem("müşterilerin")).toBe(stem("müşteri"));
    expect(stem("faktörler")).toBe("faktor");
  });

  it("collapses doubled letters, a common misspelling", () => {
    expect(collapseRepeats("arttirmak")).toBe("artirmak");
  });

  it("drops stop words before folding, keeps question words as their own terms, numbers and abbreviations", () => {
    expect(isStopWord("için")).toBe(true);
    expect(isStopWord("icin")).toBe(true);
    // conjunctions name nothing; `hatta` is left alone, being also `hat-ta` (on the line)
    expect(analyze("geri alabilir miyim yoksa yeni kart mı").map((t) => t.surface)).not.toContain("yoksa");
    expect(isStopWord("hatta")).toBe(false);
    // the chat tag question "di mi" (değil mi) asks for a yes and negates nothing; `değil` keeps its meaning
    expect(analyze("emlak vergisi ödemicem di mi ya").map((t) => t.surface)).toEqual(["emlak", "vergisi", "odemicem"]);
    expect(analyze("memnun değilim").map((t) => t.surface)).toContain("degilim");
    // chat's forms of address and its spellings of `her şey` and `hiçbir şey` name nothing
    expect(analyze("kanki bro aga herşey hiçbişey fatura").map((t) => t.surface)).toEqual(["fatura"]);
    expect(analyze("neyse pls fatura tşk").map((t) => t.surface)).toEqual(["fatura"]);
    // chat's shorthand, and fillers with a letter held
    expect(analyze("tmm knk ltfn yaw abicim bnm fatura içn").map((t) => t.surface)).toEqual(["fatura"]);
    expect(analyze("yaaa abiii hocamm fatura").map((t) => t.surface)).toEqual(["fatura"]);
    // hedges, discourse markers, intensifiers and courtesies of chat name nothing, typed with Turkish letters or without
    expect(analyze("bence belki gercekten açıkçası evet tabiki pardon efendim fatura inşallah").map((t) => t.surface)).toEqual(["fatura"]);
    // courtesies of two words are dropped together, never their words alone
    expect(analyze("kolay gelsin, iyi çalışmalar; faturam gelmedi").map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    // `türlü` in its idioms names nothing (`bir türlü`, just won't; `her türlü`, every kind of); `tür` (kind) stays
    expect(analyze("outlook bi türlü açılmıyor, bir turlu girmiyor; her türlü ödeme").map((t) => t.surface)).toEqual(["outlok", "acilmiyor", "girmiyor", "odeme"]);
    expect(analyze("ne tür belgeler").map((t) => t.surface)).toEqual(["?what", "tur", "belgeler"]);
    // "is there a way to" frames a question; `yolu` elsewhere names a road or a way
    expect(analyze("bilet bulmanın bir yolu var mı, iadenin yolu nedir").map((t) => t.surface)).toEqual(["bilet", "bulmanin", "?exists", "iadenin", "?what"]);
    expect(analyze("servis yolu nerede, köprü yolu ne zaman açılır").map((t) => t.surface)).toEqual(["servis", "yolu", "?where", "kopru", "yolu", "?when", "acilir"]);
    // a course of action to follow asks how (`nasıl bir yol izlemeliyim`, what should I do); a road and watching stay topics
    expect(analyze("İstifa etmek istiyorum, nasıl bir yol izlemeliyim?").map((t) => t.surface)).toEqual(["istifa", "?how"]);
    expect(analyze("hangi yolu izleyelim, nasil bir yol izlemeliyiz").map((t) => t.surface)).toEqual(["?which", "?how"]);
    expect(analyze("yol durumunu nereden izleyebilirim").map((t) => t.surface)).toEqual(expect.arrayContaining(["yol", "izleyebilirim"]));
    expect(analyze("geçmiş olsun").map((t) => t.surface)).toEqual([]);
    // a plea for help asked of the bot frames the question, as `yardımcı olur musunuz` does; aid stays a topic
    expect(analyze("lütfen yardım edin, faturam gelmedi").map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    expect(analyze("yardim edebilir misiniz faturam gelmedi").map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    expect(analyze("sosyal yardım başvurusu").map((t) => t.surface)).toContain("yardim");
    // requests about the exchange itself, addressed to the one who answers; an answer's own words stay
    for (const text of ["sayın yetkili, faturam gelmedi, acil dönüş yapar mısınız", "faturam gelmedi cevabınızı bekliyorum", "faturam gelmedi bilginiz var mı", "faturam gelmedi yardımınızı rica ederim, ilginiz için teşekkürler"]) {
      expect(analyze(text).map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    }
    expect(analyze("Talebinize 24 saat içinde size dönüş yapar.").map((t) => t.surface)).toContain("donus");
    // the one who answers asked to attend to the matter, in a question or a courtesy's condition, typed apart or glued
    for (const text of ["faturam gelmedi bi bakar mısınız", "faturam gelmedi, bakabilirmisiniz", "faturam gelmedi ilgilenirmisin", "faturam gelmedi kontrol eder misiniz", "faturam gelmedi kontrol edebilirmisiniz", "faturam gelmedi inceleyebilir misiniz", "faturam gelmedi halleder misiniz", "faturam gelmedi araştırırsanız sevinirim"]) {
      expect(analyze(text).map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    }
    // the writer's frustration in idioms of two words names nothing; each word alone stays
    for (const text of ["faturam gelmedi, kafayı yiyeceğim", "faturam gelmedi deliye döndüm", "faturam gelmedi tepem attı", "faturam gelmedi canıma tak etti", "faturam gelmedi çıldırdım"]) {
      expect(analyze(text).map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    }
    expect(analyze("yemek kartımı kaybettim").map((t) => t.surface)).toContain("yemek");
    // more courtesies and requests about the exchange, and the writer wronged in the past
    for (const text of ["faturam gelmedi, lütfen yardımcı olun", "faturam gelmedi, bilgi verirseniz sevinirim", "faturam gelmedi, müsait olduğunuzda dönüş yapın", "faturam gelmedi, mağdur oldum"]) {
      expect(analyze(text).map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    }
    expect(analyze("mağdur yolcu hakları").map((t) => t.surface)).toContain("magdur");
    for (const text of ["faturam gelmedi, sizden ricam", "faturam gelmedi, haberiniz olsun", "faturam gelmedi, şimdiden eyvallah", "faturam gelmedi, saygılarımla arz ederim", "faturam gelmedi, gereğini rica ederim", "bir konuda bilgi almak istiyorum, faturam gelmedi"]) {
      expect(analyze(text).map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    }
    // a problem said with what it is about stays a topic; announced with the indefinite article, it names nothing yet
    expect(analyze("ödeme sorunum var").map((t) => t.surface)).toContain("sorunum");
    for (const text of ["Merhaba, bir problemim var. Faturam gelmedi", "Bi sorunum var, faturam gelmedi", "bir sorum olacak, faturam gelmedi", "bir sıkıntım var faturam gelmedi"]) {
      expect(analyze(text).map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    }
    // how soon the reply is wanted goes with the request for it; before anything else it stays
    for (const text of ["faturam gelmedi, en kısa sürede dönüş bekliyorum", "faturam gelmedi, bir an önce cevap verin", "faturam gelmedi, en kisa zamanda donus yaparmisiniz", "faturam gelmedi, acilen"]) {
      expect(analyze(text).map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    }
    expect(analyze("kartım en kısa sürede gelsin").map((t) => t.surface)).toEqual(expect.arrayContaining(["kisa", "surede"]));
    // still waiting for what the message told names nothing more; waiting for something stays
    for (const text of ["faturam gelmedi, hala bekliyorum", "faturam gelmedi, hâlâ bekliyoruz", "faturam gelmedi halen bekliyom"]) {
      expect(analyze(text).map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    }
    expect(analyze("kargomu bekliyorum").map((t) => t.surface)).toContain("bekliyorum");
    // session 39: what customers write around a question that names nothing (each beside `faturam gelmedi`), and the
    // same words where they do name something
    const framesNamingNothing = [
      // asking to be informed, how fully, and about the matter pointed at
      "faturam gelmedi. Bilgilendirir misiniz?",
      "faturam gelmedi, bilgilendirebilirmisiniz",
      "faturam gelmedi. Bilgilendirme yaparsanız sevinirim",
      "faturam gelmedi, beni bilgilendirin",
      "faturam gelmedi. Detaylı bilgi alabilir miyim?",
      "faturam gelmedi, ayrıntılı bilgi rica ediyorum",
      "faturam gelmedi, konu hakkında bilgi verebilir misiniz",
      "faturam gelmedi, konuyla ilgili bilgilendirirseniz sevinirim",
      // thanks in advance with words between, a reply waited for impatiently or asked for back, urgency and possibility
      "faturam gelmedi. Şimdiden ilginiz için teşekkürler.",
      "faturam gelmedi. Konuyla ilgili geri dönüşünüzü bekliyorum.",
      "faturam gelmedi. Cevabınızı sabırsızlıkla bekliyorum.",
      "faturam gelmedi, geri dönüşünüzü sabırsızlıkla bekliyorum",
      "faturam gelmedi, ivedilikle dönüş rica ederim",
      "faturam gelmedi, mümkünse acil geri dönüş yapın",
      // when the story happened, told from now, and the question asked again
      "az önce faturam gelmedi",
      "sabahtan beri faturam gelmedi",
      "bunu ikinci kez soruyorum: faturam gelmedi",
      "tekrar yazıyorum, faturam gelmedi",
      // a hand lent, what the one who answers can do, being at a loss, urgency in English
      "faturam gelmedi bi el atın",
      "faturam gelmedi, elinizden gelen bir şey var mı",
      "faturam gelmedi, şaşırdım",
      "faturam gelmedi asap",
      // the greeting in two words
      "selamün aleyküm, faturam gelmedi",
      // a plea, and exasperation addressed to nobody
      "faturam gelmedi, allahaşkına",
      "faturam gelmedi, allah aşkına",
      "ya arkadaş faturam gelmedi",
    ];
    for (const text of framesNamingNothing) {
      expect({ text, words: analyze(text).map((t) => t.surface).filter((surface) => surface !== "?exists") }).toEqual({ text, words: ["faturam", "gelmedi"] });
    }
    expect(analyze("faturam gelmedi, bi el atar mısınız").map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    for (const [text, word] of [
      ["sms bilgilendirme nasıl kapatılır", "bilgilendirme"],
      ["detaylı ekstre", "detayli"],
      ["param geri gelmedi", "geri"],
      ["şimdiden rezervasyon yapabilir miyim", "simdiden"],
      ["iptal mümkün mü", "?can"],
      ["yurt dışına çıkmadan önce", "once"],
      ["geçen hafta ticket açmıştım", "hafta"],
      ["elim kırıldı", "elim"],
      ["arkadaşıma hediye", "arkadasima"],
      ["ps5 fiyatı", "ps"],
    ] as const) {
      expect({ text, words: analyze(text).map((t) => t.surface) }).toEqual({ text, words: expect.arrayContaining([word]) });
    }
    // the writer describing themselves, and writing on someone's behalf; acting on their behalf stays a topic
    expect(analyze("ben yaşlı biriyim, pek anlamam, faturam gelmedi").map((t) => t.surface)).toEqual(["yasli", "faturam", "gelmedi"]);
    // the one on whose behalf, too (session 40)
    expect(analyze("eşim adına yazıyorum, faturam gelmedi").map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    expect(analyze("annem namına soruyorum: kartı kayboldu").map((t) => t.surface)).toEqual(["karti", "kayboldu"]);
    expect(analyze("eşim adına randevu alabilir miyim").map((t) => t.surface)).toEqual(expect.arrayContaining(["adina", "randevu"]));
    // a situation announced before it is told names nothing; without the manner word, `durum` stays
    expect(analyze("şöyle bir durum var, faturam gelmedi").map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    expect(analyze("boyle bi durum yasadim: faturam gelmedi").map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    expect(analyze("acil bir durum var, kimi aramalıyım").map((t) => t.surface)).toContain("durum");
    expect(analyze("başvuru durumu").map((t) => t.surface)).toContain("durumu");
    // an existential after anything else stays
    expect(analyze("bir kartım var").map((t) => t.surface)).toEqual(["kartim", "?exists"]);
    // urgency names nothing, as `acil` does; `önemli` alone may be what an entry asks about
    expect(analyze("faturam gelmedi, çok önemli").map((t) => t.surface)).toEqual(["faturam", "gelmedi"]);
    expect(analyze("memnuniyet neden önemli").map((t) => t.surface)).toContain("onemli");
    expect(analyze("sinir hastalıkları bölümü").map((t) => t.surface)).toContain("sinir");
    // the count of how long the matter has gone on so far names nothing; the unit stays, and so does the copula's count
    // a phone, card or IBAN number typed in groups is one number; amounts, years and counts keep their groups
    expect(withContactDetailsRead("numaram 0532 123 45 67, kartım kayıp")).toBe("numaram 05321234567, kartım kayıp");
    expect(withContactDetailsRead("+90 (532) 123-45-67 arayın")).toBe("+905321234567 arayın");
    expect(withContactDetailsRead("kart no 4543 1234 5678 9012")).toBe("kart no 4543123456789012");
    for (const text of ["1.500 TL", "10.000.000 TL", "2024 2025 sezonu", "3 5 10 gün"]) expect(withContactDetailsRead(text)).toBe(text);
    // an e-mail address goes, with the words that label it as the writer's
    for (const text of ["mail adresim ayse.yilmaz@gmail.com", "E-posta adresim: ayse@gmail.com", "(e-posta: ayse@firma.com.tr)", "mailim ayse@gmail.com'dur"]) {
      expect(textWords(withContactDetailsRead(`kartım kayıp, ${text}`))).toEqual(["kartım", "kayıp"]);
    }
    expect(textWords(withContactDetailsRead("e-posta adresimi nasıl değiştiririm"))).toEqual(["e", "posta", "adresimi", "nasıl", "değiştiririm"]);
    // before the writer's own effort the unit goes too: it measures how long they tried
    expect(withoutDurationCounts(textWords("3 gündür uğraşıyorum, kartımı kaybettim"))).toEqual(["uğraşıyorum", "kartımı", "kaybettim"]);
    expect(withoutDurationCounts(textWords("günlerdir ugrasiyorum kartımı kaybettim"))).toEqual(["ugrasiyorum", "kartımı", "kaybettim"]);
    expect(withoutDurationCounts(textWords("2 haftadan beri çabalıyorum. Kartımı kaybettim"))).toEqual(["çabalıyorum", "kartımı", "kaybettim"]);
    // a delay told of the matter keeps its unit
    expect(withoutDurationCounts(textWords("kargom günlerdir bekliyor"))).toEqual(["kargom", "günlerdir", "bekliyor"]);
    expect(withoutDurationCounts(textWords("3 gündür kargo bekliyorum"))).toEqual(["gündür", "kargo", "bekliyorum"]);
    expect(withoutDurationCounts(textWords("kargom iki haftadır gelmedi, 5 saatten beri arıyorum"))).toEqual(["kargom", "haftadır", "gelmedi", "saatten", "beri", "arıyorum"]);
    expect(withoutDurationCounts(textWords("iade süresi kaç gündür"))).toEqual(["iade", "süresi", "kaç", "gündür"]);
    expect(withoutDurationCounts(textWords("cayma süresi 14 gündür"))).toEqual(["cayma", "süresi", "14", "gündür"]);
    expect(withoutDurationCounts(textWords("3 gün içinde iade 2 adet ürün"))).toEqual(["3", "gün", "içinde", "iade", "2", "adet", "ürün"]);
    // a time of the story told from today is one past time, `dün`; days ahead, `bugün` and `bu` before other parts of the day stay
    expect(withStoryTimesRead(textWords("geçen hafta kartımı kaybettim"))).toEqual(["dün", "kartımı", "kaybettim"]);
    expect(withStoryTimesRead(textWords("Dün akşam sipariş verdim, gecen cuma da iade ettim"))).toEqual(["dün", "sipariş", "verdim", "dün", "da", "iade", "ettim"]);
    expect(withStoryTimesRead(textWords("bu sabah geçenlerde dünkü geçen haftaki"))).toEqual(["dün", "dün", "dün", "dün"]);
    for (const text of ["yarın teslim alabilir miyim", "bugün açık mısınız", "bu akşam teslimat var mı", "geçen yıllara göre zam", "süresi geçen kart"]) {
      expect(withStoryTimesRead(textWords(text))).toEqual(textWords(text));
    }
    // the history of the exchange: contact made before, no reply, nobody answering
    for (const text of ["Daha önce de yazdım ama cevap gelmedi", "daha once sordum ama kimse cevap vermedi", "Kimse ilgilenmiyor", "Hala dönüş yok", "defalarca mail attım, hiç yanıt alamadım", "daha önce de ilettim", "birkaç kez ulaştım"]) {
      expect({ text, left: withoutExchangeHistory(textWords(text)).filter((word) => word !== "ama") }).toEqual({ text, left: [] });
    }
    // what names a matter stays: nobody at home, nobody came, an earlier loss, a reply not yet a noun of the history
    expect(withoutExchangeHistory(textWords("evde kimse yok"))).toEqual(["evde", "kimse", "yok"]);
    expect(withoutExchangeHistory(textWords("teknisyen gelmedi"))).toEqual(["teknisyen", "gelmedi"]);
    expect(withoutExchangeHistory(textWords("daha önce kartımı kaybettim"))).toEqual(["daha", "önce", "kartımı", "kaybettim"]);
    expect(withoutExchangeHistory(textWords("kartım yok"))).toEqual(["kartım", "yok"]);
    expect(withoutExchangeHistory(textWords("müşteri hizmetlerini aradım"))).toEqual(["müşteri", "hizmetlerini", "aradım"]);
    // the writer's reproach: a threat of where the matter goes, and discontent; an intention that names a matter stays
    for (const text of ["Sizi şikayet edeceğim", "yoksa sosyal medyada paylaşacağım", "tüketici hakem heyetine gideceğim", "avukatıma vereceğim", "Hiç memnun değilim", "sizi her yerde şikayet edicem"]) {
      expect({ text, left: withoutReproach(textWords(text)) }).toEqual({ text, left: [] });
    }
    for (const text of ["kartımı iptal edeceğim", "yarın yurt dışına çıkacağım", "şikayetimi nereye iletebilirim", "müşteriler memnun değil"]) expect(withoutReproach(textWords(text))).toEqual(textWords(text));
    // an outcry asks nothing; a question that goes on with a verb is one
    const verbs = new Set(["yapılır", "yapıyorum"]);
    for (const text of ["Bu ne biçim hizmet?", "Bu nasıl bir sistem ya?", "Ayıp değil mi?", "Yazıklar olsun.", "ne biçim iş bu"]) expect({ text, outcry: isOutcry(text, (typed) => verbs.has(typed)) }).toEqual({ text, outcry: true });
    for (const text of ["Bu nasıl yapılır?", "Bu ne biçim bir kargo takibi yapıyorum?", "Nasıl hizmet alırım?", "Bu nasıl?", "Hizmet ne biçim verilir"]) expect({ text, outcry: isOutcry(text, (typed) => verbs.has(typed)) }).toEqual({ text, outcry: false });
    // the same verbs keep their words where the customer does the looking, or an answer instructs the customer
    expect(analyze("bakiyeme nasıl bakarım").map((t) => t.surface)).toContain("bakarim");
    expect(analyze("Spam klasörünüzü kontrol edin.").map((t) => t.surface)).toContain("kontrol");
    expect(analyze("faturayı kontrol eder").map((t) => t.surface)).toContain("kontrol");
    expect(analyze("kartımı iptal eder misiniz").map((t) => t.surface)).toContain("iptal");
    expect(analyze("şikayetime ne zaman cevap verilir").map((t) => t.surface)).toContain("cevap");
    expect(analyze("geçmiş siparişlerim").map((t) => t.surface)).toContain("gecmis");
    // `şuan` (şu an, now), read by the analyser as `şua` (a ray), and `maalesef` name nothing; `varmıdır` asks whether
    expect(analyze("şuan malesef kampanya varmıdır napim").map((t) => t.surface)).toEqual(["kampanya", "?exists", "?how"]);
    // chat's shortenings and misspellings: of fillers, dropped; of content words, read as the words they stand for
    expect(analyze("tmmdır tşkrler iyiki naber").map((t) => t.surface)).toEqual([]);
    expect(analyze("tlf numaram yalnış").map((t) => t.surface)).toEqual(["telefon", "numaram", "yanlis"]);
    expect(analyze("birtane kart").map((t) => t.surface)).toEqual(["tane", "kart"]);
    // `değil` as chat spells it keeps its meaning
    expect(analyze("memnun diil").map((t) => t.surface)).toContain("degil");
    // hedges, chat's `acba` for `acaba`, and the pronoun `kimse` name nothing
    expect(analyze("kargom kayboldu sanirim, kimse bilmiyor acba").map((t) => t.surface)).toEqual(["kargom", "kayboldu", "bilmiyor"]);
    // `şey` (thing) names nothing in any case: "tanım dediğimiz şeyin", "bu şeyleri"
    expect(analyze("şeyin şeye şeyden şeyleri şeylerin seylere fatura").map((t) => t.surface)).toEqual(["fatura"]);
    // the demonstratives of place (here, there) point at what the message names elsewhere, as typed, folded or shortened;
    // `oranın` is also a rate's (`oran`), and stays
    expect(analyze("şubede bekleyen kargom orada ne kadar kalır").map((t) => t.surface)).toEqual(["subede", "bekleyen", "kargom", "?howmuch", "kalir"]);
    expect(analyze("buradan dış hatları aramak, şurası oraya ordan surada").map((t) => t.surface)).toEqual(["dis", "hatlari", "aramak"]);
    expect(analyze("faiz oranın").map((t) => t.surface)).toEqual(["faiz", "oranin"]);
    expect(analyze("tamm").map((t) => t.surface)).toEqual(["tam"]);
    // a stop word typed as spoken is the stop word (`istiyom`: `istiyorum`); other verbs so typed stay
    expect(analyze("şifremi değiştirmek istiyom, soruyom, merak ediyom").map((t) => t.surface)).toEqual(["sifremi", "degistirmek"]);
    expect(analyze("kartı kesiyo").map((t) => t.surface)).toEqual(["karti", "kesiyo"]);
    // not knowing, said of oneself, asks ("nerede görürüm bilmiyorum"), as `merak ediyorum` does; of others, it tells
    expect(analyze("biletimi nerde görücem bilmiyom, bilemiyorum, bilmiyoruz").map((t) => t.surface)).toEqual(["biletimi", "?where", "gorucem"]);
    // `ağa`, typed with its `ğ`, is a word
    expect(isStopWord("ağa")).toBe(false);
    expect(analyze("ISO 10002 nedir?").map((t) => t.surface)).toEqual(["iso", "10002", "?what"]);
    expect(analyze("crm NPS Csat ces CX").map((t) => t.surface)).toEqual(["crm", "nps", "csat", "ces", "cx"]);
    expect(analyze("Müşteri memnuniyeti nasıl tanımlanır?").map((t) => t.surface)).toEqual(["musteri", "memnuniyeti", "?how", "tanimlanir"]);
  });

  it.each([
    // an infinitive before değil or a negated istemek, with the noun of its light verb
    ["üyeliği iptal etmek değil, hesabımı silmek istiyorum", ["üyeliği", "değil", "hesabımı", "silmek", "istiyorum"]],
    ["uyeligi iptal etmek degil hesabimi silmek istiyorum", ["uyeligi", "degil", "hesabimi", "silmek", "istiyorum"]],
    ["dondurmak istiyorum ama iptal ettirmek istemiyorum", ["dondurmak", "istiyorum", "ama", "istemiyorum"]],
    ["Kartı kapatmak istemiyoruz", ["kartı", "istemiyoruz"]],
    ["kapatmak istemiyom", ["istemiyom"]],
    // a negative past of the writer's before sadece
    ["şifremi unutmadım, sadece değiştirmek istiyorum", ["şifremi", "sadece", "değiştirmek", "istiyorum"]],
    ["unutmadik yalnizca guncellemek istiyoruz", ["yalnizca", "guncellemek", "istiyoruz"]],
    // a verb denied as a state names the problem; an infinitive wanted or asked about stays
    ["kartım gelmedi, sadece bildirim geldi", ["kartım", "gelmedi", "sadece", "bildirim", "geldi"]],
    ["yemek kartım çalışmıyor", ["yemek", "kartım", "çalışmıyor"]],
    ["iptal etmek istiyorum", ["iptal", "etmek", "istiyorum"]],
    ["kurulu değil, kurdurabilir miyim", ["kurulu", "değil", "kurdurabilir", "miyim"]],
  ])("drops an action the writer denies beside the one asked for: %s", (text, expected) => {
    expect(withoutDenied(textWords(text))).toEqual(expected);
  });

  it("drops discourse connectives of a demonstrative and a noun (bu durumda, bu yüzden), never the noun alone", () => {
    expect(analyze("Bu durumda hesabıma nasıl erişebilirim?").map((t) => t.surface)).toEqual(["hesabima", "?how", "erisebilirim"]);
    expect(analyze("bu yuzden kartim kapandi, bu arada su sefer de").map((t) => t.surface)).toEqual(["kartim", "kapandi"]);
    // the noun keeps its meaning elsewhere: `başvurumun durumu`, `hasar durumunda`
    expect(analyze("başvurumun durumu").map((t) => t.surface)).toEqual(["basvurumun", "durumu"]);
    expect(analyze("hasar durumunda").map((t) => t.surface)).toEqual(["hasar", "durumunda"]);
    // `şu anda` (now), typed with or without Turkish letters
    expect(analyze("Şu anda indirim var mı").map((t) => t.surface)).toEqual(analyze("indirim var mı").map((t) => t.surface));
    expect(analyze("su anda indirim var mi").map((t) => t.surface)).toEqual(analyze("indirim var mı").map((t) => t.surface));
    expect(analyze("o zaman bu şekilde iptal ederim, bu konuda").map((t) => t.surface)).toEqual(["iptal"]);
    // `ne zaman` still asks when
    expect(analyze("ne zaman iptal ederim").map((t) => t.surface)).toEqual(["?when", "iptal"]);
  });

  it("drops the postpositions that relate a noun to the sentence and name nothing (boyunca, itibaren, nedeniyle), typed with Turkish letters or without", () => {
    expect(analyze("Tur boyunca sigara içilir mi").map((t) => t.surface)).toEqual(analyze("Tur sigara içilir mi").map((t) => t.surface));
    expect(analyze("kac yasindan itibaren uye olunur").map((t) => t.surface)).toEqual(analyze("kac yasindan uye olunur").map((t) => t.surface));
    expect(analyze("konaklama süresince, yağmur nedeniyle, arıza sırasında").map((t) => t.surface)).toEqual(["konaklama", "yagmur", "ariza"]);
    // the nouns they are made of keep their meaning: `süre` (a period), `sıra` (a queue), `taraf` (a party)
    expect(analyze("süre sıra taraf").map((t) => t.surface)).toEqual(["sure", "sira", "taraf"]);
  });

  it("keeps the words stopwords-iso would drop though they carry meaning", () => {
    expect(analyze("değil yok var sonra önce ilk tek iş").map((t) => t.surface)).toEqual(["degil", "yok", "?exists", "sonra", "once", "ilk", "tek", "is"]);
    // "ön" is decided before folding, so it never meets the stop word "on" … nor is "on" one
    expect(analyze("ön sipariş").map((t) => t.surface)).toEqual(["on", "siparis"]);
    // "şu" is a stop word, but typed without Turkish letters it is "su" (water), a topic word
    expect(analyze("şu su").map((t) => t.surface)).toEqual(["su"]);
  });

  it("tells the question words that separate intents apart, two-word ones included", () => {
    const kinds = (text: string): string[] => analyze(text).map((t) => t.surface).filter((s) => s.startsWith("?"));
    expect(kinds("NPS neden ölçülür")).toEqual(["?why"]);
    expect(kinds("NPS nasil olculur")).toEqual(["?how"]);
    expect(kinds("EFT ücreti ne kadar")).toEqual(["?howmuch"]);
    expect(kinds("kart ne zaman gelir")).toEqual(["?when"]);
    // the second word mistyped by one letter: after `ne`, nothing else could be there
    expect(kinds("bakiyem ne kadr kaldı")).toEqual(["?howmuch"]);
    expect(kinds("kart ne zman gelir")).toEqual(["?when"]);
    expect(kinds("ne zamana kadar bildirmeliyim")).toEqual(["?when"]);
    expect(analyze("ne kader").map((t) => t.surface)).toEqual(["?howmuch"]);
    expect(analyze("ne kalem").map((t) => t.surface)).toEqual(["?what", "kalem"]);
    // `kadar` and `zaman` inflected after `ne` ask the same (how much of it, of how much, since when)
    expect(analyze("masrafın ne kadarını ödersiniz").map((t) => t.surface)).toEqual(["masrafin", "?howmuch", "odersiniz"]);
    expect(kinds("en az ne kadarlık almalıyım")).toEqual(["?howmuch"]);
    expect(kinds("paramın ne kadari geri doner")).toEqual(["?howmuch"]);
    expect(kinds("ne zamandan beri bekliyorum")).toEqual(["?when"]);
    expect(kinds("ne zamandır kapalı")).toEqual(["?when"]);
    // a word of its own that starts so is not one (`zamanlama`, timing)
    expect(kinds("ne zamanlama")).toEqual(["?what"]);
    // typed as one word, or with `zaman` shortened as `kadar` is (`ne kdr`)
    expect(kinds("kart nezaman gelir")).toEqual(["?when"]);
    expect(kinds("eft ücreti nekadar")).toEqual(["?howmuch"]);
    expect(kinds("eft ücreti nekdr")).toEqual(["?howmuch"]);
    expect(kinds("kart ne zmn gelir")).toEqual(["?when"]);
    // `kaçta` (at what time) asks when; `kaç` alone asks how many
    expect(kinds("eft kaçta kapanıyor")).toEqual(["?when"]);
    expect(kinds("sube kacta aciliyor")).toEqual(["?when"]);
    expect(kinds("kaç gün sürer")).toEqual(["?howmuch"]);
    // `ayın kaçına kadar` asks a day of the month
    expect(kinds("ayın kaçına kadar yatırmalıyım")).toEqual(["?when"]);
    // necessity and possibility ask whether a thing must or can be done
    expect(kinds("mağazaya gitmem şart mı")).toEqual(["?must"]);
    expect(kinds("şubeye gitmek zorunda mıyım")).toEqual(["?must"]);
    // `zorunlu` and `mecburi` also name a kind of thing (`zorunlu trafik sigortası`): topic words
    expect(kinds("zorunlu sigorta ne kapsar")).toEqual(["?what"]);
    expect(kinds("tarihi değiştirmek mumkun mu")).toEqual(["?can"]);
    // `şartları` (the conditions) is a topic word
    expect(kinds("başvuru şartları")).toEqual([]);
    expect(kinds("şube nerde")).toEqual(["?where"]);
    // the question pronouns inflected as nouns are: the same questions, never topic words
    expect(kinds("kasko neleri kapsar")).toEqual(["?what"]);
    expect(kinds("kasko neyi kapsiyor")).toEqual(["?what"]);
    expect(kinds("indirim kimlere uygulanır")).toEqual(["?who"]);
    expect(kinds("aşevinden kimler yararlanabilir")).toEqual(["?who"]);
    expect(kinds("piknik alanları nerelerde")).toEqual(["?where"]);
    expect(kinds("paketlerden hangisini seçmeliyim")).toEqual(["?which"]);
    expect(analyze("kasko neleri kapsar").map((t) => t.surface)).toEqual(analyze("kasko neyi kapsar").map((t) => t.surface));
    // words that only start like them stay topic words
    expect(kinds("nem nemli kimlik nereli hangar")).toEqual([]);
    // `var mı` asks whether a thing exists: a frame like `nasıl`, not a topic
    expect(kinds("kreş ücretinde indirim var mı")).toEqual(["?exists"]);
    expect(kinds("indirim varmi")).toEqual(["?exists"]);
    // `yok` keeps its meaning (`kartım yanımda yok`)
    expect(analyze("kartım yanımda yok").map((t) => t.surface)).toContain("yok");
    // with the question particle typed onto it, as chat often does
    expect(analyze("indirim yokmu").map((t) => t.surface)).toEqual(analyze("indirim yok mu").map((t) => t.surface));
    expect(analyze("memnun değilmi").map((t) => t.surface)).toEqual(["memnun", "degil"]);
    // a verb with the particle and its person typed onto it; without the person the shape is also a noun's
    expect(analyze("yardımcı olurmusunuz").map((t) => t.surface)).toEqual([]);
    expect(analyze("kartımı alabilirmiyim").map((t) => t.surface)).toEqual(analyze("kartımı alabilir miyim").map((t) => t.surface));
    expect(analyze("alarmı yirmi platformu").map((t) => t.surface)).toEqual(["alarmi", "yirmi", "platformu"]);
    // the present tense needs no person: `-Iyor` then `mI` is no other form (`radyomu`, `mayomu` are nouns)
    const surfaces = (text: string): string[] => analyze(text).map((t) => t.surface);
    expect(surfaces("5g çekiyomu")).toEqual(surfaces("5g çekiyo mu"));
    expect(surfaces("kargo geliyormu")).toEqual(surfaces("kargo geliyor mu"));
    expect(surfaces("radyomu mayomu")).toEqual(["radyomu", "mayomu"]);
  });

  it("drops the light verbs etmek and olmak in all their forms, but not words that start like them", () => {
    expect(analyze("Müşteriyi nasıl memnun ederiz?").map((t) => t.surface)).toEqual(["musteriyi", "?how", "memnun"]);
    expect(analyze("ikna etmenin yolları; şikayet edilir, memnun edebilirim, ikna ettik").map((t) => t.surface)).toEqual(["ikna", "yolari", "sikayet", "memnun", "ikna"]);
    expect(analyze("etkileyen etkenler müşteri edinmek olumlu oluşturmak mümkün olur").map((t) => t.surface)).toEqual([
      "etkileyen", "etkenler", "musteri", "edinmek", "olumlu", "olusturmak", "?can",
    ]);
  });

  it("drops their converbs and conditionals (istifa edince, ödeme yapıp, üye olursam)", () => {
    expect(analyze("istifa edince, iptal edip, iade ederek, teslim ederken, iptal edersem").map((t) => t.surface)).toEqual(["istifa", "iptal", "iade", "teslim", "iptal"]);
    expect(analyze("üye olunca, üye olursam, sahip olurken").map((t) => t.surface)).toEqual(["uye", "uye", "sahip"]);
    expect(analyze("ödeme yapınca, ödeme yapıp, arama yaparak, arama yaparken, çıkış yaparsam, ödeme yapılınca, ödeme yapılırsa").map((t) => t.surface)).toEqual([
      "odeme", "odeme", "arama", "arama", "cikis", "odeme", "odeme",
    ]);
  });

  it("drops their negative and can-not forms too, but not yapı, yapay or etmen", () => {
    expect(analyze("asgari ödemeyi yapmazsam, ödeme yapamıyorum, iptal etmedim, ikna edemedim").map((t) => t.surface)).toEqual([
      "asgari", "odemeyi", "odeme", "iptal", "ikna",
    ]);
    expect(analyze("yapı yapay zeka etmenler").map((t) => t.surface)).toEqual(["yapi", "yapay", "zeka", "etmenler"]);
  });

  it("drops their optative, conditional, future and possessed verbal-noun forms, but not yapay or yapı's own", () => {
    expect(analyze("kartımı kaybettim ne yapayım, ne yapalım, şikayet edeyim mi, üye olayım, ne yapıyım").map((t) => t.surface)).toEqual([
      "kartimi", "kaybetim", "?what", "?what", "sikayet", "uye", "?what",
    ]);
    expect(analyze("iptal etsem, başvuru yapsam, üye olsak, ne yapacağım, iptal edeceğim, iptal olacağını").map((t) => t.surface)).toEqual([
      "iptal", "basvuru", "uye", "?what", "iptal", "iptal",
    ]);
    expect(analyze("ne yapmam lazım, başvuru yapmamız gerekiyor mu, iptal etmemiz").map((t) => t.surface)).toEqual([
      "?what", "basvuru", "gerekiyor", "iptal",
    ]);
    expect(analyze("yapay zeka, yapısal sorun, yapının ruhsatı").map((t) => t.surface)).toEqual(["yapay", "zeka", "yapisal", "sorun", "yapinin", "ruhsati"]);
  });

  it("drops their forms as they are typed in chat, but not yapıcı, yapmacık or edici", () => {
    expect(analyze("iptal edicem, iptal edcez, iptal etcem, iptal edecem, iptal olucak mı, iptal olcak").map((t) => t.surface)).toEqual([
      "iptal", "iptal", "iptal", "iptal", "iptal", "iptal",
    ]);
    expect(analyze("nası giriş yapcam, başvuru yapıcaz, başvuru yapacam").map((t) => t.surface)).toEqual(["?how", "giris", "basvuru", "basvuru"]);
    // the present without its `r`, and the reported past
    expect(analyze("iptal ediyom, üye oluyo, başvuru yapıyoz, iptal etmişler, başvuru yapmıştım").map((t) => t.surface)).toEqual([
      "iptal", "uye", "basvuru", "iptal", "basvuru",
    ]);
    // the passive of `yapmak` as it is typed, as `ediliyo` already was
    expect(analyze("kayit nasil yapiliyo, servis yapılıyomu, ödeme yapılcak mı, iptal ediliyo").map((t) => t.surface)).toEqual([
      "kayit", "?how", "servis", "odeme", "iptal",
    ]);
    expect(analyze("yapıcı eleştiri, yapmacık, edici").map((t) => t.surface)).toEqual(["yapici", "elestiri", "yapmacik", "edici"]);
    // `noldu`: `ne oldu`
    expect(analyze("siparişime noldu").map((t) => t.surface)).toEqual(["siparisime", "?what"]);
    // `nolcak`: `ne olacak`; `napıyoz`: `ne yapıyoruz`
    expect(analyze("depozito nolcak").map((t) => t.surface)).toEqual(["depozito", "?what"]);
    expect(analyze("ben napıyoz").map((t) => t.surface)).toEqual(["?how"]);
    // with the past or reported copula: the same question words
    expect(analyze("numaranız neydi, şube nerdeydi, nasılmış").map((t) => t.surface)).toEqual(["numaraniz", "?what", "sube", "?where", "?how"]);
  });

  it("drops every form of olmak, negative ones included, but not olanak, olay or olası", () => {
    expect(analyze("memnun olmadım, üye olmadan, sahibi olduğunu, mümkün olmuyor, bağlı olması").map((t) => t.surface)).toEqual([
      "memnun", "uye", "sahibi", "?can", "bagli",
    ]);
    expect(analyze("olanak olay olası olgun").map((t) => t.surface)).toEqual(["olanak", "olay", "olasi", "olgun"]);
  });

  it("tells a light verb with a vowel left out (yapilr, yaplir, oluyr, edeblirim), and no other word", () => {
    for (const word of ["yapilr", "yaplir", "yapiliyr", "oluyr", "edeblirim", "edilebilr"]) expect(isMistypedLightVerb(word)).toBe(true);
    for (const word of ["yapilir", "kart", "olay", "yapay", "etkin", "odeme", "oda"]) expect(isMistypedLightVerb(word)).toBe(false);
  });

  it("reads the indirect question `olup olmadığını` as `var mı`", () => {
    expect(analyze("borcum olup olmadığını nasıl öğrenirim").map((t) => t.surface)).toEqual(["borcum", "?exists", "?how", "ogrenirim"]);
    expect(analyze("borcum var mı").map((t) => t.surface)).toEqual(["borcum", "?exists"]);
  });
});

describe("isMistypedStopWord", () => {
  // one edit from a stop word of six letters or more: a letter left out, added, replaced, or two swapped
  it.each([
    ["istiyrum", true],
    ["istiyorrum", true],
    ["istiyorun", true],
    ["itsiyorum", true],
    // the stop word itself, two edits from one (`anlattı` is neither `anlatır` nor `anlatın`), a short word
    ["istiyorum", false],
    ["anlatti", false],
    ["istyrm", false],
    ["kargom", false],
  ])("%s → %s", (word, expected) => {
    expect(isMistypedStopWord(word, 6)).toBe(expected);
  });
});

describe("mistypedQuestionWord", () => {
  // one edit from a listed question word of five letters or more, all of whose look-alikes ask one thing
  it.each([
    ["nerdn", "?where"],
    ["neredn", "?where"],
    ["hnagi", "?which"],
    ["nsail", "?how"],
    ["nedri", "?what"],
    ["mumkumn", "?can"],
    ["naptim", "?how"],
    // too short to tell (`kac`, `kim` are one edit from many words), two edits away, or not one
    ["kac", undefined],
    ["kmi", undefined],
    ["nrdn", undefined],
    ["kargo", undefined],
  ])("%s → %s", (word, expected) => {
    expect(mistypedQuestionWord(word, 5)).toBe(expected);
  });
});

describe("refersBack", () => {
  it.each([
    ["Bunu ne zamana kadar yapmamız gerekiyor?", true],
    ["bunu nerden yaparim", true],
    ["Böyle bir durumda ne yapmalıyım?", true],
    ["boyle olur mu ya", true],
    ["Onun için hangi belge lazım?", true],
    ["Bu ay ekstremde aidat gördüm.", false],
    ["O kart hâlâ geçerli mi?", false],
    ["Kartımı nasıl kapatırım?", false],
  ] as const)("%s → %s", (sentence, expected) => {
    expect(refersBack(sentence)).toBe(expected);
  });
});

describe("turkishSpellings", () => {
  it("puts Turkish letters back in every combination, only into words typed in plain letters", () => {
    expect(turkishSpellings("su", 6).sort()).toEqual(["sü", "şu", "şü"]);
    expect(turkishSpellings("almaliyim", 6)).toContain("almalıyım");
    expect(turkishSpellings("almaliyim", 6)).toHaveLength(3);
    expect(turkishSpellings("ödeme", 6)).toEqual([]);
    expect(turkishSpellings("kart", 6)).toEqual([]);
    // more letters that could be Turkish than allowed: none
    expect(turkishSpellings("gosterilsin", 3)).toEqual([]);
  });
});

describe("writtenVerbForms", () => {
  it.each([
    ["istiyo", "istiyor"],
    ["bilmiyom", "bilmiyorum"],
    ["çekiyoz", "çekiyoruz"],
    ["çekiyomu", "çekiyor"],
    ["yapcam", "yapacağım"],
    ["gelcem", "geleceğim"],
    ["gelcek", "gelecek"],
    ["alcaz", "alacağız"],
    // the future's vowel raised in speech, after a consonant stem
    ["bakıcam", "bakacağım"],
    ["yakıcaz", "yakacağız"],
    ["evlenicez", "evleneceğiz"],
    // the future's other persons, and after a raised vowel stem with the suffix's `y`
    ["gelceksiniz", "geleceksiniz"],
    ["dönceksiniz", "döneceksiniz"],
    ["ödiycem", "ödeyeceğim"],
    ["arıycam", "arayacağım"],
    // the ability's vowel raised after a vowel stem, with the particle typed onto it or without
    ["ödiyebilir", "ödeyebilir"],
    ["arıyabilir", "arayabilir"],
    // the present's other persons without the `r`
    ["veriyonuz", "veriyorsunuz"],
    ["geliyosun", "geliyorsun"],
    ["kesiyolar", "kesiyorlar"],
    // the present and the future in the past
    ["bekliyodum", "bekliyordum"],
    ["yapcaktım", "yapacaktım"],
    ["gelcekti", "gelecekti"],
    // the future with its vowel, without the `ğ` and the vowel after it
    ["bakacam", "bakacağım"],
    ["ödeyecez", "ödeyeceğiz"],
    // the question particle typed onto the verb, with its person or without
    ["geldimi", "geldi"],
    ["ödendimi", "ödendi"],
    ["geliyormu", "geliyor"],
    ["gelmedimisin", "gelmedi"],
  ])("reads the chat spelling %s as %s first", (typed, written) => {
    expect(writtenVerbForms(typed)[0]).toBe(written);
  });

  it.each([
    // after a vowel stem, whose own last vowel is raised too
    ["ödicem", "ödeyeceğim"],
    ["yüklicem", "yükleyeceğim"],
    ["ödemicem", "ödemeyeceğim"],
    // a final `t` voiced before the future's vowel
    ["gitcez", "gideceğiz"],
    ["etcem", "edeceğim"],
  ])("reads %s as %s too", (typed, written) => {
    expect(writtenVerbForms(typed)).toContain(written);
  });

  it("reads a chat spelling with the particle typed onto it as written", () => {
    expect(writtenVerbForms("gelcekmi")).toEqual(["gelcek", "gelecek"]);
    expect(writtenVerbForms("ödiyebilirmiyim")).toContain("ödeyebilir");
  });

  it.each(["program", "kalem", "gidecek", "yoyo", "ocak", "sıcak", "kucak"])("leaves %s alone", (word) => {
    expect(writtenVerbForms(word)).toEqual([]);
  });
});

describe("an answer's ordered lists", () => {
  it("drop the numbers of their items, and only those", () => {
    expect(withoutListNumbers("Adımlar:\n1. Başvurun\n  2) Onaylayın\n10. Bekleyin")).toBe("Adımlar:\nBaşvurun\nOnaylayın\nBekleyin");
    expect(withoutListNumbers("Ücret 1.500 TL, 3 taksit. 2. el ürün yok")).toBe("Ücret 1.500 TL, 3 taksit. 2. el ürün yok");
  });
});

describe("small talk", () => {
  it.each([
    ["Merhaba", "greeting"],
    ["selam!", "greeting"],
    ["Selamün aleyküm", "greeting"],
    ["aleyküm selam", "greeting"],
    ["Teşekkür ederim", "thanks"],
    ["cok tesekkurler", "thanks"],
    ["görüşürüz", "goodbye"],
    ["teşekkürler, iyi günler, görüşürüz", "goodbye"],
    ["yardım", "help"],
    ["tamam", "acknowledgement"],
    ["ok 👍", "acknowledgement"],
    ["👍", "reaction"],
    ["🙂🙏", "reaction"],
    ["baştan başla", "restart"],
    ["bastan basla", "restart"],
    ["En baştan başlayalım!", "restart"],
    ["yeniden başla", "restart"],
    ["başa dön", "restart"],
    ["her şeyi sıfırla", "restart"],
    ["merhaba, baştan başlayalım", "restart"],
    ["restart", "restart"],
    ["merhabaa", "greeting"],
    ["slmlar", "greeting"],
    ["saol", "thanks"],
    ["eyv", "thanks"],
    ["hayir", "decline"],
    ["gerek yok", "decline"],
    ["hayır teşekkürler", "politeDecline"],
    ["Hayır, teşekkür ederim", "politeDecline"],
    ["yok sağol", "politeDecline"],
    ["gerek yok teşekkürler", "politeDecline"],
    ["hayır teşekkürler, görüşürüz", "goodbye"],
    ["tamam teşekkürler", "thanks"],
    ["iyi günler", "wish"],
    ["iyi aksamlar", "wish"],
    ["kolay gelsin", "wish"],
    ["iyi çalışmalar", "wish"],
    ["👋", "wish"],
    ["merhaba, iyi günler", "greeting"],
    ["teşekkürler, iyi günler", "thanks"],
    ["ne sorabilirim", "help"],
    ["neler yapabiliyorsun", "help"],
    ["sen kimsin", "help"],
    ["yardim lazim", "help"],
    ["ana menü", "help"],
    ["😂", "reaction"],
    ["hayır", "decline"],
    ["yok", "decline"],
    ["tamam hayır", "decline"],
    ["👎", "displeasure"],
    ["😡", "displeasure"],
    ["🤬🤬🤬", "displeasure"],
    ["☹️", "displeasure"],
    ["😂😡", "displeasure"],
    ["bot musun", "identity"],
    ["insan mısın?", "identity"],
    ["sen gerçek bir insan mısın yoksa robot mu", "identity"],
    ["yapay zeka mısınız", "identity"],
    ["merhaba bot", "greeting"],
  ])("%p is %s", (text, kind) => {
    expect(classifySmallTalk(text)).toBe(kind);
  });

  it.each(["merhaba, müşteri deneyimi nedir", "teşekkürler ama crm nedir", "müşteri sadakati", "modemi yeniden başlat", "yeniden başlatma", "abonelik baştan başlar mı", "kartım yok", "iyi günler diliyorum, faturam gelmedi", "var mı yok mu", "insan kaynakları mı", "bot nasıl kurulur", "robot süpürge var mı", "insan"])("%p is a question, not small talk", (text) => {
    expect(classifySmallTalk(text)).toBeNull();
  });
});
