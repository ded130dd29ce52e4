import { createServer, plugins, type Server } from "restify";
import { TEXTS } from "../../bot/conversation/texts";
import { rangeBounds, type Report } from "../../bot/feedback/report";
import { createLogger } from "../../bot/logger";
import { DatabaseConnection } from "../../bot/storage/connection";
import { registerDashboard } from "../../bot/web/dashboard";
import { startTestApp } from "../helpers/app";
import { capturingLogger } from "../helpers/log";
import { describePostgres, startBehindProxy, type PostgresBehindProxy } from "../helpers/postgres";
import { waitFor } from "../helpers/wait";

const TOKEN = "errors-test-dashboard-token";
/** Nothing listens on port 1: the database is unreachable at once. */
const UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:1/memnun";

interface LogLine {
  msg: string;
  err?: { type?: string; message?: string; stack?: string };
}

/** The lines a capturing logger wrote, parsed. */
function logLines(text: string): LogLine[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LogLine);
}

const withToken = { headers: { authorization: `Bearer ${TOKEN}` } };

/** The refusal of an operators' API while the database is away: the same shape and Turkish message everywhere. */
const UNAVAILABLE = (error: string): { error: string; code: string; message: string } => ({ error, code: "unavailable", message: TEXTS.apiErrors.unavailable });

describe("errors in logs keep their stack", () => {
  it("an unreachable database: the start-up log, the failed report's log, and a 503", async () => {
    const { logger, text } = capturingLogger("info");
    // without the database a start needs the installation secret (it is never invented)
    const app = await startTestApp({ DATABASE_URL: UNREACHABLE_DATABASE, DASHBOARD_TOKEN: TOKEN, INSTALLATION_SECRET: "an-installation-secret-of-at-least-32-characters" }, logger);
    try {
      const unreachable = logLines(text()).find((l) => l.msg.startsWith("[storage] database unreachable"));
      expect(unreachable?.err?.message).toMatch(/^\[storage\] cannot open postgres database .*ECONNREFUSED/);
      expect(unreachable?.err?.stack).toMatch(/\n\s+at /);

      const response = await fetch(`${app.url}/api/report`, withToken);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual(UNAVAILABLE("the report is unavailable (database unreachable?)"));
      const failed = logLines(text()).find((l) => l.msg === "[dashboard] report failed");
      expect(failed?.err?.message).toMatch(/\[storage\] database not connected/);
      expect(failed?.err?.stack).toMatch(/\n\s+at /);

      const recommendations = await fetch(`${app.url}/api/recommendations`, withToken);
      expect(recommendations.status).toBe(503);
      expect(await recommendations.json()).toEqual(UNAVAILABLE("recommendations are unavailable (database unreachable?)"));
      expect(logLines(text()).find((l) => l.msg === "[dashboard] recommendations failed")?.err?.stack).toMatch(/\n\s+at /);
    } finally {
      await app.close();
    }
  });

  it("a connection that cannot open logs its cause's stack through the error it wraps", async () => {
    const { logger, text } = capturingLogger("info");
    const connection = new DatabaseConnection({ databaseUrl: UNREACHABLE_DATABASE, dataDir: "" }, logger);
    expect(await connection.connect()).toBe(false);
    await connection.close();
    const logged = logLines(text()).find((l) => l.msg.startsWith("[storage] database unreachable"))?.err;
    expect(logged?.stack).toMatch(/\n\s+at /);
    // pino's serializer follows `cause`: the driver's own error is in the stack
    expect(logged?.stack).toMatch(/caused by: .*ECONNREFUSED/);
  });
});

describePostgres("the operators' APIs while PostgreSQL is cut mid-run", () => {
  let fixture: PostgresBehindProxy | undefined;
  afterAll(async () => {
    await fixture?.close();
  });

  it("refuse with 503 and the same {error, code, message} shape, the message in Turkish, and answer again once it is back", async () => {
    fixture = await startBehindProxy({ DASHBOARD_TOKEN: TOKEN });
    const { app, proxy } = fixture;
    const get = async (path: string): Promise<{ status: number; body: unknown }> => {
      const response = await fetch(`${app.url}${path}`, withToken);
      return { status: response.status, body: await response.json() };
    };
    const paths = {
      "/api/report": "the report is unavailable (database unreachable?)",
      "/api/recommendations": "recommendations are unavailable (database unreachable?)",
      "/api/cases": "cases are unavailable (database unreachable?)",
      "/api/case-report": "cases are unavailable (database unreachable?)",
    };
    for (const path of Object.keys(paths)) expect([path, (await get(path)).status]).toEqual([path, 200]);

    await proxy.cut();
    for (const [path, error] of Object.entries(paths)) expect([path, await get(path)]).toEqual([path, { status: 503, body: UNAVAILABLE(error) }]);

    await proxy.open();
    await waitFor(async () => (await get("/api/report")).status === 200, "the report once the database is back");
  }, 90_000);
});

describe("the dashboard chooses the status by the error's type, not its message", () => {
  let server: Server;
  let base: string;
  let fail: () => Promise<Report>;
  beforeAll(async () => {
    server = createServer();
    server.use(plugins.queryParser());
    registerDashboard(server, {
      timeZone: "Europe/Istanbul",
      token: TOKEN,
      logger: createLogger("silent"),
      report: async (range) => {
        // as the real store does: the range is checked first
        rangeBounds(range);
        return fail();
      },
      recommendations: () => Promise.reject(new Error("unused here")),
    });
    await new Promise<void>((resolve) => {
      server.listen(0, "127.0.0.1", () => resolve());
    });
    base = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
  });

  it("a malformed range is the asker's mistake: 400 with the reason", async () => {
    fail = () => Promise.reject(new Error("unreachable"));
    const response = await fetch(`${base}/api/report?since=yesterday`, withToken);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: '[report] --since must be a date like 2026-11-23, got "yesterday"',
      code: "bad-range",
      message: "Geçersiz tarih: “yesterday”. Tarihi 2026-11-23 biçiminde (yıl-ay-gün) girin.",
    });
  });

  it("any other failure is the service's: 503, even when its message starts with [report]", async () => {
    fail = () => Promise.reject(new Error("[report] the query failed"));
    const response = await fetch(`${base}/api/report`, withToken);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual(UNAVAILABLE("the report is unavailable (database unreachable?)"));
  });
});
