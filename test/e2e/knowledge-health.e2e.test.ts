import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningApp } from "../../bot/index";
import { healthDetails, REPO_ROOT, say, startTestApp, TEST_DASHBOARD_TOKEN, useRunningApp } from "../helpers/app";
import { waitFor } from "../helpers/wait";

interface KnowledgeHealth {
  status: string;
  knowledge: { entries: number; watching: boolean; brokenFiles: Array<{ file: string; serving: string; errors: Array<{ line: number; message: string }> }> };
}

describe("/healthz with a broken knowledge file", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ KNOWLEDGE_DIR: join(REPO_ROOT, "test", "fixtures", "knowledge-isolation"), DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN });
  });
  afterAll(() => app.close());

  it("serves the valid files, is degraded, and names the broken file and line", async () => {
    // the file names are details for an operator: they need the dashboard token
    const response = await fetch(`${app.url}/healthz`, { headers: { authorization: `Bearer ${TEST_DASHBOARD_TOKEN}` } });
    expect(response.status).toBe(200);
    const health = (await response.json()) as KnowledgeHealth;
    expect(health.status).toBe("degraded");
    expect(health.knowledge.entries).toBe(4);
    expect(health.knowledge.brokenFiles).toEqual([
      { file: expect.stringMatching(/knowledge-isolation\/bozuk\.md$/), serving: "nothing", errors: [{ line: 3, message: expect.stringMatching(/^YAML okunamadı: /) }] },
    ]);
    const anonymous = await fetch(`${app.url}/healthz`);
    expect(await anonymous.json()).toEqual({ status: "degraded" });
  });
});

const npsEntry = (answer: string): string => `---\nid: nps\nquestion: "NPS nedir?"\n---\n\n${answer}\n`;

describe("a knowledge folder deployed by switching a symlink (ln -sfn rel2 current.tmp && mv -T current.tmp current)", () => {
  const base = mkdtempSync(join(tmpdir(), "memnun-deploy-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const current = join(base, "current");
  // written before the app starts (useRunningApp's beforeAll)
  for (const [release, answer] of [
    ["rel1", "REL1: NPS, müşterilerin sizi tavsiye etme olasılığını ölçer."],
    ["rel2", "REL2: NPS, 0-10 arası bir tavsiye skorudur."],
  ] as const) {
    mkdirSync(join(base, release));
    writeFileSync(join(base, release, "nps.md"), npsEntry(answer));
  }
  symlinkSync("rel1", current);
  const running = useRunningApp({ KNOWLEDGE_DIR: current, DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN });
  let turn = 0;
  const ask = async (): Promise<string> => {
    turn += 1;
    const [reply] = await say(running.app(), running.connector(), `conv-deploy-${turn}`, "NPS nedir?");
    return reply?.text ?? "";
  };
  const health = async (): Promise<KnowledgeHealth> => (await healthDetails(running.app().url)) as KnowledgeHealth;

  it("serves the new release, and later edits in it, with /healthz ok", async () => {
    expect(await ask()).toMatch(/^REL1:/);
    await symlink("rel2", join(base, "current.tmp"));
    await rename(join(base, "current.tmp"), current);
    await waitFor(async () => /^REL2:/.test(await ask()), "the new release to be served");
    await writeFile(join(base, "rel2", "nps.md"), npsEntry("REL2-EDIT: NPS, 0-10 arası bir tavsiye skorudur."));
    await waitFor(async () => /^REL2-EDIT:/.test(await ask()), "an edit in the new release to be served");
    expect(await health()).toMatchObject({ status: "ok", knowledge: { watching: true, brokenFiles: [] } });
  });

  it("is degraded, naming the folder, while the folder is gone; answers from the last good knowledge meanwhile", async () => {
    await rm(current);
    const gone = await waitFor(async () => {
      const now = await health();
      return now.knowledge.brokenFiles.length > 0 ? now : undefined;
    }, "/healthz to say the folder is gone");
    expect(gone.status).toBe("degraded");
    expect(gone.knowledge).toMatchObject({ watching: false, brokenFiles: [{ file: current, serving: "last-good", errors: [{ line: 0, message: expect.stringMatching(/bilgi klasörü bulunamadı/) }] }] });
    expect(await ask()).toMatch(/^REL2-EDIT:/);
    await symlink("rel1", current);
    await waitFor(async () => /^REL1:/.test(await ask()), "the folder to be watched again once it is back");
    await waitFor(async () => (await health()).status === "ok", "/healthz ok again");
  });
});
