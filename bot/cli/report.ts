import { parseArgs } from "node:util";
import { CASES_CSV_TABLE, casesCsv } from "../cases/report-format";
import { SqlCaseStore } from "../cases/store";
import { loadConfig } from "../config";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";
import { CSV_TABLES, formatCsv, type CsvTable } from "../feedback/report-format";
import { SqlFeedbackStore } from "../feedback/store";
import { loadAsServed } from "../knowledge/kept-versions";
import { openDatabase } from "../storage/database";
import { missingDatabase, usableRange } from "./feedback-data";
import { COMMON, REPORT } from "./messages";
import { formatCaseReport, formatReport } from "./report-text";

/** `--table` choices: the feedback report's tables and the cases. */
const TABLES = [...CSV_TABLES, CASES_CSV_TABLE] as const;

const USAGE = REPORT.usage(TABLES);

const isCsvTable = (value: string): value is CsvTable => CSV_TABLES.some((table) => table === value);
const isTable = (value: string): value is CsvTable | typeof CASES_CSV_TABLE => value === CASES_CSV_TABLE || isCsvTable(value);

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
        table: { type: "string" },
        since: { type: "string" },
        until: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw UsageError.from(error);
  }
  const table = values.table ?? "entries";
  if (!isTable(table)) throw new UsageError(REPORT.table(TABLES));
  if (values.json && values.csv) throw new UsageError(REPORT.jsonAndCsv);
  // the readable and JSON reports hold every table: a table asked for there would be ignored
  if (values.table !== undefined && !values.csv) throw new UsageError(REPORT.tableWithoutCsv);
  usableRange(values.since, values.until);
  const config = loadConfig(env);
  // with the server's last good versions, an entry of a file refused since is still named, not taken for deleted
  const knowledge = await loadAsServed(config.knowledgeDir, { dataDir: config.dataDir, maxFileBytes: config.knowledgeMaxFileBytes });
  if (!knowledge.knowledgeBase) err(`[report] ${REPORT.knowledgeMissing(config.knowledgeDir)}`);
  const byId = knowledge.knowledgeBase?.byId;
  const loaded = byId !== undefined;
  const missing = missingDatabase(config);
  if (missing) {
    err(`[report] ${COMMON.noDatabase(missing)}`);
    return EXIT_FAILURE;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const range = { since: values.since, until: values.until, timeZone: config.reportTimeZone };
    const now = new Date().toISOString();
    const cases = new SqlCaseStore(database);
    if (values.csv && table === CASES_CSV_TABLE) {
      out(await casesCsv(cases, range, now));
      return EXIT_OK;
    }
    const [report, caseReport] = await Promise.all([
      new SqlFeedbackStore(database).report(range, (id) => byId?.get(id)?.question ?? null),
      cases.report(range, now),
    ]);
    if (values.json) out(JSON.stringify({ ...report, cases: caseReport }));
    else if (values.csv && table !== CASES_CSV_TABLE) out(formatCsv(report, table, loaded ? REPORT.deletedEntry : null));
    else out(`${formatReport(report, loaded)}\n\n${formatCaseReport(caseReport)}`);
    return EXIT_OK;
  } finally {
    await database.close();
  }
}

if (require.main === module) runMain(runReport, { name: "report", usage: USAGE });
