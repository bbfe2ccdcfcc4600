/**
 * Resolving tickets: a person's verdict (`warden.approvals.resolve`, the CLI) and expiry.
 * Both are one compare-and-set from `pending`, so a ticket is resolved exactly once even
 * when a person, a timeout and another process race for it.
 */
import { z } from 'zod';
import { describeOptionsProblem } from '../internal/options.js';
import type { ApprovalStore, ApprovalTicket, TicketVerdict } from '../stores/approval-store.js';
import { ApprovalTicketError } from './errors.js';
import { isDue } from './ticket.js';

/** A person's answer: approve or not, who, and optionally why. */
export interface ApprovalVerdict {
  approved: boolean;
  by: string;
  reason?: string;
}

const verdictSchema = z.object({
  approved: z.boolean('must be true or false'),
  by: z.string('must name who decided').trim().min(1, 'must name who decided'),
  reason: z.string('must be a string').optional(),
});

/** Checks a verdict, throwing `ApprovalTicketError('invalid_verdict')` naming the field. */
export function checkVerdict(verdict: unknown, ticketId?: string): ApprovalVerdict {
  const parsed = verdictSchema.safeParse(verdict);
  if (parsed.success) return parsed.data;
  const message = describeOptionsProblem('approval verdict', parsed.error.issues[0]!, verdict);
  return invalid(message, ticketId);
}

function invalid(message: string, ticketId: string | undefined): never {
  throw new ApprovalTicketError('invalid_verdict', message, ticketId === undefined ? {} : { ticketId });
}

/** The result of a resolution attempt. */
export interface Resolution {
  readonly ticket: ApprovalTicket;
  /** True when the ticket turned out to be past its expiry and was expired instead. */
  readonly expired: boolean;
}

/**
 * Applies `verdict` to pending ticket `id`. An expired ticket is expired (and reported),
 * not resolved (unless `expire: false`: an inline approver's own timeout wins). Throws `unknown_ticket` or `already_resolved`.
 */
export async function resolveTicket(store: ApprovalStore, id: string, verdict: ApprovalVerdict, context: { now: number; announced: boolean; expire?: boolean }): Promise<Resolution> {
  const ticket = await store.get(id);
  if (!ticket) throw new ApprovalTicketError('unknown_ticket', `no approval ticket with id "${id}" in ${store.storeName}`, { ticketId: id });
  if (context.expire !== false && isDue(ticket, context.now)) {
    const expired = await expireTicket(store, ticket, context.now, context.announced);
    if (expired) return { ticket: expired, expired: true };
  }
  const at = new Date(context.now).toISOString();
  const stored: TicketVerdict = { approved: verdict.approved, by: verdict.by, at, announced: context.announced, ...(verdict.reason !== undefined && { reason: verdict.reason }) };
  const result = await store.transition(id, { from: 'pending', to: verdict.approved ? 'approved' : 'rejected', set: { verdict: stored }, at });
  if (result.ok) return { ticket: result.ticket, expired: false };
  throw alreadyResolved(result.ticket ?? ticket);
}

/** Expires a pending ticket; returns it expired, or `undefined` if someone else changed it first. */
export async function expireTicket(store: ApprovalStore, ticket: ApprovalTicket, now: number, announced: boolean): Promise<ApprovalTicket | undefined> {
  const at = new Date(now).toISOString();
  const verdict: TicketVerdict = { approved: false, by: 'approval', reason: 'expired', at, announced };
  const result = await store.transition(ticket.id, { from: 'pending', to: 'expired', set: { verdict }, at });
  return result.ok ? result.ticket : undefined;
}

/** The error for a second resolution. */
export function alreadyResolved(ticket: ApprovalTicket): ApprovalTicketError {
  const who = ticket.verdict ? ` by ${ticket.verdict.by} at ${ticket.verdict.at}` : '';
  return new ApprovalTicketError('already_resolved', `approval ticket ${ticket.id} is already ${ticket.status}${who}`, { ticketId: ticket.id });
}
