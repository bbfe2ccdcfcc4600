/**
 * Scripted models and small tools for the LangChain adapter tests. The model is
 * `fakeModel()` from `@langchain/core/testing`: the real package's own scripted chat model
 * (it supports `bindTools` and returns our AI messages, `usage_metadata` included).
 */
import { AIMessage } from '@langchain/core/messages';
import { fakeModel, type FakeBuiltModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';

/** One scripted model turn. */
export type Turn = { calls: Array<{ name: string; args: Record<string, unknown>; id: string }>; tokens: [number, number] } | { answer: string; tokens: [number, number] };

/** A fresh scripted model that plays `turns` in order (one per model call). */
export function scriptedModel(turns: readonly Turn[]): FakeBuiltModel {
  const model = fakeModel();
  for (const turn of turns) {
    const [input, output] = turn.tokens;
    const usage_metadata = { input_tokens: input, output_tokens: output, total_tokens: input + output };
    model.respond(
      'answer' in turn
        ? new AIMessage({ content: turn.answer, usage_metadata })
        : new AIMessage({ content: '', tool_calls: turn.calls.map((call) => ({ ...call, type: 'tool_call' as const })), usage_metadata }),
    );
  }
  return model;
}

/** A `lookup` tool that answers with the order's status, counting its runs. */
export function lookupTool() {
  const runs: string[] = [];
  const lookup = tool(
    async ({ orderId }: { orderId: string }) => {
      runs.push(orderId);
      return `order ${orderId}: shipped`;
    },
    { name: 'lookup_order', description: 'Looks an order up by id.', schema: z.object({ orderId: z.string().describe('The order id') }) },
  );
  return { lookup, runs };
}

/** A `refund` tool, counting its runs. */
export function refundTool() {
  const runs: number[] = [];
  const refund = tool(
    async ({ amount }: { amount: number }) => {
      runs.push(amount);
      return `refunded ${amount}`;
    },
    { name: 'issue_refund', description: 'Refunds an amount to the customer.', schema: z.object({ orderId: z.string(), amount: z.number() }) },
  );
  return { refund, runs };
}
