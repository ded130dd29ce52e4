import { createHash } from "node:crypto";
import { ConversationState, TestAdapter, TurnContext } from "botbuilder";
import { REFERENCE_ALPHABET, REFERENCE_LENGTH } from "../../bot/cases/reference";
import { CaseChangeError, CaseConflictError, CaseNotFoundError, ReferenceExhaustedError, SqlCaseStore, type CaseStore } from "../../bot/cases/store";
import type { CaseFilter, NewCase } from "../../bot/cases/types";
import type { FeedbackEvent } from "../../bot/feedback/events";
import { SqlFeedbackStore, type FeedbackStore } from "../../bot/feedback/store";
import { DatabaseStorage } from "../../bot/conversation/state-storage";
import type { Database } from "../../bot/storage/database";
import { StoreClosedError } from "../../bot/storage/errors";
import { ABSENT, SqlStateStore, StateConflictError, type StateStore } from "../../bot/storage/state-store";
import { SqlSessionRevocations, type SessionRevocations } from "../../bot/web/session-revocations";

/** How a contract run gets a fresh, empty, migrated database and disposes of it. */
export interface StoreFactory {
  open(): Promise<Database>;
  dispose(database: Database): Promise<void>;
}

const origin = (n: number) => ({ conversation: `conv-${n}`, userHash: `user-${n}` });
const at = (day: number, hour = 12): string => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

/**
 * One contract for every store implementation: the same expectations run against SQLite and
 * PostgreSQL (and any future driver).
 */
