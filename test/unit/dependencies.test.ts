import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../helpers/app";

/**
 * Folders depend one way: a room may import its own files and the
 * rooms below it, never one above. Rooms in one row import neither each other nor upwards.
 * The root files (config, logger, lru, version, clean-text, atomic-file, turkish-case, and below them system-error) are the floor: everyone may use them.
 */
const ORDER: readonly (readonly string[])[] = [
  ["index", "cli"],
  ["web"],
  ["server"],
  ["conversation"],
  ["cases"],
  ["feedback"],
  ["knowledge"],
  ["matching"],
  ["storage"],
  ["config", "logger", "lru", "version", "types", "clean-text", "atomic-file", "turkish-case"],
  ["system-error"],
];

/** Rooms that any host can use: nothing from botbuilder or restify. */
const HOST_FREE = ["cases", "feedback", "knowledge", "matching", "storage"];
const HOST_PACKAGES = /^(botbuilder|botframework-|restify)/;

/**
 * Known upward imports, each with who removes it. An entry that no longer occurs fails the
 * test below: delete it then.
 */
const ALLOWED: ReadonlyArray<{ from: string; to: string; owner: string }> = [];

const BOT = join(REPO_ROOT, "bot");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "public" ? [] : sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The room of a file under bot/: its first folder, or its own name for a root file. */
function roomOf(file: string): string {
  const [first, second] = relative(BOT, file).split(sep);
  return second === undefined ? (first ?? "").replace(/(\.d)?\.ts$/, "") : (first ?? "");
}

function rankOf(room: string): number {
  const rank = ORDER.findIndex((row) => row.includes(room));
  if (rank === -1) throw new Error(`bot/${room} has no place in ORDER: add it to ORDER in this test`);
  return rank;
}

interface Import {
  file: string;
  from: string;
  to: string;
  specifier: string;
}

function imports(): { internal: Import[]; packages: Array<{ file: string; room: string; specifier: string }> } {
  const internal: Import[] = [];
  const packages: Array<{ file: string; room: string; specifier: string }> = [];
  for (const file of sources(BOT)) {
    const from = roomOf(file);
    // every form counts: import, import type, export … from, require, import()
    for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const shown = relative(REPO_ROOT, file);
      if (!specifier.startsWith(".")) {
        packages.push({ file: shown, room: from, specifier });
        continue;
      }
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(BOT + sep)) continue;
      internal.push({ file: shown, from, to: roomOf(`${target}.ts`), specifier });
    }
  }
  return { internal, packages };
}

describe("folders depend one way", () => {
  const { internal, packages } = imports();
  const crossing = internal.filter((i) => i.from !== i.to);
  const allowed = (i: Import): boolean => ALLOWED.some((a) => a.from === i.from && a.to === i.to);

  it("sees the imports (the parser works)", () => {
    expect(crossing.length).toBeGreaterThan(20);
    expect(crossing).toContainEqual(expect.objectContaining({ file: join("bot", "index.ts"), to: "config" }));
  });

  it("no room imports a room above it or beside it", () => {
    const wrong = crossing
      .filter((i) => rankOf(i.to) <= rankOf(i.from) && !allowed(i))
      .map((i) => `${i.file} (${i.from}) imports ${i.specifier} (${i.to})`);
    expect(wrong).toEqual([]);
  });

  it("the allow-list holds only imports that still exist", () => {
    const stale = ALLOWED.filter((a) => !crossing.some((i) => i.from === a.from && i.to === a.to));
    expect(stale).toEqual([]);
  });

  it(`${HOST_FREE.join(", ")} import nothing from botbuilder or restify`, () => {
    const wrong = packages.filter((p) => HOST_FREE.includes(p.room) && HOST_PACKAGES.test(p.specifier)).map((p) => `${p.file} imports ${p.specifier}`);
    expect(wrong).toEqual([]);
  });
});
