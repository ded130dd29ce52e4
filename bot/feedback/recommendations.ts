import type { KnowledgeBase } from "../knowledge/types";
import { analyze, isQuestionTerm } from "../matching/analysis";
import type { Matcher, MatchStatus } from "../matching/matcher";
import type { Report } from "./report";
import { csvTable } from "./report-format";
import { queryKey, type LearningData } from "./store";

/** Tuning of active learning; each says which way it moves things. */
export const RECOMMENDATION_TUNING = Object.freeze({
  /** Picks a candidate alternate needs before `--apply` writes it (unless named). Higher = fewer, surer alternates. */
  MIN_APPLY_COUNT: 2,
  /**
   * Share of the shorter question's Turkish stems it must share with a cluster's first question
   * to join it (overlap coefficient: short questions often share one key word). Higher = tighter, more clusters.
   */
  CLUSTER_SIMILARITY: 0.3,
  /** An entry at or below this CSAT (%) with enough ratings is flagged for rewriting. */
  LOW_CSAT: 60,
  /** Ratings an entry needs before its CSAT is trusted. */
  MIN_RATINGS: 5,
  /** Example questions shown per cluster or candidate. */
  MAX_EXAMPLES: 5,
  /** Clusters listed. */
  MAX_CLUSTERS: 20,
});

export interface RecommendedAlternate {
  /** The question as users typed it (the most frequent spelling). */
  readonly text: string;
  /** How many distinct users reached this entry with it through "did you mean" (one user in many conversations counts once). */
  readonly count: number;
  /** How many times it was picked for this entry, every conversation counted. */
  readonly picks: number;
  /** What the matcher does with the text today: its status and best candidate. */
  readonly today: { readonly status: MatchStatus; readonly entryId: string | null; readonly confidence: number | null };
  /**
   * Other entries users picked for the same text (as the questions' keys meet), most users first.
   * Written into one entry, the text would be taken from the others: `--apply` leaves it out.
   */
  readonly alsoPickedFor: readonly { readonly entryId: string; readonly users: number }[];
  /** Another entry whose question or alternate the text already is; `--apply` leaves it out. */
  readonly alreadyIn: string | null;
  readonly examples: readonly string[];
}

/**
 * Whether `--apply` must leave a candidate to an editor: the same text was picked for several
 * entries, or another entry already has it. Written in, it would be in two entries (which
 * `kb:check` then reports as competing entries) and the matcher could answer neither surely.
 */
export function isContested(candidate: RecommendedAlternate): boolean {
  return candidate.alsoPickedFor.length > 0 || candidate.alreadyIn !== null;
}

export interface EntryAlternates {
  readonly entryId: string;
  readonly question: string;
  readonly file: string;
  readonly candidates: readonly RecommendedAlternate[];
}

export interface UnansweredCluster {
  readonly size: number;
  /** The words the questions share, each as customers most often typed it. */
  readonly terms: readonly string[];
  readonly examples: readonly string[];
  readonly statuses: { readonly none: number; readonly ambiguous: number };
}

export interface RewriteRecommendation {
  readonly entryId: string;
  readonly question: string | null;
  readonly ratings: number;
  readonly csat: number;
  readonly comments: readonly string[];
}

/** What `kb:recommend` prints and `/api/recommendations` returns. */
export interface Recommendations {
  readonly alternates: readonly EntryAlternates[];
  readonly newEntries: readonly UnansweredCluster[];
  readonly rewrite: readonly RewriteRecommendation[];
}

/** A question's topic words: stem → the word as typed (question words left out). */
const wordsOf = (text: string): Map<string, string> =>
  new Map(analyze(text).filter((term) => !isQuestionTerm(term.stem)).map((term) => [term.stem, term.typed]));

/** |A ∩ B| / min(|A|, |B|). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : shared / smaller;
}

/** A text as a regular expression that matches it and nothing else. */
const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

/**
 * A logged question as the matcher read it when it was asked: the questions are logged with the
 * customer's contact details masked (`TEXTS.maskedDetails`), and the placeholders are left out
 * here as the details themselves counted as no word. Read as words, `[telefon gizlendi]` would
 * make questions about unrelated topics one cluster and two customers' `… [telefon gizlendi]` one
 * candidate alternate, which `--apply` would write into an entry.
 */
