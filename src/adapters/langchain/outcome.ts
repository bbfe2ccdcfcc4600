/**
 * What a guarded LangChain tool call's failure means for the agent loop: a stop (budget,
 * loop, kill switch, a pending approval) ends the run with the typed error; a denial (policy,
 * validation, injection, a rejected approval, a timeout) becomes an error `ToolMessage`
 * the model reads and can recover from.
 */
import { ToolMessage } from '@langchain/core/messages';
import { isWardenError, type WardenError } from '../../core/errors.js';
import type { Decision } from '../../core/types.js';

// Errors that end the agent loop: budget, loop, halt, pending approval.
const STOP_CODES: ReadonlySet<string> = new Set(['budget_exceeded', 'loop_detected', 'halted', 'approval_pending']);

/** True for a guard's refusal the model may see and recover from. */
export function isDenialError(error: unknown): error is WardenError & { readonly decision: Decision } {
  return isWardenError(error) && error.decision !== undefined && !STOP_CODES.has(error.code);
}

/** The error `ToolMessage` the model reads when a guard refuses a call. */
export function denialMessage(error: WardenError & { readonly decision: Decision }, toolName: string, toolCallId: string): ToolMessage {
  const { by, reason, rule } = error.decision;
  return new ToolMessage({
    content: `Call refused by ${by}${rule ? ` (rule ${rule})` : ''}: ${reason}`,
    tool_call_id: toolCallId,
    name: toolName,
    status: 'error',
    // `metadata` stays on our side: providers do not send it to the model.
    metadata: { agentwarden: { code: error.code, outcome: error.decision.outcome, by, ...(rule !== undefined && { rule }) } },
  });
}

/** The message LangChain's ToolNode writes for a tool's own error when no middleware is present. */
export function toolErrorMessage(error: unknown, toolName: string, toolCallId: string): ToolMessage {
  return new ToolMessage({ content: `${String(error)}\n Please fix your mistakes.`, tool_call_id: toolCallId, name: toolName, status: 'error' });
}
