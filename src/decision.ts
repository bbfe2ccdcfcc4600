/** Builds decisions with the call's identity filled in, so every middleware says the same. */
import { clockOf, emitDecision } from './call-context.js';
import type { Decision, DecisionOutcome, ToolCall } from './types.js';

/** What a middleware says about a call, before the identity fields are added. */
export interface DecisionInput {
  outcome: DecisionOutcome;
  by: string;
  reason: string;
  rule?: string;
  details?: Record<string, unknown>;
}

/** A `Decision` for `call` made now. */
export function decisionFor(call: ToolCall, input: DecisionInput, now: number = Date.now()): Decision {
  const decision: Decision = {
    outcome: input.outcome,
    by: input.by,
    reason: input.reason,
    tool: call.tool,
    callId: call.callId,
    agent: call.agent,
    at: new Date(now).toISOString(),
    runId: call.runId,
    versionId: call.version.id,
    ...(input.rule !== undefined && { rule: input.rule }),
    ...(call.sessionId !== undefined && { sessionId: call.sessionId }),
    ...(call.workflow !== undefined && { workflow: call.workflow }),
    ...(call.department !== undefined && { department: call.department }),
    ...(input.details !== undefined && { details: input.details }),
  };
  return decision;
}

/** Builds a decision for `call`, stamps it with the call's clock and emits it. */
export function decide(call: ToolCall, input: DecisionInput): Decision {
  const decision = decisionFor(call, input, clockOf(call).now());
  emitDecision(call, decision);
  return decision;
}
