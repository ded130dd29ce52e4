import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningApp } from "../../bot/index";
import { findReference } from "../../bot/cases/reference";
import { TEXTS } from "../../bot/conversation/texts";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
import { say, startTestApp, tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS } from "../helpers/cli";
import { isRatedAnswer, LocalConnector, type SentActivity } from "../helpers/connector";
import { WebhookReceiver } from "../helpers/receiver";
import { waitFor } from "../helpers/wait";

const T = TEXTS.cases;
const { email: EMAIL, phone: PHONE, nationalId: NATIONAL_ID } = TEXTS.maskedDetails;
const OPERATOR = "ayse-operator-token-0123456789";
/** The details customers type below before any consent, as typed and as `parseContact` would normalise them. */
const UNCONSENTED = ["0542 765 43 21", "05427654321", "5427654321", "ayse@example.com", "10000000146", "0212 345 67 89", "02123456789"];

const pick = (reply: SentActivity | undefined, prefix: string): { title: string; value: unknown } => {
  const found = reply?.suggestedActions?.actions.find((a) => a.title.startsWith(prefix));
  if (!found) throw new Error(`no "${prefix}…" button in ${JSON.stringify(reply)}`);
  return { title: found.title, value: found.value };
};
const texts = (replies: SentActivity[]): Array<string | undefined> => replies.map((m) => m.text);

/** Every file the installation keeps in its data folder (database, its WAL, spools), as text. */
function everythingKept(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString("utf8"))
    .join("\n");
}

describe("contact details typed before consent, over real HTTP: stored, alerted and exported masked", () => {
  let connector: LocalConnector;
  let receiver: WebhookReceiver;
  let app: RunningApp;
  const dataDir = tempDataDir();
  const api = async (path: string): Promise<string> => {
    const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${OPERATOR}` } });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer()).toString("utf8");
  };

  beforeAll(async () => {
    connector = await new LocalConnector().start();
    receiver = await new WebhookReceiver().start();
    app = await startTestApp({ OPERATOR_TOKENS: `Ayşe:${OPERATOR}`, ALERT_WEBHOOK_URL: receiver.url, ALERT_WEBHOOK_FORMAT: "slack", DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
    await receiver.stop();
  });

  it(
    "masks a low rating's comment, a complaint and a question; keeps the contact given with consent; nothing unconsented reaches the data folder",
    async () => {
      // a low rating's comment, then the case opened from it, with contact given at the consent step
      const answer = await say(app, connector, "privacy-comment", "nps nedir");
      expect(isRatedAnswer(answer[0], TEXTS.ratePrompt)).toBe(true);
      expect(texts(await say(app, connector, "privacy-comment", pick(answer[0], "1")))).toEqual([TEXTS.commentPrompt]);
      const offer = await say(app, connector, "privacy-comment", "Örnek yok. Beni 0542 765 43 21'den ya da ayse@example.com'dan arayın");
      expect(texts(offer)).toEqual([TEXTS.commentThanksMasked, T.offerRating]);
      const fromComment = await say(app, connector, "privacy-comment", pick(offer[1], "Şikayet"));
      const first = findReference(fromComment[0]?.text ?? "") ?? "";
      await say(app, connector, "privacy-comment", pick(fromComment[1], T.consentYesButton));
      expect(texts(await say(app, connector, "privacy-comment", "mehmet@example.org"))).toEqual([T.contactSaved]);
      const comment = `Örnek yok. Beni ${PHONE}'den ya da ${EMAIL}'dan arayın`;

      // a complaint described with an identity number and a landline, consent refused
      const complaint = await say(app, connector, "privacy-complaint", "şikayet etmek istiyorum");
      await say(app, connector, "privacy-complaint", pick(complaint[0], "Şikayet"));
      const created = await say(app, connector, "privacy-complaint", "Faturam iki kez kesildi, TC 10000000146, ev 0212 345 67 89");
      const second = findReference(created[0]?.text ?? "") ?? "";
      expect(texts(created)).toEqual([fillTemplate(T.created, { reference: second, hours: 48 }), `${T.contactMasked}\n\n${T.consentQuestion}`]);
      await say(app, connector, "privacy-complaint", pick(created[1], T.consentNoButton));
      const description = `Faturam iki kez kesildi, TC ${NATIONAL_ID}, ev ${PHONE}`;

      // a question nobody answers, with an address in it
      await say(app, connector, "privacy-question", "uçak biletimi iptal ettirmek istiyorum ayse@example.com");
      const question = `uçak biletimi iptal ettirmek istiyorum ${EMAIL}`;

      // the cases page and its API
      expect(JSON.parse(await api(`/api/cases/${first}`))).toMatchObject({ text: comment, contact: "mehmet@example.org" });
      expect(JSON.parse(await api(`/api/cases/${second}`))).toMatchObject({ text: description, contact: null });
      // the Slack alerts operators read
      await waitFor(() => receiver.bodies.length >= 2, "both new-case alerts");
      const alerts = receiver.bodies.map((body) => (typeof body === "object" && body !== null && "text" in body ? String(body.text) : ""));
      expect(alerts[0]).toContain(comment);
      expect(alerts[1]).toContain(description);
      // the dashboard's report and every CSV it downloads (the question log is written behind: wait for it)
      await waitFor(async () => (await api("/api/report.csv?table=unanswered")).includes(question), "the logged question");
      const report = JSON.parse(await api("/api/report")) as { comments: Array<{ text: string }> };
      expect(report.comments.map((c) => c.text)).toEqual([comment]);
      const exported = await Promise.all(["comments", "cases", "unanswered"].map((table) => api(`/api/report.csv?table=${table}`)));
      expect(exported[0]).toContain(comment);
      expect(exported[1]).toContain(description);
      const shown = [JSON.stringify(report), ...exported, ...alerts, await api("/api/cases"), await api("/api/recommendations")].join("\n");
      for (const detail of UNCONSENTED) expect(shown).not.toContain(detail);

      // nothing unconsented was ever written: the database, its WAL, the feedback and alert spools
      await app.close();
      const kept = everythingKept(dataDir);
      expect(kept).toContain("mehmet@example.org");
      expect(kept).toContain(description);
      for (const detail of UNCONSENTED) expect(kept).not.toContain(detail);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
