import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Alert } from "../../../bot/cases/alerts";
import { webhookBody, WebhookAlerts, type AlertFormat } from "../../../bot/cases/webhook";
import { TEXTS } from "../../../bot/conversation/texts";
import { createLogger } from "../../../bot/logger";
import { WebhookReceiver } from "../../helpers/receiver";
import { waitFor } from "../../helpers/wait";

const alert = (n: number, kind: Alert["kind"] = "case-created"): Alert => ({
  kind, id: `alert-${n}`, at: "2026-12-03T09:00:00.000Z", reference: `MMN-AAAAA${n}`, status: "open", source: "intent", channel: "webchat", text: "Kargom gelmedi", dueAt: "2026-12-05T09:00:00.000Z",
});

describe("alert webhook", () => {
  let receiver: WebhookReceiver;
  let dir: string;
  const opened: WebhookAlerts[] = [];
  const open = (format: AlertFormat = "json"): WebhookAlerts => {
    const webhook = new WebhookAlerts({
      url: receiver.url, format, logger: createLogger("silent"), summarize: (raised) => TEXTS.alertSummary(raised, "Europe/Istanbul"),
      spoolFile: join(dir, "alert-spool.jsonl"), tuning: { RETRY_BASE_MS: 5, RETRY_MAX_MS: 20 },
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

  it("formats Slack and Teams incoming-webhook messages with a Turkish summary", async () => {
    open("slack").raise(alert(1));
    await waitFor(() => receiver.bodies.length === 1, "the Slack message");
    expect(receiver.bodies[0]).toEqual({ text: expect.stringContaining("yeni vaka MMN-AAAAA1") });
    const teams = webhookBody(alert(2, "case-overdue"), "teams", TEXTS.alertSummary(alert(2, "case-overdue"), "Europe/Istanbul"));
    expect(teams).toMatchObject({
      type: "message",
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard", body: [{ type: "TextBlock", text: expect.stringContaining("ilk dönüş süresi geçti") }] } }],
    });
    expect(TEXTS.alertSummary(alert(3, "nps-detractor"), "Europe/Istanbul")).toContain("NPS");
    // the due time in REPORT_TIMEZONE, as the cases page shows it, not as stored (UTC)
    expect(TEXTS.alertSummary(alert(4), "Europe/Istanbul")).toContain("İlk dönüş için son zaman: 5.12.2026 12:00 (Europe/Istanbul)");
    expect(TEXTS.alertSummary(alert(5, "case-overdue"), "America/New_York")).toContain("(son zaman: 5.12.2026 04:00 (America/New_York))");
  });
});
