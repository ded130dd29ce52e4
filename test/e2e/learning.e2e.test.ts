import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runKbRecommend } from "../../bot/cli/kb-recommend";
import { TEXTS } from "../../bot/conversation/texts";
import type { Recommendations } from "../../bot/feedback/recommendations";
import type { RunningApp } from "../../bot/index";
import { loadKnowledge } from "../../bot/knowledge/loader";
import { Matcher } from "../../bot/matching/matcher";
import { emulatorActivity, post, REPO_ROOT, startTestApp, tempDataDir } from "../helpers/app";
import { isRatedAnswer, LocalConnector } from "../helpers/connector";

const DASHBOARD_TOKEN = "learning-test-dashboard-token";
/** Whether a message is a "did you mean", with one choice or several. */
const isDidYouMean = (message: { text?: string }): boolean => message.text === TEXTS.didYouMean || message.text === TEXTS.didYouMeanSeveral;

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKbRecommend(args, env, (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("learning from real questions: kb:recommend", () => {
  const dataDir = tempDataDir();
  const knowledgeDir = join(tempDataDir(), "knowledge");
  const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir };
  let app: RunningApp;
  let connector: LocalConnector;
  let n = 0;

  /** One user (each a different one): asks, and when offered "did you mean", clicks the named entry. */
  async function ask(text: string, choose?: string): Promise<void> {
    n += 1;
    const conversation = `learn-${n}`;
    const from = { from: { id: `user-${n}`, name: "Kullanıcı", role: "user" } };
    await post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversation, { text, ...from }));
    if (!choose) return;
    const offer = connector.messages(conversation).find(isDidYouMean);
    const choice = offer?.suggestedActions?.actions.find((a) => typeof a.value === "object" && a.value !== null && "id" in a.value && a.value.id === choose);
    if (!choice) throw new Error(`"${text}" did not offer ${choose}: ${JSON.stringify(connector.messages(conversation))}`);
    await post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversation, { text: choice.title, value: choice.value, ...from }));
  }

  /**
   * An attacker: asks an unclear question, then sends a "did you mean" choice naming an entry
   * that was not offered, with the offered question id and another choice's signature.
   */
  async function forge(text: string, entryId: string, user: string): Promise<void> {
    n += 1;
    const conversation = `forge-${n}`;
    const from = { from: { id: user, name: "", role: "user" } };
    await post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversation, { text, ...from }));
    const offered = connector.messages(conversation).find(isDidYouMean)?.suggestedActions?.actions[0]?.value;
    if (typeof offered !== "object" || offered === null) throw new Error(`"${text}" offered nothing`);
    await post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversation, { text: "x", value: { ...offered, id: entryId }, ...from }));
  }

  async function rate(text: string, rating: number, comment?: string): Promise<void> {
    n += 1;
    const conversation = `learn-${n}`;
    await post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversation, { text }));
    const button = connector.messages(conversation).find((m) => isRatedAnswer(m, TEXTS.ratePrompt))?.suggestedActions?.actions[rating - 1];
    await post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversation, { text: button?.title, value: button?.value }));
    if (comment) await post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversation, { text: comment }));
  }

  beforeAll(async () => {
    cpSync(join(REPO_ROOT, "knowledge"), knowledgeDir, { recursive: true });
    connector = await new LocalConnector().start();
    app = await startTestApp({ ...env, DASHBOARD_TOKEN });
    await ask("memnuniyet ölçme", "memnuniyet-modelleri");
    await ask("Memnuniyet ölçme?", "memnuniyet-modelleri");
    await ask("memnuniyet olcme", "memnuniyet-modelleri");
    await ask("memnuniyet ve sadakat", "memnuniyet-ve-sadakat");
    await ask("Memnuniyet ve sadakat", "memnuniyet-ve-sadakat");
    await ask("müşteri memnuniyeti", "memnuniyet-tanimi");
    await ask("kargom nerede");
    await ask("kargom ne zaman gelir");
    await ask("kargo takip numaram nerede");
    await ask("şifremi unuttum");
    for (const attacker of ["evil-1", "evil-2", "evil-3"]) await forge("memnuniyeti ölçmek", "crm-musteri-iliskileri", attacker);
    for (const rating of [1, 2, 1, 4, 2]) await rate("crm nedir", rating, rating === 1 ? "Örnek bir CRM yazılımı yok" : undefined);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  it("suggests alternates from 'did you mean' picks, clusters unanswered questions, flags weak answers", async () => {
    const { code, out } = await cli(["--json"], env);
    expect(code).toBe(0);
    const s = JSON.parse(out) as Recommendations;
    const byEntry = new Map(s.alternates.map((a) => [a.entryId, a]));
    expect(byEntry.get("memnuniyet-modelleri")?.candidates).toEqual([
      expect.objectContaining({
        count: 3,
        text: "Memnuniyet ölçme?",
        examples: expect.arrayContaining(["memnuniyet ölçme", "Memnuniyet ölçme?", "memnuniyet olcme"]),
      }),
    ]);
    expect(byEntry.get("memnuniyet-ve-sadakat")?.candidates[0]).toMatchObject({ count: 2 });
    expect(byEntry.get("memnuniyet-tanimi")?.candidates[0]).toMatchObject({ count: 1, text: "müşteri memnuniyeti" });
    // choices that were never offered teach nothing
    expect(byEntry.get("crm-musteri-iliskileri")).toBeUndefined();
    expect(s.newEntries[0]).toMatchObject({ size: 3, statuses: { none: 3, ambiguous: 0 } });
    expect(s.newEntries[0]?.examples).toEqual(expect.arrayContaining(["kargom nerede", "kargom ne zaman gelir"]));
    expect(s.rewrite).toEqual([expect.objectContaining({ entryId: "crm-musteri-iliskileri", ratings: 5, csat: 20, comments: ["Örnek bir CRM yazılımı yok", "Örnek bir CRM yazılımı yok"] })]);

    const text = await cli([], env);
    expect(text.out).toContain("memnuniyet-modelleri");
    expect(text.out).toContain("kargom nerede");
    expect(text.out).toContain("crm-musteri-iliskileri");
  });

  it("shows the same recommendations on the dashboard API, read-only", async () => {
    const response = await fetch(`${app.url}/api/recommendations`, { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } });
    expect(response.status).toBe(200);
    const s = (await response.json()) as Recommendations;
    expect(s.alternates.map((a) => a.entryId)).toContain("memnuniyet-modelleri");
    expect((await fetch(`${app.url}/api/recommendations`)).status).toBe(401);

    // each table as a CSV download, as the dashboard's links fetch it
    const auth = { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } };
    const csv = await fetch(`${app.url}/api/recommendations.csv?table=alternates`, auth);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="memnun-recommended-alternates.csv"');
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("entry_id,question,file,alternate,users,examples");
    expect(lines.slice(1).some((line) => line.startsWith("memnuniyet-modelleri,"))).toBe(true);
    for (const table of ["new-entries", "rewrite"]) {
      const other = await fetch(`${app.url}/api/recommendations.csv?table=${table}`, auth);
      expect(other.status).toBe(200);
      expect(await other.text()).toMatch(table === "rewrite" ? /crm-musteri-iliskileri/ : /kargom nerede/);
    }
    const unknown = await fetch(`${app.url}/api/recommendations.csv?table=secrets`, auth);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe(TEXTS.dashboard.csvUnknownTable);
    expect((await fetch(`${app.url}/api/recommendations.csv?table=alternates`)).status).toBe(401);
  });

  it("--apply writes the alternates above the threshold into the Markdown, keeping its formatting; matching improves", async () => {
    const file = join(knowledgeDir, "olcum", "memnuniyet-modelleri.md");
    const before = readFileSync(file, "utf8");
    const kbBefore = (await loadKnowledge(knowledgeDir)).knowledgeBase;
    if (!kbBefore) throw new Error("knowledge did not load");
    const matcher = new Matcher();
    expect(matcher.match("memnuniyet ölçme", kbBefore).status).not.toBe("answered");

    const { code, out, err } = await cli(["--apply"], env);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain('olcum/memnuniyet-modelleri.md: eklendi "Memnuniyet ölçme?"');
    const after = readFileSync(file, "utf8");
    const added = after.split("\n").filter((line) => !before.split("\n").includes(line));
    expect(added).toEqual(['  - "Memnuniyet ölçme?"']);
    expect(after.split("---")[2]).toBe(before.split("---")[2]);
    // below the threshold: not written
    expect(readFileSync(join(knowledgeDir, "kavramlar", "memnuniyet-tanimi.md"), "utf8")).not.toContain("müşteri memnuniyeti");

    const reloaded = await loadKnowledge(knowledgeDir);
    expect(reloaded.errors).toEqual([]);
    const kbAfter = reloaded.knowledgeBase;
    if (!kbAfter) throw new Error("knowledge did not load");
    for (const [question, id] of [["memnuniyet ölçme", "memnuniyet-modelleri"], ["memnuniyet olcme", "memnuniyet-modelleri"], ["memnuniyet ve sadakat", "memnuniyet-ve-sadakat"]] as const) {
      const decision = new Matcher().match(question, kbAfter);
      expect([question, decision.status, decision.candidates[0]?.id]).toEqual([question, "answered", id]);
    }
    // applied alternates are no longer recommended; a named entry keeps the threshold (QA 46 editor, bug 5)
    const again = JSON.parse((await cli(["--json"], env)).out) as Recommendations;
    expect(again.alternates.map((a) => a.entryId)).toEqual(["memnuniyet-tanimi"]);
    expect((await cli(["--apply", "--entry", "memnuniyet-tanimi"], env)).out).toMatch(/^eklenecek öneri yok: \d+ öneriyi 2 kişiden az kişi seçmiş/);
    expect((await cli(["--apply", "--entry", "memnuniyet-tanimi", "--min-count", "1"], env)).out).toContain("müşteri memnuniyeti");
  });
});
