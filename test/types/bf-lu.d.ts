/** The parts of @microsoft/bf-lu 4.15 the oracle tests use (the package ships no types). */
declare module "@microsoft/bf-lu/lib/parser/lufile/parseFileContents.js" {
  export interface BfQnaPrompt {
    displayText: string;
    qnaId: number | string;
    displayOrder: number;
  }
  export interface BfQnaPair {
    id: number | string;
    answer: string;
    source: string;
    questions: string[];
    metadata: Array<{ name: string; value: string }>;
    context?: { isContextOnly: boolean; prompts: BfQnaPrompt[] };
  }
  export interface BfQnaStructure {
    urls: string[];
    files: Array<{ fileName: string; fileUri: string }>;
    qnaList: BfQnaPair[];
  }
  export interface BfParsed {
    qnaJsonStructure: BfQnaStructure;
    qnaAlterations: { wordAlterations: Array<{ alterations: string[] }> };
    additionalFilesToParse: Array<{ filePath: string; includeInCollate: boolean }>;
  }
  export function parseFile(text: string, log: boolean, locale: string): Promise<BfParsed>;
}

declare module "@microsoft/bf-lu/lib/parser/qna/qnamaker/kbCollate.js" {
  import type { BfQnaStructure } from "@microsoft/bf-lu/lib/parser/lufile/parseFileContents.js";
  export function collate(list: BfQnaStructure[]): BfQnaStructure;
}
