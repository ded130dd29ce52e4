import { join } from "node:path";
import { openDatabase } from "../../bot/storage/database";
import { REPO_ROOT, tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, npmRun, tsxRun } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const OUTCOMES = join(REPO_ROOT, "test", "fixtures", "cli", "outcomes.ts");

describe("a CLI that opens the SQLite database prints its result before it exits", () => {
  it.each([
    ["kb:recommend", "alternates"],
    ["report", "answers"],
  ])("npm run %s -- --json prints one JSON object and exits 0", async (script, field) => {
    const dataDir = tempDataDir();
    // report refuses a DATA_DIR without a database (a mistyped one): there is one, empty
    await (await openDatabase({ dataDir })).close();
    // twice: the process used to end before printing in most runs, not all
    for (const _ of [1, 2]) {
      const run = await npmRun(script, ["--json"], { env: { DATA_DIR: dataDir } });
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(JSON.parse(run.stdout)).toHaveProperty(field);
    }
  });
});

describe("runMain", () => {
  it("exits with the command's code", async () => {
    expect(await tsxRun(OUTCOMES, ["ok"])).toMatchObject({ code: 0, stdout: "done\n", stderr: "" });
    expect(await tsxRun(OUTCOMES, ["fails"])).toMatchObject({ code: 1, stdout: "" });
  });

  it("prints an unexpected error on stderr and exits 1", async () => {
    expect(await tsxRun(OUTCOMES, ["throws"])).toMatchObject({ code: 1, stdout: "", stderr: "[outcomes] it broke\n" });
  });

  it("treats a process that would end while the command is still pending as a failure, not success", async () => {
    const run = await tsxRun(OUTCOMES, ["pending"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^\[outcomes\] iç hata: süreç komut bitmeden sona erdi/);
  });
});
