/**
 * agentwarden approvals as LangGraph human-in-the-loop: a call that waits for a person
 * pauses the graph with `interrupt()` (the run ends with `__interrupt__`, state kept by the
 * checkpointer) instead of throwing. Resuming with `Command({ resume: { approved, by, reason } })`
 * records that verdict on the ticket and runs the tool step again: the same `tool_call_id`,
 * so the approved call runs exactly once, and a rejected one becomes an error `ToolMessage`.
 */
import { interrupt } from '@langchain/langgraph';
import { ApprovalPendingError, isWardenError } from '../../core/errors.js';
import type { Warden } from '../../core/warden.js';

/** What the graph's `__interrupt__` carries for a call waiting for approval. */
export interface ApprovalInterrupt {
  readonly type: 'agentwarden.approval';
  readonly ticketId: string;
  readonly tool: string;
  readonly callId: string;
  readonly reason: string;
  readonly ticket: unknown;
}

/** The value to resume with: `new Command({ resume: { approved: true, by: 'alice' } })`. */
export interface ApprovalResume {
  approved: boolean;
  by: string;
  reason?: string;
}

/**
 * Turns a pending approval into a LangGraph interrupt. Returns once the graph is resumed with
 * a verdict and that verdict is on the ticket; the caller then runs the call again.
 * Throws LangGraph's interrupt on the first pass, and the original error when the ticket has no id.
 */
export async function awaitApprovalByInterrupt(warden: Warden, pending: ApprovalPendingError): Promise<void> {
  const ticket = pending.ticket as { id?: unknown } | undefined;
  if (typeof ticket?.id !== 'string') throw pending;
  const payload: ApprovalInterrupt = {
    type: 'agentwarden.approval',
    ticketId: ticket.id,
    tool: pending.decision.tool,
    callId: pending.decision.callId,
    reason: pending.decision.reason,
    ticket: pending.ticket,
  };
  const verdict = interrupt<ApprovalInterrupt, ApprovalResume>(payload);
  try {
    await warden.approvals.resolve(ticket.id, verdict);
  } catch (error) {
    // Resolved meanwhile (the CLI, another process): the ticket's own verdict stands.
    if (!(isWardenError(error) && error.code === 'already_resolved')) throw error;
  }
}

/** True for the error an approval gate throws while a call waits for a person. */
export function isApprovalPending(error: unknown): error is ApprovalPendingError {
  return isWardenError(error) && error.code === 'approval_pending';
}
