import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { SqlCaseStore } from "../../bot/cases/store";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import { openDatabase } from "../../bot/storage/database";
import { REPO_ROOT, startTestApp, tempDataDir } from "../helpers/app";
import { describeBrowser, launchChromium } from "../helpers/browser";
import { newCase } from "../storage/contract";
import { waitFor } from "../helpers/wait";

const ARTIFACTS = join(REPO_ROOT, "test", "artifacts");
const MEHMET = "mehmet-browser-operator-token";
const AYSE = "ayse-browser-operator-token";
const P = TEXTS.casesPage;

describeBrowser("in a real browser: operators working cases together", () => {
  let browser: Browser;
  let app: RunningApp;
  const dataDir = tempDataDir();
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ DATA_DIR: dataDir, OPERATOR_TOKENS: `Mehmet:${MEHMET},Ayşe:${AYSE}` });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A case opened now, as the bot would open it (no conversation to message back). */
  const createCase = async (text: string): Promise<string> => {
    const database = await openDatabase({ dataDir });
    try {
      const now = new Date();
      return (await new SqlCaseStore(database).create(newCase(1, { text, conversationRef: null, createdAt: now.toISOString(), dueAt: new Date(now.getTime() + 48 * 3_600_000).toISOString() }))).reference;
    } finally {
      await database.close();
    }
  };

  /** `count` cases opened an hour apart, the first `hoursAgo` hours ago, as the bot would open them; their references, oldest first. */
  const createCases = async (count: number, hoursAgo: number, text: (n: number) => string): Promise<string[]> => {
    const database = await openDatabase({ dataDir });
    try {
      const store = new SqlCaseStore(database);
      const references: string[] = [];
      for (let n = 0; n < count; n += 1) {
        const opened = new Date(Date.now() - (hoursAgo - n) * 3_600_000);
        const due = new Date(opened.getTime() + 48 * 3_600_000);
        references.push((await store.create(newCase(n, { text: text(n), conversationRef: null, createdAt: opened.toISOString(), dueAt: due.toISOString() }))).reference);
      }
      return references;
    } finally {
      await database.close();
    }
  };

  /** An operator's cases page, signed in with their token, in a browser context of its own. */
  const casesPage = async (token: string): Promise<Page> => {
    const page = await (await browser.newContext({ locale: "tr-TR" })).newPage();
    await page.goto(`${app.url}/dashboard?token=${token}&next=cases`);
    await page.locator("main[data-loaded='true']").waitFor({ timeout: 15_000 });
    return page;
  };

  it("refuses the second of two changes made from pages showing the same state, with the documented Turkish message", async () => {
    const reference = await createCase("Fazla ücret alındı, iade istiyorum");
    const mehmet = await casesPage(MEHMET);
    const ayse = await casesPage(AYSE);
    for (const page of [mehmet, ayse]) {
      await page.locator(`tr[data-reference='${reference}']`).click();
      expect(await page.locator("#detail h2").first().textContent()).toContain(P.statuses.open);
    }
    await mehmet.locator("#new-status").selectOption("resolved");
    await mehmet.locator("#public-note").fill("Fazla ücret iade edildi.");
    await mehmet.locator("#save").click();
    await mehmet.getByText(P.saved, { exact: false }).waitFor({ timeout: 15_000 });

    // Ayşe's page still shows "Açık"
    await ayse.locator("#new-status").selectOption("in_progress");
    await ayse.locator("#public-note").fill("Kaydınızı inceliyoruz, sizi arayacağız.");
    await ayse.locator("#save").click();
    const message = ayse.locator("#save-message");
    await waitFor(async () => ((await message.textContent()) ?? "") !== "", "Ayşe's answer");
    expect(await message.textContent()).toBe(`${P.saveFailed} ${TEXTS.apiErrors.conflict}`);
    // what she typed is still there, to save again once she has seen Mehmet's change
    expect(await ayse.locator("#public-note").inputValue()).toBe("Kaydınızı inceliyoruz, sizi arayacağız.");
    await ayse.screenshot({ path: join(ARTIFACTS, "case-conflict.png"), fullPage: true });

    const found = (await (await fetch(`${app.url}/api/cases/${reference}`, { headers: { authorization: `Bearer ${AYSE}` } })).json()) as { status: string; notes: Array<{ author: string }>; audit: Array<{ actor: string }> };
    expect(found.status).toBe("resolved");
    expect(found.notes.map((n) => n.author)).toEqual(["Mehmet"]);
    expect(found.audit.map((a) => a.actor)).not.toContain("Ayşe");

    // after a reload she sees Mehmet's change, and her change goes through
    await ayse.reload();
    await ayse.locator("main[data-loaded='true']").waitFor({ timeout: 15_000 });
    expect(await ayse.locator(`tr[data-reference='${reference}'] td.status`).textContent()).toBe(P.statuses.resolved);
    await ayse.locator(`tr[data-reference='${reference}']`).click();
    await ayse.locator("#internal-note").fill("Mehmet çözmüş, müşteriyi aramaya gerek yok");
    await ayse.locator("#save").click();
    await ayse.getByText(P.saved, { exact: false }).waitFor({ timeout: 15_000 });
  }, 90_000);

  it("says how many cases the list shows out of how many, pages through them, and shows open cases closest to overdue first", async () => {
    const references = await createCases(105, 200, (n) => `Sayfa denemesi ${n}`);
    const page = await casesPage(AYSE);
    await page.locator("#filter-status").selectOption("open");
    await page.locator("#filter-q").fill("sayfa denemesi");
    await page.locator("#filters button[type='submit']").click();
    const count = page.locator("#case-count");
    await waitFor(async () => ((await count.textContent()) ?? "").startsWith("105 "), "the filtered list");
    expect(await count.textContent()).toBe(`105 vakadan 1–100 arası gösteriliyor. ${P.orderDue}`);
    const rows = page.locator("#case-table tbody tr");
    expect(await rows.count()).toBe(100);
    // the oldest open case, the one closest to being overdue, comes first
    expect(await rows.first().getAttribute("data-reference")).toBe(references[0]);
    expect(await page.locator("#page-previous").count()).toBe(0);
    await page.locator("#page-next").click();
    await waitFor(async () => ((await count.textContent()) ?? "").startsWith("105 vakadan 101"), "the second page");
    expect(await count.textContent()).toBe(`105 vakadan 101–105 arası gösteriliyor. ${P.orderDue}`);
    const shown: string[] = [];
    for (const row of await rows.all()) shown.push((await row.getAttribute("data-reference")) ?? "");
    expect(shown).toEqual(references.slice(100));
    // a keyboard user is taken to where the new page begins
    expect(await page.evaluate("document.activeElement.id")).toBe("case-count");
    expect(await page.locator("#page-next").count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "cases-paged.png"), fullPage: true });
    await page.locator("#page-previous").click();
    await waitFor(async () => ((await count.textContent()) ?? "").startsWith("105 vakadan 1–"), "the first page again");
    await page.locator("#page-next").click();
    await waitFor(async () => ((await count.textContent()) ?? "").startsWith("105 vakadan 101"), "the second page again");
    // meanwhile another operator resolves five cases: the second page is no more, and the list after a save shows the last one there is
    for (const reference of references.slice(0, 5)) {
      const response = await fetch(`${app.url}/api/cases/${reference}`, { method: "POST", headers: { authorization: `Bearer ${MEHMET}`, "content-type": "application/json" }, body: JSON.stringify({ status: "resolved" }) });
      expect(response.status).toBe(200);
    }
    await page.locator(`tr[data-reference='${references[100] ?? ""}']`).click();
    await page.locator("#internal-note").fill("ikinci sayfadan");
    await page.locator("#save").click();
    await page.getByText(P.saved, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await count.textContent()).toBe(`100 vakanın hepsi gösteriliyor. ${P.orderDue}`);
    expect(await page.locator("#detail").getAttribute("data-reference")).toBe(references[100]);
    // every case, newest first, when no status is chosen
    await page.locator("#filter-status").selectOption("");
    await page.locator("#filter-q").fill("");
    await page.locator("#filters button[type='submit']").click();
    await waitFor(async () => ((await count.textContent()) ?? "").includes(P.orderNewest), "the unfiltered list");
    expect(await count.textContent()).toMatch(/^10\d vakadan 1–100 arası gösteriliyor\./);
  }, 90_000);

  it("signs an operator out from either page with Çıkış, after which the browser has no session", async () => {
    for (const start of ["/dashboard", "/dashboard/cases"]) {
      const context = await browser.newContext({ locale: "tr-TR" });
      const page = await context.newPage();
      await page.goto(`${app.url}/dashboard?token=${MEHMET}${start === "/dashboard" ? "" : "&next=cases"}`);
      expect(new URL(page.url()).pathname).toBe(start);
      expect(await page.locator("#operator").textContent()).toBe("Mehmet");
      await page.screenshot({ path: join(ARTIFACTS, `signed-in${start.replace(/\//g, "-")}.png`) });
      await page.getByRole("button", { name: TEXTS.dashboard.signOut }).click();
      await page.getByText(TEXTS.dashboard.signedOut).waitFor({ timeout: 15_000 });
      expect(await context.cookies()).toEqual([]);
      const again = await page.goto(`${app.url}${start}`);
      expect(again?.status()).toBe(401);
      await context.close();
    }
  }, 60_000);

  it("works by keyboard alone: Tab reaches a case, Enter opens it and takes the focus there, and the change is saved", async () => {
    const [reference] = await createCases(1, 1, () => "Klavyeyle açılacak vaka");
    // enough cases that the detail, drawn below the list, starts below the window
    await createCases(30, 300, (n) => `Doldurma ${n}`);
    const page = await casesPage(AYSE);
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.locator("#filter-q").focus();
    const name = fillIn(P.openCase, reference ?? "");
    const focused = async (): Promise<unknown> => page.evaluate("document.activeElement.getAttribute('aria-label')");
    for (let i = 0; i < 10 && (await focused()) !== name; i += 1) await page.keyboard.press("Tab");
    expect(await focused()).toBe(name);
    await page.keyboard.press("Enter");
    const detail = page.locator(`#detail[data-reference='${reference ?? ""}']`);
    await detail.waitFor({ timeout: 15_000 });
    // the focus and the view move to the case
    expect(await page.evaluate("document.activeElement.id")).toBe("detail-heading");
    expect(await page.evaluate("(() => { const r = document.getElementById('detail-heading').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })()")).toBe(true);
    expect(await detail.getAttribute("aria-labelledby")).toBe("detail-heading");
    // and on with the keyboard: a status, a note, Kaydet
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.id")).toBe("new-status");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Telefonla arayacağız.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.id")).toBe("save");
    await page.keyboard.press("Enter");
    await page.getByText(P.saved, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await page.locator(`#detail[data-reference='${reference ?? ""}'] h2`).first().textContent()).toContain(P.statuses.in_progress);
    await page.screenshot({ path: join(ARTIFACTS, "case-keyboard.png") });
  }, 60_000);

  it("names the filters, the search box and every case's button, and every chart of the dashboard, with a table for each", async () => {
    const database = await openDatabase({ dataDir });
    try {
      const origin = { conversation: "conv-a11y", userHash: "user-a11y" };
      const at = new Date().toISOString();
      await new SqlFeedbackStore(database).write(
        ...[1, 5, 5].map((rating, i) => ({ kind: "rating" as const, answerId: `a11y-${i}`, entryId: "crm", rating, at, ...origin })),
        { kind: "nps", score: 9, at, ...origin },
        { kind: "ces", score: 6, at, ...origin },
      );
    } finally {
      await database.close();
    }
    const page = await casesPage(AYSE);
    const filters = await page.locator("#filters").ariaSnapshot();
    expect(filters).toContain(`combobox "${P.statusFilter}"`);
    expect(filters).toContain(`combobox "${P.sourceFilter}"`);
    expect(filters).toContain(`searchbox "${P.search}"`);
    expect(filters).toContain(`checkbox "${P.overdueOnly}"`);
    expect(await page.getByRole("form", { name: P.filters }).count()).toBe(1);
    const rows = await page.locator("#case-table tbody tr").count();
    expect(await page.getByRole("button", { name: /numaralı vakayı aç$/ }).count()).toBe(rows);

    await page.goto(`${app.url}/dashboard`);
    await page.locator("body[data-ready='true']").waitFor({ timeout: 15_000 });
    const D = TEXTS.dashboard;
    const charts = page.getByRole("img");
    expect(await charts.count()).toBe(5);
    const names: Array<string | null> = [];
    for (const canvas of await page.locator("canvas").all()) names.push(await canvas.getAttribute("aria-label"));
    expect(names).toEqual([
      `${D.csatDistribution}: 1 puan: 1, 2 puan: 0, 3 puan: 0, 4 puan: 0, 5 puan: 2`,
      `${D.npsBreakdown}: ${D.promoters}: 1, ${D.passives}: 0, ${D.detractors}: 0`,
      `${D.cesChart}: ${D.ces}: 6, ${D.responseCount}: 1`,
      `${D.trend}: ${D.chartTableBelow}`,
      `${D.weeks}: ${D.chartTableBelow}`,
    ]);
    expect(await page.locator("#csat-distribution tbody tr").allTextContents()).toEqual(["11", "20", "30", "40", "52"]);
    expect(await page.locator("#nps-breakdown tbody tr").count()).toBe(3);
    expect(await page.locator("#ces-figures tbody tr").count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-accessible.png"), fullPage: true });
  }, 60_000);
});

/** A text with its `{reference}` filled in. */
function fillIn(text: string, reference: string): string {
  return text.replace("{reference}", reference);
}
