import { describe, expect, expectTypeOf, it } from 'vitest';
import { createWarden, type Warden } from '../../src/core/warden.js';
import { driftMonitor, type DriftMonitorOptions } from '../../src/drift/drift-monitor.js';
import type { DriftAlarm } from '../../src/drift/alarm.js';
import type { DriftSnapshot } from '../../src/drift/snapshot.js';
import { OptionsError } from '../../src/core/errors.js';
import { versionStamp } from '../../src/core/version-stamp.js';
import { policy } from '../../src/policy/policy.js';
import { decisionRecorder, fakeClock } from '../../src/testing/index.js';
import type { VersionStamp } from '../../src/core/types.js';
import { seededRandom } from './seeded-random.js';

const versionA = versionStamp({ model: 'claims-model-2026-01' }, 'A');
const versionB = versionStamp({ model: 'claims-model-2026-03' }, 'B');

interface Claim {
  claimId: number;
}

/** A warden whose runs take their version from `metadata.version`, and a scripted claims tool. */
function claimsAgent(options: DriftMonitorOptions) {
  const clock = fakeClock();
  const warden = createWarden({
    agent: 'claims-agent',
    clock,
    version: { resolveVersion: (scope) => (scope.metadata?.version as VersionStamp | undefined) ?? versionA },
    middleware: [driftMonitor(options)],
  });
  const drift: DriftAlarm[] = [];
  warden.on('drift', (alarm) => void drift.push(alarm as unknown as DriftAlarm));
  return { warden, clock, drift };
}

async function decideClaims(warden: Warden, clock: ReturnType<typeof fakeClock>, version: VersionStamp, approvalRate: number, count: number, random: () => number) {
  const decide = warden.tool('decide_claim', ({ claimId }: Claim) => ({ claimId, approved: random() < approvalRate }));
  for (let claimId = 0; claimId < count; claimId++) {
    await warden.run({ metadata: { version } }, async () => {
      clock.advance(1_000);
      await decide({ claimId });
    });
  }
}

const approvalRate = { approvalRate: (obs: { tool: string; result?: unknown }) => (obs.tool === 'decide_claim' ? Number((obs.result as { approved: boolean }).approved) : undefined) };

