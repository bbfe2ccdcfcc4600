/**
 * `evaluate`: the decision a call would get, without running the tool. Policy decisions
 * become unit-testable offline: build a call, ask, assert.
 */
import { withCallContext } from '../core/call-context.js';
import { systemClock } from '../core/clock.js';
import { decisionFor } from '../core/decision.js';
import { isWardenError } from '../core/errors.js';
import { policy, type PolicySpec } from './policy.js';
import type { Decision, Middleware, ToolCall } from '../core/types.js';
import { versionStamp } from '../core/version-stamp.js';

/** A call for `evaluate`: only `tool` is required; the rest gets neutral defaults. */
export type EvaluationCall = Partial<ToolCall> & { tool: string };

/** The final decision plus every decision made on the way. */
export interface Evaluation extends Decision {
  /** Every decision emitted while evaluating, in order. */
  readonly trail: readonly Decision[];
  /** True when the chain would have reached the tool. */
  readonly reachedTool: boolean;
}

/**
 * Asks a middleware (or a policy spec) what it would decide for `call`. The tool never runs:
 * the innermost `next` returns `undefined`.
 * @example
 * const verdict = await evaluate(policy({ deny: ['delete_user'] }), { tool: 'delete_user', agent: 'support' });
 * expect(verdict.outcome).toBe('deny');
 */
export async function evaluate(middlewareOrPolicy: Middleware | PolicySpec, call: EvaluationCall): Promise<Evaluation> {
  const layer = typeof middlewareOrPolicy === 'function' ? middlewareOrPolicy : policy(middlewareOrPolicy);
  const trail: Decision[] = [];
  const fullCall = withCallContext<ToolCall>(
    {
      args: {},
      callId: 'evaluate',
      agent: 'agent',
      runId: 'evaluate',
      version: versionStamp({}),
      attempt: 1,
      metadata: {},
      traits: {},
      ...call,
    },
    { state: new Map(), clock: systemClock, onDecision: (decision) => void trail.push(decision) },
  );
  let reachedTool = false;
  try {
    await layer(fullCall, async () => {
      reachedTool = true;
      return undefined;
    });
  } catch (error) {
    if (isWardenError(error) && error.decision) return { ...error.decision, trail, reachedTool };
    throw error;
  }
  const last = trail.at(-1);
  if (last) return { ...last, trail, reachedTool };
  const allowed = decisionFor(fullCall, { outcome: 'allow', by: layer.middlewareName ?? (layer.name || 'middleware'), reason: 'no rule refused the call' });
  return { ...allowed, trail, reachedTool };
}
