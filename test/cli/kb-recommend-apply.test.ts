import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KB_RECOMMEND } from "../../bot/cli/messages";
import type { FeedbackEvent } from "../../bot/feedback/events";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import { keepVersions, keptVersionsPath } from "../../bot/knowledge/kept-versions";
import { loadKnowledge } from "../../bot/knowledge/loader";
import { openDatabase } from "../../bot/storage/database";
import { REPO_ROOT, tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, npmRun, npmRunWithFileSizeLimit, withoutNodeWarnings } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/**
 * QA 46 (editor), bug 5: `kb:recommend -- --apply --entry <id>` wrote every text picked for the
 * entry, whatever `--min-count` said (explicit, or the default 2): a text one user picked once
 * became an alternate though the editor asked for 5. `--entry` narrows the entries; the count
 * still applies.
 */

const ENTRY_FILE = join("kavramlar", "memnuniyet-tanimi.md");

/** One user asked "memnuniyet", got "did you mean", and picked memnuniyet-tanimi: picked once. */
async function onePick(): Promise<string> {
  const dataDir = tempDataDir();
  const database = await openDatabase({ dataDir });
  try {
    const who = { conversation: "bir-secim", userHash: "kullanici-1" };
    const at = new Date(Date.UTC(2026, 10, 20, 10)).toISOString();
    const events: FeedbackEvent[] = [
      { kind: "question", id: "q1", at, ...who, query: "memnuniyet", status: "ambiguous", entryId: null, confidence: 0.5 },
      { kind: "answer", id: "a1", at, ...who, entryId: "memnuniyet-tanimi", source: "suggestion", questionId: "q1" },
    ];
    await new SqlFeedbackStore(database).write(...events);
  } finally {
    await database.close();
  }
  return dataDir;
}

describe("kb:recommend --apply --entry keeps --min-count", () => {
  it("writes a text picked once only when --min-count allows it, for the named entry", async () => {
    const dataDir = await onePick();
    const knowledgeDir = join(tempDataDir(), "knowledge");
    cpSync(join(REPO_ROOT, "knowledge"), knowledgeDir, { recursive: true });
    const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir };
    const file = join(knowledgeDir, ENTRY_FILE);
    const before = readFileSync(file, "utf8");

    const listed = await npmRun("kb:recommend", ["--json"], { env });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ alternates: [{ entryId: "memnuniyet-tanimi", candidates: [{ text: "memnuniyet", count: 1 }] }] });

    for (const args of [["--entry", "memnuniyet-tanimi", "--min-count", "5"], ["--entry", "memnuniyet-tanimi"]]) {
      const minCount = args[3] ?? "2";
      const done = await npmRun("kb:recommend", ["--apply", ...args], { env });
      expect(withoutNodeWarnings(done.stderr)).toBe("");
      expect(done).toMatchObject({
        code: 0,
        stdout: `eklenecek öneri yok: 1 öneriyi ${minCount} kişiden az kişi seçmiş (--min-count ${minCount}); onları da eklemek için daha küçük bir --min-count verin\n`,
      });
      expect(readFileSync(file, "utf8")).toBe(before);
    }

    const applied = await npmRun("kb:recommend", ["--apply", "--entry", "memnuniyet-tanimi", "--min-count", "1"], { env });
    expect(withoutNodeWarnings(applied.stderr)).toBe("");
    expect(applied).toMatchObject({ code: 0, stdout: 'kavramlar/memnuniyet-tanimi.md: eklendi "memnuniyet"\n' });
    expect(readFileSync(file, "utf8")).toContain('  - "memnuniyet"');
  });
});

/**
 * kb:recommend read the knowledge folder alone, as `ask`, `kb:check` and `report` no longer do:
 * with one file refused it printed the error and nothing else, while the server went on serving
 * that file's last good version (kept in DATA_DIR) and customers kept picking its entry.
 */
