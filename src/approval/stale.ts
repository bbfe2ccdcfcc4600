/**
 * Stale checks: an approval is for one call as it was when the person looked at it. If the
 * agent's version, the policy in force or the args differ when the call resumes, the
 * approval no longer fits and `onStale` decides what happens.
 */
import { stableHash } from '../internal/stable-hash.js';
import type { ApprovalTicket } from '../stores/approval-store.js';
import type { ToolCall } from '../core/types.js';

/** What `approval` does with an approval that no longer fits the call. */
export type OnStale = 'reask' | 'reject' | 'accept';

/** Why `ticket` no longer fits `call` (empty when it still fits). */
export function staleReasons(ticket: ApprovalTicket, call: ToolCall, policyHash: string | undefined): string[] {
  const reasons: string[] = [];
  if (ticket.versionId !== call.version.id) reasons.push(`version changed from ${ticket.versionId} to ${call.version.id}`);
  if (ticket.policyHash !== policyHash) reasons.push(`policy changed from ${ticket.policyHash ?? 'none'} to ${policyHash ?? 'none'}`);
  if (ticket.argsHash !== stableHash(call.args)) reasons.push('args differ from the ones in the ticket');
  return reasons;
}
