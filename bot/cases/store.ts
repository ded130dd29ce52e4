import { sql, type Compilable, type Kysely, type Selectable } from "kysely";
import { randomBytes } from "node:crypto";
import { percent, rangeBounds, type ReportRange } from "../feedback/report";
import { AUDIT_ACTORS } from "../config";
import { assertOpen, type Database } from "../storage/database";
import type { Closable } from "../storage/errors";
import { caseSearchKey, type CaseEventsTable, type CasesTable, type Schema } from "../storage/schema";
import { foldedWords } from "../turkish-case";
import { readAudit, storedAudit, type RecordedChange } from "./audit";
import { newReference } from "./reference";
import {
  ACTIVE_STATUSES,
  isCaseStatus,
  MAX_CASE_TEXT_CHARS,
  type AuditEntry,
  type Case,
  type CaseChange,
  type CaseFilter,
  type CaseNote,
  type CaseReport,
  type CaseSource,
  type CaseStatus,
  type NewCase,
} from "./types";

/**
 * Attempts at a fresh reference before giving up. A clash needs two equal random references, so a
 * second attempt practically always succeeds; higher only matters with a tiny alphabet (tests).
 */
export const MAX_REFERENCE_ATTEMPTS = 20;
/** Most cases a listing returns unless it asks for more, and the most one page of `/api/cases` may ask for (`limit`). Higher = longer pages allowed. */
export const CASE_LIST_LIMIT = 500;
/** Most cases one listing may ask for (`report --csv --table cases`). */
export const CASE_EXPORT_LIMIT = 100_000;
/** References per query when reading the notes of many cases. Lower = more queries, fewer parameters each. */
const EVENT_QUERY_CHUNK = 500;
/** Ratings at or below this count as low for "low ratings that became cases" (the comment threshold). */
export const LOW_RATING_AT_OR_BELOW = 2;
/** CSAT counts ratings from this one up as satisfied (as the feedback report does). */
const SATISFIED_FROM = 4;

/** Thrown when a case is asked for by a reference that does not exist. */
export class CaseNotFoundError extends Error {
  constructor(reference: string) {
    super(`[cases] no case ${reference}`);
    this.name = "CaseNotFoundError";
  }
}

/** Why a change was refused: it says nothing (no new status, no note), or names an unknown status. */
export type CaseChangeProblem = "nothing-to-change" | "unknown-status";

/** Thrown for a change that says nothing (no status, no note) or an unknown status; `problem` tells which, for callers that explain it. */
export class CaseChangeError extends Error {
  constructor(
    readonly problem: CaseChangeProblem,
    message: string,
  ) {
    super(`[cases] ${message}`);
    this.name = "CaseChangeError";
  }
}

/** Thrown when a case changed between reading and writing it (two operators at once): reload and try again. */
export class CaseConflictError extends Error {
  constructor(reference: string) {
    super(`[cases] ${reference} was changed meanwhile; reload it and try again`);
    this.name = "CaseConflictError";
  }
}

/** Thrown when no free reference was found in `MAX_REFERENCE_ATTEMPTS` tries. */
export class ReferenceExhaustedError extends Error {
  constructor(attempts: number) {
    super(`[cases] no free case reference after ${attempts} attempts`);
    this.name = "ReferenceExhaustedError";
  }
}

/** Where cases are kept. Every change is written with its audit line in one transaction. */
export interface CaseStore extends Closable {
  /** Opens a case under a new unique reference. */
  create(input: NewCase): Promise<Case>;
  /**
   * Opens the case of a conversation's offer (its id, unique per offer), once: called again for
   * the same offer (a double click, a turn run again on another instance) it returns the case the
   * first call opened, with `created` false, so no second case is opened and no second alert raised.
   */
  createOnce(offer: string, input: NewCase): Promise<{ case: Case; created: boolean }>;
  /** The case with its notes and audit log, or null. */
  get(reference: string): Promise<Case | null>;
  /** The customer's latest case (by pseudonym), or null. */
  latestOf(userHash: string): Promise<Case | null>;
  /** Stores contact details the customer consented to give. */
  setContact(reference: string, contact: string, at: string): Promise<Case>;
  /** An operator's status change and/or notes, audited under `actor`; `CaseConflictError` when the case is no longer as `change.expectedUpdatedAt` says the operator saw it. */
  update(reference: string, change: CaseChange, actor: string, at: string): Promise<Case>;
  /** Cases, newest first (or by `filter.order`), at most `filter.limit` from `filter.offset` on. */
  list(filter: CaseFilter): Promise<Case[]>;
  /** How many cases `filter` selects in all (its `limit` and `offset` aside): what a page of `list` is out of. */
  count(filter: CaseFilter): Promise<number>;
  /**
   * Active cases whose first response is overdue at `now` and not yet marked: marks and returns
   * them. Each case is returned once, even with several instances calling at the same time.
   */
  markOverdue(now: string): Promise<Case[]>;
  /** Case figures for a report range; `now` decides what is overdue. */
  report(range: ReportRange, now: string): Promise<CaseReport>;
}

