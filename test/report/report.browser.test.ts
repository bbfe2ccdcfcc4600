import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { renderHtml } from '../../src/report/html.js';
import { browserSkipReason, launchChromium, watchProblems } from '../console/browser.js';
import { INJECTED, writeFixtureAudit } from './fixture.js';

const skip = browserSkipReason();

describe.skipIf(skip !== undefined)('HTML report in Chromium', () => {
  let folder: string;
  let reportUrl: string;
  let browser: Browser;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-report-browser-'));
    const file = join(folder, 'audit.jsonl');
    await writeFixtureAudit(file);
    const out = join(folder, 'report.html');
    writeFileSync(out, renderHtml(await buildReport(file)));
    reportUrl = pathToFileURL(out).href;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('renders the plots, shows injected markup as text, and logs no errors or requests', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url() !== reportUrl) requests.push(request.url());
    });
    await page.goto(reportUrl);

    for (const id of ['plot-decisions', 'plot-cost', 'plot-drift', 'plot-cost-department']) {
      const box = await page.locator(`svg#${id}`).boundingBox();
      expect(box?.width, id).toBeGreaterThan(300);
      expect(box?.height, id).toBeGreaterThan(40);
    }
    expect(await page.locator('svg#plot-decisions rect.bar').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('svg#plot-cost polyline.line').count()).toBe(1);
    expect(await page.locator('svg#plot-drift circle.point').count()).toBe(1);
    expect(await page.locator('svg#plot-cost-department rect.bar').count()).toBe(4);

    const args = await page.locator('#incidents pre.args').first().textContent();
    expect(args).toContain(INJECTED.replace(/"/g, '\\"'));
    expect(await page.evaluate(() => typeof (globalThis as { __pwned?: unknown }).__pwned)).toBe('undefined');
    expect(await page.locator('#incidents img, #incidents script').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });
});
