import { followUpsOf, render, typedLabel } from "../../bot/conversation/render";
import { createKnowledgeBase } from "../../bot/knowledge/types";
import { TEXTS } from "../../bot/conversation/texts";
import { markdownBlocks, MAX_BUTTON_TITLE_CHARS, renderCard, SCORES_PER_ROW } from "../../bot/conversation/render/card";
import { canUpdate, channelStyle, controlsSendText } from "../../bot/conversation/render/channels";
import { plainText } from "../../bot/conversation/render/text";
import type { Candidate } from "../../bot/matching/matcher";
import { cardButtons } from "../helpers/cards";
import { knowledgeEntry } from "../helpers/knowledge";

describe("channel styles", () => {
  it.each([
    ["msteams", "card", false, true],
    ["webchat", "card", true, false],
    ["directline", "suggested", false, false],
    ["emulator", "suggested", false, false],
    ["test", "suggested", false, false],
    ["sms", "text", true, false],
    ["email", "text", true, false],
    [undefined, "suggested", false, false],
  ] as const)("%s → %s", (channelId, style, sendsText, updates) => {
    expect(channelStyle(channelId)).toBe(style);
    expect(controlsSendText(channelId)).toBe(sendsText);
    expect(canUpdate(channelId)).toBe(updates);
  });
});

describe("plainText (channels that show Markdown literally)", () => {
  it("drops emphasis marks and keeps lists and line breaks", () => {
    expect(plainText("**CEM**, bir _araçtır_.\n\n- **CSAT**\n* NPS\n\n1. bir")).toBe("CEM, bir araçtır.\n\n- CSAT\n- NPS\n\n1. bir");
  });

  it("drops the marks of inline code, as Adaptive Cards do", () => {
    expect(plainText("(ör. `ad@ornek.com` ya da `0532 123 45 67`)")).toBe("(ör. ad@ornek.com ya da 0532 123 45 67)");
    expect(markdownBlocks("ör. `ad@ornek.com`")).toEqual([{ type: "TextBlock", text: "ör. ad@ornek.com", wrap: true }]);
  });

  it("leaves underscores inside words and lone asterisks alone", () => {
    expect(plainText("kb_suggest ve 2 * 3")).toBe("kb_suggest ve 2 * 3");
  });
});

describe("Adaptive Card rendering", () => {
  it("makes one text block per paragraph and reads '*' bullets as '-'", () => {
    expect(markdownBlocks("Bir.\n\n* a\n* b\n\n\nİki.")).toEqual([
      { type: "TextBlock", text: "Bir.", wrap: true },
      { type: "TextBlock", text: "- a\n- b", wrap: true, spacing: "medium" },
      { type: "TextBlock", text: "İki.", wrap: true, spacing: "medium" },
    ]);
  });

  it(`puts score buttons side by side, at most ${SCORES_PER_ROW} a row`, () => {
    const card = renderCard({ kind: "survey", step: "nps", survey: { surveyId: "s1", signature: "sig" } }).attachments?.[0]?.content as { body: Array<{ type: string; columns?: unknown[] }> };
    const rows = card.body.filter((e) => e.type === "ColumnSet").map((e) => e.columns?.length);
    expect(rows).toEqual([6, 5]);
    const ces = renderCard({ kind: "survey", step: "ces", survey: { surveyId: "s1", signature: "sig" } }).attachments?.[0]?.content as { body: Array<{ type: string; columns?: unknown[] }> };
    expect(ces.body.filter((e) => e.type === "ColumnSet").map((e) => e.columns?.length)).toEqual([7]);
  });
});

