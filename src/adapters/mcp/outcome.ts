/**
 * What a guard's refusal becomes on the MCP wire: a tool error result (`isError: true`) whose
 * text carries the warden's reason, so a model reads why and can recover, and whose `_meta`
 * carries the decision for programs. Stops (budget, loop, kill switch, a pending approval)
 * are told apart from refusals: a client always throws them, since the loop must end.
 */
import { isWardenError, type WardenError } from '../../core/errors.js';
import type { Decision } from '../../core/types.js';

/** Error codes that always end the agent loop, never a readable result. */
const STOP_CODES: ReadonlySet<string> = new Set(['budget_exceeded', 'loop_detected', 'halted', 'approval_pending']);

/** `_meta` key under which a refusal result carries the warden's decision. */
export const DECISION_META_KEY = 'agentwarden/decision';

/** `_meta` key a caller may set on a `tools/call` request to name the call (approvals and replays key on it). */
export const CALL_ID_META_KEY = 'agentwarden/callId';

/** A guard's refusal, with its decision. */
export type RefusalError = WardenError & { readonly decision: Decision };

/** True for a guard's refusal the model may read and recover from (policy, validation, injection, rejection, timeout). */
export function isRefusal(error: unknown): error is RefusalError {
  return isWardenError(error) && error.decision !== undefined && !STOP_CODES.has(error.code);
}

/** True for any error a guard raised with a decision, stops included. */
export function isGuardError(error: unknown): error is RefusalError {
  return isWardenError(error) && error.decision !== undefined;
}

/** An MCP tool result as agentwarden builds it: text content, `isError`, and the decision in `_meta`. */
export interface RefusalResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  isError: true;
  _meta: { [DECISION_META_KEY]: { code: string; outcome: Decision['outcome']; by: string; rule?: string; callId: string } };
}

/** The MCP error result for a refused call. */
export function refusalResult(error: RefusalError): RefusalResult {
  const { by, reason, rule, outcome, callId } = error.decision;
  return {
    content: [{ type: 'text', text: `Call refused by ${by}${rule ? ` (rule ${rule})` : ''}: ${reason}` }],
    isError: true,
    _meta: { [DECISION_META_KEY]: { code: error.code, outcome, by, callId, ...(rule !== undefined && { rule }) } },
  };
}

/** The callId a request's `_meta` names, if it names one. */
export function callIdFromMeta(meta: unknown): string | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const value = (meta as Record<string, unknown>)[CALL_ID_META_KEY];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
