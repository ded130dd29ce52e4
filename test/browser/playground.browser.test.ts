import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import type { Report } from "../../bot/feedback/report";
import { REPO_ROOT, startTestApp } from "../helpers/app";
import { describeBrowser, launchChromium } from "../helpers/browser";
import { startPlayground, type RunningPlayground } from "../helpers/playground";
import { waitFor } from "../helpers/wait";

const ARTIFACTS = join(REPO_ROOT, "test", "artifacts");
const DASHBOARD_TOKEN = "playground-test-dashboard-token";
/** Longest one step (a reply, a re-rendered card, a stored rating) may take to show. */
const STEP_TIMEOUT_MS = 20_000;


async function report(app: RunningApp): Promise<Report> {
  const response = await fetch(`${app.url}/api/report`, { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Report;
}

/** Polls the report until `check` holds (the store is written behind some replies). */
async function reportWhere(app: RunningApp, check: (r: Report) => boolean): Promise<Report> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const current = await report(app);
    if (check(current) || Date.now() > deadline) return current;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Types a message in the Playground's send box (Teams' editor or Web Chat's input) and sends it. */
async function send(page: Page, text: string): Promise<void> {
  const box = page.locator("[data-lexical-editor='true'], [data-id='webchat-sendbox-input']").first();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

const shown = (page: Page, text: string): Promise<void> => page.getByText(text, { exact: false }).last().waitFor({ timeout: STEP_TIMEOUT_MS });

/** The latest card whose text contains `text`. */
const card = (page: Page, text: string) => page.locator(".ac-adaptiveCard", { hasText: text }).last();

/** Asks the question of the Müşteri Memnuniyeti Endeksi entry and checks its answer card is formatted. */
async function askFormatted(page: Page): Promise<void> {
  await send(page, "müşteri memnuniyeti endeksi nedir");
  const answer = card(page, TEXTS.ratePrompt);
  await answer.waitFor({ timeout: STEP_TIMEOUT_MS });
  await expect(answer.locator("strong").count()).resolves.toBeGreaterThan(0);
  await expect(answer.locator("li").count()).resolves.toBe(3);
  const cards = await page.locator(".ac-adaptiveCard").allInnerTexts();
  expect(cards.join("\n")).not.toMatch(/\*\*|(^|\s)_\S/);
}

describeBrowser.each(["msteams", "webchat"] as const)("in Microsoft 365 Agents Playground (%s channel)", (channel) => {
  let browser: Browser;
  let app: RunningApp;
  let playground: RunningPlayground;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ DASHBOARD_TOKEN });
    playground = await startPlayground(`${app.url}/api/messages`, channel);
    browser = await launchChromium();
    page = await browser.newPage({ locale: "tr-TR", viewport: { width: 1280, height: 1000 } });
    await page.goto(playground.url);
    await shown(page, "Merhaba, ben");
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await app?.close();
  });

  it("shows the answer formatted, and stores a click on rating 4", async () => {
    await askFormatted(page);
    await page.screenshot({ path: join(ARTIFACTS, `playground-${channel}-answer.png`), fullPage: true });
    const answer = card(page, TEXTS.ratePrompt);
    const four = answer.getByRole("button", { name: TEXTS.ratingLabels[3], exact: true });
    await four.click();
    await shown(page, TEXTS.ratingThanks);
    if (channel === "msteams") {
      // the rated card is replaced by one that shows the rating and has no rating buttons
      await shown(page, TEXTS.ratedNote(TEXTS.ratingLabels[3]));
      await expect(page.getByRole("button", { name: TEXTS.ratingLabels[3], exact: true }).count()).resolves.toBe(0);
    }
    const stored = await reportWhere(app, (r) => r.csat.responses === 1);
    expect(stored.csat).toMatchObject({ responses: 1, average: 4 });
    expect(stored.entries.find((e) => e.id === "memnuniyet-endeksi-cem")).toMatchObject({ ratings: 1 });
    await page.screenshot({ path: join(ARTIFACTS, `playground-${channel}-rated.png`), fullPage: true });
  }, 90_000);

  it("asks what was missing after a low rating and stores the comment", async () => {
    await send(page, "nps nedir");
    const answer = card(page, TEXTS.ratePrompt);
    await answer.waitFor({ timeout: STEP_TIMEOUT_MS });
    await answer.getByRole("button", { name: TEXTS.ratingLabels[1], exact: true }).click();
    await shown(page, TEXTS.commentPrompt);
    await send(page, "Hesaplama örneği eksikti");
    await shown(page, TEXTS.commentThanks);
    const stored = await reportWhere(app, (r) => r.comments.length === 1);
    expect(stored.comments).toEqual([expect.objectContaining({ rating: 2, text: "Hesaplama örneği eksikti" })]);
    expect(stored.csat.responses).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, `playground-${channel}-comment.png`), fullPage: true });
  }, 90_000);

  it("shows each 'did you mean' choice whole, however long, and answers the one clicked (QA 47 #5)", async () => {
    await send(page, "memnuniyet ve sadakat");
    const choices = card(page, TEXTS.didYouMeanSeveral);
    await choices.waitFor({ timeout: STEP_TIMEOUT_MS });
    const box = await choices.boundingBox();
    const long = "Müşteri sadakati ve müşteri memnuniyeti arasındaki fark nedir?";
    const row = choices.getByText(long, { exact: true });
    await row.waitFor({ timeout: STEP_TIMEOUT_MS });
    // on a row inside the card, not cut: its text is as wide as it needs
    const shownWhole = await row.evaluate(
      (element: { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number }) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight + 1,
    );
    expect(shownWhole).toBe(true);
    const rowBox = await row.boundingBox();
    expect(box && rowBox && rowBox.x >= box.x && rowBox.x + rowBox.width <= box.x + box.width).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, `playground-${channel}-did-you-mean.png`), fullPage: true });
    const answers = page.locator(".ac-adaptiveCard", { hasText: TEXTS.ratePrompt });
    const before = await answers.count();
    await row.click();
    await waitFor(async () => ((await answers.count()) > before ? true : null), "the chosen question's answer");
    const report = await reportWhere(app, (r) => r.entries.some((e) => e.id === "sadakat-memnuniyet-farki"));
    expect(report.entries.find((e) => e.id === "sadakat-memnuniyet-farki")).toMatchObject({ answers: 1 });
  }, 90_000);

  if (channel === "msteams") {
    it("completes NPS and CES on their cards", async () => {
      await send(page, "teşekkürler");
      const nps = card(page, TEXTS.npsQuestion);
      await nps.waitFor({ timeout: STEP_TIMEOUT_MS });
      await nps.getByRole("button", { name: "9", exact: true }).click();
      const ces = card(page, TEXTS.cesQuestion);
      await ces.waitFor({ timeout: STEP_TIMEOUT_MS });
      await ces.getByRole("button", { name: "6", exact: true }).click();
      await shown(page, TEXTS.surveyThanks);
      const stored = await reportWhere(app, (r) => r.nps.responses === 1 && r.ces.responses === 1);
      expect(stored.nps).toMatchObject({ responses: 1, promoters: 1 });
      expect(stored.ces).toEqual({ responses: 1, average: 6 });
      await page.screenshot({ path: join(ARTIFACTS, `playground-${channel}-survey.png`), fullPage: true });
    }, 90_000);
  }
});
