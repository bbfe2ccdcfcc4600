/**
 * `redisBudgetStore`: one budget shared by every process that points at the same Redis.
 * Reserve, settle, release and snapshot are each one Lua script (see `budget-scripts.ts`),
 * so 1,000 reservations from many processes against one ceiling never overspend; cost is
 * kept in integer micro-dollars; period windows are keys that Redis expires on its own.
 */
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import type { BudgetLine, BudgetSnapshot, BudgetStore, BudgetTotals, ReserveOutcome, SettleOutcome } from '../budget-store.js';
import type { Clock, WardenHost } from '../../core/types.js';
import { adjustScript, reserveScript, releaseScript, settleScript, snapshotScript } from './budget-scripts.js';
import { defineScripts, type ScriptCaller } from './define-scripts.js';
import { parseRedisStoreOptions, type RedisStoreOptions, storeKeyBase } from './redis-options.js';
import { createStoreGuard } from './store-guard.js';

/** Options of `redisBudgetStore`. */
export interface RedisBudgetStoreOptions extends RedisStoreOptions {
  /**
   * The store clock, which decides period windows and reservation expiry. Defaults to
   * Redis's own `TIME`, so every process agrees on when a window turns over.
   */
  clock?: Pick<Clock, 'now'>;
}

/** A `BudgetStore` on Redis that a warden can also attach (to count swallowed errors). */
export interface RedisBudgetStore extends BudgetStore {
  /** `redisBudgetStore(<prefix>)`, as shown in errors. */
  readonly storeName: string;
  /** Errors swallowed under `failMode: 'open'`. */
  readonly swallowedErrors: number;
  /** Counts this store's swallowed errors in the warden's `warden.stats()` (`redis.budget.errors`). */
  attach(host: WardenHost): () => void;
}

const ZERO: BudgetTotals = Object.freeze({ tokens: 0, costMicros: 0, settlements: 0, heldTokens: 0, heldCostMicros: 0 });

/**
 * Creates a budget store on Redis. Pass it to `tokenBudget({ store })` in every process of
 * a fleet. With `failMode: 'closed'` (default) a Redis that is down or slower than
 * `timeoutMs` makes budget checks fail with `StoreUnavailableError`; with `'open'` calls go
 * on unmetered and the error is counted.
 * @param client An ioredis client (the store defines its scripts on it).
 * @param options `prefix` (default `'agentwarden:'`), `timeoutMs` (default `2000`), `failMode` (default `'closed'`), `clock` (default: Redis `TIME`).
 * @returns A `BudgetStore`.
 * @example
 * const redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
 * const warden = createWarden({
 *   agent: 'claims-agent',
 *   middleware: [tokenBudget({ costLimits: { department: { finance: 50 } }, store: redisBudgetStore(redis, { prefix: 'claims:' }) })],
 * });
 */
export function redisBudgetStore(client: Redis | Cluster, options: RedisBudgetStoreOptions = {}): RedisBudgetStore {
  const { prefix, timeoutMs, failMode, clock } = parseRedisStoreOptions('redisBudgetStore', client, options, {
    clock: z.custom<Pick<Clock, 'now'>>((value) => typeof (value as Clock | undefined)?.now === 'function', { message: 'must have a now() method' }).optional(),
  });
  const storeName = `redisBudgetStore(${prefix})`;
  const guard = createStoreGuard({ storeName, counter: 'redis.budget.errors', timeoutMs, failMode });
  const base = storeKeyBase(client, prefix, 'budget');
  const now = () => (clock ? String(clock.now()) : '');
  const scripts = defineScripts(client, 'Budget', { reserve: reserveScript, settle: settleScript, release: releaseScript, snapshot: snapshotScript, adjust: adjustScript });

  return {
    storeName,
    async reserve(request) {
      assertAmounts('reserve', request.tokens, request.costMicros);
      const args = [now(), request.id, request.tokens, request.costMicros, Math.max(0, Math.ceil(request.ttlMs)), ...lineArgs(request.lines)];
      return guard.run('reserve', async () => toReserveOutcome(await call(scripts.reserve, base, args)), (): ReserveOutcome => ({ ok: true }));
    },
    async settle(request) {
      assertAmounts('settle', request.tokens, request.costMicros);
      const args = [now(), request.reservationId ?? '', request.tokens, request.costMicros, ...lineArgs(request.lines)];
      return guard.run('settle', async () => toSettleOutcome((await call(scripts.settle, base, args)) as Array<string | number>), (): SettleOutcome => ({
        lines: request.lines.map((line) => ({ scope: line.scope, before: ZERO, after: ZERO })),
      }));
    },
    async release(id) {
      return guard.run('release', async () => (await call(scripts.release, base, [now(), id])) === 1, () => false);
    },
    async snapshot(lines) {
      const args = [now(), ...(lines ?? []).flatMap((line) => [line.scope, periodArg(line), limitKeysArg(line)])];
      return guard.run('snapshot', async () => toSnapshot((await call(scripts.snapshot, base, args)) as Array<string | number>, lines !== undefined), (): BudgetSnapshot => ({
        at: clock?.now() ?? Date.now(),
        entries: (lines ?? []).map((line) => ({ scope: line.scope, ...ZERO })),
      }));
    },
    async adjustLimit(name, unit, delta) {
      if (!Number.isSafeInteger(delta)) throw new RangeError(`adjustLimit: \`delta\` must be an integer, got ${delta}`);
      // Never "fails open": a limit change that did not reach Redis must say so.
      return guard.strict('adjustLimit', async () => Number(await call(scripts.adjust, base, [unit, name, delta])));
    },
    get swallowedErrors() {
      return guard.swallowedErrors;
    },
    attach: guard.attach,
  };
}