describe('driftMonitor on a warden', () => {
  it('raises a drift event and a flag decision naming version B when approvals move from 85 % to 91 %', async () => {
    const { warden, clock, drift } = claimsAgent({ metrics: approvalRate, builtins: false, baseline: { warmup: 1_000 }, threshold: 0.15 });
    const log = decisionRecorder(warden);
    const random = seededRandom(7);
    await decideClaims(warden, clock, versionA, 0.85, 1_500, random);
    expect(drift).toEqual([]);
    await decideClaims(warden, clock, versionB, 0.91, 1_500, random);

    expect(drift[0]).toMatchObject({ metric: 'approvalRate', versionId: versionB.id, versionLabel: 'B', comparedTo: 'previous_version', baselineVersionId: versionA.id, direction: 'up', tool: 'decide_claim' });
    expect((drift[0]!.current as number) - 0.85).toBeGreaterThan(0.03);
    const flags = log.withOutcome('flag');
    expect(flags).toHaveLength(drift.length);
    expect(flags[0]).toMatchObject({ by: 'driftMonitor', rule: 'drift:approvalRate', tool: 'decide_claim', callId: drift[0]!.callId, versionId: versionB.id, details: { metric: 'approvalRate', statistic: { test: 'cusum' } } });
    expect(flags[0]!.reason).toMatch(/^approvalRate rose from 0\.8\d+ to 0\.9\d+ under version B \(v_[0-9a-f]+\) vs previous version v_/);
    expect(flags[0]!.at).toBe(drift[0]!.at);
  });

  it('stays quiet when version B approves like version A', async () => {
    const { warden, clock, drift } = claimsAgent({ metrics: approvalRate, builtins: false, baseline: { warmup: 1_000 }, threshold: 0.15 });
    const random = seededRandom(7);
    await decideClaims(warden, clock, versionA, 0.85, 1_500, random);
    await decideClaims(warden, clock, versionB, 0.85, 1_500, random);
    expect(drift).toEqual([]);
    expect(warden.drift.status().map((row: { versionId: string; phase: string }) => `${row.versionId === versionA.id ? 'A' : 'B'}:${row.phase}`)).toEqual(['A:monitoring', 'B:monitoring']);
  });

  it('notices a tool that starts failing (error rate per tool)', async () => {
    const { warden, clock, drift } = claimsAgent({ builtins: ['errorRate', 'decisionMix'], baseline: { warmup: 50 } });
    let failing = false;
    const lookup = warden.tool('lookup_policy', () => {
      if (failing) throw new Error('upstream 503');
      return { ok: true };
    });
    for (let i = 0; i < 60; i++) await lookup({});
    failing = true;
    for (let i = 0; i < 20 && drift.length === 0; i++) {
      clock.advance(1_000);
      await lookup({}).catch(() => undefined);
    }
    expect(drift[0]).toMatchObject({ metric: 'errorRate:lookup_policy', direction: 'up', comparedTo: 'baseline', current: 1 });
    // Its own flag decisions never feed the decision mix.
    expect(warden.drift.status().map((row) => row.metric)).toEqual(['errorRate:lookup_policy']);
  });

  it('watches tokens per run, the tool mix and the decision mix from the warden’s own events', async () => {
    const clock = fakeClock();
    const warden = createWarden({
      agent: 'support',
      clock,
      middleware: [policy({ deny: ['delete_account'] }), driftMonitor({ baseline: { warmup: 40, tokensPerRun: { mean: 1_000, std: 100 } }, threshold: 1, window: 40 })],
    });
    const drift: DriftAlarm[] = [];
    warden.on('drift', (alarm) => void drift.push(alarm as unknown as DriftAlarm));
    const search = warden.tool('search', () => 'ok');
    const remove = warden.tool('delete_account', () => 'gone');
    for (let i = 0; i < 60; i++) {
      await warden.run({}, async () => {
        await warden.recordUsage({ model: 'm', inputTokens: 2_500, outputTokens: 500 });
        await search({});
        if (i >= 20) await remove({}).catch(() => undefined);
      });
    }
    const metrics = new Set(drift.map((alarm) => alarm.metric));
    expect(metrics).toContain('tokensPerRun');
    expect(drift.find((alarm) => alarm.metric === 'tokensPerRun')).toMatchObject({ comparedTo: 'baseline', current: 3_000 });
    const statuses = warden.drift.status() as Array<{ metric: string }>;
    expect(statuses.map((row) => row.metric)).toEqual(expect.arrayContaining(['toolMix', 'decisionMix', 'callsPerRun', 'latencyMs:search']));
  });

  it('ignores and counts NaN and Infinity, and never breaks a call when a metric throws', async () => {
    const { warden } = claimsAgent({
      builtins: false,
      metrics: {
        broken: () => {
          throw new Error('metric bug');
        },
        notANumber: () => Number.NaN,
        infinite: () => Number.POSITIVE_INFINITY,
        text: () => 'high' as unknown as number,
      },
    });
    const echo = warden.tool('echo', (value: number) => value);
    await expect(echo(1)).resolves.toBe(1);
    await expect(echo(2)).resolves.toBe(2);
    expect(warden.stats()).toMatchObject({ 'drift.metric_errors': 2, 'drift.ignored': 6 });
    expect(warden.drift.status()).toEqual([]);
  });

  it('ignores and counts a metric’s NaN values while the default detector monitors', async () => {
    let call = 0;
    const { warden, drift } = claimsAgent({ builtins: false, baseline: { warmup: 30 }, metrics: { score: () => (++call % 3 === 0 ? Number.NaN : 10 + (call % 2)) } });
    const echo = warden.tool('echo', (value: number) => value);
    for (let i = 0; i < 90; i++) await echo(i);
    expect(warden.stats()['drift.ignored']).toBe(30);
    expect(warden.drift.status()).toMatchObject([{ metric: 'score', phase: 'monitoring', samples: 30 }]);
    expect(drift).toEqual([]);
  });

  it('says which scale fired and the shift it saw, in the alarm and the flag decision', async () => {
    const { warden, clock, drift } = claimsAgent({ builtins: false, metrics: { escalations: { on: 'run', value: (run) => Number(run.run.metadata.escalations) } }, baseline: { escalations: { mean: 1, std: 0.5 } } });
    const log = decisionRecorder(warden);
    for (let i = 0; i < 100 && drift.length === 0; i++) {
      clock.advance(60_000);
      await warden.run({ metadata: { escalations: 1.75 } }, async () => undefined);
    }
    expect(drift[0]).toMatchObject({ metric: 'escalations', direction: 'up', scale: 1, estimatedShift: 1.5 });
    expect(log.withOutcome('flag')[0]!.reason).toMatch(/^escalations rose from 1 to 1\.75 under version .* \(\+1\.50 sd; CUSUM tuned to 1 sd /);
  });

  it('keeps a failing drift listener away from the tool call', async () => {
    const { warden } = claimsAgent({ builtins: ['errorRate'], baseline: { warmup: 30 } });
    warden.on('drift', () => {
      throw new Error('pager down');
    });
    let failing = false;
    const flaky = warden.tool('flaky', () => {
      if (failing) throw new Error('boom');
      return 'ok';
    });
    for (let i = 0; i < 30; i++) await flaky({});
    failing = true;
    for (let i = 0; i < 10; i++) await expect(flaky({})).rejects.toThrow('boom');
    expect(warden.stats()['listener.errors']).toBeGreaterThan(0);
  });

  it('snapshots baselines to JSON and restores them in a new warden that monitors at once', async () => {
    const first = claimsAgent({ metrics: approvalRate, builtins: false, baseline: { warmup: 500 }, threshold: 0.15 });
    await decideClaims(first.warden, first.clock, versionA, 0.85, 500, seededRandom(1));
    const text = JSON.stringify(first.warden.drift.snapshot());

    const second = claimsAgent({ metrics: approvalRate, builtins: false, baseline: { snapshot: text }, threshold: 0.15 });
    expect(second.warden.drift.snapshot()).toEqual({ ...JSON.parse(text), takenAt: expect.any(String) });
    await decideClaims(second.warden, second.clock, versionA, 0.99, 300, seededRandom(2));
    expect(second.drift[0]).toMatchObject({ metric: 'approvalRate', comparedTo: 'baseline', versionId: versionA.id, baselineVersionId: versionA.id });
  });

  it('runs custom run-level metrics against a given baseline', async () => {
    const { warden, clock, drift } = claimsAgent({
      builtins: false,
      metrics: { escalations: { on: 'run', value: (run) => Number(run.run.metadata.escalations ?? 0), threshold: 1 } },
      baseline: { escalations: { mean: 0.2, std: 0.4 } },
    });
    const log = decisionRecorder(warden);
    for (let i = 0; i < 40 && drift.length === 0; i++) {
      clock.advance(60_000);
      await warden.run({ metadata: { escalations: 3 } }, async () => undefined);
    }
    expect(log.decisions[0]).toMatchObject({ outcome: 'flag', by: 'driftMonitor', tool: '*', callId: expect.stringMatching(/^drift_/), runId: drift[0]!.runId });
    expect(drift[0]).toMatchObject({ metric: 'escalations', comparedTo: 'baseline', direction: 'up', current: 3, runId: expect.any(String) });
    expect(drift[0]).not.toHaveProperty('tool');
  });

  it('registers warden.drift', () => {
    const warden = createWarden({ agent: 'a', middleware: [driftMonitor()] });
    expectTypeOf(warden.drift.snapshot()).toEqualTypeOf<DriftSnapshot>();
    expect(warden.drift.snapshot()).toMatchObject({ format: 'agentwarden.drift/1', agent: 'a', versions: [] });
    expect(warden.drift.alarms()).toEqual([]);
  });
});

describe('driftMonitor options', () => {
  it.each<[unknown, string]>([
    [{ threshold: -1 }, 'driftMonitor: `threshold` must be a positive number, got -1'],
    [{ falseAlarmRate: 2 }, 'driftMonitor: `falseAlarmRate` must be a number between 0 and 1, got 2'],
    [{ threshold: Number.NaN }, 'driftMonitor: `threshold` must be a positive number, got NaN'],
    [{ falseAlarmRate: -1e-5 }, 'driftMonitor: `falseAlarmRate` must be a number between 0 and 1, got -0.00001'],
    [{ falseAlarmRate: Number.NaN }, 'driftMonitor: `falseAlarmRate` must be a number between 0 and 1, got NaN'],
    [{ decisionInterval: -4 }, 'driftMonitor: `decisionInterval` must be a positive number, got -4'],
    [{ metrics: { rate: { value: () => 1, threshold: -0.1 } } }, 'driftMonitor: `metrics.rate.threshold` must be a positive number, got -0.1'],
    [{ debounceMs: Number.NaN }, 'driftMonitor: `debounceMs` must be a non-negative number, got NaN'],
    [{ window: 5 }, 'driftMonitor: `window` must be an integer of at least 20, got 5'],
    [{ builtins: ['tokens'] }, 'driftMonitor: `builtins` must be false or a list of toolMix, errorRate, latency, tokensPerRun, callsPerRun, decisionMix, got an array'],
    [{ metrics: { rate: 3 } }, 'driftMonitor: `metrics.rate` must be a function or `{ on?, value, threshold? }`, got 3'],
    [{ baseline: { warmup: 10 } }, 'driftMonitor: `baseline.warmup` must be an integer of at least 30 (too few samples for a baseline), got 10'],
    [{ baseline: { tokensPerRun: { mean: 900, std: 0 } } }, 'driftMonitor: `baseline.tokensPerRun.std` must be a positive number (a baseline with std 0 cannot be tested against), got 0'],
    [{ baseline: { tokensPerRun: { mean: 900, std: 50, samples: 3 } } }, 'driftMonitor: `baseline.tokensPerRun.samples` must be an integer of at least 30'],
    [{ baseline: { toolMix: { mean: 0.5 } } }, 'driftMonitor: `baseline.toolMix` must be `{ shares }` (a category mix) for this metric, got a mean'],
    [{ baseline: { nonsense: { mean: 0.5 } } }, 'driftMonitor: `baseline.nonsense` names no metric'],
    [{ baseline: { snapshot: '{' } }, 'driftMonitor: `baseline.snapshot` must be a drift snapshot or its JSON text'],
    [{ baseline: { snapshot: { format: 'agentwarden.drift/1', versions: [{ versionId: 'v_1', baselines: { callsPerRun: { kind: 'mean', mean: 3, std: 0, samples: 200 } } }] } } }, 'driftMonitor: `baseline.snapshot.versions.0.baselines.callsPerRun.std` must be a positive number'],
  ])('rejects %j naming the field', (options, message) => {
    expect(() => driftMonitor(options as DriftMonitorOptions)).toThrow(OptionsError);
    expect(() => driftMonitor(options as DriftMonitorOptions)).toThrow(message);
  });

  it('accepts a given rate baseline without std and per-tool baselines', () => {
    expect(() => driftMonitor({ metrics: approvalRate, baseline: { approvalRate: { mean: 0.85 }, 'latencyMs:lookup': { mean: 120, std: 30 } } })).not.toThrow();
  });
});
