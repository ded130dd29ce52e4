import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM } from "./app";

/** CI installs Debian's chromium (`.ci/run`); elsewhere browser suites say why they are skipped. */
export const describeBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) process.stderr.write(`[test] ${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium)\n`);

/** Debian's headless chromium, never a downloaded browser, with nothing reaching the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}