describe("kb:recommend sees the knowledge as the server serves it", () => {
  it("measures a refused file's entry at its kept last good version, names the error, and --apply writes nothing", async () => {
    const dataDir = await onePick();
    const knowledgeDir = join(tempDataDir(), "knowledge");
    cpSync(join(REPO_ROOT, "knowledge"), knowledgeDir, { recursive: true });
    const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir };
    // the server kept every file's last good version, then an editor broke the entry's file
    await keepVersions(keptVersionsPath(dataDir), knowledgeDir, (await loadKnowledge(knowledgeDir)).accepted);
    const file = join(knowledgeDir, ENTRY_FILE);
    const broken = "---\nid: memnuniyet-tanimi\nquestion: Memnuniyet: nedir?\n---\n\nBozuk.\n";
    writeFileSync(file, broken);

    const listed = await npmRun("kb:recommend", ["--json"], { env });
    expect(listed.code).toBe(0);
    expect(withoutNodeWarnings(listed.stderr)).toContain("kavramlar/memnuniyet-tanimi.md:3");
    expect(JSON.parse(listed.stdout)).toMatchObject({
      alternates: [{ entryId: "memnuniyet-tanimi", question: "Müşteri memnuniyeti nasıl tanımlanır?", candidates: [{ text: "memnuniyet", count: 1 }] }],
    });

    const applied = await npmRun("kb:recommend", ["--apply", "--min-count", "1"], { env });
    expect(applied.code).toBe(1);
    expect(withoutNodeWarnings(applied.stderr)).toContain(`[kb:recommend] ${KB_RECOMMEND.brokenKnowledge}`);
    expect(readFileSync(file, "utf8")).toBe(broken);

    // without the kept versions the server would not serve the entry either: nothing to recommend for it
    rmSync(keptVersionsPath(dataDir));
    const alone = await npmRun("kb:recommend", ["--json"], { env });
    expect(alone.code).toBe(0);
    expect(JSON.parse(alone.stdout)).toMatchObject({ alternates: [] });
  });
});

/** The file size the kernel allows `kb:recommend` below (KiB): more than every other file it writes, less than the entry's. */
const FILE_SIZE_LIMIT_KIB = 100;

/**
 * `kb:recommend --apply` rewrote an entry's file in place: a full disk (or a crash) in the middle
 * left the first part of the file in knowledge/, which the server then served as the entry.
 */
describe("kb:recommend --apply on a disk that refuses the write midway", () => {
  it("leaves the entry file as it was and no temporary file, says which file in Turkish, and writes it once the disk takes it", async () => {
    const dataDir = await onePick();
    const knowledgeDir = join(tempDataDir(), "knowledge");
    cpSync(join(REPO_ROOT, "knowledge"), knowledgeDir, { recursive: true });
    const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir };
    const file = join(knowledgeDir, ENTRY_FILE);
    // an entry larger than the limit: an editor's long note in its front matter, which the edit keeps
    const note = Array.from({ length: 1500 }, (_, i) => `# editör notu ${i}: ${"bu girdinin geçmişi ve kaynakları burada tutulur. ".repeat(2)}`).join("\n");
    const before = readFileSync(file, "utf8").replace(/^---\n/, `---\n${note}\n`);
    writeFileSync(file, before);
    expect(Buffer.byteLength(before)).toBeGreaterThan(FILE_SIZE_LIMIT_KIB * 1024 * 1.5);
    const folder = readdirSync(join(knowledgeDir, "kavramlar")).sort();

    const refused = await npmRunWithFileSizeLimit(FILE_SIZE_LIMIT_KIB, "kb:recommend", ["--apply", "--entry", "memnuniyet-tanimi", "--min-count", "1"], { env });
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(readdirSync(join(knowledgeDir, "kavramlar")).sort()).toEqual(folder);
    expect(withoutNodeWarnings(refused.stderr)).toBe(`[kb:recommend] ${file} yazılamadı: dosya, sistemin izin verdiği en büyük boyutu aşıyor\n`);
    expect(refused).toMatchObject({ code: 1, stdout: "" });

    const applied = await npmRun("kb:recommend", ["--apply", "--entry", "memnuniyet-tanimi", "--min-count", "1"], { env });
    expect(applied).toMatchObject({ code: 0, stdout: 'kavramlar/memnuniyet-tanimi.md: eklendi "memnuniyet"\n' });
    expect(readFileSync(file, "utf8")).toBe(before.replace('  - "Müşteri memnuniyeti kavramını açıklar mısınız?"\n', '  - "Müşteri memnuniyeti kavramını açıklar mısınız?"\n  - "memnuniyet"\n'));
  });
});
