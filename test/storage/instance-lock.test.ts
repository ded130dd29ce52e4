import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InstanceInUseError, LOCK_FILE, lockDataDir } from "../../bot/storage/instance-lock";
import { tempDataDir } from "../helpers/app";

describe("the DATA_DIR lock", () => {
  it("refuses a second holder, naming why for SQLite and for instances sharing PostgreSQL; released, it can be taken again", async () => {
    const dir = tempDataDir();
    const lock = await lockDataDir(dir, "shared");
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe(String(process.pid));
    await expect(lockDataDir(dir, "shared")).rejects.toThrow(/is in use by another Memnun \(process \d+\); give each instance its own DATA_DIR \(it holds the instance's feedback and alert spools\)$/);
    await expect(lockDataDir(dir)).rejects.toThrow(/run one instance per SQLite folder, or share PostgreSQL/);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(InstanceInUseError);
    await lock.release();
    await (await lockDataDir(dir)).release();
  });

  it("takes over a lock left by a process that is gone, also one that had this process's id (a container restarted after kill -9 is process 1 again)", async () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    for (const holder of [gone, String(process.pid)]) {
      const dir = tempDataDir();
      writeFileSync(join(dir, LOCK_FILE), holder);
      const lock = await lockDataDir(dir, "shared");
      expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe(String(process.pid));
      await lock.release();
    }
  });
});
