import { createClient, type RedisClientType } from "redis";
import type { Logger } from "../logger";
import { StoreClosedError } from "./errors";

/** A Redis command slower than this fails (its caller falls back or answers 503). Lower = a hung Redis costs less per request, a slow one fails sooner. */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
/** Connecting may take this long before the attempt counts as failed. */
const REDIS_CONNECT_TIMEOUT_MS = 2_000;
/** First delay before reconnecting to a lost Redis; grows by this much per attempt up to the maximum. Lower = quicker recovery, more attempts. */
const REDIS_RECONNECT_STEP_MS = 200;
const REDIS_RECONNECT_MAX_MS = 5_000;

/** The node-redis client Memnun uses (RESP2, no modules). */
export type RedisClient = RedisClientType;

/** Thrown while Redis is not connected: the caller falls back (rate limits) or answers 503 (local Direct Line). */
export class RedisUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("[storage] Redis not connected", options);
    this.name = "RedisUnavailableError";
  }
}

export interface RedisOptions {
  url: string;
  /** Put before every key (`REDIS_KEY_PREFIX`). */
  prefix: string;
}

/**
 * One Redis connection per instance, for what instances share and may lose (rate limit windows,
 * the local Direct Line). An unreachable Redis never stops the start: the client reconnects in
 * the background, commands fail at once meanwhile (no offline queue, so nothing waits on a lost
 * Redis), and `status()` tells `/healthz`.
 */
export class RedisConnection {
  readonly client: RedisClient;
  readonly prefix: string;
  private lastError: string | null = null;
  private closed = false;

  constructor(
    options: RedisOptions,
    private readonly logger: Logger,
  ) {
    this.prefix = options.prefix;
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
      socket: {
        connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries) => Math.min((retries + 1) * REDIS_RECONNECT_STEP_MS, REDIS_RECONNECT_MAX_MS),
      },
    });
    this.client.on("error", (error: unknown) => {
      const message = error instanceof Error ? error.message || error.name : String(error);
      // one line per outage, not one per reconnection attempt
      if (this.lastError === null) this.logger.warn({ err: error }, "[storage] Redis connection lost; rate limits fall back to this instance's memory");
      this.lastError = message;
    });
    this.client.on("ready", () => {
      if (this.lastError !== null) this.logger.info("[storage] Redis connected again");
      this.lastError = null;
    });
  }

  /**
   * Connects, waiting until the first attempt succeeds or fails (at most
   * `REDIS_CONNECT_TIMEOUT_MS`); an unreachable Redis never fails the start: the client keeps
   * reconnecting in the background.
   */
  async connect(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let failed: (() => void) | undefined;
    const settled = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, REDIS_CONNECT_TIMEOUT_MS);
      failed = resolve;
      this.client.once("error", resolve);
    });
    const connecting = this.client.connect().then(
      () => undefined,
      (error: unknown) => {
        this.lastError ??= error instanceof Error ? error.message : String(error);
      },
    );
    await Promise.race([connecting, settled]);
    clearTimeout(timer);
    if (failed) this.client.removeListener("error", failed);
    if (!this.client.isReady) this.logger.warn({ error: this.lastError }, "[storage] Redis unreachable at start; retrying in the background");
  }

  /** Whether commands can be sent now, and the last error while they cannot. */
  status(): { connected: boolean; error: string | null } {
    const connected = this.client.isReady;
    return { connected, error: connected ? null : (this.lastError ?? "not connected") };
  }

  /** The full key of `name` (with the prefix). */
  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Throws `StoreClosedError` after `close`, `RedisUnavailableError` while disconnected. */
  ready(store: string): RedisClient {
    if (this.closed) throw new StoreClosedError(store);
    if (!this.client.isReady) throw new RedisUnavailableError();
    return this.client;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.client.isOpen) {
      // QUIT lets commands in flight finish; a lost Redis cannot answer it, so it is destroyed instead
      await this.client.close().catch(() => this.client.destroy());
    } else {
      this.client.destroy();
    }
  }
}
