import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledge } from "../../bot/knowledge/loader";
import type { KnowledgeBase } from "../../bot/knowledge/types";
import type { LabelledQuery } from "../matching/queries";

/**
 * Evaluation domains: each folder under `test/eval/` holds `questions.json` (customer questions
 * written by someone who never saw the matcher, each with the ids of its right entries, split
 * once into a tuning half and a held-out half) and the knowledge it asks about: its own
 * `knowledge/` folder, or the one named by `knowledgeDir` (relative to the repository root).
 * Questions are never edited after their result was seen; git history shows when each was added.
 */

export type Split = "tuning" | "heldout";

interface QuestionsFile {
  readonly domain: string;
  readonly knowledgeDir?: string;
  readonly inDomain: ReadonlyArray<{ text: string; expected: string[]; split: Split; style?: string }>;
  readonly offTopic: ReadonlyArray<{ text: string; split: Split; style?: string }>;
}

export interface StyledQuery extends LabelledQuery {
  readonly style: string;
}

export interface EvaluationDomain {
  readonly name: string;
  readonly knowledgeDir: string;
  readonly inDomain: Readonly<Record<Split, readonly StyledQuery[]>>;
  readonly offTopic: Readonly<Record<Split, readonly string[]>>;
}

const EVAL_ROOT = __dirname;
const REPO_ROOT = join(__dirname, "..", "..");

/** Every evaluation domain, in name order. */
export function evaluationDomains(): EvaluationDomain[] {
  return readdirSync(EVAL_ROOT)
    .filter((name) => statSync(join(EVAL_ROOT, name)).isDirectory())
    .filter((name) => {
      try {
        return statSync(join(EVAL_ROOT, name, "questions.json")).isFile();
      } catch {
        return false;
      }
    })
    .sort()
    .map((name) => {
      const file = JSON.parse(readFileSync(join(EVAL_ROOT, name, "questions.json"), "utf8")) as QuestionsFile;
      const knowledgeDir = file.knowledgeDir ? join(REPO_ROOT, file.knowledgeDir) : join(EVAL_ROOT, name, "knowledge");
      const bySplit = (split: Split): StyledQuery[] =>
        file.inDomain.filter((q) => q.split === split).map((q) => ({ text: q.text, expected: q.expected, style: q.style ?? "" }));
      const offBySplit = (split: Split): string[] => file.offTopic.filter((q) => q.split === split).map((q) => q.text);
      return {
        name,
        knowledgeDir,
        inDomain: { tuning: bySplit("tuning"), heldout: bySplit("heldout") },
        offTopic: { tuning: offBySplit("tuning"), heldout: offBySplit("heldout") },
      };
    });
}

/** Loads a domain's knowledge; throws when it does not load cleanly. */
export async function domainKnowledge(domain: EvaluationDomain): Promise<KnowledgeBase> {
  const result = await loadKnowledge(domain.knowledgeDir);
  if (!result.knowledgeBase) {
    throw new Error(`[eval] ${domain.name}: knowledge did not load: ${result.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join("; ")}`);
  }
  return result.knowledgeBase;
}
