/**
 * Real paused calls for console tests: a warden with the approval gate on a file store
 * pauses an `issue_refund` (whose args carry injected markup) and a `wire_money`.
 */
import { ApprovalPendingError } from '../../src/core/errors.js';
import { approval } from '../../src/approval/approval.js';
import type { ApprovalTicket } from '../../src/stores/approval-store.js';
import { fileApprovalStore } from '../../src/stores/file-approval-store.js';
import { createWarden } from '../../src/core/warden.js';
import { INJECTED } from '../report/fixture.js';

/** Pauses two calls in the store at `file`; returns their tickets by tool name. */
export async function pauseTwoCalls(file: string): Promise<{ refund: ApprovalTicket; wire: ApprovalTicket }> {
  const warden = createWarden({ agent: 'refund-agent', version: { model: 'gpt-4o' }, middleware: [approval({ when: () => true, store: fileApprovalStore(file) })] });
  const refund = warden.tool('issue_refund', async () => 'refunded');
  const wire = warden.tool('wire_money', async () => 'sent');
  // Both calls run at once; each rejection is caught as it is made, so neither is ever unhandled.
  const outcomes = await Promise.all([refund({ orderId: 'A1', amount: 250, note: INJECTED }), wire({ to: 'acct-1' })].map((paused) => paused.catch((caught: unknown) => caught)));
  for (const error of outcomes) {
    if (!(error instanceof ApprovalPendingError)) throw new Error(`expected a pause, got ${String(error)}`);
  }
  await warden.close();
  const tickets = await fileApprovalStore(file).list();
  return { refund: tickets.find((ticket) => ticket.tool === 'issue_refund')!, wire: tickets.find((ticket) => ticket.tool === 'wire_money')! };
}
