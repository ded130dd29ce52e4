import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEXTS } from "../../bot/conversation/texts";
import { say, useRunningApp } from "../helpers/app";

/**
 * QA 48 #4: the same question under two filters (or a `.qna` file's repeated pair that kb:import
 * tags `qna:<anchor>`) came as two "did you mean" buttons with one text. Over real HTTP, as the
 * Emulator asks.
 */

const F = "```";
const pair = (question: string, filter: string, answer: string): string => `# ? ${question}\n- ${question.replace("?", "")} acaba\n\n**Filters:**\n- ${filter}\n\n${F}\n${answer}\n${F}\n`;
const entry = (id: string, question: string, tags: string, answer: string): string => `---\nid: ${id}\nquestion: "${question}"\ntags: [${tags}]\n---\n\n${answer}\n`;

describe("'did you mean' with choices that share a question", () => {
  const dir = mkdtempSync(join(tmpdir(), "memnun-same-question-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "sss.qna"),
    [pair("Kargo ücreti ne kadar?", "şehir = İstanbul", "İstanbul içi kargo ücreti 30 TL'dir."), pair("Kargo ücreti ne kadar?", "şehir = Ankara", "Ankara'ya kargo ücreti 45 TL'dir.")].join("\n"),
  );
  // as kb:import writes a .qna file's repeated pair: the later one tagged qna:<anchor>, here with the same answer
  writeFileSync(join(dir, "calisma-saatleriniz-nedir.md"), entry("calisma-saatleriniz-nedir", "Çalışma saatleriniz nedir?", '"kategori:genel"', "Hafta içi 09:00-18:00 arası açığız."));
  writeFileSync(join(dir, "calisma-saatleriniz-nedir-7.md"), entry("calisma-saatleriniz-nedir-7", "Çalışma saatleriniz nedir?", '"kategori:genel", "qna:7"', "Hafta içi 09:00-18:00 arası açığız."));
  const running = useRunningApp({ KNOWLEDGE_DIR: dir });
  const ask = async (conversation: string, text: string): Promise<{ text?: string; titles: string[] }> => {
    const [reply] = await say(running.app(), running.connector(), conversation, text);
    return { text: reply?.text, titles: reply?.suggestedActions?.actions.map((action) => action.title) ?? [] };
  };

  it("names each choice's filter, and its label or number typed back picks it", async () => {
    const offered = await ask("conv-cargo-1", "kargo ücreti ne kadar");
    expect(offered).toEqual({ text: TEXTS.didYouMeanSeveral, titles: ["Kargo ücreti ne kadar? (şehir: İstanbul)", "Kargo ücreti ne kadar? (şehir: Ankara)", TEXTS.noneOfThese] });
    expect((await ask("conv-cargo-1", "kargo ucreti ne kadar sehir ankara")).text).toMatch(/^Ankara'ya kargo ücreti 45 TL'dir\./);

    expect((await ask("conv-cargo-2", "kargo ücreti ne kadar")).titles).toHaveLength(3);
    expect((await ask("conv-cargo-2", "1")).text).toMatch(/^İstanbul içi kargo ücreti 30 TL'dir\./);
  });

  it("offers a repeated question with the same answer once", async () => {
    expect(await ask("conv-hours", "çalışma saatleriniz nedir")).toEqual({ text: TEXTS.didYouMean, titles: ["Çalışma saatleriniz nedir?", TEXTS.noneOfThese] });
    expect((await ask("conv-hours", "1")).text).toMatch(/^Hafta içi 09:00-18:00 arası açığız\./);
  });
});
