import { join } from "node:path";
import { UsageError } from "../../../bot/cli/main";
import { runReport } from "../../../bot/cli/report";
import { SqlFeedbackStore } from "../../../bot/feedback/store";
import { openDatabase } from "../../../bot/storage/database";
import { REPO_ROOT, tempDataDir } from "../../helpers/app";

async function cli(args: string[], dataDir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReport(args, { DATA_DIR: dataDir, KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge") }, (t) => out.push(t), (t) => err.push(t));
  return { code, out, err };
}

describe("report CLI", () => {
  const dataDir = tempDataDir();
  beforeAll(async () => {
    const database = await openDatabase({ dataDir });
    const store = new SqlFeedbackStore(database);
    const origin = { conversation: "c", userHash: "u" };
    await store.write({ kind: "answer", id: "a1", at: "2026-11-20T10:00:00.000Z", ...origin, entryId: "crm-musteri-iliskileri", source: "match", questionId: null });
    await store.write({ kind: "rating", answerId: "a1", entryId: "crm-musteri-iliskileri", rating: 2, at: "2026-11-20T10:01:00.000Z", ...origin });
    await store.write({ kind: "comment", id: "c1", answerId: "a1", entryId: "crm-musteri-iliskileri", rating: 2, text: 'Örnek yok, "somut" değil', at: "2026-11-20T10:02:00.000Z", ...origin });
    await store.write({ kind: "question", id: "q1", at: "2026-11-21T10:00:00.000Z", ...origin, query: "kargom nerede", status: "none", entryId: null, confidence: 0.1 });
    await database.close();
  });

  it("prints readable tables with the entries' questions", async () => {
    const { code, out } = await cli([], dataDir);
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/^Memnun memnuniyet raporu \(tüm zamanlar, Europe\/Istanbul takvim günleri\)/);
    expect(text).toMatch(/CSAT \(4–5 puan oranı\)\s+%0\s+1/);
    expect(text).toMatch(/ortalama puan \(1–5\)\s+2\n/);
    // the comment's time in Istanbul (10:02 UTC is 13:02 there)
    expect(text).toContain("20.11.2026 13:02");
    expect(text).toContain("crm-musteri-iliskileri");
    expect(text).toContain("CRM");
    expect(text).toContain("kargom nerede");
    expect(text).toContain("Örnek yok");
  });

  it("prints one JSON object with --json, filtered by --since/--until", async () => {
    const all = await cli(["--json"], dataDir);
    expect(all.out).toHaveLength(1);
    expect(JSON.parse(all.out[0] ?? "")).toMatchObject({ answers: 1, responseRate: 1, unanswered: [{ question: "kargom nerede", count: 1 }] });
    const later = await cli(["--json", "--since", "2026-11-21"], dataDir);
    expect(JSON.parse(later.out[0] ?? "")).toMatchObject({ answers: 0, csat: { responses: 0 }, unanswered: [{ count: 1 }] });
  });

  it("prints a table as CSV with quoting", async () => {
    const entries = await cli(["--csv"], dataDir);
    expect(entries.out[0]?.split("\r\n")[0]).toBe("id,question,answers,ratings,csat_percent,average");
    const comments = await cli(["--csv", "--table", "comments"], dataDir);
    expect(comments.out[0]).toContain('"Örnek yok, ""somut"" değil"');
  });

  it("rejects unknown options and malformed dates as usage errors (exit 2 from runMain)", async () => {
    await expect(cli(["--colour"], dataDir)).rejects.toBeInstanceOf(UsageError);
    await expect(cli(["--csv", "--table", "users"], dataDir)).rejects.toThrow(/--table şunlardan biri olmalı/);
    await expect(cli(["--since", "yesterday"], dataDir)).rejects.toThrow(/--since 2026-11-23 biçiminde bir tarih olmalı/);
    await expect(cli(["--since", "2026-11-21", "--until", "2026-11-20"], dataDir)).rejects.toThrow("--since 2026-11-21, --until 2026-11-20 tarihinden sonra olamaz");
  });
});
