/**
 * The Redis stores on a real Redis Cluster (three primaries, three replicas, started by the
 * test), with a plain prefix: every script touches one slot, so reservations, approvals and
 * loop counters work as on one Redis; 1,000 concurrent reservations from 4 processes overspend
 * by exactly 0; an approval resolved in one process runs once across racing processes; and a
 * primary killed mid-run either lets calls continue once its replica is promoted or fails them
 * with `StoreUnavailableError` — never a hang, never a double charge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approval, BudgetExceededError, createWarden, isWardenError, StoreUnavailableError, tokenBudget, type ApprovalTicket } from '../../../src/index.js';
import { redisApprovalStore, redisBudgetStore, redisLoopStore } from '../../../src/stores/redis/index.js';
import { runTsx } from '../../fixtures/spawn-tsx.js';
import { clusterAvailable, connectRedis, startRedisCluster, type OwnedCluster } from '../../support/redis-cluster.js';

const available = clusterAvailable();
let cluster: OwnedCluster;
const clients: Array<ReturnType<typeof connectRedis>> = [];
const client = () => {
  const made = connectRedis(cluster.address);
  made.on('error', () => {});
  clients.push(made);
  return made;
};
let prefixes = 0;
const prefix = () => `fleet${process.pid}-${(prefixes += 1)}:`;

beforeAll(async () => {
  if (available) cluster = await startRedisCluster();
}, 60_000);
afterAll(async () => {
  for (const made of clients) made.disconnect();
  await cluster?.stop();
});

const parseLines = <T>(stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);

describe.runIf(available)('Redis stores on a Redis Cluster', () => {
  it('reserves, settles, opens tickets and counts loops with a plain prefix (no cross-slot errors)', async () => {
    const redis = client();
    const fleet = prefix();
    const budget = redisBudgetStore(redis, { prefix: fleet });
    const lines = [{ scope: 'run:r1' }, { scope: 'agent:claims', maxTokens: 1_000 }, { scope: 'department:finance', maxTokens: 5_000, period: 'day' as const }];
    expect(await budget.reserve({ id: 'res-1', lines, tokens: 600, costMicros: 0, ttlMs: 60_000 })).toEqual({ ok: true });
    expect(await budget.reserve({ id: 'res-2', lines, tokens: 600, costMicros: 0, ttlMs: 60_000 })).toMatchObject({ ok: false, refusal: { scope: 'agent:claims', unit: 'tokens' } });
    await budget.settle({ reservationId: 'res-1', lines, tokens: 550, costMicros: 0 });
    expect((await budget.snapshot(lines)).entries.map((entry) => [entry.scope, entry.tokens, entry.heldTokens])).toEqual([
      ['run:r1', 550, 0],
      ['agent:claims', 550, 0],
      ['department:finance', 550, 0],
    ]);

    const warden = createWarden({ agent: 'refunds', middleware: [approval({ when: () => true, store: redisApprovalStore(redis, { prefix: fleet }) })] });
    const refund = warden.tool('issue_refund', async () => 'refunded');
    const paused = await refund({}, { callId: 'call-1' }).catch((error: unknown) => error as { ticket?: ApprovalTicket });
    const ticket = (paused as { ticket: ApprovalTicket }).ticket;
    expect(await warden.approvals.list({ status: 'pending' })).toHaveLength(1);
    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    await expect(refund({}, { callId: 'call-1' })).resolves.toBe('refunded');
    await warden.close();

    const loops = redisLoopStore(redis, { prefix: fleet });
    const enter = () => loops.enter({ runId: 'r1', tool: 'lookup', argsKey: 'k', maxCalls: 10, maxRepeats: 2, cooldownMs: 1_000, now: Date.now() } as never);
    expect(await enter()).toMatchObject({ ok: true });
    expect(await enter()).toMatchObject({ ok: true });
    expect(await enter()).toMatchObject({ ok: false });
  });

  it('holds 1,000 concurrent reservations from 4 processes to the limit: overspend exactly 0', { timeout: 120_000 }, async () => {
    const fleet = prefix();
    const limit = 50_000; // room for exactly 500 reservations of 100 tokens
    const children = await Promise.all(Array.from({ length: 4 }, () => runTsx('test/fixtures/redis-budget-worker.ts', [cluster.address, fleet, '250', String(limit)])));
    for (const child of children) expect(child.code, child.stderr).toBe(0);
    const reports = children.flatMap((child) => parseLines<{ granted: number; refused: number; settledTokens: number; errors: string[] }>(child.stdout));
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    const granted = reports.reduce((sum, report) => sum + report.granted, 0);
    expect(granted + reports.reduce((sum, report) => sum + report.refused, 0)).toBe(1_000);
    expect(granted).toBe(500);
    const [department] = (await redisBudgetStore(client(), { prefix: fleet }).snapshot([{ scope: 'department:finance', period: 'day' }])).entries;
    expect(department).toMatchObject({ tokens: limit, settlements: 500, heldTokens: 0 });
  });

  it('runs an approved call exactly once while 5 processes race 10 resumes each', { timeout: 120_000 }, async () => {
    const fleet = prefix();
    const args = (concurrency: number) => [cluster.address, fleet, 'call-R1', '900', String(concurrency)];
    const [paused] = parseLines<{ error?: string; ticket?: ApprovalTicket }>((await runTsx('test/fixtures/redis-refund-agent.ts', args(1))).stdout);
    expect(paused).toMatchObject({ error: 'approval_pending', ticket: { status: 'pending' } });
    const operator = createWarden({ agent: 'operator', middleware: [approval({ store: redisApprovalStore(client(), { prefix: fleet }) })] });
    await operator.approvals.resolve(paused!.ticket!.id, { approved: true, by: 'alice' });
    const children = await Promise.all(Array.from({ length: 5 }, () => runTsx('test/fixtures/redis-refund-agent.ts', args(10))));
    for (const child of children) expect(child.code, child.stderr).toBe(0);
    const outcomes = children.flatMap((child) => parseLines<{ result?: unknown; error?: string }>(child.stdout));
    expect(outcomes).toHaveLength(50);
    expect(await client().llen(`${fleet}ledger`)).toBe(1);
    for (const outcome of outcomes) if (!outcome.result) expect(outcome.error).toBe('approval_in_progress');
    await operator.close();
  });

  it('keeps going or fails fast when a primary dies mid-run, and never charges twice', { timeout: 120_000 }, async () => {
    const fleet = prefix();
    const redis = client();
    const store = redisBudgetStore(redis, { prefix: fleet, timeoutMs: 1_500 });
    const warden = createWarden({ agent: 'claims', middleware: [tokenBudget({ limits: { department: { finance: 1_000_000 } }, store })] });
    const usage = { model: 'gpt-4o', inputTokens: 60, outputTokens: 40 };
    let settledTokens = 0;
    const outcomes = { ok: 0, unavailable: 0, other: [] as string[] };
    const step = async () => {
      const started = Date.now();
      try {
        const held = await warden.reserve(usage);
        const settled = await warden.recordUsage(usage, held);
        settledTokens += settled.inputTokens + settled.outputTokens;
        outcomes.ok += 1;
      } catch (error) {
        if (error instanceof StoreUnavailableError || (isWardenError(error) && error.code === 'store_unavailable')) outcomes.unavailable += 1;
        else if (!(error instanceof BudgetExceededError)) outcomes.other.push(String(error));
      }
      return Date.now() - started;
    };
    const longest: number[] = [];
    await warden.run({ department: 'finance' }, async () => {
      for (let i = 0; i < 20; i++) longest.push(await step());
      // The budget keys of this prefix share one slot: kill the primary that serves it.
      const killed = await cluster.killPrimaryOf(`${fleet}{${fleet}budget}:x`);
      expect(cluster.ports).toContain(killed);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && outcomes.ok < 60) longest.push(await step());
    });
    expect(outcomes.other).toEqual([]);
    // Each failing call gave up within its bound (two store operations of 1.5 s, plus slack).
    expect(Math.max(...longest)).toBeLessThan(8_000);
    // After the replica took over, calls went through again.
    expect(outcomes.ok).toBeGreaterThanOrEqual(60);
    await cluster.waitHealthy();
    const [department] = (await redisBudgetStore(client(), { prefix: fleet }).snapshot([{ scope: 'department:finance', period: 'day' }])).entries;
    // Nothing was charged twice: the store holds at most what callers saw settled (a settle
    // whose reply was lost in the failover may be charged once without the caller knowing).
    expect(department!.tokens).toBeGreaterThanOrEqual(settledTokens);
    expect(department!.tokens - settledTokens).toBeLessThanOrEqual(100 * outcomes.unavailable);
    expect(department!.tokens % 100).toBe(0);
    await warden.close();
  });
});
