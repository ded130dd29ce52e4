import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { findReference } from "../../bot/cases/reference";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import { DIRECT_LINE_TUNING } from "../../bot/web/direct-line";
import { emulatorActivity, post, REPO_ROOT, startTestApp } from "../helpers/app";
import { describeBrowser, launchChromium } from "../helpers/browser";
import { isRatedAnswer, LocalConnector } from "../helpers/connector";
import { waitFor } from "../helpers/wait";

const ARTIFACTS = join(REPO_ROOT, "test", "artifacts");
/** Web Chat's own Turkish for a message it could not send (ACTIVITY_STATUS_SEND_FAILED_RETRY). */
const SEND_FAILED = "Gönderme başarısız";
const DASHBOARD_TOKEN = "browser-test-dashboard-token";
/**
 * How much earlier than the polling interval a poll may be seen to start: the page schedules the
 * next poll from its own clock before the request is made, so two starts can be a few
 * milliseconds closer than the interval. A machine under load only makes them further apart.
 */
const POLL_TIMING_SLACK_MS = 50;

/**
 * The suggested actions shown, each with whether part of its title is hidden: the button or a box
 * around or inside it holds more than it shows (an ellipsis, a cut line).
 */
const SUGGESTED_ACTIONS = `Array.from(document.querySelectorAll(".webchat__suggested-actions__flow-item-box, .webchat__suggested-actions__stack-item-box, .webchat__suggested-actions__carousel-item-box")).map((box) => ({
  text: box.textContent,
  clipped: [box, ...box.querySelectorAll("*")].some((n) => n.scrollWidth > n.clientWidth + 1 || n.scrollHeight > n.clientHeight + 1),
  right: box.getBoundingClientRect().right,
}))`;

interface ShownAction {
  text: string;
  clipped: boolean;
  right: number;
}
const isShownActions = (value: unknown): value is ShownAction[] =>
  Array.isArray(value) && value.every((item) => typeof item === "object" && item !== null && "text" in item && "clipped" in item && "right" in item);

