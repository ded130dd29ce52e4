import { choiceLabels } from "../../bot/conversation/choice-labels";
import { createKnowledgeBase } from "../../bot/knowledge/types";
import { knowledgeEntry } from "../helpers/knowledge";

/** QA 48 #4: "did you mean" showed two buttons with one text, and the customer could not tell which was which. */

describe("choiceLabels", () => {
  it("leaves choices with questions of their own as they are", () => {
    const kb = createKnowledgeBase([knowledgeEntry("a", "Kargo ücreti ne kadar?"), knowledgeEntry("b", "Kargo ne zaman gelir?")], 2);
    expect(choiceLabels(["b", "a"], kb)).toEqual([
      { id: "b", label: "Kargo ne zaman gelir?" },
      { id: "a", label: "Kargo ücreti ne kadar?" },
    ]);
  });

  it("tells one question under two filters apart by the filter each has (QnA Maker's one answer per city)", () => {
    const kb = createKnowledgeBase(
      [
        knowledgeEntry("istanbul", "Kargo ücreti ne kadar?", { tags: ["şehir:İstanbul", "kategori:kargo"], answer: "İstanbul içi kargo 30 TL." }),
        knowledgeEntry("ankara", "Kargo ücreti ne kadar?", { tags: ["şehir:Ankara", "kategori:kargo"], answer: "Ankara'ya kargo 45 TL." }),
      ],
      2,
    );
    expect(choiceLabels(["istanbul", "ankara"], kb).map((c) => c.label)).toEqual(["Kargo ücreti ne kadar? (şehir: İstanbul)", "Kargo ücreti ne kadar? (şehir: Ankara)"]);
  });

  it("offers once a question repeated with the same answer (an imported duplicate), whatever its importer's tag", () => {
    const kb = createKnowledgeBase(
      [
        knowledgeEntry("saatler", "Çalışma saatleriniz nedir?", { answer: "Hafta içi **09:00–18:00** arası açığız." }),
        knowledgeEntry("saatler-2", "Çalışma saatleriniz nedir?", { tags: ["qna:7"], answer: "Hafta içi 09:00–18:00  arası açığız.\n" }),
        knowledgeEntry("adres", "Adresiniz nedir?"),
      ],
      3,
    );
    expect(choiceLabels(["saatler-2", "adres", "saatler"], kb)).toEqual([
      { id: "saatler-2", label: "Çalışma saatleriniz nedir?" },
      { id: "adres", label: "Adresiniz nedir?" },
    ]);
  });

  it("without a telling filter, tells them apart by an alternate only each has, else by the start of each answer, else by place", () => {
    const byAlternate = createKnowledgeBase(
      [
        knowledgeEntry("iade", "İade nasıl yapılır?", { alternates: ["ürünü geri göndermek", "iade kargosu"], answer: "Ürünü 14 gün içinde kargoyla gönderin." }),
        knowledgeEntry("iade-2", "İade nasıl yapılır?", { tags: ["qna:9"], alternates: ["parayı geri almak", "iade kargosu"], answer: "Para iadesi 3 iş günü sürer." }),
      ],
      2,
    );
    expect(choiceLabels(["iade", "iade-2"], byAlternate).map((c) => c.label)).toEqual(["İade nasıl yapılır? (ürünü geri göndermek)", "İade nasıl yapılır? (parayı geri almak)"]);

    const long = "Ürünü, faturası ve bütün aksesuarlarıyla birlikte orijinal kutusunda 14 gün içinde anlaşmalı kargoyla gönderin.";
    const byAnswer = createKnowledgeBase(
      [knowledgeEntry("iade", "İade nasıl yapılır?", { answer: long }), knowledgeEntry("iade-2", "İade nasıl yapılır?", { tags: ["qna:9"], answer: "Para iadesi _3 iş günü_ sürer." })],
      2,
    );
    expect(choiceLabels(["iade", "iade-2"], byAnswer).map((c) => c.label)).toEqual([
      "İade nasıl yapılır? (Ürünü, faturası ve bütün aksesuarlarıyla birlikte orijinal…)",
      "İade nasıl yapılır? (Para iadesi 3 iş günü sürer.)",
    ]);

    const prefix = "a".repeat(70);
    const byPlace = createKnowledgeBase([knowledgeEntry("x", "Soru nedir?", { answer: `${prefix} bir` }), knowledgeEntry("y", "Soru nedir?", { answer: `${prefix} iki` })], 2);
    expect(choiceLabels(["x", "y"], byPlace).map((c) => c.label)).toEqual(["Soru nedir? (1. seçenek)", "Soru nedir? (2. seçenek)"]);
  });

  it("leaves out ids the knowledge no longer has", () => {
    const kb = createKnowledgeBase([knowledgeEntry("a", "Kargo ücreti ne kadar?")], 1);
    expect(choiceLabels(["gone", "a"], kb)).toEqual([{ id: "a", label: "Kargo ücreti ne kadar?" }]);
  });
});
