import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { doneFile, readSpool } from "../../../bot/cases/alert-spool";
import type { Alert } from "../../../bot/cases/alerts";
import { slackText, webhookBody, WebhookAlerts, webhookSecrets, type AlertFormat } from "../../../bot/cases/webhook";
import { TEXTS } from "../../../bot/conversation/texts";
import { createLogger } from "../../../bot/logger";
import { capturingLogger } from "../../helpers/log";
import { WebhookReceiver } from "../../helpers/receiver";
import { waitFor } from "../../helpers/wait";

const alert = (n: number, kind: Alert["kind"] = "case-created"): Alert => ({
  kind, id: `alert-${n}`, at: "2026-12-03T09:00:00.000Z", reference: `MMN-AAAAA${n}`, status: "open", source: "intent", channel: "webchat", text: "Kargom gelmedi", dueAt: "2026-12-05T09:00:00.000Z",
});

describe("alert webhook", () => {
  let receiver: WebhookReceiver;
  let dir: string;
  const opened: WebhookAlerts[] = [];
  const open = (format: AlertFormat = "json", tuning: ConstructorParameters<typeof WebhookAlerts>[0]["tuning"] = {}, url = receiver.url): WebhookAlerts => {
    const webhook = new WebhookAlerts({
      url, format, logger: createLogger("silent"), summarize: (raised) => TEXTS.alertSummary(raised, "Europe/Istanbul"),
      spoolFile: join(dir, "alert-spool.jsonl"), tuning: { RETRY_BASE_MS: 5, RETRY_MAX_MS: 20, ...tuning },
    });
    opened.push(webhook);
    webhook.recover();
    return webhook;
  };
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
    dir = mkdtempSync(join(tmpdir(), "memnun-alerts-"));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((w) => w.close()));
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("posts every alert as JSON, in order, without the raiser waiting", async () => {
    const webhook = open();
    webhook.raise(alert(1));
    webhook.raise(alert(2, "nps-detractor"));
    webhook.raise(alert(3, "case-overdue"));
    await waitFor(() => receiver.bodies.length === 3, "three alerts");
    expect(receiver.bodies).toEqual([alert(1), alert(2, "nps-detractor"), alert(3, "case-overdue")]);
    await waitFor(() => webhook.pending === 0, "an empty queue");
    expect(readFileSync(join(dir, "alert-spool.jsonl"), "utf8")).toBe("");
  });

  it("retries with backoff while the receiver fails, and delivers once it is back", async () => {
    let calls = 0;
    receiver.status = () => (++calls <= 3 ? 503 : 200);
    const webhook = open();
    webhook.raise(alert(1));
    await waitFor(() => receiver.bodies.length === 1, "the alert after three failures");
    expect(calls).toBe(4);
    // the receiver has the body before the webhook has read its answer
    await waitFor(() => webhook.pending === 0, "an empty queue");
  });

  it("loses nothing across a restart: the spool is replayed by the next instance", async () => {
    receiver.status = () => 500;
    const first = open();
    first.raise(alert(1));
    first.raise(alert(2));
    await first.close();
    expect(readFileSync(join(dir, "alert-spool.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
    receiver.status = () => 200;
    const second = open();
    await waitFor(() => receiver.bodies.length === 2, "the spooled alerts");
    expect(receiver.bodies).toEqual([alert(1), alert(2)]);
    await waitFor(() => second.pending === 0, "an empty queue");
  });

  it("notes each delivery in the journal and leaves the spool alone: no rewrite of the waiting alerts per delivery", async () => {
    let calls = 0;
    receiver.status = () => (++calls <= 4 ? 200 : 503);
    const spool = join(dir, "alert-spool.jsonl");
    const webhook = open("json", { COMPACT_MIN_MARKS: 100 });
    const inode = statSync(spool).ino;
    for (let n = 1; n <= 10; n += 1) webhook.raise(alert(n));
    await waitFor(() => receiver.bodies.length === 4 && calls >= 6, "four deliveries, then failures");
    expect(statSync(spool).ino).toBe(inode);
    expect(readFileSync(spool, "utf8").trim().split("\n")).toHaveLength(10);
    expect(readFileSync(doneFile(spool), "utf8")).toBe(["alert-1", "alert-2", "alert-3", "alert-4"].map((id) => `"${id}"\n`).join(""));
    // what the next start replays
    expect(readSpool(spool).map((a) => a.id)).toEqual(["alert-5", "alert-6", "alert-7", "alert-8", "alert-9", "alert-10"]);
  });

  it("compacts once the delivered outnumber the waiting: a new file renamed over the spool, the journal emptied", async () => {
    let calls = 0;
    receiver.status = () => (++calls <= 6 ? 200 : 503);
    const spool = join(dir, "alert-spool.jsonl");
    const webhook = open("json", { COMPACT_MIN_MARKS: 2 });
    const inode = statSync(spool).ino;
    for (let n = 1; n <= 10; n += 1) webhook.raise(alert(n));
    await waitFor(() => receiver.bodies.length === 6 && calls >= 8, "six deliveries, then failures");
    expect(statSync(spool).ino).not.toBe(inode);
    // compacted after the fifth (5 noted ≥ 5 waiting); the sixth is noted since
    expect(readFileSync(spool, "utf8").trim().split("\n").map((line) => (JSON.parse(line) as Alert).id)).toEqual(["alert-6", "alert-7", "alert-8", "alert-9", "alert-10"]);
    expect(readFileSync(doneFile(spool), "utf8")).toBe('"alert-6"\n');
    expect(readSpool(spool).map((a) => a.id)).toEqual(["alert-7", "alert-8", "alert-9", "alert-10"]);
  });

  it("replays a spool a crash left with a torn last line and a journal, and appends no alert to the torn line", async () => {
    receiver.status = () => 503;
    const spool = join(dir, "alert-spool.jsonl");
    writeFileSync(spool, `${JSON.stringify(alert(1))}\n${JSON.stringify(alert(2))}\n${JSON.stringify(alert(3)).slice(0, 25)}`);
    writeFileSync(doneFile(spool), '"alert-1"\n"alert-');
    const first = open();
    expect(first.pending).toBe(1);
    first.raise(alert(4));
    await first.close();
    expect(readSpool(spool).map((a) => a.id)).toEqual(["alert-2", "alert-4"]);
    // a line torn by a later crash, and the next start's alert after it
    appendFileSync(spool, JSON.stringify(alert(5)).slice(0, 30));
    const second = open();
    second.raise(alert(6));
    await second.close();
    expect(readSpool(spool).map((a) => a.id)).toEqual(["alert-2", "alert-4", "alert-6"]);
  });

  it("drops the oldest alert when too many wait, even while it is being posted, and never the next one in its place", async () => {
    const held: ServerResponse[] = [];
    const got: string[] = [];
    const slow = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        got.push((JSON.parse(Buffer.concat(chunks).toString("utf8")) as Alert).id);
        if (got.length === 1) held.push(res);
        else {
          res.writeHead(200);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", () => resolve()));
    const address = slow.address();
    try {
      const webhook = open("json", { MAX_PENDING: 2 }, `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`);
      webhook.raise(alert(1));
      await waitFor(() => held.length === 1, "the first alert on its way");
      webhook.raise(alert(2));
      webhook.raise(alert(3));
      expect(webhook.pending).toBe(2);
      held[0]?.writeHead(200);
      held[0]?.end();
      await waitFor(() => webhook.pending === 0, "an empty queue");
      expect(got).toEqual(["alert-1", "alert-2", "alert-3"]);
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it("drops an alert the receiver refuses outright (400), and goes on with the next", async () => {
    let calls = 0;
    receiver.status = () => (++calls === 1 ? 400 : 200);
    const webhook = open();
    webhook.raise(alert(1));
    webhook.raise(alert(2));
    await waitFor(() => receiver.bodies.length === 1, "the second alert");
    expect(receiver.bodies).toEqual([alert(2)]);
    await waitFor(() => webhook.pending === 0, "an empty queue");
  });

  it("names the channel as the dashboard does and ends with the alert's id, so a repeat after a retry can be told apart", async () => {
    const fromChatPage: Alert = { ...alert(7), channel: "directline" };
    const line = TEXTS.alertSummary(fromChatPage, "Europe/Istanbul");
    expect(line).toContain(`(müşteri isteği, ${TEXTS.dashboard.channelNames.directline})`);
    expect(line).not.toContain("directline");
    expect(line.endsWith(" Uyarı kimliği: alert-7")).toBe(true);
    expect(TEXTS.alertSummary({ kind: "nps-detractor", id: "alert-8", at: "2026-12-03T09:00:00.000Z", score: 2, channel: "msteams" }, "Europe/Istanbul")).toBe(
      "Memnun: NPS kötüleyen yanıtı (puan 2, Microsoft Teams). Uyarı kimliği: alert-8",
    );
    // a channel the dashboard has no name for is shown as its id, as there
    expect(TEXTS.alertSummary({ kind: "nps-detractor", id: "alert-9", at: "2026-12-03T09:00:00.000Z", score: 2, channel: "facebook" }, "Europe/Istanbul")).toContain("(puan 2, facebook)");
    expect(TEXTS.alertSummary({ ...alert(10, "case-overdue") }, "Europe/Istanbul")).toContain("Uyarı kimliği: alert-10");
    // the same delivery retried arrives with the same id in Slack and in Teams
    let calls = 0;
    receiver.status = () => (++calls === 1 ? 503 : 200);
    open("slack").raise(fromChatPage);
    await waitFor(() => receiver.requests.length === 2, "the Slack message retried");
    expect(receiver.requests.map((r) => (JSON.parse(r.body) as { text: string }).text)).toEqual([line, line]);
    expect(JSON.stringify(webhookBody(fromChatPage, "teams", line))).toContain("Uyarı kimliği: alert-7");
  });

  it("never logs the webhook URL's user, password, path or query, even where the error quotes the URL", async () => {
    const { logger, text } = capturingLogger("debug");
    const port = new URL(receiver.url).port;
    // refused by check:config; here it reaches fetch, whose TypeError quotes the URL whole
    const credentials = new WebhookAlerts({
      url: `http://user:pw-SECRETX@127.0.0.1:${port}/webhookb2/SECRET123?sig=SECRETSIG`, format: "json", logger, summarize: () => "", tuning: { RETRY_BASE_MS: 5, RETRY_MAX_MS: 5 },
    });
    opened.push(credentials);
    credentials.raise(alert(1));
    // nobody listens: the error names the address and port, the cause chain too
    const gone = new WebhookReceiver();
    await gone.start();
    await gone.stop();
    const refused = new WebhookAlerts({ url: `${gone.url.replace("/hook", "")}/workflows/SECRET456/triggers?sig=SECRETSIG2&sp=%2Ftriggers`, format: "teams", logger, summarize: () => "", tuning: { RETRY_BASE_MS: 5, RETRY_MAX_MS: 5 } });
    opened.push(refused);
    refused.raise(alert(2));
    await waitFor(() => (text().match(/webhook unreachable/g) ?? []).length >= 6, "several failed attempts logged");
    const log = text();
    expect(log).toContain("Request cannot be constructed from a URL that includes credentials: [redacted]");
    expect(log).toContain(`"webhook":"http://127.0.0.1:${port}"`);
    expect(log).toContain("ECONNREFUSED");
    for (const secret of ["SECRETX", "SECRET123", "SECRETSIG", "SECRET456", "user:", "webhookb2", "workflows", "sig="]) expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    expect(receiver.requests).toEqual([]);
  });

  it("counts every part of a webhook URL but its origin as secret, raw and decoded, longest first", () => {
    expect(webhookSecrets("https://u:p%40ss@hooks.example.com/services/T0/B0/XyZ?a=1#f")).toEqual([
      "https://u:p%40ss@hooks.example.com/services/T0/B0/XyZ?a=1#f",
      "https://u:p@ss@hooks.example.com/services/T0/B0/XyZ?a=1#f",
      "/services/T0/B0/XyZ?a=1#f",
      "/services/T0/B0/XyZ",
      "p%40ss",
      "?a=1",
      "p@ss",
      "#f",
      "u",
    ]);
    expect(webhookSecrets("https://hooks.example.com/")).toEqual(["https://hooks.example.com/"]);
  });

  it("formats Slack and Teams incoming-webhook messages with a Turkish summary", async () => {
    open("slack").raise(alert(1));
    await waitFor(() => receiver.bodies.length === 1, "the Slack message");
    expect(receiver.bodies[0]).toEqual({ text: expect.stringContaining("yeni vaka MMN-AAAAA1") });
    const teams = webhookBody(alert(2, "case-overdue"), "teams", TEXTS.alertSummary(alert(2, "case-overdue"), "Europe/Istanbul"));
    expect(teams).toMatchObject({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: { type: "AdaptiveCard", body: [{ type: "RichTextBlock", inlines: [{ type: "TextRun", text: expect.stringContaining("ilk dönüş süresi geçti") }] }] },
        },
      ],
    });
    expect(TEXTS.alertSummary(alert(3, "nps-detractor"), "Europe/Istanbul")).toContain("NPS");
    // the due time in REPORT_TIMEZONE, as the cases page shows it, not as stored (UTC)
    expect(TEXTS.alertSummary(alert(4), "Europe/Istanbul")).toContain("İlk dönüş için son zaman: 5.12.2026 12:00 (Europe/Istanbul)");
    expect(TEXTS.alertSummary(alert(5, "case-overdue"), "America/New_York")).toContain("(son zaman: 5.12.2026 04:00 (America/New_York))");
  });
});

describe("customer words in Slack and Teams alerts", () => {
  const hostile = (text: string): Alert => ({ ...alert(1), text });
  const summary = (raised: Alert): string => TEXTS.alertSummary(raised, "Europe/Istanbul");
  const slack = (raised: Alert): string => {
    const body = webhookBody(raised, "slack", summary(raised));
    return typeof body === "object" && body !== null && "text" in body && typeof body.text === "string" ? body.text : "";
  };
  /** Every text of the card and how the card shows it: the block's type, and the inline's. */
  const teamsParts = (raised: Alert): unknown[] => {
    const body = JSON.parse(JSON.stringify(webhookBody(raised, "teams", summary(raised)))) as { attachments: Array<{ content: { body: Array<{ type: string; inlines?: Array<{ type: string; text: string }> }> } }> };
    return body.attachments.flatMap((a) => a.content.body.flatMap((block) => (block.inlines ?? []).map((inline) => [block.type, inline.type, inline.text])));
  };

  it.each([
    ["<!here> <!channel> <!everyone>", "&lt;!here&gt; &lt;!channel&gt; &lt;!everyone&gt;"],
    ["<@U024BE7LH> <#C024BE7LR>", "&lt;@U024BE7LH&gt; &lt;#C024BE7LR&gt;"],
    ["<https://phish.example|Şifre sıfırla>", "&lt;https://phish.example|Şifre sıfırla&gt;"],
    // already escaped by the customer: shown as typed, not turned back into a mention
    ["&lt;!here&gt; & co", "&amp;lt;!here&amp;gt; &amp; co"],
  ])("Slack: %s is shown as typed, never as a mention or a link", (words, escaped) => {
    const text = slack(hostile(`ŞİKAYETİM: Ödeme İşlemi başarısız ${words}`));
    expect(text).toContain(`ŞİKAYETİM: Ödeme İşlemi başarısız ${escaped}`);
    expect(text).not.toMatch(/[<>]/);
  });

  it("Slack: the whole message is escaped, the summary's own words unchanged", () => {
    expect(slackText("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
    expect(slack(alert(1))).toBe(summary(alert(1)));
  });

  it.each([
    "Acil: [Şifrenizi buradan yenileyin](http://evil.example) **ÖNEMLİ**",
    "_italik_ ~~üstü çizili~~ `kod` # başlık\n- liste\n1. madde",
    "<at>Genel</at> <b>kalın</b> &lt;",
  ])("Teams: %s is in a TextRun (never Markdown), exactly as typed", (words) => {
    const parts = teamsParts(hostile(words));
    expect(parts).toEqual([["RichTextBlock", "TextRun", summary(hostile(words))]]);
    expect(JSON.stringify(parts)).toContain(JSON.stringify(words).slice(1, -1));
  });
});
