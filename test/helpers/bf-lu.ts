import { dirname } from "node:path";
import { parseFile, type BfQnaPair } from "@microsoft/bf-lu/lib/parser/lufile/parseFileContents.js";
import { collate } from "@microsoft/bf-lu/lib/parser/qna/qnamaker/kbCollate.js";

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
