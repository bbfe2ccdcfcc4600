/** Where a replayed run left its recording, and the comparisons that find it. */
import { stableHash } from '../internal/stable-hash.js';
import type { RecordedDecision } from './cassette.js';

/** What differed. */
export type DivergenceKind = 'tool' | 'args' | 'result' | 'error' | 'extra' | 'missing' | 'decision' | 'outcome';

/** One difference between the recording and the replay. */
export interface Divergence {
  readonly kind: DivergenceKind;
  readonly runId: string;
  /** Index of the call (or of the decision, for `decision`) where it happened. */
  readonly index: number;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** A sentence for people: `call #2: expected issue_refund, got send_email`. */
  readonly message: string;
}

/** True when two JSON-safe values are deeply equal (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableHash(a) === stableHash(b);
}

/** The part of a decision that must match on replay: outcome, who, which rule, which tool. */
export function decisionKey(decision: Pick<RecordedDecision, 'outcome' | 'by' | 'rule' | 'tool'>): string {
  return `${decision.outcome} by ${decision.by}${decision.rule === undefined ? '' : ` (rule ${decision.rule})`} on ${decision.tool}`;
}

/** The first place two decision sequences differ, or undefined when they match. */
export function firstDecisionDivergence(runId: string, expected: readonly RecordedDecision[], actual: readonly RecordedDecision[]): Divergence | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index] ? decisionKey(expected[index]!) : undefined;
    const got = actual[index] ? decisionKey(actual[index]!) : undefined;
    if (want === got) continue;
    return {
      kind: 'decision',
      runId,
      index,
      expected: want,
      actual: got,
      message: `decision #${index}: expected ${want ?? 'no decision'}, got ${got ?? 'no decision'}`,
    };
  }
  return undefined;
}
