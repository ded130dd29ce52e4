import type { Report } from "../../../bot/feedback/report";
import type { LearningData } from "../../../bot/feedback/store";
import { computeRecommendations, formatRecommendationsCsv, isContested } from "../../../bot/feedback/recommendations";
import type { KnowledgeBase } from "../../../bot/knowledge/types";
import { Matcher } from "../../../bot/matching/matcher";
import { TEXTS } from "../../../bot/conversation/texts";
import { realKnowledge } from "../../helpers/bot";

const emptyReport: Report = {
  range: { since: null, until: null, timeZone: "UTC" },
  answers: 0,
  csat: { responses: 0, percent: null, average: null, distribution: {} },
  responseRate: null,
  nps: { responses: 0, score: null, promoters: 0, passives: 0, detractors: 0 },
  ces: { responses: 0, average: null },
  entries: [],
  unanswered: [],
  comments: [],
  trend: [],
  weeks: [],
  channels: [],
};
const at = "2026-11-20T10:00:00.000Z";

describe("computeRecommendations", () => {
  let kb: KnowledgeBase;
  const matcher = new Matcher();
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("skips picks the entry already has as a question or alternate, and picks it already answers", () => {
    const s = computeRecommendations(
      {
        unanswered: [],
        picks: [
          { query: "müşteri sadakati nedir", entryId: "memnuniyet-ve-sadakat", at, user: "u1" },
          { query: "CRM nedir?", entryId: "crm-musteri-iliskileri", at, user: "u1" },
          { query: "memnuniyet ölçme", entryId: "memnuniyet-modelleri", at, user: "u1" },
          { query: "no such entry", entryId: "missing", at, user: "u1" },
        ],
      },
      emptyReport,
      kb,
      matcher,
      [],
    );
    expect(s.alternates.map((a) => [a.entryId, a.candidates.map((c) => c.text)])).toEqual([["memnuniyet-modelleri", ["memnuniyet ölçme"]]]);
  });

  it("counts distinct users, not conversations or clicks", () => {
    const pick = (query: string, user: string): LearningData["picks"][number] => ({ query, entryId: "memnuniyet-modelleri", at, user });
    const s = computeRecommendations(
      { unanswered: [], picks: [pick("memnuniyet ölçme", "attacker"), pick("Memnuniyet ölçme", "attacker"), pick("memnuniyet ölçme", "attacker"), pick("memnuniyeti ölçmek", "u1"), pick("memnuniyeti ölçmek", "u2")] },
      emptyReport,
      kb,
      matcher,
      [],
    );
    const counts = new Map(s.alternates[0]?.candidates.map((c) => [c.text, c.count]));
    expect(counts.get("memnuniyet ölçme") ?? counts.get("Memnuniyet ölçme")).toBe(1);
    expect(counts.get("memnuniyeti ölçmek")).toBe(2);
  });

  it("says who picked a candidate and what the matcher does with it today, as data", () => {
    const s = computeRecommendations(
      { unanswered: [], picks: ["u1", "u2", "u2"].map((user) => ({ query: "sadakat", entryId: "memnuniyet-ve-sadakat", at, user })) },
      emptyReport,
      kb,
      matcher,
      [],
    );
    expect(s.alternates[0]?.candidates).toEqual([
      {
        text: "sadakat",
        count: 2,
        picks: 3,
        today: { status: "ambiguous", entryId: "memnuniyet-ve-sadakat", confidence: expect.any(Number) },
        alsoPickedFor: [],
        alreadyIn: null,
        examples: ["sadakat"],
      },
    ]);
    const candidate = s.alternates[0]?.candidates[0];
    expect(candidate && isContested(candidate)).toBe(false);
  });

  it("marks a text picked for several entries as contested on each, naming the others and their users", () => {
    const pick = (query: string, entryId: string, user: string): LearningData["picks"][number] => ({ query, entryId, at, user });
    const s = computeRecommendations(
      {
        unanswered: [],
        picks: [
          pick("sadakat", "memnuniyet-ve-sadakat", "u1"),
          pick("Sadakat", "sadakat-memnuniyet-farki", "u2"),
          pick("sadakat", "sadakat-memnuniyet-farki", "u3"),
          pick("memnuniyet ölçme", "memnuniyet-modelleri", "u1"),
        ],
      },
      emptyReport,
      kb,
      matcher,
      [],
    );
    const byEntry = new Map(s.alternates.map((a) => [a.entryId, a.candidates]));
    expect(byEntry.get("memnuniyet-ve-sadakat")).toEqual([expect.objectContaining({ text: "sadakat", alsoPickedFor: [{ entryId: "sadakat-memnuniyet-farki", users: 2 }] })]);
    expect(byEntry.get("sadakat-memnuniyet-farki")).toEqual([expect.objectContaining({ count: 2, alsoPickedFor: [{ entryId: "memnuniyet-ve-sadakat", users: 1 }] })]);
    expect(s.alternates.flatMap((a) => a.candidates).map((c) => [c.text, isContested(c)])).toEqual(
      expect.arrayContaining([["sadakat", true], ["Sadakat", true], ["memnuniyet ölçme", false]]),
    );
  });

  it("marks a text another entry already has as its question or an alternate", () => {
    const other = kb.entries.find((entry) => entry.id !== "memnuniyet-modelleri" && entry.alternates.length > 0);
    const alternate = other?.alternates[0];
    if (!other || alternate === undefined) throw new Error("the shipped knowledge has alternates");
    const s = computeRecommendations({ unanswered: [], picks: [{ query: alternate, entryId: "memnuniyet-modelleri", at, user: "u1" }] }, emptyReport, kb, matcher, []);
    const candidate = s.alternates[0]?.candidates[0];
    // the matcher answers another entry's alternate with that entry, so the pick stays a candidate here
    expect(candidate).toMatchObject({ alreadyIn: other.id, alsoPickedFor: [] });
    expect(candidate && isContested(candidate)).toBe(true);
  });

  it("clusters unanswered questions by shared Turkish words, keeping unrelated ones apart", () => {
    const unanswered = ["Kargom nerede?", "kargom ne zaman gelir", "KARGO takip numaram", "şifremi unuttum", "şifre sıfırlama", "hava nasıl olacak"].map((query) => ({
      query,
      status: "none" as const,
      at,
    }));
    const s = computeRecommendations({ unanswered, picks: [] }, emptyReport, kb, matcher, []);
    expect(s.newEntries.map((c) => c.size)).toEqual([3, 2, 1]);
    // words as customers typed them, never stem fragments
    expect(s.newEntries[0]?.terms).toContain("kargom");
    const typed = unanswered.map((q) => q.query.toLocaleLowerCase("tr")).join(" ");
    for (const cluster of s.newEntries) for (const term of cluster.terms) expect(typed).toContain(term);
    expect(s.newEntries[1]?.examples).toEqual(["şifremi unuttum", "şifre sıfırlama"]);
  });

  it("reads logged questions past the placeholders of masked contact details, as the matcher read the details", () => {
    const { phone, email } = TEXTS.maskedDetails;
    const placeholders = Object.values(TEXTS.maskedDetails);
    const unanswered = [`kargom nerede ${phone}`, `şifremi unuttum ${phone}`, `hava nasıl olacak ${email}'dan yazın`, `crm nedir ${phone}`].map((query) => ({ query, status: "none" as const, at }));
    const s = computeRecommendations({ unanswered, picks: [] }, emptyReport, kb, matcher, placeholders);
    // no cluster of "telefon gizlendi": unrelated questions stay apart, and one an entry answers is left out
    expect(s.newEntries.map((c) => c.examples)).toEqual([[`hava nasıl olacak ${email}'dan yazın`], [`kargom nerede ${phone}`], [`şifremi unuttum ${phone}`]]);
    expect(s.newEntries.flatMap((c) => c.terms)).toEqual(["hava", "yazın", "kargom", "şifremi", "unuttum"]);

    // two customers' different numbers were one placeholder: the alternate is their question, without it
    const picks = ["u1", "u2"].map((user) => ({ query: `memnuniyet ölçme ${phone}`, entryId: "memnuniyet-modelleri", at, user }));
    const read = computeRecommendations({ unanswered: [], picks }, emptyReport, kb, matcher, placeholders);
    expect(read.alternates.flatMap((a) => a.candidates.map((c) => [c.text, c.count]))).toEqual([["memnuniyet ölçme", 2]]);
  });

  it("leaves out unanswered questions an entry now answers", () => {
    const unanswered = ["crm nedir", "CRM nedir?", "kargom nerede"].map((query) => ({ query, status: "none" as const, at }));
    const s = computeRecommendations({ unanswered, picks: [] }, emptyReport, kb, matcher, []);
    expect(s.newEntries.flatMap((c) => c.examples)).toEqual(["kargom nerede"]);
  });

  it("flags entries with CSAT ≤ 60% only when they have at least 5 ratings", () => {
    const report: Report = {
      ...emptyReport,
      entries: [
        { id: "a", question: "A?", answers: 9, ratings: 5, csat: 60, average: 3 },
        { id: "b", question: "B?", answers: 9, ratings: 4, csat: 0, average: 1 },
        { id: "c", question: "C?", answers: 9, ratings: 8, csat: 75, average: 4 },
      ],
      comments: [{ at, entryId: "a", question: "A?", rating: 1, text: "eksik" }],
    };
    expect(computeRecommendations({ unanswered: [], picks: [] }, report, kb, matcher, []).rewrite).toEqual([
      { entryId: "a", question: "A?", ratings: 5, csat: 60, comments: ["eksik"] },
    ]);
  });

  it("writes each table as formula-safe CSV: a customer's '=…' stays text", () => {
    const recommendations = {
      alternates: [{ entryId: "crm", question: "CRM nedir?", file: "crm.md", candidates: [{ text: '=HYPERLINK("http://x")', count: 2, picks: 2, today: { status: "none" as const, entryId: null, confidence: null }, alsoPickedFor: [], alreadyIn: null, examples: ["crm, nedir"] }] }],
      newEntries: [{ size: 3, terms: ["kargo", "iade"], examples: ["+90 kargo"], statuses: { none: 2, ambiguous: 1 } }],
      rewrite: [{ entryId: "crm", question: null, ratings: 5, csat: 20, comments: ["@yetersiz"] }],
    };
    expect(formatRecommendationsCsv(recommendations, "alternates").split("\r\n")).toEqual([
      "entry_id,question,file,alternate,users,examples",
      `crm,CRM nedir?,crm.md,"'=HYPERLINK(""http://x"")",2,"crm, nedir"`,
    ]);
    expect(formatRecommendationsCsv(recommendations, "new-entries").split("\r\n")[1]).toBe("3,kargo iade,2,1,'+90 kargo");
    expect(formatRecommendationsCsv(recommendations, "rewrite").split("\r\n")[1]).toBe("crm,,5,20,'@yetersiz");
  });
});
