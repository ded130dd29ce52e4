import { isLabel, isSkip, typedNumber, typedRating, typedScore, wordedRating, wordedScore } from "../../bot/conversation/typed";
import { TEXTS } from "../../bot/conversation/texts";

describe("a typed message read as a button's label", () => {
  it("compares without case, Turkish letters, punctuation or emoji, words one space apart, a stretched letter read once", () => {
    expect(isLabel("  hayir,   TESEKKURLER! 🙏", "Hayır, teşekkürler")).toBe(true);
    expect(isLabel("HİÇBİRİ.", "hiçbiri")).toBe(true);
    expect(isLabel("hicbiriii", "Hiçbiri")).toBe(true);
    expect(isLabel("hicbiri", "Hiçbir")).toBe(false);
  });

  it.each(["Şikayet kaydı aç", "şikayet kaydı aç", "SIKAYET KAYDI AC", "sikayet kaydi ac.", "Şikayet, kaydı aç!", "  şikayet   kaydı aç  "])("reads %p as the label 'Şikayet kaydı aç'", (typed) => {
    expect(isLabel(typed, TEXTS.cases.acceptButton)).toBe(true);
  });

  it.each(["şikayet kaydı açın", "şikayet kaydı", "kaydı aç", "şikayet kaydı aç lütfen", ""])("does not read %p as the label 'Şikayet kaydı aç'", (typed) => {
    expect(isLabel(typed, TEXTS.cases.acceptButton)).toBe(false);
  });

  it("matches any of several labels, and an empty label or message matches nothing", () => {
    expect(isLabel("hiç biri", TEXTS.noneOfThese, ...TEXTS.noneOfTheseTyped)).toBe(true);
    expect(isLabel("hiçbiri", TEXTS.noneOfThese, ...TEXTS.noneOfTheseTyped)).toBe(true);
    expect(isLabel("?!", "")).toBe(false);
    expect(isLabel("…", "!")).toBe(false);
  });
});

describe("a survey score typed in a sentence", () => {
  it.each([
    ["9 puan", 10, "9"],
    ["puanım 8", 10, "8"],
    ["10 üzerinden 9", 10, "9"],
    ["10 uzerinden 9", 10, "9"],
    ["9/10", 10, "9"],
    ["6 / 7", 7, "6"],
    ["bence 7 veriyorum", 10, "7"],
    ["9.", 10, "9"],
  ])("reads %p on a scale to %d as %s", (text, scale, score) => {
    expect(typedScore(text, scale)).toBe(score);
  });

  it.each([
    ["-10", 10, "-10"],
    ["−5", 10, "-5"],
    ["– 3", 10, "-3"],
    ["puanım -3", 10, "-3"],
    ["-4/5", 5, "-4"],
    ["10 üzerinden -9", 10, "-9"],
  ])("keeps the sign of %p on a scale to %d (%s), so the range check refuses it", (text, scale, score) => {
    expect(typedScore(text, scale)).toBe(score);
  });

  it.each([
    ["9-10", 10],
    ["9/7", 10],
    ["7 üzerinden 5", 10],
    ["9 kişiye anlatırım", 10],
    ["crm nedir", 10],
    ["3 ile 5 arası", 10],
    ["", 10],
  ])("reads no score in %p on a scale to %d", (text, scale) => {
    expect(typedScore(text, scale)).toBeNull();
  });
});

describe("a message that is only a number (a rating, a numbered choice)", () => {
  it.each([["2", "2"], ["2.", "2"], ["2)", "2"], [" 12 ", "12"]])("reads %p as %p", (typed, number) => {
    expect(typedNumber(typed)).toBe(number);
  });

  it.each(["123", "2 puan", "iki", "2.5", "", "Hesabımı kapat"])("reads %p as no number", (typed) => {
    expect(typedNumber(typed)).toBeNull();
  });
});

