import { sql, type CompiledQuery, type Insertable, type Kysely, type RawBuilder } from "kysely";
import { randomBytes } from "node:crypto";
import { foldedWords } from "../turkish-case";
import { assertOpen, type Database } from "../storage/database";
import type { Closable } from "../storage/errors";
import type { AnswersTable, CommentsTable, QuestionsTable, RatingsTable, Schema, SurveysTable } from "../storage/schema";
import type { FeedbackEvent } from "./events";
import { MAX_CHANNEL_CHARS, MAX_COMMENT_CHARS } from "./events";
import { isoWeek, offsetPeriods, type OffsetPeriod } from "./time-zone";
import {
  DEFAULT_REPORT_TIME_ZONE,
  percent,
  rangeBounds,
  REPORT_LIST_LIMIT,
  round2,
  type ChannelReport,
  type EntryReport,
  type Report,
  type ReportRange,
  type WeekReport,
} from "./report";

/** Where feedback is kept. Writes are idempotent: the same event written twice is stored once. */
export interface FeedbackStore extends Closable {
  /**
   * Stores events, all or none (one transaction). Throws when the database cannot be reached
   * (the recorder retries). Of two ratings of one answer, the later one counts.
   */
  write(...events: FeedbackEvent[]): Promise<void>;
  /** The satisfaction report for a date range; `questionOf` names entries (null when unknown). */
  report(range: ReportRange, questionOf?: (id: string) => string | null): Promise<Report>;
  /**
   * The secret created once per installation and shared by every instance on the database: the
   * stored one, else `candidate` (a copy kept by an instance, restored into an emptied
   * database), else a new random one.
   */
  installationSecret(candidate?: string): Promise<string>;
  /** What active learning works from: unresolved questions and "did you mean" picks. */
  learning(range: ReportRange): Promise<LearningData>;
}

/**
 * The database refused the events for what they hold (a value it cannot store, a violated
 * constraint), not because it is unreachable: writing them again can never succeed, so the
 * recorder moves the offending event to its dead letters instead of retrying it.
 */
export class FeedbackRejectedError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(`[feedback] the database refused the events: ${message}`, options);
    this.name = "FeedbackRejectedError";
  }
}

/** PostgreSQL SQLSTATE classes caused by the data written: 22 (data exception) and 23 (integrity constraint violation). */
const POSTGRES_CONTENT_ERROR = /^2[23][0-9A-Z]{3}$/;
/** SQLite (better-sqlite3) result codes caused by the data written, not by the disk or a lock. */
const SQLITE_CONTENT_ERROR = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/;

/**
 * Whether a database error is about the content written (so a retry cannot help). Duck-typed,
 * not `instanceof Error`: a native driver's error class may come from another realm.
 */
export function isContentRejection(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error) || typeof error.code !== "string") return false;
  return POSTGRES_CONTENT_ERROR.test(error.code) || SQLITE_CONTENT_ERROR.test(error.code);
}

/** An error's message, whatever realm its class comes from. */
const errorMessage = (error: unknown): string =>
  typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : String(error);

/** Raw material for `kb:recommend`. */
export interface LearningData {
  /** `none` questions, and `ambiguous` ones where the user picked nothing; newest first. */
  readonly unanswered: ReadonlyArray<{ readonly query: string; readonly status: "none" | "ambiguous"; readonly at: string }>;
  /** Questions answered through a "did you mean" choice, with the entry chosen. */
  readonly picks: ReadonlyArray<{ readonly query: string; readonly entryId: string; readonly at: string; readonly user: string }>;
}

/** Most questions `learning` reads of each kind (the newest). */
export const LEARNING_LIMIT = 5_000;

/** Groups the same question typed differently: Turkish lower case, folded, single spaces. */
export function queryKey(query: string): string {
  return foldedWords(query);
}

/** CSAT counts ratings from this one up (4 and 5 of 5) as satisfied. */
const SATISFIED_FROM = 4;
/** 1 for a satisfied rating, else 0, in SQL (summed per entry and per day). */
const SATISFIED = sql<number>`case when rating >= ${sql.lit(SATISFIED_FROM)} then 1 else 0 end`;

