import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/audit/audit-log.js';
import { verifyAudit } from '../../src/audit/verify.js';
import { driftMonitor } from '../../src/drift/drift-monitor.js';
import { buildReport } from '../../src/report/build-report.js';
import { fakeClock } from '../../src/testing/fake-clock.js';
import { createWarden } from '../../src/core/warden.js';
import { entriesOf, tempDir } from '../audit/helpers.js';

describe('audit trail with driftMonitor', () => {
  it('records the drift alarm and its flag decision, and the report plots and lists them', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const clock = fakeClock();
    const warden = createWarden({
      agent: 'claims-agent',
      clock,
      middleware: [driftMonitor({ builtins: false, metrics: { escalations: { on: 'run', value: (run) => Number(run.run.metadata.escalations ?? 0), threshold: 1 } }, baseline: { escalations: { mean: 0.2, std: 0.4 } } })],
      audit: auditLog({ file }),
    });
    let alarms = 0;
    warden.on('drift', () => void (alarms += 1));
    for (let i = 0; i < 40 && alarms === 0; i++) {
      clock.advance(60_000);
      await warden.run({ metadata: { escalations: 3 } }, async () => undefined);
    }
    await warden.close();
    expect(alarms).toBe(1);

    const drift = entriesOf(file).find((entry) => entry.type === 'drift');
    expect(drift).toMatchObject({ agent: 'claims-agent', versionId: warden.version.id, event: { metric: 'escalations', current: 3 } });
    expect((await verifyAudit(file)).ok).toBe(true);

    const report = await buildReport(file);
    expect(report.summary).toMatchObject({ driftAlerts: 1, flags: 1 });
    expect(report.drift).toEqual([expect.objectContaining({ metric: 'escalations', value: 3 })]);
    expect(report.timeline.items.map((item) => item.text)).toContainEqual(expect.stringMatching(/^escalations rose from 0\.2 to 3 under v_/));
  });
});