describe("the typed skip word", () => {
  it.each([
    ["geç", true],
    ["Geç.", true],
    ["GEÇ!", true],
    ["gec", true],
    ["GEC", true],
    ["  geç 🙂 ", true],
    ["geççç", true],
    ["gec\u0327", true],
    ["geçiniz", false],
    ["geç 2", false],
    ["geçmiş", false],
    ["", false],
  ])("reads %p as the skip word: %p", (typed, skip) => {
    expect(isSkip(typed)).toBe(skip);
  });
});

describe("a CES answer in words", () => {
  it.each([
    ["çok kolay", 7],
    ["ÇOK KOLAYDI!", 7],
    ["cok kolaydi", 7],
    ["Çooook kolay", 7],
    ["Gayet kolay ya", 7],
    ["kolaydı", 6],
    ["KOLAYDI", 6],
    ["kolayyy", 6],
    ["İdare eder", 4],
    ["IDARE EDER", 4],
    ["idare eder.", 4],
    ["orta", 4],
    ["Fena değil", 5],
    ["FENA DEĞİL", 5],
    ["fena degil", 5],
    ["FENA DEGIL", 5],
    ["biraz zor", 3],
    ["BİRAZ ZOR", 3],
    ["Çok zordu", 1],
    ["COK ZOR", 1],
    ["zor", 2],
    ["Zorrr", 2],
    ["ŞİMDİ değil", null],
    ["bilmiyorum", null],
    ["7", null],
    ["", null],
    ["?!", null],
  ])("reads %p as %p", (typed, score) => {
    expect(wordedScore(typed, "ces")).toBe(score);
  });
});

describe("a score typed in words (one reader for the rating, NPS and CES)", () => {
  it.each([
    ["çok kolaydı", "ces", 7],
    ["kolaydı ya", "ces", 6],
    ["idare eder", "ces", 4],
    ["zordu", "ces", 2],
    ["idare eder", "csat", 3],
    ["berbattı", "csat", 1],
    ["kötüydü", "csat", 2],
    ["memnunum", "csat", 4],
    ["bu cevap berbat", "csat", 1],
    ["çok kötü", "csat", 1],
    ["süper teşekkürler", "csat", 5],
    ["hayır, kötü", "csat", 2],
    ["hiç", "nps", 0],
    ["kesinlikle", "nps", 10],
    ["evet", "csat", "yes"],
    ["hayır yaramadı", "csat", "no"],
  ] as const)("reads %p on the %s scale as %p", (text, scale, value) => {
    expect(wordedScore(text, scale)).toBe(value);
  });

  it.each([
    ["kolay gelsin", "ces"],
    ["kolay değildi", "ces"],
    ["iyi akşamlar", "csat"],
    ["memnun kalmadım", "csat"],
    ["çok teşekkürler", "csat"],
    ["evet ama kötü", "csat"],
    ["evet hayır", "csat"],
    ["iyi mi kötü mü", "csat"],
    ["hiçbir şey", "nps"],
    ["", "csat"],
  ] as const)("reads nothing in %p on the %s scale", (text, scale) => {
    expect(wordedScore(text, scale)).toBeNull();
  });

  it.each([
    ["4", "4"],
    ["4 🙂", "4"],
    ["😍", "5"],
    ["😞", "1"],
    ["😍😍", "5"],
    ["4 puan", "4"],
    ["puanım 4", "4"],
    ["4/5", "4"],
    ["beş", "5"],
    ["6", "6"],
    ["-4", "-4"],
  ])("reads the typed rating %p as %p", (text, rating) => {
    expect(typedRating(text)).toBe(rating);
  });

  it.each([
    ["👍", "yes"],
    ["👎", "no"],
    ["🤬", "no"],
    ["işime yaradı", "yes"],
    ["süper", 5],
    ["😂", null],
    ["tamam", null],
  ] as const)("reads the rating in words %p as %p", (text, reading) => {
    expect(wordedRating(text)).toBe(reading);
  });
});