/** 1 for a question that got "none" or "did you mean", else 0, in SQL (summed per channel). */
const UNRESOLVED = sql<number>`case when status in ('none', 'ambiguous') then 1 else 0 end`;

/** The channel shown for events recorded before the channel was. */
export const UNKNOWN_CHANNEL = "unknown";

/** Ratings of one calendar day. */
interface DayRow {
  readonly day: string;
  readonly n: number;
  readonly satisfied: number;
}

/** Days summed into ISO weeks, oldest first. */
function weekly(days: readonly DayRow[]): WeekReport[] {
  const weeks = new Map<string, { from: string; n: number; satisfied: number }>();
  for (const day of days) {
    const { week, monday } = isoWeek(day.day);
    const sum = weeks.get(week) ?? { from: monday, n: 0, satisfied: 0 };
    sum.n += day.n;
    sum.satisfied += day.satisfied;
    weeks.set(week, sum);
  }
  return [...weeks].map(([week, w]) => ({ week, from: w.from, responses: w.n, csat: percent(w.satisfied, w.n) }));
}

const SECRET_KEY = "installation_secret";
/** Bytes of randomness in the installation secret. */
const SECRET_BYTES = 32;

const count = (value: string | number | bigint | null | undefined): number => Number(value ?? 0);
const numberOrNull = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

/** An insert of rows into one table, as Kysely builds it. */
interface InsertStatement {
  readonly table: string;
  /** Each row's values in column order (the order of the row's keys, as Kysely lists the columns). */
  readonly rows: ReadonlyArray<readonly unknown[]>;
  /** The insert of every row, one statement. */
  all(db: Kysely<Schema>): { execute(): Promise<unknown> };
  /** The SQL of the insert of one row, to prepare once and run per row. */
  singleRow(db: Kysely<Schema>): string;
}

function insert<R extends object>(
  table: string,
  rows: readonly R[],
  build: (db: Kysely<Schema>, values: R[]) => { execute(): Promise<unknown>; compile(): CompiledQuery },
): InsertStatement {
  return {
    table,
    rows: rows.map((row): unknown[] => Object.values(row)),
    all: (db) => build(db, [...rows]),
    singleRow: (db) => build(db, rows.slice(0, 1)).compile().sql,
  };
}

/** Rows of each table for a batch of events; one row per key (a rating's later click wins, otherwise the first). */
function tableRows(events: readonly FeedbackEvent[]): {
  questions: Array<Insertable<QuestionsTable>>;
  answers: Array<Insertable<AnswersTable>>;
  ratings: Array<Insertable<RatingsTable>>;
  comments: Array<Insertable<CommentsTable>>;
  surveys: Array<Insertable<SurveysTable>>;
} {
  const questions = new Map<string, Insertable<QuestionsTable>>();
  const answers = new Map<string, Insertable<AnswersTable>>();
  const ratings = new Map<string, Insertable<RatingsTable>>();
  const comments = new Map<string, Insertable<CommentsTable>>();
  const surveys = new Map<string, Insertable<SurveysTable>>();
  const first = <T>(rows: Map<string, T>, key: string, row: T): void => {
    if (!rows.has(key)) rows.set(key, row);
  };
  for (const event of events) {
    // every row has every column, in one order: SQLite runs one prepared statement for them all
    const origin = { at: event.at, conversation: event.conversation, user_hash: event.userHash, channel: (event.channel ?? "").slice(0, MAX_CHANNEL_CHARS) };
    switch (event.kind) {
      case "question":
        first(questions, event.id, {
          id: event.id,
          ...origin,
          query: event.query,
          query_key: queryKey(event.query),
          status: event.status,
          entry_id: event.entryId,
          confidence: event.confidence,
        });
        break;
      case "answer":
        first(answers, event.id, { id: event.id, ...origin, entry_id: event.entryId, source: event.source, question_id: event.questionId });
        break;
      case "rating":
        ratings.delete(event.answerId);
        ratings.set(event.answerId, { answer_id: event.answerId, entry_id: event.entryId, rating: event.rating, ...origin });
        break;
      case "comment":
        first(comments, event.id, {
          id: event.id,
          answer_id: event.answerId,
          entry_id: event.entryId,
          rating: event.rating,
          text: event.text.slice(0, MAX_COMMENT_CHARS),
          ...origin,
        });
        break;
      case "nps":
      case "ces": {
        const id = `${event.conversation}:${event.kind}`;
        first(surveys, id, { id, kind: event.kind, score: event.score, ...origin });
        break;
      }
    }
  }
  return {
    questions: [...questions.values()],
    answers: [...answers.values()],
    ratings: [...ratings.values()],
    comments: [...comments.values()],
    surveys: [...surveys.values()],
  };
}

