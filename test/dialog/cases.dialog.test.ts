import type { Activity } from "botbuilder";
import { findReference } from "../../bot/cases/reference";
import { DatabaseUnavailableError } from "../../bot/storage/errors";
import { TEXTS } from "../../bot/conversation/texts";
import { createKnowledgeBase, type KnowledgeBase } from "../../bot/knowledge/types";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
import { caseStoreWith, realKnowledge, testBot, type TestBot } from "../helpers/bot";
import { knowledgeEntry } from "../helpers/knowledge";

type Reply = Partial<Activity>;
type Button = { title: string; value: unknown };
const buttons = (reply: Reply | undefined): Button[] => (reply?.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: a.value }));
const texts = (replies: Reply[]): Array<string | undefined> => replies.map((r) => r.text);
/** An answer's follow-up buttons, on its hero card. */
const followUps = (reply: Reply | undefined): Button[] => {
  const card: unknown = reply?.attachments?.[0]?.content;
  const actions: unknown[] = card && typeof card === "object" && "buttons" in card && Array.isArray(card.buttons) ? card.buttons : [];
  return actions.flatMap((a) => (a && typeof a === "object" && "title" in a && "value" in a ? [{ title: String(a.title), value: a.value }] : []));
};
/** Whether a reply is a knowledge answer (it ends with the rating question). */
const isAnswer = (reply: Reply | undefined): boolean => reply?.text?.endsWith(`_${TEXTS.ratePrompt}_`) === true;
const T = TEXTS.cases;

/** Sends a message or a button click (from `user`, default the TestAdapter's user) and returns every reply of that turn. */
async function turn(t: TestBot, message: string | Button, user?: string): Promise<Reply[]> {
  expect(t.adapter.activeQueue.length).toBe(0);
  const from = user ? { from: { id: user, name: user } } : {};
  await (typeof message === "string"
    ? t.adapter.send({ type: "message", text: message, ...from })
    : t.adapter.send({ type: "message", text: message.title, value: message.value, ...from }));
  return t.adapter.activeQueue.splice(0);
}

/** The button whose label starts with `prefix`. */
function pick(reply: Reply | undefined, prefix: string): Button {
  const found = buttons(reply).find((b) => b.title.startsWith(prefix));
  if (!found) throw new Error(`no button "${prefix}…" in ${JSON.stringify(buttons(reply))}`);
  return found;
}

/** A complaint typed, accepted and described: returns the replies of the description turn. */
async function complain(t: TestBot, user?: string): Promise<Reply[]> {
  const offer = await turn(t, "şikayet etmek istiyorum", user);
  expect(texts(offer)).toEqual([T.offerComplaint]);
  expect(texts(await turn(t, pick(offer[0], "Şikayet"), user))).toEqual([T.describe]);
  return turn(t, "Kargom iki haftadır gelmedi, kimse dönmüyor", user);
}

const referenceIn = (replies: Reply[]): string => {
  const found = findReference(replies.map((r) => r.text ?? "").join(" "));
  if (!found) throw new Error("no reference in the replies");
  return found;
};

