import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { TEXTS } from "../conversation/texts";
import { EXIT_FAILURE, EXIT_OK, runMain, UsageError } from "./main";
import { COMMON, KB_RECOMMEND, trNumber } from "./messages";
import { missingDatabase, usableRange } from "./feedback-data";
import { textTable } from "../feedback/report-format";
import { SqlFeedbackStore } from "../feedback/store";
import { computeRecommendations, isContested, RECOMMENDATION_TUNING, type RecommendedAlternate, type Recommendations } from "../feedback/recommendations";
import { addAlternates, type EditResult } from "../knowledge/edit";
import { displayPath } from "../knowledge/display-path";
import { loadAsServed } from "../knowledge/kept-versions";
import { formatIssue } from "../knowledge/types";
import { Matcher } from "../matching/matcher";
import { openDatabase } from "../storage/database";

const USAGE = KB_RECOMMEND.usage(RECOMMENDATION_TUNING.MIN_APPLY_COUNT);

/** Why `--apply` leaves a candidate out, in Turkish; empty when it does not. */
function contestedReason(c: RecommendedAlternate): string {
  const t = KB_RECOMMEND;
  const reasons: string[] = [];
  if (c.alsoPickedFor.length > 0) reasons.push(t.alsoPickedFor(c.alsoPickedFor.map((other) => t.users(other.entryId, other.users)).join(", ")));
  if (c.alreadyIn !== null) reasons.push(t.alreadyIn(c.alreadyIn));
  return reasons.join("; ");
}

/** The "dayanak" column of a candidate alternate. */
function evidence(c: RecommendedAlternate): string {
  const t = KB_RECOMMEND;
  const status = t.today[c.today.status];
  const today = c.today.entryId === null || c.today.confidence === null ? status : t.nearest(status, c.today.entryId, trNumber(c.today.confidence));
  return [t.evidence(c.count, c.picks, today), ...(isContested(c) ? [contestedReason(c)] : [])].join("; ");
}

/** The readable form of the recommendations, in Turkish. */
export function formatRecommendations(s: Recommendations): string {
  const t = KB_RECOMMEND;
  const parts: string[] = [t.alternates];
  if (s.alternates.length === 0) parts.push(t.none);
  for (const entry of s.alternates) {
    parts.push("", `${entry.entryId}  (${entry.file})  ${entry.question}`);
    parts.push(textTable(t.alternateColumns, entry.candidates.map((c) => [String(c.count), c.text, evidence(c)])));
  }
  parts.push("", t.newEntries);
  parts.push(
    s.newEntries.length === 0
      ? t.none
      : textTable(t.clusterColumns, s.newEntries.map((c) => [String(c.size), c.terms.join(", "), c.examples.slice(0, 3).join(" | ")])),
  );
  parts.push("", t.rewrite(RECOMMENDATION_TUNING.LOW_CSAT, RECOMMENDATION_TUNING.MIN_RATINGS));
  parts.push(
    s.rewrite.length === 0
      ? t.none
      : textTable(t.rewriteColumns, s.rewrite.map((r) => [r.entryId, String(r.ratings), trNumber(r.csat, true), r.question ?? "", r.comments.slice(0, 2).join(" | ")])),
  );
  return parts.join("\n");
}

/** Runs `kb:recommend`; returns the exit code. */
export async function runKbRecommend(
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
        apply: { type: "boolean", default: false },
        "min-count": { type: "string", default: String(RECOMMENDATION_TUNING.MIN_APPLY_COUNT) },
        entry: { type: "string", multiple: true, default: [] },
        since: { type: "string" },
        until: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw UsageError.from(error);
  }
  const minCount = Number(values["min-count"]);
  if (!Number.isInteger(minCount) || minCount < 1) throw new UsageError(KB_RECOMMEND.minCount);
  usableRange(values.since, values.until);
  const config = loadConfig(env);
  const served = { dataDir: config.dataDir, maxFileBytes: config.knowledgeMaxFileBytes };
  // measured against the knowledge the server serves: a refused file at its last good version, a
  // clash charged to the file changed since; the refused files are named on stderr, as ask names them
  const loaded = await loadAsServed(config.knowledgeDir, served);
  for (const issue of loaded.errors) err(formatIssue(issue, displayPath(config.knowledgeDir)));
  // nothing served at all: there is nothing to measure against
  if (!loaded.knowledgeBase || (loaded.errors.length > 0 && loaded.knowledgeBase.entries.length === 0)) return EXIT_FAILURE;
  // --apply edits editors' files: not while one is refused, whose text is not what is served
  if (values.apply && loaded.errors.length > 0) {
    err(`[kb:recommend] ${KB_RECOMMEND.brokenKnowledge}`);
    return EXIT_FAILURE;
  }
  const kb = loaded.knowledgeBase;
  const unknown = values.entry.filter((id) => !kb.byId.has(id));
  if (unknown.length > 0) throw new UsageError(KB_RECOMMEND.unknownEntry(unknown.map((id) => `"${id}"`).join(", ")));
  const missing = missingDatabase(config);
  if (missing) {
    err(`[kb:recommend] ${COMMON.noDatabase(missing)}`);
    return EXIT_FAILURE;
  }
  const matcher = new Matcher();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let recommendations: Recommendations;
  try {
    const store = new SqlFeedbackStore(database);
    const range = { since: values.since, until: values.until, timeZone: config.reportTimeZone };
    const [data, report] = await Promise.all([store.learning(range), store.report(range, (id) => kb.byId.get(id)?.question ?? null)]);
    recommendations = computeRecommendations(data, report, kb, matcher, Object.values(TEXTS.maskedDetails));
  } finally {
    await database.close();
  }

  if (!values.apply) {
    out(values.json ? JSON.stringify(recommendations) : formatRecommendations(recommendations));
    return EXIT_OK;
  }

  // --entry narrows which entries are written, --min-count how often a text must have been picked: both hold together
  const named = new Set(values.entry);
  const results: EditResult[] = [];
  let belowMinCount = 0;
  for (const entry of recommendations.alternates) {
    if (named.size > 0 && !named.has(entry.entryId)) continue;
    const chosen = entry.candidates.filter((c) => c.count >= minCount);
    belowMinCount += entry.candidates.filter((c) => c.count < minCount && !isContested(c)).length;
    for (const c of chosen.filter(isContested)) err(`[kb:recommend] ${KB_RECOMMEND.notApplied(entry.file, c.text, contestedReason(c))}`);
    const accepted = chosen.filter((c) => !isContested(c)).map((c) => c.text);
    if (accepted.length > 0) results.push(await addAlternates(config.knowledgeDir, entry.file, accepted));
  }
  const check = await loadAsServed(config.knowledgeDir, served);
  for (const result of results) {
    if (result.skipped) err(`[kb:recommend] ${KB_RECOMMEND.skipped(result.file, result.skipped)}`);
  }
  if (!check.knowledgeBase || check.errors.length > 0) {
    for (const issue of check.errors) err(formatIssue(issue, displayPath(config.knowledgeDir)));
    return EXIT_FAILURE;
  }
  const written = results.filter((r) => r.added.length > 0);
  out(
    values.json
      ? JSON.stringify({ applied: written })
      : written.length === 0
        ? belowMinCount > 0
          ? KB_RECOMMEND.nothingAtMinCount(belowMinCount, minCount)
          : KB_RECOMMEND.nothingToApply
        : written.map((r) => KB_RECOMMEND.added(r.file, r.added)).join("\n"),
  );
  return EXIT_OK;
}

if (require.main === module) runMain(runKbRecommend, { name: "kb:recommend", usage: USAGE });
