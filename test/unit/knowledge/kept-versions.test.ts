import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keepVersions, KeptVersionsError, keptVersionsOrNone, readKeptVersions } from "../../../bot/knowledge/kept-versions";
import { loadKnowledge } from "../../../bot/knowledge/loader";
import { KnowledgeService } from "../../../bot/knowledge/service";
import { createLogger } from "../../../bot/logger";
import { folderWith, writeFiles } from "../../helpers/knowledge";

const entry = (id: string, question: string, extra = ""): string =>
  `---\nid: ${id}\nquestion: "${question}"\nalternates:\n  - "${question} acaba"\n${extra}---\n\nBu yeterince uzun, gerçek bir cevap metnidir ve kontrolü geçer (${id}).\n`;
const linksTo = (id: string): string => `related:\n  - ${id}\n`;

/** The shipped knowledge's shape (QA 46): the file that takes `nps` sorts before `olcum/nps.md`, and another file links to its old id. */
const SHIPPED = {
  "kavramlar/musteri-deneyimi.md": entry("musteri-deneyimi", "Müşteri deneyimi nedir?"),
  "olcum/davranis-modelleri.md": entry("davranis-modelleri", "Davranış modelleri nelerdir?", linksTo("musteri-deneyimi")),
  "olcum/nps.md": entry("nps", "NPS nedir?"),
};
const TAKES_NPS = { "kavramlar/musteri-deneyimi.md": entry("nps", "Müşteri deneyimi nedir?") };
const DUPLICATE = 'kavramlar/musteri-deneyimi.md:2: "nps" id\'si başka bir girdide de kullanılıyor (olcum/nps.md:2); her girdinin id\'si farklı olmalı';

