/**
 * The run scope: which run the current async context belongs to. Kept in agentwarden's own
 * AsyncLocalStorage so it works whether or not the host registered an OpenTelemetry
 * context manager; OpenTelemetry context is used only for span parenting.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RunStateMap, RunTotals } from './call-context.js';

export type { RunTotals } from './call-context.js';
import type { RunInfo } from './types.js';

/** A live run: its identity, its middleware state and its totals. */
export interface RunRecord {
  readonly info: RunInfo;
  readonly state: RunStateMap;
  readonly totals: RunTotals;
  /** The warden that opened it; runs of another warden are not ours. */
  readonly owner: object;
}

/** One store per warden, so two wardens in one process never see each other's runs. */
export function createRunStorage(): AsyncLocalStorage<RunRecord> {
  return new AsyncLocalStorage<RunRecord>();
}

/** Fresh zeroed totals. */
export function emptyTotals(): RunTotals {
  return { calls: 0, errors: 0, blocked: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}