export function storeContract(name: string, factory: StoreFactory): void {
  describe(`${name}: feedback store contract`, () => {
    let database: Database;
    let store: FeedbackStore;
    beforeEach(async () => {
      database = await factory.open();
      store = new SqlFeedbackStore(database);
    });
    afterEach(async () => {
      await factory.dispose(database);
    });

    const answer = (id: string, entryId: string, day = 20, n = 1): FeedbackEvent => ({
      kind: "answer", id, at: at(day), ...origin(n), entryId, source: "match", questionId: null,
    });
    const rating = (answerId: string, entryId: string, value: number, day = 20, n = 1): FeedbackEvent => ({
      kind: "rating", answerId, entryId, rating: value, at: at(day), ...origin(n),
    });

    it("reports nothing on an empty database", async () => {
      const report = await store.report({});
      expect(report.answers).toBe(0);
      expect(report.csat).toEqual({ responses: 0, percent: null, average: null, distribution: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 } });
      expect(report.responseRate).toBeNull();
      expect(report.nps).toEqual({ responses: 0, score: null, promoters: 0, passives: 0, detractors: 0 });
      expect(report.ces).toEqual({ responses: 0, average: null });
      expect(report.entries).toEqual([]);
      expect(report.unanswered).toEqual([]);
      expect(report.comments).toEqual([]);
    });

    it("computes CSAT, response rate and per-entry satisfaction, worst first", async () => {
      for (const [i, entry, value] of [[1, "crm", 5], [2, "crm", 4], [3, "nps", 1], [4, "nps", 4], [5, "ces", 3]] as const) {
        await store.write(answer(`a${i}`, entry));
        await store.write(rating(`a${i}`, entry, value));
      }
      await store.write(answer("a6", "iso"));
      const report = await store.report({}, (id) => (id === "crm" ? "CRM nedir?" : null));
      expect(report.answers).toBe(6);
      expect(report.csat.responses).toBe(5);
      expect(report.csat.distribution).toEqual({ "1": 1, "2": 0, "3": 1, "4": 2, "5": 1 });
      expect(report.csat.percent).toBe(60);
      expect(report.csat.average).toBe(3.4);
      expect(report.responseRate).toBeCloseTo(5 / 6, 3);
      expect(report.entries.map((e) => [e.id, e.csat])).toEqual([["ces", 0], ["nps", 50], ["crm", 100], ["iso", null]]);
      expect(report.entries.find((e) => e.id === "crm")).toEqual({ id: "crm", question: "CRM nedir?", answers: 2, ratings: 2, csat: 100, average: 4.5 });
    });

    it("stores an event written twice once (retries are safe)", async () => {
      const event: FeedbackEvent = { kind: "question", id: "q1", at: at(20), ...origin(1), query: "crm nedir", status: "answered", entryId: "crm", confidence: 0.9 };
      await store.write(event);
      await store.write(event);
      await store.write(answer("a1", "crm"));
      await store.write(answer("a1", "crm"));
      const comment: FeedbackEvent = { kind: "comment", id: "c1", answerId: "a1", entryId: "crm", rating: 2, text: "eksik", at: at(20), ...origin(1) };
      await store.write(comment);
      await store.write(comment);
      const report = await store.report({});
      expect(report.answers).toBe(1);
      expect(report.comments).toHaveLength(1);
    });

    it("keeps one rating per answer: a repeated click counts once, a changed mind replaces it", async () => {
      await store.write(answer("a1", "crm"));
      await store.write(rating("a1", "crm", 2));
      await store.write(rating("a1", "crm", 2));
      expect((await store.report({})).csat.distribution).toEqual({ "1": 0, "2": 1, "3": 0, "4": 0, "5": 0 });
      await store.write(rating("a1", "crm", 5));
      const report = await store.report({});
      expect(report.csat.responses).toBe(1);
      expect(report.csat.distribution["5"]).toBe(1);
    });

    it("writes a batch of every kind at once, duplicates once and the later of two ratings of one answer", async () => {
      const question: FeedbackEvent = { kind: "question", id: "q1", at: at(20), ...origin(1), query: "crm nedir", status: "answered", entryId: "crm", confidence: 0.9 };
      const comment: FeedbackEvent = { kind: "comment", id: "c1", answerId: "a1", entryId: "crm", rating: 2, text: "eksik", at: at(20), ...origin(1) };
      await store.write(
        question,
        answer("a1", "crm"),
        rating("a1", "crm", 2),
        comment,
        { kind: "nps", score: 9, at: at(20), ...origin(1) },
        question,
        answer("a1", "crm"),
        rating("a1", "crm", 4),
        answer("a2", "nps"),
        comment,
        { kind: "nps", score: 3, at: at(20), ...origin(1) },
      );
      const report = await store.report({});
      expect(report.answers).toBe(2);
      expect(report.csat.responses).toBe(1);
      expect(report.csat.distribution["4"]).toBe(1);
      expect(report.comments).toHaveLength(1);
      expect(report.nps).toMatchObject({ responses: 1, promoters: 1 });
      // the batch again (a retry after a write that did land): nothing doubles
      await store.write(question, answer("a1", "crm"), rating("a1", "crm", 4), comment);
      const again = await store.report({});
      expect([again.answers, again.csat.responses, again.comments.length]).toEqual([2, 1, 1]);
      expect(await store.write()).toBeUndefined();
    });

    it("computes NPS and CES, one answer per conversation and measure", async () => {
      const scores = [10, 9, 8, 7, 6, 0];
      for (const [i, score] of scores.entries()) await store.write({ kind: "nps", score, at: at(20), ...origin(i) });
      await store.write({ kind: "nps", score: 0, at: at(20), ...origin(0) });
      await store.write({ kind: "ces", score: 7, at: at(20), ...origin(1) });
      await store.write({ kind: "ces", score: 4, at: at(20), ...origin(2) });
      const report = await store.report({});
      expect(report.nps).toEqual({ responses: 6, promoters: 2, passives: 2, detractors: 2, score: 0 });
      expect(report.ces).toEqual({ responses: 2, average: 5.5 });
    });

    it("groups unanswered questions typed differently, most frequent first", async () => {
      const questions: Array<[string, "none" | "ambiguous" | "answered"]> = [
        ["Kargom nerede?", "none"],
        ["kargom nerede", "none"],
        ["KARGOM NEREDE", "none"],
        ["sadakatin önemi", "ambiguous"],
        ["crm nedir", "answered"],
      ];
      for (const [i, [query, status]] of questions.entries()) {
        await store.write({ kind: "question", id: `q${i}`, at: at(20, i), ...origin(1), query, status, entryId: null, confidence: 0.1 });
      }
      const report = await store.report({});
      expect(report.unanswered.map((u) => [u.count, u.status])).toEqual([[3, "none"], [1, "ambiguous"]]);
      expect(report.unanswered[0]?.question.toLocaleLowerCase("tr")).toContain("kargom nerede");
    });

    it("lists the latest comments with their entry and rating, newest first", async () => {
      await store.write({ kind: "comment", id: "c1", answerId: "a1", entryId: "crm", rating: 1, text: "Örnek yoktu.", at: at(20), ...origin(1) });
      await store.write({ kind: "comment", id: "c2", answerId: "a2", entryId: "nps", rating: 2, text: "Çok uzun 😕", at: at(21), ...origin(1) });
      const report = await store.report({}, (id) => `${id}?`);
      expect(report.comments).toEqual([
        { at: at(21), entryId: "nps", question: "nps?", rating: 2, text: "Çok uzun 😕" },
        { at: at(20), entryId: "crm", question: "crm?", rating: 1, text: "Örnek yoktu." },
      ]);
    });

    it("filters by an inclusive date range and reports a daily trend", async () => {
      for (const day of [18, 19, 20, 21]) {
        await store.write(answer(`a${day}`, "crm", day));
        await store.write(rating(`a${day}`, "crm", day % 2 === 0 ? 5 : 1, day));
      }
      const report = await store.report({ since: "2026-11-19", until: "2026-11-20" });
      expect(report.answers).toBe(2);
      expect(report.csat.responses).toBe(2);
      expect(report.range).toEqual({ since: "2026-11-19", until: "2026-11-20", timeZone: "UTC" });
      expect(report.trend).toEqual([
        { day: "2026-11-19", responses: 1, csat: 0 },
        { day: "2026-11-20", responses: 1, csat: 100 },
      ]);
      await expect(store.report({ since: "20-11-2026" })).rejects.toThrow(/\[report\] --since must be a date/);
      await expect(store.report({ since: "2026-11-21", until: "2026-11-19" })).rejects.toThrow(/\[report\]/);
    });

    it("counts report days and weeks as calendar days of the report's time zone (22:30 UTC is the next day in Istanbul)", async () => {
      const events: Array<[string, number]> = [
        ["2026-11-29T20:59:00.000Z", 5], // Sunday 23:59 in Istanbul: week 48
        ["2026-11-29T21:00:00.000Z", 1], // Monday 00:00 in Istanbul: week 49 (still Sunday in UTC)
        ["2026-11-30T22:30:00.000Z", 5], // Tuesday 01:30 in Istanbul
        ["2026-12-01T10:00:00.000Z", 4],
      ];
      for (const [i, [time, value]] of events.entries()) {
        await store.write({ kind: "answer", id: `a${i}`, at: time, ...origin(i), entryId: "crm", source: "match", questionId: null });
        await store.write({ kind: "rating", answerId: `a${i}`, entryId: "crm", rating: value, at: time, ...origin(i) });
      }
      const istanbul = await store.report({ timeZone: "Europe/Istanbul" });
      expect(istanbul.range.timeZone).toBe("Europe/Istanbul");
      expect(istanbul.trend).toEqual([
        { day: "2026-11-29", responses: 1, csat: 100 },
        { day: "2026-11-30", responses: 1, csat: 0 },
        { day: "2026-12-01", responses: 2, csat: 100 },
      ]);
      expect(istanbul.weeks).toEqual([
        { week: "2026-W48", from: "2026-11-23", responses: 1, csat: 100 },
        { week: "2026-W49", from: "2026-11-30", responses: 3, csat: 66.7 },
      ]);
      // the same events by UTC day
      expect((await store.report({})).trend.map((t) => [t.day, t.responses])).toEqual([["2026-11-29", 2], ["2026-11-30", 1], ["2026-12-01", 1]]);
      // a range of Istanbul days: from its midnight (21:00 UTC the day before) to the end of its last day
      const monday = await store.report({ since: "2026-11-30", until: "2026-11-30", timeZone: "Europe/Istanbul" });
      expect([monday.answers, monday.csat.responses, monday.csat.distribution["1"]]).toEqual([1, 1, 1]);
      const tuesday = await store.report({ since: "2026-12-01", until: "2026-12-01", timeZone: "Europe/Istanbul" });
      expect(tuesday.answers).toBe(2);
      expect(tuesday.trend).toEqual([{ day: "2026-12-01", responses: 2, csat: 100 }]);
    });

    it("follows a daylight-saving change inside the range (New York, 1 November 2026)", async () => {
      // 03:30 UTC: 23:30 on 31 October (EDT, −4) before the change; 04:30 UTC on 2 November: 23:30 on 1 November (EST, −5)
      for (const [i, time] of ["2026-11-01T03:30:00.000Z", "2026-11-02T04:30:00.000Z"].entries()) {
        await store.write({ kind: "rating", answerId: `a${i}`, entryId: "crm", rating: 5, at: time, ...origin(i) });
      }
      const report = await store.report({ timeZone: "America/New_York" });
      expect(report.trend.map((t) => t.day)).toEqual(["2026-10-31", "2026-11-01"]);
    });

    it("breaks the figures down by channel; events recorded without one count as 'unknown'", async () => {
      const via = (channel: string | undefined, n: number) => ({ ...origin(n), ...(channel === undefined ? {} : { channel }) });
      const plan: Array<[string | undefined, string, "answered" | "none", number | null]> = [
        ["webchat", "q1", "answered", 5],
        ["webchat", "q2", "answered", 2],
        ["webchat", "q3", "none", null],
        ["msteams", "q4", "answered", 4],
        [undefined, "q5", "answered", null],
      ];
      for (const [i, [channel, id, status, value]] of plan.entries()) {
        await store.write({ kind: "question", id, at: at(20), ...via(channel, i), query: `soru ${i}`, status, entryId: null, confidence: 0.5 });
        if (status === "answered") await store.write({ kind: "answer", id: `a-${id}`, at: at(20), ...via(channel, i), entryId: "crm", source: "match", questionId: id });
        if (value !== null) await store.write({ kind: "rating", answerId: `a-${id}`, entryId: "crm", rating: value, at: at(20), ...via(channel, i) });
      }
      expect((await store.report({})).channels).toEqual([
        { channel: "webchat", questions: 3, unanswered: 1, answers: 2, ratings: 2, csat: 50, average: 3.5 },
        { channel: "msteams", questions: 1, unanswered: 0, answers: 1, ratings: 1, csat: 100, average: 4 },
        { channel: "unknown", questions: 1, unanswered: 0, answers: 1, ratings: 0, csat: null, average: null },
      ]);
    });

    it("gives active learning the unresolved questions and the 'did you mean' picks", async () => {
      const question = (id: string, query: string, status: "none" | "ambiguous" | "answered", hour: number): FeedbackEvent => ({
        kind: "question", id, at: at(20, hour), ...origin(1), query, status, entryId: null, confidence: 0.3,
      });
      await store.write(question("q1", "kargom nerede", "none", 1));
      await store.write(question("q2", "sadakatin önemi", "ambiguous", 2));
      await store.write(question("q3", "sadakat neden önemli", "ambiguous", 3));
      await store.write(question("q4", "crm nedir", "answered", 4));
      await store.write({ kind: "answer", id: "a2", at: at(20, 2), ...origin(1), entryId: "memnuniyetin-onemi", source: "suggestion", questionId: "q2" });
      await store.write({ kind: "answer", id: "a4", at: at(20, 4), ...origin(1), entryId: "crm", source: "match", questionId: "q4" });
      const data = await store.learning({});
      expect(data.unanswered.map((u) => [u.query, u.status])).toEqual([["sadakat neden önemli", "ambiguous"], ["kargom nerede", "none"]]);
      expect(data.picks).toEqual([{ query: "sadakatin önemi", entryId: "memnuniyetin-onemi", at: at(20, 2), user: origin(1).userHash }]);
      expect((await store.learning({ since: "2026-11-21" })).unanswered).toEqual([]);
    });

    it("closes: twice is safe, and any use afterwards fails with StoreClosedError", async () => {
      await store.write(answer("a1", "crm"));
      await store.close();
      await store.close();
      await expect(store.write(answer("a2", "crm"))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(store.report({})).rejects.toBeInstanceOf(StoreClosedError);
      await expect(store.learning({})).rejects.toBeInstanceOf(StoreClosedError);
      await expect(store.installationSecret()).rejects.toBeInstanceOf(StoreClosedError);
      // the database stays open for its other users
      expect((await new SqlFeedbackStore(database).report({})).answers).toBe(1);
    });

    it("fails with StoreClosedError once its database is closed; closing the database twice is safe", async () => {
      await database.close();
      await database.close();
      expect(database.closed).toBe(true);
      await expect(store.write(answer("a1", "crm"))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(store.report({})).rejects.toBeInstanceOf(StoreClosedError);
      await expect(new SqlStateStore(database).read(["k"])).rejects.toBeInstanceOf(StoreClosedError);
    });

    it("creates the installation secret once and returns the same one afterwards", async () => {
      const first = await store.installationSecret();
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(await new SqlFeedbackStore(database).installationSecret()).toBe(first);
    });
  });

  caseStoreContract(name, factory);

  stateStoreContract(name, async () => {
    const database = await factory.open();
    return { store: new SqlStateStore(database), sibling: () => new SqlStateStore(database), dispose: () => factory.dispose(database) };
  });

  sessionRevocationsContract(name, async (now) => {
    const database = await factory.open();
    return { store: new SqlSessionRevocations(database, now), sibling: () => new SqlSessionRevocations(database, now), dispose: () => factory.dispose(database) };
  });
}

/** Session revocations under test (on the clock given), another handle on the same data (another instance), and how to dispose of both. */
export interface SessionRevocationsHandle {
  store: SessionRevocations;
  sibling: () => SessionRevocations;
  dispose: () => Promise<void>;
}

/** The contract of every `SessionRevocations` (SQL on each database, through the connection, memory). */
export function sessionRevocationsContract(name: string, open: (now: () => Date) => Promise<SessionRevocationsHandle>): void {
  describe(`${name}: session revocations contract`, () => {
    let now = Date.parse("2026-12-10T08:00:00Z");
    let handle: SessionRevocationsHandle;
    let revocations: SessionRevocations;
    const inHours = (hours: number): string => new Date(now + hours * 3600_000).toISOString();
    beforeEach(async () => {
      now = Date.parse("2026-12-10T08:00:00Z");
      handle = await open(() => new Date(now));
      revocations = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    it("knows only the sessions it was told to end, and tells every handle on its data", async () => {
      expect(await revocations.isRevoked("session-a")).toBe(false);
      await revocations.revoke("session-a", inHours(8));
      expect(await revocations.isRevoked("session-a")).toBe(true);
      expect(await handle.sibling().isRevoked("session-a")).toBe(true);
      expect(await revocations.isRevoked("session-b")).toBe(false);
      expect(await revocations.isRevoked("")).toBe(false);
    });

    it("ends a session again without error and without changing its end", async () => {
      await revocations.revoke("session-a", inHours(2));
      await revocations.revoke("session-a", inHours(2));
      await handle.sibling().revoke("session-a", inHours(2));
      expect(await revocations.isRevoked("session-a")).toBe(true);
      now += 2 * 3600_000;
      expect(await revocations.isRevoked("session-a")).toBe(false);
    });

    it("forgets a session once the end it was given has passed, and a session ended after that is known again", async () => {
      await revocations.revoke("session-a", inHours(1));
      await revocations.revoke("session-b", inHours(8));
      now += 3600_000 - 1;
      expect(await revocations.isRevoked("session-a")).toBe(true);
      now += 1;
      expect(await revocations.isRevoked("session-a")).toBe(false);
      expect(await revocations.isRevoked("session-b")).toBe(true);
      // ending another session clears the records past their end, never a live one
      await revocations.revoke("session-c", inHours(8));
      expect(await revocations.isRevoked("session-b")).toBe(true);
      await revocations.revoke("session-a", inHours(8));
      expect(await revocations.isRevoked("session-a")).toBe(true);
    });

    it("closes: twice is safe, and any use afterwards fails with StoreClosedError", async () => {
      await revocations.revoke("session-a", inHours(8));
      await revocations.close();
      await revocations.close();
      await expect(revocations.isRevoked("session-a")).rejects.toBeInstanceOf(StoreClosedError);
      await expect(revocations.revoke("session-b", inHours(8))).rejects.toBeInstanceOf(StoreClosedError);
    });
  });
}

/** A state store under test, another handle on the same data, and how to dispose of both. */
export interface StateStoreHandle {
  store: StateStore;
  sibling: () => StateStore;
  dispose: () => Promise<void>;
}

/** The conversation state contract, for every `StateStore` (SQL on each database, memory). */
export function stateStoreContract(name: string, open: () => Promise<StateStoreHandle>): void {
  describe(`${name}: state store contract`, () => {
    let handle: StateStoreHandle;
    let state: StateStore;
    beforeEach(async () => {
      handle = await open();
      state = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    it("reads nothing for unknown keys and round-trips JSON values", async () => {
      expect((await state.read(["nope"])).size).toBe(0);
      const etag = await state.write("k1", { step: "nps", rated: [["a", 4]], text: "Şükran" });
      const found = await state.read(["k1", "nope"]);
      expect(found.get("k1")).toEqual({ value: { step: "nps", rated: [["a", 4]], text: "Şükran" }, etag });
      expect(found.has("nope")).toBe(false);
    });

    it("refuses a write carrying a stale etag, accepts the current one and '*'", async () => {
      const first = await state.write("k1", { n: 1 });
      const second = await state.write("k1", { n: 2 }, first);
      expect(second).not.toBe(first);
      await expect(state.write("k1", { n: 3 }, first)).rejects.toBeInstanceOf(StateConflictError);
      await state.write("k1", { n: 4 }, "*");
      expect((await state.read(["k1"])).get("k1")?.value).toEqual({ n: 4 });
      // a new key with an etag from elsewhere is simply created
      await state.write("k2", { n: 1 }, "some-old-etag");
      expect((await state.read(["k2"])).get("k2")?.value).toEqual({ n: 1 });
    });

    it("creates a key with ABSENT (the version of a key read as missing) but never replaces one stored since", async () => {
      const etag = await state.write("k1", { n: 1 }, ABSENT);
      expect((await state.read(["k1"])).get("k1")).toEqual({ value: { n: 1 }, etag });
      await expect(state.write("k1", { n: 2 }, ABSENT)).rejects.toBeInstanceOf(StateConflictError);
      await expect(handle.sibling().write("k1", { n: 2 }, ABSENT)).rejects.toBeInstanceOf(StateConflictError);
      expect((await state.read(["k1"])).get("k1")?.value).toEqual({ n: 1 });
    });

    it("closes: twice is safe, and any use afterwards fails with StoreClosedError", async () => {
      await state.write("k1", { n: 1 });
      await state.close();
      await state.close();
      await expect(state.read(["k1"])).rejects.toBeInstanceOf(StoreClosedError);
      await expect(state.write("k1", { n: 2 })).rejects.toBeInstanceOf(StoreClosedError);
      await expect(state.delete(["k1"])).rejects.toBeInstanceOf(StoreClosedError);
    });

    it("deletes keys", async () => {
      await state.write("k1", { n: 1 });
      await state.write("k2", { n: 2 });
      await state.delete(["k1", "missing"]);
      expect([...(await state.read(["k1", "k2"])).keys()]).toEqual(["k2"]);
    });

    it("backs botbuilder's ConversationState across separate storage instances", async () => {
      const pseudonym = (key: string): string => `p:${createHash("sha256").update(key).digest("hex")}`;
      const conversationState = new ConversationState(new DatabaseStorage(state, pseudonym));
      const accessor = conversationState.createProperty<{ count: number }>("memnun");
      const activity = {
        type: "message",
        channelId: "test",
        conversation: { id: "c1", name: "", isGroup: false, conversationType: "personal" },
        from: { id: "u1", name: "Kullanıcı" },
        recipient: { id: "b", name: "Memnun" },
      };
      const turn = async (cs: ConversationState, acc: typeof accessor): Promise<number> => {
        const context = new TurnContext(new TestAdapter(), activity);
        const value = await acc.get(context, { count: 0 });
        value.count += 1;
        await cs.saveChanges(context);
        return value.count;
      };
      expect(await turn(conversationState, accessor)).toBe(1);
      const other = new ConversationState(new DatabaseStorage(handle.sibling(), pseudonym));
      expect(await turn(other, other.createProperty<{ count: number }>("memnun"))).toBe(2);
      // the store holds the state under its pseudonym only, never the channel's conversation id
      expect([...(await state.read([pseudonym("test/conversations/c1/")])).keys()]).toEqual([pseudonym("test/conversations/c1/")]);
      expect((await state.read(["test/conversations/c1/"])).size).toBe(0);
    });

    it("refuses the later of two turns that read the same version (botbuilder's '*' notwithstanding), also of a new conversation; a turn may save twice", async () => {
      const pseudonym = (key: string): string => `p:${createHash("sha256").update(key).digest("hex")}`;
      const instances = [state, handle.sibling()].map((store) => {
        const conversationState = new ConversationState(new DatabaseStorage(store, pseudonym));
        return { conversationState, accessor: conversationState.createProperty<{ clicks: string[] }>("memnun") };
      });
      const activity = {
        type: "message",
        channelId: "test",
        conversation: { id: "c2", name: "", isGroup: false, conversationType: "personal" },
        from: { id: "u1", name: "Kullanıcı" },
        recipient: { id: "b", name: "Memnun" },
      };
      /** Two turns on the two instances that both read before either saves; each adds its click. */
      const together = async (clicks: [string, string]): Promise<Array<PromiseSettledResult<void>>> => {
        const turns = await Promise.all(
          instances.map(async ({ conversationState, accessor }, i) => {
            const context = new TurnContext(new TestAdapter(), activity);
            const flow = await accessor.get(context, { clicks: [] });
            flow.clicks = [...flow.clicks, clicks[i] ?? ""];
            return { context, conversationState };
          }),
        );
        const saved: Array<PromiseSettledResult<void>> = [];
        for (const { context, conversationState } of turns) saved.push(...(await Promise.allSettled([conversationState.saveChanges(context)])));
        return saved;
      };
      const stored = async (): Promise<unknown> => (await state.read([pseudonym("test/conversations/c2/")])).get(pseudonym("test/conversations/c2/"))?.value;

      // the first turn of a conversation: both read nothing, only the first creates it
      const [first, second] = await together(["a1", "b1"]);
      expect(first?.status).toBe("fulfilled");
      expect(second).toMatchObject({ status: "rejected", reason: expect.any(StateConflictError) });
      expect(await stored()).toEqual({ memnun: { clicks: ["a1"] } });
      // later turns: both read the stored version, the second write is refused
      const [third, fourth] = await together(["a2", "b2"]);
      expect(third?.status).toBe("fulfilled");
      expect(fourth).toMatchObject({ status: "rejected", reason: expect.any(StateConflictError) });
      expect(await stored()).toEqual({ memnun: { clicks: ["a1", "a2"] } });

      const { conversationState, accessor } = instances[0] ?? { conversationState: undefined, accessor: undefined };
      if (!conversationState || !accessor) throw new Error("no instance");
      const context = new TurnContext(new TestAdapter(), activity);
      (await accessor.get(context, { clicks: [] })).clicks.push("a3");
      await conversationState.saveChanges(context);
      (await accessor.get(context, { clicks: [] })).clicks.push("a4");
      await conversationState.saveChanges(context);
      expect(await stored()).toEqual({ memnun: { clicks: ["a1", "a2", "a3", "a4"] } });
    });
  });
}

/** A case as the bot opens it, on day `day` of November 2026. */
export const newCase = (n: number, overrides: Partial<NewCase> = {}): NewCase => ({
  text: `Şikayet ${n}: cevap işime yaramadı`,
  source: "rating",
  answerId: `a${n}`,
  entryId: "crm",
  rating: 1,
  score: null,
  channel: "webchat",
  userHash: `user-${n}`,
  conversation: `conv-${n}`,
  conversationRef: JSON.stringify({ conversation: { id: `c${n}` } }),
  createdAt: at(20, 10),
  dueAt: at(22, 10),
  ...overrides,
});

/** The case store contract, for every `CaseStore` over a database. */
export function caseStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name}: case store contract`, () => {
    let database: Database;
    let cases: CaseStore;
    beforeEach(async () => {
      database = await factory.open();
      cases = new SqlCaseStore(database);
    });
    afterEach(async () => {
      await factory.dispose(database);
    });

    it("opens a case under a fresh reference with an audit line, and reads it back", async () => {
      const created = await cases.create(newCase(1));
      expect(created.reference).toMatch(new RegExp(`^MMN-[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`));
      expect(created).toMatchObject({ status: "open", text: "Şikayet 1: cevap işime yaramadı", answerId: "a1", entryId: "crm", rating: 1, contact: null, firstResponseAt: null });
      expect(created.audit).toEqual([{ actor: "customer", action: "created", source: "rating", channel: "webchat", detail: "rating via webchat", at: at(20, 10) }]);
      expect(await cases.get(created.reference)).toEqual(created);
      expect(await cases.get("MMN-XXXXXX")).toBeNull();
      const other = await cases.create(newCase(2));
      expect(other.reference).not.toBe(created.reference);
    });

    it("draws again when a reference is taken, and gives up with a typed error when none is free", async () => {
      const symbols = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
      let i = 0;
      const poor = new SqlCaseStore(database, () => symbols[i++ % symbols.length] ?? 0);
      const first = await poor.create(newCase(1));
      const second = await poor.create(newCase(2));
      expect(first.reference).toBe(`MMN-${REFERENCE_ALPHABET[0]?.repeat(REFERENCE_LENGTH)}`);
      expect(second.reference).toBe(`MMN-${REFERENCE_ALPHABET[1]?.repeat(REFERENCE_LENGTH)}`);
      const stuck = new SqlCaseStore(database, () => 0);
      await expect(stuck.create(newCase(3))).rejects.toBeInstanceOf(ReferenceExhaustedError);
    });

    it("opens one case per offer: a second call, also at the same time from another store, returns the first case without a second audit line", async () => {
      const [one, two] = await Promise.all([cases.createOnce("offer-1", newCase(1)), new SqlCaseStore(database).createOnce("offer-1", newCase(1, { text: "ikinci tık" }))]);
      expect([one?.created, two?.created].sort()).toEqual([false, true]);
      expect(two?.case.reference).toBe(one?.case.reference);
      const again = await cases.createOnce("offer-1", newCase(1));
      expect(again).toEqual({ case: expect.objectContaining({ reference: one?.case.reference }), created: false });
      expect(again.case.audit.filter((line) => line.action === "created")).toHaveLength(1);
      const other = await cases.createOnce("offer-2", newCase(1));
      expect(other.created).toBe(true);
      expect(other.case.reference).not.toBe(one?.case.reference);
      expect((await cases.list({ now: at(21) })).map((c) => c.reference).sort()).toEqual([one?.case.reference, other.case.reference].sort());
    });

    it("finds a customer's latest case by pseudonym", async () => {
      await cases.create(newCase(1, { createdAt: at(20, 9) }));
      const later = await cases.create(newCase(1, { createdAt: at(21, 9) }));
      await cases.create(newCase(2));
      expect((await cases.latestOf("user-1"))?.reference).toBe(later.reference);
      expect(await cases.latestOf("user-9")).toBeNull();
    });

    it("stores consented contact details, auditing the kind but not the value", async () => {
      const created = await cases.create(newCase(1));
      const updated = await cases.setContact(created.reference, "ayse@example.com", at(20, 11));
      expect(updated.contact).toBe("ayse@example.com");
      expect(updated.audit.at(-1)).toEqual({ actor: "customer", action: "contact", contact: "e-mail", detail: "e-mail", at: at(20, 11) });
      expect(JSON.stringify(updated.audit)).not.toContain("ayse@example.com");
      await expect(cases.setContact("MMN-XXXXXX", "x@y.z", at(20, 11))).rejects.toBeInstanceOf(CaseNotFoundError);
    });

    it("changes status with public and internal notes, audited with the operator's name", async () => {
      const { reference } = await cases.create(newCase(1));
      const first = await cases.update(reference, { status: "in_progress", publicNote: "İnceliyoruz.", internalNote: "CRM ekibine sor" }, "Ayşe", at(20, 12));
      expect(first.status).toBe("in_progress");
      expect(first.firstResponseAt).toBe(at(20, 12));
      expect(first.notes).toEqual([
        { kind: "public", text: "İnceliyoruz.", author: "Ayşe", at: at(20, 12) },
        { kind: "internal", text: "CRM ekibine sor", author: "Ayşe", at: at(20, 12) },
      ]);
      expect(first.audit.slice(1).map((a) => [a.actor, a.action, a.detail])).toEqual([
        ["Ayşe", "status", "open → in_progress"],
        ["Ayşe", "public-note", "İnceliyoruz."],
        ["Ayşe", "internal-note", "CRM ekibine sor"],
      ]);
      // as data too, for the page to word in its language
      expect(first.audit.slice(1)).toEqual([
        { actor: "Ayşe", action: "status", from: "open", to: "in_progress", detail: "open → in_progress", at: at(20, 12) },
        { actor: "Ayşe", action: "public-note", note: "İnceliyoruz.", detail: "İnceliyoruz.", at: at(20, 12) },
        { actor: "Ayşe", action: "internal-note", note: "CRM ekibine sor", detail: "CRM ekibine sor", at: at(20, 12) },
      ]);
      const resolved = await cases.update(reference, { status: "resolved", publicNote: "Cevap güncellendi." }, "Mehmet", at(21, 12));
      expect(resolved).toMatchObject({ status: "resolved", firstResponseAt: at(20, 12), resolvedAt: at(21, 12), updatedAt: at(21, 12) });
      expect(resolved.notes.filter((n) => n.kind === "public").at(-1)?.text).toBe("Cevap güncellendi.");
      await expect(cases.update(reference, { status: "resolved" }, "Mehmet", at(21, 13))).rejects.toBeInstanceOf(CaseChangeError);
      await expect(cases.update(reference, {}, "Mehmet", at(21, 13))).rejects.toBeInstanceOf(CaseChangeError);
      await expect(cases.update("MMN-XXXXXX", { status: "closed" }, "Mehmet", at(21, 13))).rejects.toBeInstanceOf(CaseNotFoundError);
      const reopened = await cases.update(reference, { status: "open" }, "Mehmet", at(22, 9));
      expect(reopened.resolvedAt).toBeNull();
    });

    it("refuses a change made over a state the operator did not see (another operator's change since)", async () => {
      const opened = await cases.create(newCase(1));
      const resolved = await cases.update(opened.reference, { status: "resolved", publicNote: "İade edildi.", expectedUpdatedAt: opened.updatedAt }, "Mehmet", at(20, 12));
      // Ayşe's page still shows the case as opened
      await expect(cases.update(opened.reference, { status: "in_progress", publicNote: "İnceliyoruz.", expectedUpdatedAt: opened.updatedAt }, "Ayşe", at(20, 13))).rejects.toBeInstanceOf(CaseConflictError);
      // also when she would set what Mehmet set: she is told, not told "nothing to change"
      await expect(cases.update(opened.reference, { status: "resolved", expectedUpdatedAt: opened.updatedAt }, "Ayşe", at(20, 13))).rejects.toBeInstanceOf(CaseConflictError);
      expect(await cases.get(opened.reference)).toEqual(resolved);
      const noted = await cases.update(opened.reference, { internalNote: "Ayşe gördü", expectedUpdatedAt: resolved.updatedAt }, "Ayşe", at(20, 14));
      expect(noted).toMatchObject({ status: "resolved", updatedAt: at(20, 14) });
      // a change that names no version (API clients of earlier versions) is written as before
      expect((await cases.update(opened.reference, { status: "closed" }, "Mehmet", at(20, 15))).status).toBe("closed");
    });

    it("lists newest first, filtered by status, source, overdue and text", async () => {
      const a = await cases.create(newCase(1, { createdAt: at(20, 9), dueAt: at(21, 9) }));
      const b = await cases.create(newCase(2, { createdAt: at(20, 10), dueAt: at(25, 9), source: "intent", text: "Temsilciyle görüşmek istiyorum" }));
      const c = await cases.create(newCase(3, { createdAt: at(20, 11), dueAt: at(21, 9) }));
      await cases.update(c.reference, { status: "closed" }, "Ayşe", at(20, 12));
      const now = at(23);
      expect((await cases.list({ now })).map((x) => x.reference)).toEqual([c.reference, b.reference, a.reference]);
      expect((await cases.list({ now, status: "open" })).map((x) => x.reference)).toEqual([b.reference, a.reference]);
      expect((await cases.list({ now, overdue: true })).map((x) => x.reference)).toEqual([a.reference]);
      expect((await cases.list({ now, source: "intent" })).map((x) => x.reference)).toEqual([b.reference]);
      expect((await cases.list({ now, search: "TEMSİLCİ".toLocaleLowerCase("tr") })).map((x) => x.reference)).toEqual([b.reference]);
      expect((await cases.list({ now, search: a.reference.toLowerCase() })).map((x) => x.reference)).toEqual([a.reference]);
      expect((await cases.list({ now, limit: 1 }))).toHaveLength(1);
      expect((await cases.list({ now })).find((x) => x.reference === c.reference)?.audit.at(-1)?.action).toBe("status");
    });

    it("finds a customer's words whatever case they and the search are typed in, Turkish letters or not", async () => {
      const payment = await cases.create(newCase(1, { text: "ŞİKAYETİM: Ödeme İşlemi başarısız" }));
      const refund = await cases.create(newCase(2, { text: "İADE ÇOK GEÇ YAPILDI, Şubeniz IŞIK hızında değil" }));
      await cases.create(newCase(3, { text: "Kargo gelmedi" }));
      const found = async (search: string): Promise<[string, string[]]> => [search, (await cases.list({ now: at(23), search })).map((x) => x.reference)];
      // SQLite's lower() and LIKE fold ASCII only, PostgreSQL's lower('I') is 'i': each missed some of these
      for (const search of ["şikayet", "ŞİKAYETİM", "ödeme", "Ödeme", "işlemi", "İşlemi", "başarısız", "sikayetim odeme", "ISLEMI"]) {
        expect(await found(search)).toEqual([search, [payment.reference]]);
      }
      for (const search of ["iade", "İADE", "çok", "geç", "ışık", "IŞIK", "isik", "şube", "Şubeniz", "yapıldı", "YAPILDI", "yapildi, şubeniz"]) {
        expect(await found(search)).toEqual([search, [refund.reference]]);
      }
      expect(await found(refund.reference.toLowerCase())).toEqual([refund.reference.toLowerCase(), [refund.reference]]);
      expect(await found("iade edildi")).toEqual(["iade edildi", []]);
    });

    it("pages a listing, counts what it is out of, and lists active cases by the first response due", async () => {
      // opened at 1, 2, 3, 4 and 5 o'clock; the fourth was promised sooner than the others
      const opened: Array<{ reference: string }> = [];
      for (const hour of [1, 2, 3, 4, 5]) opened.push(await cases.create(newCase(hour, { createdAt: at(20, hour), dueAt: hour === 4 ? at(20, 6) : at(22, hour) })));
      const [first, second, third, fourth, fifth] = opened.map((c) => c.reference);
      await cases.update(second ?? "", { status: "closed" }, "Ayşe", at(20, 7));
      const now = at(21);
      const references = async (filter: Partial<CaseFilter>): Promise<string[]> => (await cases.list({ now, ...filter })).map((c) => c.reference);
      expect(await cases.count({ now })).toBe(5);
      expect(await cases.count({ now, status: "open", limit: 1, offset: 3 })).toBe(4);
      expect(await cases.count({ now, search: "yok böyle bir şey" })).toBe(0);
      expect(await references({ limit: 2 })).toEqual([fifth, fourth]);
      expect(await references({ limit: 2, offset: 2 })).toEqual([third, second]);
      expect(await references({ limit: 2, offset: 4 })).toEqual([first]);
      expect(await references({ offset: 5 })).toEqual([]);
      expect(await references({ status: "open", order: "due" })).toEqual([fourth, first, third, fifth]);
      expect(await references({ status: "open", order: "due", limit: 2, offset: 1 })).toEqual([first, third]);
    });

    it("marks a case overdue once, only while its first response is missing", async () => {
      const late = await cases.create(newCase(1, { dueAt: at(21, 9) }));
      const answered = await cases.create(newCase(2, { dueAt: at(21, 9) }));
      await cases.create(newCase(3, { dueAt: at(25, 9) }));
      await cases.update(answered.reference, { publicNote: "Bakıyoruz" }, "Ayşe", at(20, 12));
      const marked = await cases.markOverdue(at(22));
      expect(marked.map((x) => x.reference)).toEqual([late.reference]);
      expect(marked[0]?.overdueAt).toBe(at(22));
      expect(marked[0]?.audit.at(-1)).toEqual({ actor: "system", action: "overdue", detail: "first response overdue", at: at(22) });
      expect(await cases.markOverdue(at(23))).toEqual([]);
    });

    it("reports opened, resolved and overdue cases, medians, low ratings that became cases and their CSAT", async () => {
      const feedback = new SqlFeedbackStore(database);
      const rate = (answerId: string, entryId: string, rating: number): FeedbackEvent => ({ kind: "rating", answerId, entryId, rating, at: at(20, 9), ...origin(1) });
      await feedback.write(rate("a1", "crm", 1), rate("a2", "crm", 2), rate("a3", "crm", 5), rate("a4", "nps", 1));
      const one = await cases.create(newCase(1, { createdAt: at(20, 10), dueAt: at(22, 10) }));
      const two = await cases.create(newCase(2, { createdAt: at(20, 10), dueAt: at(20, 11), entryId: "crm", answerId: "a2" }));
      await cases.create(newCase(5, { createdAt: at(20, 10), source: "intent", answerId: null, entryId: null, rating: null }));
      await cases.update(one.reference, { status: "in_progress" }, "Ayşe", at(20, 12));
      await cases.update(one.reference, { status: "resolved" }, "Ayşe", at(21, 10));
      const report = await cases.report({}, at(20, 18));
      expect(report).toMatchObject({
        opened: 3,
        resolved: 1,
        overdue: 1,
        byStatus: { open: 2, in_progress: 0, resolved: 1, closed: 0 },
        medianFirstResponseHours: 2,
        medianResolutionHours: 24,
        lowRatings: 3,
        lowRatingsToCases: 66.7,
        csatOfCaseEntries: 33.3,
      });
      expect(report.entries).toEqual([{ entryId: "crm", cases: 2, csat: 33.3 }]);
      expect(two.reference).not.toBe(one.reference);
      const empty = await cases.report({ since: "2026-11-25" }, at(26));
      expect(empty).toMatchObject({ opened: 0, resolved: 0, overdue: 0, medianFirstResponseHours: null, lowRatingsToCases: null, csatOfCaseEntries: null, entries: [] });
    });

    it("closes: twice is safe, and any use afterwards fails with StoreClosedError", async () => {
      const created = await cases.create(newCase(1));
      await cases.close();
      await cases.close();
      await expect(cases.create(newCase(2))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(cases.get(created.reference)).rejects.toBeInstanceOf(StoreClosedError);
      await expect(cases.list({ now: at(21) })).rejects.toBeInstanceOf(StoreClosedError);
      await expect(cases.update(created.reference, { status: "closed" }, "Ayşe", at(21))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(cases.markOverdue(at(21))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(cases.report({}, at(21))).rejects.toBeInstanceOf(StoreClosedError);
      expect(await new SqlCaseStore(database).get(created.reference)).not.toBeNull();
      await database.close();
      await expect(new SqlCaseStore(database).get(created.reference)).rejects.toBeInstanceOf(StoreClosedError);
    });
  });
}
