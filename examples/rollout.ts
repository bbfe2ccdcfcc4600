/**
 * Rollout: version A in prod, version B as a 10 % canary. Sessions are recorded; the eval
 * harness replays the recorded sessions under A and B, finds B refunds more than the order
 * total (a guard denies it), fails the gate, and B is rolled back: every new session goes to A.
 *
 *   npx tsx examples/rollout.ts [--keep]     (--keep leaves the registry file and cassettes on disk)
 *
 * No key, no network: the "model" is a scripted function of the version's prompt.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  caseFromCassette,
  compareVersions,
  createWarden,
  formatComparison,
  policy,
  readCassette,
  recorder,
  regex,
  versions,
  type VersionStamp,
  type Warden,
} from '../src/index.js';

const orders: Record<string, { id: string; total: number }> = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => [`O${i}`, { id: `O${i}`, total: 20 + ((i * 37) % 180) }]),
);

/** The guard: never refund more than the order total. */
const refundCap = () =>
  policy({
    rules: [
      {
        name: 'refund<=total',
        when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > (orders[(call.args as { orderId: string }).orderId]?.total ?? 0),
        then: 'deny',
        reason: 'a refund may not exceed the order total',
      },
    ],
  });

/** The scripted model: what it does depends on the prompt of the version in force. */
function plan(version: VersionStamp, order: { id: string; total: number }) {
  const generous = String(version.parts.prompt).includes('generously');
  return { amount: generous ? Math.round(order.total * 1.5) : order.total, tokens: generous ? 900 : 600 };
}

/** The agent: look the order up, ask the model, refund. */
async function agent(warden: Warden, version: VersionStamp, orderId: string, tools = liveTools): Promise<string> {
  const lookup = warden.tool('lookup_order', tools.lookupOrder);
  const refund = warden.tool('issue_refund', tools.issueRefund);
  const order = await lookup({ orderId });
  const decision = plan(version, order);
  await warden.recordUsage({ model: 'scripted-4o', inputTokens: decision.tokens, outputTokens: 80 });
  try {
    const done = await refund({ orderId, amount: decision.amount });
    return `refunded ${done.amount} (${done.refundId})`;
  } catch (error) {
    return `could not refund: ${(error as Error).message}`;
  }
}

const liveTools = {
  lookupOrder: ({ orderId }: { orderId: string }) => orders[orderId]!,
  issueRefund: ({ orderId, amount }: { orderId: string; amount: number }) => ({ refundId: `R-${orderId}`, amount }),
};
const offlineTools = {
  lookupOrder: (): { id: string; total: number } => {
    throw new Error('offline: served from the cassette');
  },
  issueRefund: (): { refundId: string; amount: number } => {
    throw new Error('offline: served from the cassette');
  },
};

const work = mkdtempSync(join(tmpdir(), 'agentwarden-rollout-'));
const registry = versions({ file: join(work, 'versions.json') });
registry.register({ prompt: 'Refund the order total, once.', model: 'scripted-4o' }, { label: 'A', by: 'alice' });
registry.register({ prompt: 'Refund generously: customers first.', model: 'scripted-4o' }, { label: 'B', by: 'alice' });
registry.promote('A', 'prod', { by: 'alice', reason: 'initial release' });
registry.promote('B', 'canary', { by: 'alice', reason: 'try the friendlier prompt on 10 % of sessions' });

const cassettes = join(work, 'cassettes');
const tape = recorder({ dir: cassettes });
const warden = createWarden({
  agent: 'refund-agent',
  version: registry.route({ canaryPercent: 10 }),
  middleware: [refundCap(), tape],
  plugins: [registry],
});
// With driftMonitor() in the middleware, a drift alarm on B would end the canary the same way.
registry.watch(warden, { autoRollback: true, stage: 'canary' });
const audit: string[] = [];
warden.on('decision', (d) => {
  if (d.tool === 'versions') audit.push(`${d.at}  ${d.rule} by ${d.by}: ${d.reason}`);
});

console.log('1. Serving 200 sessions: A in prod, B on a 10 % canary (sticky by session id)');
const served = { A: 0, B: 0 };
for (let i = 0; i < 200; i++) {
  await warden.run({ sessionId: `customer-${i}`, metadata: { input: { orderId: `O${i % 50}` } } }, async (run) => {
    served[run.version.label as 'A' | 'B'] += 1;
    await agent(warden, run.version, `O${i % 50}`);
  });
}
await tape.flush();
console.log(`   A: ${served.A} sessions, B: ${served.B} sessions; ${readdirSync(cassettes).length} cassettes recorded\n`);

console.log('2. Eval: replay 20 recorded prod sessions under A (baseline) and B (candidate)');
const prodId = registry.current('prod')!.id;
const recorded = readdirSync(cassettes).map((file) => readCassette(join(cassettes, file))).filter((cassette) => cassette.version.id === prodId).slice(0, 20);
const result = await compareVersions({
  cases: recorded.map((cassette) => caseFromCassette(cassette)),
  baseline: registry.current('prod')!,
  candidate: registry.current('canary')!,
  warden: () => ({ agent: 'refund-agent', middleware: [refundCap()] }),
  agent: ({ warden: evalWarden, version, input }) => agent(evalWarden, version, (input as { orderId: string }).orderId, offlineTools),
  scorers: [regex(/^refunded/, { name: 'refunded' })],
  thresholds: { success: 0, refunded: 0, tokens: { maxRegression: 0.2, relative: true } },
  pricing: { 'scripted-4o': { input: 2.5, output: 10 } },
});
console.log(formatComparison(result, { cases: false }).replace(/^(?=.)/gm, '   '));

console.log('3. Gate');
if (!result.passed) {
  registry.rollback('canary', { by: 'ci', reason: `eval failed: ${result.failures[0]}` });
  console.log('   B failed the eval: canary rolled back.');
} else {
  registry.promote('B', 'prod', { by: 'ci', reason: 'eval passed' });
}
const route = registry.route({ canaryPercent: 10 });
const after = Array.from({ length: 1000 }, (_, i) => route.resolveVersion({ sessionId: `new-${i}` }).label);
console.log(`   1000 new sessions now go to: ${[...new Set(after)].join(', ')}\n`);

console.log('4. Registry history (also in the audit trail as decisions)');
for (const change of registry.history()) console.log(`   ${change.action.padEnd(8)} ${String(change.label ?? '-').padEnd(2)} ${(change.stage ?? '').padEnd(7)} by ${change.by.padEnd(5)} ${change.reason}`);
console.log('\n5. What the warden (and so its audit sink) saw of the registry');
for (const line of audit) console.log(`   ${line}`);
await warden.close();

if (process.argv.includes('--keep')) console.log(`\n   Registry and cassettes kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
