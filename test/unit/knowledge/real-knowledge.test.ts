import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadKnowledge } from "../../../bot/knowledge/loader";
import { runKbCheck } from "../../../bot/cli/kb-check";

const REPO = join(__dirname, "..", "..", "..");
const KNOWLEDGE = join(REPO, "knowledge");

/** The 23 main questions the seed documents contain, word for word. */
const SEED_QUESTIONS = [
  "Müşteri sadakati ve müşteri memnuniyeti arasındaki fark nedir?",
  "Müşteri deneyimi nedir?",
  "Müşteri iletişimi nedir?",
  "CRM ve müşteri ilişkileri aynı şey mi?",
  "Müşteri memnuniyeti eğitimi nedir?",
  // the seed calls it CEM, which usually means customer experience management (issue 20)
  "Müşteri memnuniyeti endeksi nedir?",
  "Müşteri bağlılığı ve sadakati arasındaki fark nedir?",
  "Müşteri davranış modelleri nelerdir?",
  "Müşteri memnuniyeti nasıl tanımlanır?",
  "Müşteriyi nasıl memnun ederiz?",
  "Müşteri memnuniyeti modelleri nelerdir?",
  "Müşteri memnuniyetini bir tek cümle ile tanımlasanız nasıl tanımlardınız?",
  "Müşteri memnuniyeti temel prensipleri nelerdir?",
  "Satış sonrası müşteri memnuniyeti nasıl sağlanır?",
  "Müşteri memnuniyetini etkileyen faktörler nelerdir?",
  "Müşteriyi nasıl ikna edersiniz?",
  "Başarılı bir müşteri temsilcisi nasıl olmalı?",
  "Müşteri memnuniyeti neden önemlidir?",
  "Müşteri memnuniyetini sağlayacak koşullar nelerdir?",
  "Bir işletmede müşteri memnuniyeti unsurları nelerdir?",
  "10002 müşteri memnuniyeti nedir?",
  "Müşteriler olumlu deneyimleri kaç kişiye anlatır?",
  "Müşteri memnuniyeti ve sadakati nedir?",
];

describe("the real knowledge base", () => {
  it("loads without errors or warnings and has the 23 seed questions", async () => {
    const result = await loadKnowledge(KNOWLEDGE);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.entries.length).toBeGreaterThanOrEqual(23);
    expect(result.entries.map((e) => e.question)).toEqual(expect.arrayContaining([...SEED_QUESTIONS]));
  });

  it("has at least 4 alternates per entry, tags, and clean answers", async () => {
    const { entries } = await loadKnowledge(KNOWLEDGE);
    for (const entry of entries) {
      expect(entry.alternates.length).toBeGreaterThanOrEqual(4);
      expect(entry.tags.length).toBeGreaterThan(0);
      expect(entry.answer).not.toMatch(/…|Yazeka|kaynaktan alınan|Konuyla ilgili materyaller|Bitmemiş/);
    }
  });

  it("keeps the seeds' facts", async () => {
    const { knowledgeBase } = await loadKnowledge(KNOWLEDGE);
    const stats = knowledgeBase?.byId.get("olumlu-deneyim-kac-kisiye")?.answer ?? "";
    expect(stats).toMatch(/4 veya 5 kişiye/);
    expect(stats).toMatch(/9–12 kişiye/);
    expect(stats).toMatch(/%5'ini/);
    expect(stats).toMatch(/%25'ten %125'e/);
  });

  it("passes kb:check (function and the real npm script)", async () => {
    const lines: string[] = [];
    expect(await runKbCheck([KNOWLEDGE, "--json"], {}, (t) => lines.push(t))).toBe(0);
    const report: unknown = JSON.parse(lines.join(""));
    expect(report).toMatchObject({ files: 29, errors: [], warnings: [] });

    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "kb:check", "--", "--json"], { cwd: REPO });
    const viaNpm: unknown = JSON.parse(stdout);
    expect(viaNpm).toMatchObject({ files: 29, errors: [] });
    // a real npm process that loads the analyser: no speed is assumed, only a bound on a hang
  }, 180_000);

  it("kb:check exits non-zero and names file and line on a broken folder", async () => {
    const lines: string[] = [];
    const code = await runKbCheck([join(REPO, "test", "fixtures", "knowledge-broken")], {}, (t) => lines.push(t));
    expect(code).toBe(1);
    expect(lines.join("\n")).toMatch(/knowledge-broken\/eksik-soru\.md:1: "question" satırı yok/);
    expect(lines.at(-1)).toMatch(/1 dosya, 0 girdi, 1 hata/);
  });
});