describe("the complaint loop (TestAdapter)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("offers a case when the customer asks to complain, with 'Şikayet…' and 'Hayır' buttons", async () => {
    const t = await testBot(kb);
    for (const text of ["şikayet etmek istiyorum", "sikayetim var"]) {
      const replies = await turn(t, text);
      expect(texts(replies)).toEqual([T.offerComplaint]);
      const labels = buttons(replies[0]).map((b) => b.title);
      expect(labels[0]?.startsWith("Şikayet") || labels[0]?.startsWith("Evet")).toBe(true);
      expect(labels[1]?.startsWith("Hayır")).toBe(true);
      expect(buttons(replies[0])[0]?.value).toEqual({ action: "case", step: "accept", offer: expect.any(String), sig: expect.any(String) });
    }
  });

  it.each(["bir temsilciyle görüşmek istiyorum", "canlı destek", "insanla konuşmak istiyorum", "bir temsilciye bağlanmak istiyorum"])(
    "offers a case when the customer asks for a person: %s",
    async (text) => {
      const t = await testBot(kb, { caseOptions: { responseHours: 24 } });
      expect(texts(await turn(t, text))).toEqual([fillTemplate(T.offerHuman, { hours: 24 })]);
    },
  );

  it("opens a case on acceptance, naming the reference and the promised hours, and asks for consent with a KVKK notice", async () => {
    const t = await testBot(kb, { caseOptions: { responseHours: 36 } });
    const replies = await complain(t);
    const reference = referenceIn(replies);
    expect(texts(replies)).toEqual([fillTemplate(T.created, { reference, hours: 36 }), T.consentQuestion]);
    expect(T.consentQuestion).toContain("KVKK");
    expect(buttons(replies[1]).map((b) => b.title)).toEqual([T.consentYesButton, T.consentNoButton]);
    const stored = await t.cases.get(reference);
    expect(stored).toMatchObject({ status: "open", source: "intent", text: "Kargom iki haftadır gelmedi, kimse dönmüyor", channel: "test", contact: null });
    expect(Date.parse(stored?.dueAt ?? "") - Date.parse(stored?.createdAt ?? "")).toBe(36 * 3_600_000);
    expect(JSON.parse(stored?.conversationRef ?? "null")).toMatchObject({ conversation: { id: expect.any(String) }, channelId: "test" });
    expect(t.alerts).toEqual([expect.objectContaining({ kind: "case-created", reference, text: "Kargom iki haftadır gelmedi, kimse dönmüyor" })]);
  });

  it("stores validated contact details after consent, and asks again for an invalid one", async () => {
    const t = await testBot(kb);
    const replies = await complain(t);
    const reference = referenceIn(replies);
    expect(texts(await turn(t, pick(replies[1], T.consentYesButton)))).toEqual([T.askContact]);
    const invalid = await turn(t, "0532 12");
    expect(texts(invalid)).toEqual([T.invalidContact]);
    expect(buttons(invalid[0]).map((b) => b.title)).toEqual([T.cancelContactButton]);
    expect((await t.cases.get(reference))?.contact).toBeNull();
    expect(texts(await turn(t, "0532 123 45 67"))).toEqual([T.contactSaved]);
    expect((await t.cases.get(reference))?.contact).toBe("05321234567");
  });

  it("stores no contact when the customer declines consent, or gives up at the contact question", async () => {
    const t = await testBot(kb);
    const replies = await complain(t);
    const reference = referenceIn(replies);
    expect(texts(await turn(t, pick(replies[1], T.consentNoButton)))).toEqual([fillTemplate(T.contactDeclined, { reference })]);
    expect((await t.cases.get(reference))?.contact).toBeNull();
    // an e-mail typed now is not taken as contact (no consent): it is just a message
    await turn(t, "ayse@example.com");
    expect((await t.cases.get(reference))?.contact).toBeNull();

    const other = await complain(t, "u2");
    const second = referenceIn(other);
    const ask = await turn(t, pick(other[1], T.consentYesButton), "u2");
    expect(texts(await turn(t, pick(ask[0], T.cancelContactButton), "u2"))).toEqual([fillTemplate(T.contactDeclined, { reference: second })]);
    expect((await t.cases.get(second))?.contact).toBeNull();
  });

  it("opens nothing when the customer declines the offer", async () => {
    const t = await testBot(kb);
    const offer = await turn(t, "şikayet etmek istiyorum");
    expect(texts(await turn(t, pick(offer[0], "Hayır")))).toEqual([T.declined]);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
    // a late click on the old offer's accept button is told the offer was answered
    expect(texts(await turn(t, pick(offer[0], "Şikayet")))).toEqual([T.alreadyAnswered]);
  });

  it("offers a signed 'Vazgeç' with the request to describe the problem; clicking it opens nothing and alerts nobody", async () => {
    const t = await testBot(kb);
    const offer = await turn(t, "şikayet etmek istiyorum");
    const describe = await turn(t, pick(offer[0], "Şikayet"));
    expect(texts(describe)).toEqual([T.describe]);
    expect(buttons(describe[0])).toEqual([{ title: T.cancelDescribeButton, value: { action: "case", step: "cancel-describe", offer: expect.any(String), sig: expect.any(String) } }]);
    const cancel = pick(describe[0], T.cancelDescribeButton);
    expect(texts(await turn(t, cancel))).toEqual([T.declined]);
    // the step is over: the next message is no description, and a second click is told so
    await turn(t, "Kargom iki haftadır gelmedi, kimse dönmüyor");
    expect(texts(await turn(t, cancel))).toEqual([T.alreadyAnswered]);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
    expect(t.alerts).toEqual([]);
  });

  it("refuses a forged 'Vazgeç' and a late one once the case is open: the case stays", async () => {
    const t = await testBot(kb);
    const offer = await turn(t, "şikayet etmek istiyorum");
    const describe = await turn(t, pick(offer[0], "Şikayet"));
    const cancel = pick(describe[0], T.cancelDescribeButton);
    const forged = cancel.value && typeof cancel.value === "object" ? { ...cancel.value, sig: "forged" } : {};
    expect(texts(await turn(t, { title: cancel.title, value: forged }))).toEqual([TEXTS.staleButton]);
    const reference = referenceIn(await turn(t, "Faturam iki kez kesildi"));
    expect(texts(await turn(t, cancel))).toEqual([fillTemplate(T.alreadyOpened, { reference })]);
    expect(await t.cases.get(reference)).toMatchObject({ status: "open", text: "Faturam iki kez kesildi" });
  });

  it.each(["vazgeçtim", "hayır", "iptal", "vazgeç", "boşver", "Boş ver, kalsın", "hayır teşekkürler", "gerek yok", "VAZGECTIM!", "iptal et lütfen"])(
    "takes '%s' typed at the request to describe the problem as calling it off: no case, no alert",
    async (text) => {
      const t = await testBot(kb);
      const offer = await turn(t, "şikayet etmek istiyorum");
      await turn(t, pick(offer[0], "Şikayet"));
      expect(texts(await turn(t, text))).toEqual([T.declined]);
      expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
      expect(t.alerts).toEqual([]);
    },
  );

  it.each(["kargo iptal edildi ama para gelmedi", "internet yok", "siparişimi iptal ettim, para iadesi yok", "hayır diyemedim, paket zorla verildi"])(
    "opens the case with a description that merely contains such a word: %s",
    async (text) => {
      const t = await testBot(kb);
      const offer = await turn(t, "şikayet etmek istiyorum");
      await turn(t, pick(offer[0], "Şikayet"));
      const reference = referenceIn(await turn(t, text));
      expect(await t.cases.get(reference)).toMatchObject({ text });
      expect(t.alerts).toEqual([expect.objectContaining({ kind: "case-created", reference, text })]);
    },
  );

  it.each(["canli destek", "canlı destek lütfen", "şikayet etmek istiyorum", "sikayetim var", "bir temsilciyle görüşmek istiyorum", "Şikayet!"])(
    "asks again for the description when it is only a request to complain or for a person (%p), then opens the case with the description",
    async (text) => {
      const t = await testBot(kb);
      const offer = await turn(t, "canlı destek");
      expect(texts(await turn(t, pick(offer[0], "Şikayet")))).toEqual([T.describe]);
      const again = await turn(t, text);
      expect(texts(again)).toEqual([T.describe]);
      expect(buttons(again[0]).map((b) => b.title)).toEqual([T.cancelDescribeButton]);
      expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
      expect(t.alerts).toEqual([]);
      const reference = referenceIn(await turn(t, "Kartım bloke oldu, açtıramıyorum"));
      expect(await t.cases.get(reference)).toMatchObject({ text: "Kartım bloke oldu, açtıramıyorum" });
    },
  );

  it.each(["şikayet etmek istiyorum, kargom iki haftadır gelmedi", "canlı destek istiyorum çünkü kartım bloke oldu", "temsilciniz beni azarladı"])(
    "opens the case with a description that says more than the request: %s",
    async (text) => {
      const t = await testBot(kb);
      const offer = await turn(t, "şikayet etmek istiyorum");
      await turn(t, pick(offer[0], "Şikayet"));
      const reference = referenceIn(await turn(t, text));
      expect(await t.cases.get(reference)).toMatchObject({ text });
    },
  );

  it.each(["baştan başla", "başa dön"])("starts over on %p while the description is asked: no case, no alert", async (text) => {
    const t = await testBot(kb);
    const offer = await turn(t, "şikayet etmek istiyorum");
    await turn(t, pick(offer[0], "Şikayet"));
    expect(texts(await turn(t, text))).toEqual([TEXTS.restarted]);
    // the next message is a question again, not the description
    await turn(t, "Kargom iki haftadır gelmedi, kimse dönmüyor");
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
    expect(t.alerts).toEqual([]);
  });

  it("asks CES after an NPS detractor calls the description off", async () => {
    const t = await testBot(kb);
    for (const question of ["crm nedir", "nps nedir", "iso 10002 nedir"]) {
      const [answer] = await turn(t, question);
      await turn(t, buttons(answer)[4] as Button);
    }
    const offer = await turn(t, "2");
    expect(texts(await turn(t, pick(offer[0], "Şikayet")))).toEqual([T.describe]);
    expect(texts(await turn(t, "vazgeçtim"))).toEqual([T.declined, TEXTS.cesQuestion]);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
    expect(t.alerts).toEqual([expect.objectContaining({ kind: "nps-detractor", score: 2 })]);
  });

  it("refuses a forged case button", async () => {
    const t = await testBot(kb);
    const offer = await turn(t, "şikayet etmek istiyorum");
    const accept = pick(offer[0], "Şikayet");
    const value = accept.value && typeof accept.value === "object" ? { ...accept.value, sig: "forged" } : {};
    expect(texts(await turn(t, { title: accept.title, value }))).toEqual([TEXTS.staleButton]);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
  });

  it("offers a case after a rating of 1–2 with a comment, with the comment, answer, entry and rating", async () => {
    const t = await testBot(kb);
    const answer = await turn(t, "nps nedir");
    const low = buttons(answer[0])[1] as Button;
    expect(texts(await turn(t, low))).toEqual([TEXTS.commentPrompt]);
    const offer = await turn(t, "Hesaplama örneği yoktu");
    expect(texts(offer)).toEqual([TEXTS.commentThanks, T.offerRating]);
    const created = await turn(t, pick(offer[1], "Şikayet"));
    const stored = await t.cases.get(referenceIn(created));
    const rated = low.value && typeof low.value === "object" && "answer" in low.value && "entry" in low.value ? low.value : null;
    expect(stored).toMatchObject({ source: "rating", text: "Hesaplama örneği yoktu", rating: 2, answerId: rated?.answer, entryId: rated?.entry });
  });

  it("alerts an NPS detractor and offers a case, then asks CES once the case is settled", async () => {
    const t = await testBot(kb);
    for (const question of ["crm nedir", "nps nedir", "iso 10002 nedir"]) {
      const [answer] = await turn(t, question);
      await turn(t, buttons(answer)[4] as Button);
    }
    const offer = await turn(t, "3");
    expect(texts(offer)).toEqual([T.offerNps]);
    expect(t.alerts).toEqual([expect.objectContaining({ kind: "nps-detractor", score: 3 })]);
    expect(texts(await turn(t, pick(offer[0], "Şikayet")))).toEqual([T.describe]);
    const created = await turn(t, "Sorularımın çoğuna cevap alamadım");
    expect((await t.cases.get(referenceIn(created)))).toMatchObject({ source: "nps", score: 3 });
    expect(texts(await turn(t, pick(created[1], T.consentNoButton)))).toEqual([expect.any(String), TEXTS.cesQuestion]);
  });

  it("does not offer a case to a promoter", async () => {
    const t = await testBot(kb);
    for (const question of ["crm nedir", "nps nedir", "iso 10002 nedir"]) {
      const [answer] = await turn(t, question);
      await turn(t, buttons(answer)[4] as Button);
    }
    expect(texts(await turn(t, "9"))).toEqual([TEXTS.cesQuestion]);
    expect(t.alerts).toEqual([]);
  });

  it("answers 'şikayetim ne durumda' and the bare reference with the status and the latest public note", async () => {
    const t = await testBot(kb);
    expect(texts(await turn(t, "şikayetim ne durumda"))).toEqual([T.noCase]);
    const reference = referenceIn(await complain(t));
    const open = await turn(t, "şikayetim ne durumda");
    expect(open[0]?.text).toContain(reference);
    expect(open[0]?.text).toContain(T.statusOpen);
    expect(open[0]?.text).toContain(T.statusNoNote);
    await t.cases.update(reference, { status: "in_progress", publicNote: "Kargo firmasıyla görüşüyoruz.", internalNote: "gizli not" }, "Ayşe", new Date().toISOString());
    for (const text of [reference, reference.toLowerCase(), `${reference.replace("-", " ")} ne oldu?`]) {
      const [status] = await turn(t, text);
      expect(status?.text).toContain(T.statusInProgress);
      expect(status?.text).toContain(fillTemplate(T.statusNote, { note: "Kargo firmasıyla görüşüyoruz." }));
      expect(status?.text).not.toContain("gizli not");
    }
  });

  it("tells the opening day in the Turkish format, as a day of REPORT_TIMEZONE, not the stored UTC day", async () => {
    // 22:30 UTC on 7 December is already 8 December in Istanbul, and still 7 December in New York
    const now = (): Date => new Date("2026-12-07T22:30:00.000Z");
    for (const [timeZone, day] of [["Europe/Istanbul", "8.12.2026"], ["America/New_York", "7.12.2026"]] as const) {
      const t = await testBot(kb, { caseOptions: { timeZone, now } });
      const reference = referenceIn(await complain(t));
      const [status] = await turn(t, "şikayetim ne durumda");
      expect(status?.text).toContain(`${reference}** numaralı kaydınızın durumu: **${T.statusOpen}** (açılış: ${day})`);
      expect(status?.text).not.toContain("2026-12");
    }
  });

  it("reads a reference typed while a yes/no or contact question waits as a status question, whatever its letters spell", async () => {
    const t = await testBot(kb);
    const replies = await complain(t);
    const reference = referenceIn(replies);
    // `hh`, a typed "hayır", is in this reference's letters: it neither declines consent nor is a malformed phone number
    const typed = "MMN-HH2NEF";
    const notFound = fillTemplate(T.notFound, { reference: typed });
    expect(texts(await turn(t, typed))).toEqual([notFound]);
    // the consent question still waits for its answer
    expect(texts(await turn(t, pick(replies[1], T.consentYesButton)))).toEqual([T.askContact]);
    expect(texts(await turn(t, `${typed.toLowerCase()} ne oldu`))).toEqual([notFound]);
    // the customer moved on: a number typed now is no contact detail
    await turn(t, "0532 123 45 67");
    expect((await t.cases.get(reference))?.contact).toBeNull();
  });

  it("tells anyone else with a reference only that it exists and whether it is open", async () => {
    const t = await testBot(kb);
    const reference = referenceIn(await complain(t));
    await t.cases.update(reference, { publicNote: "Kargo firmasıyla görüşüyoruz." }, "Ayşe", new Date().toISOString());
    const [other] = await turn(t, reference, "someone-else");
    expect(other?.text).toBe(fillTemplate(T.statusOther, { reference, open: T.otherOpen }));
    expect(other?.text).not.toContain("Kargo");
    await t.cases.update(reference, { status: "closed" }, "Ayşe", new Date().toISOString());
    expect(texts(await turn(t, reference, "someone-else"))).toEqual([fillTemplate(T.statusOther, { reference, open: T.otherClosed })]);
    expect(texts(await turn(t, "şikayetim ne durumda", "someone-else"))).toEqual([T.noCase]);
    expect(texts(await turn(t, "MMN-AAAAAA"))).toEqual([fillTemplate(T.notFound, { reference: "MMN-AAAAAA" })]);
  });

  it("still answers questions about complaints from the knowledge base", async () => {
    const t = await testBot(kb);
    const [reply] = await turn(t, "Başarılı bir müşteri temsilcisi nasıl olmalı?");
    expect(reply?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
  });

  it("uses the editors' texts from the knowledge base", async () => {
    const custom: KnowledgeBase = { ...kb, caseTexts: { offerComplaint: "Kayıt açalım mı?" } };
    const t = await testBot(custom);
    expect(texts(await turn(t, "şikayet etmek istiyorum"))).toEqual(["Kayıt açalım mı?"]);
  });
});

