/** A scripted refund agent for eval tests: the model's answers are plans, the tools are offline. */
import type { EvalAgentContext, EvalCase } from '../../src/eval/types.js';
import type { ScriptedModel } from '../../src/eval/scripted-model.js';
import { realTools, refundLimit } from '../replay/fixtures.js';

export type Plan = { tool: 'lookup_order' | 'issue_refund'; args: Record<string, unknown> } | { final: true };

/** Runs the plans the model hands out; returns a summary of the last tool result. */
export async function planAgent({ warden, model }: EvalAgentContext<unknown, ScriptedModel>): Promise<string> {
  const tools = {
    lookup_order: warden.tool('lookup_order', realTools.lookupOrder),
    issue_refund: warden.tool('issue_refund', realTools.issueRefund),
  };
  let last = 'nothing done';
  for (let step = 0; step < 10; step++) {
    const plan = model.next() as Plan;
    await warden.recordUsage({ model: 'scripted', inputTokens: 100, outputTokens: 20 });
    if ('final' in plan) return last;
    try {
      const result = (await tools[plan.tool](plan.args as never)) as { refundId?: string; amount?: number; id?: string };
      last = result.refundId ? `refunded ${result.amount} as ${result.refundId}` : `found ${result.id}`;
    } catch (error) {
      last = `refused: ${(error as Error).message}`;
    }
  }
  return last;
}

const good = (orderId: string, amount: number): Plan[] => [{ tool: 'lookup_order', args: { orderId } }, { tool: 'issue_refund', args: { orderId, amount } }, { final: true }];
const bad = (orderId: string, amount: number): Plan[] => [{ tool: 'lookup_order', args: { orderId } }, { tool: 'lookup_order', args: { orderId } }, { tool: 'issue_refund', args: { orderId, amount: amount * 100 } }, { final: true }];

/** Five cases; `worse` decides which side refunds a hundred times too much (and is denied). */
export function refundCases(worse: 'baseline' | 'candidate' | 'none'): EvalCase[] {
  const orders: Array<[string, number]> = [['A1', 120], ['B2', 40], ['A1', 60], ['B2', 20], ['A1', 10]];
  return orders.map(([orderId, amount], index) => ({
    id: `case-${index + 1}`,
    input: { orderId, amount },
    expected: `refunded ${amount} as R-${orderId}-${amount}`,
    answers: {
      baseline: worse === 'baseline' ? bad(orderId, amount) : good(orderId, amount),
      candidate: worse === 'candidate' ? bad(orderId, amount) : good(orderId, amount),
    },
  }));
}

/** The guard both sides run under: refunds above 200 are denied. */
export const evalWarden = () => ({ agent: 'refunds', middleware: [refundLimit(200)] });

export const versionA = { prompt: 'Refund the order total once.', model: 'scripted' };
export const versionB = { prompt: 'Refund generously.', model: 'scripted' };
