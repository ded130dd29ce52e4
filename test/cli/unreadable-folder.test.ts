import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emulatorActivity, healthDetails, post, REPO_ROOT, TEST_DASHBOARD_TOKEN } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, runProcess, startProcess, unprivileged, type Finished, type Started } from "../helpers/cli";
import { LocalConnector } from "../helpers/connector";
import { waitFor } from "../helpers/wait";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/**
 * QA 48, bug 2: one sub-folder the bot may not read (a folder copied in with a restrictive mode or
 * owner) blocked every later edit, named the top folder, and after a restart the bot served no
 * entry at all, although the last good versions were kept; every CLI gave up. The processes run
 * as a user the mode keeps out (`unprivileged`: as root, `nobody` through setpriv), as the bot
 * runs in a container.
 */

interface Health {
  status: string;
  knowledge: { entries: number; brokenFiles: Array<{ file: string; serving: string; errors: Array<{ line: number; message: string }> }> };
}

const UNREADABLE = /^klasör okunamıyor: okuma izni yok; /;

describe("a knowledge sub-folder the bot may not read", () => {
  let base: string;
  let knowledge: string;
  let dataDir: string;
  let server: Started | undefined;
  let connector: LocalConnector;
  let conversation = 0;

  const env = (): Record<string, string> => ({ KNOWLEDGE_DIR: knowledge, DATA_DIR: dataDir, DOTENV_CONFIG_QUIET: "true" });
  const node = (file: string, args: readonly string[], stdin?: string): Promise<Finished> => {
    const [command, all] = unprivileged(process.execPath, ["--import", "tsx", file, ...args]);
    return runProcess(command, all, { env: env(), ...(stdin === undefined ? {} : { stdin }) });
  };
  const startServer = async (): Promise<Started> => {
    const [command, args] = unprivileged(process.execPath, ["--import", "tsx", "bot/index.ts"]);
    return startProcess(command, args, { env: { ...env(), PORT: "0", HOST: "127.0.0.1", DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN } });
  };
  const stopServer = async (): Promise<void> => {
    if (!server) return;
    server.child.kill("SIGTERM");
    expect(await server.finished).toMatchObject({ code: 0 });
    server = undefined;
  };
  const health = async (): Promise<Health> => (await healthDetails(server?.url ?? "")) as Health;
  /** The bot's reply to a question, over HTTP. */
  const ask = async (question: string): Promise<string> => {
    conversation += 1;
    const id = `conv-unreadable-${conversation}`;
    await post(`${server?.url ?? ""}/api/messages`, emulatorActivity(connector.url, id, { text: question }));
    const [reply] = await connector.waitForMessages(id, 1);
    return reply?.text ?? "";
  };
  const edit = (file: string, from: string, to: string): void => {
    const path = join(knowledge, file);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };

  beforeAll(async () => {
    connector = await new LocalConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), "memnun-unreadable-"));
    knowledge = join(base, "kb");
    dataDir = join(base, "data");
    cpSync(join(REPO_ROOT, "knowledge"), knowledge, { recursive: true });
    mkdirSync(dataDir);
    // open to the unprivileged user, as an operator's folders are to the bot's user (the copied files are readable by all)
    for (const path of [base, dataDir]) chmodSync(path, 0o777);
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.finished;
    }
    server = undefined;
    chmodSync(join(knowledge, "olcum"), 0o755);
    rmSync(base, { recursive: true, force: true });
  });

  it("is reported by its own path while every other edit goes live; a restart and the CLIs serve its last good versions", async () => {
    server = await startServer();
    expect(await ask("nps nedir")).toMatch(/Net Tavsiye Skoru|NPS/);
    chmodSync(join(knowledge, "olcum"), 0o000);
    edit("kavramlar/musteri-deneyimi.md", "**Müşteri deneyimi (CX)**", "**Müşteri deneyimi (CX) PERM-EDIT**");
    const refused = [{ file: `${knowledge}/olcum`, serving: "last-good", errors: [{ line: 0, message: expect.stringMatching(UNREADABLE) }] }];
    await waitFor(async () => (await ask("müşteri deneyimi nedir")).includes("PERM-EDIT"), "an edit outside the folder to go live");
    const running = await health();
    expect(running).toMatchObject({ status: "degraded", knowledge: { entries: 26, brokenFiles: refused } });
    expect(await ask("nps nedir")).toMatch(/NPS/);

    await stopServer();
    server = await startServer();
    expect(await health()).toMatchObject({ status: "degraded", knowledge: { entries: 26, brokenFiles: refused } });
    expect(await ask("nps nedir")).toMatch(/NPS/);
    await stopServer();

    const checked = await node("bot/cli/kb-check.ts", []);
    expect(checked.code).toBe(1);
    expect(checked.stdout.split("\n").filter((line) => line.startsWith("hata"))).toEqual([expect.stringMatching(new RegExp(`^hata  ${knowledge}/olcum: klasör okunamıyor: okuma izni yok; `))]);
    expect(checked.stdout).toMatch(/: 29 dosya, 26 girdi, .*1 hata/);
    const asked = await node("bot/cli/ask.ts", ["--json"], "nps nedir\nmüşteri deneyimi nedir\n");
    expect(asked.code).toBe(0);
    expect(asked.stdout.trim().split("\n").map((line) => (JSON.parse(line) as { id?: string }).id)).toEqual(["nps", "musteri-deneyimi"]);
    expect(asked.stderr).toMatch(/olcum: klasör okunamıyor/);
    const recommended = await node("bot/cli/kb-recommend.ts", ["--json"]);
    expect(recommended.code).toBe(0);
    expect(recommended.stderr).toMatch(/olcum: klasör okunamıyor/);
  });

  it("without kept versions, loads every other folder and names the one it cannot read; is watched again once readable", async () => {
    chmodSync(join(knowledge, "olcum"), 0o000);
    const checked = await node("bot/cli/kb-check.ts", []);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(new RegExp(`^hata  ${knowledge}/olcum: klasör okunamıyor: okuma izni yok; `, "m"));
    expect(checked.stdout).toMatch(/: 21 dosya, 18 girdi, .*1 hata/);

    server = await startServer();
    expect(await health()).toMatchObject({ status: "degraded", knowledge: { entries: 18, brokenFiles: [{ file: `${knowledge}/olcum`, serving: "nothing" }] } });
    chmodSync(join(knowledge, "olcum"), 0o755);
    await waitFor(async () => (await health()).status === "ok", "the folder to be read once it can be");
    expect((await health()).knowledge.entries).toBe(26);
    await stopServer();
  });
});