describe("the complaint loop without buttons (typed answers)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("takes a typed 'evet' to the offer and to consent, and 'hayır' declines", async () => {
    const t = await testBot(kb);
    await turn(t, "canlı destek istiyorum");
    expect(texts(await turn(t, "evet"))).toEqual([T.describe]);
    const created = await turn(t, "Kartım bloke oldu, açtıramıyorum");
    const reference = referenceIn(created);
    expect(texts(await turn(t, "evet lütfen"))).toEqual([T.askContact]);
    expect(texts(await turn(t, "+90 532 123 45 67"))).toEqual([T.contactSaved]);
    expect((await t.cases.get(reference))?.contact).toBe("+905321234567");
    await turn(t, "şikayet etmek istiyorum");
    expect(texts(await turn(t, "hayır teşekkürler"))).toEqual([T.declined]);
  });

  it("reads 'evet' as an answer only right after the question", async () => {
    const t = await testBot(kb);
    await turn(t, "şikayet etmek istiyorum");
    await turn(t, "crm nedir");
    const later = await turn(t, "tamam");
    expect(texts(later)).not.toContain(T.describe);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
  });

  it("lets a customer asked for contact details move on to a question, storing nothing", async () => {
    const t = await testBot(kb);
    const created = await complain(t);
    const reference = referenceIn(created);
    await turn(t, pick(created[1], T.consentYesButton));
    const [reply] = await turn(t, "crm nedir");
    expect(reply?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
    expect((await t.cases.get(reference))?.contact).toBeNull();
  });
});

