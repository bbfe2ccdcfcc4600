import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/audit/audit-log.js';
import { inboxFromSpec } from '../../src/console/approvals-spec.js';
import { startConsole, type ConsoleServer } from '../../src/console/server.js';
import { ApprovalPendingError } from '../../src/core/errors.js';
import { approval } from '../../src/approval/approval.js';
import { buildReport } from '../../src/report/build-report.js';
import { fileApprovalStore } from '../../src/stores/file-approval-store.js';
import { createWarden } from '../../src/core/warden.js';
import { INJECTED } from '../report/fixture.js';
import { browserSkipReason, launchChromium } from './browser.js';

const skip = browserSkipReason();

describe.skipIf(skip !== undefined)('console inbox over fileApprovalStore, in Chromium', () => {
  let folder: string;
  let browser: Browser;
  let server: ConsoleServer | undefined;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-console-e2e-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a paused refund shows in the inbox with its args as text; approving it lets the same call run once', async () => {
    const audit = join(folder, 'audit.jsonl');
    const approvals = join(folder, 'approvals.json');
    const warden = createWarden({
      agent: 'refund-agent',
      version: { model: 'gpt-4o' },
      middleware: [approval({ when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 100, store: fileApprovalStore(approvals) })],
      audit: auditLog({ file: audit, flushIntervalMs: 0 }),
    });
    let refunds = 0;
    const refund = warden.tool('issue_refund', async (args: { orderId: string; amount: number; note: string }) => {
      refunds += 1;
      return `refunded ${args.amount}`;
    });
    const args = { orderId: 'A1', amount: 250, note: INJECTED };
    const paused = await refund(args, { callId: 'refund-A1' }).catch((error: unknown) => error);
    expect(paused).toBeInstanceOf(ApprovalPendingError);

    server = await startConsole({ audit, approvals: inboxFromSpec(`file:${approvals}`), refreshMs: 500 });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(server.url);
    const card = page.locator('article.ticket', { hasText: 'issue_refund' });
    await card.waitFor();
    expect(await card.locator('pre.args').textContent()).toContain(INJECTED.replace(/"/g, '\\"'));
    expect(await page.evaluate(() => typeof (globalThis as { __pwned?: unknown }).__pwned)).toBe('undefined');
    await page.fill('#approver', 'dana');
    await card.locator('input.verdict-reason').fill('customer verified');
    await card.locator('button.approve').click();
    await page.locator('article.ticket[data-resolved="approved"]').waitFor();
    expect(problems).toEqual([]);

    const [ticket] = await fileApprovalStore(approvals).list();
    expect(ticket).toMatchObject({ status: 'approved', verdict: { approved: true, by: 'dana', reason: 'customer verified' } });
    await expect(refund(args, { callId: 'refund-A1' })).resolves.toBe('refunded 250');
    expect(refunds).toBe(1);
    await warden.close();

    const report = await buildReport(audit);
    expect(report.integrity.ok).toBe(true);
    expect(report.approvals.items.map((step) => step.what)).toEqual(expect.arrayContaining(['pause', 'approve']));
    await page.close();
  });
});
