/** Decisions about a ticket made outside a call (resolve, expiry), with the call's identity from the ticket. */
import type { ApprovalTicket } from '../stores/approval-store.js';
import type { Decision } from '../core/types.js';
import type { DecisionInput } from '../core/decision.js';

/** A `Decision` about `ticket`'s call, made at `now`. */
export function ticketDecision(ticket: ApprovalTicket, input: DecisionInput, now: number): Decision {
  return {
    outcome: input.outcome,
    by: input.by,
    reason: input.reason,
    tool: ticket.tool,
    callId: ticket.callId,
    agent: ticket.agent,
    at: new Date(now).toISOString(),
    runId: ticket.runId,
    versionId: ticket.versionId,
    ...(input.rule !== undefined && { rule: input.rule }),
    ...(ticket.sessionId !== undefined && { sessionId: ticket.sessionId }),
    ...(ticket.workflow !== undefined && { workflow: ticket.workflow }),
    ...(ticket.department !== undefined && { department: ticket.department }),
    ...(input.details !== undefined && { details: input.details }),
  };
}
