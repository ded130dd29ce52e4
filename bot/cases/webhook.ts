import type { Logger } from "../logger";
import { AlertSpool, type AlertSpoolTuning } from "./alert-spool";
import type { Alert, AlertSink } from "./alerts";

/** How an alert is posted: the alert itself, or a Teams or Slack incoming-webhook message. */
export type AlertFormat = "json" | "teams" | "slack";

/** Tuning of webhook delivery; each says which way it moves things. */
export interface WebhookTuning {
  /** A POST slower than this fails and is retried. Lower = a hung receiver holds the queue less long. */
  readonly TIMEOUT_MS: number;
  /** First retry delay, doubled after each failure. Lower = quicker recovery, more load on a sick receiver. */
  readonly RETRY_BASE_MS: number;
  /** Longest delay between retries. */
  readonly RETRY_MAX_MS: number;
  /** Most alerts kept waiting; beyond it the oldest are dropped (with an error log). Higher = more memory and spool. */
  readonly MAX_PENDING: number;
}

export const WEBHOOK_TUNING: WebhookTuning = Object.freeze({
  TIMEOUT_MS: 10_000,
  RETRY_BASE_MS: 1_000,
  RETRY_MAX_MS: 5 * 60_000,
  MAX_PENDING: 10_000,
});

export interface WebhookOptions {
  url: string;
  format: AlertFormat;
  logger: Logger;
  /** One line for people (Teams, Slack): Turkish, from the conversation's texts. */
  summarize: (alert: Alert) => string;
  /** Alerts waiting for delivery (`AlertSpool`: JSON lines, fsynced when raised): replayed by `recover()` after a restart. */
  spoolFile?: string;
  tuning?: Partial<WebhookTuning & AlertSpoolTuning>;
}

/**
 * Text for a Slack message, shown as written: Slack reads `<…>` as a mention (`<!here>`,
 * `<!channel>`, `<@U…>`) or a link with any label (`<https://…|Şifre sıfırla>`), and `&` starts
 * an entity. Its formatting guide escapes exactly these three.
 */
export function slackText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * The body posted for an alert in a format. The summary holds the customer's words, so neither
 * chat may read it as markup: Slack gets it escaped (`slackText`), Teams as an Adaptive Card
 * `TextRun`, which is never read as Markdown (a `TextBlock` is: `[label](url)` would show a link
 * hiding its target, `**…**` bold).
 */
export function webhookBody(alert: Alert, format: AlertFormat, summary: string): unknown {
  if (format === "slack") return { text: slackText(summary) };
  if (format === "teams") {
    return {
      type: "message",
      summary,
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: {
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            type: "AdaptiveCard",
            version: "1.4",
            body: [{ type: "RichTextBlock", inlines: [{ type: "TextRun", text: summary }] }],
          },
        },
      ],
    };
  }
  return alert;
}

/** Deepest `cause` chain a logged delivery error keeps. */
const MAX_LOGGED_CAUSES = 3;
const REDACTED = "[redacted]";

/**
 * What of a webhook URL must never be logged: all but its origin. Teams and Slack put the
 * webhook's key in the path, others in the query or the user info; the text of an error may quote
 * the URL whole (fetch's TypeError does) or in parts, raw or percent-decoded.
 */
export function webhookSecrets(url: string): string[] {
  const parts = [url];
  if (URL.canParse(url)) {
    const parsed = new URL(url);
    parts.push(parsed.href, `${parsed.pathname}${parsed.search}${parsed.hash}`, parsed.search, parsed.hash, parsed.username, parsed.password);
    if (parsed.pathname !== "/") parts.push(parsed.pathname);
  }
  const decoded = parts.flatMap((part) => {
    try {
      return [decodeURIComponent(part)];
    } catch {
      return [];
    }
  });
  return [...new Set([...parts, ...decoded])].filter((part) => part !== "" && part !== "/" && part !== "?" && part !== "#").sort((a, b) => b.length - a.length);
}

/** Where a webhook URL points, without its secret parts: its origin. */
export function webhookOrigin(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : REDACTED;
}

/** A text with every secret replaced. */
const scrub = (text: string, secrets: readonly string[]): string => secrets.reduce((said, secret) => said.split(secret).join(REDACTED), text);

/** A failed delivery as it is logged: the original error's type, code, text and causes, with the webhook's secrets taken out. */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly code: string | number | undefined,
    options?: ErrorOptions,
  ) {
    super(`[alerts] ${message}`, options);
    this.name = "WebhookDeliveryError";
  }
}

/**
 * `error` (and its causes) with every secret replaced in its message and stack. Read by its fields,
 * not `instanceof Error`: fetch's errors may come from another realm (a vm context, a worker).
 */
