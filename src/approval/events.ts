/**
 * The payload of the warden's `approval` event, in a file of its own so the warden's core
 * types can name it without importing the approval engine.
 */
import type { ApprovalTicket } from '../stores/approval-store.js';

/** Kinds of the `approval` event. */
export type ApprovalEventKind = 'requested' | 'approved' | 'rejected' | 'expired' | 'voided' | 'executed' | 'failed';

/** Payload of the warden's `approval` event. */
export interface ApprovalEvent {
  readonly kind: ApprovalEventKind;
  readonly ticket: ApprovalTicket;
  readonly at: string;
}
