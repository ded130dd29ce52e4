import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeedbackEvent } from "../../bot/feedback/events";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import { KEPT_VERSIONS_FILE, keepVersions } from "../../bot/knowledge/kept-versions";
import { loadKnowledge } from "../../bot/knowledge/loader";
import { openDatabase } from "../../bot/storage/database";
import { REPO_ROOT, tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, npmRun, withoutNodeWarnings } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/**
 * QA 46 (editor), bug 10: an entry answered once and deleted since showed an empty question in
 * `npm run report` and its CSV. It says "(silinmiş girdi)" now; an entry of a file refused since
 * (served at its last good version) is still named, and a report that could not load the
 * knowledge calls nothing deleted.
 */

const DELETED = "garanti-uzun";
const KEPT = "crm-musteri-iliskileri";

/** Answers, a rating and a comment for an entry the knowledge has and one it no longer has. */
async function database(): Promise<string> {
  const dataDir = tempDataDir();
  const db = await openDatabase({ dataDir });
  try {
    const at = new Date(Date.UTC(2026, 10, 20, 10)).toISOString();
    const events: FeedbackEvent[] = [];
    for (const [i, entryId] of [DELETED, KEPT].entries()) {
      const who = { conversation: `c${i}`, userHash: `u${i}` };
      events.push({ kind: "answer", id: `a${i}`, at, ...who, entryId, source: "match", questionId: null });
      events.push({ kind: "rating", answerId: `a${i}`, entryId, rating: 2, at, ...who });
      events.push({ kind: "comment", id: `k${i}`, answerId: `a${i}`, entryId, rating: 2, text: "Yetersiz", at, ...who });
    }
    await new SqlFeedbackStore(db).write(...events);
  } finally {
    await db.close();
  }
  return dataDir;
}

describe("report names an entry no longer in the knowledge", () => {
  it("in the text table and in both CSV tables that hold questions", async () => {
    const env = { DATA_DIR: await database(), KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge") };
    const text = await npmRun("report", [], { env });
    expect(withoutNodeWarnings(text.stderr)).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${DELETED} +\\(silinmiş girdi\\) +1 +1 +%0 +2$`, "m"));
    expect(text.stdout).toMatch(new RegExp(`^${KEPT} +CRM`, "m"));

    const entries = await npmRun("report", ["--csv"], { env });
    expect(entries.stdout.trimEnd().split("\r\n")).toContain(`${DELETED},(silinmiş girdi),1,1,0,2`);
    const comments = await npmRun("report", ["--csv", "--table", "comments"], { env });
    expect(comments.stdout.trimEnd().split("\r\n")).toContain(`2026-11-20T10:00:00.000Z,${DELETED},(silinmiş girdi),2,Yetersiz`);
    // --json keeps null: scripts read "not in the knowledge" from it
    const json = await npmRun("report", ["--json"], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ entries: expect.arrayContaining([expect.objectContaining({ id: DELETED, question: null })]) });
  });

  it("names an entry of a file refused since by its last good version, and calls nothing deleted without the knowledge", async () => {
    const dataDir = await database();
    const knowledgeDir = join(tempDataDir(), "knowledge");
    cpSync(join(REPO_ROOT, "knowledge"), knowledgeDir, { recursive: true });
    // the server kept every file's last good version, then an editor broke the entry's file
    await keepVersions(join(dataDir, KEPT_VERSIONS_FILE), knowledgeDir, (await loadKnowledge(knowledgeDir)).accepted);
    writeFileSync(join(knowledgeDir, "iletisim-ve-crm", `${KEPT}.md`), "---\nquestion: CRM: nedir?\n---\n\nBozuk.\n");
    const refused = await npmRun("report", [], { env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir } });
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(new RegExp(`^${KEPT} +CRM`, "m"));
    expect(refused.stdout).not.toMatch(new RegExp(`^${KEPT} +\\(silinmiş girdi\\)`, "m"));

    const missing = join(tempDataDir(), "yok");
    const unknown = await npmRun("report", ["--csv"], { env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: missing } });
    expect(withoutNodeWarnings(unknown.stderr)).toContain(`[report] ${missing} klasöründeki bilgi yüklenemedi`);
    expect(unknown.stdout).not.toContain("silinmiş");
    expect(unknown.stdout.trimEnd().split("\r\n")).toContain(`${DELETED},,1,1,0,2`);
  });
});