describe("long choice labels on cards (QA 47 #5: Teams cuts a button's title to one line)", () => {
  const long = "Müşteri sadakati ve müşteri memnuniyeti arasındaki fark nedir?";
  const short = "CRM nedir?";
  type Body = Array<{ type: string; style?: string; actions?: unknown[]; selectAction?: { type: string; title: string; data: unknown }; items?: Array<{ type: string; text: string; wrap?: boolean }> }>;
  const body = (activity: ReturnType<typeof render>): Body => (activity.attachments?.[0]?.content as { body: Body }).body;
  const topics = (titles: readonly string[]) => ({
    kind: "choices" as const,
    text: "Şu konularda yardımcı olabilirim:",
    choices: titles.map((title, i) => ({ title, value: { action: "answer", id: `e${i}`, source: "followup" }, typed: title })),
  });

  it(`shows every choice of a list with a label over ${MAX_BUTTON_TITLE_CHARS} characters as a row of wrapped text, clicked as a whole`, () => {
    const rows = body(render(topics([short, long]), "msteams")).filter((e) => e.type === "Container");
    expect(rows.map((row) => [row.items?.[0]?.text, row.items?.[0]?.wrap, row.selectAction?.type, row.selectAction?.title, row.selectAction?.data])).toEqual([
      [short, true, "Action.Submit", short, { action: "answer", id: "e0", source: "followup" }],
      [long, true, "Action.Submit", long, { action: "answer", id: "e1", source: "followup" }],
    ]);
    expect(body(render(topics([short, long]), "msteams")).some((e) => e.type === "ActionSet")).toBe(false);
    // hosted Web Chat: the row types the label, as its button would
    expect(body(render(topics([long]), "webchat")).find((e) => e.type === "Container")?.selectAction?.data).toBe(long);
  });

  it("keeps short labels on buttons (the case offer, 'Hiçbiri', 'Geç')", () => {
    expect(body(render(topics([short, "Hayır, teşekkürler"]), "msteams")).filter((e) => e.type === "ActionSet")).toHaveLength(2);
    const didYouMean = body(render({ kind: "did-you-mean", suggestions: [{ id: "a", question: long, confidence: 0.5 }, { id: "b", question: short, confidence: 0.4 }] } as const, "msteams"));
    expect(didYouMean.map((e) => e.type)).toEqual(["TextBlock", "Container", "Container", "ActionSet"]);
    expect(cardButtons(render({ kind: "did-you-mean", suggestions: [{ id: "a", question: long, confidence: 0.5 }] } as const, "msteams")).at(-1)?.title).toBe(TEXTS.noneOfThese);
  });

  it("leaves suggested actions and text channels as they were: the whole label is the button, or a line", () => {
    expect(render(topics([long]), "directline").suggestedActions?.actions.map((a) => a.title)).toEqual([long]);
    expect(render(topics([long]), "sms").text).toContain(long);
  });
});

describe("a question with choices of its own (the case offer, the consent)", () => {
  const reply = {
    kind: "choices",
    text: "Kayıt açayım mı?\n\n_KVKK: **yalnızca** bu kayıt için._",
    markdown: true,
    choices: [
      { title: "Şikayet kaydı aç", value: { action: "case", step: "accept", offer: "o1", sig: "s1" }, typed: "evet" },
      { title: "Hayır, teşekkürler", value: { action: "case", step: "decline", offer: "o1", sig: "s2" }, typed: "hayır" },
    ],
  } as const;

  it("is suggested actions carrying the values where the channel shows them", () => {
    const activity = render(reply, "directline");
    expect(activity.textFormat).toBe("markdown");
    expect(activity.suggestedActions?.actions.map((a): unknown[] => [a.type, a.title, a.value])).toEqual([
      ["messageBack", "Şikayet kaydı aç", reply.choices[0].value],
      ["messageBack", "Hayır, teşekkürler", reply.choices[1].value],
    ]);
  });

  it("is an Adaptive Card with Action.Submit values in Teams, and typed words in hosted Web Chat", () => {
    const actions = (channelId: string): unknown[] => {
      const content = render(reply, channelId).attachments?.[0]?.content as { body: Array<{ type: string; text?: string; actions?: Array<{ type: string; data: unknown }> }> };
      expect(content.body.filter((e) => e.type === "TextBlock").map((e) => e.text)).toEqual(["Kayıt açayım mı?", "_KVKK: **yalnızca** bu kayıt için._"]);
      return content.body.flatMap((e) => e.actions ?? []).map((a) => [a.type, a.data]);
    };
    expect(actions("msteams")).toEqual([
      ["Action.Submit", reply.choices[0].value],
      ["Action.Submit", reply.choices[1].value],
    ]);
    expect(actions("webchat")).toEqual([
      ["Action.Submit", "evet"],
      ["Action.Submit", "hayır"],
    ]);
    expect(render(reply, "msteams").suggestedActions).toBeUndefined();
  });

  it("is, once clicked in Teams, the same card with the choice made in place of its buttons; the comment prompt too", () => {
    const content = render({ ...reply, chosen: "Şikayet kaydı aç" }, "msteams").attachments?.[0]?.content as { body: Array<{ type: string; text?: string; isSubtle?: boolean; actions?: unknown[] }> };
    expect(content.body.map((e) => [e.type, e.text, e.isSubtle ?? false])).toEqual([
      ["TextBlock", "Kayıt açayım mı?", false],
      ["TextBlock", "_KVKK: **yalnızca** bu kayıt için._", false],
      ["TextBlock", TEXTS.chosenNote("Şikayet kaydı aç"), true],
    ]);
    const comment = render({ kind: "comment", chosen: TEXTS.skip }, "msteams").attachments?.[0]?.content as { body: Array<{ type: string; text?: string }> };
    expect(comment.body.map((e) => [e.type, e.text])).toEqual([
      ["TextBlock", TEXTS.commentPrompt],
      ["TextBlock", TEXTS.chosenNote(TEXTS.skip)],
    ]);
  });

  it("is plain text with the words to type where there are no buttons", () => {
    const activity = render(reply, "sms");
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.text).toBe(`Kayıt açayım mı?\n\nKVKK: yalnızca bu kayıt için.\n\n${TEXTS.typedOptions(["evet", "hayır"])}`);
  });
});

