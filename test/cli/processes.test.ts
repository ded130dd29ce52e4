import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeedbackEvent } from "../../bot/feedback/events";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import { openDatabase } from "../../bot/storage/database";
import { REPO_ROOT, tempDataDir } from "../helpers/app";
import { keptWords } from "../helpers/readings";
import { PROCESS_TEST_TIMEOUT_MS, npmRun, runProcess, startProcess, tsxRun, withoutNodeWarnings, type Finished, type RunOptions } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/**
 * Every CLI as its users run it: `npm run <script>` (TypeScript through tsx) and, after
 * `npm run build`, `node dist/bot/cli/<name>.js`. Exit codes: 0 ok, 1 failure, 2 usage.
 */

const KNOWLEDGE = join(REPO_ROOT, "knowledge");
const BROKEN = join(REPO_ROOT, "test", "fixtures", "knowledge-broken");
/** Nothing listens on port 1: the database is unreachable at once. */
const UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:1/memnun";
/** The same, with a password no message may show. */
const UNREACHABLE_DATABASE_WITH_PASSWORD = "postgres://postgres:a-secret-password@127.0.0.1:1/memnun";
/** A build of the whole bot can take a while on a busy machine. */
const BUILD_TIMEOUT_MS = 180_000;

type Cli = "ask" | "kb:check" | "kb:recommend" | "report";
const DIST: Record<Cli, string> = {
  ask: "dist/bot/cli/ask.js",
  "kb:check": "dist/bot/cli/kb-check.js",
  "kb:recommend": "dist/bot/cli/kb-recommend.js",
  report: "dist/bot/cli/report.js",
};
const CLIS = Object.keys(DIST) as Cli[];

/** The two ways to run a CLI. */
const WAYS = {
  npm: (cli: Cli, args: readonly string[], options?: RunOptions) => npmRun(cli, args, options),
  dist: (cli: Cli, args: readonly string[], options?: RunOptions) => runProcess(process.execPath, [DIST[cli], ...args], options),
};

const origin = { conversation: "c1", userHash: "u1" };
const at = (day: number, hour = 10): string => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

/** A database with answers, ratings, a comment, an unanswered question and three "did you mean" picks. */
async function fullDatabase(): Promise<string> {
  const dataDir = tempDataDir();
  const database = await openDatabase({ dataDir });
  try {
    const events: FeedbackEvent[] = [
      { kind: "answer", id: "a1", at: at(20), ...origin, entryId: "crm-musteri-iliskileri", source: "match", questionId: null },
      { kind: "rating", answerId: "a1", entryId: "crm-musteri-iliskileri", rating: 2, at: at(20), ...origin },
      { kind: "comment", id: "c1", answerId: "a1", entryId: "crm-musteri-iliskileri", rating: 2, text: "Örnek yok", at: at(20), ...origin },
      { kind: "question", id: "q0", at: at(21), ...origin, query: "kargom nerede", status: "none", entryId: null, confidence: 0.1 },
      { kind: "nps", score: 9, at: at(21), ...origin },
    ];
    for (const [i, query] of ["memnuniyet ölçme", "Memnuniyet ölçme?", "memnuniyet olcme"].entries()) {
      const conversation = { conversation: `pick-${i}`, userHash: `u-${i}` };
      events.push({ kind: "question", id: `p${i}`, at: at(22, i), ...conversation, query, status: "ambiguous", entryId: null, confidence: 0.4 });
      events.push({ kind: "answer", id: `pa${i}`, at: at(22, i), ...conversation, entryId: "memnuniyet-modelleri", source: "suggestion", questionId: `p${i}` });
    }
    await new SqlFeedbackStore(database).write(...events);
  } finally {
    await database.close();
  }
  return dataDir;
}

/**
 * Two users picked "sadakat" from "did you mean", each for another entry, on other channels: the
 * text belongs to neither entry for sure.
 */