describe("kept last good versions", () => {
  let dir: string;
  let data: string;
  let kept: string;
  beforeEach(async () => {
    dir = await folderWith(SHIPPED);
    data = await mkdtemp(join(tmpdir(), "memnun-data-"));
    kept = join(data, "knowledge-last-good.json");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(data, { recursive: true, force: true });
  });

  it("are read back as the versions served, for the folder they were kept for only", async () => {
    const first = await loadKnowledge(dir);
    await keepVersions(kept, dir, first.accepted);
    expect(await readdir(data)).toEqual(["knowledge-last-good.json"]);
    const back = await readKeptVersions(kept, dir);
    expect([...back.keys()]).toEqual([...first.accepted.keys()]);
    expect(back.get("olcum/nps.md")).toMatchObject({ text: SHIPPED["olcum/nps.md"], drafts: [expect.objectContaining({ id: "nps" })] });
    expect((await readKeptVersions(kept, join(dir, "baska"))).size).toBe(0);
    expect((await readKeptVersions(join(data, "yok.json"), dir)).size).toBe(0);
  });

  it("leave out a text this code refuses, ignore another format, and refuse a malformed file", async () => {
    const files = [
      { file: "a.md", text: entry("a", "Birinci soru nedir?") },
      { file: "b.md", text: "---\nid: b\nquestoin: typo\n---\n\nCevap.\n" },
    ];
    await writeFile(kept, JSON.stringify({ format: 1, knowledgeDir: dir, files }));
    expect([...(await readKeptVersions(kept, dir)).keys()]).toEqual(["a.md"]);
    await writeFile(kept, JSON.stringify({ format: 2, knowledgeDir: dir, stored: {} }));
    expect((await readKeptVersions(kept, dir)).size).toBe(0);
    for (const body of ["{yarım", JSON.stringify({ format: 1, knowledgeDir: dir, files: [{ file: "a.md" }] })]) {
      await writeFile(kept, body);
      await expect(readKeptVersions(kept, dir)).rejects.toBeInstanceOf(KeptVersionsError);
      await expect(readKeptVersions(kept, dir)).rejects.toThrow(/^\[knowledge\] the kept last good versions in .* are (not JSON|malformed)$/);
      expect((await keptVersionsOrNone(kept, dir)).size).toBe(0);
    }
  });

  it("a failed write leaves the previous file whole and says where", async () => {
    // a name as long as a file name may be: the temporary file beside it, named longer, cannot be made
    const longest = join(data, `${"k".repeat(250)}.json`);
    const first = await loadKnowledge(dir);
    await keepVersions(kept, dir, first.accepted);
    await rename(kept, longest);
    const before = await readFile(longest, "utf8");
    await writeFiles(dir, { "olcum/nps.md": entry("nps", "NPS ne demek?") });
    const second = await loadKnowledge(dir, { lastGood: first.accepted });
    const failed = keepVersions(longest, dir, second.accepted);
    await expect(failed).rejects.toThrow(/^\[knowledge\] could not keep the last good versions in .*k{250}\.json$/);
    await expect(failed).rejects.toHaveProperty("cause.cause.code", "ENAMETOOLONG");
    expect(await readFile(longest, "utf8")).toBe(before);
    expect(await readdir(data)).toEqual([`${"k".repeat(250)}.json`]);
  });

  describe("a restart serves what the running server served", () => {
    const services: KnowledgeService[] = [];
    const service = (keptVersionsFile?: string): KnowledgeService => {
      const created = new KnowledgeService({ dir, logger: createLogger("silent"), ...(keptVersionsFile ? { keptVersionsFile } : {}) });
      services.push(created);
      return created;
    };
    afterEach(async () => {
      for (const created of services.splice(0)) await created.close();
    });

    it("charges a reused id to the edited file, which keeps its last good version, as before the restart", async () => {
      const running = service(kept);
      await running.reload();
      await writeFiles(dir, TAKES_NPS);
      const before = await running.reload();
      expect(before.errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([DUPLICATE]);
      await running.close();

      const restarted = service(kept);
      const after = await restarted.reload();
      expect(after.errors).toEqual(before.errors);
      expect(after.warnings).toEqual(before.warnings);
      expect(restarted.status().brokenFiles).toEqual([{ file: expect.stringMatching(/kavramlar\/musteri-deneyimi\.md$/), serving: "last-good", errors: [{ line: 2, message: expect.stringMatching(/"nps" id'si/) }] }]);
      const kb = restarted.current();
      expect(kb.byId.get("nps")?.source.file).toBe("olcum/nps.md");
      expect(kb.byId.get("musteri-deneyimi")?.question).toBe("Müşteri deneyimi nedir?");
      expect(kb.byId.get("davranis-modelleri")?.related).toEqual(["musteri-deneyimi"]);
    });

    it("keeps a broken file's last good version across a restart, and a fix replaces it", async () => {
      await service(kept).reload();
      await writeFiles(dir, { "olcum/nps.md": "---\nid: nps\nquestion: [kapanmayan\n---\n\nCevap.\n" });
      const restarted = service(kept);
      await restarted.reload();
      expect(restarted.status().brokenFiles).toEqual([expect.objectContaining({ serving: "last-good" })]);
      expect(restarted.current().byId.get("nps")?.question).toBe("NPS nedir?");

      await writeFiles(dir, { "olcum/nps.md": entry("nps", "NPS ne demek?") });
      await restarted.reload();
      expect((await readKeptVersions(kept, dir)).get("olcum/nps.md")?.drafts[0]?.question).toBe("NPS ne demek?");
    });

    it("without kept versions, a start charges the same file but has no last good version of it", async () => {
      await writeFiles(dir, TAKES_NPS);
      const fresh = service();
      const result = await fresh.reload();
      expect(result.errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([DUPLICATE]);
      expect(fresh.status().brokenFiles).toEqual([expect.objectContaining({ serving: "nothing" })]);
      expect(fresh.current().byId.get("nps")?.source.file).toBe("olcum/nps.md");
    });

    it("a malformed kept file is logged and the start goes on without it", async () => {
      await writeFile(kept, "{yarım");
      const lines: string[] = [];
      const logged = new KnowledgeService({ dir, logger: createLogger("warn", { write: (line: string) => lines.push(line) }), keptVersionsFile: kept });
      services.push(logged);
      await logged.reload();
      expect(logged.current().entries).toHaveLength(3);
      expect(lines.join("")).toMatch(/starting without the kept last good versions/);
      // and the next write replaces it
      expect((await readKeptVersions(kept, dir)).size).toBe(3);
    });
  });
});
