/**
 * `redisLoopStore`: `loopBreaker`'s run counters and tool circuits in Redis, so a run whose
 * calls are spread over several processes (same `runId`) is counted as one, and a tool that
 * keeps failing opens one circuit for the whole fleet. Each operation is one Lua script
 * (see `loop-scripts.ts`).
 */
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import type { LoopEnterOutcome, LoopStore } from '../../loop/loop-store.js';
import type { WardenHost } from '../../core/types.js';
import { defineScripts } from './define-scripts.js';
import { abandonTrialScript, enterScript, failScript, succeedScript } from './loop-scripts.js';
import { parseRedisStoreOptions, type RedisStoreOptions, storeKeyBase } from './redis-options.js';
import { createStoreGuard } from './store-guard.js';

/** Options of `redisLoopStore`. */
export interface RedisLoopStoreOptions extends RedisStoreOptions {
  /** A run's counters expire this long after its last call. Defaults to 24 hours. */
  runTtlMs?: number;
}

/** A `LoopStore` on Redis that a warden can also attach (to count swallowed errors). */
export interface RedisLoopStore extends LoopStore {
  readonly storeName: string;
  /** Errors swallowed under `failMode: 'open'`. */
  readonly swallowedErrors: number;
  /** Counts this store's swallowed errors in the warden's `warden.stats()` (`redis.loop.errors`). */
  attach(host: WardenHost): () => void;
}

/**
 * Creates a loop-counter store on Redis for `loopBreaker({ store })`.
 * With `failMode: 'closed'` (default) a Redis that is down or slower than `timeoutMs` stops
 * guarded calls with `StoreUnavailableError`; with `'open'` they go on unchecked and the
 * error is counted.
 * @param client An ioredis client.
 * @param options `prefix` (default `'agentwarden:'`), `timeoutMs` (default `2000`), `failMode` (default `'closed'`), `runTtlMs` (default 24 h).
 * @returns A `LoopStore`.
 * @example
 * const redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 });
 * const warden = createWarden({ agent: 'crawler', middleware: [loopBreaker({ maxCalls: 200, store: redisLoopStore(redis) })] });
 * await warden.run({ runId: job.runId }, () => crawl(job)); // the same runId in every worker
 */
export function redisLoopStore(client: Redis | Cluster, options: RedisLoopStoreOptions = {}): RedisLoopStore {
  const { prefix, timeoutMs, failMode, runTtlMs } = parseRedisStoreOptions('redisLoopStore', client, options, {
    runTtlMs: z.number({ message: 'must be a positive integer' }).int({ message: 'must be a positive integer' }).positive({ message: 'must be a positive integer' }).optional(),
  });
  const storeName = `redisLoopStore(${prefix})`;
  const guard = createStoreGuard({ storeName, counter: 'redis.loop.errors', timeoutMs, failMode });
  const base = storeKeyBase(client, prefix, 'loop');
  const scripts = defineScripts(client, 'Loop', { enter: enterScript, succeed: succeedScript, fail: failScript, abandonTrial: abandonTrialScript });
  const ttl = runTtlMs ?? 86_400_000;

  return {
    storeName,
    enter(request) {
      const args = [request.runId, request.tool, request.argsKey, request.maxCalls, request.maxRepeats, request.cooldownMs, Math.floor(request.now), ttl];
      return guard.run('enter', async () => toEnterOutcome((await scripts.enter(base, ...args)) as Array<string | number>), (): LoopEnterOutcome => ({ ok: true, trial: false, circuit: false }));
    },
    async succeed(tool) {
      await guard.run('succeed', () => scripts.succeed(base, tool), () => undefined);
    },
    async fail(tool, failure) {
      await guard.run('fail', () => scripts.fail(base, tool, Math.floor(failure.now), failure.trial ? 1 : 0, failure.failureThreshold), () => undefined);
    },
    async abandonTrial(tool) {
      await guard.run('abandonTrial', () => scripts.abandonTrial(base, tool), () => undefined);
    },
    get swallowedErrors() {
      return guard.swallowedErrors;
    },
    attach: guard.attach,
  };
}

function toEnterOutcome(reply: Array<string | number>): LoopEnterOutcome {
  if (reply[0] === 1) return { ok: true, trial: reply[1] === 1, circuit: reply[2] === 1 };
  if (reply[1] === 'circuit_open') return { ok: false, rule: 'circuit_open', failures: Number(reply[2]), retryInMs: Number(reply[3]) };
  return { ok: false, rule: reply[1] === 'max_calls' ? 'max_calls' : 'max_repeats' };
}
