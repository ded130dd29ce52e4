import { join } from "node:path";
import { loadKnowledge } from "../../bot/knowledge/loader";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { classifySmallTalk } from "../../bot/matching/small-talk";
import { domainKnowledge, evaluationDomains } from "./domains";

/**
 * Small talk is read inside the matcher, before the knowledge is searched: a question it takes is
 * never answered. No customer question of an evaluation domain may be taken, nor any question or
 * alternate of the shipped knowledge or of an evaluation knowledge base (each is a question an
 * editor wants answered). Off-topic questions may be: a greeting or "bot musun" alone is both.
 */
describe("small talk never takes a question the knowledge should answer", () => {
  const domains = evaluationDomains();

  it("takes no in-domain evaluation question", () => {
    const taken = domains.flatMap((domain) =>
      [...domain.inDomain.tuning, ...domain.inDomain.heldout].flatMap((query) => {
        const kind = classifySmallTalk(query.text);
        return kind === null ? [] : [`${domain.name}: ${kind}: ${query.text}`];
      }),
    );
    expect(taken).toEqual([]);
  });

  it("takes no question or alternate of the shipped knowledge nor of an evaluation knowledge base", async () => {
    const shipped = await loadKnowledge(join(__dirname, "..", "..", "knowledge"));
    const bases: Array<[string, KnowledgeBase | undefined]> = [["knowledge", shipped.knowledgeBase]];
    const seen = new Set<string>();
    for (const domain of domains) {
      if (seen.has(domain.knowledgeDir)) continue;
      seen.add(domain.knowledgeDir);
      bases.push([domain.name, await domainKnowledge(domain)]);
    }
    const taken = bases.flatMap(([name, kb]) => {
      if (!kb) throw new Error(`[test] ${name}: knowledge did not load`);
      return kb.entries.flatMap((entry) =>
        [entry.question, ...entry.alternates].flatMap((text) => {
          const kind = classifySmallTalk(text);
          return kind === null ? [] : [`${name} ${entry.id}: ${kind}: ${text}`];
        }),
      );
    });
    expect(taken).toEqual([]);
  });
});
