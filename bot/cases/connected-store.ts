import type { ReportRange } from "../feedback/report";
import type { DatabaseConnection } from "../storage/connection";
import type { Database } from "../storage/database";
import { StoreClosedError } from "../storage/errors";
import { SqlCaseStore, type CaseStore } from "./store";
import type { Case, CaseChange, CaseFilter, CaseReport, NewCase } from "./types";

/** The case store of whatever database is connected; fails with `DatabaseUnavailableError` while none is. */
export class ConnectedCaseStore implements CaseStore {
  private closed = false;
  private sql: { database: Database; store: SqlCaseStore } | null = null;

  constructor(private readonly connection: DatabaseConnection) {}

  /** Stops this store; the connection stays open for its other users (its owner closes it). */
  async close(): Promise<void> {
    this.closed = true;
  }

  private current(): SqlCaseStore {
    if (this.closed) throw new StoreClosedError("the case store");
    const database = this.connection.current();
    if (this.sql?.database !== database) this.sql = { database, store: new SqlCaseStore(database) };
    return this.sql.store;
  }

  async create(input: NewCase): Promise<Case> {
    return this.current().create(input);
  }

  async createOnce(offer: string, input: NewCase): Promise<{ case: Case; created: boolean }> {
    return this.current().createOnce(offer, input);
  }

  async get(reference: string): Promise<Case | null> {
    return this.current().get(reference);
  }

  async latestOf(userHash: string): Promise<Case | null> {
    return this.current().latestOf(userHash);
  }

  async setContact(reference: string, contact: string, at: string): Promise<Case> {
    return this.current().setContact(reference, contact, at);
  }

  async update(reference: string, change: CaseChange, actor: string, at: string): Promise<Case> {
    return this.current().update(reference, change, actor, at);
  }

  async list(filter: CaseFilter): Promise<Case[]> {
    return this.current().list(filter);
  }

  async count(filter: CaseFilter): Promise<number> {
    return this.current().count(filter);
  }

  async markOverdue(now: string): Promise<Case[]> {
    return this.current().markOverdue(now);
  }

  async report(range: ReportRange, now: string): Promise<CaseReport> {
    return this.current().report(range, now);
  }
}
