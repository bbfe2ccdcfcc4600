/**
 * `ApprovalTicketError`: a request about a ticket that cannot be honoured (unknown id,
 * resolved twice, a verdict without `by`, a call whose approved run is in progress or whose
 * outcome cannot be replayed). Problems are a union keyed by `code`, so callers switch on it.
 */
import { WardenError } from '../core/errors.js';
import type { Decision } from '../core/types.js';

/** What went wrong with a ticket request. */
export type ApprovalTicketProblem =
  /** No ticket has this id. */
  | 'unknown_ticket'
  /** The ticket was already approved, rejected, expired or replaced. */
  | 'already_resolved'
  /** The verdict is malformed (e.g. no `by`). */
  | 'invalid_verdict'
  /** The approved call is running right now in another process or warden. */
  | 'approval_in_progress'
  /** The approved call already ran but its outcome cannot be handed back (failed, or the result was not JSON). */
  | 'approval_already_ran';

/** A ticket request that cannot be honoured; `code` says which problem. */
export class ApprovalTicketError extends WardenError {
  override name = 'ApprovalTicketError' as const;
  declare readonly code: ApprovalTicketProblem;
  /** The ticket concerned, when known. */
  readonly ticketId: string | undefined;
  constructor(code: ApprovalTicketProblem, message: string, context: { ticketId?: string; decision?: Decision; cause?: unknown } = {}) {
    super(message, code, context.decision, context.cause === undefined ? undefined : { cause: context.cause });
    this.ticketId = context.ticketId;
  }
}
