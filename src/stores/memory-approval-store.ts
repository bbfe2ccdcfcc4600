/**
 * The default `ApprovalStore`: a map in this process. Every operation is one synchronous
 * step, so compare-and-set is atomic for free; tickets do not survive a restart (use
 * `fileApprovalStore` or `redisApprovalStore` for that).
 */
import type { ApprovalStore } from './approval-store.js';
import { copyTicket, listTickets, liveTicket, openTicket, transitionTicket, type TicketTable } from './ticket-table.js';

/**
 * Creates an in-memory approval store (the default of `approval()`).
 * @returns An `ApprovalStore` holding tickets in this process only.
 * @example
 * const store = memoryApprovalStore();
 * createWarden({ agent: 'refunds', middleware: [approval({ when: isLargeRefund, store })] });
 */
export function memoryApprovalStore(): ApprovalStore {
  const table: TicketTable = {};
  return {
    storeName: 'memoryApprovalStore',
    open: async (ticket) => openTicket(table, ticket),
    get: async (id) => {
      const ticket = table[id];
      return ticket && copyTicket(ticket);
    },
    findByCallId: async (callId) => {
      const ticket = liveTicket(table, callId);
      return ticket && copyTicket(ticket);
    },
    list: async (filter) => listTickets(table, filter),
    transition: async (id, change) => transitionTicket(table, id, change),
  };
}
