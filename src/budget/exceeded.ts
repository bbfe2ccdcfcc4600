/**
 * What a refusal looks like to people: the figures in the limit's own unit (tokens or USD),
 * a reason sentence, and — with `onExceeded: 'pause'` — a JSON-serializable ticket that
 * says which limit to raise. A paused call is lifted by raising the limit
 * (`warden.capability<BudgetMeter>('usage').raiseLimit(ticket.scope, ...)`) and calling again.
 */
import type { BudgetRefusal } from '../stores/budget-store.js';
import { microsToUsd } from './pricing.js';
import type { ScopeIdentity } from './scopes.js';
import type { LimitStatus } from '../core/types.js';

/** A refusal with cost converted to USD. */
export interface RefusalFigures extends Omit<LimitStatus, 'percent'> {
  readonly requested: number;
}

/** The stored, serializable ticket of a budget pause. */
export interface BudgetPauseTicket extends RefusalFigures {
  readonly kind: 'budget';
  readonly id: string;
  /** The guarded tool, or `model` for a model-call reservation. */
  readonly tool: string;
  readonly callId: string;
  readonly agent: string;
  readonly runId?: string;
  readonly workflow?: string;
  readonly department?: string;
  /** ISO-8601. */
  readonly createdAt: string;
  /** How a person lifts the pause: the smallest raise that lets this call through now. */
  readonly howToResume: string;
}

/** Converts a store refusal to figures in tokens or USD. */
export function refusalFigures(refusal: BudgetRefusal): RefusalFigures {
  const toUnit = refusal.unit === 'tokens' ? (value: number) => value : microsToUsd;
  return {
    scope: refusal.scope,
    ...(refusal.window !== undefined && { window: refusal.window }),
    unit: refusal.unit === 'tokens' ? 'tokens' : 'usd',
    limit: toUnit(refusal.limit),
    spent: toUnit(refusal.spent),
    held: toUnit(refusal.held),
    requested: toUnit(refusal.requested),
  };
}

/** `department:finance token budget exhausted: 950 of 1000 tokens spent (40 held), 100 requested`. */
export function refusalReason(figures: RefusalFigures): string {
  const amount = (value: number) => (figures.unit === 'tokens' ? `${value}` : `$${value.toFixed(6).replace(/0{1,4}$/, '')}`);
  const what = figures.unit === 'tokens' ? 'token' : 'cost';
  const window = figures.window === undefined ? '' : ` (window ${figures.window})`;
  const held = figures.held > 0 ? ` (${amount(figures.held)} held)` : '';
  const requested = figures.requested > 0 ? `, ${amount(figures.requested)} requested` : '';
  return `${figures.scope} ${what} budget exhausted${window}: ${amount(figures.spent)} of ${amount(figures.limit)}${figures.unit === 'tokens' ? ' tokens' : ''} spent${held}${requested}`;
}

/** Builds the pause ticket for a refusal. */
export function pauseTicket(id: string, figures: RefusalFigures, identity: ScopeIdentity, tool: string, callId: string, now: number): BudgetPauseTicket {
  const shortfall = figures.spent + figures.held + figures.requested - figures.limit;
  const by = figures.unit === 'tokens' ? `{ tokens: ${Math.max(1, Math.ceil(shortfall))} }` : `{ costUsd: ${Math.max(1, Math.ceil(Math.round(shortfall * 1e9) / 1_000)) / 1_000_000} }`;
  return {
    kind: 'budget',
    id,
    ...figures,
    tool,
    callId,
    agent: identity.agent,
    ...(identity.runId !== undefined && { runId: identity.runId }),
    ...(identity.workflow !== undefined && { workflow: identity.workflow }),
    ...(identity.department !== undefined && { department: identity.department }),
    createdAt: new Date(now).toISOString(),
    howToResume: `await warden.capability('usage').raiseLimit('${figures.scope}', ${by}, { by: '<who>' }), then call again`,
  };
}
