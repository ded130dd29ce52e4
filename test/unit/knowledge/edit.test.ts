import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { addAlternates } from "../../../bot/knowledge/edit";
import { loadKnowledge } from "../../../bot/knowledge/loader";
import { temporaryFolders } from "../../helpers/temp";

const temporary = temporaryFolders("edit");

/** QA 48 #14: `kb:recommend --apply` rewrote the whole front matter (`tags: [ "a", "b" ]` became `tags: ["a", "b"]`). */
describe("addAlternates changes only the alternates list", () => {
  const write = async (text: string): Promise<string> => {
    const dir = temporary();
    await writeFile(join(dir, "a.md"), text);
    return dir;
  };

  it("appends to a block list in its indentation, every other byte as written", async () => {
    const original = [
      "---",
      "# kb:import: sss.qna",
      "id: a",
      "question:   'Hesabımı nasıl açarım?'",
      "alternates:",
      "    - hesap açmak   # ilk",
      "    - \"üye olmak\"",
      'tags: [ "kategori:hesap", "dil:tr" ]',
      "---",
      "",
      "Kayıt sayfasından açabilirsiniz: **Üye ol** düğmesi.",
      "",
    ].join("\r\n");
    const dir = await write(original);
    expect(await addAlternates(dir, "a.md", ["kayıt olmak", 'hesap "aç"'])).toEqual({ file: "a.md", added: ["kayıt olmak", 'hesap "aç"'] });
    const lines = original.split("\r\n");
    expect(await readFile(join(dir, "a.md"), "utf8")).toBe([...lines.slice(0, 7), '    - "kayıt olmak"', '    - "hesap \\"aç\\""', ...lines.slice(7)].join("\r\n"));
    expect((await loadKnowledge(dir)).entries[0]?.alternates).toEqual(["hesap açmak", "üye olmak", "kayıt olmak", 'hesap "aç"']);
  });

  it("appends inside a list in brackets, keeping its spacing", async () => {
    const dir = await write('---\nid: a\nquestion: "Hesap nedir?"\nalternates: [ "hesap", hesaplar ]\ntags: [ "a", "b" ]\n---\n\nHesap, bilgilerinizin tutulduğu yerdir.\n');
    await addAlternates(dir, "a.md", ["hesabım"]);
    expect(await readFile(join(dir, "a.md"), "utf8")).toBe('---\nid: a\nquestion: "Hesap nedir?"\nalternates: [ "hesap", hesaplar, "hesabım" ]\ntags: [ "a", "b" ]\n---\n\nHesap, bilgilerinizin tutulduğu yerdir.\n');
  });

  it("without a list to extend, adds one through the document model", async () => {
    const dir = await write('---\nid: a\nquestion: "Hesap nedir?"\n---\n\nHesap, bilgilerinizin tutulduğu yerdir.\n');
    await addAlternates(dir, "a.md", ["hesabım"]);
    expect((await loadKnowledge(dir)).entries[0]?.alternates).toEqual(["hesabım"]);
  });
});