describe("the contact step: what a reply that is no contact detail does", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  /** A case opened and contact consented to: the reference, with the contact question asked. */
  async function askedForContact(t: TestBot): Promise<string> {
    const created = await complain(t);
    expect(texts(await turn(t, pick(created[1], T.consentYesButton)))).toEqual([T.askContact]);
    return referenceIn(created);
  }

  it.each(["telefonum sifir bes yuz otuz iki", "mailim ayse nokta yilmaz gmail", "Ayşe Yılmaz"])(
    "asks again, with its cancel button, for a reply that is no question (%p), and stores the number typed next",
    async (text) => {
      const t = await testBot(kb);
      const reference = await askedForContact(t);
      const invalid = await turn(t, text);
      expect(texts(invalid)).toEqual([T.invalidContact]);
      expect(buttons(invalid[0]).map((b) => b.title)).toEqual([T.cancelContactButton]);
      expect(texts(await turn(t, "05321234567"))).toEqual([T.contactSaved]);
      expect((await t.cases.get(reference))?.contact).toBe("05321234567");
    },
  );

  it.each(["boşver", "vazgeçtim", "iptal", "hayır teşekkürler"])("stores nothing and says so on a refusal (%p)", async (text) => {
    const t = await testBot(kb);
    const reference = await askedForContact(t);
    expect(texts(await turn(t, text))).toEqual([fillTemplate(T.contactDeclined, { reference })]);
    expect((await t.cases.get(reference))?.contact).toBeNull();
  });

  it("moves on to a question, storing nothing", async () => {
    const t = await testBot(kb);
    const reference = await askedForContact(t);
    expect(isAnswer((await turn(t, "müşteri sadakati nedir"))[0])).toBe(true);
    await turn(t, "0532 123 45 67");
    expect((await t.cases.get(reference))?.contact).toBeNull();
  });

  it("moves on to a case status request, and answers it", async () => {
    const t = await testBot(kb);
    const reference = await askedForContact(t);
    const [status] = await turn(t, "şikayetim ne durumda");
    expect(status?.text).toContain(reference);
    expect(status?.text).toContain(T.statusOpen);
    expect((await t.cases.get(reference))?.contact).toBeNull();
  });
});

describe("the complaint loop left with a click elsewhere", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });
  const now = (): string => new Date().toISOString();

  /** The buttons of an earlier answer that are not the complaint loop's: a follow-up, a rating. */
  const elsewhere: Array<[string, (answer: Reply | undefined) => Button]> = [
    ["an older answer's follow-up", (answer) => followUps(answer)[0] ?? { title: "", value: null }],
    ["an older answer's rating", (answer) => buttons(answer)[3] ?? { title: "", value: null }],
  ];

  it.each(elsewhere)(
    "ends the request to describe the problem on a click on %s: the next question is answered, nothing is opened, nobody alerted",
    async (_, button) => {
      const t = await testBot(kb);
      const [earlier] = await turn(t, "csat nedir");
      const offer = await turn(t, "şikayetim var");
      expect(texts(await turn(t, pick(offer[0], "Şikayet")))).toEqual([T.describe]);
      const clicked = await turn(t, button(earlier));
      expect(texts(clicked)).not.toContain(T.describe);
      const [next] = await turn(t, "peki ces nedir");
      expect(isAnswer(next)).toBe(true);
      expect(await t.cases.list({ now: now() })).toEqual([]);
      expect(t.alerts).toEqual([]);
      // the offer itself stays open, as after a typed question: accepting it asks for the words again
      expect(texts(await turn(t, pick(offer[0], "Şikayet")))).toEqual([T.describe]);
      const reference = referenceIn(await turn(t, "Kargom iki haftadır gelmedi"));
      expect(await t.cases.get(reference)).toMatchObject({ text: "Kargom iki haftadır gelmedi" });
    },
  );

  it.each(elsewhere)("ends the request for contact details on a click on %s: the next message is no contact detail", async (_, button) => {
    const t = await testBot(kb);
    const [earlier] = await turn(t, "csat nedir");
    const created = await complain(t);
    const reference = referenceIn(created);
    expect(texts(await turn(t, pick(created[1], T.consentYesButton)))).toEqual([T.askContact]);
    await turn(t, button(earlier));
    const [next] = await turn(t, "iso 10002 nedir");
    expect(isAnswer(next)).toBe(true);
    expect((await t.cases.get(reference))?.contact).toBeNull();
  });

  it("keeps an offer's typed 'evet' for the offer only while it is the latest question", async () => {
    const t = await testBot(kb);
    const [earlier] = await turn(t, "csat nedir");
    await turn(t, "şikayet etmek istiyorum");
    const [clicked] = await turn(t, followUps(earlier)[0] ?? { title: "", value: null });
    expect(isAnswer(clicked)).toBe(true);
    expect(texts(await turn(t, "evet"))).not.toContain(T.describe);
    expect(await t.cases.list({ now: now() })).toEqual([]);
  });
});

