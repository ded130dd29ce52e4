import type { Browser } from "playwright-core";
import type { FeedbackEvent } from "../../bot/feedback/events";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import { openDatabase } from "../../bot/storage/database";
import { startTestApp, tempDataDir } from "../helpers/app";
import { describeBrowser, launchChromium } from "../helpers/browser";

const DASHBOARD_TOKEN = "browser-test-deleted-entry-token";
const DELETED = "garanti-uzun";

/**
 * QA 46 (editor), bug 10, on the dashboard: its answers table and that table's CSV showed an
 * empty question for an entry answered once and deleted since; they say "(silinmiş girdi)".
 */
describeBrowser("in a real browser: the dashboard names an entry no longer in the knowledge", () => {
  let browser: Browser;
  let app: RunningApp;
  beforeAll(async () => {
    const dataDir = tempDataDir();
    const database = await openDatabase({ dataDir });
    const who = { conversation: "c1", userHash: "u1" };
    const at = new Date().toISOString();
    const events: FeedbackEvent[] = [
      { kind: "answer", id: "a1", at, ...who, entryId: DELETED, source: "match", questionId: null },
      { kind: "rating", answerId: "a1", entryId: DELETED, rating: 4, at, ...who },
    ];
    await new SqlFeedbackStore(database).write(...events);
    await database.close();
    app = await startTestApp({ DASHBOARD_TOKEN, DATA_DIR: dataDir });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("in the answers table and its CSV", async () => {
    const context = await browser.newContext({ locale: "tr-TR" });
    const page = await context.newPage();
    await page.goto(`${app.url}/dashboard?token=${DASHBOARD_TOKEN}`);
    await page.locator("body[data-ready='true']").waitFor({ timeout: 15_000 });
    const row = page.locator("#entries tbody tr", { hasText: DELETED });
    expect(await row.locator("td").allTextContents()).toEqual([DELETED, TEXTS.dashboard.deletedEntry, "1", "1", "%100", "4"]);
    await context.close();

    const csv = await fetch(`${app.url}/api/report.csv?table=entries`, { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split("\r\n")).toContain(`${DELETED},(silinmiş girdi),1,1,100,4`);
  });
});
