// agentwarden/redis: Redis-backed stores for budgets, approvals and loop counters. Re-exports only.
export { redisBudgetStore } from './redis-budget-store.js';
export type { RedisBudgetStore, RedisBudgetStoreOptions } from './redis-budget-store.js';
export { redisApprovalStore } from './redis-approval-store.js';
export type { RedisApprovalStore, RedisApprovalStoreOptions } from './redis-approval-store.js';
export { redisLoopStore } from './redis-loop-store.js';
export type { RedisLoopStore, RedisLoopStoreOptions } from './redis-loop-store.js';
export type { RedisStoreOptions } from './redis-options.js';
export type { StoreFailMode } from './store-guard.js';
export { StoreUnavailableError, isWardenError } from '../../core/errors.js';