/** The feedback store over SQLite or PostgreSQL through one Kysely query layer. */
export class SqlFeedbackStore implements FeedbackStore {
  /** Table → its single-row insert SQL (SQLite), compiled once. */
  private readonly singleRowSql = new Map<string, string>();

  private closed = false;

  constructor(private readonly database: Database) {}

  /** Stops this store; the database stays open for its other users (its opener closes it). */
  async close(): Promise<void> {
    this.closed = true;
  }

  async write(...events: FeedbackEvent[]): Promise<void> {
    assertOpen("the feedback store", this.closed, this.database);
    try {
      await this.writeRows(events);
    } catch (error) {
      if (isContentRejection(error)) throw new FeedbackRejectedError(errorMessage(error), { cause: error });
      throw error;
    }
  }

  private async writeRows(events: readonly FeedbackEvent[]): Promise<void> {
    const rows = tableRows(events);
    const statements = [
      insert("questions", rows.questions, (db, values) => db.insertInto("questions").values(values).onConflict((oc) => oc.column("id").doNothing())),
      insert("answers", rows.answers, (db, values) => db.insertInto("answers").values(values).onConflict((oc) => oc.column("id").doNothing())),
      // one rating per answer: a repeated click counts once, a changed mind replaces the value
      insert("ratings", rows.ratings, (db, values) =>
        db
          .insertInto("ratings")
          .values(values)
          .onConflict((oc) => oc.column("answer_id").doUpdateSet((eb) => ({ rating: eb.ref("excluded.rating"), at: eb.ref("excluded.at") }))),
      ),
      insert("comments", rows.comments, (db, values) => db.insertInto("comments").values(values).onConflict((oc) => oc.column("id").doNothing())),
      // once per conversation and measure
      insert("surveys", rows.surveys, (db, values) => db.insertInto("surveys").values(values).onConflict((oc) => oc.column("id").doNothing())),
    ].filter((statement) => statement.rows.length > 0);
    if (statements.length === 0) return;
    const { db, sqlite } = this.database;
    if (sqlite) {
      // one prepared single-row statement per table (its SQL compiled once by Kysely), all in one
      // transaction, synchronously: no other query runs in between
      const prepared = statements.map((statement) => {
        let sql = this.singleRowSql.get(statement.table);
        if (sql === undefined) {
          sql = statement.singleRow(db);
          this.singleRowSql.set(statement.table, sql);
        }
        return { statement: sqlite.prepare(sql), rows: statement.rows };
      });
      sqlite.transaction(() => {
        for (const { statement, rows } of prepared) for (const row of rows) statement.run(row);
      });
      return;
    }
    if (statements.length === 1) {
      // one statement is atomic on its own
      await statements[0]?.all(db).execute();
      return;
    }
    await db.transaction().execute(async (trx) => {
      for (const statement of statements) await statement.all(trx).execute();
    });
  }

  async installationSecret(candidate?: string): Promise<string> {
    assertOpen("the feedback store", this.closed, this.database);
    const { db } = this.database;
    await db
      .insertInto("settings")
      .values({ key: SECRET_KEY, value: candidate ?? randomBytes(SECRET_BYTES).toString("base64url") })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const row = await db.selectFrom("settings").select("value").where("key", "=", SECRET_KEY).executeTakeFirstOrThrow();
    return row.value;
  }

