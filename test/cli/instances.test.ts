import { existsSync } from "node:fs";
import { join } from "node:path";
import { LOCK_FILE } from "../../bot/storage/instance-lock";
import { tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, startProcess, tsxRun, withoutNodeWarnings, type Started } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const SERVER = ["--import", "tsx", "bot/index.ts"];

/** A second server on the same port or the same SQLite folder is refused at once, as a user would start it. */
describe("one instance per port and per SQLite folder", () => {
  let first: Started | undefined;
  afterEach(async () => {
    if (first && first.child.exitCode === null) {
      first.child.kill("SIGTERM");
      await first.finished;
    }
  });

  it("refuses a second server on the same port and on the same DATA_DIR, naming the reason; a lock left by a killed server is taken over", async () => {
    const dataDir = tempDataDir();
    first = await startProcess(process.execPath, SERVER, { env: { PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "info" } });
    const port = new URL(first.url).port;
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);

    const samePort = await tsxRun("bot/index.ts", [], { env: { PORT: port, DATA_DIR: tempDataDir() } });
    expect(samePort.code).toBe(1);
    expect(withoutNodeWarnings(samePort.stderr)).toBe(`[server] port ${port} on 127.0.0.1 is already in use (another Memnun?); stop it or set PORT\n`);

    const sameFolder = await tsxRun("bot/index.ts", [], { env: { PORT: "0", DATA_DIR: dataDir } });
    expect(sameFolder.code).toBe(1);
    expect(withoutNodeWarnings(sameFolder.stderr)).toMatch(/^\[storage\] DATA_DIR .* is in use by another Memnun \(process \d+\); run one instance per SQLite folder/);
    expect(sameFolder.stdout).not.toContain("[knowledge] loaded");

    // kill -9 leaves the lock behind; the next start takes it over
    first.child.kill("SIGKILL");
    await first.finished;
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
    first = await startProcess(process.execPath, SERVER, { env: { PORT: "0", DATA_DIR: dataDir } });
    first.child.kill("SIGTERM");
    expect((await first.finished).code).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it("names HOST when it is no address of this machine, before anything is loaded", async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): reserved for documentation, assigned to no machine
    const elsewhere = await tsxRun("bot/index.ts", [], { env: { PORT: "0", HOST: "192.0.2.1", DATA_DIR: tempDataDir() } });
    expect(elsewhere.code).toBe(1);
    expect(withoutNodeWarnings(elsewhere.stderr)).toBe("[server] HOST 192.0.2.1 is not an address of this machine; set HOST to one of its addresses, 127.0.0.1, or 0.0.0.0 for every interface\n");
    expect(elsewhere.stdout).not.toContain("[knowledge] loaded");
  });
});
