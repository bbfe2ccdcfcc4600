/**
 * Inline mode: asks the user's async `approver` and bounds the wait. No answer in time is a
 * rejection with reason `timeout`; an approver that throws or answers garbage is a
 * rejection too (fail closed), never an approval.
 */
import type { ApprovalTicket } from '../stores/approval-store.js';
import type { Clock, ToolCall } from '../core/types.js';
import { checkVerdict, type ApprovalVerdict } from './resolve.js';

/** What an inline approver is asked. */
export interface ApprovalRequest {
  /** The stored ticket (JSON): tool, args, reason, decision type, version. */
  readonly ticket: ApprovalTicket;
  /** The live call. */
  readonly call: ToolCall;
  /** Rule name or tool name: route different kinds of approval to different people. */
  readonly decisionType: string;
  readonly reason: string;
  /** Aborted when the approval times out or the call is cancelled. */
  readonly signal: AbortSignal;
}

/** An inline approver: answers `{ approved, by, reason? }`. */
export type Approver = (request: ApprovalRequest) => Promise<ApprovalVerdict>;

/** Asks `approver`, waiting at most `waitMs` on `clock`; rejects on the call's abort. */
export function askApprover(approver: Approver, ticket: ApprovalTicket, call: ToolCall, context: { clock: Clock; waitMs: number; onError: (error: unknown) => void }): Promise<ApprovalVerdict> {
  const controller = new AbortController();
  const request: ApprovalRequest = { ticket, call, decisionType: ticket.decisionType, reason: ticket.reason, signal: controller.signal };
  return new Promise<ApprovalVerdict>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      context.clock.clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      controller.abort();
      settle();
    };
    const timer = context.clock.setTimeout(() => finish(() => resolve({ approved: false, by: 'approval', reason: 'timeout' })), Math.max(0, context.waitMs));
    const onAbort = () => finish(() => reject(call.signal?.reason));
    call.signal?.addEventListener('abort', onAbort, { once: true });
    if (call.signal?.aborted) return onAbort();
    Promise.resolve()
      .then(() => approver(request))
      .then(
        (answer) => {
          let verdict: ApprovalVerdict;
          try {
            verdict = checkVerdict(answer, ticket.id);
          } catch (error) {
            context.onError(error);
            verdict = { approved: false, by: 'approval', reason: `approver answered an invalid verdict: ${(error as Error).message}` };
          }
          finish(() => resolve(verdict));
        },
        (error: unknown) => {
          context.onError(error);
          finish(() => resolve({ approved: false, by: 'approval', reason: `approver failed: ${error instanceof Error ? error.message : String(error)}` }));
        },
      );
  });
}