  async learning(range: ReportRange): Promise<LearningData> {
    assertOpen("the feedback store", this.closed, this.database);
    const { db } = this.database;
    const { from, to } = rangeBounds(range);
    const lo = from ?? "";
    const hi = to ?? "~";
    const [unanswered, picks] = await Promise.all([
      db
        .selectFrom("questions")
        .select(["query", "status", "at"])
        .where("at", ">=", lo)
        .where("at", "<", hi)
        .where("status", "in", ["none", "ambiguous"])
        .where((eb) => eb.not(eb.exists(eb.selectFrom("answers").select("answers.id").whereRef("answers.question_id", "=", "questions.id"))))
        .orderBy("at", "desc")
        .limit(LEARNING_LIMIT)
        .execute(),
      db
        .selectFrom("answers")
        .innerJoin("questions", "questions.id", "answers.question_id")
        .select(["questions.query as query", "answers.entry_id as entryId", "answers.at as at", "answers.user_hash as user"])
        .where("answers.source", "=", "suggestion")
        .where("answers.at", ">=", lo)
        .where("answers.at", "<", hi)
        .orderBy("answers.at", "desc")
        .limit(LEARNING_LIMIT)
        .execute(),
    ]);
    return {
      unanswered: unanswered.map((row) => ({ query: row.query, status: row.status === "ambiguous" ? "ambiguous" : "none", at: row.at })),
      picks: picks.map((row) => ({ query: row.query, entryId: row.entryId, at: row.at, user: row.user })),
    };
  }

