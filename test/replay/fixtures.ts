/** A small refund agent used by the replay and eval tests: plain tools, a scripted loop. */
import { createWarden, decide, PolicyDeniedError, type Middleware, type Warden } from '../../src/index.js';

export interface Order {
  id: string;
  total: number;
  status: string;
}

export const orders: Record<string, Order> = {
  A1: { id: 'A1', total: 120, status: 'delivered' },
  B2: { id: 'B2', total: 40, status: 'lost' },
};

/** Denies refunds above `max`; a guard that makes decisions the recorder sees. */
export function refundLimit(max: number): Middleware {
  return async function refundLimit(call, next) {
    if (call.tool !== 'issue_refund') return next();
    const amount = (call.args as { amount: number }).amount;
    if (amount > max) throw new PolicyDeniedError(decide(call, { outcome: 'deny', by: 'refundLimit', rule: 'max-refund', reason: `refund ${amount} is above ${max}` }));
    decide(call, { outcome: 'allow', by: 'refundLimit', rule: 'max-refund', reason: `refund ${amount} within ${max}` });
    return next();
  };
}

export interface ToolImplementations {
  lookupOrder?: (args: { orderId: string }) => Promise<Order> | Order;
  issueRefund?: (args: { orderId: string; amount: number }) => Promise<{ refundId: string; amount: number }> | { refundId: string; amount: number };
}

export const realTools: Required<ToolImplementations> = {
  lookupOrder: ({ orderId }) => {
    const order = orders[orderId];
    if (!order) throw new Error(`no order ${orderId}`);
    return order;
  },
  issueRefund: ({ orderId, amount }) => ({ refundId: `R-${orderId}-${amount}`, amount }),
};

/** Tools that fail if run: proves a replay is served from the tape. */
export const unreachableTools: Required<ToolImplementations> = {
  lookupOrder: () => {
    throw new Error('lookupOrder must not run during replay');
  },
  issueRefund: () => {
    throw new Error('issueRefund must not run during replay');
  },
};

/** The agent loop: look the order up, refund `share` of it, report. */
export async function refundAgent(warden: Warden, tools: ToolImplementations, input: { orderId: string; share?: number }): Promise<string> {
  const lookup = warden.tool('lookup_order', tools.lookupOrder ?? realTools.lookupOrder);
  const refund = warden.tool('issue_refund', tools.issueRefund ?? realTools.issueRefund);
  await warden.recordUsage({ model: 'scripted', inputTokens: 120, outputTokens: 30 });
  let order: Order;
  try {
    order = await lookup({ orderId: input.orderId });
  } catch (error) {
    return `could not find order: ${(error as Error).message}`;
  }
  await warden.recordUsage({ model: 'scripted', inputTokens: 200, outputTokens: 40 });
  try {
    const done = await refund({ orderId: order.id, amount: order.total * (input.share ?? 1) });
    return `refunded ${done.amount} as ${done.refundId}`;
  } catch (error) {
    return `refund refused: ${(error as Error).message}`;
  }
}

export function wardenWith(middleware: Middleware[]): Warden {
  return createWarden({ agent: 'refunds', version: { prompt: 'refund fairly', model: 'scripted' }, middleware });
}
