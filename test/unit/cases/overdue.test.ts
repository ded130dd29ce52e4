import type { Alert } from "../../../bot/cases/alerts";
import { OverdueWatcher } from "../../../bot/cases/overdue";
import { SqlCaseStore } from "../../../bot/cases/store";
import { ConfigError, loadConfig } from "../../../bot/config";
import { createLogger } from "../../../bot/logger";
import { openDatabase } from "../../../bot/storage/database";
import { newCase } from "../../storage/contract";
import { describePostgres, dropSchema, freshPostgresSchema } from "../../helpers/postgres";

describe("overdue watcher", () => {
  it("alerts once per case whose first response became overdue, also with two watchers on one database", async () => {
    const database = await openDatabase({ dataDir: "", sqliteFile: ":memory:" });
    try {
      const store = new SqlCaseStore(database);
      const late = await store.create(newCase(1, { createdAt: "2026-12-01T09:00:00.000Z", dueAt: "2026-12-03T09:00:00.000Z" }));
      await store.create(newCase(2, { createdAt: "2026-12-03T08:00:00.000Z", dueAt: "2026-12-05T08:00:00.000Z" }));
      const alerts: Alert[] = [];
      let n = 0;
      const watcher = (): OverdueWatcher =>
        new OverdueWatcher({ store, alerts: { raise: (a) => alerts.push(a) }, logger: createLogger("silent"), now: () => new Date("2026-12-03T10:00:00.000Z"), newId: () => `id-${++n}` });
      const [one, two] = [watcher(), watcher()];
      expect((await Promise.all([one.check(), two.check()])).reduce((a, b) => a + b, 0)).toBe(1);
      expect(await one.check()).toBe(0);
      expect(alerts).toEqual([expect.objectContaining({ kind: "case-overdue", reference: late.reference, dueAt: "2026-12-03T09:00:00.000Z" })]);
      await Promise.all([one.close(), two.close()]);
    } finally {
      await database.close();
    }
  });

  it("logs and goes on when the database fails", async () => {
    const database = await openDatabase({ dataDir: "", sqliteFile: ":memory:" });
    const store = new SqlCaseStore(database);
    await database.close();
    const watcher = new OverdueWatcher({ store, alerts: { raise: () => undefined }, logger: createLogger("silent"), newId: () => "x" });
    expect(await watcher.check()).toBe(0);
  });
});

describePostgres("overdue watchers of several instances on one PostgreSQL", () => {
  it("alert once per overdue case however many instances check at the same time (the claim is in the database)", async () => {
    const { url, schema } = await freshPostgresSchema();
    const databases = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url, dataDir: "" })));
    try {
      const store = new SqlCaseStore(databases[0] ?? (await openDatabase({ databaseUrl: url, dataDir: "" })));
      const late = await Promise.all([1, 2, 3, 4, 5].map((n) => store.create(newCase(n, { createdAt: "2026-12-01T09:00:00.000Z", dueAt: "2026-12-03T09:00:00.000Z" }))));
      const alerts: Alert[] = [];
      let n = 0;
      const watchers = databases.map(
        (database) =>
          new OverdueWatcher({ store: new SqlCaseStore(database), alerts: { raise: (a) => alerts.push(a) }, logger: createLogger("silent"), now: () => new Date("2026-12-03T10:00:00.000Z"), newId: () => `id-${++n}` }),
      );
      // every instance checks at once, then again
      const counts = await Promise.all(watchers.map((w) => w.check()));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
      expect((await Promise.all(watchers.map((w) => w.check()))).reduce((a, b) => a + b, 0)).toBe(0);
      expect(alerts.map((a) => a.reference).sort()).toEqual(late.map((c) => c.reference).sort());
      await Promise.all(watchers.map((w) => w.close()));
    } finally {
      await Promise.all(databases.map((database) => database.close()));
      await dropSchema(schema);
    }
  });
});

describe("case configuration", () => {
  it("has documented defaults", () => {
    expect(loadConfig({})).toMatchObject({ caseResponseHours: 48, operators: [], alertWebhookUrl: undefined, alertWebhookFormat: "json" });
  });

  it("reads named operator tokens, the response hours and the webhook", () => {
    const config = loadConfig({
      OPERATOR_TOKENS: "Ayşe Yılmaz:ayse-token-0123456789, mehmet:mehmet-token-0123456789",
      CASE_RESPONSE_HOURS: "24",
      ALERT_WEBHOOK_URL: "https://hooks.example.com/x",
      ALERT_WEBHOOK_FORMAT: "teams",
    });
    expect(config.operators).toEqual([{ name: "Ayşe Yılmaz", token: "ayse-token-0123456789" }, { name: "mehmet", token: "mehmet-token-0123456789" }]);
    expect(config).toMatchObject({ caseResponseHours: 24, alertWebhookUrl: "https://hooks.example.com/x", alertWebhookFormat: "teams" });
  });

  it.each([
    [{ OPERATOR_TOKENS: "ayse" }, "OPERATOR_TOKENS: entry 1 must be <name>:<token>"],
    [{ OPERATOR_TOKENS: "ayse:short" }, "OPERATOR_TOKENS: entry 1 (ayse): the token must be at least 16 characters"],
    [{ OPERATOR_TOKENS: "a:0123456789abcdef,A:fedcba9876543210" }, "OPERATOR_TOKENS: entry 2: the name A is given twice"],
    [{ OPERATOR_TOKENS: "a:0123456789abcdef,b:0123456789abcdef" }, "OPERATOR_TOKENS: entry 2 (b): the token is used by another operator"],
    // the audit log's own names: an operator so called would be audited as DASHBOARD_TOKEN, the customer or the overdue check
    ...["dashboard", "Customer", "SYSTEM"].map((name): [Record<string, string>, string] => [
      { OPERATOR_TOKENS: `ayse:ayse-token-0123456789,${name}:other-token-1234567890` },
      `OPERATOR_TOKENS: entry 2: the name ${name} is reserved (dashboard, customer, system: the audit log's names for DASHBOARD_TOKEN, the customer and the overdue check)`,
    ]),
    [
      { DASHBOARD_TOKEN: "dash-token-abcdefghijklmnop", OPERATOR_TOKENS: "Mehmet:dash-token-abcdefghijklmnop" },
      "OPERATOR_TOKENS: the token of Mehmet is DASHBOARD_TOKEN's; give every operator a token of their own",
    ],
    [{ CASE_RESPONSE_HOURS: "0" }, "CASE_RESPONSE_HOURS: must be a whole number from 1 to 8760"],
    [{ ALERT_WEBHOOK_URL: "ftp://x" }, "ALERT_WEBHOOK_URL: must be an http:// or https:// URL"],
    [{ ALERT_WEBHOOK_FORMAT: "xml" }, "ALERT_WEBHOOK_FORMAT: must be json, teams or slack"],
    // fetch refuses such a URL on every retry, and its error quotes the password
    [{ ALERT_WEBHOOK_URL: "http://user:pw-SECRETX@127.0.0.1:4402/webhookb2/SECRET123?sig=SECRETSIG" }, "ALERT_WEBHOOK_URL: must not hold a user name or password (user:password@)"],
    [{ ALERT_WEBHOOK_URL: "https://user@hooks.example.com/x" }, "ALERT_WEBHOOK_URL: must not hold a user name or password (user:password@)"],
  ])("refuses %j", (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error instanceof ConfigError ? error.issues : []).toEqual([message]);
  });
});