async function contestedDatabase(): Promise<string> {
  const dataDir = tempDataDir();
  const database = await openDatabase({ dataDir });
  try {
    const events: FeedbackEvent[] = [];
    const picks = [["memnuniyet-ve-sadakat", "webchat"], ["sadakat-memnuniyet-farki", "msteams"]] as const;
    for (const [i, [entryId, channel]] of picks.entries()) {
      const who = { conversation: `contested-${i}`, userHash: `contested-user-${i}`, channel };
      events.push({ kind: "question", id: `cq${i}`, at: at(23, i), ...who, query: "sadakat", status: "ambiguous", entryId: null, confidence: 0.89 });
      events.push({ kind: "answer", id: `ca${i}`, at: at(23, i), ...who, entryId, source: "suggestion", questionId: `cq${i}` });
    }
    await new SqlFeedbackStore(database).write(...events);
  } finally {
    await database.close();
  }
  return dataDir;
}

function expectUsage(run: Finished, cli: Cli, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toContain(`kullanım: npm run ${cli} --`);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

function expectFailure(run: Finished, message: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(withoutNodeWarnings(run.stderr)).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

let fullDataDir: string;
let emptyDataDir: string;

beforeAll(async () => {
  const build = await runProcess("npm", ["run", "--silent", "build"]);
  expect(build).toMatchObject({ code: 0, stderr: "" });
  fullDataDir = await fullDatabase();
  emptyDataDir = tempDataDir();
  // an empty database, as a bot leaves it before its first question
  await (await openDatabase({ dataDir: emptyDataDir })).close();
}, BUILD_TIMEOUT_MS);

/**
 * Through npm, as users type them; the details below run the build, which covers these same runs.
 * `closing.test.ts` runs `npm run kb:recommend -- --json` and `npm run report -- --json` on an
 * empty database, twice each.
 */
describe("CLIs run with npm", () => {
  const run = WAYS.npm;

  it.each([
    ["ask", ["--json", "crm nedir"], "status"],
    ["kb:check", ["--json"], "entries"],
  ] as const)("%s %j prints its JSON and exits 0", async (cli, args, field) => {
    const done = await run(cli, args, { env: { DATA_DIR: emptyDataDir } });
    expect(done).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(done.stdout)).toHaveProperty(field);
  });
});

/** The details on the build alone: the sources behave the same, and the build starts faster. */
describe("CLIs in detail (built)", () => {
  const run = WAYS.dist;

  it.each(CLIS)("%s --help prints the usage and the exit codes, and exits 0", async (cli) => {
    const help = await run(cli, ["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain(`kullanım: npm run ${cli} --`);
    expect(help.stdout).toContain("Çıkış kodları: 0 tamam; 1 hata");
    expect(help.stdout).toContain("2 kullanım hatası");
  });

  it.each(CLIS)("%s rejects an unknown option with exit 2 and the usage on stderr", async (cli) => {
    expectUsage(await run(cli, ["--colour"], { env: { DATA_DIR: emptyDataDir } }), cli, new RegExp(`^\\[${cli}\\] bilinmeyen seçenek '--colour'\n`));
  });

  it("ask --json prints one line per question in the contract's shape, in order, and honours KNOWLEDGE_DIR", async () => {
    const done = await run("ask", ["--json"], { stdin: "musteri sadakatin tanimi\ncrm nedir\nasdfghjkl\nISO 10002\n" });
    expect(done).toMatchObject({ code: 0, stderr: "" });
    const lines = done.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: string | null; question: string | null; confidence: number; candidates: unknown[] });
    expect(lines.map((line) => Object.keys(line).sort())).toEqual(Array.from({ length: 4 }, () => ["candidates", "confidence", "id", "query", "question", "status"]));
    expect(lines).toMatchObject([
      { query: "musteri sadakatin tanimi", status: "answered", id: "memnuniyet-ve-sadakat", question: "Müşteri memnuniyeti ve sadakati nedir?" },
      { query: "crm nedir", status: "answered", id: "crm-musteri-iliskileri" },
      { query: "asdfghjkl", status: "none", id: null, question: null, candidates: [] },
      { query: "ISO 10002", status: "answered", id: "iso-10002" },
    ]);
    const [first] = lines;
    expect(first?.confidence).toBeGreaterThan(0);
    expect(first?.confidence).toBeLessThanOrEqual(1);
    expect(first?.candidates[0]).toEqual({ id: first?.id, question: first?.question, confidence: first?.confidence });
    const other = await run("ask", ["--json", "kargo ucreti ne kadar"], { env: { KNOWLEDGE_DIR: join(REPO_ROOT, "test", "fixtures", "knowledge-valid") } });
    expect(JSON.parse(other.stdout)).toMatchObject({ status: "answered", id: "export-1" });
  });

  it("ask answers a question, and reads stdin line by line", async () => {
    const one = await run("ask", ["--json", "crm nedir"]);
    expect(one).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(one.stdout)).toMatchObject({ query: "crm nedir", status: "answered", id: "crm-musteri-iliskileri" });
    const lines = await run("ask", [], { stdin: "crm nedir\nISO 10002\n" });
    expect(lines).toMatchObject({ code: 0, stderr: "" });
    expect(lines.stdout).toMatch(/^crm nedir\n {2}→ cevaplandı: crm-musteri-iliskileri/);
    expect(lines.stdout).toContain("ISO 10002\n  → cevaplandı: iso-10002");
  });

  it("ask fails with exit 1 on broken knowledge and on an invalid environment", async () => {
    expectFailure(await run("ask", ["crm nedir"], { env: { KNOWLEDGE_DIR: BROKEN } }), /knowledge-broken\/eksik-soru\.md:1: "question" satırı yok/);
    expectFailure(await run("ask", ["crm nedir"], { env: { MAX_MESSAGE_LENGTH: "lots" } }), /^\[config\] ortam değişkenleri geçersiz[^\n]*\n {2}MAX_MESSAGE_LENGTH: .*tam sayı olmalı/);
  });

  it("kb:check passes the real knowledge, fails a broken folder with exit 1, and refuses two folders", async () => {
    const ok = await run("kb:check", []);
    expect(ok).toMatchObject({ code: 0, stderr: "" });
    expect(ok.stdout).toMatch(/^knowledge: \d+ dosya, \d+ girdi, \d+ eş anlamlı grubu, 0 hata, \d+ uyarı — tamam\n$/m);
    const json = await run("kb:check", ["--json", KNOWLEDGE]);
    expect(JSON.parse(json.stdout)).toMatchObject({ errors: [] });
    const broken = await run("kb:check", [BROKEN]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/eksik-soru\.md:1: "question" satırı yok/);
    expect(broken.stdout).toMatch(/1 dosya, 0 girdi, 1 hata/);
    expectUsage(await run("kb:check", [KNOWLEDGE, BROKEN]), "kb:check", /^\[kb:check\] en çok bir klasör verilebilir, verilen: 2/);
  });

  it.each(["report", "kb:recommend"] as const)("%s says that no database was found where DATA_DIR points, instead of creating one", async (cli) => {
    const missing = join(tempDataDir(), "typo");
    const run0 = await run(cli, ["--json"], { env: { DATA_DIR: missing } });
    expect(run0.code).toBe(1);
    expect(run0.stdout).toBe("");
    expect(withoutNodeWarnings(run0.stderr)).toContain(`[${cli}] ${join(missing, "memnun.sqlite")} konumunda veritabanı bulunamadı; DATA_DIR'i`);
    expect(existsSync(missing)).toBe(false);
  });

  it("report prints an empty report on an empty database", async () => {
    const text = await run("report", [], { env: { DATA_DIR: emptyDataDir } });
    expect(text).toMatchObject({ code: 0, stderr: "" });
    expect(text.stdout).toMatch(/CSAT/);
    const json = await run("report", ["--json"], { env: { DATA_DIR: emptyDataDir } });
    expect(json).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(json.stdout)).toMatchObject({ answers: 0, csat: { responses: 0 }, unanswered: [], comments: [] });
  });

  it("report prints a full report as text, JSON and CSV", async () => {
    const env = { DATA_DIR: fullDataDir };
    const text = await run("report", [], { env });
    expect(text).toMatchObject({ code: 0, stderr: "" });
    expect(text.stdout).toMatch(/CSAT \(4–5 puan oranı\)\s+%0\s+1/);
    expect(text.stdout).toContain("kargom nerede");
    expect(text.stdout).toContain("Örnek yok");
    const json = await run("report", ["--json", "--since", "2026-11-20", "--until", "2026-11-20"], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ answers: 1, csat: { responses: 1 }, unanswered: [] });
    const csv = await run("report", ["--csv", "--table", "comments"], { env });
    expect(csv).toMatchObject({ code: 0, stderr: "" });
    expect(csv.stdout).toContain("Örnek yok");
  });

  it("report refuses malformed arguments with exit 2 before opening anything", async () => {
    const env = { DATABASE_URL: UNREACHABLE_DATABASE };
    expectUsage(await run("report", ["--since", "yesterday"], { env }), "report", /^\[report\] --since 2026-11-23 biçiminde bir tarih olmalı \(yıl-ay-gün\), verilen: "yesterday"/);
    expectUsage(await run("report", ["--csv", "--table", "users"], { env }), "report", /^\[report\] --table şunlardan biri olmalı: entries, /);
    expectUsage(await run("report", ["--json", "--csv"], { env }), "report", /^\[report\] --json ve --csv birlikte kullanılamaz/);
    expectUsage(await run("report", ["--table", "entries"], { env }), "report", /^\[report\] --table yalnızca --csv ile kullanılır/);
  });

  it("kb:export creates --out's missing folders, as kb:import does (QA 48 #13), and says in Turkish why it cannot, exits 1 and writes nothing", async () => {
    const root = tempDataDir();
    const created = join(root, "yok", "alt", "bilgi.qna");
    const written = await tsxRun("bot/cli/kb-export.ts", ["--qna", "--out", created]);
    expect(written.code).toBe(0);
    expect(readFileSync(created, "utf8")).toMatch(/^# \? /m);
    const below = join(created, "alt", "bilgi.qna");
    const done = await tsxRun("bot/cli/kb-export.ts", ["--qna", "--out", below]);
    expect(done).toMatchObject({ code: 1, stdout: "" });
    expect(withoutNodeWarnings(done.stderr)).toBe(`[kb:export] ${join(created, "alt")} klasörü oluşturulamadı: yolundaki bir ad klasör değil, dosya\n`);
    expect(existsSync(below)).toBe(false);
  });

  it("kb:import says in Turkish which folder it cannot create when --out is a file, with exit 1 (QA 47 #7: Node's English EEXIST)", async () => {
    const root = tempDataDir();
    const qna = join(root, "sss.qna");
    writeFileSync(qna, "# ? Kargom nerede?\n- kargo nerede\n```\nTakip numaranızla sorgulayın.\n```\n");
    const file = join(root, "bir-dosya");
    writeFileSync(file, "klasör değil\n");
    const done = await tsxRun("bot/cli/kb-import.ts", [qna, "--out", file]);
    expect(done).toMatchObject({ code: 1, stdout: "" });
    expect(withoutNodeWarnings(done.stderr)).toBe(`[kb:import] ${file} klasörü oluşturulamadı: bu ad bir dosyanın, klasör değil\n`);
    const below = await tsxRun("bot/cli/kb-import.ts", [qna, "--out", join(file, "alt")]);
    expect(below).toMatchObject({ code: 1, stdout: "" });
    expect(withoutNodeWarnings(below.stderr)).toBe(`[kb:import] ${join(file, "alt")} klasörü oluşturulamadı: yolundaki bir ad klasör değil, dosya\n`);
    expect(readFileSync(file, "utf8")).toBe("klasör değil\n");
  });

  it.each(["report", "kb:recommend"] as const)("%s says in Turkish, with exit 1, that the database is unreachable, its password hidden", async (cli) => {
    const done = await run(cli, ["--json"], { env: { DATABASE_URL: UNREACHABLE_DATABASE_WITH_PASSWORD } });
    expectFailure(done, /^\[\S+\] PostgreSQL veritabanına bağlanılamadı/);
    expect(withoutNodeWarnings(done.stderr)).toBe(
      `[${cli}] PostgreSQL veritabanına bağlanılamadı (postgres://postgres:***@127.0.0.1:1/memnun): bağlantı reddedildi (sunucu çalışmıyor ya da adres veya port yanlış); ` +
        "DATABASE_URL'i ve veritabanı sunucusunun çalıştığını denetleyin\n",
    );
    expect(done.stderr).not.toContain("a-secret-password");
  });

  it.each(["report", "kb:recommend"] as const)("%s says in Turkish, with exit 1, that the SQLite file is no database", async (cli) => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, "memnun.sqlite"), "not a database, only text long enough to be read as a page header ".repeat(8));
    const done = await run(cli, [], { env: { DATA_DIR: dataDir } });
    expectFailure(done, /^\[\S+\] SQLite veritabanı açılamadı/);
    expect(withoutNodeWarnings(done.stderr)).toBe(`[${cli}] SQLite veritabanı açılamadı (${join(dataDir, "memnun.sqlite")}): dosya bir SQLite veritabanı değil; DATA_DIR'i denetleyin\n`);
  });

  it("kb:recommend prints recommendations from the recorded picks, and nothing to apply on an empty database", async () => {
    const full = await run("kb:recommend", ["--json"], { env: { DATA_DIR: fullDataDir } });
    expect(full).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(full.stdout)).toMatchObject({ alternates: [expect.objectContaining({ entryId: "memnuniyet-modelleri" })] });
    const empty = await run("kb:recommend", ["--apply"], { env: { DATA_DIR: emptyDataDir } });
    expect(empty).toMatchObject({ code: 0, stdout: "eklenecek öneri yok\n", stderr: "" });
  });

  it("kb:recommend --apply writes the alternates into a copy of the knowledge", async () => {
    const knowledgeDir = join(tempDataDir(), "knowledge");
    cpSync(KNOWLEDGE, knowledgeDir, { recursive: true });
    const applied = await run("kb:recommend", ["--apply"], { env: { DATA_DIR: fullDataDir, KNOWLEDGE_DIR: knowledgeDir } });
    expect(applied).toMatchObject({ code: 0, stderr: "" });
    expect(applied.stdout).toContain('olcum/memnuniyet-modelleri.md: eklendi "Memnuniyet ölçme?"');
    expect(readFileSync(join(knowledgeDir, "olcum", "memnuniyet-modelleri.md"), "utf8")).toContain('  - "Memnuniyet ölçme?"');
  });

  it("kb:recommend fails with exit 1 on broken knowledge and exits 2 on a bad --min-count or an --entry that does not exist", async () => {
    expectFailure(await run("kb:recommend", [], { env: { DATA_DIR: emptyDataDir, KNOWLEDGE_DIR: BROKEN } }), /eksik-soru\.md:1: "question" satırı yok/);
    expectUsage(await run("kb:recommend", ["--apply", "--min-count", "0"], { env: { DATA_DIR: emptyDataDir } }), "kb:recommend", /^\[kb:recommend\] --min-count 1 ya da daha büyük bir tam sayı olmalı/);
    expectUsage(
      await run("kb:recommend", ["--apply", "--entry", "nope", "--entry", "nps"], { env: { DATA_DIR: fullDataDir } }),
      "kb:recommend",
      /^\[kb:recommend\] --entry ile verilen girdi yok: "nope" \(girdilerin id'leri: npm run kb:check -- --json\)\n/,
    );
  });

  it("kb:recommend says in Turkish why it proposes an alternate, and --apply writes a text picked for two entries into neither", async () => {
    const dataDir = await contestedDatabase();
    const text = await run("kb:recommend", [], { env: { DATA_DIR: dataDir } });
    expect(text).toMatchObject({ code: 0, stderr: "" });
    expect(text.stdout).toMatch(
      /sadakat +"şunu mu demek istediniz" listesinden 1 kişi seçti \(1 kez\); bugün: belirsiz \(en yakın: memnuniyet-ve-sadakat, 0,\d+\); aynı soru başka girdi için de seçildi: sadakat-memnuniyet-farki \(1 kişi\); hangisine ait olduğuna siz karar verin, --apply eklemez/,
    );
    expect(text.stdout).toContain("aynı soru başka girdi için de seçildi: memnuniyet-ve-sadakat (1 kişi)");
    expect(text.stdout).not.toMatch(/chosen by|today:|did you mean/);

    const knowledgeDir = join(tempDataDir(), "knowledge");
    cpSync(KNOWLEDGE, knowledgeDir, { recursive: true });
    const files = ["kavramlar/memnuniyet-ve-sadakat.md", "kavramlar/sadakat-memnuniyet-farki.md"];
    const before = files.map((file) => readFileSync(join(knowledgeDir, file), "utf8"));
    const applied = await run("kb:recommend", ["--apply", "--min-count", "1"], { env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir } });
    expect(applied).toMatchObject({ code: 0, stdout: "eklenecek öneri yok\n" });
    expect(withoutNodeWarnings(applied.stderr).split("\n")).toEqual([
      '[kb:recommend] kavramlar/memnuniyet-ve-sadakat.md: "sadakat" eklenmedi: aynı soru başka girdi için de seçildi: sadakat-memnuniyet-farki (1 kişi); hangisine ait olduğuna siz karar verin, --apply eklemez',
      '[kb:recommend] kavramlar/sadakat-memnuniyet-farki.md: "sadakat" eklenmedi: aynı soru başka girdi için de seçildi: memnuniyet-ve-sadakat (1 kişi); hangisine ait olduğuna siz karar verin, --apply eklemez',
      "",
    ]);
    expect(files.map((file) => readFileSync(join(knowledgeDir, file), "utf8"))).toEqual(before);
  });
});

