/** Where a replayed run left its recording, and the comparisons that find it. */
import { stableHash } from '../internal/stable-hash.js';
import type { RecordedDecision } from './cassette.js';
import type { Divergence, DivergenceKind } from './divergence-kind.js';

export type { Divergence, DivergenceKind } from './divergence-kind.js';

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
