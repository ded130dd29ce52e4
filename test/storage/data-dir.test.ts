import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DataDirError, inspectDataDir, prepareDataDir } from "../../bot/storage/data-dir";
import { lockDataDir } from "../../bot/storage/instance-lock";
import { tempDataDir } from "../helpers/app";

describe("DATA_DIR, checked and made (QA 48 bug 5)", () => {
  it("makes a missing folder and the folders above it, one at a time", async () => {
    const dir = join(tempDataDir(), "a", "b", "c");
    expect(await inspectDataDir(dir)).toBeNull();
    expect(existsSync(dir)).toBe(false);
    await prepareDataDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    await prepareDataDir(dir);
  });

  it("names a file in DATA_DIR's place, or above it, in the check and when made, naming DATA_DIR", async () => {
    const file = join(tempDataDir(), "afile");
    writeFileSync(file, "x");
    expect(await inspectDataDir(file)).toEqual({ kind: "not-a-folder", path: file });
    await expect(prepareDataDir(file)).rejects.toThrow(`[storage] DATA_DIR ${file} is a file, not a folder; set DATA_DIR to a folder`);
    const below = join(file, "sub", "x");
    expect(await inspectDataDir(below)).toEqual({ kind: "not-a-folder", path: file });
    await expect(lockDataDir(below)).rejects.toThrow(`[storage] DATA_DIR ${below} cannot be created: ${file} is a file, not a folder; set DATA_DIR to a folder`);
  });

  it("refuses a folder the system does not allow (under /proc) at once, where mkdir's recursive option looped for ever", async () => {
    const refused = prepareDataDir("/proc/nonexist/x");
    await expect(refused).rejects.toBeInstanceOf(DataDirError);
    await expect(refused).rejects.toThrow(/^\[storage\] DATA_DIR \/proc\/nonexist\/x cannot be created \(\/proc\/nonexist: /);
  });
});
