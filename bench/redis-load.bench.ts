/**
 * Load held on Redis and on a Redis Cluster: 1,000 concurrent runs × 10 guarded calls (each
 * call preceded by a model-call reservation and settlement), with the budget, loop-breaker and
 * approval stores all on Redis and an audit file. Reports calls per second, p50/p99 added
 * latency per call against the same load on in-memory stores, Redis round trips and commands
 * per call, and checks that nothing was lost: audit `call` lines = calls made, the department's spend = the
 * sum of settled usage. Starts its own redis-server and six-node cluster; without them it
 * returns a row saying so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster, Redis } from 'ioredis';
import { approval, auditLog, createWarden, loopBreaker, memoryApprovalStore, memoryBudgetStore, tokenBudget } from '../src/index.js';
import { redisApprovalStore, redisBudgetStore, redisLoopStore } from '../src/stores/redis/index.js';
import { redisServerBinary, startRedisServer } from '../test/support/redis.js';
import { connectRedis, startRedisCluster } from '../test/support/redis-cluster.js';
import type { BenchRow, Harness } from './harness.js';

const GROUP = 'redis-load';
const RUNS = 1_000;
const CALLS = 10;
const usage = { model: 'gpt-4o', inputTokens: 60, outputTokens: 40 };

interface LoadResult {
  callsPerSecond: number;
  latencies: number[];
  settledTokens: number;
  auditCalls: number;
  spentTokens: number;
}

async function load(stores: 'memory' | { client: Redis | Cluster; prefix: string }): Promise<LoadResult> {
  const folder = mkdtempSync(join(tmpdir(), 'aw-load-'));
  const file = join(folder, 'audit.jsonl');
  const budgetStore = stores === 'memory' ? memoryBudgetStore() : redisBudgetStore(stores.client, { prefix: stores.prefix, timeoutMs: 10_000 });
  const warden = createWarden({
    agent: 'load',
    audit: auditLog({ file }),
    middleware: [
      loopBreaker({ maxCalls: 1_000, ...(stores !== 'memory' && { store: redisLoopStore(stores.client, { prefix: stores.prefix, timeoutMs: 10_000 }) }) }),
      tokenBudget({ limits: { department: { finance: Number.MAX_SAFE_INTEGER } }, store: budgetStore }),
      // Gates refunds over 10,000 (none in this load): the store is wired, and consulted only when a call is gated.
      approval({ when: (call) => (call.args as { amount: number }).amount > 10_000, store: stores === 'memory' ? memoryApprovalStore() : redisApprovalStore(stores.client, { prefix: stores.prefix, timeoutMs: 10_000 }) }),
    ],
  });
  const refund = warden.tool('issue_refund', async (args: { orderId: string; amount: number }) => ({ refunded: args.amount }));
  const latencies: number[] = [];
  let settledTokens = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RUNS }, (_, run) =>
      warden.run({ department: 'finance', runId: `load-${run}-${Date.now()}` }, async () => {
        for (let call = 0; call < CALLS; call++) {
          const settled = await warden.recordUsage(usage, await warden.reserve(usage));
          settledTokens += settled.inputTokens + settled.outputTokens;
          const begin = performance.now();
          await refund({ orderId: `o-${run}-${call}`, amount: call });
          latencies.push(performance.now() - begin);
        }
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1_000;
  await warden.close();
  const auditCalls = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"type":"call"')).length;
  rmSync(folder, { recursive: true, force: true });
  const [department] = (await budgetStore.snapshot([{ scope: 'department:finance', period: 'day' }])).entries;
  return { callsPerSecond: (RUNS * CALLS) / seconds, latencies: latencies.sort((a, b) => a - b), settledTokens, auditCalls, spentTokens: department?.tokens ?? 0 };
}

/** Counts the commands `client` sends (each one a round trip, pipelining aside). */
function countRoundTrips(client: Redis | Cluster): () => number {
  let sent = 0;
  const original = client.sendCommand.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { sendCommand: (...args: unknown[]) => unknown }).sendCommand = (...args: unknown[]) => {
    sent += 1;
    return original(...args);
  };
  return () => sent;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** Commands Redis processed so far, summed over `ports`. */
function commandsProcessed(ports: number[]): number {
  return ports.reduce((sum, port) => {
    const info = spawnSync('redis-cli', ['-p', String(port), 'info', 'stats'], { encoding: 'utf8' }).stdout;
    return sum + Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
  }, 0);
}

function rows(name: string, result: LoadResult, baseline: LoadResult, commands: number, roundTrips: number): BenchRow[] {
  const calls = RUNS * CALLS;
  const lost = calls - result.auditCalls;
  const unaccounted = result.spentTokens - result.settledTokens;
  return [
    { group: GROUP, name: `${name}: calls per second (1,000 runs x 10 calls)`, value: result.callsPerSecond, unit: 'calls/s', note: `in-memory stores: ${baseline.callsPerSecond.toFixed(0)} calls/s` },
    { group: GROUP, name: `${name}: added latency per call, p50`, value: percentile(result.latencies, 50) - percentile(baseline.latencies, 50), unit: 'ms' },
    { group: GROUP, name: `${name}: added latency per call, p99`, value: percentile(result.latencies, 99) - percentile(baseline.latencies, 99), unit: 'ms' },
    { group: GROUP, name: `${name}: Redis round trips per call`, value: roundTrips / calls, unit: 'round trips', note: 'the guarded call plus its model call\u2019s reserve and settle' },
    { group: GROUP, name: `${name}: Redis commands executed per call`, value: commands / calls, unit: 'commands', note: 'INFO total_commands_processed, including those run inside the Lua scripts' },
    { group: GROUP, name: `${name}: audit call lines missing`, value: lost, unit: 'lines', note: lost === 0 ? 'none lost' : 'LOST LINES' },
    { group: GROUP, name: `${name}: spend minus settled usage`, value: unaccounted, unit: 'tokens', note: unaccounted === 0 ? 'exact' : 'MISMATCH' },
  ];
}

export default async function redisLoad(_h: Harness): Promise<BenchRow[]> {
  if (!redisServerBinary()) return [{ group: GROUP, name: 'skipped', note: 'no redis-server: install redis-server' }];
  const baseline = await load('memory');
  const out: BenchRow[] = [];

  const server = await startRedisServer();
  const single = connectRedis(server.url);
  try {
    const sent = countRoundTrips(single);
    const before = commandsProcessed([server.port]);
    const result = await load({ client: single, prefix: `load:${process.pid}:` });
    out.push(...rows('one Redis', result, baseline, commandsProcessed([server.port]) - before, sent()));
  } finally {
    single.disconnect();
    await server.kill();
  }

  const cluster = await startRedisCluster();
  const client = connectRedis(cluster.address);
  try {
    const sent = countRoundTrips(client);
    const before = commandsProcessed([...cluster.ports]);
    const result = await load({ client, prefix: `load:${process.pid}:` });
    out.push(...rows('Redis Cluster (3 primaries)', result, baseline, commandsProcessed([...cluster.ports]) - before, sent()));
  } finally {
    client.disconnect();
    await cluster.stop();
  }
  return out;
}