function withoutPlaceholders(query: string, placeholders: readonly string[]): string {
  if (placeholders.length === 0) return query.trim();
  // with the suffix a customer put on the detail (`…'dan`), which the matcher dropped with an address
  const placeholder = new RegExp(`(?:${placeholders.map(literally).join("|")})(?:['’]?\\p{L}+)?`, "gu");
  const read = query.replace(placeholder, " ");
  return read === query ? query.trim() : read.replace(/\s+/gu, " ").trim();
}

/**
 * Active learning in the open: candidate alternates from "did you mean" picks (skipping what the
 * entry already says or already matches), clusters of unanswered questions that need a new entry
 * (grouped with the matcher's own Turkish analysis), and entries whose satisfaction is low.
 * `placeholders` are what stands for masked contact details in the logged questions
 * (`TEXTS.maskedDetails`), read past like the details were. Pure: the data come in, nothing is
 * read or written.
 */
export function computeRecommendations(data: LearningData, report: Report, kb: KnowledgeBase, matcher: Matcher, placeholders: readonly string[]): Recommendations {
  const alternates: EntryAlternates[] = [];
  const byEntry = new Map<string, Map<string, { texts: string[]; users: Set<string> }>>();
  for (const pick of data.picks) {
    const groups = byEntry.get(pick.entryId) ?? new Map<string, { texts: string[]; users: Set<string> }>();
    const query = withoutPlaceholders(pick.query, placeholders);
    const key = queryKey(query);
    if (key === "") continue;
    const group = groups.get(key) ?? { texts: [], users: new Set<string>() };
    group.texts.push(query);
    group.users.add(pick.user);
    groups.set(key, group);
    byEntry.set(pick.entryId, groups);
  }
  // users per entry of each text, and the entry whose question or alternate each text is
  const pickedFor = new Map<string, Map<string, number>>();
  for (const [entryId, groups] of byEntry) {
    if (!kb.byId.has(entryId)) continue;
    for (const [key, { users }] of groups) pickedFor.set(key, (pickedFor.get(key) ?? new Map<string, number>()).set(entryId, users.size));
  }
  const knownBy = new Map<string, string>();
  for (const entry of kb.entries) {
    for (const text of [entry.question, ...entry.alternates]) if (!knownBy.has(queryKey(text))) knownBy.set(queryKey(text), entry.id);
  }
  for (const [entryId, groups] of byEntry) {
    const entry = kb.byId.get(entryId);
    if (!entry) continue;
    const known = new Set([entry.question, ...entry.alternates].map(queryKey));
    const candidates: RecommendedAlternate[] = [];
    for (const [key, { texts, users }] of groups) {
      if (known.has(key)) continue;
      const spelling = mostFrequent(texts);
      const decision = matcher.match(spelling, kb);
      if (decision.status === "answered" && decision.candidates[0]?.id === entryId) continue;
      const top = decision.candidates[0];
      const others = [...(pickedFor.get(key) ?? [])].filter(([id]) => id !== entryId);
      candidates.push({
        text: spelling,
        count: users.size,
        picks: texts.length,
        today: { status: decision.status, entryId: top?.id ?? null, confidence: top?.confidence ?? null },
        alsoPickedFor: others.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => ({ entryId: id, users: n })),
        alreadyIn: knownBy.get(key) ?? null,
        examples: [...new Set(texts)].slice(0, RECOMMENDATION_TUNING.MAX_EXAMPLES),
      });
    }
    candidates.sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, "tr"));
    if (candidates.length > 0) alternates.push({ entryId, question: entry.question, file: entry.source.file, candidates });
  }
  alternates.sort((a, b) => (b.candidates[0]?.count ?? 0) - (a.candidates[0]?.count ?? 0) || a.entryId.localeCompare(b.entryId));

  const clusters: Array<{ stems: Set<string>; termCounts: Map<string, number>; forms: Map<string, Map<string, number>>; texts: string[]; none: number; ambiguous: number }> = [];
  for (const question of data.unanswered) {
    const query = withoutPlaceholders(question.query, placeholders);
    // a question an entry now answers needs no new entry
    if (matcher.match(query, kb).status === "answered") continue;
    const words = wordsOf(query);
    const stems = new Set(words.keys());
    if (stems.size === 0) continue;
    let best: (typeof clusters)[number] | undefined;
    let bestSimilarity = 0;
    for (const cluster of clusters) {
      const similarity = overlap(stems, cluster.stems);
      if (similarity > bestSimilarity) {
        best = cluster;
        bestSimilarity = similarity;
      }
    }
    if (!best || bestSimilarity < RECOMMENDATION_TUNING.CLUSTER_SIMILARITY) {
      best = { stems: new Set(stems), termCounts: new Map(), forms: new Map(), texts: [], none: 0, ambiguous: 0 };
      clusters.push(best);
    }
    for (const [stem, typed] of words) {
      best.termCounts.set(stem, (best.termCounts.get(stem) ?? 0) + 1);
      const forms = best.forms.get(stem) ?? new Map<string, number>();
      forms.set(typed, (forms.get(typed) ?? 0) + 1);
      best.forms.set(stem, forms);
    }
    best.texts.push(question.query.trim());
    best[question.status] += 1;
  }
  const newEntries: UnansweredCluster[] = clusters
    .map((cluster) => ({
      size: cluster.texts.length,
      terms: [...cluster.termCounts]
        .filter(([, n]) => n * 2 >= cluster.texts.length)
        .sort((a, b) => b[1] - a[1])
        // a stem is no word ("muster"): show the form customers typed most
        .map(([stem]) => [...(cluster.forms.get(stem) ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "tr"))[0]?.[0] ?? stem),
      examples: [...new Set(cluster.texts)].slice(0, RECOMMENDATION_TUNING.MAX_EXAMPLES),
      statuses: { none: cluster.none, ambiguous: cluster.ambiguous },
    }))
    .sort((a, b) => b.size - a.size || (a.examples[0] ?? "").localeCompare(b.examples[0] ?? "", "tr"))
    .slice(0, RECOMMENDATION_TUNING.MAX_CLUSTERS);

  const rewrite: RewriteRecommendation[] = report.entries
    .filter((e) => e.csat !== null && e.csat <= RECOMMENDATION_TUNING.LOW_CSAT && e.ratings >= RECOMMENDATION_TUNING.MIN_RATINGS)
    .map((e) => ({
      entryId: e.id,
      question: e.question,
      ratings: e.ratings,
      csat: e.csat ?? 0,
      comments: report.comments.filter((c) => c.entryId === e.id).map((c) => c.text).slice(0, RECOMMENDATION_TUNING.MAX_EXAMPLES),
    }));

  return { alternates, newEntries, rewrite };
}

