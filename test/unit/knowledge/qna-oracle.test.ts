import { copyFile, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadKnowledge } from "../../../bot/knowledge/loader";
import { bfLuRead, fromBfLu, fromMemnun } from "../../helpers/bf-lu";

const CORPUS = join(__dirname, "..", "..", "fixtures", "qna-corpus");

async function memnunRead(file: string): Promise<Awaited<ReturnType<typeof loadKnowledge>>> {
  const dir = await mkdtemp(join(tmpdir(), "memnun-qna-"));
  await copyFile(join(CORPUS, file), join(dir, file));
  return loadKnowledge(dir);
}

describe("Memnun reads .qna files as Microsoft's bf-lu does", () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = (await readdir(CORPUS)).filter((name) => name.endsWith(".qna")).sort();
  });

  it("the corpus covers every construct", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each([
    "baglantilar.qna",
    "bos.qna",
    "cince.qna",
    "cok-turlu.qna",
    "esanlamlar.qna",
    "filtreler.qna",
    "lu-bolumu.qna",
    "referanslar.qna",
    "temel.qna",
    "uzun-sorular.qna",
    "yorumlar.qna",
  ])("%s: same pairs, questions, alternates, answers, metadata, prompts and synonyms", async (file) => {
    expect(files).toContain(file);
    const text = await readFile(join(CORPUS, file), "utf8");
    const oracle = await bfLuRead(text);
    const memnun = await memnunRead(file);
    expect(memnun.errors).toEqual([]);
    expect(fromMemnun(memnun.entries)).toEqual(fromBfLu(oracle));
    expect(memnun.knowledgeBase?.synonyms.map((group) => group.words)).toEqual(oracle.alterations);
    // what bf-lu would fetch (pages, documents) is a warning naming the file and line
    const fetched = memnun.warnings.filter((w) => / indirilmiyor: /.test(w.message));
    expect(fetched).toHaveLength(oracle.urls.length + oracle.files.length);
    for (const warning of memnun.warnings) expect(warning).toMatchObject({ file, line: expect.any(Number) });
  });
});

describe("what Memnun cannot honour is a warning with its line", () => {
  it.each<[string, Array<[number, RegExp]>]>([
    ["baglantilar.qna", [[1, /"ortak\.qna" içe aktarılmıyor/], [2, /https:\/\/example\.com\/sss indirilmiyor/], [3, /kilavuz\.pdf indirilmiyor/]]],
    ["lu-bolumu.qna", [[1, /LU niyet bölümü "Selamlama" atlandı/], [12, /LU niyet bölümü "YardimIstegi" atlandı/]]],
    ["referanslar.qna", [[2, /"\[selamlar\]\(\.\/selamlama\.lu#Selamlama\)" alternatifi başka bir dosyadaki ifadelere başvuruyor/]]],
  ])("%s", async (file, expected) => {
    const { warnings } = await memnunRead(file);
    for (const [line, message] of expected) expect(warnings).toContainEqual({ file, line, message: expect.stringMatching(message) });
  });
});

describe("ids", () => {
  it("are never empty and never collide, in any script or length", async () => {
    for (const file of ["cince.qna", "uzun-sorular.qna", "filtreler.qna"]) {
      const { entries } = await memnunRead(file);
      const ids = entries.map((entry) => entry.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,79}$/);
    }
  });

  it("are stable and readable where they can be", async () => {
    const { entries } = await memnunRead("filtreler.qna");
    expect(entries.map((entry) => entry.id)).toEqual([
      "nereden-kahve-alabilirim-istanbul",
      "nereden-kahve-alabilirim-ankara",
      "where-can-i-get-coffee-seattle-coffee",
      "where-can-i-get-coffee-portland-coffee",
      "magazada-odeme-nasil-yapilir",
    ]);
    const chinese = await memnunRead("cince.qna");
    expect(chinese.entries.map((entry) => entry.id)).toEqual(["cince-1", "cince-2", expect.stringMatching(/^[0-9a-f]{8}$/), expect.stringMatching(/^[0-9a-f]{8}$/), expect.stringMatching(/^[0-9a-f]{8}$/)]);
    expect((await memnunRead("cince.qna")).entries.map((e) => e.id)).toEqual(chinese.entries.map((e) => e.id));
  });
});
