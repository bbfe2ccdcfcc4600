/**
 * Options every Redis store shares (`prefix`, `timeoutMs`, `failMode`), checked once at
 * construction with messages naming the field, and the check that `client` is an ioredis
 * client (we need `defineCommand`, which gives `EVALSHA` with an `EVAL` fallback).
 */
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { OptionsError } from '../../core/errors.js';
import { describeValue, parseOptions } from '../../internal/options.js';
import type { StoreFailMode } from './store-guard.js';

/** Options shared by `redisBudgetStore`, `redisApprovalStore` and `redisLoopStore`. */
export interface RedisStoreOptions {
  /** Prepended to every key, so several fleets can share one Redis. Defaults to `'agentwarden:'`. */
  prefix?: string;
  /** How long one store operation may take before it fails with `StoreUnavailableError`. Defaults to `2000`. */
  timeoutMs?: number;
  /** Redis down or slow: refuse the call (`'closed'`) or let it through unguarded and count the error (`'open'`). Defaults to `'closed'`. */
  failMode?: StoreFailMode;
}

/** The checked shared options with defaults filled in. */
export interface ParsedRedisStoreOptions {
  readonly prefix: string;
  readonly timeoutMs: number;
  readonly failMode: StoreFailMode;
}

/** The zod shape of the shared options; stores extend it with their own fields. */
export const redisStoreShape = {
  prefix: z.string({ message: 'must be a string' }).optional(),
  timeoutMs: z.number({ message: 'must be a positive number' }).positive({ message: 'must be a positive number' }).finite({ message: 'must be a positive number' }).optional(),
  failMode: z.enum(['closed', 'open'], { message: "must be 'closed' or 'open'" }).optional(),
};

/** Parses a store's options (the shared fields plus `extra`) or throws an `OptionsError` naming the field. */
export function parseRedisStoreOptions<Extra extends z.ZodRawShape>(factory: string, client: unknown, options: unknown, extra: Extra): z.output<z.ZodObject<Extra>> & ParsedRedisStoreOptions {
  assertRedisClient(factory, client);
  const parsed = parseOptions(factory, z.strictObject({ ...redisStoreShape, ...extra }, { error: (issue) => (issue.code === 'unrecognized_keys' ? `has an unknown field ${issue.keys.map((key) => `\`${key}\``).join(', ')}` : 'must be an object') }), options) as Partial<ParsedRedisStoreOptions> & z.output<z.ZodObject<Extra>>;
  const shared: ParsedRedisStoreOptions = { prefix: parsed.prefix ?? 'agentwarden:', timeoutMs: parsed.timeoutMs ?? 2_000, failMode: parsed.failMode ?? 'closed' };
  return { ...parsed, ...shared };
}

/** Throws unless `client` looks like an ioredis client. */
export function assertRedisClient(factory: string, client: unknown): asserts client is Redis | Cluster {
  const candidate = client as Partial<Redis> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.defineCommand !== 'function' || typeof candidate.duplicate !== 'function') {
    throw new OptionsError(`${factory}: \`client\` must be an ioredis client (new Redis(url) or new Cluster(nodes)), got ${describeValue(client)}`);
  }
}

/** True for an ioredis `Cluster` (it says so in `isCluster`). */
export function isRedisCluster(client: unknown): boolean {
  return (client as { isCluster?: boolean } | null)?.isCluster === true;
}

/**
 * The base every key of one store starts with: `<prefix><store>:`. On a Redis Cluster each
 * store's scripts must touch keys of one hash slot, so a prefix without a hash tag of its own
 * gets one naming the prefix and the store, `<prefix>{<prefix><store>}:`: the store's keys
 * share a slot (its scripts stay atomic), and two fleets with different prefixes land on
 * different slots. A prefix that already holds a tag (`claims:{claims}:`) is used as it is.
 * On a single Redis the layout is unchanged.
 */
export function storeKeyBase(client: unknown, prefix: string, store: 'budget' | 'approval' | 'loop'): string {
  if (!isRedisCluster(client) || /\{[^}]+\}/.test(prefix)) return `${prefix}${store}:`;
  return `${prefix}{${prefix}${store}}:`;
}