describeBrowser("in a real browser: Web Chat over the local Direct Line, and the dashboard", () => {
  let browser: Browser;
  let app: RunningApp;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ DASHBOARD_TOKEN });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("asks a question, sees the Markdown answer, rates it, and finds the rating on the dashboard", async () => {
    const context = await browser.newContext({ locale: "tr-TR", acceptDownloads: true });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));

    await page.goto(`${app.url}/`);
    await page.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    const input = page.locator("[data-id='webchat-sendbox-input']");
    await input.fill("müşteri sadakati nedir");
    await input.press("Enter");

    await page.getByText(TEXTS.ratePrompt).first().waitFor({ timeout: 15_000 });
    // Markdown rendered: the answer's bold text becomes <strong>
    expect(await page.locator(".webchat__bubble strong").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: TEXTS.ratingLabels[4] }).first().click();
    await page.getByText(TEXTS.ratingThanks).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, "chat.png"), fullPage: true });

    // each answer is one bubble ending with the rating question
    const prompts = page.locator(".webchat__bubble__content", { hasText: TEXTS.ratePrompt });
    expect(await prompts.count()).toBe(1);
    await input.fill("memnuniyet ve sadakat");
    await input.press("Enter");
    await page.getByRole("button", { name: TEXTS.noneOfThese }).first().waitFor({ timeout: 15_000 });
    await page.locator(".webchat__suggested-actions button").first().click();
    await prompts.nth(1).waitFor({ timeout: 15_000 });

    // a follow-up question on the answer's card
    await page.locator(".ac-pushButton").first().click();
    await prompts.nth(2).waitFor({ timeout: 15_000 });
    expect(await prompts.count()).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, "chat-choices.png"), fullPage: true });

    // nothing was loaded from outside this server
    const origin = new URL(app.url).origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:"))).toEqual([]);

    await page.goto(`${app.url}/dashboard?token=${DASHBOARD_TOKEN}`);
    expect(new URL(page.url()).search).toBe("");
    await page.locator("body[data-ready='true']").waitFor({ timeout: 15_000 });
    // Turkish number format: the percent sign comes first
    expect(await page.locator("#kpi-csat strong").textContent()).toBe("%100");
    expect(await page.locator("#kpi-answers strong").textContent()).toBe("3");
    expect(await page.locator("#entries").textContent()).toContain("memnuniyet-ve-sadakat");
    expect(await page.locator("#chart-csat").count()).toBe(1);
    expect(await page.locator("#recommendations").count()).toBe(1);
    expect(await page.locator("#csv-recommended-alternates").getAttribute("href")).toBe("/api/recommendations.csv?table=alternates");
    // the cases block has its CSV download too, as every table does
    expect(await page.locator("#case-summary").count()).toBe(1);
    expect(await page.locator("#csv-cases").getAttribute("href")).toBe("/api/report.csv?table=cases");
    // the web chat's channel, today's Istanbul day and its ISO week
    expect(await page.locator("#channels").textContent()).toContain(TEXTS.dashboard.channelNames.directline);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul" }).format(new Date());
    expect(await page.locator("#trend").textContent()).toContain(today);
    expect(await page.locator("#weeks tbody tr").count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard.png"), fullPage: true });

    // a table's CSV download
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#csv-entries").click()]);
    expect(download.suggestedFilename()).toBe("memnun-entries.csv");
    const path = await download.path();
    expect(readFileSync(path, "utf8")).toMatch(/^\uFEFFid,question,answers,ratings,csat_percent,average\r\n/);

    // the date range form: from tomorrow on there is nothing yet
    const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul" }).format(new Date(Date.now() + 86_400_000));
    await page.locator("#range-since").fill(tomorrow);
    await page.locator("#range button[type=submit]").click();
    await page.waitForURL((url) => url.searchParams.get("since") === tomorrow);
    await page.locator("body[data-ready='true']").waitFor({ timeout: 15_000 });
    expect(await page.locator("#kpi-answers strong").textContent()).toBe("0");
    expect(await page.locator("#csv-entries").getAttribute("href")).toBe(`/api/report.csv?table=entries&since=${tomorrow}`);
    // a date the form cannot send, typed into the address: a Turkish message, not a crash
    const bad = await page.goto(`${app.url}/dashboard?since=2026-02-30`);
    expect(bad?.status()).toBe(400);
    await page.locator("body[data-ready='error']").waitFor({ timeout: 15_000 });
    expect(await page.locator("#status").textContent()).toContain("Geçersiz tarih");
    await context.close();
  }, 90_000);

  it("shows hostile questions and comments on the dashboard as text, never as HTML", async () => {
    const connector = await new LocalConnector().start();
    const hostile = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
    try {
      const send = (fields: Record<string, unknown>): Promise<unknown> => post(`${app.url}/api/messages`, emulatorActivity(connector.url, "xss", fields));
      await send({ text: `${hostile} kargom nerede` });
      await send({ text: "iso 10002 nedir" });
      const rating = connector.messages("xss").find((m) => isRatedAnswer(m, TEXTS.ratePrompt))?.suggestedActions?.actions[0];
      await send({ text: rating?.title, value: rating?.value });
      await send({ text: `${hostile} yorum` });
    } finally {
      await connector.stop();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${app.url}/dashboard?token=${DASHBOARD_TOKEN}`);
    await page.locator("body[data-ready='true']").waitFor({ timeout: 15_000 });
    expect(await page.locator("#comments").textContent()).toContain(`${hostile} yorum`);
    expect(await page.locator("#unanswered").textContent()).toContain(hostile);
    expect(await page.evaluate("'__xss' in window")).toBe(false);
    expect(await page.locator("#comments img, #unanswered img, main script").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-xss.png"), fullPage: true });
    await context.close();
  }, 60_000);

  it("keeps the dashboard within a 1300 px window when a customer sends one very long word", async () => {
    const long = `https://ornek.com/siparis?id=${"x".repeat(600)}`;
    const connector = await new LocalConnector().start();
    try {
      await post(`${app.url}/api/messages`, emulatorActivity(connector.url, "long-word", { text: long }));
    } finally {
      await connector.stop();
    }
    const report = async (): Promise<string> => (await fetch(`${app.url}/api/report`, { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } })).text();
    await waitFor(async () => (await report()).includes(long), "the long question in the report");
    const context = await browser.newContext({ locale: "tr-TR", viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/dashboard?token=${DASHBOARD_TOKEN}`);
    await page.locator("body[data-ready='true']").waitFor({ timeout: 15_000 });
    // the word is shown whole (wrapped), in both tables it belongs to
    expect(await page.locator("#unanswered").textContent()).toContain(long);
    expect(await page.locator("#recommended-entries").textContent()).toContain(long);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1300);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-long-word.png"), fullPage: true });
    await context.close();
  }, 60_000);

  it("polls for replies no more often than the server's interval, from which the poll limit per address is reasoned (QA: 2 a second)", async () => {
    const context = await browser.newContext({ locale: "tr-TR" });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    const polls = 6;
    const starts = `performance.getEntriesByType("resource").filter((entry) => /\\/activities(\\?|$)/.test(entry.name)).map((entry) => entry.startTime)`;
    const pollTimes = async (): Promise<number[]> => {
      const times: unknown = await page.evaluate(starts);
      if (!Array.isArray(times) || !times.every((time): time is number => typeof time === "number")) throw new Error(`no poll times: ${JSON.stringify(times)}`);
      return times;
    };
    const times = await waitFor(async () => {
      const seen = await pollTimes();
      return seen.length >= polls ? seen : null;
    }, `${polls} polls`);
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    expect(gaps.length).toBeGreaterThanOrEqual(polls - 1);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(DIRECT_LINE_TUNING.POLL_INTERVAL_MS - POLL_TIMING_SLACK_MS);
    await context.close();
  }, 60_000);

  it("keeps the customer across a reload: the case opened before it is still theirs (QA: 'yalnızca kaydı açan kişi')", async () => {
    const T = TEXTS.cases;
    const welcomed = (page: Page): Promise<void> => page.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    const send = async (page: Page, text: string): Promise<void> => {
      const input = page.locator("[data-id='webchat-sendbox-input']");
      await input.fill(text);
      await input.press("Enter");
    };
    const context = await browser.newContext({ locale: "tr-TR" });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await welcomed(page);
    await send(page, "şikayet etmek istiyorum");
    await page.getByRole("button", { name: T.acceptButton }).first().click();
    await page.getByText(T.describe).first().waitFor({ timeout: 15_000 });
    await send(page, "Siparişim iki haftadır gelmedi, kimse dönmüyor");
    const created = page.locator(".webchat__bubble", { hasText: "Kayıt numaranız" }).first();
    await created.waitFor({ timeout: 15_000 });
    const reference = findReference((await created.textContent()) ?? "") ?? "";
    expect(reference).not.toBe("");
    const stored = await page.evaluate(`window.localStorage.getItem("memnun.userToken")`);
    if (typeof stored !== "string") throw new Error("the page kept no user token");

    // a reload starts a new conversation (the welcome again) as the same customer
    await page.reload();
    await welcomed(page);
    expect(await page.locator(".webchat__bubble", { hasText: "Kayıt numaranız" }).count()).toBe(0);
    await send(page, reference);
    const own = page.locator(".webchat__bubble", { hasText: "numaralı kaydınızın durumu" });
    await own.first().waitFor({ timeout: 15_000 });
    expect(await own.first().textContent()).toContain(reference);
    await send(page, "şikayetim ne durumda");
    await waitFor(async () => (await own.count()) === 2, "the status of the customer's latest case");
    expect(await page.getByText("yalnızca kaydı açan kişi", { exact: false }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "chat-reload-case.png"), fullPage: true });
    await context.close();

    // another browser holding a forged user token (the stored one, its signature altered) is someone else
    const other = await browser.newContext({ locale: "tr-TR" });
    await other.addInitScript(`window.localStorage.setItem("memnun.userToken", ${JSON.stringify(`${stored.slice(0, -2)}xx`)})`);
    const stranger = await other.newPage();
    await stranger.goto(`${app.url}/`);
    await welcomed(stranger);
    await send(stranger, reference);
    await stranger.getByText("yalnızca kaydı açan kişi", { exact: false }).first().waitFor({ timeout: 15_000 });
    expect(await stranger.locator(".webchat__bubble", { hasText: "numaralı kaydınızın durumu" }).count()).toBe(0);
    // the page replaced the forged token with its own new user's
    expect(await stranger.evaluate(`window.localStorage.getItem("memnun.userToken")`)).not.toBe(`${stored.slice(0, -2)}xx`);
    await other.close();
  }, 90_000);

  it("shows 'did you mean' choices and help topics whole on a 360 px phone, wrapped instead of cut off with '…' (QA: near-identical beginnings)", async () => {
    const width = 360;
    const context = await browser.newContext({ locale: "tr-TR", viewport: { width, height: 640 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    const input = page.locator("[data-id='webchat-sendbox-input']");
    const shown = async (): Promise<ShownAction[]> => {
      const value: unknown = await page.evaluate(SUGGESTED_ACTIONS);
      if (!isShownActions(value)) throw new Error(`no suggested actions: ${JSON.stringify(value)}`);
      return value;
    };
    let before: string[] = [];
    for (const message of ["fark nedir", "yardım"]) {
      await input.fill(message);
      await input.press("Enter");
      // the reply's own actions, not the previous reply's
      const actions = await waitFor(async () => {
        const now = await shown();
        return now.length > 0 && now.map((action) => action.text).join("\n") !== before.join("\n") ? now : null;
      }, `the suggested actions after "${message}"`);
      before = actions.map((action) => action.text);
      expect(actions.filter((action) => action.clipped)).toEqual([]);
      expect(Math.max(...actions.map((action) => action.right))).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(ARTIFACTS, `chat-phone-choices-${message}.png`), fullPage: false });
    }
    expect(before.length).toBeGreaterThan(0);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(width);
    await context.close();
  }, 90_000);

  it("names the bot for screen readers by the page's heading, not the avatar's initial, and has one main landmark (QA: 'M botu şöyle diyor', main in main)", async () => {
    const context = await browser.newContext({ locale: "tr-TR" });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    const input = page.locator("[data-id='webchat-sendbox-input']");
    await input.fill("crm nedir");
    await input.press("Enter");
    await page.getByText(TEXTS.ratePrompt).first().waitFor({ timeout: 15_000 });
    const botName = (await page.locator("body > header h1").textContent()) ?? "";
    expect(botName).not.toBe("");

    // what a screen reader gets: chromium's own accessibility tree
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const shown = nodes.filter((node) => !node.ignored).map((node) => ({ role: String(node.role?.value ?? ""), name: String(node.name?.value ?? "") }));
    const landmarks = shown.filter((node) => ["banner", "main", "complementary", "contentinfo", "navigation", "region", "form", "search"].includes(node.role));
    expect(landmarks.filter((node) => node.role === "main")).toHaveLength(1);
    expect(landmarks.filter((node) => node.role === "complementary")).toEqual([]);
    const messages = shown.filter((node) => node.role === "article" && node.name !== "").map((node) => node.name);
    const fromBot = messages.filter((name) => name.startsWith(`${botName} botu şöyle diyor:`));
    const fromUser = messages.filter((name) => name.startsWith("Şöyle dediniz:"));
    // the welcome and the answer; the customer's question
    expect(fromBot.length).toBeGreaterThanOrEqual(2);
    expect(fromUser).toEqual(["Şöyle dediniz: crm nedir"]);
    expect(messages.filter((name) => !fromBot.includes(name) && !fromUser.includes(name))).toEqual([]);
    // the message box by its Turkish name, not Web Chat's own "İleti gelen kutusu" (an inbox)
    const boxes = shown.filter((node) => node.role === "textbox").map((node) => node.name);
    expect(boxes).toContain(TEXTS.page.inputLabel);
    expect(boxes.filter((name) => name.includes("gelen kutusu"))).toEqual([]);
    await context.close();
  }, 60_000);

  it("fits a 390 px phone: a slim header and follow-up buttons that wrap instead of being cut off", async () => {
    const context = await browser.newContext({ locale: "tr-TR", viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    const header = await page.locator("body > header").boundingBox();
    expect(header?.height ?? 999).toBeLessThan(844 * 0.08);
    const input = page.locator("[data-id='webchat-sendbox-input']");
    await input.fill("müşteri sadakati nedir");
    await input.press("Enter");
    await page.getByText(TEXTS.ratePrompt).first().waitFor({ timeout: 15_000 });
    const buttons = page.locator(".ac-pushButton");
    await buttons.first().waitFor({ timeout: 15_000 });
    // no card button hides part of its title: its text fits inside it
    const clipped: unknown = await page.evaluate(
      `Array.from(document.querySelectorAll(".ac-pushButton")).filter((node) => [node, ...node.querySelectorAll("*")].some((n) => n.scrollWidth > n.clientWidth + 1)).map((node) => node.textContent)`,
    );
    expect(clipped).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "chat-phone.png"), fullPage: false });
    await context.close();
  }, 90_000);

  it("answers a pasted 12,000-character message with the polite request to shorten it, not 'Gönderme başarısız' (QA 48 bug 1)", async () => {
    const context = await browser.newContext({ locale: "tr-TR" });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    const input = page.locator("[data-id='webchat-sendbox-input']");
    await input.fill("a ".repeat(6000));
    await input.press("Enter");
    await page.getByText(TEXTS.messageTooLong(2000)).first().waitFor({ timeout: 15_000 });
    expect(await page.getByText(SEND_FAILED, { exact: false }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "chat-long.png"), fullPage: false });
    await context.close();
  }, 60_000);
});
