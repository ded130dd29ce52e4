import { mkdtemp, rm, writeFile, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KnowledgeService } from "../../../bot/knowledge/service";
import { createLogger } from "../../../bot/logger";

const entry = (id: string, question: string, answer: string): string =>
  `---\nid: ${id}\nquestion: "${question}"\nalternates:\n  - "${question} acaba"\n---\n\n${answer}\n`;

/** Polls until `check` passes; the deadline is far above what a busy machine needs, so only a reload that never lands fails. */
async function eventually(check: () => void, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

describe("KnowledgeService live reload", () => {
  let dir: string;
  let service: KnowledgeService;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "memnun-reload-"));
    await writeFile(join(dir, "a.md"), entry("a", "Müşteri deneyimi nedir?", "Eski cevap: müşteri deneyimi bir bütündür."));
    await writeFile(join(dir, "b.md"), entry("b", "CRM nedir?", "CRM müşteri ilişkileri yönetimidir ve bir yazılımdır."));
    service = new KnowledgeService({ dir, logger: createLogger("silent"), debounceMs: 50 });
    await service.reload();
    await service.watch();
  });

  afterEach(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves an edit within 2 s", async () => {
    expect(service.current().byId.get("a")?.answer).toMatch(/Eski cevap/);
    await writeFile(join(dir, "a.md"), entry("a", "Müşteri deneyimi nedir?", "Yeni cevap: müşteri deneyimi tüm temas noktalarıdır."));
    await eventually(() => expect(service.current().byId.get("a")?.answer).toMatch(/Yeni cevap/));
    expect(service.status().lastError).toBeNull();
  });

  it("keeps the last good version when an edit is broken, and reports file and line", async () => {
    const before = service.current();
    await writeFile(join(dir, "a.md"), "---\nid: a\nquestoin: typo\n---\n\nCevap metni burada duruyor.\n");
    await eventually(() => expect(service.status().lastError).toMatch(/a\.md:3: tanınmayan alan "questoin"/));
    expect(service.current()).toBe(before);
    expect(service.current().byId.get("a")?.answer).toMatch(/Eski cevap/);
    expect(service.status().entries).toBe(2);
  });

  it("serves a synonyms.yaml edit within 2 s, and keeps the last good groups when it breaks", async () => {
    await writeFile(join(dir, "synonyms.yaml"), "- [memnuniyet, tatmin]\n");
    await eventually(() => expect(service.current().synonyms.map((g) => g.words)).toEqual([["memnuniyet", "tatmin"]]));
    await writeFile(join(dir, "synonyms.yaml"), "- [memnuniyet, tatmin]\n- [yalnız]\n");
    await eventually(() => expect(service.status().brokenFiles).toEqual([{ file: expect.stringMatching(/synonyms\.yaml$/), serving: "last-good", errors: [{ line: 2, message: "bir grupta en az iki kelime olmalı" }] }]));
    expect(service.current().synonyms.map((g) => g.words)).toEqual([["memnuniyet", "tatmin"]]);
    expect(service.current().byId.get("a")?.answer).toMatch(/Eski cevap/);
  });

  it("serves a cases.yaml edit live, and keeps the last good texts when it breaks", async () => {
    await writeFile(join(dir, "cases.yaml"), 'declined: "Tamam, kayıt açmadım."\n');
    await eventually(() => expect(service.current().caseTexts).toEqual({ declined: "Tamam, kayıt açmadım." }));
    await writeFile(join(dir, "cases.yaml"), 'declined: "Tamam, kayıt açmadım."\ncreated: "Numaranız {reference}"\n');
    await eventually(() => expect(service.status().brokenFiles).toEqual([{ file: expect.stringMatching(/cases\.yaml$/), serving: "last-good", errors: [{ line: 2, message: '"created": {hours} eksik' }] }]));
    expect(service.current().caseTexts).toEqual({ declined: "Tamam, kayıt açmadım." });
  });

  it("serves a bot.yaml edit live, and keeps the last good texts when it breaks", async () => {
    await writeFile(join(dir, "bot.yaml"), 'greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?"\n');
    await eventually(() => expect(service.current().botTexts).toEqual({ greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?" }));
    await writeFile(join(dir, "bot.yaml"), 'greeting: "Merhaba!"\nwelcome: ""\n');
    await eventually(() => expect(service.status().brokenFiles).toEqual([{ file: expect.stringMatching(/bot\.yaml$/), serving: "last-good", errors: [{ line: 2, message: '"welcome" için bir metin yazın' }] }]));
    expect(service.current().botTexts).toEqual({ greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?" });
  });

  it("picks up a new file and drops a deleted one", async () => {
    await writeFile(join(dir, "c.md"), entry("c", "NPS nedir?", "NPS net tavsiye skorudur ve sadakati ölçer."));
    await eventually(() => expect(service.current().byId.has("c")).toBe(true));
    await unlink(join(dir, "b.md"));
    await eventually(() => expect(service.current().byId.has("b")).toBe(false));
    expect(service.status().entries).toBe(2);
  });

  it("notifies subscribers once per reload that changes what is served", async () => {
    const seen: number[] = [];
    service.subscribe((kb) => seen.push(kb.entries.length));
    await service.reload();
    expect(seen).toEqual([]);
    await writeFile(join(dir, "c.md"), entry("c", "NPS nedir?", "NPS net tavsiye skorudur ve sadakati ölçer."));
    await service.reload();
    expect(seen).toEqual([3]);
  });
});
