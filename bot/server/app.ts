import type { CloudAdapter } from "botbuilder";
import type { ActivityHandler } from "botbuilder";
import restify, { type Server } from "restify";
import type { Logger } from "../logger";
import { checkActivity, MAX_BODY_BYTES } from "./activity-guard";
import type { RateLimit } from "./rate-limit";

/** What `/healthz` reports. */
export interface Health {
  status: "ok" | "degraded";
  version: string;
  knowledge: {
    entries: number;
    loadedAt: string | null;
    lastError: string | null;
  };
  [extra: string]: unknown;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  health: () => Health;
  /** Requests per client address; over it the client gets 429 (see `isLimited`). */
  clientLimit?: RateLimit;
  /**
   * Whether `/api/messages` counts against the client limit. Only in local mode: behind Azure
   * every request comes from the Bot Service's addresses, and conversations are limited instead.
   */
  limitBotEndpoint?: boolean;
}

/** Requests that count against the per-client limit: every POST and the operator pages; not static files or Direct Line polling. */
export function isLimited(method: string, path: string, limitBotEndpoint: boolean): boolean {
  if (path === "/api/messages") return limitBotEndpoint && method === "POST";
  if (method === "POST") return true;
  return method === "GET" && (path === "/dashboard" || path === "/api/report" || path.startsWith("/dashboard/cases") || path.startsWith("/api/case"));
}

/** Counts turns in flight, so shutdown can wait for them. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.count;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await work();
    } finally {
      this.count -= 1;
      if (this.count === 0) {
        for (const wake of this.waiters.splice(0)) wake();
      }
    }
  }

  /** Resolves when no turn is in flight. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Builds the restify server: `POST /api/messages` and `GET /healthz`. Does not listen. */
export function createServer(deps: ServerDeps): { server: Server; inFlight: InFlight } {
  const { adapter, bot, logger } = deps;
  const inFlight = new InFlight();
  const server = restify.createServer({ name: "memnun", handleUncaughtExceptions: false });

  const { clientLimit } = deps;
  if (clientLimit) {
    server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (!isLimited(req.method ?? "GET", path, deps.limitBotEndpoint ?? false)) return next();
      const client = req.socket.remoteAddress ?? "unknown";
      clientLimit.take(client).then(
        (waitMs) => {
          if (waitMs === 0) return next();
          logger.warn({ client, path }, "[server] client over its request rate");
          res.header("retry-after", String(Math.ceil(waitMs / 1000)));
          res.send(429, { error: "Too many requests; slow down and retry later." });
          return next(false);
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  server.use(restify.plugins.queryParser());
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: MAX_BODY_BYTES,
      mapParams: false,
      rejectUnknown: false,
    }),
  );

  server.post("/api/messages", async (req, res) => {
    const verdict = checkActivity(req.body);
    if (!verdict.ok) {
      logger.warn({ reason: verdict.message }, "[server] rejected activity");
      res.send(400, { error: verdict.message });
      return;
    }
    try {
      await inFlight.run(() => adapter.process(req, res, (context) => bot.run(context)));
    } catch (error) {
      logger.error({ err: error }, "[server] failed to process activity");
      if (!res.headersSent) res.send(500, { error: "internal error" });
    }
  });

  server.get("/healthz", async (_req, res) => {
    res.send(200, deps.health());
  });

  server.on("restifyError", (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) logger.error({ err, url: req.url }, "[server] request failed");
    else logger.warn({ status, url: req.url, reason: err.message }, "[server] bad request");
    callback();
  });

  return { server, inFlight };
}
