import { createServer, type Server } from "node:http";

/** One request as it arrived. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/**
 * A local HTTP receiver on a free loopback port: records every request, and every accepted POST
 * body parsed, and answers with `status()` and `body()`. It stands in for a webhook or for an
 * outside service (the Direct Line service, in the web tests).
 */
export class WebhookReceiver {
  readonly bodies: unknown[] = [];
  readonly requests: ReceivedRequest[] = [];
  /** The status the next request gets (tests switch it to simulate an outage). */
  status: () => number = () => 200;
  /** The body the next request gets. */
  body: () => string = () => "{}";
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        this.requests.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body: text });
        const code = this.status();
        if (code < 300) {
          try {
            this.bodies.push(JSON.parse(text));
          } catch {
            this.bodies.push(text);
          }
        }
        // restify, when loaded in the same process, replaces `writeHead` with one that returns nothing
        res.writeHead(code, { "content-type": "application/json" });
        res.end(this.body());
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", () => resolve()));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