describe("the complaint loop's buttons, their labels typed instead of clicked", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });
  const now = (): string => new Date().toISOString();

  it.each(["Şikayet kaydı aç", "şikayet kaydı aç", "SIKAYET KAYDI AC.", "Şikayet, kaydı aç!"])(
    "accepts the live-support offer when its button's label is typed (%p), with no second offer",
    async (typed) => {
      const t = await testBot(kb, { caseOptions: { responseHours: 24 } });
      const [offer] = await turn(t, "canlı destek");
      expect(offer?.text).toBe(fillTemplate(T.offerHuman, { hours: 24 }));
      expect(buttons(offer).map((b) => b.title)).toContain(T.acceptButton);
      expect(texts(await turn(t, typed))).toEqual([T.describe]);
      const reference = referenceIn(await turn(t, "Kartım bloke oldu, açtıramıyorum"));
      expect((await t.cases.list({ now: now() })).map((c) => [c.reference, c.source, c.text])).toEqual([[reference, "intent", "Kartım bloke oldu, açtıramıyorum"]]);
    },
  );

  it("takes the typed labels of the consent buttons, and of 'Hayır, teşekkürler' under the offer", async () => {
    const t = await testBot(kb);
    const reference = referenceIn(await complain(t));
    expect(texts(await turn(t, "evet, paylasmak istiyorum"))).toEqual([T.askContact]);
    expect(texts(await turn(t, "ad@ornek.com"))).toEqual([T.contactSaved]);
    expect((await t.cases.get(reference))?.contact).toBe("ad@ornek.com");
    const second = referenceIn(await complain(t));
    expect(texts(await turn(t, "Hayır, paylaşmayayım."))).toEqual([fillTemplate(T.contactDeclined, { reference: second })]);
    await turn(t, "şikayet etmek istiyorum");
    expect(texts(await turn(t, "hayir tesekkurler!"))).toEqual([T.declined]);
    expect(await t.cases.list({ now: now() })).toHaveLength(2);
  });

  it("acts on an offer still open after another question, as a late click does, and offers a case when none is open", async () => {
    const t = await testBot(kb);
    expect(texts(await turn(t, T.acceptButton))).toEqual([T.offerComplaint]);
    const [answer] = await turn(t, "crm nedir");
    expect(answer?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
    expect(texts(await turn(t, T.acceptButton))).toEqual([T.describe]);
    // clicked again while the description is asked for: asked again, not taken as the description
    expect(texts(await turn(t, T.acceptButton))).toEqual([T.describe]);
    expect(await t.cases.list({ now: now() })).toEqual([]);
    expect(texts(await turn(t, T.cancelDescribeButton))).toEqual([T.declined]);
    expect(await t.cases.list({ now: now() })).toEqual([]);
  });

  it("reads the editors' labels from the knowledge base", async () => {
    const custom: KnowledgeBase = { ...kb, caseTexts: { acceptButton: "Kaydımı oluştur", consentYesButton: "Bilgimi vereyim" } };
    const t = await testBot(custom);
    const [offer] = await turn(t, "şikayet etmek istiyorum");
    expect(buttons(offer)[0]?.title).toBe("Kaydımı oluştur");
    expect(texts(await turn(t, "kaydimi olustur"))).toEqual([T.describe]);
    await turn(t, "Kargom iki haftadır gelmedi");
    expect(texts(await turn(t, "Bilgimi vereyim"))).toEqual([T.askContact]);
  });
});

describe("the complaint loop while the database is away", () => {
  it("says so, keeps the customer's words, and opens the case when accepted again", async () => {
    const kb = await realKnowledge();
    let down = true;
    const t = await testBot(kb, {
      caseOptions: {
        wrapStore: (store) =>
          caseStoreWith(store, {
            create: (input) => (down ? Promise.reject(new DatabaseUnavailableError()) : store.create(input)),
            createOnce: (offer, input) => (down ? Promise.reject(new DatabaseUnavailableError()) : store.createOnce(offer, input)),
            get: (reference) => (down ? Promise.reject(new DatabaseUnavailableError()) : store.get(reference)),
            latestOf: (userHash) => (down ? Promise.reject(new DatabaseUnavailableError()) : store.latestOf(userHash)),
          }),
      },
    });
    const offer = await turn(t, "şikayet etmek istiyorum");
    await turn(t, pick(offer[0], "Şikayet"));
    expect(texts(await turn(t, "Param iade edilmedi"))).toEqual([T.unavailable]);
    expect(texts(await turn(t, "şikayetim ne durumda"))).toEqual([T.unavailable]);
    down = false;
    const created = await turn(t, pick(offer[0], "Şikayet"));
    expect((await t.cases.get(referenceIn(created)))?.text).toBe("Param iade edilmedi");
  });
});

/** Every text of the complaint loop's offers and status answers (with the test bot's 48 hours). */
const CASE_REPLIES = [T.offerComplaint, fillTemplate(T.offerHuman, { hours: 48 }), T.offerRating, T.offerNps, fillTemplate(T.offerEscalation, { hours: 48 }), T.noCase];
/** The replies that offer a case or tell one's status. */
const offersOrStatus = (replies: Reply[]): string[] => texts(replies).flatMap((text) => (text !== undefined && (CASE_REPLIES.includes(text) || text.includes("numaralı")) ? [text] : []));

describe("questions about complaints and representatives go to the knowledge (QA 47, bug 2)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  // the shipped knowledge answers these outright
  it.each([
    "şikayetleri ele alırken nelere dikkat edilmeli",
    "ISO 10002 şikayet süreci nasıl işler",
    "iyi bir müşteri temsilcisi olmak istiyorum",
    "müşteri temsilcisi müşteriyle nasıl konuşmalı",
    "müşteri hizmetleri ile nasıl konuşmalıyım",
    "personel müşteriyle nasıl konuşmalı",
    "çağrı merkezinde temsilci müşteriye nasıl ulaşmalı",
    "iyi bir musteri temsilcisi olmak istiyorum",
    "sikayetleri ele alirken nelere dikkat edilmeli",
  ])("answers %p from the knowledge, offering no case", async (text) => {
    const t = await testBot(kb);
    const replies = await turn(t, text);
    expect(offersOrStatus(replies)).toEqual([]);
    expect(isAnswer(replies[0])).toBe(true);
  });

  // the knowledge may offer choices or not know these: no case offer nor status either way
  it.each([
    "şikayet yönetimi nasıl yapılır",
    "şikayet eden müşteriye nasıl davranılır",
    "müşteri şikayetlerini nasıl azaltırım",
    "şikayet oranı nasıl düşürülür",
    "müşteri şikayetlerine nasıl cevap verilir",
    "şikayetlere ne kadar sürede yanıt verilmeli",
    "musteri sikayetlerine nasil cevap verilir",
  ])("reads %p as a question, not a complaint, a status question or a request for a person", async (text) => {
    const t = await testBot(kb);
    expect(offersOrStatus(await turn(t, text))).toEqual([]);
  });

  it.each([
    ["şikayet etmek istiyorum", T.offerComplaint],
    ["şikayetçiyim", T.offerComplaint],
    ["sikayetciyim", T.offerComplaint],
    ["nasıl şikayet edebilirim", T.offerComplaint],
    ["temsilciye bağla", fillTemplate(T.offerHuman, { hours: 48 })],
    ["gerçek biriyle konuşabilir miyim", fillTemplate(T.offerHuman, { hours: 48 })],
    ["gercek biriyle konusabilir miyim", fillTemplate(T.offerHuman, { hours: 48 })],
    ["canli destek", fillTemplate(T.offerHuman, { hours: 48 })],
    ["şikayetim ne durumda", T.noCase],
    ["kaydım ne oldu", T.noCase],
    ["kaydim ne oldu", T.noCase],
  ])("still takes the writer's own request %p (%p), even where the knowledge would answer it", async (text, reply) => {
    const t = await testBot(kb);
    expect(texts(await turn(t, text))).toEqual([reply]);
  });

  it("lets an outright knowledge answer win over a request that asks the way to it, not over one said as the writer's own", async () => {
    const base = createKnowledgeBase(
      [
        knowledgeEntry("temsilci", "Müşteri temsilcisine nasıl ulaşırım?"),
        knowledgeEntry("sikayet", "Şikayetimi nereye iletebilirim?"),
        knowledgeEntry("kargo", "Kargom ne zaman gelir?"),
      ],
      3,
    );
    const t = await testBot(base);
    for (const text of ["müşteri temsilcisine nasıl ulaşırım", "Şikayetimi nereye iletebilirim?"]) {
      const replies = await turn(t, text);
      expect(offersOrStatus(replies)).toEqual([]);
      expect(isAnswer(replies[0])).toBe(true);
    }
    expect(texts(await turn(t, "temsilciye bağlanmak istiyorum"))).toEqual([fillTemplate(T.offerHuman, { hours: 48 })]);
    expect(texts(await turn(t, "şikayet etmek istiyorum"))).toEqual([T.offerComplaint]);
  });
});

