/**
 * Debian's Chromium driven by playwright-core (no browser download). When Chromium is
 * missing the browser tests skip with a message locally, and fail under CI=true, where
 * `.ci/run` installs it (`apt-get install -y chromium`).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Chromium is: `CHROMIUM_PATH`, else `/usr/bin/chromium`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** True when the browser tests can run here. */
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** Why the browser tests are skipped, or `undefined`; throws under CI when Chromium is missing. */
export function browserSkipReason(): string | undefined {
  if (HAS_CHROMIUM) return undefined;
  const message = `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`${message}. Browser tests must run in CI.`);
  console.warn(`skipping browser tests: ${message}`);
  return message;
}

/** Launches headless Chromium with no network side traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects console errors and warnings, page errors and dialogs (dismissed) of `page`. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}
