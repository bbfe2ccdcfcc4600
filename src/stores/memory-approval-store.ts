/**
 * The default `ApprovalStore`: a map in this process, with an index of live tickets by
 * call id so lookups stay O(1) however many tickets accumulate. Every operation is one
 * synchronous step, so compare-and-set is atomic for free; tickets do not survive a restart
 * (use `fileApprovalStore` or `redisApprovalStore` for that).
 */
import type { ApprovalStore } from './approval-store.js';
import { copyTicket, listTickets, transitionTicket, type TicketTable } from './ticket-table.js';

/**
 * Creates an in-memory approval store (the default of `approval()`).
 * @returns An `ApprovalStore` holding tickets in this process only.
 * @example
 * const store = memoryApprovalStore();
 * createWarden({ agent: 'refunds', middleware: [approval({ when: isLargeRefund, store })] });
 */
export function memoryApprovalStore(): ApprovalStore {
  // No prototype: ids such as `__proto__` or `constructor` are unknown tickets, not Object's members.
  const table: TicketTable = Object.create(null) as TicketTable;
  const liveByCall = new Map<string, string>();
  const live = (callId: string) => {
    const id = liveByCall.get(callId);
    return id === undefined ? undefined : table[id];
  };
  return {
    storeName: 'memoryApprovalStore',
    async open(ticket) {
      const existing = live(ticket.callId);
      if (existing) return { ticket: copyTicket(existing), created: false };
      if (table[ticket.id]) throw new Error(`ticket id ${ticket.id} is already taken`);
      table[ticket.id] = copyTicket(ticket);
      liveByCall.set(ticket.callId, ticket.id);
      return { ticket: copyTicket(ticket), created: true };
    },
    async get(id) {
      const ticket = table[id];
      return ticket && copyTicket(ticket);
    },
    async findByCallId(callId) {
      const ticket = live(callId);
      return ticket && copyTicket(ticket);
    },
    list: async (filter) => listTickets(table, filter),
    async transition(id, change) {
      const result = transitionTicket(table, id, change);
      if (result.ok && change.to === 'void' && liveByCall.get(result.ticket.callId) === id) liveByCall.delete(result.ticket.callId);
      return result;
    },
  };
}
