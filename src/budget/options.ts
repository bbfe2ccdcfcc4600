/**
 * The options of `tokenBudget`, checked once at construction with zod: every limit and price
 * must be a finite non-negative number, and a bad field is named in the error
 * (``tokenBudget: `costLimits.department.finance` must be a non-negative number, got -5``).
 */
import { z } from 'zod';
import { parseOptions } from '../internal/options.js';
import { isBudgetStore, type BudgetStore } from '../stores/budget-store.js';
import type { BudgetPeriod } from './periods.js';
import type { PricingTable } from './pricing.js';

/** A scoped limit: a bare amount (per day), or an amount with its own `period`. */
export type ScopedLimit = number | { readonly limit: number; readonly period?: BudgetPeriod };

/**
 * Ceilings per scope. `run` is per run; the others are per `period` (default `'day'`, UTC).
 * In `workflow` and `department`, the key `'*'` applies to every name not listed (each name
 * counted on its own).
 */
export interface BudgetLimits {
  readonly run?: number;
  readonly agent?: ScopedLimit;
  readonly workflow?: Readonly<Record<string, ScopedLimit>>;
  readonly department?: Readonly<Record<string, ScopedLimit>>;
}

/** Options of `tokenBudget`. */
export interface TokenBudgetOptions {
  /** Token ceilings (input + output tokens). */
  limits?: BudgetLimits;
  /** Cost ceilings in USD, same shape as `limits`. */
  costLimits?: BudgetLimits;
  /** USD per 1M tokens by exact model id. Models not listed are counted in tokens and flagged unpriced. */
  pricing?: PricingTable;
  /** Where totals live. Defaults to a `memoryBudgetStore` on the warden's clock. */
  store?: BudgetStore;
  /** What a refusal does: throw `BudgetExceededError`, or pause (`ApprovalPendingError` with a ticket). Defaults to `'throw'`. */
  onExceeded?: 'throw' | 'pause';
  /** An unsettled reservation is released after this many ms. Defaults to `600_000` (10 min). */
  reservationTtlMs?: number;
  /**
   * A run's totals are forgotten by the store this long after the run last spent (memory, file
   * and Redis stores alike), so a long-lived worker or a busy Redis does not fill up with
   * finished runs. Defaults to `86_400_000` (24 h); reports of older runs come from the audit trail.
   */
  runRetentionMs?: number;
  /**
   * Refuse guarded tool calls while a scope in force is exhausted (one store read per call).
   * `false` meters model calls only. Defaults to `true`.
   */
  guardToolCalls?: boolean;
}

const amount = z.number({ error: 'must be a finite number' }).min(0, { error: 'must be a non-negative number' });
const period = z.union([z.literal('day'), z.literal('month'), z.object({ ms: z.number({ error: 'must be a finite number' }).int({ error: 'must be a positive integer' }).positive({ error: 'must be a positive integer' }) }).strict()], {
  error: "must be 'day', 'month' or { ms }",
});
const scoped = z.union([amount, z.object({ limit: amount, period: period.optional() }).strict()], { error: 'must be a non-negative number or { limit, period? }' });
const named = z.record(z.string().min(1, { error: 'names must be non-empty' }), scoped);
const limits = z.object({ run: amount.optional(), agent: scoped.optional(), workflow: named.optional(), department: named.optional() }).strict();
const price = z.object({ input: amount, output: amount, cachedInput: amount.optional() }).strict();

const schema = z
  .object({
    limits: limits.optional(),
    costLimits: limits.optional(),
    pricing: z.record(z.string().min(1), price).optional(),
    store: z.custom<BudgetStore>(isBudgetStore, { error: 'must be a BudgetStore with reserve, settle, release and snapshot' }).optional(),
    onExceeded: z.enum(['throw', 'pause'], { error: "must be 'throw' or 'pause'" }).optional(),
    reservationTtlMs: z.number({ error: 'must be a finite number' }).int({ error: 'must be a positive integer' }).positive({ error: 'must be a positive integer' }).optional(),
    runRetentionMs: z.number({ error: 'must be a finite number' }).int({ error: 'must be a positive integer' }).positive({ error: 'must be a positive integer' }).optional(),
    guardToolCalls: z.boolean({ error: 'must be a boolean' }).optional(),
  })
  .strict();

/** The checked options with defaults filled in. */
export interface ParsedBudgetOptions {
  limits: BudgetLimits;
  costLimits: BudgetLimits;
  pricing: PricingTable;
  store: BudgetStore | undefined;
  onExceeded: 'throw' | 'pause';
  reservationTtlMs: number;
  runRetentionMs: number;
  guardToolCalls: boolean;
}

/** Parses `tokenBudget` options or throws an `OptionsError` naming the field. */
export function parseBudgetOptions(options: TokenBudgetOptions): ParsedBudgetOptions {
  const parsed = parseOptions('tokenBudget', schema, options);
  return {
    limits: parsed.limits ?? {},
    costLimits: parsed.costLimits ?? {},
    pricing: parsed.pricing ?? {},
    store: parsed.store,
    onExceeded: parsed.onExceeded ?? 'throw',
    reservationTtlMs: parsed.reservationTtlMs ?? 600_000,
    runRetentionMs: parsed.runRetentionMs ?? 86_400_000,
    guardToolCalls: parsed.guardToolCalls ?? true,
  };
}
