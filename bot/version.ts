import { readFileSync } from "node:fs";
import { join } from "node:path";

function readVersion(): string {
  for (const candidate of [join(__dirname, "..", "package.json"), join(__dirname, "..", "..", "package.json")]) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(candidate, "utf8"));
      if (parsed && typeof parsed === "object" && "name" in parsed && parsed.name === "memnun" && "version" in parsed) {
        return String(parsed.version);
      }
    } catch {
      // try the next candidate: the source tree and the built tree sit at different depths
    }
  }
  return "0.0.0";
}

/** Memnun's version, from package.json (works from `bot/` and from `dist/bot/`). */
export const VERSION = readVersion();
