import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import type { Report } from "../../bot/feedback/report";
import { REPO_ROOT, say, startTestApp, tempDataDir, type UserMessage } from "../helpers/app";
import { childEnv, PROCESS_TEST_TIMEOUT_MS } from "../helpers/cli";
import { isRatedAnswer, LocalConnector, type SentActivity } from "../helpers/connector";
import { describePostgres, dropSchema, freshPostgresSchema } from "../helpers/postgres";

const run = promisify(execFile);
// each test also runs the `report` CLI through tsx, which compiles it: longer than jest's 30 s on a loaded machine
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/** Runs the real `report` CLI the way an operator does, against the given storage. */
async function reportCli(env: Record<string, string>): Promise<Report> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", join(REPO_ROOT, "bot", "cli", "report.ts"), "--json"], {
    cwd: REPO_ROOT,
    env: childEnv({ KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge"), LOG_LEVEL: "silent", ...env }),
  });
  const lines = stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? "") as Report;
}

/** One user in one conversation, talking to whichever instance it is given. */
class User {
  constructor(
    private readonly connector: LocalConnector,
    private readonly conversationId: string,
  ) {}

  /** Sends a message or a button click to `app` and returns the bot's replies to it. */
  say(app: RunningApp, message: UserMessage): Promise<SentActivity[]> {
    return say(app, this.connector, this.conversationId, message);
  }
}

const button = (reply: SentActivity | undefined, title: string): { title: string; value: unknown } => {
  const found = reply?.suggestedActions?.actions.find((a) => a.title === title);
  if (!found) throw new Error(`no "${title}" button in ${JSON.stringify(reply)}`);
  return { title: found.title, value: found.value };
};

describe("satisfaction over real HTTP, stored in SQLite", () => {
  let connector: LocalConnector;
  let app: RunningApp | undefined;
  const dataDir = tempDataDir();
  beforeAll(async () => {
    connector = await new LocalConnector().start();
    app = await startTestApp({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await app?.close();
    await connector.stop();
  });
  const live = (): RunningApp => {
    if (!app) throw new Error("app not started");
    return app;
  };

  it("question → rating 2 → comment → thanks, counted once, shown by `report --json`, kept across a restart", async () => {
    const user = new User(connector, "conv-feedback");
    const [answer] = await user.say(live(), "crm nedir");
    expect(answer?.textFormat).toBe("markdown");
    expect(isRatedAnswer(answer, TEXTS.ratePrompt)).toBe(true);
    const two = button(answer, TEXTS.ratingLabels[1]);

    expect((await user.say(live(), two)).map((m) => m.text)).toEqual([TEXTS.commentPrompt]);
    expect((await user.say(live(), two)).map((m) => m.text)).toEqual([TEXTS.alreadyRated]);
    expect((await user.say(live(), "Örnek bir CRM yazılımı adı da verilseydi iyi olurdu")).map((m) => m.text)).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
    const thanks = await user.say(live(), "teşekkürler");
    expect(thanks.map((m) => m.text)).toEqual([TEXTS.smallTalk.thanks, TEXTS.npsQuestion]);

    const report = await reportCli({ DATA_DIR: dataDir });
    expect(report.answers).toBe(1);
    expect(report.csat).toMatchObject({ responses: 1, percent: 0, distribution: { "1": 0, "2": 1, "3": 0, "4": 0, "5": 0 } });
    expect(report.comments).toEqual([
      expect.objectContaining({ entryId: "crm-musteri-iliskileri", rating: 2, text: "Örnek bir CRM yazılımı adı da verilseydi iyi olurdu" }),
    ]);
    expect(report.entries[0]).toMatchObject({ id: "crm-musteri-iliskileri", question: expect.stringContaining("CRM"), ratings: 1, csat: 0 });

    // restart: the data and the conversation's place (the open NPS question) survive
    await live().close();
    app = await startTestApp({ DATA_DIR: dataDir });
    expect((await user.say(live(), button(thanks[1], "9"))).map((m) => m.text)).toEqual([TEXTS.cesQuestion]);
    expect((await user.say(live(), "6")).map((m) => m.text)).toEqual([TEXTS.surveyThanks]);
    const after = await reportCli({ DATA_DIR: dataDir });
    expect(after.csat.responses).toBe(1);
    expect(after.comments).toHaveLength(1);
    expect(after.nps).toMatchObject({ responses: 1, promoters: 1, score: 100 });
    expect(after.ces).toEqual({ responses: 1, average: 6 });
  });
});

describePostgres("two instances sharing one PostgreSQL database", () => {
  let connector: LocalConnector;
  let a: RunningApp | undefined;
  let b: RunningApp | undefined;
  let url = "";
  let schema = "";
  beforeAll(async () => {
    ({ url, schema } = await freshPostgresSchema());
    connector = await new LocalConnector().start();
    [a, b] = await Promise.all([startTestApp({ DATABASE_URL: url }), startTestApp({ DATABASE_URL: url })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await connector.stop();
    await dropSchema(schema);
  });

  it("carries one conversation alternating between them through rating, comment and survey, nothing lost or doubled", async () => {
    if (!a || !b) throw new Error("apps not started");
    expect(a.port).not.toBe(b.port);
    const user = new User(connector, "conv-two-instances");
    const [answer] = await user.say(a, "müşteri deneyimi nedir");
    const two = button(answer, TEXTS.ratingLabels[1]);
    expect((await user.say(b, two)).map((m) => m.text)).toEqual([TEXTS.commentPrompt]);
    expect((await user.say(a, two)).map((m) => m.text)).toEqual([TEXTS.alreadyRated]);
    expect((await user.say(b, "Daha kısa ve örnekli anlatılabilir")).map((m) => m.text)).toEqual([TEXTS.commentThanks, TEXTS.cases.offerRating]);
    expect((await user.say(a, "teşekkürler")).map((m) => m.text)).toEqual([TEXTS.smallTalk.thanks, TEXTS.npsQuestion]);
    expect((await user.say(b, "10")).map((m) => m.text)).toEqual([TEXTS.cesQuestion]);
    expect((await user.say(a, "7")).map((m) => m.text)).toEqual([TEXTS.surveyThanks]);

    const report = await reportCli({ DATABASE_URL: url });
    expect(report.answers).toBe(1);
    expect(report.csat.responses).toBe(1);
    expect(report.csat.distribution["2"]).toBe(1);
    expect(report.comments.map((c) => c.text)).toEqual(["Daha kısa ve örnekli anlatılabilir"]);
    expect(report.nps).toMatchObject({ responses: 1, promoters: 1 });
    expect(report.ces).toEqual({ responses: 1, average: 7 });
  });
});
