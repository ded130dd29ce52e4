import { analyze, collapseRepeats, fold, normalize, stem, isStopWord, tokenize, turkishLower } from "../../bot/matching/analysis";
import { classifySmallTalk } from "../../bot/matching/small-talk";

describe("Turkish text analysis", () => {
  it("lower-cases with Turkish rules", () => {
    expect(turkishLower("İSTANBUL")).toBe("istanbul");
    expect(turkishLower("IŞIK")).toBe("ışık");
    expect(turkishLower("İ")).toHaveLength(1);
  });

  it("folds Turkish letters so text without a Turkish keyboard meets text with one", () => {
    expect(fold("müşteri memnuniyeti")).toBe("musteri memnuniyeti");
    expect(fold("sadakatı")).toBe("sadakati");
    expect(fold("çağrı şikâyet öğe")).toBe("cagri sikayet oge");
  });

  it("drops apostrophe suffixes of names and abbreviations", () => {
    expect(normalize("CEM'in türleri")).toBe("cem türleri");
    expect(fold(normalize("ISO’nun amacı"))).toBe("iso amaci");
  });

  it("tokenizes Unicode words and splits letters from digits, unlike natural's ASCII tokenizers", () => {
    expect(tokenize("Müşteri, memnuniyeti?")).toEqual(["Müşteri", "memnuniyeti"]);
    expect(tokenize("iso10002 ve 10002'yi")).toEqual(["iso", "10002", "ve", "10002", "yi"]);
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

  it("drops stop words and question filler but keeps numbers and abbreviations", () => {
    expect(STOP_WORDS.has("nasil")).toBe(true);
    expect(analyze("ISO 10002 nedir?").map((t) => t.surface)).toEqual(["iso", "10002"]);
    expect(analyze("crm NPS Csat ces CX").map((t) => t.surface)).toEqual(["crm", "nps", "csat", "ces", "cx"]);
    expect(analyze("Müşteri memnuniyeti nasıl tanımlanır?").map((t) => t.surface)).toEqual(["musteri", "memnuniyeti", "tanimlanir"]);
  });

  it("maps English domain words and Turkish synonyms to the entries' words", () => {
    expect(analyze("customer experience").map((t) => t.stem)).toEqual(["musteri", "deneyim"]);
    expect(analyze("etkenler").map((t) => t.stem)).toEqual(["faktor"]);
  });

  it("drops the light verb etmek in all its forms, but not words that start like it", () => {
    expect(analyze("Müşteriyi nasıl memnun ederiz?").map((t) => t.surface)).toEqual(["musteriyi", "memnun"]);
    expect(analyze("ikna etmenin yolları; şikayet edilir, memnun edebilirim, ikna ettik").map((t) => t.surface)).toEqual(["ikna", "yolari", "sikayet", "memnun", "ikna"]);
    expect(analyze("etkileyen etkenler müşteri edinmek").map((t) => t.surface)).toEqual(["etkileyen", "faktor", "musteri", "edinmek"]);
  });

  it("brings inflected forms of a short verb root to the root, which the stemmer leaves whole", () => {
    const forms = "ölçülür ölçerim ÖLÇEBİLİRİZ olcmek ölçümü ölçülmesi ölçüyoruz ölçtük measurement";
    expect(new Set(analyze(forms).map((t) => t.stem))).toEqual(new Set(["olc"]));
    expect(analyze("olumlu oluşturmak").map((t) => t.stem)).not.toContain("olc");
  });
});

describe("small talk", () => {
  it.each([
    ["Merhaba", "greeting"],
    ["selam!", "greeting"],
    ["Teşekkür ederim", "thanks"],
    ["cok tesekkurler", "thanks"],
    ["görüşürüz", "goodbye"],
    ["teşekkürler, iyi günler, görüşürüz", "goodbye"],
    ["yardım", "help"],
  ])("%p is %s", (text, kind) => {
    expect(classifySmallTalk(text)).toBe(kind);
  });

  it.each(["merhaba, müşteri deneyimi nedir", "teşekkürler ama crm nedir", "müşteri sadakati"])("%p is a question, not small talk", (text) => {
    expect(classifySmallTalk(text)).toBeNull();
  });
});
