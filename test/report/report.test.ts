import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { createTimeSeries } from '../../src/report/series.js';
import { INJECTED, writeFixtureAudit } from './fixture.js';

describe('incident report', () => {
  let folder: string;
  let file: string;
  let span: { start: number; end: number };
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-report-'));
    file = join(folder, 'audit.jsonl');
    span = await writeFixtureAudit(file);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('summarises calls, denials, halts, approvals, spend, budget, drift and version changes', async () => {
    const data = await buildReport(file);
    expect(data.integrity.ok).toBe(true);
    expect(data.summary).toMatchObject({ runs: 12, calls: 27, callsBlocked: 5, denials: 2, halts: 1, pauses: 2, budgetEvents: 2, driftAlerts: 1, versionChanges: 1, unpricedModelCalls: 1 });
    const expectedSpend = [0, 1, 2, 3, 4, 5].reduce((sum, run) => sum + ((1200 + run * 100) * (2.5 + 0.15) + 300 * (10 + 0.6)) / 1e6, 0);
    expect(data.summary.spendUsd).toBeCloseTo(expectedSpend, 10);
  });

  it('attributes cost by department, workflow, agent and model, largest first', async () => {
    const data = await buildReport(file);
    expect(data.cost.department.map((row) => row.key)).toEqual(['sales', 'support', 'finance', '(none)']);
    expect(data.cost.model.find((row) => row.key === 'mystery-model')).toMatchObject({ costUsd: 0, unpricedCalls: 1, inputTokens: 500 });
    const total = (rows: ReadonlyArray<{ costUsd: number }>) => rows.reduce((sum, row) => sum + row.costUsd, 0);
    for (const dimension of ['department', 'workflow', 'agent', 'model'] as const) expect(total(data.cost[dimension])).toBeCloseTo(data.summary.spendUsd, 10);
  });

  it('lists each denied and halted call with its reason and args, and the version change with its parts', async () => {
    const data = await buildReport(file);
    expect(data.incidents.items.map((incident) => [incident.outcome, incident.tool])).toEqual([
      ['deny', 'wire_money'],
      ['halt', 'issue_refund'],
      ['deny', 'wire_money'],
    ]);
    expect(data.incidents.items[0]).toMatchObject({ by: 'policy', reason: 'tool "wire_money" is on the deny list of the policy', args: { to: 'acct-999', note: INJECTED } });
    expect(data.approvals.items.map((step) => step.what)).toEqual(['requested', 'pause', 'rejected', 'requested', 'pause']);
    expect(data.versions.items[0]).toMatchObject({ from: { parts: { model: 'gpt-4o' } }, to: { parts: { model: 'gpt-4o-mini' } }, changed: ['model'] });
  });

  it('covers only the entries the filter selects', async () => {
    const bySession = await buildReport(file, { filter: { session: 'sess-0-4' } });
    expect(bySession.summary.calls).toBe(3);
    expect(bySession.incidents.items).toHaveLength(1);
    const firstHour = await buildReport(file, { filter: { from: span.start, to: span.start + 30 * 60_000 } });
    expect(firstHour.summary.versionChanges).toBe(0);
    expect(firstHour.summary.runs).toBe(6);
    const otherAgent = await buildReport(file, { filter: { agent: 'nobody' } });
    expect(otherAgent.summary.entries).toBe(0);
  });

  it('renders Markdown with the summary, cost tables and incidents, with injected markup escaped', async () => {
    const markdown = renderMarkdown(await buildReport(file));
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    expect(markdown).toContain(`Chain intact: ${lines} lines verified.`);
    expect(markdown).toContain('| Denials | 2 |');
    expect(markdown).toContain('## Cost by department');
    expect(markdown).toContain('| sales | $0.0146 |');
    expect(markdown).toContain('tool "wire_money" is on the deny list of the policy');
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('&lt;script&gt;');
  });

  it('says loudly when the chain is broken', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const tampered = join(folder, 'tampered.jsonl');
    const edited = lines.findIndex((line) => line.includes('"lookup_order"'));
    writeFileSync(tampered, lines.map((line, index) => (index === edited ? line.replace('"lookup_order"', '"lookup_0rder"') : line)).join('\n'));
    const data = await buildReport(tampered);
    expect(data.integrity).toMatchObject({ ok: false, brokenAt: edited + 1 });
    expect(renderMarkdown(data)).toContain(`CHAIN BROKEN at line ${edited + 1}`);
    expect(renderHtml(data)).toContain('class="integrity broken"');
  });

  it('renders one self-contained HTML file: inline plots, no script, no network, escaped args', async () => {
    const html = renderHtml(await buildReport(file));
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    for (const id of ['plot-decisions', 'plot-cost', 'plot-drift', 'plot-cost-department']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('&lt;script&gt;window.__pwned = true&lt;/script&gt;');
    expect(html).not.toContain(INJECTED);
  });
});

describe('createTimeSeries', () => {
  it('keeps at most the given number of buckets over any span, merging counts exactly', () => {
    const series = createTimeSeries(50);
    const start = Date.UTC(2026, 0, 1);
    let calls = 0;
    for (let minute = 0; minute < 60 * 24 * 30; minute += 7) {
      series.bucket(start + minute * 60_000).calls += 1;
      calls += 1;
    }
    const { bucketMs, buckets } = series.snapshot();
    expect(buckets.length).toBeLessThanOrEqual(50);
    expect(buckets.reduce((sum, bucket) => sum + bucket.calls, 0)).toBe(calls);
    expect(bucketMs % 60_000).toBe(0);
  });
});
