import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Longest `waitForMessages` waits by default: far above what a busy machine needs, so only missing replies fail. */
const MESSAGE_WAIT_LIMIT_MS = 20_000;

/**
 * Whether a message is a knowledge answer: it ends with the rating question (in italics) and
 * carries the 1–5 rating buttons.
 */
export function isRatedAnswer(message: SentActivity | undefined, ratePrompt: string): boolean {
  return message?.text?.endsWith(`_${ratePrompt}_`) === true && message.suggestedActions?.actions.length === 5;
}

/** An activity as the bot sent it to the channel. */
export interface SentActivity {
  type: string;
  text?: string;
  textFormat?: string;
  replyToId?: string;
  conversation?: { id: string };
  suggestedActions?: { actions: Array<{ type: string; title: string; value?: unknown }> };
  [key: string]: unknown;
}

export interface Received {
  conversationId: string;
  replyToId: string | undefined;
  path: string;
  activity: SentActivity;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * A small local channel connector that plays Bot Framework Emulator: it receives the bot's
 * `POST /v3/conversations/{id}/activities[/{replyToId}]` calls and records the activities.
 */
export class LocalConnector {
  readonly received: Received[] = [];
  private server: Server | undefined;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  get url(): string {
    const address = this.server?.address();
    if (!address || typeof address === "string") throw new Error("connector is not listening");
    return `http://127.0.0.1:${(address satisfies AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = req.url ?? "";
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(path);
    if (req.method !== "POST" || !match) return { status: 404, body: { error: "not found" } };
    const activity = JSON.parse(await readBody(req)) as SentActivity;
    this.received.push({
      conversationId: decodeURIComponent(match[1] ?? ""),
      replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      path,
      activity,
    });
    for (const wake of this.waiters.splice(0)) wake();
    return { status: 200, body: { id: `reply-${this.nextId++}` } };
  }

  /** Messages the bot sent in a conversation, in order. */
  messages(conversationId: string): SentActivity[] {
    return this.received.filter((r) => r.conversationId === conversationId && r.activity.type === "message").map((r) => r.activity);
  }

  /** Waits until the conversation holds at least `count` messages from the bot. */
  async waitForMessages(conversationId: string, count: number, timeoutMs = MESSAGE_WAIT_LIMIT_MS): Promise<SentActivity[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages(conversationId).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out waiting for ${count} messages in ${conversationId}; got ${JSON.stringify(this.messages(conversationId))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages(conversationId);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
