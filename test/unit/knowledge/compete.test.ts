import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKbCheck } from "../../../bot/cli/kb-check";

/** A knowledge folder of the given entries (id → question, alternates). */
function folder(entries: Record<string, [string, ...string[]]>): string {
  const dir = mkdtempSync(join(tmpdir(), "memnun-compete-"));
  for (const [id, [question, ...alternates]] of Object.entries(entries)) {
    const alts = alternates.length > 0 ? `alternates:\n${alternates.map((a) => `  - "${a}"`).join("\n")}\n` : "";
    writeFileSync(join(dir, `${id}.md`), `---\nid: ${id}\nquestion: "${question}"\n${alts}---\n\n${question} sorusunun ayrıntılı cevabı burada, birkaç cümleyle yazılır.\n`);
  }
  return dir;
}

async function check(dir: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runKbCheck([dir], {}, (line) => lines.push(line));
  return { code, lines };
}

describe("kb:check: entries that compete", () => {
  it("warns, naming both files, when two entries would each take the other's questions; it is a warning, not an error", async () => {
    const dir = folder({
      "kargo-ucreti": ["Kargo ücreti ne kadar?", "Kargo bedeli ne kadar?"],
      "kargo-ucretleri": ["Kargo ücretleri ne kadardır?", "Kargo bedelleri ne kadar?"],
      "iade": ["Ürünü nasıl iade ederim?", "İade nasıl yapılır?"],
    });
    const { code, lines } = await check(dir);
    expect(code).toBe(0);
    const competing = lines.filter((line) => line.includes("birbirinin sorularını alıyor"));
    expect(competing).toHaveLength(1);
    expect(competing[0]).toMatch(/kargo-ucretleri\.md:1: bu girdi ile kargo-ucreti\.md:1 \("Kargo ücreti ne kadar\?"\)/);
  });

  it("does not flag entries on one topic that differ in what they ask (neden / nasıl)", async () => {
    const dir = folder({
      "nps-neden": ["NPS neden ölçülür?", "NPS ölçmek neden önemli?"],
      "nps-nasil": ["NPS nasıl ölçülür?", "NPS nasıl hesaplanır?"],
    });
    const { code, lines } = await check(dir);
    expect(code).toBe(0);
    expect(lines.filter((line) => line.includes("birbirinin sorularını alıyor"))).toEqual([]);
  });
});