describe("a declined offer is not made again unasked (QA 47, bug 6)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  /** Asks `question`, rates its answer `rating` (1–2) and comments: the replies to the comment. */
  async function lowRating(t: TestBot, question: string, rating: number, comment: string): Promise<Reply[]> {
    const [answer] = await turn(t, question);
    expect(texts(await turn(t, buttons(answer)[rating - 1] as Button))).toEqual([TEXTS.commentPrompt]);
    return turn(t, comment);
  }

  it("offers a case after a low rating with a comment until the customer says no; asked for in words, one is still offered", async () => {
    const t = await testBot(kb);
    const first = await lowRating(t, "nps nedir", 2, "hesaplama örneği eksik");
    expect(texts(first)).toEqual([TEXTS.commentThanks, T.offerRating]);
    expect(texts(await turn(t, "hayır teşekkürler"))).toEqual([T.declined]);
    expect(texts(await lowRating(t, "csat nedir", 1, "bu da eksik"))).toEqual([TEXTS.commentThanks]);
    // "baştan başla" drops what waits, not what the customer said; the third rating brings the survey
    await turn(t, "baştan başla");
    expect(texts(await lowRating(t, "ces nedir", 2, "yine eksik"))).toEqual([TEXTS.commentThanks, TEXTS.npsQuestion]);
    expect(texts(await turn(t, "şikayet etmek istiyorum"))).toEqual([T.offerComplaint]);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
  });

  it("counts calling off the description as a no too", async () => {
    const t = await testBot(kb);
    const offer = await lowRating(t, "nps nedir", 2, "hesaplama örneği eksik");
    expect(texts(await turn(t, pick(offer[1], T.declineButton)))).toEqual([T.declined]);
    expect(texts(await lowRating(t, "csat nedir", 1, "bu da eksik"))).toEqual([TEXTS.commentThanks]);
    const asked = await turn(t, "canlı destek");
    await turn(t, pick(asked[0], "Şikayet"));
    expect(texts(await turn(t, "vazgeçtim"))).toEqual([T.declined]);
    expect(texts(await lowRating(t, "ces nedir", 2, "yine eksik"))).toEqual([TEXTS.commentThanks, TEXTS.npsQuestion]);
  });

  it("alerts an NPS detractor who declined an offer before, offers nothing, and asks CES", async () => {
    const t = await testBot(kb);
    await turn(t, "şikayet etmek istiyorum");
    expect(texts(await turn(t, "hayır"))).toEqual([T.declined]);
    for (const question of ["crm nedir", "nps nedir", "iso 10002 nedir"]) {
      const [answer] = await turn(t, question);
      await turn(t, buttons(answer)[4] as Button);
    }
    expect(texts(await turn(t, "3"))).toEqual([TEXTS.cesQuestion]);
    expect(t.alerts).toEqual([expect.objectContaining({ kind: "nps-detractor", score: 3 })]);
  });
});

describe("a question typed where the problem's description is asked for (QA 47, bug 7)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("answers a question the knowledge answers outright, opens nothing, and keeps the offer for its typed label", async () => {
    const t = await testBot(kb);
    expect(texts(await turn(t, "canlı destek"))).toEqual([fillTemplate(T.offerHuman, { hours: 48 })]);
    expect(texts(await turn(t, "evet"))).toEqual([T.describe]);
    const replies = await turn(t, "nps nedir");
    expect(replies[0]?.text).toBe(fillTemplate(T.describeAnswered, { button: T.acceptButton }));
    expect(isAnswer(replies[1])).toBe(true);
    expect(replies).toHaveLength(2);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
    expect(t.alerts).toEqual([]);
    // the answer's rating is its own again, not a description
    expect(texts(await turn(t, "5"))).toEqual([TEXTS.ratingThanks]);
    expect(texts(await turn(t, T.acceptButton))).toEqual([T.describe]);
    const reference = referenceIn(await turn(t, "Kartım bloke oldu, açtıramıyorum"));
    expect(await t.cases.get(reference)).toMatchObject({ text: "Kartım bloke oldu, açtıramıyorum", source: "intent" });
  });

  it.each(["Kargom neden hâlâ gelmedi?", "param ne zaman iade edilecek", "müşteri hizmetleriniz neden cevap vermiyor?"])(
    "files a description that asks what the knowledge does not answer outright: %p",
    async (text) => {
      const t = await testBot(kb);
      const offer = await turn(t, "şikayet etmek istiyorum");
      await turn(t, pick(offer[0], "Şikayet"));
      const reference = referenceIn(await turn(t, text));
      expect(await t.cases.get(reference)).toMatchObject({ text });
    },
  );
});

describe("failing again and again leads to a person (QA 47, bug 9)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });
  const escalation = fillTemplate(T.offerEscalation, { hours: 48 });

  it("offers a case on the second 'don't know' in a row, once per conversation; accepting opens one", async () => {
    const t = await testBot(kb);
    const [first] = await turn(t, "hava durumu nasıl");
    expect(first?.text).toBe(TEXTS.dontKnow);
    const second = await turn(t, "asdfghjkl");
    expect(texts(second)).toEqual([escalation]);
    expect(buttons(second[0]).map((b) => b.title)).toEqual([T.acceptButton, T.declineButton]);
    // ignored: "don't know" as usual from now on, however often
    for (const text of ["borsa bugün nasıl", "qwertyuiop", "uçak bileti ne kadar"]) expect(offersOrStatus(await turn(t, text))).toEqual([]);
    expect(texts(await turn(t, pick(second[0], "Şikayet")))).toEqual([T.describe]);
    const reference = referenceIn(await turn(t, "Aradığım bilgiyi hiçbir yerde bulamadım"));
    expect(await t.cases.get(reference)).toMatchObject({ source: "intent", text: "Aradığım bilgiyi hiçbir yerde bulamadım" });
  });

  it("counts misses in a row only: an answer or 'did you mean' between starts over", async () => {
    const t = await testBot(kb);
    for (const text of ["hava durumu nasıl", "nps nedir", "asdfghjkl", "müşteri memnuniyeti", "qwertyuiop"]) expect(offersOrStatus(await turn(t, text))).toEqual([]);
    // small talk between two misses does not break the row
    expect(texts(await turn(t, "merhaba"))).not.toContain(escalation);
    expect(texts(await turn(t, "uçak bileti ne kadar"))).toEqual([escalation]);
  });

  it.each(["bu bot hiçbir işe yaramıyor", "rezalet", "bu bot hicbir ise yaramiyor"])("offers a case at once on an angry message: %p", async (text) => {
    const t = await testBot(kb);
    expect(texts(await turn(t, text))).toEqual([escalation]);
    expect(texts(await turn(t, "hayır"))).toEqual([T.declined]);
    // declined: not offered again unasked, asked for it still is
    expect(offersOrStatus(await turn(t, "berbat"))).toEqual([]);
    expect(offersOrStatus(await turn(t, "asdfghjkl"))).toEqual([]);
    expect(texts(await turn(t, "canlı destek"))).toEqual([fillTemplate(T.offerHuman, { hours: 48 })]);
  });

  it("says 'don't know' as before where there is no complaint loop", async () => {
    const t = await testBot(kb, { caseOptions: { off: true } });
    await turn(t, "hava durumu nasıl");
    expect(texts(await turn(t, "asdfghjkl"))).toEqual([TEXTS.dontKnow]);
    expect(texts(await turn(t, "rezalet"))).toEqual([TEXTS.dontKnow]);
  });
});

