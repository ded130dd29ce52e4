import fs from "node:fs";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { AtomicWriteError, writeFileAtomic, writeFileAtomicSync } from "../../bot/atomic-file";
import { errorCode } from "../../bot/system-error";
import { temporaryFolders } from "../helpers/temp";

const tempDir = temporaryFolders("atomic");

/** Both forms, run by the same cases. */
const WRITERS: ReadonlyArray<[string, (path: string, data: string | Uint8Array) => Promise<void>]> = [
  ["writeFileAtomic", writeFileAtomic],
  ["writeFileAtomicSync", async (path, data) => writeFileAtomicSync(path, data)],
];

/** The longest file name most file systems take (NAME_MAX): a target this long is fine, its temporary file's name is not. */
const LONGEST_NAME = 255;

async function failure(write: Promise<void>): Promise<AtomicWriteError> {
  const error: unknown = await write.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AtomicWriteError)) throw new Error(`expected an AtomicWriteError, got ${String(error)}`);
  return error;
}

describe.each(WRITERS)("%s", (_name, write) => {
  it("writes a new file, making its folder, and replaces an old one, leaving no temporary file", async () => {
    const dir = tempDir();
    const file = join(dir, "alt", "klasör", "eş-anlamlılar.yaml");
    await write(file, "- [iade, geri ödeme]\n");
    expect(readFileSync(file, "utf8")).toBe("- [iade, geri ödeme]\n");
    await write(file, new TextEncoder().encode("- [şifre, parola]\n"));
    expect(readFileSync(file, "utf8")).toBe("- [şifre, parola]\n");
    expect(readdirSync(join(dir, "alt", "klasör"))).toEqual(["eş-anlamlılar.yaml"]);
  });

  it("a temporary file that cannot be made: a typed error naming the file, with the cause, and the old file whole", async () => {
    const dir = tempDir();
    const file = join(dir, "k".repeat(LONGEST_NAME - ".json".length) + ".json");
    writeFileSync(file, "eski");
    const error = await failure(write(file, "yeni"));
    expect(error.message).toBe(`[atomic-file] could not write ${file}`);
    expect(error.path).toBe(file);
    expect(errorCode(error.cause)).toBe("ENAMETOOLONG");
    expect(readFileSync(file, "utf8")).toBe("eski");
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it("a rename that fails removes the temporary file", async () => {
    const dir = tempDir();
    const file = join(dir, "hedef");
    // a folder with something in it where the file should go: the flushed temporary file cannot replace it
    mkdirSync(join(file, "içinde"), { recursive: true });
    const error = await failure(write(file, "yeni"));
    expect(["EISDIR", "ENOTEMPTY", "EEXIST", "EPERM"]).toContain(errorCode(error.cause));
    expect(readdirSync(dir)).toEqual(["hedef"]);
    expect(readdirSync(file)).toEqual(["içinde"]);
  });

  it("a folder that cannot be made is a typed error too", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "dosya"), "");
    const error = await failure(write(join(dir, "dosya", "alt", "x.json"), "{}"));
    expect(["ENOTDIR", "EEXIST"]).toContain(errorCode(error.cause));
    expect(readdirSync(dir)).toEqual(["dosya"]);
  });
});

describe("flushing", () => {
  afterEach(() => jest.restoreAllMocks());

  it("writeFileAtomicSync flushes the file before the rename and the folder after it", () => {
    const dir = tempDir();
    const file = join(dir, "kayıt.json");
    writeFileSync(file, "eski");
    const seen: string[] = [];
    const original = fs.fsyncSync;
    jest.spyOn(fs, "fsyncSync").mockImplementation((fd) => {
      seen.push(readFileSync(file, "utf8"));
      original(fd);
    });
    writeFileAtomicSync(file, "yeni");
    expect(seen).toEqual(process.platform === "win32" ? ["eski"] : ["eski", "yeni"]);
  });

  it("writeFileAtomic flushes the file before the rename and the folder after it", async () => {
    const dir = tempDir();
    const file = join(dir, "kayıt.json");
    writeFileSync(file, "eski");
    const probe = await open(file, "r");
    const prototype: { sync: () => Promise<void> } = Object.getPrototypeOf(probe);
    await probe.close();
    const seen: string[] = [];
    const original = prototype.sync;
    jest.spyOn(prototype, "sync").mockImplementation(function (this: unknown) {
      seen.push(readFileSync(file, "utf8"));
      return original.call(this);
    });
    await writeFileAtomic(file, "yeni");
    expect(seen).toEqual(process.platform === "win32" ? ["eski"] : ["eski", "yeni"]);
  });
});

it("writers of one file, at once, each write it whole: the last rename wins", async () => {
  const dir = tempDir();
  const file = join(dir, "ortak.json");
  const bodies = Array.from({ length: 8 }, (_, i) => JSON.stringify({ yazan: i, metin: "ğüşıöç".repeat(2000) }));
  await Promise.all(bodies.map((body) => writeFileAtomic(file, body)));
  expect(bodies).toContain(readFileSync(file, "utf8"));
  expect(readdirSync(dir)).toEqual(["ortak.json"]);
});
