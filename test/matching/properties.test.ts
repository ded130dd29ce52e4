import fc from "fast-check";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import { analyze } from "../../bot/matching/analysis";
import { Matcher } from "../../bot/matching/matcher";
import { parseMarkdownEntry } from "../../bot/knowledge/parse-markdown";
import { parseQnaFile } from "../../bot/knowledge/parse-qna";
import { checkActivity } from "../../bot/server/activity-guard";
import { realKnowledge } from "../helpers/bot";

const hostileText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom("", "   ", "\u0000\u0001\u0007", "😀😀😀", "مرحبا كيف حالك", "שלום", "\u202Eevil\u202C", "?".repeat(500), "a".repeat(10_000), "İIıi".repeat(100)),
);

describe("property: nothing throws or hangs on hostile input", () => {
  let kb: KnowledgeBase;
  const matcher = new Matcher();
  beforeAll(async () => {
    kb = await realKnowledge();
  });

  it("analyze returns terms for any string", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const term of analyze(text)) {
          expect(typeof term.surface).toBe("string");
          expect(typeof term.stem).toBe("string");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("match returns a valid decision for any string; scores stay in [0, 1]", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const decision = matcher.match(text, kb);
        expect(["answered", "ambiguous", "none"]).toContain(decision.status);
        for (const candidate of decision.candidates) {
          expect(candidate.confidence).toBeGreaterThanOrEqual(0);
          expect(candidate.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("empty, emoji-only, right-to-left and control-character text is never answered", () => {
    for (const text of ["", "   ", "😀😀😀", "مرحبا كيف حالك", "\u0000\u0001", "\u202E\u202C"]) {
      expect(matcher.match(text, kb).status).toBe("none");
    }
  });

  it("a 10,000-character message is handled quickly enough not to hang", () => {
    const decision = matcher.match("müşteri memnuniyeti ".repeat(500), kb);
    expect(["answered", "ambiguous", "none"]).toContain(decision.status);
  });

  it("the knowledge parsers report errors instead of throwing", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const md = parseMarkdownEntry(`---\n${text}\n---\n${text}`, "x.md");
        expect(md.drafts.length + md.errors.length).toBeGreaterThan(0);
        parseMarkdownEntry(text, "y.md");
        parseQnaFile(text, "z.qna");
      }),
      { numRuns: 300 },
    );
  });

  it("the activity guard accepts or rejects any JSON value without throwing", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const verdict = checkActivity(value);
        expect(typeof verdict.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});
