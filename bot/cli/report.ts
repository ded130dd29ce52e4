process.env.DOTENV_CONFIG_QUIET ??= "true";

import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { runMain } from "./main";
import { CSV_TABLES, formatCsv, formatReport, type CsvTable } from "../feedback/report-format";
import { SqlFeedbackStore } from "../feedback/store";
import { loadKnowledge } from "../knowledge/loader";
import { openDatabase } from "../storage/database";

const USAGE = `usage: npm run report -- [--json | --csv [--table ${CSV_TABLES.join("|")}]] [--since YYYY-MM-DD] [--until YYYY-MM-DD]`;

const isCsvTable = (value: string): value is CsvTable => (CSV_TABLES as readonly string[]).includes(value);

/** Runs `report`; returns the exit code. Writes only the report to `out`, diagnostics to `err`. */
export async function runReport(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        json: { type: "boolean", default: false },
        csv: { type: "boolean", default: false },
        table: { type: "string", default: "entries" },
        since: { type: "string" },
        until: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    err(`[report] ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (!isCsvTable(values.table)) {
    err(`[report] --table must be one of ${CSV_TABLES.join(", ")}\n${USAGE}`);
    return 2;
  }
  const table = values.table;
  const config = loadConfig(env);
  const knowledge = await loadKnowledge(config.knowledgeDir, undefined, { maxFileBytes: config.knowledgeMaxFileBytes });
  if (!knowledge.knowledgeBase) err(`[report] knowledge in ${config.knowledgeDir} did not load; entries are shown by id only`);
  const byId = knowledge.knowledgeBase?.byId;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const report = await new SqlFeedbackStore(database).report(
      { since: values.since, until: values.until },
      (id) => byId?.get(id)?.question ?? null,
    );
    out(values.json ? JSON.stringify(report) : values.csv ? formatCsv(report, table) : formatReport(report));
    return 0;
  } finally {
    await database.close();
  }
}

if (require.main === module) runMain(runReport, { errorPrefix: "", errorExitCode: 1 });
