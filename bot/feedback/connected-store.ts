import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../logger";
import type { DatabaseConnection } from "../storage/connection";
import type { Database } from "../storage/database";
import { StoreClosedError } from "../storage/errors";
import type { FeedbackEvent } from "./events";
import type { Report, ReportRange } from "./report";
import { SqlFeedbackStore, type FeedbackStore, type LearningData } from "./store";

/** The feedback store of whatever database is connected; fails (so the recorder retries) while none is. */
export class ConnectedFeedbackStore implements FeedbackStore {
  private closed = false;
  private sql: { database: Database; store: SqlFeedbackStore } | null = null;

  constructor(private readonly connection: DatabaseConnection) {}

  /** Stops this store; the connection stays open for its other users (its owner closes it). */
  async close(): Promise<void> {
    this.closed = true;
  }

  private current(): SqlFeedbackStore {
    if (this.closed) throw new StoreClosedError("the feedback store");
    const database = this.connection.current();
    // one SQL store per database opened: it keeps its compiled statements
    if (this.sql?.database !== database) this.sql = { database, store: new SqlFeedbackStore(database) };
    return this.sql.store;
  }

  async write(...events: FeedbackEvent[]): Promise<void> {
    await this.current().write(...events);
  }

  async report(range: ReportRange, questionOf?: (id: string) => string | null): Promise<Report> {
    return this.current().report(range, questionOf);
  }

  async installationSecret(candidate?: string): Promise<string> {
    return this.current().installationSecret(candidate);
  }

  async learning(range: ReportRange): Promise<LearningData> {
    return this.current().learning(range);
  }
}

/** Thrown at start when no installation secret can be had without inventing a new one. */
export class SecretUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super(
      "[storage] cannot read the installation secret: the database is unreachable, this instance has no saved copy and INSTALLATION_SECRET is not set. " +
        "Refusing to invent a new one (pseudonyms, rating buttons and Direct Line tokens would silently change); start again once the database answers, or set INSTALLATION_SECRET.",
      options,
    );
    this.name = "SecretUnavailableError";
  }
}

/**
 * The secret behind pseudonyms, button signatures and Direct Line tokens: `INSTALLATION_SECRET`
 * if configured, else the one kept in the database (created there once, and copied to
 * `copyFile` so this instance can start during an outage with the same secret). With neither
 * the database nor a copy it throws `SecretUnavailableError` rather than invent a new one.
 */
export async function resolveSecret(configured: string | undefined, store: FeedbackStore, logger: Logger, copyFile?: string): Promise<string> {
  if (configured) return configured;
  const copy = copyFile && existsSync(copyFile) ? readFileSync(copyFile, "utf8").trim() : undefined;
  const saved = copy !== undefined && copy.length >= 32 ? copy : undefined;
  let secret: string;
  try {
    // an emptied database gets this instance's copy back instead of a new secret
    secret = await store.installationSecret(saved);
  } catch (error) {
    if (saved === undefined) throw new SecretUnavailableError({ cause: error });
    logger.warn("[storage] database unreachable: using this instance's saved copy of the installation secret");
    return saved;
  }
  if (saved !== undefined && saved !== secret) logger.warn("[storage] the database holds another installation secret than this instance's copy: using the database's");
  if (copyFile && saved !== secret) {
    mkdirSync(dirname(copyFile), { recursive: true });
    writeFileSync(copyFile, `${secret}\n`, { mode: 0o600 });
  }
  return secret;
}
