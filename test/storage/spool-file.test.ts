import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AtomicWriteError } from "../../bot/atomic-file";
import { readSpoolLines, SpoolFile, SpoolNotOpenError, type SpoolFiles } from "../../bot/storage/spool-file";
import { errorCode } from "../../bot/system-error";
import { temporaryFolders } from "../helpers/temp";

const tempDir = temporaryFolders("spool");

/** The longest file name most file systems take (NAME_MAX): a spool this long is fine, its replacement's temporary file is not. */
const LONGEST_NAME = 255;

/**
 * A disk that fills up in the middle of a line: while `full`, the first half of what is appended
 * reaches the file and the rest goes to /dev/full, where the kernel answers ENOSPC.
 */
class FillingDisk implements SpoolFiles {
  full = false;
  append(fd: number, text: string): void {
    if (this.full) {
      writeSync(fd, text.slice(0, Math.floor(text.length / 2)));
      const device = openSync("/dev/full", "w");
      try {
        writeSync(device, text.slice(Math.floor(text.length / 2)));
      } finally {
        closeSync(device);
      }
    }
    writeSync(fd, text);
    fsyncSync(fd);
  }
}

const values = (file: string): unknown[] => readSpoolLines(file).map((line) => line.value);

describe("a spool file", () => {
  it("appends JSON lines and reads them back in order, skipping blank lines and a line torn by a crash", () => {
    const file = join(tempDir(), "alt", "spool.jsonl");
    const spool = new SpoolFile(file);
    expect(() => spool.append([{ n: 0 }])).toThrow(SpoolNotOpenError);
    spool.open();
    spool.append([{ n: 1 }, { n: 2, metin: "şikâyet\n" }]);
    spool.probe();
    spool.append(["üç"]);
    spool.close();
    appendFileSync(file, '{"n":4,"yar');
    expect(readSpoolLines(file)).toEqual([
      { text: '{"n":1}', value: { n: 1 } },
      { text: '{"n":2,"metin":"şikâyet\\n"}', value: { n: 2, metin: "şikâyet\n" } },
      { text: '"üç"', value: "üç" },
    ]);
    expect(readSpoolLines(join(tempDir(), "yok.jsonl"))).toEqual([]);
  });

  it("takes back the part of a line a full disk cut off, so the spool reads as before and the next line is whole", () => {
    const file = join(tempDir(), "spool.jsonl");
    const disk = new FillingDisk();
    const spool = new SpoolFile(file, disk);
    spool.open();
    spool.append([{ n: 1 }]);
    const before = readFileSync(file, "utf8");
    disk.full = true;
    const failed: unknown = (() => {
      try {
        spool.append([{ n: 2, metin: "x".repeat(100) }]);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(errorCode(failed)).toBe("ENOSPC");
    expect(readFileSync(file, "utf8")).toBe(before);
    disk.full = false;
    spool.append([{ n: 3 }]);
    spool.close();
    expect(values(file)).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it("replaces its lines whole by a new file renamed over it, and appends to that file afterwards", () => {
    const dir = tempDir();
    const file = join(dir, "spool.jsonl");
    const spool = new SpoolFile(file);
    spool.open();
    spool.append([1, 2, 3]);
    const inode = statSync(file).ino;
    spool.replace([3]);
    expect(statSync(file).ino).not.toBe(inode);
    spool.append([4]);
    spool.replace([]);
    spool.append([5]);
    spool.close();
    expect(values(file)).toEqual([5]);
    expect(readdirSync(dir)).toEqual(["spool.jsonl"]);
  });

  it("keeps its old lines when the replacement cannot be written, and starts the next line on its own after a torn one", () => {
    const dir = tempDir();
    const file = join(dir, "s".repeat(LONGEST_NAME - ".jsonl".length) + ".jsonl");
    writeFileSync(file, '{"n":1}\n{"n":2,"yar');
    const spool = new SpoolFile(file);
    spool.open();
    let failed: unknown;
    try {
      spool.replace([{ n: 1 }]);
    } catch (error) {
      failed = error;
    }
    expect(failed).toBeInstanceOf(AtomicWriteError);
    expect(readFileSync(file, "utf8")).toBe('{"n":1}\n{"n":2,"yar');
    spool.append([{ n: 3 }]);
    spool.close();
    expect(values(file)).toEqual([{ n: 1 }, { n: 3 }]);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it("writes a spool that is no regular file (a device) in place, and never reads it back", () => {
    const dir = tempDir();
    const file = join(dir, "spool.jsonl");
    symlinkSync("/dev/full", file);
    const spool = new SpoolFile(file);
    spool.open();
    expect(readSpoolLines(file)).toEqual([]);
    const failures = [() => spool.append([{ n: 1 }]), () => spool.replace([{ n: 1 }]), () => spool.probe()].map((write) => {
      try {
        write();
        return "written";
      } catch (error) {
        return errorCode(error);
      }
    });
    spool.close();
    expect(failures).toEqual(["ENOSPC", "ENOSPC", "ENOSPC"]);
    // still the device: a replacement renamed over it would have made it a file
    expect(existsSync(file) && statSync(file).isCharacterDevice()).toBe(true);
  });
});
