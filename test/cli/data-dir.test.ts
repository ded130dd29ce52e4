import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, runProcess, withoutNodeWarnings, type RunOptions } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/** `nobody` on Debian: who runs a command when the test runs as root, for whom a folder's mode is no limit. */
const NOBODY = { uid: 65534, gid: 65534 };

const checkConfig = (env: Record<string, string>, options: RunOptions = {}) => runProcess(process.execPath, ["--import", "tsx", "bot/cli/check-config.ts"], { ...options, env: { ...options.env, ...env } });
/** The server itself, as `npm start` runs it after the check (or as `node dist/bot/index.js` without it). */
const server = (env: Record<string, string>, options: RunOptions = {}) =>
  runProcess(process.execPath, ["--disable-warning=DEP0111", "--import", "tsx", "bot/index.ts"], { ...options, env: { ...options.env, PORT: "0", HOST: "127.0.0.1", ...env } });

/** A file, and paths below it. */
function aFile(): string {
  const file = join(tempDataDir(), "afile");
  writeFileSync(file, "x");
  return file;
}

describe("DATA_DIR problems are named as DATA_DIR's, in check:config (Turkish) and at start (English), never as Node's EEXIST (QA 48 bug 5)", () => {
  it("a file: npm start stops at the check, the server alone says it in one line", async () => {
    const file = aFile();
    const started = await runProcess("npm", ["start", "--silent"], { env: { DATA_DIR: file } });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(`[config] DATA_DIR: ${file} bir dosya, klasör değil; DATA_DIR'e bir klasör verin`);
    const alone = await server({ DATA_DIR: file });
    expect(alone.code).toBe(1);
    expect(withoutNodeWarnings(alone.stderr)).toBe(`[storage] DATA_DIR ${file} is a file, not a folder; set DATA_DIR to a folder\n`);
  });

  it("a path below a file", async () => {
    const file = aFile();
    const below = join(file, "sub");
    const checked = await checkConfig({ DATA_DIR: below });
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`[config] DATA_DIR: ${below} oluşturulamaz: ${file} bir dosya, klasör değil`);
    const alone = await server({ DATA_DIR: below });
    expect(alone.code).toBe(1);
    expect(withoutNodeWarnings(alone.stderr)).toBe(`[storage] DATA_DIR ${below} cannot be created: ${file} is a file, not a folder; set DATA_DIR to a folder\n`);
  });

  it("a folder the process may not write, or not create", async () => {
    const root = tempDataDir();
    // reachable by the other user; the folder below it is not theirs to write
    chmodSync(root, 0o755);
    const parent = join(root, "read-only");
    mkdirSync(parent);
    chmodSync(parent, 0o555);
    const options: RunOptions = process.getuid?.() === 0 ? { user: NOBODY, env: { HOME: tempDataDir() } } : {};
    if (options.env?.HOME) chmodSync(options.env.HOME, 0o777);
    const missing = join(parent, "sub");
    const cannotCreate = await checkConfig({ DATA_DIR: missing }, options);
    expect(cannotCreate.code).toBe(1);
    expect(cannotCreate.stderr).toContain(`[config] DATA_DIR: ${missing} oluşturulamaz (${missing}: izin yok)`);
    const notWritable = await checkConfig({ DATA_DIR: parent }, options);
    expect(notWritable.code).toBe(1);
    expect(notWritable.stderr).toContain(`[config] DATA_DIR: ${parent} klasörüne yazılamıyor (izin yok)`);
    for (const [dir, said] of [
      [missing, `[storage] DATA_DIR ${missing} cannot be created (${missing}: permission denied)`],
      [parent, `[storage] DATA_DIR ${parent} is not writable (permission denied)`],
    ] as const) {
      const alone = await server({ DATA_DIR: dir }, options);
      expect(alone.code).toBe(1);
      expect(withoutNodeWarnings(alone.stderr)).toMatch(new RegExp(`^${said.replace(/[()[\]/.]/g, "\\$&")}[^\\n]*\\n$`));
    }
  });

  it("a folder the system does not allow (/proc) stops the start at once instead of hanging", async () => {
    // it looped at full CPU for ever: killed well before jest gives up, so a hang fails here without outliving the test
    const alone = await server({ DATA_DIR: "/proc/nonexist/x" }, { killAfterMs: PROCESS_TEST_TIMEOUT_MS / 2 });
    expect(alone.code).toBe(1);
    expect(withoutNodeWarnings(alone.stderr)).toMatch(/^\[storage\] DATA_DIR \/proc\/nonexist\/x cannot be created \(\/proc\/nonexist: [^\n]+\n$/);
  });

  it("KNOWLEDGE_DIR naming a file is said to be a file, not missing", async () => {
    const file = aFile();
    const checked = await checkConfig({ KNOWLEDGE_DIR: file });
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`[config] KNOWLEDGE_DIR: ${file} bir dosya, klasör değil`);
  });
});