const cut = (text: string): string => text.slice(0, MAX_CASE_TEXT_CHARS);
const count = (value: string | number | bigint | null | undefined): number => Number(value ?? 0);
const hours = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 3_600_000;

/** The median of some numbers, rounded to a tenth; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

let sequence = 0;
/** Event ids sort by time, then by the order they were written in this process. */
const eventId = (at: string): string => {
  sequence = (sequence + 1) % 1_000_000;
  return `${at}:${String(sequence).padStart(6, "0")}:${randomBytes(4).toString("hex")}`;
};

function toCase(row: Selectable<CasesTable>, events: ReadonlyArray<Selectable<CaseEventsTable>>): Case {
  const notes: CaseNote[] = [];
  const audit: AuditEntry[] = [];
  for (const event of events) {
    if (event.kind === "public" || event.kind === "internal") notes.push({ kind: event.kind, text: event.text, author: event.actor, at: event.at });
    else audit.push({ ...readAudit(event), actor: event.actor, detail: event.text, at: event.at });
  }
  const source: CaseSource = row.source === "rating" || row.source === "nps" ? row.source : "intent";
  return {
    reference: row.reference,
    status: isCaseStatus(row.status) ? row.status : "open",
    text: row.text,
    source,
    answerId: row.answer_id,
    entryId: row.entry_id,
    rating: row.rating === null ? null : Number(row.rating),
    score: row.score === null ? null : Number(row.score),
    channel: row.channel,
    userHash: row.user_hash,
    conversation: row.conversation,
    conversationRef: row.conversation_ref,
    contact: row.contact,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    dueAt: row.due_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    overdueAt: row.overdue_at,
    notes,
    audit,
  };
}

/** The case store over SQLite or PostgreSQL through one Kysely query layer. */
export class SqlCaseStore implements CaseStore {
  private closed = false;

  /** `random` picks reference symbols (tests pass a poor one to force clashes). */
  constructor(
    private readonly database: Database,
    private readonly random?: (max: number) => number,
  ) {}

  /** Stops this store; the database stays open for its other users (its opener closes it). */
  async close(): Promise<void> {
    this.closed = true;
  }

  private db(): Kysely<Schema> {
    assertOpen("the case store", this.closed, this.database);
    return this.database.db;
  }

  /**
   * Runs `first`, then the statements `then` picks from the rows it affected, as one transaction.
   * On SQLite synchronously, in better-sqlite3's own transaction: no other query can run in
   * between (the feedback store writes its batches the same way, and a Kysely transaction held
   * open across awaits would take those batches into itself). On PostgreSQL, a Kysely transaction.
   * Returns the rows `first` affected.
   */
  private async atomically(first: Compilable, then: (affected: number) => Compilable[]): Promise<number> {
    const { db, sqlite } = this.database;
    if (sqlite) {
      let affected = 0;
      sqlite.transaction(() => {
        const run = (query: Compilable): number => {
          const compiled = query.compile();
          return Number(sqlite.prepare(compiled.sql).run(compiled.parameters).changes);
        };
        affected = run(first);
        for (const next of then(affected)) run(next);
      });
      return affected;
    }
    return db.transaction().execute(async (trx) => {
      const result = await trx.executeQuery(first.compile());
      const affected = Number(result.numAffectedRows ?? 0);
      for (const next of then(affected)) await trx.executeQuery(next.compile());
      return affected;
    });
  }

  /** A public or internal note. */
  private note(reference: string, kind: "public" | "internal", actor: string, text: string, at: string): Compilable {
    return this.database.db.insertInto("case_events").values({ id: eventId(at), reference, kind, actor, action: `${kind}-note`, text, data: null, at });
  }