/** Runs a script; a duplicate live reservation id is a caller bug, reported as a `RangeError`. */
async function call(script: ScriptCaller, base: string, args: Array<string | number>): Promise<unknown> {
  try {
    return await script(base, ...args);
  } catch (error) {
    const message = (error as Error)?.message ?? '';
    if (message.includes('AW_DUPLICATE')) throw new RangeError(`reserve: ${message.slice(message.indexOf('AW_DUPLICATE') + 13)}`);
    throw error;
  }
}

function periodArg(line: BudgetLine): string {
  const { period } = line;
  if (period === undefined) return '';
  if (typeof period === 'string') return period;
  if (!Number.isSafeInteger(period.ms) || period.ms <= 0) throw new RangeError(`\`period.ms\` of ${line.scope} must be a positive integer, got ${period.ms}`);
  return String(period.ms);
}

function lineArgs(lines: readonly BudgetLine[]): string[] {
  return lines.flatMap((line) => [
    line.scope,
    periodArg(line),
    line.maxTokens === undefined ? '' : String(line.maxTokens),
    line.maxCostMicros === undefined ? '' : String(line.maxCostMicros),
    line.retainMs === undefined || !Number.isSafeInteger(line.retainMs) || line.retainMs <= 0 ? '' : String(line.retainMs),
    limitKeysArg(line),
  ]);
}

function limitKeysArg(line: BudgetLine): string {
  return line.limitKeys === undefined || line.limitKeys.length === 0 ? '' : JSON.stringify(line.limitKeys);
}

function toReserveOutcome(reply: unknown): ReserveOutcome {
  const values = reply as Array<string | number>;
  if (values[0] === 1) return { ok: true };
  const [, scope, window, unit, limit, spent, held, requested] = values as [number, string, string, 'tokens' | 'costMicros', number, number, number, number];
  return { ok: false, refusal: { scope, unit, limit, spent, held, requested, ...(window !== '' && { window }) } };
}

function totalsAt(values: Array<string | number>, index: number): BudgetTotals {
  return { tokens: Number(values[index]), costMicros: Number(values[index + 1]), settlements: Number(values[index + 2]), heldTokens: Number(values[index + 3]), heldCostMicros: Number(values[index + 4]) };
}

function toSettleOutcome(values: Array<string | number>): SettleOutcome {
  const lines = [];
  for (let index = 0; index < values.length; index += 12) {
    const window = String(values[index + 1]);
    lines.push({ scope: String(values[index]), ...(window !== '' && { window }), before: totalsAt(values, index + 2), after: totalsAt(values, index + 7) });
  }
  return { lines };
}

function toSnapshot(values: Array<string | number>, withAdjustments: boolean): BudgetSnapshot {
  const entries = [];
  for (let index = 1; index < values.length; index += withAdjustments ? 9 : 7) {
    const window = String(values[index + 1]);
    const adjustTokens = withAdjustments ? Number(values[index + 7]) : 0;
    const adjustCostMicros = withAdjustments ? Number(values[index + 8]) : 0;
    entries.push({
      scope: String(values[index]),
      ...(window !== '' && { window }),
      ...totalsAt(values, index + 2),
      ...(adjustTokens !== 0 && { adjustTokens }),
      ...(adjustCostMicros !== 0 && { adjustCostMicros }),
    });
  }
  return { at: Number(values[0]), entries };
}

function assertAmounts(operation: string, tokens: number, costMicros: number): void {
  if (!Number.isSafeInteger(tokens) || tokens < 0) throw new RangeError(`${operation}: \`tokens\` must be a non-negative integer, got ${tokens}`);
  if (!Number.isSafeInteger(costMicros) || costMicros < 0) throw new RangeError(`${operation}: \`costMicros\` must be a non-negative integer, got ${costMicros}`);
}
