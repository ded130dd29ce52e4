import { cp, mkdtemp, rename, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KnowledgeService } from "../../../bot/knowledge/service";
import { createLogger } from "../../../bot/logger";
import type { KnowledgeBase } from "../../../bot/knowledge/types";
import { writeFiles } from "../../helpers/knowledge";
import { capturingLogger } from "../../helpers/log";

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

  it.each([
    ["synonyms.yaml", "- [memnuniyet, tatmin]\n", (kb: KnowledgeBase): unknown => kb.synonyms.map((g) => g.words), [["memnuniyet", "tatmin"]]],
    ["cases.yaml", 'declined: "Tamam, kayıt açmadım."\n', (kb: KnowledgeBase): unknown => kb.caseTexts, { declined: "Tamam, kayıt açmadım." }],
    ["bot.yaml", 'greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?"\n', (kb: KnowledgeBase): unknown => kb.botTexts, { greeting: "Merhaba! Kargonuzla ilgili ne sormak istersiniz?" }],
  ])("an emptied %s is an error at line 1 that keeps the last good version, also for the next start", async (file, text, served, expected) => {
    const kept = join(dir, ".kept.json");
    const withHistory = new KnowledgeService({ dir, logger: createLogger("silent"), debounceMs: 50, keptVersionsFile: kept });
    await withHistory.reload();
    await writeFile(join(dir, file), text);
    await withHistory.reload();
    expect(served(withHistory.current())).toEqual(expected);
    for (const emptied of ["", "# taslak\n\n"]) {
      await writeFile(join(dir, file), emptied);
      await withHistory.reload();
      expect(withHistory.status().brokenFiles).toEqual([
        { file: expect.stringMatching(new RegExp(`${file.replace(".", "\\.")}$`)), serving: "last-good", errors: [{ line: 1, message: expect.stringMatching(/^dosya boş ya da yalnızca açıklama satırları var: /) }] },
      ]);
      expect(served(withHistory.current())).toEqual(expected);
    }
    await withHistory.close();
    const restarted = new KnowledgeService({ dir, logger: createLogger("silent"), keptVersionsFile: kept });
    await restarted.reload();
    expect(served(restarted.current())).toEqual(expected);
    expect(restarted.status().brokenFiles).toHaveLength(1);
    await restarted.close();
  });

  it("picks up a new file and drops a deleted one", async () => {
    await writeFile(join(dir, "c.md"), entry("c", "NPS nedir?", "NPS net tavsiye skorudur ve sadakati ölçer."));
    await eventually(() => expect(service.current().byId.has("c")).toBe(true));
    await unlink(join(dir, "b.md"));
    await eventually(() => expect(service.current().byId.has("b")).toBe(false));
    expect(service.status().entries).toBe(2);
  });

  it("logs a warning naming a file it does not read", async () => {
    const log = capturingLogger("warn");
    const logged = new KnowledgeService({ dir, logger: log.logger });
    await writeFiles(dir, { "ext/soru.md.txt": entry("soru", "Soru nedir?", "Bu bir taslak cevaptır ve okunmaz.") });
    await logged.reload();
    expect(log.text()).toContain(`[knowledge] ${dir}/ext/soru.md.txt: bu dosya okunmuyor: adının sonuna`);
    await logged.close();
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

describe("KnowledgeService when the knowledge folder is replaced", () => {
  const made: string[] = [];
  let service: KnowledgeService | undefined;
  const log = capturingLogger("info");

  async function newFolder(): Promise<string> {
    const base = await mkdtemp(join(tmpdir(), "memnun-replace-"));
    made.push(base);
    return base;
  }

  async function serve(dir: string): Promise<KnowledgeService> {
    service = new KnowledgeService({ dir, logger: log.logger, debounceMs: 50, folderCheckMs: 50 });
    await service.reload();
    await service.watch();
    return service;
  }

  afterEach(async () => {
    await service?.close();
    service = undefined;
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it("watches the folder again after it is moved away and copied back, and serves the next edit", async () => {
    const base = await newFolder();
    const dir = join(base, "kb");
    await writeFiles(dir, { "olcum/nps.md": entry("nps", "NPS nedir?", "NPS-EDIT1: net tavsiye skorudur ve sadakati ölçer.") });
    const running = await serve(dir);
    await rename(dir, join(base, "kb.old"));
    await cp(join(base, "kb.old"), dir, { recursive: true });
    await writeFile(join(dir, "olcum", "nps.md"), entry("nps", "NPS nedir?", "NPS-EDIT2: net tavsiye skorudur ve sadakati ölçer."));
    await eventually(() => expect(running.current().byId.get("nps")?.answer).toMatch(/NPS-EDIT2/));
    // and it goes on watching the new folder, not the old one
    await writeFile(join(dir, "c.md"), entry("c", "CES nedir?", "CES müşterinin harcadığı çabayı ölçen bir skordur."));
    await eventually(() => expect(running.current().byId.has("c")).toBe(true));
    expect(running.status()).toMatchObject({ watching: true, watchError: null, brokenFiles: [], lastError: null });
    // the move is seen at once (the folder gone) or at the next check (replaced), as the copy races it
    expect(log.text()).toMatch(/was replaced|is back/);
  });

  it("says so while the folder is gone, serving the last good knowledge, and watches it once it is back", async () => {
    const base = await newFolder();
    const dir = join(base, "kb");
    await writeFiles(dir, { "a.md": entry("a", "Müşteri deneyimi nedir?", "Eski cevap: müşteri deneyimi bir bütündür.") });
    const running = await serve(dir);
    await rm(dir, { recursive: true });
    await eventually(() => expect(running.status()).toMatchObject({ watching: false, brokenFiles: [{ file: dir, serving: "last-good", errors: [{ line: 0, message: expect.stringMatching(/bilgi klasörü bulunamadı/) }] }] }));
    expect(running.current().byId.get("a")?.answer).toMatch(/Eski cevap/);
    expect(log.text()).toMatch(/is gone/);
    await writeFiles(dir, { "a.md": entry("a", "Müşteri deneyimi nedir?", "Yeni cevap: müşteri deneyimi tüm temas noktalarıdır.") });
    await eventually(() => expect(running.current().byId.get("a")?.answer).toMatch(/Yeni cevap/));
    await eventually(() => expect(running.status()).toMatchObject({ watching: true, brokenFiles: [], lastError: null }));
  });

  it("follows a symlink switched to another release (ln -sfn, then mv -T)", async () => {
    const base = await newFolder();
    await writeFiles(join(base, "rel1"), { "a.md": entry("a", "Müşteri deneyimi nedir?", "REL1: müşteri deneyimi bir bütündür.") });
    await writeFiles(join(base, "rel2"), { "a.md": entry("a", "Müşteri deneyimi nedir?", "REL2: müşteri deneyimi tüm temas noktalarıdır.") });
    await symlink("rel1", join(base, "current"));
    const running = await serve(join(base, "current"));
    expect(running.current().byId.get("a")?.answer).toMatch(/REL1/);
    await symlink("rel2", join(base, "current.tmp"));
    await rename(join(base, "current.tmp"), join(base, "current"));
    await eventually(() => expect(running.current().byId.get("a")?.answer).toMatch(/REL2/));
    await writeFile(join(base, "rel2", "a.md"), entry("a", "Müşteri deneyimi nedir?", "REL2-EDIT: müşteri deneyimi tüm temas noktalarıdır."));
    await eventually(() => expect(running.current().byId.get("a")?.answer).toMatch(/REL2-EDIT/));
    // the old release is no longer watched: an edit there is not served
    await writeFile(join(base, "rel1", "b.md"), entry("b", "CRM nedir?", "CRM müşteri ilişkileri yönetimidir ve bir yazılımdır."));
    await running.reload();
    expect(running.current().byId.has("b")).toBe(false);
    expect(running.status().watching).toBe(true);
  });
});
