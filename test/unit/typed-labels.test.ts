import { isLabel } from "../../bot/conversation/typed";
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
