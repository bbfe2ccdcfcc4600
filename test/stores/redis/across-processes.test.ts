/**
 * Real child processes sharing one Redis: 1,000 concurrent reservations from 4 processes
 * against one department budget overspend by exactly 0; an approval resolved in one process
 * resumes the call in others exactly once, under racing resumes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approval, BudgetExceededError, createWarden, tokenBudget, type ApprovalTicket } from '../../../src/index.js';
import { redisApprovalStore } from '../../../src/stores/redis/redis-approval-store.js';
import { redisBudgetStore } from '../../../src/stores/redis/redis-budget-store.js';
import { runTsx } from '../../fixtures/spawn-tsx.js';
import { redisAvailable, useRedis, type TestRedis } from '../../support/redis.js';

const available = redisAvailable();
let redis: TestRedis;
beforeAll(async () => {
  if (available) redis = await useRedis();
});
afterAll(async () => redis?.stop());

const parseLines = <T>(stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);

describe.runIf(available)('Redis stores across processes', () => {
  it('holds 1,000 concurrent reservations from 4 processes to the limit: overspend exactly 0, totals equal settled usage', { timeout: 120_000 }, async () => {
    const prefix = redis.prefix();
    const limit = 50_000; // room for exactly 500 reservations of 100 tokens
    const children = await Promise.all(Array.from({ length: 4 }, () => runTsx('test/fixtures/redis-budget-worker.ts', [redis.url, prefix, '250', String(limit)])));
    for (const child of children) expect(child.code, child.stderr).toBe(0);
    const reports = children.flatMap((child) => parseLines<{ granted: number; refused: number; settledTokens: number; errors: string[] }>(child.stdout));
    expect(reports).toHaveLength(4);
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    const granted = reports.reduce((sum, report) => sum + report.granted, 0);
    const refused = reports.reduce((sum, report) => sum + report.refused, 0);
    const settled = reports.reduce((sum, report) => sum + report.settledTokens, 0);
    expect(granted + refused).toBe(1_000);
    expect(granted).toBe(500);

    const store = redisBudgetStore(redis.client(), { prefix });
    const [department] = (await store.snapshot([{ scope: 'department:finance', period: 'day' }])).entries;
    expect(department).toMatchObject({ tokens: settled, settlements: granted, heldTokens: 0 });
    expect(Math.max(0, department!.tokens - limit)).toBe(0);
    expect(department!.tokens).toBe(limit);
  });

  it('binds every process to a limit raised or lowered in another process, from its next reservation', { timeout: 60_000 }, async () => {
    const prefix = redis.prefix();
    const store = redisBudgetStore(redis.client(), { prefix });
    const warden = createWarden({ agent: 'claims-agent', middleware: [tokenBudget({ limits: { department: { finance: 1_000 } }, store })] });
    // Each run spends what it reserves (a run's unsettled holds are given back when it ends).
    const reserve = (tokens: number) =>
      warden.run({ department: 'finance' }, async () => {
        const usage = { model: 'gpt-4o', inputTokens: tokens, outputTokens: 0 };
        return warden.recordUsage(usage, await warden.reserve(usage));
      });
    await reserve(1_000);
    await expect(reserve(500)).rejects.toBeInstanceOf(BudgetExceededError);
    const raised = await runTsx('test/fixtures/redis-raise-limit.ts', [redis.url, prefix, 'department:finance', '500', '1000']);
    expect(raised.code, raised.stderr).toBe(0);
    expect(JSON.parse(raised.stdout.trim())).toEqual({ tokens: 1_500 });
    await expect(reserve(500)).resolves.toMatchObject({ inputTokens: 500 });
    const lowered = await runTsx('test/fixtures/redis-raise-limit.ts', [redis.url, prefix, 'department:finance', '100', '1000', 'lower']);
    expect(JSON.parse(lowered.stdout.trim())).toEqual({ tokens: 1_400 });
    await expect(reserve(1)).rejects.toBeInstanceOf(BudgetExceededError);
    await warden.close();
  });

  it('resumes a call approved in another process exactly once while 5 processes race 10 resumes each', { timeout: 120_000 }, async () => {
    const prefix = redis.prefix();
    const args = (concurrency: number) => [redis.url, prefix, 'call-R1', '900', String(concurrency)];
    const [paused] = parseLines<{ error?: string; ticket?: ApprovalTicket }>((await runTsx('test/fixtures/redis-refund-agent.ts', args(1))).stdout);
    expect(paused).toMatchObject({ error: 'approval_pending', ticket: { status: 'pending', callId: 'call-R1' } });

    const operator = createWarden({ agent: 'operator', middleware: [approval({ store: redisApprovalStore(redis.client(), { prefix }) })] });
    await operator.approvals.resolve(paused!.ticket!.id, { approved: true, by: 'alice' });

    const children = await Promise.all(Array.from({ length: 5 }, () => runTsx('test/fixtures/redis-refund-agent.ts', args(10))));
    for (const child of children) expect(child.code, child.stderr).toBe(0);
    const outcomes = children.flatMap((child) => parseLines<{ result?: { refunded: number; by: number }; error?: string }>(child.stdout));
    expect(outcomes).toHaveLength(50);
    const ran = await redis.client().lrange(`${prefix}ledger`, 0, -1);
    expect(ran).toHaveLength(1);
    const runner = JSON.parse(ran[0]!) as { pid: number };
    for (const outcome of outcomes) {
      if (outcome.result) expect(outcome.result).toEqual({ refunded: 900, by: runner.pid });
      else expect(outcome.error).toBe('approval_in_progress');
    }

    const again = parseLines<{ result?: unknown }>((await runTsx('test/fixtures/redis-refund-agent.ts', args(3))).stdout);
    expect(again).toEqual(Array.from({ length: 3 }, () => ({ result: { refunded: 900, by: runner.pid } })));
    expect(await redis.client().llen(`${prefix}ledger`)).toBe(1);
    expect(await operator.approvals.get(paused!.ticket!.id)).toMatchObject({ status: 'done', verdict: { by: 'alice' }, execution: { result: { refunded: 900, by: runner.pid } } });
  });
});
