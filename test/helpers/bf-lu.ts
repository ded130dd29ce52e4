import { dirname } from "node:path";
import { parseFile, type BfQnaPair } from "@microsoft/bf-lu/lib/parser/lufile/parseFileContents.js";
import { collate } from "@microsoft/bf-lu/lib/parser/qna/qnamaker/kbCollate.js";
import { TAG_FILTER } from "../../bot/knowledge/parse-qna";
import type { KnowledgeEntry } from "../../bot/knowledge/types";

/**
 * Microsoft's own `.qna` reader, as `bf qnamaker:build` runs it (`parseFile`, then
 * `kbCollate.collate`), for oracle tests. bf-lu probes every URL reference with an HTTP HEAD
 * through its own axios; that axios gets an adapter that answers locally (a `.pdf` is a
 * document, anything else a web page), so the tests use no network.
 */

interface AxiosDefaults {
  defaults: { adapter?: (config: { url?: string }) => Promise<unknown> };
}

function isAxios(value: unknown): value is AxiosDefaults {
  return typeof value === "function" && "defaults" in value && typeof value.defaults === "object" && value.defaults !== null;
}

const bfLuDir = dirname(require.resolve("@microsoft/bf-lu/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- bf-lu's own copy of axios, found from its folder, must be the one stubbed
const axios: unknown = require(require.resolve("axios", { paths: [bfLuDir] }));
if (!isAxios(axios)) throw new Error("bf-lu's axios not found");
axios.defaults.adapter = async (config) => ({
  status: 200,
  statusText: "OK",
  headers: { "content-type": (config.url ?? "").endsWith(".pdf") ? "application/pdf" : "text/html" },
  data: "",
  config,
});

export interface BfKnowledge {
  pairs: BfQnaPair[];
  alterations: string[][];
  urls: string[];
  files: string[];
}

export async function bfLuRead(text: string): Promise<BfKnowledge> {
  const parsed = await parseFile(text, false, "tr-tr");
  const kb = collate([parsed.qnaJsonStructure]);
  return {
    pairs: kb.qnaList,
    alterations: parsed.qnaAlterations.wordAlterations.map((group) => group.alterations),
    urls: kb.urls,
    files: kb.files.map((file) => file.fileUri),
  };
}

/** bf-lu keeps an utterance-reference alternate as text; Memnun warns and leaves it out. */
const UTTERANCE_REFERENCE = /^\[[^[]+\](\([^|]+\)|\[[^[]+\])$/;

/** One pair, as both readers should agree on it. */
export interface Pair {
  questions: string[];
  answer: string;
  metadata: Array<{ name: string; value: string }>;
  contextOnly: boolean;
  prompts: Array<{ displayText: string; target: string }>;
}

/** A pair's identity for prompts: its question and filters (the same question may repeat with other filters). */
const pairName = (question: string | undefined, metadata: Pair["metadata"]): string =>
  `${question ?? ""}${metadata.map((m) => ` [${m.name}=${m.value}]`).join("")}`;

export function fromBfLu(kb: BfKnowledge): Pair[] {
  const byId = new Map(kb.pairs.map((pair) => [String(pair.id), pair]));
  return kb.pairs.map((pair) => ({
    questions: pair.questions.filter((q) => q !== "" && !UTTERANCE_REFERENCE.test(q)),
    answer: pair.answer,
    metadata: pair.metadata.map(({ name, value }) => ({ name, value })),
    contextOnly: pair.context?.isContextOnly ?? false,
    prompts: [...(pair.context?.prompts ?? [])]
      .sort((a, b) => a.displayOrder - b.displayOrder)
      .map((prompt) => {
        const target = byId.get(String(prompt.qnaId));
        return { displayText: prompt.displayText.trim(), target: pairName(target?.questions[0], target?.metadata ?? []) };
      }),
  }));
}

function metadataOf(entry: KnowledgeEntry): Pair["metadata"] {
  return entry.tags.map((tag) => {
    const colon = tag.indexOf(":");
    return colon === -1 ? { name: TAG_FILTER, value: tag } : { name: tag.slice(0, colon), value: tag.slice(colon + 1) };
  });
}

export function fromMemnun(entries: readonly KnowledgeEntry[]): Pair[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return entries.map((entry) => ({
    questions: [entry.question, ...entry.alternates],
    answer: entry.answer,
    metadata: metadataOf(entry),
    contextOnly: entry.contextOnly ?? false,
    prompts: entry.related.map((id) => {
      const target = byId.get(id);
      return { displayText: entry.relatedTitles?.[id] ?? target?.question ?? "", target: pairName(target?.question, target ? metadataOf(target) : []) };
    }),
  }));
}

