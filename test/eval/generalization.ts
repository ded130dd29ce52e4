import type { KnowledgeBase } from "../../bot/knowledge/types";
import { join } from "node:path";
import { keptDir } from "../../bot/matching/kept";
import { Matcher } from "../../bot/matching/matcher";
import { TurkishMorphology } from "../../bot/matching/morphology";
import { exactKey } from "../../bot/matching/analysis";
import { evaluate } from "../matching/evaluate";
import { domainKnowledge, evaluationDomains, type EvaluationDomain } from "./domains";

/**
 * Matching on content it was not tuned on: knowledge bases in seventy-three domains, with
 * customer questions written by people who never saw the matcher, reported on the held-out
 * halves (thresholds are chosen on the tuning halves: `test/eval/calibrate.ts`).
 *
 * The floors below guard the levels measured when they were set (see `test/eval/README.md`);
 * they sit under issue 14's targets (top-1 ≥ 90%, answered right ≥ 70%), which are not met yet.
 */
const FLOORS: Readonly<Record<string, { top1: number; answeredRight: number; wronglyAnswered: number; offTopicRejected: number }>> = {
  // held out whole, written 2026-12-07 (session 43), after the session's one change (speed only: no decision moved) and one matching experiment (not kept)
  bagis: { top1: 0.76, answeredRight: 0.54, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 43), before the session's matching experiments
  alarm: { top1: 0.78, answeredRight: 0.57, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-04 (session 18), after every matching change it measures
  arackiralama: { top1: 0.65, answeredRight: 0.15, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  banka: { top1: 0.69, answeredRight: 0.33, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  belediye: { top1: 0.83, answeredRight: 0.31, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-05 (session 26) with a tuning half, before the session's matching experiments (none kept). Its
  // held-out half is answered wrongly 3.3% of the time (4 of 120), over issue 14's 3% limit: this floor records it
  bilgiislem: { top1: 0.77, answeredRight: 0.39, wronglyAnswered: 0.034, offTopicRejected: 0.95 },
  // written 2026-12-05 (session 26) with a tuning half, after the session's experiments (none kept)
  bilet: { top1: 0.74, answeredRight: 0.25, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-05 (session 27) with a tuning half, after the session's one matching change
  emlak: { top1: 0.71, answeredRight: 0.28, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 32), after the session's matching change (the session's start scores it the same)
  emeklilik: { top1: 0.7, answeredRight: 0.29, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 31), after most of the session's matching changes (the session's start: off-topic rejected 94.4%)
  eczane: { top1: 0.73, answeredRight: 0.45, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 19), after every matching change it measures but two, which left it unchanged
  enerji: { top1: 0.72, answeredRight: 0.27, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole: never used for tuning or calibration; session 32's reading of English phrases and senses moved it (top-1 −1, answered right −1, one more wrong answer)
  eticaret: { top1: 0.75, answeredRight: 0.38, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 33), after the session's first three matching changes (the session's start scores it the same)
  hosting: { top1: 0.71, answeredRight: 0.22, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-04 (session 17), after every matching change it measures
  havayolu: { top1: 0.62, answeredRight: 0.2, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-05 (session 28) with a tuning half, before the session's one matching change (answered right −1 after it)
  insankaynaklari: { top1: 0.75, answeredRight: 0.37, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-04 (session 19) with a tuning half, before the session's matching changes
  kargo: { top1: 0.6, answeredRight: 0.2, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 32), before the session's matching changes (the first moved it: top-1 −1, answered right +1)
  kripto: { top1: 0.78, answeredRight: 0.38, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-05 (session 25) with a tuning half, after two of the session's matching changes (they moved one tuning question, no held-out one)
  kurs: { top1: 0.72, answeredRight: 0.27, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 31), after the session's matching changes (the session's start: top-1 +1, answered right −1)
  kutuphane: { top1: 0.65, answeredRight: 0.33, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  memnuniyet: { top1: 0.75, answeredRight: 0.26, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 31), before the session's matching experiments
  muayene: { top1: 0.77, answeredRight: 0.45, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 32), before the session's matching changes (the first moved it: answered right +1)
  nakliyat: { top1: 0.68, answeredRight: 0.34, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 27), with no matching change after it
  okul: { top1: 0.73, answeredRight: 0.27, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-04 (session 18), after every matching change it measures
  otel: { top1: 0.62, answeredRight: 0.13, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 26), with no matching change after it
  oyun: { top1: 0.68, answeredRight: 0.25, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-04, after every matching change it measures
  saglik: { top1: 0.73, answeredRight: 0.24, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-03, after every matching change it measures
  sigorta: { top1: 0.82, answeredRight: 0.45, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 30), after two of the session's matching changes (the session's start: top-1 −2, answered right −1); one later change moved it (answered right −1)
  sarjagi: { top1: 0.7, answeredRight: 0.29, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 29), after the session's matching changes (the session's start scores it the same)
  siteyonetimi: { top1: 0.79, answeredRight: 0.3, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 22), after a speed change that left every decision as it was; one later change moved it (top-1 −1, answered right +1)
  spor: { top1: 0.7, answeredRight: 0.24, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 33), after the session's matching changes (the session's start scores it the same)
  surucukursu: { top1: 0.7, answeredRight: 0.31, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  telekom: { top1: 0.64, answeredRight: 0.16, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 24), after two of the session's matching changes
  teknikservis: { top1: 0.75, answeredRight: 0.34, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 25), before the session's matching experiments (none kept)
  toplutasima: { top1: 0.66, answeredRight: 0.29, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-04, after every matching change it measures
  universite: { top1: 0.71, answeredRight: 0.24, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 28), after the session's one matching change (which leaves it unchanged)
  veteriner: { top1: 0.74, answeredRight: 0.37, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 43), after the session's one change (speed only: no decision moved) and one matching experiment (not kept)
  tercume: { top1: 0.8, answeredRight: 0.57, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 43), before the session's matching experiments
  vize: { top1: 0.78, answeredRight: 0.48, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-05 (session 21), after two of the session's six matching changes; of the four after, one moved it (answered right +4)
  yemek: { top1: 0.68, answeredRight: 0.3, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-06 (session 34), after three of the session's matching changes (the session's start and end score it the same); a tuning half of new questions since session 35.
  // Its off-topic questions are rejected 94.3% of the time (4 of 70 answered), under issue 14's 95%: this floor records it
  scooter: { top1: 0.77, answeredRight: 0.47, wronglyAnswered: 0.03, offTopicRejected: 0.94 },
  // written 2026-12-06 (session 34), after the session's first matching change (the session's start and end score it the same); a tuning half of new questions since session 35.
  // Its off-topic questions are rejected 94.3% of the time (4 of 70 answered), under issue 14's 95%: this floor records it
  yayin: { top1: 0.71, answeredRight: 0.33, wronglyAnswered: 0.03, offTopicRejected: 0.94 },
  // held out whole, written 2026-12-06 (session 35), before the session's matching experiments (none kept)
  otoyol: { top1: 0.72, answeredRight: 0.3, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 36), after the session's speed changes (no decision moved) and two matching experiments (neither kept)
  pos: { top1: 0.7, answeredRight: 0.35, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 36), after the session's three matching experiments (none kept)
  saas: { top1: 0.78, answeredRight: 0.35, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 37), before the session's matching experiments; the hardest so far (MiniSearch's top-1 39.6%)
  temizlik: { top1: 0.52, answeredRight: 0.15, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 37), after the session's first matching measurement (not kept)
  sosyalmedya: { top1: 0.64, answeredRight: 0.22, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 37), after all of the session's matching changes
  yurt: { top1: 0.69, answeredRight: 0.19, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 38), before the session's matching experiments
  salon: { top1: 0.77, answeredRight: 0.39, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 38), after the session's matching experiments not kept, before its four kept changes (which do not move it)
  akaryakit: { top1: 0.8, answeredRight: 0.37, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 38), after the session's matching experiments not kept, before its four kept changes (which do not move it)
  otoservis: { top1: 0.72, answeredRight: 0.26, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 39), before the session's matching experiment (not kept)
  matbaa: { top1: 0.65, answeredRight: 0.22, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 39), during the session's matching experiment (not kept), measured without it
  dishekimi: { top1: 0.65, answeredRight: 0.28, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 39), after all of the session's matching changes
  cicek: { top1: 0.72, answeredRight: 0.41, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 39), after all of the session's matching changes
  dugun: { top1: 0.77, answeredRight: 0.33, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 40), after the first of the session's matching changes (the others do not move it)
  kres: { top1: 0.77, answeredRight: 0.32, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 40), after the first of the session's matching changes (the others do not move it)
  mobilya: { top1: 0.69, answeredRight: 0.29, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 40), after the session's matching changes but the last (which does not move it)
  optik: { top1: 0.82, answeredRight: 0.4, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-06 (session 40), after the session's matching changes but the last (which does not move it)
  damacana: { top1: 0.69, answeredRight: 0.33, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 41), before the session's matching changes
  muhasebe: { top1: 0.77, answeredRight: 0.4, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 41), before the session's matching changes
  tarim: { top1: 0.77, answeredRight: 0.35, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 42), before the session's matching changes
  turizm: { top1: 0.8, answeredRight: 0.46, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 42), before the session's matching changes
  camasirhane: { top1: 0.75, answeredRight: 0.42, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 42), after the session's matching change
  otopark: { top1: 0.72, answeredRight: 0.47, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 42), after the session's matching change
  yenilenmis: { top1: 0.74, answeredRight: 0.43, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 44), counted with the matcher as the session found it; its one matching change does not move it
  karavan: { top1: 0.74, answeredRight: 0.44, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 44), counted with the matcher as the session found it; its one matching change does not move it
  taksi: { top1: 0.68, answeredRight: 0.46, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // held out whole, written 2026-12-07 (session 44), counted with the matcher as the session found it; its one matching change does not move it
  huzurevi: { top1: 0.74, answeredRight: 0.37, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-07 (session 44) with a tuning half, after the session's matching change; its tuning half joined the calibration, which did not move
  muze: { top1: 0.72, answeredRight: 0.45, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-07 (session 44) with a tuning half, after the session's matching change; its tuning half joined the calibration, which did not move
  pansiyon: { top1: 0.69, answeredRight: 0.4, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-07 (session 45) with a tuning half, split before the matcher ran, counted with the matcher as the session found it
  depo: { top1: 0.72, answeredRight: 0.42, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-07 (session 45) with a tuning half, split before the matcher ran, counted with the matcher as the session found it
  ortakofis: { top1: 0.76, answeredRight: 0.52, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
  // written 2026-12-07 (session 45) with a tuning half, split before the matcher ran, counted with the matcher as the session found it.
  // Its held-out half is answered wrongly 3.3% of the time (4 of 120), over issue 14's 3% limit: this floor records it
  tekne: { top1: 0.66, answeredRight: 0.37, wronglyAnswered: 0.034, offTopicRejected: 0.95 },
  // written 2026-12-07 (session 45) with a tuning half, split before the matcher ran, counted with the matcher as the session found it
  terapi: { top1: 0.72, answeredRight: 0.45, wronglyAnswered: 0.03, offTopicRejected: 0.95 },
};

/**
 * The domains of part `part` of `parts` (every `parts`-th, from the `part`-th in name order), each
 * checked against its floor. The evaluation runs as several test files (`generalization-*.test.ts`)
 * so that jest spreads it over its workers: as one file it was the suite's longest and ran on one
 * worker while the others had finished.
 */
export function describeGeneralization(part: number, parts: number): void {
  const domains = evaluationDomains().filter((_, i) => i % parts === part - 1);
  // the evaluation's knowledge bases keep their readings apart: in the shared file (about 73,000
  // of its 89,000 readings) every other process and test file read them at start (0.33 s against
  // 0.07 s), and with the rest they came near the file's limit, past which it starts over
  const morphology = new TurkishMorphology({ keepDir: join(keptDir(), `evaluation-${part}-of-${parts}`) });
  describe.each(domains.map((d) => [d.name, d] as const))("matching on the %s domain", (_name, domain: EvaluationDomain) => describeDomain(domain, morphology));
}

/** Every domain has a floor, and every floor a domain (a renamed folder would otherwise go unchecked). */
export function floorsMatchDomains(): void {
  it("has a floor for every evaluation domain and a domain for every floor", () => {
    expect(Object.keys(FLOORS).sort()).toEqual(evaluationDomains().map((d) => d.name));
  });
}

function describeDomain(domain: EvaluationDomain, morphology: TurkishMorphology): void {
  let kb: KnowledgeBase;
  const matcher = new Matcher(morphology);
  beforeAll(async () => {
    kb = await domainKnowledge(domain);
  });

  it("has a big enough, well-formed question set", () => {
    const ids = new Set(kb.entries.map((e) => e.id));
    const questions = [...domain.inDomain.tuning, ...domain.inDomain.heldout];
    expect(questions.length).toBeGreaterThanOrEqual(100);
    expect(domain.offTopic.tuning.length + domain.offTopic.heldout.length).toBeGreaterThanOrEqual(60);
    for (const query of questions) for (const id of query.expected) expect(ids).toContain(id);
  });

  it("answers every question and alternate typed exactly, in any case, with or without Turkish letters", () => {
    const byKey = new Map<string, Set<string>>();
    for (const entry of kb.entries) {
      for (const text of [entry.question, ...entry.alternates]) {
        const holders = byKey.get(exactKey(text)) ?? new Set<string>();
        holders.add(entry.id);
        byKey.set(exactKey(text), holders);
      }
    }
    const missed: string[] = [];
    for (const entry of kb.entries) {
      for (const text of [entry.question, ...entry.alternates]) {
        if ((byKey.get(exactKey(text))?.size ?? 0) > 1) continue;
        // as written, and in capitals typed on a keyboard without Turkish letters (`İ` as `I`), without the editor's punctuation
        for (const variant of [text, `${exactKey(text).toUpperCase()}!!`]) {
          const decision = matcher.match(variant, kb);
          if (decision.status !== "answered" || decision.candidates[0]?.id !== entry.id) missed.push(`${variant} → ${decision.status} ${decision.candidates[0]?.id ?? "-"}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it("holds its measured quality on the held-out half", () => {
    const floor = FLOORS[domain.name];
    expect(floor).toBeDefined();
    if (!floor) return;
    const result = evaluate(
      (text, base) => {
        const d = matcher.match(text, base);
        return { status: d.status, topId: d.candidates[0]?.id ?? null };
      },
      kb,
      domain.inDomain.heldout,
      domain.offTopic.heldout,
    );
    expect(result.top1).toBeGreaterThanOrEqual(floor.top1);
    expect(result.answeredRight).toBeGreaterThanOrEqual(floor.answeredRight);
    expect(result.wronglyAnswered).toBeLessThanOrEqual(floor.wronglyAnswered);
    expect(result.offTopicRejected).toBeGreaterThanOrEqual(floor.offTopicRejected);
  });
}
