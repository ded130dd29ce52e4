import { createHash } from "node:crypto";
import type { DatabaseConnection } from "../storage/connection";
import { assertOpen, type Database } from "../storage/database";
import { StoreClosedError, type Closable } from "../storage/errors";

/**
 * Operators' dashboard sessions ended by signing out. Sessions are signed cookies, valid by their
 * signature alone; this list is what makes a copy of an ended session's cookie (taken before the
 * sign-out, or an older rotation of it) invalid too. A record is kept until the session would
 * have expired anyway, then deleted. In the database for the server (`SqlSessionRevocations`,
 * through `ConnectedSessionRevocations`), so every instance sharing it refuses the session; in
 * memory for one process (`MemorySessionRevocations`); all pass one contract suite.
 */
export interface SessionRevocations extends Closable {
  /**
   * Ends `session` until `until` (an ISO time: when it would have expired). A session's end is
   * fixed at its sign-in, so ending it again changes nothing. Records whose end has passed are
   * deleted meanwhile.
   */
  revoke(session: string, until: string): Promise<void>;
  /** Whether `session` was ended and the end it was given has not passed. */
  isRevoked(session: string): Promise<boolean>;
}

/** What the database keeps of a session's id: its digest, which signs no cookie in. */
function sessionDigest(session: string): string {
  return createHash("sha256").update(`memnun:revoked-session:${session}`).digest("hex");
}

/** Ended sessions in one process's memory: lost with it, unknown to other instances. */
export class MemorySessionRevocations implements SessionRevocations {
  private readonly ended = new Map<string, string>();
  private closed = false;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async close(): Promise<void> {
    this.closed = true;
    this.ended.clear();
  }

  async revoke(session: string, until: string): Promise<void> {
    this.assertOpen();
    const now = this.now().toISOString();
    for (const [key, end] of this.ended) if (end <= now) this.ended.delete(key);
    if (!this.ended.has(session)) this.ended.set(session, until);
  }

  async isRevoked(session: string): Promise<boolean> {
    this.assertOpen();
    const until = this.ended.get(session);
    return until !== undefined && until > this.now().toISOString();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError("the session revocations");
  }
}

/** Ended sessions in SQLite or PostgreSQL: every instance on the database sees them. */
export class SqlSessionRevocations implements SessionRevocations {
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stops this store; the database stays open for its other users (its opener closes it). */
  async close(): Promise<void> {
    this.closed = true;
  }

  async revoke(session: string, until: string): Promise<void> {
    assertOpen("the session revocations", this.closed, this.database);
    const { db } = this.database;
    await db.deleteFrom("revoked_sessions").where("until", "<=", this.now().toISOString()).execute();
    await db
      .insertInto("revoked_sessions")
      .values({ session: sessionDigest(session), until })
      .onConflict((oc) => oc.column("session").doNothing())
      .execute();
  }

  async isRevoked(session: string): Promise<boolean> {
    assertOpen("the session revocations", this.closed, this.database);
    const found = await this.database.db
      .selectFrom("revoked_sessions")
      .select("session")
      .where("session", "=", sessionDigest(session))
      .where("until", ">", this.now().toISOString())
      .executeTakeFirst();
    return found !== undefined;
  }
}

/** The session revocations of whatever database is connected; fails with `DatabaseUnavailableError` while none is. */
export class ConnectedSessionRevocations implements SessionRevocations {
  private closed = false;
  private sql: { database: Database; store: SqlSessionRevocations } | null = null;

  constructor(
    private readonly connection: DatabaseConnection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stops this store; the connection stays open for its other users (its owner closes it). */
  async close(): Promise<void> {
    this.closed = true;
  }

  private current(): SqlSessionRevocations {
    if (this.closed) throw new StoreClosedError("the session revocations");
    const database = this.connection.current();
    if (this.sql?.database !== database) this.sql = { database, store: new SqlSessionRevocations(database, this.now) };
    return this.sql.store;
  }

  async revoke(session: string, until: string): Promise<void> {
    await this.current().revoke(session, until);
  }

  async isRevoked(session: string): Promise<boolean> {
    return this.current().isRevoked(session);
  }
}