describe("a reference typed wrong (QA 47, bug 11)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it.each([
    ["MMN-ABC123 ne durumda", "MMN-ABC123"],
    ["mmn 0k3q9a", "MMN-0K3Q9A"],
    ["kaydım MMN-7K3Q9 ne oldu", "MMN-7K3Q9"],
    ["mmn-ı1o0s5", "MMN-I1O0S5"],
  ])("tells %p that no such case exists and asks to check the number", async (text, reference) => {
    const t = await testBot(kb);
    expect(texts(await turn(t, text))).toEqual([fillTemplate(T.notFound, { reference })]);
  });

  it("reads it as a status question while the contact details are asked for: nothing is stored", async () => {
    const t = await testBot(kb);
    const created = await complain(t);
    const reference = referenceIn(created);
    expect(texts(await turn(t, pick(created[1], T.consentYesButton)))).toEqual([T.askContact]);
    expect(texts(await turn(t, "MMN-ABC123"))).toEqual([fillTemplate(T.notFound, { reference: "MMN-ABC123" })]);
    expect((await t.cases.get(reference))?.contact).toBeNull();
  });
});

describe("a description longer than a case keeps", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });
  /** A description of exactly `length` characters. */
  const story = (length: number): string => "Kargom iki haftadır gelmedi, kimse dönmüyor. ".repeat(Math.ceil(length / 40)).slice(0, length).trimEnd().padEnd(length, ".");

  it.each([
    // over the message limit: it was asked to be shortened as a question ("Sorunuzu…")
    [2000, 2500, 2000],
    [1500, 1800, 1500],
    // within a higher message limit, over what a case keeps: it was cut to 2000 characters silently
    [5000, 3000, 2000],
    [100_000, 2001, 2000],
  ])("with MAX_MESSAGE_LENGTH %d, asks for a %d-character description again, no longer than %d characters, and opens the case with the shorter one whole", async (maxMessageLength, length, limit) => {
    const t = await testBot(kb, { maxMessageLength });
    const offer = await turn(t, "şikayet etmek istiyorum");
    expect(texts(await turn(t, pick(offer[0], "Şikayet")))).toEqual([T.describe]);
    const long = await turn(t, story(length));
    expect(texts(long)).toEqual([fillTemplate(T.describeTooLong, { limit })]);
    expect(buttons(long[0]).map((b) => b.title)).toEqual([T.cancelDescribeButton]);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
    expect(t.alerts).toEqual([]);
    const shorter = story(limit);
    const reference = referenceIn(await turn(t, shorter));
    expect((await t.cases.get(reference))?.text).toBe(shorter);
  });

  it("lets the customer call off a description asked for shorter", async () => {
    const t = await testBot(kb);
    const offer = await turn(t, "şikayet etmek istiyorum");
    await turn(t, pick(offer[0], "Şikayet"));
    const long = await turn(t, story(2500));
    expect(texts(await turn(t, pick(long[0], T.cancelDescribeButton)))).toEqual([T.declined]);
    expect(await t.cases.list({ now: new Date().toISOString() })).toEqual([]);
  });

  it("asks for a low rating's comment over what is stored again, shorter, where the message limit is higher", async () => {
    const t = await testBot(kb, { maxMessageLength: 5000 });
    const [answer] = await turn(t, "nps nedir");
    expect(texts(await turn(t, buttons(answer)[1] as Button))).toEqual([TEXTS.commentPrompt]);
    const remark = (length: number): string => "örnek eksik ".repeat(length).slice(0, length);
    expect(texts(await turn(t, remark(3000)))).toEqual([TEXTS.commentTooLong(2000)]);
    await t.recorder.flush();
    expect((await t.store.report({})).comments).toEqual([]);
    const comment = remark(2000);
    expect(texts(await turn(t, comment))).toEqual([TEXTS.commentThanks, T.offerRating]);
    expect((await t.store.report({})).comments).toEqual([expect.objectContaining({ text: comment })]);
  });
});

describe("a request to be contacted by a person goes to the case offer, not to an entry about contact", () => {
  /** A knowledge base whose entries are about calling and reaching customer services. */
  const base = createKnowledgeBase(
    [
      knowledgeEntry("ara", "Müşteri hizmetlerini nasıl arayabilirim?", { alternates: ["Müşteri hizmetleri telefon numarası nedir?"] }),
      knowledgeEntry("temsilci", "Müşteri temsilcisi ile nasıl görüşebilirim?"),
      knowledgeEntry("geri-arama", "Geri arama hizmeti nedir?"),
      knowledgeEntry("kargo", "Kargom ne zaman gelir?"),
    ],
    4,
  );
  const offerHuman = fillTemplate(T.offerHuman, { hours: 48 });

  it.each([
    "müşteri hizmetlerini arayın beni",
    "musteri hizmetlerini arayin beni",
    "beni arayın",
    "biri beni arasın",
    "beni geri arar mısınız",
    "bana ulaşın lütfen",
    "bana dönüş yapın",
    "temsilciyle görüşmek istiyorum",
    "müşteri temsilcisiyle görüşmek istiyorum",
  ])("offers a case for %p, in the shipped knowledge and where an entry is about calling", async (text) => {
    for (const kb of [await realKnowledge(), base]) {
      const t = await testBot(kb);
      expect(texts(await turn(t, text))).toEqual([offerHuman]);
    }
  });

  it.each(["müşteri hizmetlerini nasıl arayabilirim", "müşteri temsilcisi ile nasıl görüşebilirim", "geri arama hizmeti nedir"])(
    "still answers %p from the knowledge",
    async (text) => {
      const t = await testBot(base);
      const replies = await turn(t, text);
      expect(offersOrStatus(replies)).toEqual([]);
      expect(isAnswer(replies[0])).toBe(true);
    },
  );

  it.each(["beni aramayın", "beni aradınız mı"])("offers no case for %p, which asks for no call", async (text) => {
    const t = await testBot(base);
    expect(offersOrStatus(await turn(t, text))).toEqual([]);
  });

  it("asks again for the description when it is only the request to be called, then opens the case with the description", async () => {
    const t = await testBot(base);
    await turn(t, "beni arayın");
    expect(texts(await turn(t, "evet"))).toEqual([T.describe]);
    expect(texts(await turn(t, "müşteri hizmetleri beni geri arasın"))).toEqual([T.describe]);
    const reference = referenceIn(await turn(t, "Kargom iki haftadır gelmedi, beni arayın"));
    expect(await t.cases.get(reference)).toMatchObject({ source: "intent", text: "Kargom iki haftadır gelmedi, beni arayın" });
  });
});

