import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { findReference } from "../../bot/cases/reference";
import { SqlCaseStore } from "../../bot/cases/store";
import { SqlFeedbackStore } from "../../bot/feedback/store";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
import { openDatabase } from "../../bot/storage/database";
import { REPO_ROOT, startTestApp, tempDataDir } from "../helpers/app";
import { describeBrowser, launchChromium } from "../helpers/browser";
import { newCase } from "../storage/contract";
import { waitFor } from "../helpers/wait";

const ARTIFACTS = join(REPO_ROOT, "test", "artifacts");
const OPERATOR = "ayse-browser-operator-token";
const T = TEXTS.cases;
const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;


describeBrowser("in a real browser: a complaint in Web Chat, answered on the cases page", () => {
  let browser: Browser;
  let app: RunningApp;
  const dataDir = tempDataDir();
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ DATA_DIR: dataDir, OPERATOR_TOKENS: `Ayşe:${OPERATOR}` });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("an operator changes the status with a public note, and the customer sees the note", async () => {
    // the customer opens a case in Web Chat
    const customer = await (await browser.newContext({ locale: "tr-TR" })).newPage();
    await customer.goto(`${app.url}/`);
    await customer.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    const input = customer.locator("[data-id='webchat-sendbox-input']");
    await input.fill("şikayet etmek istiyorum");
    await input.press("Enter");
    await customer.getByRole("button", { name: T.acceptButton }).first().click();
    await customer.getByText(T.describe).first().waitFor({ timeout: 15_000 });
    await input.fill("Siparişim bir haftadır kargoya verilmedi");
    await input.press("Enter");
    await customer.getByText("Kayıt numaranız", { exact: false }).first().waitFor({ timeout: 15_000 });
    const reference = findReference((await customer.locator(".webchat__bubble", { hasText: "Kayıt numaranız" }).first().textContent()) ?? "");
    expect(reference).not.toBeNull();
    await customer.getByRole("button", { name: T.consentNoButton }).first().click();
    await customer.getByText(T.contactDeclined.slice(0, 20), { exact: false }).first().waitFor({ timeout: 15_000 });

    // a case overdue since yesterday, opened elsewhere
    const database = await openDatabase({ dataDir });
    const late = await new SqlCaseStore(database).create(
      newCase(9, { createdAt: new Date(Date.now() - 72 * 3_600_000).toISOString(), dueAt: new Date(Date.now() - 24 * 3_600_000).toISOString(), text: `Geciken vaka ${HOSTILE}` }),
    );
    await database.close();

    // the operator answers on the cases page
    const operator = await (await browser.newContext({ locale: "tr-TR" })).newPage();
    await operator.goto(`${app.url}/dashboard?token=${OPERATOR}&next=cases`);
    expect(new URL(operator.url()).pathname).toBe("/dashboard/cases");
    await operator.locator("main[data-loaded='true']").waitFor({ timeout: 15_000 });
    expect(await operator.locator("#operator").textContent()).toBe("Ayşe");
    const row = operator.locator(`tr[data-reference='${reference ?? ""}']`);
    expect(await row.locator("td.status").textContent()).toBe(TEXTS.casesPage.statuses.open);
    expect(await operator.locator(`tr[data-reference='${late.reference}']`).getAttribute("class")).toBe("overdue");
    expect(await row.getAttribute("class")).toBe("");
    await operator.locator("#filter-overdue").check();
    await operator.locator("#filters button[type='submit']").click();
    // the filtered table replaces the full one: wait until only the overdue case is listed
    await waitFor(async () => (await operator.locator("#case-table tbody tr").count()) === 1, "the overdue filter");
    await operator.locator(`tr[data-reference='${late.reference}']`).waitFor({ timeout: 15_000 });
    await operator.locator("#filter-overdue").uncheck();
    await operator.locator("#filters button[type='submit']").click();
    await waitFor(async () => (await operator.locator("#case-table tbody tr").count()) === 2, "the unfiltered list");
    await row.waitFor({ timeout: 15_000 });
    // a customer's words are shown as text, never as HTML
    expect(await operator.locator(`tr[data-reference='${late.reference}']`).textContent()).toContain(HOSTILE);
    expect(await operator.locator("#case-table img, #case-table script").count()).toBe(0);
    expect(await operator.evaluate("'__xss' in window")).toBe(false);
    await operator.screenshot({ path: join(ARTIFACTS, "cases.png"), fullPage: true });

    await row.click();
    await operator.locator("#new-status").selectOption("in_progress");
    await operator.locator("#public-note").fill("Kargo firmasıyla görüştük, siparişiniz yarın yola çıkıyor.");
    await operator.locator("#internal-note").fill("depo gecikmesi");
    await operator.locator("#save").click();
    await operator.getByText(TEXTS.casesPage.saved, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await operator.locator("#save-message").textContent()).toContain(TEXTS.casesPage.notifiedCustomer);
    const P = TEXTS.casesPage;
    expect(await operator.locator("#audit").textContent()).toContain(`Ayşe · ${fillTemplate(P.auditActions.status, { from: P.statuses.open, to: P.statuses.in_progress })}`);
    expect(await operator.locator(`tr[data-reference='${reference ?? ""}'] td.status`).textContent()).toBe(TEXTS.casesPage.statuses.in_progress);
    await operator.screenshot({ path: join(ARTIFACTS, "case-detail.png"), fullPage: true });

    // the customer is told in the chat, and sees the note again when asking
    await customer.getByText("yarın yola çıkıyor", { exact: false }).first().waitFor({ timeout: 20_000 });
    await input.fill("şikayetim ne durumda");
    await input.press("Enter");
    await customer.locator(".webchat__bubble", { hasText: T.statusInProgress }).first().waitFor({ timeout: 15_000 });
    expect(await customer.getByText("yarın yola çıkıyor", { exact: false }).count()).toBeGreaterThanOrEqual(2);
    expect(await customer.getByText("depo gecikmesi").count()).toBe(0);
    await customer.screenshot({ path: join(ARTIFACTS, "case-customer.png"), fullPage: true });

    // the satisfaction dashboard sums the cases up and links to them
    await operator.goto(`${app.url}/dashboard`);
    await operator.locator("#case-summary").waitFor({ timeout: 15_000 });
    expect(await operator.locator("#kpi-cases-opened strong").textContent()).toBe("2");
    expect(await operator.locator("#kpi-cases-overdue strong").textContent()).toBe("1");
    await operator.screenshot({ path: join(ARTIFACTS, "dashboard-cases.png"), fullPage: true });
  }, 120_000);

  it("shows the contact question's example e-mail address as code, not as a mailto link", async () => {
    const customer = await (await browser.newContext({ locale: "tr-TR" })).newPage();
    await customer.goto(`${app.url}/`);
    await customer.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    const input = customer.locator("[data-id='webchat-sendbox-input']");
    await input.fill("şikayet etmek istiyorum");
    await input.press("Enter");
    await customer.getByRole("button", { name: T.acceptButton }).first().click();
    await customer.getByText(T.describe).first().waitFor({ timeout: 15_000 });
    await input.fill("Siparişim bir haftadır kargoya verilmedi");
    await input.press("Enter");
    await customer.getByRole("button", { name: T.consentYesButton }).first().click();
    const ask = customer.locator(".webchat__bubble", { hasText: "(ör." }).first();
    await ask.waitFor({ timeout: 15_000 });
    expect(await ask.locator("a").count()).toBe(0);
    expect(await ask.locator("code").allTextContents()).toEqual(["ad@ornek.com", "0532 123 45 67"]);
    expect(await ask.textContent()).not.toContain("`");
    await customer.screenshot({ path: join(ARTIFACTS, "case-contact.png"), fullPage: true });
  }, 60_000);
});

