import { classifyCaseIntent, classifyYesNo, isBareCaseIntent, isFrustration, readCaseIntent, tellsProblem, type CaseIntent } from "../../bot/matching/case-intent";
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

describe("the writer's own request, or a question about complaints and representatives (QA 47, bug 2)", () => {
  // each with and without Turkish letters: customers type both
  const own: Array<[string, string, CaseIntent]> = [
    ["şikayet etmek istiyorum", "sikayet etmek istiyorum", "complaint"],
    ["şikayetçiyim", "sikayetciyim", "complaint"],
    ["şikayetim var", "sikayetim var", "complaint"],
    ["sizi şikayet edeceğim", "sizi sikayet edecegim", "complaint"],
    ["şikayet kaydı açmak istiyorum", "sikayet kaydi acmak istiyorum", "complaint"],
    ["şikayette bulunmak istiyorum", "sikayette bulunmak istiyorum", "complaint"],
    ["canlı destek", "canli destek", "human"],
    ["temsilciye bağla", "temsilciye bagla", "human"],
    ["beni bir temsilciye aktarın", "beni bir temsilciye aktarin", "human"],
    ["temsilciye bağlar mısınız", "temsilciye baglar misiniz", "human"],
    ["gerçek biriyle konuşabilir miyim", "gercek biriyle konusabilir miyim", "human"],
    ["yetkili biri lazım", "yetkili biri lazim", "human"],
    ["müşteri temsilcisine bağlanmak istiyorum", "musteri temsilcisine baglanmak istiyorum", "human"],
    ["şikayetim ne durumda", "sikayetim ne durumda", "status"],
    ["kaydım ne oldu", "kaydim ne oldu", "status"],
    ["açtığım kaydın durumu", "actigim kaydin durumu", "status"],
  ];
  it.each(own.flatMap(([turkish, plain, intent]) => [[turkish, intent], [plain, intent]] as const))("%s → %s, the writer's own: the case flow's whatever the knowledge holds", (text, intent) =>
    expect(readCaseIntent(text)).toEqual({ intent, explicit: true }),
  );

  // a request that asks the way to it, or says it without a person: the knowledge wins when it answers outright
  const asking: Array<[string, string, CaseIntent]> = [
    ["nasıl şikayet edebilirim", "nasil sikayet edebilirim", "complaint"],
    ["şikayetimi nereye iletebilirim", "sikayetimi nereye iletebilirim", "complaint"],
    ["müşteri temsilcisine nasıl ulaşırım", "musteri temsilcisine nasil ulasirim", "human"],
    ["canlı destek var mı", "canli destek var mi", "human"],
    ["canlı destek saatleri", "canli destek saatleri", "human"],
    ["başvurumun durumu nedir", "basvurumun durumu nedir", "status"],
  ];
  it.each(asking.flatMap(([turkish, plain, intent]) => [[turkish, intent], [plain, intent]] as const))("%s → %s, not explicit: an outright knowledge answer wins", (text, intent) =>
    expect(readCaseIntent(text)).toEqual({ intent, explicit: false }),
  );

  // passive and necessitative (how it is done, what one must do), third persons, a person one wants to be
  const questions: Array<[string, string]> = [
    ["şikayet yönetimi nasıl yapılır", "sikayet yonetimi nasil yapilir"],
    ["şikayetleri ele alırken nelere dikkat edilmeli", "sikayetleri ele alirken nelere dikkat edilmeli"],
    ["ISO 10002 şikayet süreci nasıl işler", "ISO 10002 sikayet sureci nasil isler"],
    ["şikayet eden müşteriye nasıl davranılır", "sikayet eden musteriye nasil davranilir"],
    ["müşteri şikayetlerini nasıl azaltırım", "musteri sikayetlerini nasil azaltirim"],
    ["şikayet oranı nasıl düşürülür", "sikayet orani nasil dusurulur"],
    ["müşteri şikayetlerine nasıl cevap verilir", "musteri sikayetlerine nasil cevap verilir"],
    ["şikayetlere ne kadar sürede yanıt verilmeli", "sikayetlere ne kadar surede yanit verilmeli"],
    ["iyi bir müşteri temsilcisi olmak istiyorum", "iyi bir musteri temsilcisi olmak istiyorum"],
    ["müşteri temsilcisi müşteriyle nasıl konuşmalı", "musteri temsilcisi musteriyle nasil konusmali"],
    ["müşteri hizmetleri ile nasıl konuşmalıyım", "musteri hizmetleri ile nasil konusmaliyim"],
    ["personel müşteriyle nasıl konuşmalı", "personel musteriyle nasil konusmali"],
    ["çağrı merkezinde temsilci müşteriye nasıl ulaşmalı", "cagri merkezinde temsilci musteriye nasil ulasmali"],
    ["temsilciler müşteriyle nasıl konuşur", "temsilciler musteriyle nasil konusur"],
    ["şikayetler nasıl ele alınır", "sikayetler nasil ele alinir"],
    ["müşteri hizmetlerine hafta sonu ulaşılıyor mu", "musteri hizmetlerine hafta sonu ulasiliyor mu"],
    ["şikayet edilebilir mi", "sikayet edilebilir mi"],
    // one letter from a person or a verb of reaching: `görevli`, `bağla`, `insan`, `yakınmak`
    ["görevleri panoya aktarmak istiyorum", "gorevleri panoya aktarmak istiyorum"],
    ["inşaat sabah kaçta başlayabiliyor", "insaat sabah kacta baslayabiliyor"],
    ["yakındaki markete gönderebilir miyim", "yakindaki markete gonderebilir miyim"],
  ];
  it.each(questions.flat())("%s → a question for the knowledge base", (text) => expect(readCaseIntent(text)).toBeNull());
});