describe("the problem told right after a case is offered, instead of a yes or no", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });
  const now = (): string => new Date().toISOString();
  const STORY = "siparişim 3 gündür gelmedi, kargo takip numarası da çalışmıyor";

  /** Each way to an offer: what brings it, the offer's text, the case's source, and the words the case holds already. */
  const offers: Array<[string, (t: TestBot) => Promise<Reply[]>, string, string, string | null]> = [
    ["a complaint", (t) => turn(t, "şikayet etmek istiyorum"), T.offerComplaint, "intent", null],
    ["a request for a person", (t) => turn(t, "canlı destek"), fillTemplate(T.offerHuman, { hours: 48 }), "intent", null],
    [
      "a second 'don't know'",
      async (t) => {
        await turn(t, "hava durumu nasıl");
        return turn(t, "asdfghjkl");
      },
      fillTemplate(T.offerEscalation, { hours: 48 }),
      "intent",
      null,
    ],
    [
      "a low rating with a comment",
      async (t) => {
        const [answer] = await turn(t, "nps nedir");
        await turn(t, buttons(answer)[1] as Button);
        return (await turn(t, "hesaplama örneği eksik")).slice(1);
      },
      T.offerRating,
      "rating",
      "hesaplama örneği eksik",
    ],
    [
      "an NPS detractor's score",
      async (t) => {
        for (const question of ["crm nedir", "nps nedir", "iso 10002 nedir"]) {
          const [answer] = await turn(t, question);
          await turn(t, buttons(answer)[4] as Button);
        }
        return turn(t, "3");
      },
      T.offerNps,
      "nps",
      null,
    ],
  ];

  it.each(offers)("after %s, asks once whether to open the case with the words told, and opens it on 'evet'", async (_, toOffer, offerText, source, held) => {
    const t = await testBot(kb);
    expect(texts(await toOffer(t))).toEqual([offerText]);
    const asked = await turn(t, STORY);
    expect(texts(asked)).toEqual([T.confirmDescription]);
    expect(buttons(asked[0]).map((b) => b.title)).toEqual([T.acceptButton, T.declineButton]);
    expect(await t.cases.list({ now: now() })).toEqual([]);
    expect(t.alerts.filter((alert) => alert.kind === "case-created")).toEqual([]);
    const created = await turn(t, "evet");
    const reference = referenceIn(created);
    expect(texts(created)).toEqual([fillTemplate(T.created, { reference, hours: 48 }), T.consentQuestion]);
    const text = held === null ? STORY : `${held}\n\n${STORY}`;
    expect(await t.cases.get(reference)).toMatchObject({ source, text });
    expect(t.alerts).toContainEqual(expect.objectContaining({ kind: "case-created", reference, text }));
  });

  it.each([
    STORY,
    "siparisim 3 gundur gelmedi, kargo takip numarasi da calismiyor",
    "Faturam iki kez kesildi, param hâlâ iade edilmedi",
    "Kartımı kaybettim",
    "hesabıma giremiyorum",
    // a question the knowledge does not answer outright: filed, as at the description step
    "Kargom neden hâlâ gelmedi?",
  ])("reads %p typed at the offer as the problem told: opens the case with it on a click", async (story) => {
    const t = await testBot(kb);
    await turn(t, "canlı destek");
    const asked = await turn(t, story);
    expect(texts(asked)).toEqual([T.confirmDescription]);
    const reference = referenceIn(await turn(t, pick(asked[0], "Şikayet")));
    expect(await t.cases.get(reference)).toMatchObject({ source: "intent", text: story });
  });

  it("opens nothing when the customer says no to filing the words told", async () => {
    const t = await testBot(kb);
    await turn(t, "şikayet etmek istiyorum");
    expect(texts(await turn(t, STORY))).toEqual([T.confirmDescription]);
    expect(texts(await turn(t, "hayır"))).toEqual([T.declined]);
    expect(await t.cases.list({ now: now() })).toEqual([]);
    expect(t.alerts).toEqual([]);
  });

  it.each(["nps nedir", "crm nedir?", "müşteri sadakati nasıl ölçülür"])(
    "answers the question %p typed at the offer, as before, and keeps the offer for its typed label",
    async (question) => {
      const t = await testBot(kb);
      await turn(t, "şikayet etmek istiyorum");
      const replies = await turn(t, question);
      expect(texts(replies)).not.toContain(T.confirmDescription);
      expect(isAnswer(replies[0])).toBe(true);
      expect(await t.cases.list({ now: now() })).toEqual([]);
      expect(texts(await turn(t, T.acceptButton))).toEqual([T.describe]);
    },
  );

  it("answers a problem asked as a question the knowledge answers outright, as the description step does", async () => {
    const base = createKnowledgeBase([knowledgeEntry("kargo", "Kargom gelmedi, ne yapmalıyım?"), knowledgeEntry("iade", "Param ne zaman iade edilir?")], 2);
    const t = await testBot(base);
    await turn(t, "şikayet etmek istiyorum");
    const replies = await turn(t, "kargom gelmedi ne yapmalıyım?");
    expect(texts(replies)).not.toContain(T.confirmDescription);
    expect(isAnswer(replies[0])).toBe(true);
    await turn(t, "şikayet etmek istiyorum");
    expect(texts(await turn(t, "kargom gelmedi, kimse dönmüyor"))).toEqual([T.confirmDescription]);
  });

  it.each(["anlamadım", "yine olmadı", "kargo ücreti", "iade yapmak istiyorum", "tamam teşekkürler", "hayır teşekkürler"])(
    "does not read %p, which tells no problem, as the case's description",
    async (text) => {
      const t = await testBot(kb);
      await turn(t, "şikayet etmek istiyorum");
      expect(texts(await turn(t, text))).not.toContain(T.confirmDescription);
      expect(await t.cases.list({ now: now() })).toEqual([]);
    },
  );

  it("reads the words told only right after the offer: once another message came, they are a question again", async () => {
    const t = await testBot(kb);
    await turn(t, "şikayet etmek istiyorum");
    await turn(t, "crm nedir");
    expect(texts(await turn(t, STORY))).not.toContain(T.confirmDescription);
    expect(await t.cases.list({ now: now() })).toEqual([]);
  });

  it("asks for words told at the offer shorter when they would not fit in a case, and keeps the offer", async () => {
    const t = await testBot(kb, { maxMessageLength: 5000 });
    await turn(t, "şikayet etmek istiyorum");
    const long = `${STORY}. `.repeat(40).trim();
    const asked = await turn(t, long);
    expect(texts(asked)).toEqual([fillTemplate(T.describeTooLong, { limit: 2000 })]);
    expect(buttons(asked[0]).map((b) => b.title)).toEqual([T.acceptButton, T.declineButton]);
    expect(texts(await turn(t, STORY))).toEqual([T.confirmDescription]);
    const reference = referenceIn(await turn(t, "evet"));
    expect((await t.cases.get(reference))?.text).toBe(STORY);
  });
});