describe("'did you mean', worded for one choice or several", () => {
  const candidate = (id: string): Candidate => ({ id, question: `${id} nedir?`, confidence: 0.5 });
  const one = { kind: "did-you-mean", suggestions: [candidate("a")] } as const;
  const several = { kind: "did-you-mean", suggestions: [candidate("a"), candidate("b"), candidate("c")] } as const;
  const cardTitle = (channelId: string, reply: typeof one | typeof several): unknown =>
    (render(reply, channelId).attachments?.[0]?.content as { body: Array<{ text?: string }> }).body[0]?.text;

  it.each(["directline", "msteams", "webchat", "sms"])("asks 'Bunu mu…' for one choice and 'Bunlardan birini mi…' for several in %s", (channelId) => {
    const question = (reply: typeof one | typeof several): unknown => (channelStyle(channelId) === "card" ? cardTitle(channelId, reply) : render(reply, channelId).text?.split("\n")[0]);
    expect(question(one)).toBe(TEXTS.didYouMean);
    expect(question(several)).toBe(TEXTS.didYouMeanSeveral);
  });
});

describe("a rating asked again (a rating off the scale, a plain yes or no)", () => {
  const rating = { answerId: "a1", entryId: "crm", signature: "sig" };
  const reply = { kind: "rating", text: TEXTS.surveyRange(1, 5), rating } as const;
  const value = (score: number): unknown => ({ action: "rate", answer: "a1", entry: "crm", rating: score, sig: "sig" });

  it("is the sentence with the five labelled rating buttons as suggested actions", () => {
    const activity = render(reply, "directline");
    expect(activity.text).toBe(TEXTS.surveyRange(1, 5));
    expect(activity.suggestedActions?.actions.map((a): unknown[] => [a.title, a.value])).toEqual(TEXTS.ratingLabels.map((label, i) => [label, value(i + 1)]));
  });

  it("is an Adaptive Card with the rating buttons in Teams, typing their numbers in hosted Web Chat", () => {
    const data = (channelId: string): unknown[] => {
      const content = render(reply, channelId).attachments?.[0]?.content as { body: Array<{ type: string; text?: string; columns?: Array<{ items: Array<{ actions: Array<{ title: string; data: unknown }> }> }> }> };
      expect(content.body[0]).toMatchObject({ type: "TextBlock", text: TEXTS.surveyRange(1, 5) });
      return content.body.flatMap((e) => e.columns ?? []).flatMap((c) => c.items.flatMap((i) => i.actions.map((a) => [a.title, a.data])));
    };
    expect(data("msteams")).toEqual(TEXTS.ratingLabels.map((label, i) => [label, value(i + 1)]));
    expect(data("webchat")).toEqual(TEXTS.ratingLabels.map((label, i) => [label, String(i + 1)]));
  });

  it("is the sentence and what to type where there are no buttons", () => {
    const activity = render(reply, "sms");
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.text).toBe(`${TEXTS.surveyRange(1, 5)}\n\n${TEXTS.typedRatingScale}`);
  });
});

