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
    "boşver ya",
    "yorum yok",
    "yorumum yok",
    "yok bir şey",
    "bir şey yok",
    "önemli değil",
    "yazmayacağım",
    "yazmak istemiyorum",
    "hiç",
    "hiçbir şey",
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
    "eksik",
    "örnek yok",
    "bir şey",
    "hiç anlamadım",
    "önemli bir bilgi eksik",
    "evet",
    "",
    "🙄",
  ])("not: %s", (text) => {
    expect(isRefusal(text)).toBe(false);
  });
});
