/**
 * Drift detection, per version: a scripted claims agent approves about 85 % of claims under
 * version A. Version B (a model update) approves about 91 %. No single claim looks wrong;
 * the monitor notices the shift and names the version. The same run with a version B that
 * behaves like A (same noise) raises nothing.
 *
 *   npx tsx examples/drift.ts
 */
import { createWarden, driftMonitor, versionStamp, type DriftAlarm, type VersionStamp } from 'agentwarden';
import { fakeClock } from 'agentwarden/testing';

const CLAIMS_PER_VERSION = 1_500;
const versionA = versionStamp({ prompt: 'claims-prompt-v7', model: 'claims-model-2026-01', knowledgeBase: 'kb-2026-01' }, 'A');
const versionB = versionStamp({ prompt: 'claims-prompt-v7', model: 'claims-model-2026-03', knowledgeBase: 'kb-2026-01' }, 'B');

/** Seeded noise, so every run of this example prints the same story. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The scripted model: approves a claim with the version's own propensity, plus noise. */
function scriptedModel(random: () => number, approvalRate: number) {
  return (claimId: number) => ({ claimId, approve: random() < approvalRate, tokens: Math.round(1_200 + (random() - 0.5) * 400) });
}

async function scenario(title: string, rateUnderB: number): Promise<DriftAlarm[]> {
  console.log(`\n=== ${title} ===`);
  const clock = fakeClock(Date.UTC(2026, 2, 1, 9));
  const random = seededRandom(2026);
  let versionInForce: VersionStamp = versionA;
  const warden = createWarden({
    agent: 'claims-agent',
    clock,
    version: { resolveVersion: () => versionInForce },
    middleware: [
      driftMonitor({
        metrics: { approvalRate: (obs) => (obs.tool === 'decide_claim' && obs.outcome === 'ok' ? (obs.result as { approved: boolean }).approved : undefined) },
        baseline: { warmup: 1_000 }, // learned per version; the defaults catch small sustained shifts and large sudden ones
      }),
    ],
  });
  const alarms: DriftAlarm[] = [];
  warden.on('drift', (alarm) => {
    alarms.push(alarm as unknown as DriftAlarm);
  });
  warden.on('decision', (decision) => {
    if (decision.outcome === 'flag') console.log(`  ⚑ ${decision.at} flag by ${decision.by}: ${decision.reason}`);
  });

  const lookupPolicy = warden.tool('lookup_policy', ({ claimId }: { claimId: number }) => {
    clock.advance(80 + Math.round(random() * 40));
    return { claimId, coverage: 'standard' };
  });
  const decideClaim = warden.tool('decide_claim', ({ claimId, approve }: { claimId: number; approve: boolean }) => {
    clock.advance(20 + Math.round(random() * 10));
    return { claimId, approved: approve };
  });

  for (const [version, rate] of [[versionA, 0.85], [versionB, rateUnderB]] as const) {
    versionInForce = version;
    const model = scriptedModel(random, rate);
    let approved = 0;
    for (let claim = 1; claim <= CLAIMS_PER_VERSION; claim++) {
      clock.advance(30_000);
      await warden.run({ workflow: 'claims', department: 'insurance' }, async () => {
        const decision = model(claim);
        await warden.recordUsage({ model: String(version.parts.model), inputTokens: decision.tokens, outputTokens: 150 });
        await lookupPolicy({ claimId: claim });
        const result = await decideClaim({ claimId: claim, approve: decision.approve });
        if (result.approved) approved += 1;
      });
      if (claim % 500 === 0) console.log(`  version ${version.label} (${version.id}): ${claim} claims, ${(100 * approved / claim).toFixed(1)} % approved so far`);
    }
  }

  const phases = warden.drift.status().filter((row) => row.metric === 'approvalRate').map((row) => `${row.versionId}: ${row.phase}, baseline mean ${(row.baseline as { mean?: number } | undefined)?.mean?.toFixed(3)}`);
  console.log(`  approvalRate baselines: ${phases.join('; ')}`);
  console.log(`  ${alarms.length === 0 ? 'no drift alarm' : `${alarms.length} drift alarm(s): ${alarms.map((alarm) => `${alarm.metric} under version ${alarm.versionLabel}`).join(', ')}`}`);
  console.log(`  snapshot for the next deploy: ${JSON.stringify(warden.drift.snapshot()).length} bytes of JSON; counters ${JSON.stringify(warden.stats())}`);
  await warden.close();
  return alarms;
}

const drifted = await scenario('version B approves ~91 % (drift)', 0.91);
const steady = await scenario('version B approves ~85 % (no drift, same noise)', 0.85);
const named = drifted.find((alarm) => alarm.metric === 'approvalRate');
console.log(`\nResult: drift run ${named ? `alarmed on approvalRate and named version ${named.versionLabel} (${named.versionId})` : 'raised NO approvalRate alarm'}; no-drift run raised ${steady.length} alarm(s).`);
