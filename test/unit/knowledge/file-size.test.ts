import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKbCheck } from "../../../bot/cli/kb-check";
import { loadConfig } from "../../../bot/config";
import { DEFAULT_MAX_FILE_BYTES, loadKnowledge } from "../../../bot/knowledge/loader";

const entry = (id: string, question: string, answer: string): string => `---\nid: ${id}\nquestion: "${question}"\n---\n\n${answer}\n`;

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "memnun-kb-size-"));
  writeFileSync(join(dir, "kisa.md"), entry("kisa", "İade süreci nasıl işler?", "İade talebinizi 14 gün içinde oluşturabilirsiniz."));
  mkdirSync(join(dir, "buyuk"));
  // a valid entry, just too long: 300 KB of answer
  writeFileSync(join(dir, "buyuk", "dev.md"), entry("dev", "Kargo ne zaman gelir?", "Kargonuz yolda. ".repeat(20_000)));
  return dir;
}

describe("knowledge file size limit", () => {
  it("defaults to 256 KB per file", () => {
    expect(DEFAULT_MAX_FILE_BYTES).toBe(256 * 1024);
    expect(loadConfig({}).knowledgeMaxFileBytes).toBe(256 * 1024);
  });

  it("refuses a larger file before parsing it, with an error naming the file and the limit; the other files are served", async () => {
    const result = await loadKnowledge(folder());
    expect(result.errors).toEqual([{ file: "buyuk/dev.md", line: 0, message: expect.stringMatching(/dosya \d+ KB; dosya başına sınır 256 KB \(KNOWLEDGE_MAX_FILE_KB\)/) }]);
    expect(result.refused).toEqual([{ file: "buyuk/dev.md", servingLastGood: false }]);
    expect(result.knowledgeBase?.entries.map((e) => e.id)).toEqual(["kisa"]);
    expect(result.entries.map((e) => e.id)).toEqual(["kisa"]);
  });

  it("keeps serving a file's last good version when it grows over the limit", async () => {
    const dir = folder();
    const small = await loadKnowledge(dir, { maxFileBytes: 1024 * 1024 });
    expect(small.entries.map((e) => e.id).sort()).toEqual(["dev", "kisa"]);
    const limited = await loadKnowledge(dir, { lastGood: small.accepted });
    expect(limited.errors).toEqual([expect.objectContaining({ file: "buyuk/dev.md", line: 0 })]);
    expect(limited.refused).toEqual([{ file: "buyuk/dev.md", servingLastGood: true }]);
    expect(limited.entries.map((e) => e.id).sort()).toEqual(["dev", "kisa"]);
  });

  it("kb:check fails on it and names the file; KNOWLEDGE_MAX_FILE_KB raises the limit", async () => {
    const dir = folder();
    const lines: string[] = [];
    expect(await runKbCheck([dir], {}, (t) => lines.push(t))).toBe(1);
    expect(lines.join("\n")).toMatch(/buyuk\/dev\.md.*dosya başına sınır 256 KB/);
    expect(await runKbCheck([dir], { KNOWLEDGE_MAX_FILE_KB: "1024" }, () => undefined)).toBe(0);
  });
});
