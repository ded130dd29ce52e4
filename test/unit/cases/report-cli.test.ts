import { join } from "node:path";
import { runReport } from "../../../bot/cli/report";
import { SqlCaseStore } from "../../../bot/cases/store";
import { SqlFeedbackStore } from "../../../bot/feedback/store";
import { openDatabase } from "../../../bot/storage/database";
import { REPO_ROOT, tempDataDir } from "../../helpers/app";
import { newCase } from "../../storage/contract";

async function cli(args: string[], dataDir: string): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runReport(args, { DATA_DIR: dataDir, KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge") }, (t) => out.push(t), () => undefined);
  return { code, out };
}

describe("report CLI: cases", () => {
  const dataDir = tempDataDir();
  let references: string[] = [];
  beforeAll(async () => {
    const database = await openDatabase({ dataDir });
    const origin = { conversation: "c", userHash: "u" };
    await new SqlFeedbackStore(database).write(
      { kind: "rating", answerId: "a1", entryId: "crm", rating: 1, at: "2026-11-20T09:00:00.000Z", ...origin },
      { kind: "rating", answerId: "a2", entryId: "crm", rating: 2, at: "2026-11-20T09:00:00.000Z", ...origin },
    );
    const store = new SqlCaseStore(database);
    const one = await store.create(newCase(1, { createdAt: "2026-11-20T10:00:00.000Z", dueAt: "2026-11-22T10:00:00.000Z", text: 'Örnek yok, "somut" değil' }));
    const two = await store.create(newCase(3, { createdAt: "2026-11-21T10:00:00.000Z", dueAt: "2026-11-22T10:00:00.000Z", answerId: null, source: "intent", text: "=HYPERLINK(1) kargo" }));
    await store.setContact(one.reference, "gizli@example.com", "2026-11-20T10:01:00.000Z");
    await store.update(one.reference, { status: "resolved", publicNote: "Düzelttik." }, "Ayşe", "2026-11-20T16:00:00.000Z");
    references = [one.reference, two.reference];
    await database.close();
  });

  it("adds the case figures to --json", async () => {
    const { code, out } = await cli(["--json"], dataDir);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? "")).toMatchObject({
      csat: { responses: 2 },
      cases: { opened: 2, resolved: 1, overdue: 1, medianFirstResponseHours: 6, medianResolutionHours: 6, lowRatings: 2, lowRatingsToCases: 50, csatOfCaseEntries: 0 },
    });
    const since = await cli(["--json", "--since", "2026-11-21"], dataDir);
    expect(JSON.parse(since.out[0] ?? "")).toMatchObject({ cases: { opened: 1, resolved: 0 } });
  });

  it("prints one row per case with --csv --table cases, without contact details or notes", async () => {
    const { out } = await cli(["--csv", "--table", "cases"], dataDir);
    const lines = (out[0] ?? "").split("\r\n");
    expect(lines[0]).toBe("reference,status,source,channel,entry_id,rating,nps_score,created_at,due_at,first_response_at,resolved_at,overdue,hours_to_first_response,text");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${references[1]},open,intent,webchat,crm,1,,2026-11-21T10:00:00.000Z,2026-11-22T10:00:00.000Z,,,true,,`));
    // a customer's words never run as a spreadsheet formula
    expect(lines[1]).toMatch(/,'=HYPERLINK\(1\) kargo$/);
    expect(lines[2]).toContain(`${references[0]},resolved,rating`);
    expect(lines[2]).toContain('"Örnek yok, ""somut"" değil"');
    expect(out[0]).not.toContain("gizli@example.com");
    expect(out[0]).not.toContain("Düzelttik");
  });

  it("adds a cases section to the readable report", async () => {
    const { out } = await cli([], dataDir);
    expect(out.join("\n")).toMatch(/Vakalar \(şikayetler ve bir kişiyle görüşme istekleri\)[\s\S]*açılan\s+2[\s\S]*vakaya dönüşen düşük puanlar \(1–2\)\s+%50 \(2 düşük puandan\)/);
  });
});
