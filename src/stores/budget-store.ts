/**
 * The `BudgetStore` contract: where token and cost totals live. It is deliberately small —
 * four async operations, each one atomic — so that a Redis store can implement every
 * operation as one Lua script and many processes can share one budget without overspending.
 *
 * Units: tokens are non-negative integers; cost is kept in integer **micro-dollars**
 * (1 USD = 1,000,000 µUSD), never in floating-point dollars, so sums are exact in any store.
 *
 * Vocabulary:
 * - a *scope* is a string such as `run:run_1`, `agent:refund-agent`, `workflow:claims`,
 *   `department:finance`, `model:gpt-4o`. The store treats it as an opaque key.
 * - a *line* is a scope plus an optional `period`. A line with a period is counted in the
 *   window the **store's clock** is in (see `windowId`); a line without one is all-time.
 *   A line may carry ceilings (`maxTokens`, `maxCostMicros`) that `reserve` enforces.
 * - *spent* is settled usage; *held* is reserved and not yet settled or released.
 */
import type { BudgetPeriod } from '../budget/periods.js';

/** One scope to charge, in its current window, with optional ceilings. */
export interface BudgetLine {
  /** Opaque scope key, e.g. `department:finance`. */
  readonly scope: string;
  /** Window of the line; omitted: all-time. Resolved with the store's clock. */
  readonly period?: BudgetPeriod;
  /** Ceiling on spent + held tokens in the window; omitted: no token ceiling. */
  readonly maxTokens?: number;
  /** Ceiling on spent + held cost in the window, in integer µUSD; omitted: no cost ceiling. */
  readonly maxCostMicros?: number;
  /**
   * For an all-time line whose scope ends (a run): the store forgets its entry this many ms
   * after its last reserve or settle (never while something is held on it). Omitted: kept.
   */
  readonly retainMs?: number;
  /**
   * Names of shared limit adjustments that apply to this line (`adjustLimit`): a store that
   * keeps adjustments adds the ones it holds under these names to `maxTokens` and
   * `maxCostMicros` (when set) at the moment it checks them, so a change made by any process
   * binds every process's next reservation. Omitted: none.
   */
  readonly limitKeys?: readonly string[];
}

/** Which ceiling a limit adjustment moves. */
export type LimitUnit = 'tokens' | 'costMicros';

/** Asks to hold `tokens` and `costMicros` on every line at once. */
export interface ReserveRequest {
  /** Caller-chosen unique id; `settle` and `release` name the reservation by it. */
  readonly id: string;
  readonly lines: readonly BudgetLine[];
  /** Non-negative integer. */
  readonly tokens: number;
  /** Non-negative integer µUSD. */
  readonly costMicros: number;
  /** After this many ms (store clock) an unsettled hold is dropped as if released. */
  readonly ttlMs: number;
}

/** Which ceiling refused a reservation, with the figures at the moment of the check. */
export interface BudgetRefusal {
  readonly scope: string;
  /** The window id (`d2026-11-26`...), absent for all-time lines. */
  readonly window?: string;
  readonly unit: 'tokens' | 'costMicros';
  readonly limit: number;
  /** Spent in the window when checked. */
  readonly spent: number;
  /** Held by other reservations when checked. */
  readonly held: number;
  /** What this reservation asked for, in `unit`. */
  readonly requested: number;
}

/** The answer to `reserve`: held on every line, or refused with nothing changed. */
export type ReserveOutcome = { readonly ok: true } | { readonly ok: false; readonly refusal: BudgetRefusal };

/** Charges real usage, first releasing the reservation it settles (if any). */
export interface SettleRequest {
  /** The reservation this usage settles; unknown or expired ids are ignored. */
  readonly reservationId?: string;
  /** Lines to charge; ceilings on them are ignored (usage that happened is always recorded). */
  readonly lines: readonly BudgetLine[];
  readonly tokens: number;
  readonly costMicros: number;
}

/** Totals of one line in one window. */
export interface BudgetTotals {
  readonly tokens: number;
  readonly costMicros: number;
  /** How many settlements were charged to the line. */
  readonly settlements: number;
  readonly heldTokens: number;
  readonly heldCostMicros: number;
}

