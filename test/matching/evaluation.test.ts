import type { KnowledgeBase } from "../../bot/knowledge/types";
import { Matcher } from "../../bot/matching/matcher";
import { join } from "node:path";
import { loadKnowledge } from "../../bot/knowledge/loader";
import { evaluate } from "./evaluate";
import { IN_DOMAIN, OFF_TOPIC } from "./queries";

describe("matching quality on the evaluation set", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    // the knowledge these questions were written for, frozen with the memnuniyet evaluation
    const loaded = await loadKnowledge(join(__dirname, "..", "eval", "memnuniyet", "knowledge"));
    if (!loaded.knowledgeBase || loaded.errors.length > 0) throw new Error("frozen knowledge did not load");
    kb = loaded.knowledgeBase;
  });

  it("has a big enough set", () => {
    expect(IN_DOMAIN.length).toBeGreaterThanOrEqual(200);
    expect(OFF_TOPIC.length).toBeGreaterThanOrEqual(40);
    const ids = new Set(kb.entries.map((e) => e.id));
    for (const query of IN_DOMAIN) for (const id of query.expected) expect(ids).toContain(id);
  });

  it("meets the targets: top-1 ≥ 95%, wrongly answered ≤ 3%, off-topic rejected ≥ 95%", () => {
    const matcher = new Matcher();
    const result = evaluate(
      (text, base) => {
        const decision = matcher.match(text, base);
        return { status: decision.status, topId: decision.candidates[0]?.id ?? null };
      },
      kb,
      IN_DOMAIN,
      OFF_TOPIC,
    );
    if (result.top1 < 0.95 || result.wronglyAnswered > 0.03 || result.offTopicRejected < 0.95) {
      process.stderr.write(`${result.failures.join("\n")}\n`);
    }
    expect(result.top1).toBeGreaterThanOrEqual(0.95);
    expect(result.wronglyAnswered).toBeLessThanOrEqual(0.03);
    expect(result.offTopicRejected).toBeGreaterThanOrEqual(0.95);
  });
});