export function redactedError(error: unknown, secrets: readonly string[], depth = 0): WebhookDeliveryError {
  if (typeof error !== "object" || error === null || !("message" in error) || typeof error.message !== "string") {
    return new WebhookDeliveryError(scrub(String(error), secrets), undefined);
  }
  const name = "name" in error && typeof error.name === "string" ? error.name : "Error";
  const code = "code" in error && (typeof error.code === "string" || typeof error.code === "number") ? error.code : undefined;
  const cause = !("cause" in error) || error.cause === undefined || depth >= MAX_LOGGED_CAUSES ? undefined : { cause: redactedError(error.cause, secrets, depth + 1) };
  const redacted = new WebhookDeliveryError(`${name}: ${scrub(error.message, secrets)}`, code, cause);
  if ("stack" in error && typeof error.stack === "string") redacted.stack = scrub(error.stack, secrets);
  return redacted;
}

/** Status codes worth retrying: the receiver is busy or down, not refusing the alert. */
const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * Posts alerts to `ALERT_WEBHOOK_URL` in the background, one at a time and in order. `raise`
 * never waits for the network: the alert is written to the spool (fsynced) and queued. A failed
 * POST is retried with backoff until it succeeds; the spool (`AlertSpool`) keeps pending alerts
 * across restarts and crashes, and notes each delivery by appending its id, so a delivery costs
 * the same however many alerts wait. A receiver that refuses an alert outright (a 4xx other than 408/429) gets it no more: the
 * refusal is logged with the alert.
 */
export class WebhookAlerts implements AlertSink {
  private readonly queue: Alert[] = [];
  private readonly tuning: WebhookTuning;
  private readonly spool: AlertSpool | undefined;
  private readonly secrets: readonly string[];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  private delay: number;
  private closed = false;

  constructor(private readonly options: WebhookOptions) {
    this.tuning = { ...WEBHOOK_TUNING, ...options.tuning };
    this.delay = this.tuning.RETRY_BASE_MS;
    this.secrets = webhookSecrets(options.url);
    this.spool = options.spoolFile ? new AlertSpool(options.spoolFile, options.logger, options.tuning) : undefined;
  }

  /** Alerts waiting for delivery. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues the alerts a previous run left in the spool, and starts delivering them. */
  recover(): number {
    if (!this.spool) return 0;
    const found = this.spool.load();
    this.queue.unshift(...found);
    this.spool.open(this.queue);
    if (found.length > 0) this.options.logger.info({ alerts: found.length }, "[alerts] replaying alerts spooled by an earlier run");
    if (this.queue.length > 0) this.kick(0);
    return found.length;
  }

  raise(alert: Alert): void {
    if (this.closed) return;
    this.queue.push(alert);
    try {
      this.spool?.append(alert);
    } catch (error) {
      this.options.logger.error({ err: error }, "[alerts] spool not written: the alert is kept in memory only");
    }
    if (this.queue.length > this.tuning.MAX_PENDING) {
      const dropped = this.queue.shift();
      this.options.logger.error({ alert: dropped }, "[alerts] too many alerts waiting: the oldest was dropped");
      if (dropped) this.spool?.done(dropped.id, this.queue);
    }
    if (!this.sending && !this.timer) this.kick(0);
  }

  /** Stops delivering; pending alerts stay in the spool for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.sending;
    if (this.queue.length > 0) this.options.logger.warn({ pending: this.queue.length }, "[alerts] undelivered alerts kept in the spool for the next start");
    this.spool?.close();
  }

  /** Delivers after `delayMs`, unless a delivery is already scheduled (a running one schedules its own retry). */
  private kick(delayMs: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.sending) return;
      this.sending = this.drain().finally(() => {
        this.sending = undefined;
      });
    }, delayMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    while (!this.closed && this.queue.length > 0) {
      const alert = this.queue[0];
      if (!alert) return;
      const outcome = await this.post(alert);
      if (outcome === "retry") {
        this.kick(this.delay);
        this.delay = Math.min(this.delay * 2, this.tuning.RETRY_MAX_MS);
        return;
      }
      this.delay = this.tuning.RETRY_BASE_MS;
      // unless it was dropped (too many waiting) while it was on its way
      if (this.queue[0] !== alert) continue;
      this.queue.shift();
      this.spool?.done(alert.id, this.queue);
    }
  }

  private async post(alert: Alert): Promise<"done" | "retry"> {
    const { url, format, logger, summarize } = this.options;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(webhookBody(alert, format, summarize(alert))),
        signal: AbortSignal.timeout(this.tuning.TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return "done";
      if (retryable(response.status)) {
        logger.warn({ status: response.status, kind: alert.kind }, "[alerts] webhook failed; retrying later");
        return "retry";
      }
      logger.error({ status: response.status, alert }, "[alerts] webhook refused the alert; it is not sent again");
      return "done";
    } catch (error) {
      // the error may quote the URL, whose path, query or user info is the webhook's secret
      logger.warn({ err: redactedError(error, this.secrets), webhook: webhookOrigin(url), kind: alert.kind }, "[alerts] webhook unreachable; retrying later");
      return "retry";
    }
  }
}
