/**
 * Rollout: version A in prod, B on a 10 % canary, every session recorded and watched for drift.
 *
 *   Act 1 — B overpays refunds a little. Nothing is denied, so live metrics stay calm; the eval
 *           harness replays recorded prod sessions under A and B, B fails the gate, and the
 *           canary is rolled back: every new session goes to A.
 *   Act 2 — C, a model upgrade, goes to the canary without an eval. Its refunds are so large
 *           the policy denies them; the drift monitor raises an alarm on C's denial rate and
 *           `registry.watch(..., { autoRollback: true })` ends the canary on its own.
 *
 *   npx tsx examples/rollout.ts [--keep]     (--keep leaves the registry file and cassettes on disk)
 *
 * No key, no network: the "model" is a scripted function of the version in force.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  caseFromCassette,
  compareVersions,
  createWarden,
  driftMonitor,
  exact,
  formatComparison,
  policy,
  readCassette,
  recorder,
  versions,
  type DriftAlarm,
  type VersionStamp,
  type Warden,
} from 'agentwarden';
import { fakeClock } from 'agentwarden/testing';

type Order = { id: string; total: number };
const orders: Record<string, Order> = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`O${i}`, { id: `O${i}`, total: 20 + ((i * 37) % 180) }]));

/** The guard: refunds above twice the order total are denied (a person must look). */
const refundCap = () =>
  policy({
    rules: [
      {
        name: 'refund<=2x-total',
        when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 2 * (orders[(call.args as { orderId: string }).orderId]?.total ?? 0),
        then: 'deny',
        reason: 'a refund above twice the order total needs a person',
      },
    ],
  });

/** The scripted model: how much it refunds depends on the version in force. */
function plan(version: VersionStamp, order: Order) {
  if (version.parts.model === 'scripted-5o') return { amount: order.total * 3, tokens: 650 }; // C
  if (String(version.parts.prompt).includes('generously')) return { amount: Math.round(order.total * 1.5), tokens: 900 }; // B
  return { amount: order.total, tokens: 600 }; // A
}

const liveTools = {
  lookupOrder: ({ orderId }: { orderId: string }) => orders[orderId]!,
  issueRefund: ({ orderId, amount }: { orderId: string; amount: number }) => ({ refundId: `R-${orderId}`, amount }),
};
const offlineTools = {
  lookupOrder: (): Order => {
    throw new Error('offline: served from the cassette');
  },
  issueRefund: (): { refundId: string; amount: number } => {
    throw new Error('offline: served from the cassette');
  },
};

/** The agent: look the order up, ask the model, refund. */
async function agent(warden: Warden, version: VersionStamp, orderId: string, tools = liveTools): Promise<string> {
  const lookup = warden.tool('lookup_order', tools.lookupOrder);
  const refund = warden.tool('issue_refund', tools.issueRefund);
  const order = await lookup({ orderId });
  const decision = plan(version, order);
  await warden.recordUsage({ model: String(version.parts.model), inputTokens: decision.tokens, outputTokens: 80 });
  try {
    const done = await refund({ orderId, amount: decision.amount });
    return `refunded ${done.amount} (${done.refundId})`;
  } catch (error) {
    return `could not refund: ${(error as Error).message}`;
  }
}

const work = mkdtempSync(join(tmpdir(), 'agentwarden-rollout-'));
const registry = versions({ file: join(work, 'versions.json') });
const clock = fakeClock(Date.UTC(2026, 2, 2, 9));
const tape = recorder({ dir: join(work, 'cassettes') });
const warden = createWarden({
  agent: 'refund-agent',
  clock,
  version: registry.route({ canaryPercent: 10 }),
  middleware: [driftMonitor({ builtins: false, metrics: { refundDenied: { on: 'run', value: (run) => run.blocked > 0 } }, baseline: { refundDenied: { mean: 0.02 } } }), refundCap(), tape],
  plugins: [registry], // registry changes become decisions on this warden (and so in its audit trail)
});
registry.watch(warden, { autoRollback: true, stage: 'canary' });
warden.on('drift', (alarm) => console.log(`   ⚑ drift: ${(alarm as unknown as DriftAlarm).metric} under ${(alarm as unknown as DriftAlarm).versionLabel} -> the canary is rolled back`));