  async report(range: ReportRange, questionOf: (id: string) => string | null = () => null): Promise<Report> {
    assertOpen("the feedback store", this.closed, this.database);
    const { db } = this.database;
    const { from, to } = rangeBounds(range);
    // ISO timestamps start with a digit: "" is below and "~" above every one of them
    const lo = from ?? "";
    const hi = to ?? "~";

    const timeZone = range.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
    const [answersRow, ratingRows, surveyRows, entryAnswers, entryRatings, unanswered, comments, days, channels] = await Promise.all([
      db.selectFrom("answers").where("at", ">=", lo).where("at", "<", hi).select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
      db.selectFrom("ratings").where("at", ">=", lo).where("at", "<", hi).select(["rating", (eb) => eb.fn.countAll().as("n")]).groupBy("rating").execute(),
      db.selectFrom("surveys").where("at", ">=", lo).where("at", "<", hi).select(["kind", "score", (eb) => eb.fn.countAll().as("n")]).groupBy(["kind", "score"]).execute(),
      db.selectFrom("answers").where("at", ">=", lo).where("at", "<", hi).select(["entry_id", (eb) => eb.fn.countAll().as("n")]).groupBy("entry_id").execute(),
      db.selectFrom("ratings").where("at", ">=", lo).where("at", "<", hi)
        .select([
          "entry_id",
          (eb) => eb.fn.countAll().as("n"),
          (eb) => eb.fn.sum<number>(SATISFIED).as("satisfied"),
          (eb) => eb.fn.avg<number>("rating").as("average"),
        ])
        .groupBy("entry_id")
        .execute(),
      db.selectFrom("questions").where("at", ">=", lo).where("at", "<", hi)
        .where("status", "in", ["none", "ambiguous"])
        .select([
          "query_key",
          (eb) => eb.fn.countAll().as("n"),
          (eb) => eb.fn.max("query").as("example"),
          (eb) => eb.fn.max("status").as("status"),
          (eb) => eb.fn.max("at").as("last_at"),
        ])
        .groupBy("query_key")
        .orderBy("n", "desc")
        .orderBy("last_at", "desc")
        .limit(REPORT_LIST_LIMIT)
        .execute(),
      db.selectFrom("comments").where("at", ">=", lo).where("at", "<", hi)
        .select(["at", "entry_id", "rating", "text"])
        .orderBy("at", "desc")
        .limit(REPORT_LIST_LIMIT)
        .execute(),
      this.dailyRatings(lo, hi, timeZone),
      this.channelRows(lo, hi),
    ]);

    const distribution: Record<string, number> = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
    let responses = 0;
    let satisfied = 0;
    let total = 0;
    for (const row of ratingRows) {
      const n = count(row.n);
      distribution[String(row.rating)] = (distribution[String(row.rating)] ?? 0) + n;
      responses += n;
      total += Number(row.rating) * n;
      if (Number(row.rating) >= SATISFIED_FROM) satisfied += n;
    }

    const nps = { responses: 0, promoters: 0, passives: 0, detractors: 0 };
    const ces = { responses: 0, total: 0 };
    for (const row of surveyRows) {
      const n = count(row.n);
      const score = Number(row.score);
      if (row.kind === "nps") {
        nps.responses += n;
        if (score >= 9) nps.promoters += n;
        else if (score >= 7) nps.passives += n;
        else nps.detractors += n;
      } else if (row.kind === "ces") {
        ces.responses += n;
        ces.total += score * n;
      }
    }

    const entries = new Map<string, { answers: number; ratings: number; satisfied: number; average: number | null }>();
    for (const row of entryAnswers) entries.set(row.entry_id, { answers: count(row.n), ratings: 0, satisfied: 0, average: null });
    for (const row of entryRatings) {
      const entry = entries.get(row.entry_id) ?? { answers: 0, ratings: 0, satisfied: 0, average: null };
      entry.ratings = count(row.n);
      entry.satisfied = count(row.satisfied);
      entry.average = numberOrNull(row.average);
      entries.set(row.entry_id, entry);
    }
    const entryReports: EntryReport[] = [...entries].map(([id, e]) => ({
      id,
      question: questionOf(id),
      answers: e.answers,
      ratings: e.ratings,
      csat: percent(e.satisfied, e.ratings),
      average: round2(e.average),
    }));
    entryReports.sort(
      (a, b) =>
        (a.csat ?? Number.POSITIVE_INFINITY) - (b.csat ?? Number.POSITIVE_INFINITY) ||
        (a.average ?? Number.POSITIVE_INFINITY) - (b.average ?? Number.POSITIVE_INFINITY) ||
        b.ratings - a.ratings ||
        b.answers - a.answers ||
        a.id.localeCompare(b.id),
    );

    const answers = count(answersRow?.n);
    return {
      range: { since: range.since ?? null, until: range.until ?? null, timeZone },
      answers,
      csat: { responses, percent: percent(satisfied, responses), average: round2(responses > 0 ? total / responses : null), distribution },
      responseRate: answers > 0 ? Math.round((responses / answers) * 1000) / 1000 : null,
      nps: { ...nps, score: nps.responses > 0 ? Math.round(((nps.promoters - nps.detractors) / nps.responses) * 100) : null },
      ces: { responses: ces.responses, average: round2(ces.responses > 0 ? ces.total / ces.responses : null) },
      entries: entryReports,
      unanswered: unanswered.map((row) => ({
        question: String(row.example ?? row.query_key),
        count: count(row.n),
        status: row.status === "ambiguous" ? "ambiguous" : "none",
        lastAt: String(row.last_at ?? ""),
      })),
      comments: comments.map((row) => ({
        at: row.at,
        entryId: row.entry_id,
        question: questionOf(row.entry_id),
        rating: Number(row.rating),
        text: row.text,
      })),
      trend: days.map((row) => ({ day: row.day, responses: row.n, csat: percent(row.satisfied, row.n) })),
      weeks: weekly(days),
      channels,
    };
  }

  /**
   * Ratings and satisfied ratings per calendar day of the time zone. Each timestamp is shifted by
   * the zone's offset at that instant (one SQL branch per offset period of the ratings' span), so
   * 22:30 UTC counts on the next day in Istanbul.
   */
  private async dailyRatings(lo: string, hi: string, timeZone: string): Promise<DayRow[]> {
    const { db } = this.database;
    const span = await db
      .selectFrom("ratings")
      .where("at", ">=", lo)
      .where("at", "<", hi)
      .select((eb) => [eb.fn.min("at").as("first"), eb.fn.max("at").as("last")])
      .executeTakeFirst();
    if (!span?.first || !span.last) return [];
    const day = this.localDaySql(offsetPeriods(timeZone, span.first, span.last));
    const rows = await db
      .selectFrom(
        db.selectFrom("ratings").where("at", ">=", lo).where("at", "<", hi).select([day.as("day"), SATISFIED.as("ok")]).as("r"),
      )
      .select(["r.day", (eb) => eb.fn.countAll().as("n"), (eb) => eb.fn.sum<number>("r.ok").as("satisfied")])
      .groupBy("r.day")
      .orderBy("r.day")
      .execute();
    return rows.map((row) => ({ day: String(row.day), n: count(row.n), satisfied: count(row.satisfied) }));
  }

