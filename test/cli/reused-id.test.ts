import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEPT_VERSIONS_FILE } from "../../bot/knowledge/kept-versions";
import { healthDetails, REPO_ROOT, TEST_DASHBOARD_TOKEN, tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, npmRun, startProcess, type Started } from "../helpers/cli";
import { waitFor } from "../helpers/wait";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/**
 * QA 46, bug 1: an editor changes an entry's id to one another file has. A running server charges
 * the edited file and keeps its last good version; a fresh process (a restart, `npm run ask`,
 * `npm run kb:check`) must do the same, on a copy of the shipped knowledge as users run them.
 */

const SERVER = ["--import", "tsx", "bot/index.ts"];

interface AskLine {
  status: string;
  id?: string;
  question?: string;
}

interface BrokenFiles {
  status: string;
  knowledge: { brokenFiles: Array<{ file: string; serving: string; errors: Array<{ line: number; message: string }> }> };
}

const TAKES_NPS = 'kavramlar/musteri-deneyimi.md:2: "nps" id\'si başka bir girdide de kullanılıyor (olcum/nps.md:2); her girdinin id\'si farklı olmalı';

describe("an id reused by an edit, in fresh processes", () => {
  let knowledge: string;
  let dataDir: string;
  let server: Started | undefined;
  const env = (): Record<string, string> => ({ KNOWLEDGE_DIR: knowledge, DATA_DIR: dataDir });
  /** Sets a file's `id:` line (line 2 in every shipped entry). */
  const setId = (file: string, id: string): void => {
    const path = join(knowledge, file);
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines[1]).toMatch(/^id: /);
    lines[1] = `id: ${id}`;
    writeFileSync(path, lines.join("\n"));
  };
  const check = async (): Promise<{ code: number | null; errors: string[]; warnings: string[] }> => {
    const done = await npmRun("kb:check", [], { env: env() });
    const lines = done.stdout.split("\n");
    const strip = (line: string): string => line.replace(/^(hata |uyarı) /, "").replace(`${knowledge}/`, "");
    return { code: done.code, errors: lines.filter((l) => l.startsWith("hata")).map(strip), warnings: lines.filter((l) => l.startsWith("uyarı")).map(strip) };
  };
  const ask = async (...questions: string[]): Promise<AskLine[]> => {
    const done = await npmRun("ask", ["--json"], { env: env(), stdin: questions.map((q) => `${q}\n`).join("") });
    expect(done.code).toBe(0);
    return done.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as AskLine);
  };
  const startServer = (): Promise<Started> =>
    startProcess(process.execPath, SERVER, { env: { ...env(), PORT: "0", HOST: "127.0.0.1", DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN } });
  const stopServer = async (): Promise<void> => {
    if (!server) return;
    server.child.kill("SIGTERM");
    expect(await server.finished).toMatchObject({ code: 0 });
    server = undefined;
  };

  beforeEach(() => {
    knowledge = mkdtempSync(join(tmpdir(), "memnun-kb-"));
    cpSync(join(REPO_ROOT, "knowledge"), knowledge, { recursive: true });
    dataDir = tempDataDir();
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.finished;
    }
    server = undefined;
    rmSync(knowledge, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("without the server's history: kb:check blames only the edited file, and ask still answers nps from nps.md", async () => {
    setId("kavramlar/musteri-deneyimi.md", "nps");
    const [checked, answers] = await Promise.all([check(), ask("nps nedir", "musteri deneyimi nedir")]);
    expect(checked.code).toBe(1);
    expect(checked.errors).toEqual([TAKES_NPS]);
    // the files linking to the edited one are served; the link waits for the fix
    expect(checked.warnings).toEqual([
      expect.stringMatching(/^iletisim-ve-crm\/musteri-iletisimi\.md:13: "related" içindeki "musteri-deneyimi" adında bir girdi yok; hatalı bir dosyada olabilir \(kavramlar\/musteri-deneyimi\.md\)/),
      expect.stringMatching(/^olcum\/davranis-modelleri\.md:13: "related" içindeki "musteri-deneyimi" adında bir girdi yok; hatalı bir dosyada olabilir \(kavramlar\/musteri-deneyimi\.md\)/),
    ]);
    expect(answers[0]).toMatchObject({ status: "answered", id: "nps", question: "NPS (Net Tavsiye Skoru) nedir, nasıl hesaplanır?" });
    expect(answers[1]?.id).not.toBe("nps");
  });

  it("without the server's history: an id taken by a file that links to it is a duplicate, not a link to itself", async () => {
    setId("olcum/csat.md", "ces");
    const checked = await check();
    expect(checked.errors).toEqual(['olcum/csat.md:2: "ces" id\'si başka bir girdide de kullanılıyor (olcum/ces.md:2); her girdinin id\'si farklı olmalı']);
    expect(checked.warnings.map((warning) => warning.replace(/:\d+: .*/, ""))).toEqual(["olcum/ces.md", "olcum/memnuniyet-modelleri.md", "olcum/nps.md"]);
    expect(checked.warnings.every((warning) => warning.includes("hatalı bir dosyada olabilir (olcum/csat.md)"))).toBe(true);
  });

  it("after the server ran: a restart, kb:check and ask serve what the running server served", async () => {
    server = await startServer();
    expect(existsSync(join(dataDir, KEPT_VERSIONS_FILE))).toBe(true);
    setId("kavramlar/musteri-deneyimi.md", "nps");
    const running = await waitFor(async () => {
      const health = (await healthDetails(server?.url ?? "")) as BrokenFiles;
      return health.status === "degraded" ? health : undefined;
    }, "the running server to refuse the edit");
    const refused = [{ file: expect.stringMatching(/kavramlar\/musteri-deneyimi\.md$/), serving: "last-good", errors: [{ line: 2, message: TAKES_NPS.replace(/^[^ ]+ /, "") }] }];
    expect(running.knowledge.brokenFiles).toEqual(refused);
    await stopServer();

    const [checked, answers] = await Promise.all([check(), ask("nps nedir", "musteri deneyimi nedir")]);
    expect(checked).toEqual({ code: 1, errors: [TAKES_NPS], warnings: [] });
    expect(answers.map((answer) => answer.id)).toEqual(["nps", "musteri-deneyimi"]);
    expect(answers[1]).toMatchObject({ status: "answered", question: "Müşteri deneyimi nedir?" });

    server = await startServer();
    const restarted = (await healthDetails(server.url)) as BrokenFiles;
    expect(restarted.knowledge.brokenFiles).toEqual(refused);
    await stopServer();
  });
});
