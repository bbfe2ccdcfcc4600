/**
 * Approval tickets for console tests, kept in a Map with the compare-and-set semantics of
 * the `ApprovalStore` contract (`list`, `get`, `transition` from one status to another).
 */
import type { TicketStoreLike } from '../../src/console/approval-inbox.js';
import { INJECTED } from '../report/fixture.js';

type Ticket = Record<string, unknown> & { id: string; status: string };

/** A store holding two pending tickets; one has injected markup in its args. */
export function ticketTable(): TicketStoreLike & { tickets: Map<string, Ticket> } {
  const tickets = new Map<string, Ticket>();
  const base = { agent: 'refund-agent', runId: 'run_1', versionId: 'v_0123456789abcdef', createdAt: '2026-03-01T09:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z', decisionType: 'large-refund', argsHash: 'x' };
  tickets.set('apr_1', { ...base, id: 'apr_1', callId: 'call_1', status: 'pending', tool: 'issue_refund', args: { orderId: 'A1', amount: 250, note: INJECTED }, reason: 'refund of 250 needs a person' });
  tickets.set('apr_2', { ...base, id: 'apr_2', callId: 'call_2', status: 'pending', tool: 'wire_money', args: { to: 'acct-1' }, reason: 'wires need a person' });
  return {
    storeName: 'test tickets',
    tickets,
    async list(filter) {
      const statuses = filter?.status === undefined ? undefined : ([] as string[]).concat(filter.status);
      return [...tickets.values()].filter((ticket) => !statuses || statuses.includes(ticket.status)).map((ticket) => structuredClone(ticket));
    },
    async get(id) {
      const ticket = tickets.get(id);
      return ticket && structuredClone(ticket);
    },
    async transition(id, change) {
      const ticket = tickets.get(id);
      if (!ticket || ticket.status !== change.from) return { ok: false, ticket };
      const next = { ...ticket, ...change.set, status: change.to, updatedAt: change.at };
      tickets.set(id, next);
      return { ok: true, ticket: next };
    },
  };
}
