import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxFromSpec } from '../../src/console/approvals-spec.js';
import { fileApprovalStore } from '../../src/stores/file-approval-store.js';
import { startConsole, type ConsoleServer } from '../../src/console/server.js';
import { INJECTED, writeFixtureAudit } from '../report/fixture.js';
import { browserSkipReason, launchChromium, watchProblems } from './browser.js';
import { pauseTwoCalls } from './paused-calls.js';

const skip = browserSkipReason();

describe.skipIf(skip !== undefined)('console in Chromium', () => {
  let folder: string;
  let server: ConsoleServer;
  let browser: Browser;
  let approvalsFile: string;
  let ids: { refund: string; wire: string };
  const ticket = async (id: string) => fileApprovalStore(approvalsFile).get(id);
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-console-browser-'));
    const file = join(folder, 'audit.jsonl');
    approvalsFile = join(folder, 'approvals.json');
    await writeFixtureAudit(file);
    const tickets = await pauseTwoCalls(approvalsFile);
    ids = { refund: tickets.refund.id, wire: tickets.wire.id };
    server = await startConsole({ audit: file, approvals: inboxFromSpec(`file:${approvalsFile}`), refreshMs: 500 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(url);
    return { page, problems };
  }

  it('shows the live report with its plots and the inbox, args as text, with no console errors', async () => {
    const { page, problems } = await open(server.url);
    await page.locator(`article.ticket[data-ticket="${ids.refund}"]`).waitFor();
    expect(await page.locator('svg#plot-decisions rect.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('svg#plot-cost polyline.line').count()).toBe(1);
    const args = await page.locator(`article.ticket[data-ticket="${ids.refund}"] pre.args`).textContent();
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
    const card = page.locator(`article.ticket[data-ticket="${ids.refund}"]`);
    await card.waitFor();
    await page.fill('#approver', 'dana');
    await card.locator('input.verdict-reason').fill('checked the order');
    await card.locator('button.approve').click();
    await page.locator(`article.ticket[data-ticket="${ids.refund}"][data-resolved="approved"]`).waitFor();
    expect(await ticket(ids.refund)).toMatchObject({ status: 'approved', verdict: { approved: true, by: 'dana', reason: 'checked the order' } });
    await page.locator(`article.ticket[data-ticket="${ids.refund}"]`).waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a third-party page cannot approve: its cross-origin request is blocked', async () => {
    const { page } = await open('about:blank');
    const outcome = await page.evaluate(async ({ base, token, id }) => {
      try {
        const response = await fetch(`${base}/api/approvals/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-agentwarden-token': token }, body: JSON.stringify({ approved: true, by: 'mallory' }) });
        return `status ${response.status}`;
      } catch (error) {
        return `blocked: ${(error as Error).message}`;
      }
    }, { base: `http://127.0.0.1:${server.port}`, token: server.token, id: ids.wire });
    expect(outcome).toMatch(/^blocked/);
    expect((await ticket(ids.wire))?.status).toBe('pending');
    await page.close();
  });
});
