/** The `agentwarden/redis` entry point: what it exports, and that the package points at it. */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApprovalStore, BudgetStore, LoopStore } from '../../../src/index.js';
import * as redisEntry from '../../../src/stores/redis/index.js';
import type { RedisApprovalStore, RedisBudgetStore, RedisLoopStore } from '../../../src/stores/redis/index.js';

describe('agentwarden/redis', () => {
  it('exports the three store factories and the store error', () => {
    expect(Object.keys(redisEntry).sort()).toEqual(['StoreUnavailableError', 'isWardenError', 'redisApprovalStore', 'redisBudgetStore', 'redisLoopStore']);
  });

  it('returns stores that satisfy the core store interfaces', () => {
    expectTypeOf<RedisBudgetStore>().toExtend<BudgetStore>();
    expectTypeOf<RedisApprovalStore>().toExtend<ApprovalStore>();
    expectTypeOf<RedisLoopStore>().toExtend<LoopStore>();
    expectTypeOf(redisEntry.redisBudgetStore).returns.toEqualTypeOf<RedisBudgetStore>();
  });

  it('is a package entry point with ioredis as an optional peer', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as Record<string, any>;
    expect(pkg.exports['./redis'].import.default).toBe('./dist/redis.js');
    expect(pkg.exports['./redis'].require.default).toBe('./dist/redis.cjs');
    expect(pkg.peerDependencies.ioredis).toBe('^5.0.0');
    expect(pkg.peerDependenciesMeta.ioredis).toEqual({ optional: true });
    expect(readFileSync(new URL('../../../tsup.config.ts', import.meta.url), 'utf8')).toContain("redis: 'src/stores/redis/index.ts'");
  });
});
