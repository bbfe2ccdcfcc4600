/**
 * The `ApprovalStore` semantics as pure functions over a plain table of tickets, shared by
 * the memory and file stores so both answer exactly alike. A store supplies the atomicity
 * (a synchronous section in memory, a lock around read-modify-rename on disk).
 */
import type { ApprovalTicket, TicketFilter, TicketTransition, TransitionResult } from './approval-store.js';

/** Tickets by id. */
export type TicketTable = Record<string, ApprovalTicket>;

/** A deep copy, so callers and the table never share objects. */
export function copyTicket(ticket: ApprovalTicket): ApprovalTicket {
  return JSON.parse(JSON.stringify(ticket)) as ApprovalTicket;
}

/** The live (not `void`) ticket of a call, if any. */
export function liveTicket(table: TicketTable, callId: string): ApprovalTicket | undefined {
  for (const ticket of Object.values(table)) {
    if (ticket.callId === callId && ticket.status !== 'void') return ticket;
  }
  return undefined;
}

/** Inserts `ticket` unless its call has a live one. Mutates `table`. */
export function openTicket(table: TicketTable, ticket: ApprovalTicket): { ticket: ApprovalTicket; created: boolean } {
  const live = liveTicket(table, ticket.callId);
  if (live) return { ticket: copyTicket(live), created: false };
  if (table[ticket.id]) throw new Error(`ticket id ${ticket.id} is already taken`);
  table[ticket.id] = copyTicket(ticket);
  return { ticket: copyTicket(ticket), created: true };
}

/** Applies a compare-and-set. Mutates `table` only when the status matches. */
export function transitionTicket(table: TicketTable, id: string, change: TicketTransition): TransitionResult {
  const current = table[id];
  if (!current || current.status !== change.from) return { ok: false, ticket: current && copyTicket(current) };
  const next: ApprovalTicket = copyTicket({ ...current, ...change.set, status: change.to, updatedAt: change.at });
  table[id] = next;
  return { ok: true, ticket: copyTicket(next) };
}

/** Tickets matching `filter`, oldest first. */
export function listTickets(table: TicketTable, filter: TicketFilter = {}): ApprovalTicket[] {
  const statuses = filter.status === undefined ? undefined : typeof filter.status === 'string' ? [filter.status] : filter.status;
  return Object.values(table)
    .filter((ticket) => (statuses ? statuses.includes(ticket.status) : true) && (filter.callId === undefined || ticket.callId === filter.callId))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .map(copyTicket);
}
