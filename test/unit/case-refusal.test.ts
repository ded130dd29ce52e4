import { isRefusal } from "../../bot/conversation/typed";

describe("isRefusal: a message that as a whole calls off the complaint loop's question", () => {
  it.each([
    "vazgeçtim",
    "Vazgeç",
    "VAZGECTIM!!",
    "vazgeçtimmm",
    "hayır",
    "hayir tesekkurler",
    "iptal",
    "iptal et lütfen",
    "boşver",
    "bosver",
    "boş ver, kalsın",
    "gerek yok",
    "istemiyorum",
    "yok, sağ ol",
    "ben vazgeçiyorum",
  ])("%s", (text) => {
    expect(isRefusal(text)).toBe(true);
  });

  it.each([
    "kargo iptal edildi ama para gelmedi",
    "internet yok",
    "sipariş iptal",
    "hayır diyemedim, paket zorla verildi",
    "param yok oldu",
    "teşekkürler",
    "lütfen",
    "evet",
    "",
    "🙄",
  ])("not: %s", (text) => {
    expect(isRefusal(text)).toBe(false);
  });
});