describeBrowser("in a real browser: the cases page speaks Turkish and shows times in REPORT_TIMEZONE", () => {
  const TIME_ZONE = "Asia/Tokyo";
  const OPENED = "2026-12-07T09:55:00.000Z";
  const ANSWERED = "2026-12-07T11:25:00.000Z";
  const DUE = "2026-12-09T09:55:00.000Z";
  const LONG = `https://ornek.com/siparis?id=${"x".repeat(600)}`;
  let browser: Browser;
  let app: RunningApp;
  let reference = "";
  const dataDir = tempDataDir();
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ DATA_DIR: dataDir, OPERATOR_TOKENS: `Ayşe:${OPERATOR}`, REPORT_TIMEZONE: TIME_ZONE });
    // three low ratings, one of which became a case answered an hour and a half after it was opened
    const database = await openDatabase({ dataDir });
    const origin = { conversation: "conv-1", userHash: "user-1" };
    await new SqlFeedbackStore(database).write(
      ...["a1", "a2", "a3"].map((answerId) => ({ kind: "rating" as const, answerId, entryId: "crm", rating: 1, at: OPENED, ...origin })),
    );
    const cases = new SqlCaseStore(database);
    reference = (await cases.create(newCase(1, { createdAt: OPENED, dueAt: DUE, text: LONG }))).reference;
    await cases.update(reference, { status: "in_progress" }, "Mehmet", ANSWERED);
    await database.close();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("shows times in the configured zone, figures in Turkish format, and the audit log and a refused change in Turkish", async () => {
    const page = await (await browser.newContext({ locale: "tr-TR", viewport: { width: 1300, height: 900 } })).newPage();
    await page.goto(`${app.url}/dashboard?token=${OPERATOR}&next=cases`);
    await page.locator("main[data-loaded='true']").waitFor({ timeout: 15_000 });
    const row = page.locator(`tr[data-reference='${reference}']`);
    // 09:55 UTC is 18:55 in Tokyo
    expect(await row.locator("td").nth(2).textContent()).toBe(`7.12.2026 18:55 (${TIME_ZONE})`);
    // one very long word does not widen the page: shortened in the list (whole in its title), wrapped in the detail
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1300);
    expect(await row.locator("td").nth(6).getAttribute("title")).toBe(LONG);
    const kpis = await page.locator("#case-kpis").textContent();
    expect(kpis).toContain("%33,3");
    expect(kpis).toContain("1,5");
    await row.click();
    const detail = page.locator("#detail");
    await detail.waitFor({ timeout: 15_000 });
    expect(await detail.textContent()).toContain(`${TEXTS.casesPage.due}: 9.12.2026 18:55 (${TIME_ZONE})`);
    expect(await detail.textContent()).toContain(LONG);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1300);
    // the audit log in Turkish, from its data: who by role or name, what changed
    const P = TEXTS.casesPage;
    expect(await page.locator("#audit li").allTextContents()).toEqual([
      `7.12.2026 18:55 (${TIME_ZONE}) · ${P.actors.customer} · ${fillTemplate(P.auditActions.created, { source: P.sources.rating, channel: TEXTS.dashboard.channelNames.webchat })}`,
      `7.12.2026 20:25 (${TIME_ZONE}) · Mehmet · ${fillTemplate(P.auditActions.status, { from: P.statuses.open, to: P.statuses.in_progress })}`,
    ]);
    expect(await page.locator("#audit").textContent()).not.toMatch(/customer|created|status|via|open|in_progress/);
    expect(await page.locator("main").textContent()).not.toMatch(/2026-12-0\d/);

    // "Kaydet" with nothing changed: the reason in Turkish, nothing English from the API
    await page.locator("#save").click();
    const refused = page.locator("#save-message");
    await waitFor(async () => ((await refused.textContent()) ?? "") !== "", "the refusal");
    expect(await refused.textContent()).toBe(`${TEXTS.casesPage.saveFailed} ${TEXTS.apiErrors["nothing-to-change"]}`);
    await page.screenshot({ path: join(ARTIFACTS, "cases-turkish.png"), fullPage: true });
  }, 60_000);
});