  /** A line of the audit log. */
  private audit(reference: string, actor: string, change: RecordedChange, at: string): Compilable {
    return this.database.db.insertInto("case_events").values({ id: eventId(at), reference, kind: "audit", actor, ...storedAudit(change), at });
  }

  async create(input: NewCase): Promise<Case> {
    const opened = await this.insert(input, null);
    return opened.case;
  }

  async createOnce(offer: string, input: NewCase): Promise<{ case: Case; created: boolean }> {
    const existing = await this.ofOffer(offer);
    if (existing) return { case: existing, created: false };
    return this.insert(input, offer);
  }

  /** The case opened for `offer`, or null. */
  private async ofOffer(offer: string): Promise<Case | null> {
    const row = await this.db().selectFrom("cases").select("reference").where("offer_id", "=", offer).executeTakeFirst();
    return row ? this.get(row.reference) : null;
  }

  /** Inserts a case under a fresh reference; with `offer`, returns the case another call opened for it meanwhile instead. */
  private async insert(input: NewCase, offer: string | null): Promise<{ case: Case; created: boolean }> {
    const db = this.db();
    for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt += 1) {
      const reference = newReference(this.random);
      const text = cut(input.text);
      const insert = db
        .insertInto("cases")
        .values({
          reference,
          status: "open",
          text,
          source: input.source,
          answer_id: input.answerId,
          entry_id: input.entryId,
          rating: input.rating,
          score: input.score,
          channel: input.channel,
          user_hash: input.userHash,
          conversation: input.conversation,
          conversation_ref: input.conversationRef,
          contact: null,
          created_at: input.createdAt,
          updated_at: input.createdAt,
          due_at: input.dueAt,
          first_response_at: null,
          resolved_at: null,
          overdue_at: null,
          search_key: caseSearchKey(reference, text),
          offer_id: offer,
        })
        // the primary key decides between two instances that drew the same reference, the
        // offer's unique index between two turns that opened the same offer
        .onConflict((oc) => oc.doNothing());
      const created = await this.atomically(insert, (affected) =>
        affected > 0 ? [this.audit(reference, AUDIT_ACTORS.customer, { action: "created", source: input.source, channel: input.channel }, input.createdAt)] : [],
      );
      if (created > 0) return { case: await this.require(reference), created: true };
      const raced = offer === null ? null : await this.ofOffer(offer);
      if (raced) return { case: raced, created: false };
    }
    throw new ReferenceExhaustedError(MAX_REFERENCE_ATTEMPTS);
  }

  private async require(reference: string): Promise<Case> {
    const found = await this.get(reference);
    if (!found) throw new CaseNotFoundError(reference);
    return found;
  }

  async get(reference: string): Promise<Case | null> {
    const db = this.db();
    const row = await db.selectFrom("cases").selectAll().where("reference", "=", reference).executeTakeFirst();
    if (!row) return null;
    const events = await db.selectFrom("case_events").selectAll().where("reference", "=", reference).orderBy("id").execute();
    return toCase(row, events);
  }

  async latestOf(userHash: string): Promise<Case | null> {
    const row = await this.db()
      .selectFrom("cases")
      .select("reference")
      .where("user_hash", "=", userHash)
      .orderBy("created_at", "desc")
      .orderBy("reference", "desc")
      .executeTakeFirst();
    return row ? this.get(row.reference) : null;
  }

  async setContact(reference: string, contact: string, at: string): Promise<Case> {
    const db = this.db();
    const update = db.updateTable("cases").set({ contact: contact.slice(0, 256), updated_at: at }).where("reference", "=", reference);
    // the audit names what was given, never the value itself
    const affected = await this.atomically(update, (n) => (n > 0 ? [this.audit(reference, AUDIT_ACTORS.customer, { action: "contact", contact: contact.includes("@") ? "e-mail" : "phone" }, at)] : []));
    if (affected === 0) throw new CaseNotFoundError(reference);
    return this.require(reference);
  }

  async update(reference: string, change: CaseChange, actor: string, at: string): Promise<Case> {
    const db = this.db();
    const publicNote = cut(change.publicNote?.trim() ?? "");
    const internalNote = cut(change.internalNote?.trim() ?? "");
    if (change.status !== undefined && !isCaseStatus(change.status)) throw new CaseChangeError("unknown-status", `unknown status "${String(change.status)}"`);
    const row = await db.selectFrom("cases").selectAll().where("reference", "=", reference).executeTakeFirst();
    if (!row) throw new CaseNotFoundError(reference);
    // before "nothing to change": a status someone else has just set is no reason to keep quiet about them
    if (change.expectedUpdatedAt !== undefined && change.expectedUpdatedAt !== row.updated_at) throw new CaseConflictError(reference);
    const status = change.status !== undefined && change.status !== row.status ? change.status : undefined;
    if (status === undefined && publicNote === "" && internalNote === "") throw new CaseChangeError("nothing-to-change", "nothing to change: give a new status or a note");
    const active = (value: string): boolean => ACTIVE_STATUSES.some((s) => s === value);
    const responded = status !== undefined || publicNote !== "";
    const write = db
      .updateTable("cases")
      .set({
        updated_at: at,
        ...(status ? { status } : {}),
        ...(responded && row.first_response_at === null ? { first_response_at: at } : {}),
        ...(status && !active(status) && row.resolved_at === null ? { resolved_at: at } : {}),
        ...(status && active(status) ? { resolved_at: null } : {}),
      })
      .where("reference", "=", reference)
      // written only over the state read above: a concurrent change makes this one fail, not blur the audit
      .where("status", "=", row.status)
      .where("updated_at", "=", row.updated_at);
    const affected = await this.atomically(write, (n) => {
      if (n === 0) return [];
      const events: Compilable[] = [];
      if (status) events.push(this.audit(reference, actor, { action: "status", from: isCaseStatus(row.status) ? row.status : "open", to: status }, at));
      if (publicNote !== "") events.push(this.note(reference, "public", actor, publicNote, at), this.audit(reference, actor, { action: "public-note", note: publicNote }, at));
      if (internalNote !== "") events.push(this.note(reference, "internal", actor, internalNote, at), this.audit(reference, actor, { action: "internal-note", note: internalNote }, at));
      return events;
    });
    if (affected === 0) throw new CaseConflictError(reference);
    return this.require(reference);
  }

  /** The cases `filter` selects, before ordering and paging. */
  private selected(db: Kysely<Schema>, filter: CaseFilter) {
    let query = db.selectFrom("cases");
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.source) query = query.where("source", "=", filter.source);
    if (filter.from) query = query.where("created_at", ">=", filter.from);
    if (filter.to) query = query.where("created_at", "<", filter.to);
    if (filter.overdue) {
      query = query.where("status", "in", [...ACTIVE_STATUSES]).where("first_response_at", "is", null).where("due_at", "<", filter.now);
    }
    // folded as the stored key is; `%`, `_` and `\` are no letters, so none is left to be a wildcard
    const search = foldedWords(filter.search ?? "");
    if (search !== "") query = query.where("search_key", "like", `%${search}%`);
    return query;
  }

  async count(filter: CaseFilter): Promise<number> {
    const row = await this.selected(this.db(), filter)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    return count(row?.n);
  }

  async list(filter: CaseFilter): Promise<Case[]> {
    const db = this.db();
    const limit = Math.max(1, Math.min(filter.limit ?? CASE_LIST_LIMIT, CASE_EXPORT_LIMIT));
    const selected = this.selected(db, filter).selectAll();
    const ordered = filter.order === "due" ? selected.orderBy("due_at").orderBy("created_at") : selected.orderBy("created_at", "desc");
    const rows = await ordered
      .orderBy("reference")
      .limit(limit)
      .offset(Math.max(0, filter.offset ?? 0))
      .execute();
    if (rows.length === 0) return [];
    const events: Array<Selectable<CaseEventsTable>> = [];
    // in chunks: a database takes only so many parameters in one query
    for (let start = 0; start < rows.length; start += EVENT_QUERY_CHUNK) {
      const references = rows.slice(start, start + EVENT_QUERY_CHUNK).map((row) => row.reference);
      events.push(...(await db.selectFrom("case_events").selectAll().where("reference", "in", references).orderBy("id").execute()));
    }
    const byCase = new Map<string, Array<Selectable<CaseEventsTable>>>();
    for (const event of events) byCase.set(event.reference, [...(byCase.get(event.reference) ?? []), event]);
    return rows.map((row) => toCase(row, byCase.get(row.reference) ?? []));
  }

  async markOverdue(now: string): Promise<Case[]> {
    const db = this.db();
    const due = await db
      .selectFrom("cases")
      .select("reference")
      .where("status", "in", [...ACTIVE_STATUSES])
      .where("first_response_at", "is", null)
      .where("overdue_at", "is", null)
      .where("due_at", "<", now)
      .orderBy("due_at")
      .limit(CASE_LIST_LIMIT)
      .execute();
    const marked: Case[] = [];
    for (const { reference } of due) {
      // only the instance whose update changes the row raises the alert
      const mark = db.updateTable("cases").set({ overdue_at: now }).where("reference", "=", reference).where("overdue_at", "is", null);
      const won = await this.atomically(mark, (n) => (n > 0 ? [this.audit(reference, AUDIT_ACTORS.system, { action: "overdue" }, now)] : []));
      if (won > 0) marked.push(await this.require(reference));
    }
    return marked;
  }

  async report(range: ReportRange, now: string): Promise<CaseReport> {
    const db = this.db();
    const { from, to } = rangeBounds(range);
    const lo = from ?? "";
    const hi = to ?? "~";
    const [opened, resolved, overdue, lowRatings] = await Promise.all([
      db
        .selectFrom("cases")
        .select(["reference", "status", "source", "answer_id", "entry_id", "created_at", "first_response_at", "resolved_at"])
        .where("created_at", ">=", lo)
        .where("created_at", "<", hi)
        .execute(),
      db.selectFrom("cases").select((eb) => eb.fn.countAll().as("n")).where("resolved_at", ">=", lo).where("resolved_at", "<", hi).executeTakeFirst(),
      db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("status", "in", [...ACTIVE_STATUSES])
        .where("first_response_at", "is", null)
        .where("due_at", "<", now)
        .where("created_at", ">=", lo)
        .where("created_at", "<", hi)
        .executeTakeFirst(),
      db
        .selectFrom("ratings")
        .select(["answer_id"])
        .where("at", ">=", lo)
        .where("at", "<", hi)
        .where("rating", "<=", LOW_RATING_AT_OR_BELOW)
        .execute(),
    ]);
    const byStatus: Record<CaseStatus, number> = { open: 0, in_progress: 0, resolved: 0, closed: 0 };
    const firstResponses: number[] = [];
    const resolutions: number[] = [];
    const caseAnswers = new Set<string>();
    const entries = new Map<string, number>();
    for (const row of opened) {
      if (isCaseStatus(row.status)) byStatus[row.status] += 1;
      if (row.first_response_at) firstResponses.push(hours(row.created_at, row.first_response_at));
      if (row.resolved_at) resolutions.push(hours(row.created_at, row.resolved_at));
      if (row.answer_id) caseAnswers.add(row.answer_id);
      if (row.entry_id) entries.set(row.entry_id, (entries.get(row.entry_id) ?? 0) + 1);
    }
    const lowToCases = lowRatings.filter((row) => caseAnswers.has(row.answer_id)).length;
    const entryIds = [...entries.keys()];
    const entryRatings =
      entryIds.length === 0
        ? []
        : await db
            .selectFrom("ratings")
            .select([
              "entry_id",
              (eb) => eb.fn.countAll().as("n"),
              (eb) => eb.fn.sum<number>(sql<number>`case when rating >= ${sql.lit(SATISFIED_FROM)} then 1 else 0 end`).as("satisfied"),
            ])
            .where("at", ">=", lo)
            .where("at", "<", hi)
            .where("entry_id", "in", entryIds)
            .groupBy("entry_id")
            .execute();
    const csatOf = new Map(entryRatings.map((row) => [row.entry_id, { n: count(row.n), satisfied: count(row.satisfied) }]));
    let ratings = 0;
    let satisfied = 0;
    for (const value of csatOf.values()) {
      ratings += value.n;
      satisfied += value.satisfied;
    }
    return {
      opened: opened.length,
      resolved: count(resolved?.n),
      overdue: count(overdue?.n),
      byStatus,
      medianFirstResponseHours: median(firstResponses),
      medianResolutionHours: median(resolutions),
      lowRatings: lowRatings.length,
      lowRatingsToCases: percent(lowToCases, lowRatings.length),
      csatOfCaseEntries: percent(satisfied, ratings),
      entries: [...entries]
        .map(([entryId, cases]) => {
          const rated = csatOf.get(entryId);
          return { entryId, cases, csat: rated ? percent(rated.satisfied, rated.n) : null };
        })
        .sort((a, b) => b.cases - a.cases || a.entryId.localeCompare(b.entryId)),
    };
  }
}
