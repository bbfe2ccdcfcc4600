/** Builds decisions with the call's identity filled in, so every middleware says the same. */
import { callContext, clockOf, emitDecision } from './call-context.js';
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
  const decision: { -readonly [K in keyof Decision]: Decision[K] } = {
    outcome: input.outcome,
    by: input.by,
    reason: input.reason,
    tool: call.tool,
    callId: call.callId,
    agent: call.agent,
    at: isoTime(now),
    runId: call.runId,
    versionId: call.version.id,
  };
  // Optional fields are added only when present, so decisions serialise compactly.
  if (input.rule !== undefined) decision.rule = input.rule;
  if (call.sessionId !== undefined) decision.sessionId = call.sessionId;
  if (call.workflow !== undefined) decision.workflow = call.workflow;
  if (call.department !== undefined) decision.department = call.department;
  if (input.details !== undefined) decision.details = input.details;
  return decision;
}

let lastTime = Number.NaN;
let lastIso = '';

/** ISO-8601 text of `now`, reused while many decisions fall in the same millisecond. */
export function isoTime(now: number): string {
  if (now !== lastTime) {
    lastTime = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

/**
 * Emits an `allow` only when someone will see it (a `decision` or `call` listener, an audit
 * trail, a recorder, or `evaluate`'s trail): on the hot path of a warden nobody listens to,
 * an allow builds no object at all.
 */
export function allow(call: ToolCall, input: Omit<DecisionInput, 'outcome'>): void {
  const { host } = callContext(call);
  if (host !== undefined && !host.hearsDecisions()) return;
  decide(call, { outcome: 'allow', ...input });
}

/** Builds a decision for `call`, stamps it with the call's clock and emits it. */
export function decide(call: ToolCall, input: DecisionInput): Decision {
  const decision = decisionFor(call, input, clockOf(call).now());
  emitDecision(call, decision);
  return decision;
}