  /**
   * The calendar day of `at` in SQL: `at` shifted by the offset of its period. Offsets are whole
   * minutes computed here (`sql.lit` of a number), the period ends are bound parameters.
   */
  private localDaySql(periods: readonly OffsetPeriod[]): RawBuilder<string> {
    const shifted = (minutes: number): RawBuilder<string> =>
      this.database.sqlite
        ? sql<string>`date(at, ${sql.lit(minutes)} || ' minutes')`
        : sql<string>`to_char(cast(at as timestamp) + make_interval(mins => ${sql.lit(minutes)}), 'YYYY-MM-DD')`;
    const last = periods[periods.length - 1];
    if (periods.length === 1 || !last) return shifted(last?.minutes ?? 0);
    const branches = periods.slice(0, -1).map((period) => sql`when at < ${period.until} then ${shifted(period.minutes)}`);
    return sql<string>`(case ${sql.join(branches, sql` `)} else ${shifted(last.minutes)} end)`;
  }

  /** Questions, answers and ratings per channel; `unknown` for rows recorded before channels were. */
  private async channelRows(lo: string, hi: string): Promise<ChannelReport[]> {
    const { db } = this.database;
    const [questions, answers, ratings] = await Promise.all([
      db.selectFrom("questions").where("at", ">=", lo).where("at", "<", hi)
        .select(["channel", (eb) => eb.fn.countAll().as("n"), (eb) => eb.fn.sum<number>(UNRESOLVED).as("unanswered")])
        .groupBy("channel")
        .execute(),
      db.selectFrom("answers").where("at", ">=", lo).where("at", "<", hi).select(["channel", (eb) => eb.fn.countAll().as("n")]).groupBy("channel").execute(),
      db.selectFrom("ratings").where("at", ">=", lo).where("at", "<", hi)
        .select([
          "channel",
          (eb) => eb.fn.countAll().as("n"),
          (eb) => eb.fn.sum<number>(SATISFIED).as("satisfied"),
          (eb) => eb.fn.sum<number>("rating").as("total"),
        ])
        .groupBy("channel")
        .execute(),
    ]);
    const byChannel = new Map<string, { questions: number; unanswered: number; answers: number; ratings: number; satisfied: number; total: number }>();
    const of = (channel: string) => {
      const name = channel === "" ? UNKNOWN_CHANNEL : channel;
      let row = byChannel.get(name);
      if (!row) {
        row = { questions: 0, unanswered: 0, answers: 0, ratings: 0, satisfied: 0, total: 0 };
        byChannel.set(name, row);
      }
      return row;
    };
    for (const row of questions) {
      const c = of(row.channel);
      c.questions += count(row.n);
      c.unanswered += count(row.unanswered);
    }
    for (const row of answers) of(row.channel).answers += count(row.n);
    for (const row of ratings) {
      const c = of(row.channel);
      c.ratings += count(row.n);
      c.satisfied += count(row.satisfied);
      c.total += count(row.total);
    }
    return [...byChannel]
      .map(([channel, c]) => ({
        channel,
        questions: c.questions,
        unanswered: c.unanswered,
        answers: c.answers,
        ratings: c.ratings,
        csat: percent(c.satisfied, c.ratings),
        average: round2(c.ratings > 0 ? c.total / c.ratings : null),
      }))
      .sort((a, b) => b.answers - a.answers || b.questions - a.questions || a.channel.localeCompare(b.channel));
  }
}
