import { sql, type Generated, type Kysely, type Migration } from "kysely";
import { foldedWords } from "../turkish-case";

/** Timestamps are ISO 8601 UTC strings (`2026-11-23T19:45:00.000Z`) in both databases: they sort and compare as text. */
type Timestamp = string;

export interface QuestionsTable {
  id: string;
  at: Timestamp;
  conversation: string;
  user_hash: string;
  /** The Bot Framework channel id (`webchat`, `msteams`…); '' for events recorded before 2026-12-03. */
  channel: Generated<string>;
  query: string;
  /** The query lower-cased, folded and with collapsed spaces: groups the same question typed differently. */
  query_key: string;
  status: string;
  entry_id: string | null;
  /** The matcher's confidence in `entry_id`, in [0, 1] (named `score` before 2026-12-03). */
  confidence: number;
}

export interface AnswersTable {
  id: string;
  at: Timestamp;
  conversation: string;
  user_hash: string;
  /** The Bot Framework channel id (`webchat`, `msteams`…); '' for events recorded before 2026-12-03. */
  channel: Generated<string>;
  entry_id: string;
  /** How the user reached the answer: `match`, `suggestion` (did you mean) or `followup`. */
  source: string;
  /** The question the answer replied to (for `suggestion`, the ambiguous question). */
  question_id: string | null;
}

export interface RatingsTable {
  /** One rating per answer: a repeated click updates it, never adds one. */
  answer_id: string;
  entry_id: string;
  rating: number;
  at: Timestamp;
  conversation: string;
  user_hash: string;
  /** The Bot Framework channel id (`webchat`, `msteams`…); '' for events recorded before 2026-12-03. */
  channel: Generated<string>;
}

export interface CommentsTable {
  id: string;
  answer_id: string;
  entry_id: string;
  rating: number;
  text: string;
  at: Timestamp;
  conversation: string;
  user_hash: string;
  /** The Bot Framework channel id (`webchat`, `msteams`…); '' for events recorded before 2026-12-03. */
  channel: Generated<string>;
}

