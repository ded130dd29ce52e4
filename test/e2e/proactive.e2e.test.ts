import type { RunningApp } from "../../bot/index";
import { findReference } from "../../bot/cases/reference";
import { TEXTS } from "../../bot/conversation/texts";
import { say as sayOverEmulator, startTestApp, tempDataDir } from "../helpers/app";
import { LocalConnector } from "../helpers/connector";
import { poll, say, startConversation, type PolledActivity } from "../helpers/direct-line";
import { capturingLogger } from "../helpers/log";

const T = TEXTS.cases;
const OPERATOR = "ayse-proactive-token-0123456789";

/** An operator's public note on a case, over the case API; the answer's `notified`. */
async function addNote(app: RunningApp, reference: string, publicNote: string): Promise<boolean> {
  const response = await fetch(`${app.url}/api/cases/${reference}`, {
    method: "POST",
    headers: { authorization: `Bearer ${OPERATOR}`, "content-type": "application/json" },
    body: JSON.stringify({ publicNote }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { notified: boolean };
  return body.notified;
}

const button = (replies: Array<{ suggestedActions?: { actions: Array<{ title: string; value?: unknown }> } }>, title: string): { title: string; value: unknown } => {
  const found = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).find((action) => action.title === title);
  if (!found) throw new Error(`no "${title}" button in ${JSON.stringify(replies)}`);
  return { title: found.title, value: found.value };
};

/** Log lines at error level or above, and lines about requests the server refused. */
const errorsIn = (log: string): string[] => log.split("\n").filter((line) => /"level":(50|60)/.test(line) || line.includes("bad request"));

describe("an operator's note is reported as sent to the customer only when it was", () => {
  it("over the local Direct Line: pushed while the conversation lives; after a restart nothing is tried, and nothing claims it was", async () => {
    const dataDir = tempDataDir();
    const env = { DATA_DIR: dataDir, OPERATOR_TOKENS: `Ayşe:${OPERATOR}` };
    const first = await startTestApp(env);
    let reference = "";
    try {
      const chat = await startConversation(first.url);
      const offer = await say(chat, "şikayet etmek istiyorum");
      expect((await say(chat, button(offer, T.acceptButton))).map((m) => m.text)).toEqual([T.describe]);
      const created = await say(chat, "Kargom bir haftadır gelmedi");
      reference = findReference(created[0]?.text ?? "") ?? "";
      expect(reference).not.toBe("");

      expect(await addNote(first, reference, "Kargo firmasıyla görüşüyoruz.")).toBe(true);
      const { activities } = await poll(chat);
      expect(activities.some((a: PolledActivity) => a.from.role === "bot" && (a.text ?? "").includes("Kargo firmasıyla görüşüyoruz."))).toBe(true);
    } finally {
      await first.close();
    }

    // restarted: the conversation's log is gone (as after its idle time), the case is not
    const { logger, text } = capturingLogger("debug");
    const second = await startTestApp(env, logger);
    try {
      expect(await addNote(second, reference, "Kargonuzu araştırıyoruz.")).toBe(false);
      const log = text();
      expect(errorsIn(log)).toEqual([]);
      expect(log).toContain("[dashboard] the customer's chat page conversation has ended");
      // the customer still reads the note by asking (checked in the cases tests); the operator is not told it was sent
      const found = await (await fetch(`${second.url}/api/cases/${reference}`, { headers: { authorization: `Bearer ${OPERATOR}` } })).text();
      expect(found).toContain("Kargonuzu araştırıyoruz.");
    } finally {
      await second.close();
    }
  });

  it("over a channel whose connector fails the send: not notified, and no failed turn logged", async () => {
    const connector = await new LocalConnector().start();
    const { logger, text } = capturingLogger("debug");
    const app = await startTestApp({ OPERATOR_TOKENS: `Ayşe:${OPERATOR}` }, logger);
    try {
      const conversation = "proactive-gone";
      const offer = await sayOverEmulator(app, connector, conversation, "şikayet etmek istiyorum");
      await sayOverEmulator(app, connector, conversation, button(offer, T.acceptButton));
      const created = await sayOverEmulator(app, connector, conversation, "Faturam iki kez kesildi");
      const reference = findReference(created[0]?.text ?? "") ?? "";
      expect(reference).not.toBe("");
      expect(await addNote(app, reference, "İadeniz yapıldı.")).toBe(true);

      // the channel is gone: the adapter's onTurnError would catch the failed send and the call resolve
      await connector.stop();
      expect(await addNote(app, reference, "İkinci not.")).toBe(false);
      const log = text();
      expect(log).not.toContain("[bot] unhandled error in turn");
      expect(log).not.toContain("[bot] could not send the apology");
      expect(log).toContain("[dashboard] proactive message not delivered");
    } finally {
      await app.close();
      await connector.stop();
    }
  });
});
