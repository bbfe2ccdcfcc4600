/**
 * Making tickets: what a paused call records so a person can judge it and a later process
 * can tell whether the approval still fits the call (version id, policy hash, args hash).
 */
import { newId } from '../internal/ids.js';
import { stableHash } from '../internal/stable-hash.js';
import type { ApprovalTicket } from '../stores/approval-store.js';
import type { ToolCall } from '../core/types.js';

/** Why a call is gated: the decision type (rule or tool name), the reason, and the rule if any. */
export interface GateReason {
  readonly decisionType: string;
  readonly reason: string;
  readonly rule?: string;
}

/** A JSON copy of `value`, or `{ ok: false }` when it has no faithful JSON form. */
export function toJson(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (value === undefined) return { ok: true, value: undefined };
  try {
    const text = JSON.stringify(value);
    return text === undefined ? { ok: false } : { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Why `call` is gated: a policy's `requiresApproval` wins over a matching `when`. */
export function gateReasonOf(call: ToolCall): GateReason {
  const required = call.requiresApproval;
  if (required) return { decisionType: required.rule, reason: required.reason, rule: required.rule };
  return { decisionType: call.tool, reason: `${call.tool} requires a person's approval` };
}

/**
 * A new `pending` ticket for `call`, expiring `timeoutMs` after `now`. The ticket keeps the
 * args with their secrets redacted (stores, the console and the CLI show them); resuming
 * needs only `argsHash`, and the tool itself still gets the real args.
 */
export function newTicket(call: ToolCall, gate: GateReason, context: { now: number; timeoutMs: number; policyHash: string | undefined; redactArgs?: (args: unknown) => unknown }): ApprovalTicket {
  const args = toJson(context.redactArgs ? context.redactArgs(call.args) : call.args);
  const createdAt = new Date(context.now).toISOString();
  return {
    id: newId('apr'),
    callId: call.callId,
    status: 'pending',
    tool: call.tool,
    args: args.ok ? args.value : `[not JSON-serializable: ${describe(call.args)}]`,
    argsHash: stableHash(call.args),
    agent: call.agent,
    runId: call.runId,
    decisionType: gate.decisionType,
    reason: gate.reason,
    versionId: call.version.id,
    createdAt,
    expiresAt: new Date(context.now + context.timeoutMs).toISOString(),
    updatedAt: createdAt,
    ...(gate.rule !== undefined && { rule: gate.rule }),
    ...(context.policyHash !== undefined && { policyHash: context.policyHash }),
    ...(call.workflow !== undefined && { workflow: call.workflow }),
    ...(call.department !== undefined && { department: call.department }),
    ...(call.sessionId !== undefined && { sessionId: call.sessionId }),
  };
}

/** True when a `pending` ticket is past its expiry at `now`. */
export function isDue(ticket: ApprovalTicket, now: number): boolean {
  return ticket.status === 'pending' && Date.parse(ticket.expiresAt) <= now;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
