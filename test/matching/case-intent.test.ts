import { classifyCaseIntent, classifyYesNo, isBareCaseIntent, type CaseIntent } from "../../bot/matching/case-intent";
import { withinOneEdit } from "../../bot/matching/analysis";

describe("case intents (complaint, reaching a person, status)", () => {
  const intents: Array<[string, CaseIntent]> = [
    ["şikayet etmek istiyorum", "complaint"],
    ["sikayetim var", "complaint"],
    ["Şikâyet", "complaint"],
    ["şikayte etmek istiyorum", "complaint"],
    ["şiakyet edicem", "complaint"],
    ["nasıl şikayet edebilirim", "complaint"],
    ["bir temsilciyle görüşmek istiyorum", "human"],
    ["bir temsilciye bağlanmak istiyorum", "human"],
    ["canlı destek", "human"],
    ["canli destek istiyorum", "human"],
    ["insanla konuşmak istiyorum", "human"],
    ["temsilci istiyorum", "human"],
    ["gercek bir insanla gorusmek istiyorum", "human"],
    ["yetkili biriyle konuşabilir miyim", "human"],
    ["müşteri hizmetlerine bağlanmak istiyorum", "human"],
    ["temsilciyle gorusmek istiyorm", "human"],
    ["şikayetim ne durumda", "status"],
    ["sikayetim ne oldu", "status"],
    ["şikayetimin durumu", "status"],
    ["başvurumun durumu nedir", "status"],
  ];
  it.each(intents)("%s → %s", (text, intent) => expect(classifyCaseIntent(text)).toBe(intent));

  const questions = [
    "şikayet yönetimi",
    "şikayet yönetimi nedir",
    "Şikayet yönetimi standardı hangisi?",
    "Başarılı bir müşteri temsilcisi nasıl olmalı?",
    "Memnuniyetsiz müşteriler kaç kişiye şikayet eder?",
    "Şikayetleri ele alırken temel prensipler",
    "Müşteri şikayetlerinde hangi ilkelere uyulmalı?",
    "temsilci nedir",
    "canlı destek nedir",
    "crm nedir",
    "",
  ];
  it.each(questions)("%s → a question for the knowledge base", (text) => expect(classifyCaseIntent(text)).toBeNull());

  it("forgives one typo (Damerau) and no more", () => {
    expect(withinOneEdit("sikayet", "sikyaet")).toBe(true);
    expect(withinOneEdit("sikayet", "sikayt")).toBe(true);
    expect(withinOneEdit("sikayet", "siikayet")).toBe(true);
    expect(withinOneEdit("sikayet", "sakayet")).toBe(true);
    expect(withinOneEdit("sikayet", "skyaet")).toBe(false);
  });
});

describe("a request that holds nothing more (no description of a problem)", () => {
  it.each([
    "canli destek",
    "acil canlı destek lütfen",
    "şikayet etmek istiyorum",
    "sikayetim var",
    "Şikayet!",
    "şikayet kaydı açmak istiyorum",
    "bir temsilciyle görüşmek istiyorum",
    "müşteri hizmetlerine bağlanmak istiyorum",
    "gercek bir insanla gorusmek istiyorum",
    "temsilciyle gorusmek istiyorm",
  ])("%s → only the request", (text) => expect(isBareCaseIntent(text)).toBe(true));

  it.each([
    "şikayet etmek istiyorum, kargom iki haftadır gelmedi",
    "canlı destek istiyorum çünkü kartım bloke oldu",
    "şikayetim var paketim gönderilmedi",
    "faturam hakkında şikayetim var",
    "temsilciniz beni azarladı",
    "şikayetim ne durumda",
    "canlı destek nedir",
    "Kargom iki haftadır gelmedi",
    "",
  ])("%s → more than the request (or none)", (text) => expect(isBareCaseIntent(text)).toBe(false));
});

describe("typed yes and no", () => {
  it.each([["evet", "yes"], ["Evet lütfen", "yes"], ["olur", "yes"], ["tamam", "yes"], ["hayır", "no"], ["hayir teşekkürler", "no"], ["istemiyorum", "no"], ["gerek yok", "no"], ["tamam teşekkürler", null], ["tamam açın", "yes"], ["crm nedir", null], ["evet ama önce şunu sormak istiyorum lütfen", null]])(
    "%s → %s",
    (text, answer) => expect(classifyYesNo(text)).toBe(answer),
  );
});
