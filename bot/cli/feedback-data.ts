import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config";
import { rangeBounds, ReportRangeError } from "../feedback/report";
import { SQLITE_FILE } from "../storage/database";
import { UsageError } from "./main";
import { RANGE } from "./messages";

/* What the CLIs that read the recorded feedback (`report`, `kb:recommend`) check before they open anything. */

/**
 * The SQLite file a reading CLI would open, when it does not exist (`undefined` when it does, or
 * with PostgreSQL): opening would create an empty database and report zeros, so a mistyped
 * DATA_DIR would look like no feedback at all.
 */
export function missingDatabase(config: Pick<Config, "databaseUrl" | "dataDir">): string | undefined {
  const sqliteFile = join(config.dataDir, SQLITE_FILE);
  return !config.databaseUrl && !existsSync(sqliteFile) ? sqliteFile : undefined;
}

/** Checks `--since`/`--until` before anything is opened: a malformed or reversed range is a usage error, said in Turkish. */
export function usableRange(since: string | undefined, until: string | undefined): void {
  try {
    rangeBounds({ since, until });
  } catch (error) {
    if (!(error instanceof ReportRangeError)) throw error;
    const { reason, field, value } = error.problem;
    throw new UsageError(reason === "malformed" ? RANGE.malformed(field, value) : RANGE.reversed(since ?? "", until ?? ""), { cause: error });
  }
}
