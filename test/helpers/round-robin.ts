import { request, createServer, type IncomingMessage, type Server } from "node:http";

/**
 * A small HTTP load balancer for tests: each request goes to the next backend in turn (not each
 * connection, so one keep-alive client still reaches every instance). A backend that refuses the
 * connection (stopped, killed) is skipped for that request, as a load balancer's retry would;
 * any other failure is a 502. `localAddress` is the address backends see the requests come from
 * (any 127.x.y.z), so a test can play several clients.
 */
export class RoundRobinProxy {
  private server: Server | undefined;
  private next = 0;
  /** Requests each backend answered, by index. */
  readonly served: number[];
  url = "";

  constructor(
    private readonly backends: readonly string[],
    private readonly localAddress = "127.0.0.1",
  ) {
    this.served = backends.map(() => 0);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const attempt = (left: number): void => {
          const index = this.next++ % this.backends.length;
          const target = new URL(req.url ?? "/", this.backends[index]);
          const upstream = request(target, { method: req.method, headers: req.headers, localAddress: this.localAddress, agent: false }, (answer: IncomingMessage) => {
            this.served[index] = (this.served[index] ?? 0) + 1;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          });
          upstream.on("error", (error: NodeJS.ErrnoException) => {
            if (error.code === "ECONNREFUSED" && left > 1) return attempt(left - 1);
            if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
            res.end(JSON.stringify({ error: `proxy: ${error.code ?? error.message}` }));
          });
          upstream.end(body);
        };
        attempt(this.backends.length);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    if (address && typeof address === "object") this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
