import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { TEXTS } from "../../bot/conversation/texts";
import { REPO_ROOT } from "../helpers/app";
import { describeBrowser, launchChromium } from "../helpers/browser";
import { RestartableServer } from "../helpers/restart";
import { waitFor } from "../helpers/wait";

const ARTIFACTS = join(REPO_ROOT, "test", "artifacts");
/** Web Chat's own Turkish for a message it could not send (ACTIVITY_STATUS_SEND_FAILED_RETRY). */
const SEND_FAILED = "Gönderme başarısız";

describeBrowser("in a real browser: an open chat page across a server restart (QA 47 bug 1)", () => {
  let browser: Browser;
  const server = new RestartableServer();
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await server.start();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });

  const send = async (page: Page, text: string): Promise<void> => {
    const input = page.locator("[data-id='webchat-sendbox-input']");
    await input.fill(text);
    await input.press("Enter");
  };

  it("shows the replies to messages typed while the server restarted and after it, in the same conversation, and marks none as failed", async () => {
    const context = await browser.newContext({ locale: "tr-TR", viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const failedPolls: string[] = [];
    page.on("requestfailed", (request) => {
      if (/\/activities\?/.test(request.url())) failedPolls.push(request.url());
    });
    await page.goto(`${server.url}/`);
    await page.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });
    await send(page, "nps nedir");
    await page.getByText(TEXTS.ratePrompt).first().waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: TEXTS.ratingLabels[0] }).first().click();
    await page.getByText(TEXTS.commentPrompt).first().waitFor({ timeout: 15_000 });

    // the server goes away under the open page, which polls in vain meanwhile
    await server.stop();
    await waitFor(() => failedPolls.length > 0, "a poll the stopped server did not answer");
    await send(page, "hesaplama örneği eksik");
    await server.start();

    // the comment the bot waited for before the restart, and a question after it
    await page.getByText(TEXTS.commentThanks).first().waitFor({ timeout: 20_000 });
    await send(page, "csat nedir");
    const answers = page.locator(".webchat__bubble__content", { hasText: TEXTS.ratePrompt });
    await waitFor(async () => (await answers.count()) === 2, "the answer to the question asked after the restart");
    await page.screenshot({ path: join(ARTIFACTS, "chat-after-restart.png"), fullPage: true });
    // one conversation: no second welcome
    expect(await page.locator(".webchat__bubble__content", { hasText: "Merhaba, ben" }).count()).toBe(1);
    expect(await page.getByText(SEND_FAILED, { exact: false }).count()).toBe(0);
    await context.close();
  }, 90_000);
});