/** One line's totals in a window, before and after a settlement. */
export interface SettledLine {
  readonly scope: string;
  readonly window?: string;
  readonly before: BudgetTotals;
  readonly after: BudgetTotals;
}

/** The answer to `settle`, one entry per requested line, in request order. */
export interface SettleOutcome {
  readonly lines: readonly SettledLine[];
}

/** One line's totals in one window, as listed by `snapshot`. */
export interface BudgetEntry extends BudgetTotals {
  readonly scope: string;
  readonly window?: string;
  /** With `snapshot(lines)` on a store that keeps adjustments: the sum of the line's `limitKeys` adjustments, per unit (omitted when 0). */
  readonly adjustTokens?: number;
  readonly adjustCostMicros?: number;
}

/** A consistent copy of the store's totals. */
export interface BudgetSnapshot {
  /** Store clock, epoch ms. */
  readonly at: number;
  readonly entries: readonly BudgetEntry[];
}

/**
 * Where budget totals live. Every operation is atomic with respect to every other
 * operation on the same store, also across processes for shared stores:
 *
 * - `reserve(request)`: for every line, in order, with `window` taken from the store's clock:
 *   if `maxTokens` is set and `spent.tokens + held.tokens + request.tokens > maxTokens`, or
 *   `maxCostMicros` is set and the same holds for cost, answer `{ ok: false, refusal }` for
 *   the first such line and change nothing. Otherwise add the request to `held` on every
 *   line and remember the reservation (its lines' windows and amounts) under `id` until it
 *   is settled, released or `ttlMs` passes. Reusing a live `id` is a caller bug: the store
 *   may refuse or replace; it must never hold twice.
 * - `settle(request)`: if `reservationId` names a live reservation, remove its holds from the
 *   windows it was made in. Then add `tokens`, `costMicros` and one settlement to every line
 *   in its current window, whatever the ceilings say. Returns each line's totals before and
 *   after (so callers can see which thresholds a settlement crossed, exactly once).
 * - `release(id)`: removes a live reservation's holds; `true` if it was live. Idempotent.
 * - `snapshot(lines?)`: without `lines`, every entry the store keeps (all windows). With
 *   `lines`, exactly one entry per line, in order, for its current window (zeros when the
 *   store has none). Expired reservations must not count as held.
 *
 * Totals are never negative and never decrease within a window, except `held`. `tokens` and
 * `costMicros` in requests must be non-negative safe integers: a store rejects anything else
 * (the promise rejects) and changes nothing. Ceilings may be any non-negative number.
 * `test/stores/budget-store-contract.ts` checks all of this against any store.
 */
export interface BudgetStore {
  /** Atomically checks every ceiling and holds the request on every line, or refuses. */
  reserve(request: ReserveRequest): Promise<ReserveOutcome>;
  /** Atomically releases the settled reservation and charges real usage on every line. */
  settle(request: SettleRequest): Promise<SettleOutcome>;
  /** Atomically drops a reservation's holds; `false` when it was not live. */
  release(id: string): Promise<boolean>;
  /** Totals of every entry, or of the given lines in their current windows. */
  snapshot(lines?: readonly BudgetLine[]): Promise<BudgetSnapshot>;
  /**
   * Optional: the same as `snapshot(lines)`, answered synchronously by a store that keeps its
   * totals in this process (memory, file). The tool-call guard then costs no promise.
   */
  snapshotNow?(lines: readonly BudgetLine[]): BudgetSnapshot;
  /**
   * Optional: adds `delta` (negative to lower) to the shared adjustment `name` of `unit` and
   * returns the new adjustment. Stores that have it make `raiseLimit` / `lowerLimit` fleet-wide
   * (every process sharing the store sees the change on its next reservation); without it a
   * raise stays in the process that made it.
   */
  adjustLimit?(name: string, unit: LimitUnit, delta: number): Promise<number>;
}

/** True when `value` has the four store operations (checked once, at construction). */
export function isBudgetStore(value: unknown): value is BudgetStore {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['reserve', 'settle', 'release', 'snapshot'].every((method) => typeof candidate[method] === 'function');
}
