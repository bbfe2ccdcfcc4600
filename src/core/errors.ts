/**
 * Typed errors. Every error a guard throws is a `WardenError` carrying the `Decision`
 * that caused it, a stable `code`, and context as readonly fields. `isWardenError` works
 * across two loaded copies of the package (adapters may load their own).
 */
import type { Decision } from './types.js';

const WARDEN_ERROR_MARKER = Symbol.for('agentwarden.error');

/** The base of every error agentwarden throws on purpose. */
export class WardenError extends Error {
  override name: string = 'WardenError';
  /** Stable machine-readable code, e.g. `policy_denied`. */
  readonly code: string;
  /** The decision that led here (a synthesised one for option and store errors). */
  readonly decision: Decision | undefined;
  readonly [WARDEN_ERROR_MARKER] = true;

  constructor(message: string, code: string, decision?: Decision, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.decision = decision;
  }

  /** True for any `WardenError`, also one thrown by another copy of agentwarden. */
  static isInstance(value: unknown): value is WardenError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[WARDEN_ERROR_MARKER] === true;
  }

  /**
   * `instanceof` that also holds across copies of agentwarden: each entry point (and each
   * installed version) may carry its own copy of these classes, so an error is an instance of
   * a class when it carries the warden marker and a class of the same name is in its chain.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!WardenError.isInstance(value)) return false;
    if (this === WardenError) return true;
    for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      if (proto.constructor === this || proto.constructor?.name === this.name) return true;
    }
    return false;
  }
}

/** True for any agentwarden error, across package copies. */
export function isWardenError(value: unknown): value is WardenError {
  return WardenError.isInstance(value);
}

/** Errors whose decision is always present: the call was refused by a guard. */
abstract class BlockedCallError extends WardenError {
  declare readonly decision: Decision;
  constructor(decision: Decision, code: string, message?: string, options?: { cause?: unknown }) {
    super(message ?? `${decision.tool}: ${decision.reason}`, code, decision, options);
  }
}

/** A policy (allow/deny list or rule) refused the call. */
export class PolicyDeniedError extends BlockedCallError {
  override name = 'PolicyDeniedError' as const;
  constructor(decision: Decision) {
    super(decision, 'policy_denied');
  }
}

/** One problem found by zod, kept as plain data. */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
}

/** Tool input or output failed its schema; carries the zod issues. */
export class ValidationError extends BlockedCallError {
  override name = 'ValidationError' as const;
  readonly issues: readonly ValidationIssue[];
  readonly direction: 'input' | 'output' | 'usage';
  constructor(decision: Decision, issues: readonly ValidationIssue[], direction: 'input' | 'output' | 'usage') {
    super(decision, 'validation_failed');
    this.issues = issues;
    this.direction = direction;
  }
}

/** Injected instructions were found in args or a tool result. */
export class InjectionDetectedError extends BlockedCallError {
  override name = 'InjectionDetectedError' as const;
  readonly matches: readonly unknown[];
  constructor(decision: Decision, matches: readonly unknown[] = []) {
    super(decision, 'injection_detected');
    this.matches = matches;
  }
}

/** The loop breaker halted a repeating run, or a tool's circuit is open. */
export class LoopDetectedError extends BlockedCallError {
  override name = 'LoopDetectedError' as const;
  constructor(decision: Decision) {
    super(decision, 'loop_detected');
  }
}

/** A token or cost budget would be exceeded. */
export class BudgetExceededError extends BlockedCallError {
  override name = 'BudgetExceededError' as const;
  readonly scope: string;
  readonly limit: number;
  readonly spent: number;
  readonly requested: number;
  /** What `limit`, `spent` and `requested` count: tokens or USD. */
  readonly unit: 'tokens' | 'usd';
  constructor(decision: Decision, context: { scope: string; limit: number; spent: number; requested: number; unit?: 'tokens' | 'usd' }) {
    super(decision, 'budget_exceeded');
    this.scope = context.scope;
    this.limit = context.limit;
    this.spent = context.spent;
    this.requested = context.requested;
    this.unit = context.unit ?? 'tokens';
  }
}

/** The call waits for a person; `ticket` is JSON-serializable and stored. */
export class ApprovalPendingError extends BlockedCallError {
  override name = 'ApprovalPendingError' as const;
  readonly ticket: unknown;
  constructor(decision: Decision, ticket: unknown) {
    super(decision, 'approval_pending');
    this.ticket = ticket;
  }
}

/** A person (or a timeout, expiry or stale check) rejected the call. */
export class ApprovalRejectedError extends BlockedCallError {
  override name = 'ApprovalRejectedError' as const;
  constructor(decision: Decision) {
    super(decision, 'approval_rejected');
  }
}

/** The kill switch is on: every guarded call of the warden fails fast. */
export class HaltedError extends BlockedCallError {
  override name = 'HaltedError' as const;
  constructor(decision: Decision) {
    super(decision, 'halted');
  }
}

/** A tool call ran past its `timeoutMs` (or the caller's signal aborted it). */
export class ToolTimeoutError extends BlockedCallError {
  override name = 'ToolTimeoutError' as const;
  constructor(decision: Decision) {
    super(decision, 'tool_timeout');
  }
}

/** A store (file, Redis) did not answer in time or answered garbage. */
export class StoreUnavailableError extends WardenError {
  override name = 'StoreUnavailableError' as const;
  readonly store: string;
  constructor(store: string, message: string, options?: { cause?: unknown }) {
    super(`${store}: ${message}`, 'store_unavailable', undefined, options);
    this.store = store;
  }
}

/** Options or a policy file are malformed; the message names the field. */
export class OptionsError extends WardenError {
  override name = 'OptionsError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'invalid_options', undefined, options);
  }
}
