/**
 * A process that delivers alerts the way the bot does (`WebhookAlerts` over an `AlertSpool`), for
 * tests that kill it with SIGKILL in the middle of a drain. Arguments: the spool file, the webhook
 * URL and `COMPACT_MIN_MARKS`. It prints `ready` once the spool is replayed, reads one alert (JSON)
 * a line from stdin and raises it, and prints `raised <id>` once `raise` returned: the alert is
 * then acknowledged, as a turn acknowledges a case.
 */
import { createInterface } from "node:readline";
import type { Alert } from "../../bot/cases/alerts";
import { WebhookAlerts } from "../../bot/cases/webhook";
import { createLogger } from "../../bot/logger";

const [spoolFile, url, compactMinMarks] = process.argv.slice(2);
if (!spoolFile || !url || !compactMinMarks) throw new Error("usage: alert-drainer.ts <spool file> <webhook url> <COMPACT_MIN_MARKS>");

const webhook = new WebhookAlerts({
  url,
  format: "json",
  logger: createLogger("silent"),
  summarize: (alert) => alert.id,
  spoolFile,
  tuning: { RETRY_BASE_MS: 5, RETRY_MAX_MS: 50, COMPACT_MIN_MARKS: Number(compactMinMarks) },
});
webhook.recover();
process.stdout.write("ready\n");
createInterface({ input: process.stdin }).on("line", (line) => {
  const alert = JSON.parse(line) as Alert;
  webhook.raise(alert);
  process.stdout.write(`raised ${alert.id}\n`);
});
