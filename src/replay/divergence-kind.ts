/** What a replay can find different from its recording: plain data, shared by the comparer and the error. */

/** Where a replay left its recording. */
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
