import { createServer, type Server } from "node:http";

/** A local HTTP receiver for webhooks on a free loopback port: records every POST body, answers with `status()`. */
export class WebhookReceiver {
  readonly bodies: unknown[] = [];
  /** The status the next request gets (tests switch it to simulate an outage). */
  status: () => number = () => 200;
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const code = this.status();
        if (code < 300) {
          try {
            this.bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          } catch {
            this.bodies.push(Buffer.concat(chunks).toString("utf8"));
          }
        }
        res.writeHead(code, { "content-type": "application/json" });
        res.end("{}");
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
