import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The one readings file (`readings-<digest>.json`) that `TurkishMorphology` kept in a folder; throws unless there is exactly one. */
export function readingsFileIn(dir: string): string {
  const files = readdirSync(dir).filter((name) => /^readings-[0-9a-f]{16}\.json$/.test(name));
  if (files.length !== 1 || !files[0]) throw new Error(`expected one readings file in ${dir}: ${readdirSync(dir).join(", ")}`);
  return join(dir, files[0]);
}

/** A readings file's version and readings; throws for a file of another shape. */
export function parsedReadingsFile(file: string): { version: unknown; readings: object } {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof parsed !== "object" || parsed === null || !("readings" in parsed) || typeof parsed.readings !== "object" || parsed.readings === null) {
    throw new Error(`not a readings file: ${file}`);
  }
  return { version: "version" in parsed ? parsed.version : undefined, readings: parsed.readings };
}

/** The words of the one readings file in a folder, sorted. */
export const keptWords = (dir: string): string[] => Object.keys(parsedReadingsFile(readingsFileIn(dir)).readings).sort();