describe("follow-up labels (QA 46, bug 1)", () => {
  const kb = createKnowledgeBase(
    [
      knowledgeEntry("sifre", "Şifremi nasıl değiştiririm?", { related: ["eposta", "kapat", "yok"], relatedTitles: { kapat: "Hesabımı kapat" } }),
      knowledgeEntry("eposta", "E-posta adresimi nasıl güncellerim?"),
      knowledgeEntry("kapat", "Hesabımı nasıl kapatırım?", { contextOnly: true }),
    ],
    3,
  );
  const source = kb.byId.get("sifre") ?? knowledgeEntry("?", "?");
  const reply = { kind: "answer", entry: source, followUps: followUpsOf(source, kb), rating: { answerId: "a1", entryId: "sifre", signature: "sig" } } as const;
  const value = (id: string): unknown => ({ action: "answer", id, source: "followup" });
  /** The card's choices below the rating buttons (which are in columns): the follow-ups, as [title, data]. */
  const cardFollowUps = (channelId: string): Array<[unknown, unknown]> => {
    const ratings = new Set<unknown>(TEXTS.ratingLabels);
    return cardButtons(render(reply, channelId))
      .filter((b) => !ratings.has(b.title))
      .map((b): [unknown, unknown] => [b.title, b.data]);
  };

  it("gives the editor's title where there is one, else the target's question, for the entries that exist", () => {
    expect(followUpsOf(source, kb)).toEqual([
      { id: "eposta", title: "E-posta adresimi nasıl güncellerim?", question: "E-posta adresimi nasıl güncellerim?" },
      { id: "kapat", title: "Hesabımı kapat", question: "Hesabımı nasıl kapatırım?" },
    ]);
  });

  it("shows the title on the hero card button, whose value names the target entry", () => {
    const card = render(reply, "directline").attachments?.[0]?.content as { buttons: Array<{ title: string; displayText: string; value: unknown }> };
    expect(card.buttons.map((b) => [b.title, b.displayText, b.value])).toEqual([
      ["E-posta adresimi nasıl güncellerim?", "E-posta adresimi nasıl güncellerim?", value("eposta")],
      ["Hesabımı kapat", "Hesabımı kapat", value("kapat")],
    ]);
  });

  it("shows the title on the Teams card button, whose value names the target entry", () => {
    expect(cardFollowUps("msteams")).toEqual([
      ["E-posta adresimi nasıl güncellerim?", value("eposta")],
      ["Hesabımı kapat", value("kapat")],
    ]);
  });

  it("shows the title on the hosted Web Chat card button, which types it (QA 46, bug 2)", () => {
    expect(cardFollowUps("webchat")).toEqual([
      ["E-posta adresimi nasıl güncellerim?", "E-posta adresimi nasıl güncellerim?"],
      ["Hesabımı kapat", "Hesabımı kapat"],
    ]);
  });

  it("types a label that is only a number (a rating right after an answer) as the target's question", () => {
    expect(typedLabel({ id: "a", title: "2", question: "İki günde gelir mi?" })).toBe("İki günde gelir mi?");
    expect(typedLabel({ id: "a", title: "2.", question: "İki günde gelir mi?" })).toBe("İki günde gelir mi?");
    expect(typedLabel({ id: "a", title: "2 gün", question: "İki günde gelir mi?" })).toBe("2 gün");
  });

  it("lists the title where there are no buttons", () => {
    expect(render(reply, "sms").text).toContain(`${TEXTS.followUpsTitle}\n- E-posta adresimi nasıl güncellerim?\n- Hesabımı kapat`);
  });
});
