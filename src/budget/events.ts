/**
 * The payloads of the warden's `budget` event, keyed by `type`, so a listener can switch on
 * it: `threshold` (50/80/100 % of a limit passed by a settlement), `exceeded` (a refusal),
 * `paused` (a refusal under `onExceeded: 'pause'`), `raised` / `lowered` (a person moved a limit) and
 * `unpriced` (first usage of a model with no price).
 */
import type { BudgetPauseTicket, RefusalFigures } from './exceeded.js';
import type { ThresholdCrossing } from './thresholds.js';

/** A settlement took a limited scope past 50, 80 or 100 % of its ceiling. */
export interface BudgetThresholdEvent extends ThresholdCrossing {
  readonly type: 'threshold';
  readonly agent: string;
  readonly runId?: string;
  readonly model: string;
  readonly at: string;
}

/** A reservation or tool call was refused (`onExceeded: 'throw'`). */
export interface BudgetExceededEvent extends RefusalFigures {
  readonly type: 'exceeded';
  readonly agent: string;
  readonly runId?: string;
  readonly workflow?: string;
  readonly department?: string;
  /** The guarded tool, or `model` for a reservation. */
  readonly tool: string;
  readonly at: string;
}

/** A reservation or tool call was paused (`onExceeded: 'pause'`). */
export interface BudgetPausedEvent {
  readonly type: 'paused';
  readonly ticket: BudgetPauseTicket;
  readonly at: string;
}

/** A person raised (or lowered) a limit; `resumed` lists the ticket ids a raise lifted. */
export interface BudgetRaisedEvent {
  readonly type: 'raised' | 'lowered';
  readonly scope: string;
  /** Who made the change (`'unknown'` when the caller did not say). */
  readonly by: string;
  /** The new token ceiling, when tokens were raised. */
  readonly tokens?: number;
  /** The new cost ceiling in USD, when cost was raised. */
  readonly costUsd?: number;
  readonly resumed: readonly string[];
  readonly at: string;
}

/** The first settled usage of a model missing from the pricing table. */
export interface BudgetUnpricedEvent {
  readonly type: 'unpriced';
  readonly model: string;
  readonly agent: string;
  readonly at: string;
}

/** Any `budget` event. */
export type BudgetEvent = BudgetThresholdEvent | BudgetExceededEvent | BudgetPausedEvent | BudgetRaisedEvent | BudgetUnpricedEvent;
