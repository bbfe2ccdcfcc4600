/** Collects a warden's decisions so tests can assert what was allowed, denied or paused. */
import type { Decision, DecisionOutcome } from '../core/types.js';

interface DecisionSource {
  on(event: 'decision', listener: (decision: Decision) => void): unknown;
  off(event: 'decision', listener: (decision: Decision) => void): unknown;
}

/** What `decisionRecorder()` returns. */
export interface DecisionRecorder {
  readonly decisions: Decision[];
  /** `tool:outcome` strings, in order: easy to compare in tests. */
  summary(): string[];
  /** Decisions with this outcome. */
  withOutcome(outcome: DecisionOutcome): Decision[];
  clear(): void;
  /** Stops listening. */
  stop(): void;
}

/**
 * Records every decision `warden` emits from now on.
 * @example
 * const log = decisionRecorder(warden);
 * await guardedCall();
 * expect(log.summary()).toEqual(['issue_refund:deny']);
 */
export function decisionRecorder(warden: DecisionSource): DecisionRecorder {
  const decisions: Decision[] = [];
  const listener = (decision: Decision) => void decisions.push(decision);
  warden.on('decision', listener);
  return {
    decisions,
    summary: () => decisions.map((decision) => `${decision.tool}:${decision.outcome}`),
    withOutcome: (outcome) => decisions.filter((decision) => decision.outcome === outcome),
    clear: () => void decisions.splice(0),
    stop: () => void warden.off('decision', listener),
  };
}
