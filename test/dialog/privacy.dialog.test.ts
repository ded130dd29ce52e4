import type { Activity } from "botbuilder";
import { sql } from "kysely";
import { findReference } from "../../bot/cases/reference";
import { TEXTS } from "../../bot/conversation/texts";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { realKnowledge, testBot, type TestBot } from "../helpers/bot";

type Reply = Partial<Activity>;
type Button = { title: string; value: unknown };
const buttons = (reply: Reply | undefined): Button[] => (reply?.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: a.value }));
const texts = (replies: Reply[]): Array<string | undefined> => replies.map((r) => r.text);
const T = TEXTS.cases;
const { email: EMAIL, phone: PHONE, nationalId: NATIONAL_ID, iban: IBAN } = TEXTS.maskedDetails;

async function turn(t: TestBot, message: string | Button): Promise<Reply[]> {
  expect(t.adapter.activeQueue.length).toBe(0);
  await (typeof message === "string" ? t.adapter.send(message) : t.adapter.send({ type: "message", text: message.title, value: message.value }));
  return t.adapter.activeQueue.splice(0);
}

function pick(reply: Reply | undefined, prefix: string): Button {
  const found = buttons(reply).find((b) => b.title.startsWith(prefix));
  if (!found) throw new Error(`no button "${prefix}…" in ${JSON.stringify(buttons(reply))}`);
  return found;
}

const referenceIn = (replies: Reply[]): string => {
  const found = findReference(replies.map((r) => r.text ?? "").join(" "));
  if (!found) throw new Error("no reference in the replies");
  return found;
};

/** Every row of every table of the bot's SQLite database, as one text: what the installation keeps. */
async function everythingStored(t: TestBot): Promise<string> {
  await t.recorder.flush();
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.database.db);
  const rows = await Promise.all(tables.rows.map(async ({ name }) => (await sql`select * from ${sql.table(name)}`.execute(t.database.db)).rows));
  return JSON.stringify(rows);
}

/** The ways the details below may be kept: as typed, and as `parseContact` normalises them. */
const UNCONSENTED = ["0532 123 45 67", "05321234567", "5321234567", "ayse@example.com", "10000000146", "TR33 0006", "TR330006"];

describe("contact details typed before consent (TestAdapter, real SQLite)", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("masks them in a low rating's comment and the case opened from it, and keeps the contact given at the consent step", async () => {
    const t = await testBot(kb);
    const [answer] = await turn(t, "nps nedir");
    expect(texts(await turn(t, buttons(answer)[0] as Button))).toEqual([TEXTS.commentPrompt]);
    const offer = await turn(t, "Hesaplama örneği yok. Beni 0532 123 45 67'den ya da ayse@example.com'dan arayın");
    // the customer learns at once that the details were not kept, and is offered the case
    expect(texts(offer)).toEqual([TEXTS.commentThanksMasked, T.offerRating]);
    const masked = `Hesaplama örneği yok. Beni ${PHONE}'den ya da ${EMAIL}'dan arayın`;

    const created = await turn(t, pick(offer[1], "Şikayet"));
    const reference = referenceIn(created);
    // told already with the comment's thanks: the consent question comes as usual
    expect(texts(created)).toEqual([fillTemplate(T.created, { reference, hours: 48 }), T.consentQuestion]);
    expect(await t.cases.get(reference)).toMatchObject({ text: masked, contact: null });
    expect(t.alerts).toEqual([expect.objectContaining({ kind: "case-created", reference, text: masked })]);

    expect(texts(await turn(t, pick(created[1], T.consentYesButton)))).toEqual([T.askContact]);
    expect(texts(await turn(t, "mehmet@example.org"))).toEqual([T.contactSaved]);
    expect(await t.cases.get(reference)).toMatchObject({ text: masked, contact: "mehmet@example.org" });

    const report = await t.store.report({}, () => null);
    expect(report.comments.map((c) => c.text)).toEqual([masked]);
    const stored = await everythingStored(t);
    expect(stored).toContain("mehmet@example.org");
    for (const detail of UNCONSENTED) expect(stored).not.toContain(detail);
  });

  it("masks them in a complaint's description, tells the customer before the consent question, and stores nothing when consent is refused", async () => {
    const t = await testBot(kb);
    const offer = await turn(t, "şikayet etmek istiyorum");
    expect(texts(await turn(t, pick(offer[0], "Şikayet")))).toEqual([T.describe]);
    const created = await turn(t, "Faturam iki kez kesildi. TC 10000000146, iade için IBAN TR33 0006 1005 1978 6457 8413 26, cep 05321234567");
    const reference = referenceIn(created);
    expect(texts(created)).toEqual([fillTemplate(T.created, { reference, hours: 48 }), `${T.contactMasked}\n\n${T.consentQuestion}`]);
    expect(buttons(created[1]).map((b) => b.title)).toEqual([T.consentYesButton, T.consentNoButton]);
    const masked = `Faturam iki kez kesildi. TC ${NATIONAL_ID}, iade için IBAN ${IBAN}, cep ${PHONE}`;
    expect(await t.cases.get(reference)).toMatchObject({ text: masked, contact: null });
    expect(t.alerts).toEqual([expect.objectContaining({ kind: "case-created", text: masked })]);
    expect(TEXTS.alertSummary(t.alerts[0] ?? { kind: "case-created", id: "", at: "" }, "Europe/Istanbul")).toContain(masked);

    expect(texts(await turn(t, pick(created[1], T.consentNoButton)))).toEqual([fillTemplate(T.contactDeclined, { reference })]);
    expect((await t.cases.get(reference))?.contact).toBeNull();
    const stored = await everythingStored(t);
    for (const detail of UNCONSENTED) expect(stored).not.toContain(detail);
  });

  it("keeps a description without contact details as typed, with no word about masking", async () => {
    const t = await testBot(kb);
    const offer = await turn(t, "şikayet etmek istiyorum");
    await turn(t, pick(offer[0], "Şikayet"));
    const created = await turn(t, "Sipariş 123456 için 250 TL iade bekliyorum, 12.05.2024'ten beri");
    expect(texts(created)).toEqual([expect.any(String), T.consentQuestion]);
    expect((await t.cases.get(referenceIn(created)))?.text).toBe("Sipariş 123456 için 250 TL iade bekliyorum, 12.05.2024'ten beri");
  });

  it("logs a question with the contact details in it masked, and answers it as before", async () => {
    const t = await testBot(kb);
    expect(texts(await turn(t, "nps nedir, numaram 0532 123 45 67"))[0]).toEqual(texts(await turn(t, "nps nedir"))[0]);
    await turn(t, "uçak biletimi iptal ettirmek istiyorum ayse@example.com");
    await t.recorder.flush();
    const report = await t.store.report({}, () => null);
    expect(report.unanswered.map((u) => u.question)).toEqual([`uçak biletimi iptal ettirmek istiyorum ${EMAIL}`]);
    const stored = await everythingStored(t);
    expect(stored).toContain(`nps nedir, numaram ${PHONE}`);
    for (const detail of UNCONSENTED) expect(stored).not.toContain(detail);
  });
});