registry.register({ prompt: 'Refund the order total, once.', model: 'scripted-4o' }, { label: 'A', by: 'alice' });
registry.register({ prompt: 'Refund generously: customers first.', model: 'scripted-4o' }, { label: 'B', by: 'alice' });
registry.promote('A', 'prod', { by: 'alice', reason: 'initial release' });
registry.promote('B', 'canary', { by: 'alice', reason: 'try the friendlier prompt on 10 % of sessions' });

async function serve(from: number, count: number): Promise<Record<string, number>> {
  const served: Record<string, number> = {};
  for (let i = from; i < from + count; i++) {
    clock.advance(60_000);
    await warden.run({ sessionId: `customer-${i}`, metadata: { input: { orderId: `O${i % 50}` } } }, async (run) => {
      served[run.version.label!] = (served[run.version.label!] ?? 0) + 1;
      await agent(warden, run.version, `O${i % 50}`);
    });
  }
  await tape.flush();
  return served;
}

console.log('Act 1. A in prod, B on a 10 % canary: 200 sessions, recorded');
console.log(`   sessions per version: ${JSON.stringify(await serve(0, 200))}; no drift alarm (nothing was denied)\n`);

console.log('   Eval gate: 20 recorded prod sessions replayed under A (baseline) and B (candidate)');
const prodId = registry.current('prod')!.id;
const cassettes = readdirSync(join(work, 'cassettes')).map((file) => readCassette(join(work, 'cassettes', file)));
const recorded = cassettes.filter((cassette) => cassette.version.id === prodId).slice(0, 20);
const result = await compareVersions({
  cases: recorded.map((cassette) => {
    const { orderId } = cassette.metadata.input as { orderId: string };
    return caseFromCassette(cassette, { expected: `refunded ${orders[orderId]!.total} (R-${orderId})` });
  }),
  baseline: registry.current('prod')!,
  candidate: registry.current('canary')!,
  warden: () => ({ agent: 'refund-agent', middleware: [refundCap()] }),
  agent: ({ warden: evalWarden, version, input }) => agent(evalWarden, version, (input as { orderId: string }).orderId, offlineTools),
  scorers: [exact({ name: 'correct refund' })],
  thresholds: { success: 0, 'correct refund': 0, tokens: { maxRegression: 0.2, relative: true } },
  pricing: { 'scripted-4o': { input: 2.5, output: 10 } },
});
console.log(formatComparison(result, { cases: false }).replace(/^(?=.)/gm, '   '));
if (!result.passed) {
  registry.rollback('canary', { by: 'ci', reason: `eval failed: ${result.failures[0]}` });
  console.log('   -> B failed the gate: canary rolled back by ci.');
}
console.log(`   next 100 sessions: ${JSON.stringify(await serve(200, 100))}\n`);

console.log('Act 2. C (a model upgrade) goes straight to the canary, no eval');
registry.register({ prompt: 'Refund the order total, once.', model: 'scripted-5o' }, { label: 'C', by: 'bob' });
registry.promote('C', 'canary', { by: 'bob', reason: 'model upgrade, looks fine locally' });
const act2 = await serve(300, 300);
console.log(`   sessions per version: ${JSON.stringify(act2)}; canary now: ${registry.current('canary')?.label ?? 'none'}\n`);

console.log('Registry history (each change is also a decision in the audit trail)');
for (const change of registry.history()) {
  const label = change.action === 'rollback' ? `-${registry.get(change.previousVersionId!)?.label}` : (change.label ?? '');
  console.log(`   ${change.action.padEnd(8)} ${label.padEnd(3)} ${(change.stage ?? '').padEnd(7)} by ${change.by.padEnd(5)} ${change.reason}`);
}
await warden.close();

if (process.argv.includes('--keep')) console.log(`\n   Registry and cassettes kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