describe("failures before anything runs (built)", () => {
  it("the server refuses an invalid environment with exit 1 and the reason on stderr", async () => {
    const run = await runProcess(process.execPath, ["dist/bot/index.js"], { env: { PORT: "99999", DATA_DIR: emptyDataDir } });
    expectFailure(run, /^\[config\] invalid environment:\n {2}PORT: must be a whole number from 0 to 65535/);
  });

  it("report refuses a data folder that is not one with exit 1", async () => {
    const file = join(tempDataDir(), "not-a-folder");
    writeFileSync(file, "");
    const run = await runProcess(process.execPath, ["dist/bot/cli/report.js"], { env: { DATA_DIR: file } });
    expectFailure(run, /^\[report\] \S+ konumunda veritabanı bulunamadı/);
  });
});

/**
 * The build's last step indexes the knowledge with the compiled matcher, so the bot's first start
 * reads no word with the analyser (`bot/cli/kb-keep.ts`). The build in `beforeAll` ran it into the
 * folder the bot reads; these runs keep into folders of their own.
 */
describe("the build's last step, kb-keep", () => {
  const KB_KEEP = "dist/bot/cli/kb-keep.js";

  it("keeps the readings of the knowledge's words once per build, and skips when they are kept", async () => {
    const dir = tempDataDir();
    const first = await runProcess(process.execPath, [KB_KEEP, "--keep-dir", dir], { env: { KNOWLEDGE_DIR: KNOWLEDGE } });
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(/^okumalar saklandı: knowledge \(\d+ girdi\) ve yerleşik listeler\n$/);
    // the words of the shipped questions, as typed (every one is looked up when the index is built)
    expect(keptWords(dir)).toEqual(expect.arrayContaining(["müşteri", "memnuniyeti", "ölçülür"]));
    const again = await runProcess(process.execPath, [KB_KEEP, "--keep-dir", dir], { env: { KNOWLEDGE_DIR: KNOWLEDGE } });
    expect(again).toMatchObject({ code: 0, stderr: "", stdout: "okumalar bu derleme için zaten saklı: atlandı\n" });
    // the build itself kept them where the bot reads them
    const built = await runProcess(process.execPath, [KB_KEEP], { env: { KNOWLEDGE_DIR: KNOWLEDGE } });
    expect(built).toMatchObject({ code: 0, stderr: "", stdout: "okumalar bu derleme için zaten saklı: atlandı\n" });
  });

  it("never fails a build over the environment or the knowledge: it says what it read and exits 0", async () => {
    const invalid = await runProcess(process.execPath, [KB_KEEP, "--keep-dir", tempDataDir()], { env: { PORT: "abc" } });
    expect(invalid).toMatchObject({ code: 0, stderr: "" });
    expect(invalid.stdout).toMatch(/^ortam değişkenleri geçersiz: yalnızca paketle gelen bilgi klasörü okunuyor[^\n]*\nokumalar saklandı: knowledge \(\d+ girdi\) ve yerleşik listeler\n$/);
    // a folder nothing can be kept in (here under a file): skipped rather than indexed for nothing on every start
    const underFile = join(KNOWLEDGE, "synonyms.yaml", "cache");
    const readOnly = await runProcess(process.execPath, [KB_KEEP, "--keep-dir", underFile], { env: { KNOWLEDGE_DIR: KNOWLEDGE } });
    expect(readOnly).toMatchObject({ code: 0, stderr: "", stdout: `${underFile} klasörüne yazılamıyor: okumalar saklanamaz, atlandı (bot ilk açılışta kelimeleri kendisi okur)\n` });
    const broken = await runProcess(process.execPath, [KB_KEEP, "--keep-dir", tempDataDir()], { env: { KNOWLEDGE_DIR: BROKEN } });
    expect(broken).toMatchObject({ code: 0, stderr: "", stdout: "test/fixtures/knowledge-broken: okunacak girdi yok; hiçbir şey saklanmadı (hatalar için: npm run kb:check)\n" });
  });

  it("prints its usage with --help and refuses an unknown option with exit 2", async () => {
    const help = await runProcess(process.execPath, [KB_KEEP, "--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain("kullanım: npm run build (son adımı: node dist/bot/cli/kb-keep.js [--keep-dir klasör])");
    const wrong = await runProcess(process.execPath, [KB_KEEP, "--colour"]);
    expect(wrong).toMatchObject({ code: 2, stdout: "" });
    expect(wrong.stderr).toMatch(/^\[kb:keep\] bilinmeyen seçenek '--colour'\n/);
  });
});

describe("the server, built", () => {
  /**
   * The built server run directly, and as `npm start` runs it. A container's stop and most process
   * managers signal the command they started, there npm: npm passes the signal to its script's
   * shell, and the script `exec`s node, so the shell is node and it stops cleanly (without `exec`
   * the shell died and left the bot running, orphaned). `--ignore-scripts` skips `prestart` (the
   * build above already ran), not the start script.
   */
  it.each([
    ["node dist/bot/index.js", "SIGTERM", process.execPath, ["dist/bot/index.js"]],
    ["node dist/bot/index.js", "SIGINT", process.execPath, ["dist/bot/index.js"]],
    ["npm start", "SIGTERM", "npm", ["start", "--silent", "--ignore-scripts"]],
  ] as const)("%s answers, then on %s logs its stop line last and exits 0", async (_name, signal, command, args) => {
    const server = await startProcess(command, args, {
      env: { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", DATA_DIR: tempDataDir(), KNOWLEDGE_DIR: KNOWLEDGE },
    });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    server.child.kill(signal);
    const done = await server.finished;
    expect(done).toMatchObject({ code: 0, signal: null });
    expect(withoutNodeWarnings(done.stderr)).toBe("");
    const lines = done.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string; signal?: string });
    expect(lines.find((line) => line.msg === "[server] signal received")).toMatchObject({ signal });
    expect(lines.at(-1)?.msg).toBe("[server] stopped");
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
