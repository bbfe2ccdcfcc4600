import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/audit/entries.js';
import { createReportBuilder, DEFAULT_REPORT_LIMITS } from '../../src/report/aggregate.js';

const integrity = { ok: true, lines: 0, recoveredFragments: 0, files: [] };
const base = { seq: 0, prev: '', hash: '', agent: 'a' };
const at = (second: number) => new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString();

describe('createReportBuilder', () => {
  it('keeps the most recent timeline items and counts the rest, and caps incidents', () => {
    const builder = createReportBuilder({}, { ...DEFAULT_REPORT_LIMITS, timeline: 3, incidents: 2 });
    for (let i = 0; i < 10; i++) {
      builder.add({ ...base, at: at(i), type: 'decision', outcome: 'deny', by: 'policy', reason: `r${i}`, tool: 't', callId: `c${i}` } as AuditEntry);
    }
    const data = builder.finish({ file: 'f', integrity, bytes: 0, unreadableLines: 0 });
    expect(data.timeline.items.map((item) => item.text.slice(-2))).toEqual(['r7', 'r8', 'r9']);
    expect(data.timeline.omitted).toBe(7);
    expect(data.incidents.items.map((incident) => incident.reason)).toEqual(['r0', 'r1']);
    expect(data.incidents.omitted).toBe(8);
    expect(data.summary.denials).toBe(10);
  });

  it('keeps an even spread of drift points under the cap', () => {
    const builder = createReportBuilder({}, { ...DEFAULT_REPORT_LIMITS, driftPoints: 16 });
    for (let i = 0; i < 1000; i++) builder.add({ ...base, at: at(i), type: 'drift', event: { metric: 'm', current: i } } as AuditEntry);
    const { drift, summary } = builder.finish({ file: 'f', integrity, bytes: 0, unreadableLines: 0 });
    expect(summary.driftAlerts).toBe(1000);
    expect(drift.length).toBeLessThanOrEqual(16);
    expect(drift[0]!.value).toBe(0);
    expect(drift.at(-1)!.value).toBeGreaterThan(800);
  });

  it('attaches a blocked call\'s args to its incident and skips entries without a valid time', () => {
    const builder = createReportBuilder();
    builder.add({ ...base, at: at(1), type: 'decision', outcome: 'halt', by: 'kill-switch', reason: 'stop', tool: 'pay', callId: 'c1' } as AuditEntry);
    builder.add({ ...base, at: at(1), type: 'call', tool: 'pay', callId: 'c1', outcome: 'blocked', startedAt: at(1), durationMs: 0, args: { amount: 5 } } as AuditEntry);
    builder.add({ ...base, at: 'not a time', type: 'call', tool: 'pay', callId: 'c2', outcome: 'ok' } as unknown as AuditEntry);
    const data = builder.finish({ file: 'f', integrity, bytes: 0, unreadableLines: 0 });
    expect(data.incidents.items[0]).toMatchObject({ outcome: 'halt', args: { amount: 5 } });
    expect(data.summary.calls).toBe(1);
  });
});