export interface SurveysTable {
  id: string;
  kind: string;
  score: number;
  at: Timestamp;
  conversation: string;
  user_hash: string;
  /** The Bot Framework channel id (`webchat`, `msteams`…); '' for events recorded before 2026-12-03. */
  channel: Generated<string>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ConversationStateTable {
  key: string;
  value: string;
  etag: string;
  updated_at: Timestamp;
}

/** A complaint or hand-off case (bot/cases). */
export interface CasesTable {
  /** `MMN-` and random symbols; the primary key keeps two instances from handing out one reference twice. */
  reference: string;
  status: string;
  text: string;
  source: string;
  answer_id: string | null;
  entry_id: string | null;
  rating: number | null;
  score: number | null;
  channel: string;
  user_hash: string;
  conversation: string;
  conversation_ref: string | null;
  contact: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  due_at: Timestamp;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
  overdue_at: Timestamp | null;
  /** The reference and the customer's words as `caseSearchKey` folds them: what the cases page's search looks in. */
  search_key: string;
  /** The conversation's offer the case answers (`CaseStore.createOnce`): unique, so one offer opens one case; null for cases older than the column. */
  offer_id: string | null;
}

/** A case's public and internal notes, and its audit log (`kind` = `public`, `internal` or `audit`). */
export interface CaseEventsTable {
  id: string;
  reference: string;
  kind: string;
  actor: string;
  action: string;
  text: string;
  /** An audit line's fields as JSON (`{"from":"open","to":"resolved"}`); null on notes and on lines older than the column. */
  data: string | null;
  at: Timestamp;
}

/** Operators' dashboard sessions ended by signing out (`SessionRevocations`), until the session would have expired anyway. */
export interface RevokedSessionsTable {
  /** A digest of the session's id, never the id itself. */
  session: string;
  /** When the session would have ended on its own: the record is not needed afterwards and is deleted. */
  until: Timestamp;
}

/** Every table Memnun keeps, for Kysely's typed queries. */
export interface Schema {
  questions: QuestionsTable;
  answers: AnswersTable;
  ratings: RatingsTable;
  comments: CommentsTable;
  surveys: SurveysTable;
  settings: SettingsTable;
  conversation_state: ConversationStateTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  revoked_sessions: RevokedSessionsTable;
}

/**
 * What a case is searched by: its reference and the customer's words in Turkish lower case,
 * folded (`foldedWords`). A search folded the same way finds `ŞİKAYETİM`, `IŞIK` or `İşlemi`
 * whatever case either side was typed in, identically on SQLite and PostgreSQL: neither
 * database's `lower()` knows Turkish (SQLite's folds ASCII only, PostgreSQL's makes `I` an `i`).
 * Changing it needs a migration that folds every case again.
 */
export function caseSearchKey(reference: string, text: string): string {
  return foldedWords(`${reference} ${text}`);
}

/**
 * Schema migrations, applied in name order by Kysely's Migrator on start (under its lock, so
 * several instances starting together on one PostgreSQL migrate once). Never edit a released
 * migration; add the next one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  "2026-11-23-001-feedback": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("questions")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("at", "varchar(32)", (c) => c.notNull())
        .addColumn("conversation", "varchar(64)", (c) => c.notNull())
        .addColumn("user_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("query_key", "text", (c) => c.notNull())
        .addColumn("status", "varchar(16)", (c) => c.notNull())
        .addColumn("entry_id", "varchar(128)")
        .addColumn("score", "real", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("questions_at").on("questions").column("at").execute();
      await db.schema
        .createTable("answers")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("at", "varchar(32)", (c) => c.notNull())
        .addColumn("conversation", "varchar(64)", (c) => c.notNull())
        .addColumn("user_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("entry_id", "varchar(128)", (c) => c.notNull())
        .addColumn("source", "varchar(16)", (c) => c.notNull())
        .addColumn("question_id", "varchar(64)")
        .execute();
      await db.schema.createIndex("answers_at").on("answers").column("at").execute();
      await db.schema
        .createTable("ratings")
        .addColumn("answer_id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("entry_id", "varchar(128)", (c) => c.notNull())
        .addColumn("rating", "integer", (c) => c.notNull())
        .addColumn("at", "varchar(32)", (c) => c.notNull())
        .addColumn("conversation", "varchar(64)", (c) => c.notNull())
        .addColumn("user_hash", "varchar(64)", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("ratings_at").on("ratings").column("at").execute();
      await db.schema
        .createTable("comments")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("answer_id", "varchar(64)", (c) => c.notNull())
        .addColumn("entry_id", "varchar(128)", (c) => c.notNull())
        .addColumn("rating", "integer", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("at", "varchar(32)", (c) => c.notNull())
        .addColumn("conversation", "varchar(64)", (c) => c.notNull())
        .addColumn("user_hash", "varchar(64)", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("comments_at").on("comments").column("at").execute();
      await db.schema
        .createTable("surveys")
        .addColumn("id", "varchar(96)", (c) => c.primaryKey())
        .addColumn("kind", "varchar(8)", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("at", "varchar(32)", (c) => c.notNull())
        .addColumn("conversation", "varchar(64)", (c) => c.notNull())
        .addColumn("user_hash", "varchar(64)", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("surveys_at").on("surveys").column("at").execute();
      await db.schema
        .createTable("settings")
        .addColumn("key", "varchar(64)", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("conversation_state")
        .addColumn("key", "varchar(512)", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("etag", "varchar(64)", (c) => c.notNull())
        .addColumn("updated_at", "varchar(32)", (c) => c.notNull().defaultTo(sql`''`))
        .execute();
    },
  },
  "2026-12-03-001-cases": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("cases")
        .addColumn("reference", "varchar(16)", (c) => c.primaryKey())
        .addColumn("status", "varchar(16)", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("source", "varchar(16)", (c) => c.notNull())
        .addColumn("answer_id", "varchar(64)")
        .addColumn("entry_id", "varchar(128)")
        .addColumn("rating", "integer")
        .addColumn("score", "integer")
        .addColumn("channel", "varchar(64)", (c) => c.notNull())
        .addColumn("user_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("conversation", "varchar(64)", (c) => c.notNull())
        .addColumn("conversation_ref", "text")
        .addColumn("contact", "varchar(256)")
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
        .addColumn("due_at", "varchar(32)", (c) => c.notNull())
        .addColumn("first_response_at", "varchar(32)")
        .addColumn("resolved_at", "varchar(32)")
        .addColumn("overdue_at", "varchar(32)")
        .execute();
      await db.schema.createIndex("cases_created_at").on("cases").column("created_at").execute();
      await db.schema.createIndex("cases_user_hash").on("cases").columns(["user_hash", "created_at"]).execute();
      await db.schema.createIndex("cases_status_due").on("cases").columns(["status", "due_at"]).execute();
      await db.schema
        .createTable("case_events")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("reference", "varchar(16)", (c) => c.notNull())
        .addColumn("kind", "varchar(16)", (c) => c.notNull())
        .addColumn("actor", "varchar(128)", (c) => c.notNull())
        .addColumn("action", "varchar(32)", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("at", "varchar(32)", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("case_events_reference").on("case_events").columns(["reference", "at"]).execute();
    },
  },
  "2026-12-03-002-feedback-channels": {
    async up(db: Kysely<unknown>): Promise<void> {
      // the channel of each event, for the per-channel breakdown; older rows keep ''
      for (const table of ["questions", "answers", "ratings", "comments", "surveys"]) {
        await db.schema.alterTable(table).addColumn("channel", "varchar(64)", (c) => c.notNull().defaultTo("")).execute();
      }
    },
  },
  "2026-12-03-003-question-confidence": {
    async up(db: Kysely<unknown>): Promise<void> {
      // one name per concept: a survey answer is a score, the matcher's certainty a confidence
      await db.schema.alterTable("questions").renameColumn("score", "confidence").execute();
    },
  },
  "2026-12-07-001-case-event-data": {
    async up(db: Kysely<unknown>): Promise<void> {
      // audit lines as data, worded by the page; older lines keep null and are read from their English text
      await db.schema.alterTable("case_events").addColumn("data", "text").execute();
    },
  },
  "2026-12-07-002-state-keys-pseudonymous": {
    async up(db: Kysely<unknown>): Promise<void> {
      // conversation state is keyed by a pseudonym since (`DatabaseStorage`); the rows keyed by the
      // channel's ids (`msteams/conversations/<id>/`) name who talked and are read no more: a
      // conversation under way at the upgrade loses only the step it was on (a pending comment)
      await sql`delete from conversation_state where key like ${"%/conversations/%"}`.execute(db);
    },
  },
  "2026-12-08-001-case-search-key": {
    async up(db: Kysely<unknown>): Promise<void> {
      // the search compared `lower(text)`, which neither database lowers the Turkish way: every
      // case gets its folded key, written from now on with the case
      await db.schema.alterTable("cases").addColumn("search_key", "text", (c) => c.notNull().defaultTo("")).execute();
      const { rows } = await sql<{ reference: string; text: string }>`select reference, text from cases`.execute(db);
      for (const row of rows) {
        await sql`update cases set search_key = ${caseSearchKey(row.reference, row.text)} where reference = ${row.reference}`.execute(db);
      }
    },
  },
  "2026-12-09-001-case-offer": {
    async up(db: Kysely<unknown>): Promise<void> {
      // one case per offer: a double click, or a turn run again on another instance, opens it once
      await db.schema.alterTable("cases").addColumn("offer_id", "varchar(64)").execute();
      await db.schema.createIndex("cases_offer_id").on("cases").column("offer_id").unique().execute();
    },
  },
  "2026-12-10-001-revoked-sessions": {
    async up(db: Kysely<unknown>): Promise<void> {
      // signing out ends a session on every instance: a copied cookie of it is refused until it would have expired
      await db.schema
        .createTable("revoked_sessions")
        .addColumn("session", "varchar(64)", (c) => c.primaryKey())
        .addColumn("until", "varchar(32)", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("revoked_sessions_until").on("revoked_sessions").column("until").execute();
    },
  },
});
