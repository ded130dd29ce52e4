import { maskContactDetails, parseContact } from "../../../bot/cases/contact";
import { TEXTS } from "../../../bot/conversation/texts";

const { email: EMAIL, phone: PHONE, nationalId: NATIONAL_ID, iban: IBAN } = TEXTS.maskedDetails;
const mask = (text: string): string => maskContactDetails(text, TEXTS.maskedDetails);

describe("maskContactDetails: contact details typed before consent are masked where they stand", () => {
  it.each([
    // e-mail addresses, with Turkish suffixes and punctuation around them
    ["Bana ayse.yilmaz@example.com adresinden ulaşın", `Bana ${EMAIL} adresinden ulaşın`],
    ["mailim: Ayse_Yilmaz+kargo@Firma.com.tr", `mailim: ${EMAIL}`],
    ["ayse@example.com'a yazın lütfen.", `${EMAIL}'a yazın lütfen.`],
    ["Cevabı ayse@example.com’dan bekliyorum", `Cevabı ${EMAIL}’dan bekliyorum`],
    ["Adresim ayse@example.com.", `Adresim ${EMAIL}.`],
    ["(ayse@example.com) ve <mehmet@example.org>", `(${EMAIL}) ve <${EMAIL}>`],
    ["e-posta:ayse@ornek.com, telefon yok", `e-posta:${EMAIL}, telefon yok`],
    // Turkish phone numbers in the shapes customers type them
    ["Beni 0532 123 45 67'den arayın", `Beni ${PHONE}'den arayın`],
    ["numaram +90 532 123 4567", `numaram ${PHONE}`],
    ["05321234567 numaralı hattım kapandı", `${PHONE} numaralı hattım kapandı`],
    ["telefon: (532) 123-45-67", `telefon: ${PHONE}`],
    ["0 (532) 123 45 67 arayın", `${PHONE} arayın`],
    ["0532-123-45-67 / 0532.123.45.67", `${PHONE} / ${PHONE}`],
    ["+90(532)1234567", PHONE],
    ["0090 532 123 45 67", PHONE],
    ["905321234567 whatsapp", `${PHONE} whatsapp`],
    ["5321234567", PHONE],
    ["05321234567den ulaşabilirsiniz", `${PHONE}den ulaşabilirsiniz`],
    ["ev telefonum 0212 345 67 89, cep 532 123 45 67", `ev telefonum ${PHONE}, cep ${PHONE}`],
    ["yurt dışındayım: +44 20 7946 0958", `yurt dışındayım: ${PHONE}`],
    // identity numbers
    ["TC kimlik no 10000000146 olan hesabım", `TC kimlik no ${NATIONAL_ID} olan hesabım`],
    ["İade TR33 0006 1005 1978 6457 8413 26 IBAN'ıma yatmadı", `İade ${IBAN} IBAN'ıma yatmadı`],
    ["iban: tr330006100519786457841326", `iban: ${IBAN}`],
    // several at once, in a complaint
    [
      "Siparişim 3 haftadır gelmedi!! Beni 0532 123 45 67 ya da ayse@example.com'dan arayın, TC 10000000146",
      `Siparişim 3 haftadır gelmedi!! Beni ${PHONE} ya da ${EMAIL}'dan arayın, TC ${NATIONAL_ID}`,
    ],
  ])("masks %j", (text, masked) => {
    expect(mask(text)).toBe(masked);
  });

  it.each([
    "sipariş 123456 hâlâ gelmedi",
    "250 TL iade bekliyorum",
    "1.250.000 TL çekildi",
    "kargo takip no 1234567890",
    "sipariş numaram 2123456789",
    "müşteri no 12345678901",
    "12.05.2024 saat 14.30'da aradım",
    "2024 yılında 3 kez şikayet ettim",
    "0850 222 00 00'ı aradım, kimse açmadı",
    "444 0 444 meşgul",
    "fatura 0532 12 tutarında",
    "@ayse hesabına yazdım",
    "ayse@example adresim",
    "%50 indirim, 3-5 iş günü",
    "müşteri temsilcisiyle görüşmek istiyorum",
  ])("leaves %j alone: no contact detail in it", (text) => {
    expect(mask(text)).toBe(text);
  });

  it("changes nothing in a masked text, and reads the same details parseContact keeps at the consent step", () => {
    const once = mask("Beni 0532 123 45 67 ya da ayse@example.com'dan arayın");
    expect(mask(once)).toBe(once);
    for (const given of ["ayse@example.com", "0532 123 45 67", "+90 (532) 123-45-67", "5321234567"]) {
      expect(parseContact(given)).not.toBeNull();
      expect(mask(given)).not.toContain(given);
    }
  });

  it("uses the placeholders it is given", () => {
    expect(maskContactDetails("0532 123 45 67, a@b.co", { email: "<e>", phone: "<p>", nationalId: "<t>", iban: "<i>" })).toBe("<p>, <e>");
  });
});
