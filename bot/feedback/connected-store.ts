import { randomBytes } from "node:crypto";
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

  async installationSecret(): Promise<string> {
    return this.current().installationSecret();
  }

  async learning(range: ReportRange): Promise<LearningData> {
    return this.current().learning(range);
  }
}

/**
 * The secret behind pseudonyms, button signatures and Direct Line tokens: `INSTALLATION_SECRET`
 * if configured, else the one kept in the database, else (database unreachable at start) a
 * temporary one for this process, with a warning.
 */
export async function resolveSecret(configured: string | undefined, store: FeedbackStore, logger: Logger): Promise<string> {
  if (configured) return configured;
  try {
    return await store.installationSecret();
  } catch {
    logger.warn("[storage] no installation secret (database unreachable, INSTALLATION_SECRET unset): using a temporary one for this process");
    return randomBytes(32).toString("base64url");
  }
}
