import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKbCheck } from "../../../bot/cli/kb-check";
import { displayPath } from "../../../bot/knowledge/display-path";
import { KnowledgeService } from "../../../bot/knowledge/service";
import { createLogger } from "../../../bot/logger";

describe("displayPath: knowledge paths as people read them", () => {
  it("is relative to the working directory for a folder inside it, absolute for one outside", () => {
    const cwd = "/srv/memnun";
    expect(displayPath("knowledge", cwd)).toBe("knowledge");
    expect(displayPath("./knowledge/olcum", cwd)).toBe("knowledge/olcum");
    expect(displayPath("/srv/memnun/knowledge", cwd)).toBe("knowledge");
    expect(displayPath(".", cwd)).toBe(".");
    expect(displayPath("/srv/memnun", cwd)).toBe(".");
    // a folder whose name starts with two dots is still inside
    expect(displayPath("..taslak", cwd)).toBe("..taslak");
    expect(displayPath("/tmp/qa-kb", cwd)).toBe("/tmp/qa-kb");
    expect(displayPath("../../tmp/qa-kb", cwd)).toBe("/tmp/qa-kb");
    expect(displayPath("..", cwd)).toBe("/srv");
    expect(displayPath("/srv/memnun-2/knowledge", cwd)).toBe("/srv/memnun-2/knowledge");
  });
});

describe("a knowledge folder outside the working directory is named by its absolute path", () => {
  let dir: string;
  beforeAll(async () => {
    // the tests run in the repository; the system's temporary folder is outside it
    dir = await mkdtemp(join(tmpdir(), "memnun-outside-"));
    await writeFile(join(dir, "nps.md"), "---\nid: nps\nquestoin: NPS nedir?\n---\n\nNPS, tavsiye etme olasılığını ölçen bir göstergedir.\n");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("in kb:check", async () => {
    const out: string[] = [];
    expect(await runKbCheck([dir], {}, (line) => out.push(line))).toBe(1);
    expect(out).toContain(`hata  ${dir}/nps.md:3: tanınmayan alan "questoin" ("question" mı demek istediniz?); kullanılabilen alanlar: id, question, alternates, tags, related, contextOnly, source`);
    expect(out.at(-1)).toMatch(new RegExp(`^${dir}: 1 dosya, 0 girdi, `));
  });

  it("in /healthz's broken files and the log", async () => {
    const service = new KnowledgeService({ dir, logger: createLogger("silent") });
    await service.reload();
    const status = service.status();
    expect(status.brokenFiles.map((broken) => broken.file)).toEqual([`${dir}/nps.md`]);
    expect(status.lastError?.split("\n")[0]).toMatch(new RegExp(`^\\[knowledge\\] ${dir}/nps\\.md:3: tanınmayan alan`));
    await service.close();
  });
});
