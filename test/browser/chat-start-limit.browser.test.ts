import type { Browser } from "playwright-core";
import { TEXTS } from "../../bot/conversation/texts";
import { describeBrowser, launchChromium } from "../helpers/browser";
import { RestartableServer } from "../helpers/restart";

describeBrowser("in a real browser: a chat page whose start is refused for now waits and starts by itself (QA 47 #10)", () => {
  let browser: Browser;
  // one start a minute per address: the second page is refused until the minute ends (or, here, a restart clears the in-memory limit)
  const server = new RestartableServer({ RATE_LIMIT_TOKEN_PER_MINUTE: "1" });
  beforeAll(async () => {
    await server.start();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });

  it("says it is waiting, never asks for a reload, and shows the chat once the server takes the start again", async () => {
    const first = await browser.newContext({ locale: "tr-TR" });
    const firstPage = await first.newPage();
    await firstPage.goto(`${server.url}/`);
    await firstPage.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 20_000 });

    const second = await browser.newContext({ locale: "tr-TR" });
    const page = await second.newPage();
    // the page's own wait (Retry-After, up to a minute) runs on a clock the test moves
    await page.clock.install();
    await page.goto(`${server.url}/`);
    await page.getByText(TEXTS.page.waiting).waitFor({ timeout: 20_000 });
    expect(await page.getByText(TEXTS.page.failed).count()).toBe(0);

    await server.restart();
    await page.clock.runFor(61_000);
    await page.clock.resume();
    await page.getByText("Merhaba, ben", { exact: false }).first().waitFor({ timeout: 30_000 });
    expect(await page.getByText(TEXTS.page.waiting).count()).toBe(0);
    await first.close();
    await second.close();
  }, 120_000);
});
