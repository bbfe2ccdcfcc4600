import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeInbox } from '../../src/console/approval-inbox.js';
import { startConsole, type ConsoleServer } from '../../src/console/server.js';
import { INJECTED, writeFixtureAudit } from '../report/fixture.js';
import { browserSkipReason, launchChromium } from './browser.js';
import { ticketTable } from './ticket-table.js';

const skip = browserSkipReason();

describe.skipIf(skip !== undefined)('console in Chromium', () => {
  let folder: string;
  let server: ConsoleServer;
  let browser: Browser;
  let store: ReturnType<typeof ticketTable>;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-console-browser-'));
    const file = join(folder, 'audit.jsonl');
    await writeFixtureAudit(file);
    store = ticketTable();
    server = await startConsole({ audit: file, approvals: storeInbox(store), refreshMs: 500 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(url);
    return { page, problems };
  }

  it('shows the live report with its plots and the inbox, args as text, with no console errors', async () => {
    const { page, problems } = await open(server.url);
    await page.locator('article.ticket[data-ticket="apr_1"]').waitFor();
    expect(await page.locator('svg#plot-decisions rect.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('svg#plot-cost polyline.line').count()).toBe(1);
    const args = await page.locator('article.ticket[data-ticket="apr_1"] pre.args').textContent();
    expect(args).toContain(INJECTED.replace(/"/g, '\\"'));
    expect(await page.locator('#inbox img, #inbox script').count()).toBe(0);
    // Let the page refresh itself a few times, then check nothing ran or failed.
    await page.locator('#status', { hasText: 'updated' }).waitFor();
    expect(await page.evaluate(() => typeof (globalThis as { __pwned?: unknown }).__pwned)).toBe('undefined');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses the page without the token', async () => {
    const page = await browser.newPage();
    const response = await page.goto(server.url.replace(/\?token=.*/, ''));
    expect(response?.status()).toBe(401);
    await page.close();
  });

  it('approving in the inbox resolves the ticket in the store', async () => {
    const { page, problems } = await open(server.url);
    const card = page.locator('article.ticket[data-ticket="apr_1"]');
    await card.waitFor();
    await page.fill('#approver', 'dana');
    await card.locator('input.verdict-reason').fill('checked the order');
    await card.locator('button.approve').click();
    await page.locator('article.ticket[data-ticket="apr_1"][data-resolved="approved"]').waitFor();
    expect(store.tickets.get('apr_1')).toMatchObject({ status: 'approved', verdict: { approved: true, by: 'dana', reason: 'checked the order' } });
    await page.locator('article.ticket[data-ticket="apr_1"]').waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a third-party page cannot approve: its cross-origin request is blocked', async () => {
    const { page } = await open('about:blank');
    const outcome = await page.evaluate(async ({ base, token }) => {
      try {
        const response = await fetch(`${base}/api/approvals/apr_2`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-agentwarden-token': token }, body: JSON.stringify({ approved: true, by: 'mallory' }) });
        return `status ${response.status}`;
      } catch (error) {
        return `blocked: ${(error as Error).message}`;
      }
    }, { base: `http://127.0.0.1:${server.port}`, token: server.token });
    expect(outcome).toMatch(/^blocked/);
    expect(store.tickets.get('apr_2')!.status).toBe('pending');
    await page.close();
  });
});