const turkishLetters = (text: string): number => (text.match(/[çğıöşüÇĞİÖŞÜ]/g) ?? []).length;
/** How much a spelling looks like a knowledge-base question: Turkish letters, a capital, a question mark. */
const polish = (text: string): number => turkishLetters(text) * 4 + (/^\p{Lu}/u.test(text) ? 2 : 0) + (text.endsWith("?") ? 1 : 0);

/** The most frequent spelling; among equals, the one written most like an entry's question. */
function mostFrequent(texts: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || polish(b[0]) - polish(a[0]) || a[0].localeCompare(b[0], "tr"))[0]?.[0] ?? "";
}

/** Tables of the recommendations a CSV download can hold, one per file. */
export const RECOMMENDATION_TABLES = ["alternates", "new-entries", "rewrite"] as const;
export type RecommendationTable = (typeof RECOMMENDATION_TABLES)[number];

/** One table of the recommendations as RFC 4180 CSV with a header row, formula-safe like the report's. */
export function formatRecommendationsCsv(recommendations: Recommendations, table: RecommendationTable): string {
  const rows: Array<Array<string | number | null>> = [];
  switch (table) {
    case "alternates":
      rows.push(["entry_id", "question", "file", "alternate", "users", "examples"]);
      for (const entry of recommendations.alternates) {
        for (const c of entry.candidates) rows.push([entry.entryId, entry.question, entry.file, c.text, c.count, c.examples.join(" | ")]);
      }
      break;
    case "new-entries":
      rows.push(["questions", "words", "none", "ambiguous", "examples"]);
      for (const c of recommendations.newEntries) rows.push([c.size, c.terms.join(" "), c.statuses.none, c.statuses.ambiguous, c.examples.join(" | ")]);
      break;
    case "rewrite":
      rows.push(["entry_id", "question", "ratings", "csat_percent", "comments"]);
      for (const r of recommendations.rewrite) rows.push([r.entryId, r.question, r.ratings, r.csat, r.comments.join(" | ")]);
      break;
  }
  return csvTable(rows);
}