describe("an angry message (QA 47, bug 9)", () => {
  it.each(["bu bot hiçbir işe yaramıyor", "bu bot hicbir ise yaramiyor", "rezalet", "berbat", "beni anlamıyorsun", "bıktım artık"])("%s → frustration", (text) => expect(isFrustration(text)).toBe(true));
  it.each(["nps nedir", "işe yarar mı", "müşteri memnuniyeti neden önemli", "", "rezalet ".repeat(20)])("%s → none", (text) => expect(isFrustration(text)).toBe(false));
});

describe("a request to be contacted: a contact verb in the imperative to others, or asked of the reader, with the writer as its object", () => {
  it.each([
    "müşteri hizmetlerini arayın beni",
    "musteri hizmetlerini arayin beni",
    "beni arayın",
    "beni arayin",
    "biri beni arasın",
    "biri beni arasin lütfen",
    "müşteri hizmetleri beni arasınlar",
    "beni geri arayın",
    "beni arar mısınız",
    "beni arayabilir misiniz",
    "bana ulaşın",
    "bana ulasin lutfen",
    "bana dönün",
    "bana geri donun",
    "bana dönüş yapın",
    "bana dönüş yapar mısınız",
    "benimle iletişime geçin",
    "bizi arayın",
    "acil beni arayın",
  ])("%s → a request for a person, the writer's own", (text) => expect(readCaseIntent(text)).toEqual({ intent: "human", explicit: true }));

  it.each([
    // negated, past, a participle, or asked in the first person: no request
    "beni aramayın",
    "beni aradınız mı",
    "beni kim aradı",
    "bana dönüş yapılmadı",
    "beni arayan numara kimin",
    "müşteri hizmetlerini nasıl arayabilirim",
    // no writer as the object: `ara` is also to search
    "arayın",
    "ürünü sitede arayın",
    "bana bilgi verin",
  ])("%s → no request to be contacted", (text) => expect(readCaseIntent(text)?.intent).not.toBe("human"));

  it.each(["müşteri hizmetleri beni geri arasın", "beni arayın lütfen", "acil bana dönüş yapın"])("%s holds only the request", (text) =>
    expect(isBareCaseIntent(text)).toBe(true),
  );
  it.each(["kargom gelmedi beni arayın", "faturam yanlış, bana dönüş yapın"])("%s holds more than the request", (text) => {
    expect(readCaseIntent(text)).toEqual({ intent: "human", explicit: true });
    expect(isBareCaseIntent(text)).toBe(false);
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

describe("a problem told: a verb negated or in the past, and something besides it", () => {
  it.each([
    "siparişim 3 gündür gelmedi, kargo takip numarası da çalışmıyor",
    "siparisim 3 gundur gelmedi, kargo takip numarasi da calismiyor",
    "Faturam iki kez kesildi",
    "kartımı kaybettim",
    "hesabıma giremiyorum",
    "ürün kırık geldi",
    "paketim yanlış adrese gönderilmiş",
    "Kargom neden hâlâ gelmedi?",
  ])("%s → a problem told", (text) => expect(tellsProblem(text)).toBe(true));

  it.each([
    // a verb of the problem's kind, but nothing else told
    "anlamadım",
    "yine olmadı",
    // no verb that tells what happened: a topic, a wish, a question, an answer
    "kargo ücreti",
    "iade yapmak istiyorum",
    "iki haftadır bekliyorum",
    "nps nedir",
    "crm nasıl kurulur",
    "evet lütfen",
    "hayır teşekkürler",
    "",
  ])("%s → no problem told", (text) => expect(tellsProblem(text)).toBe(false));
});
