/**
 * The demo agent behind `npm run demo` and `agentwarden demo`: a scripted refund agent (no
 * model key, no network) that prints the decision each guard makes and the span tree
 * OpenTelemetry receives: an allowed call, a validation failure, a policy deny, a loop
 * halted, and the kill switch.
 */
import { z } from 'zod';
import { createWarden } from '../core/warden.js';
import { isWardenError } from '../core/errors.js';
import { loopBreaker } from '../loop/loop-breaker.js';
import { policy } from '../policy/policy.js';
import { retry } from '../retry/retry.js';
import { tracing } from '../tracing/tracing.js';
import type { Decision } from '../core/types.js';
import { formatSpanTree } from '../testing/span-tree.js';
import { memoryTracing } from '../testing/memory-tracing.js';

/** Where the demo writes; defaults to the terminal. */
export interface DemoOutput {
  write(line: string): void;
  color?: boolean;
}

/** Runs the scripted refund agent and prints what agentwarden saw and decided. */
export async function runRefundDemo(output: DemoOutput = { write: (line) => void process.stdout.write(`${line}\n`), color: Boolean(process.stdout.isTTY) }): Promise<void> {
  const print = (line: string) => output.write(line);
  const color = (code: number) => (text: string) => (output.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const [green, red, yellow, dim, bold] = [32, 31, 33, 2, 1].map(color) as [(t: string) => string, (t: string) => string, (t: string) => string, (t: string) => string, (t: string) => string];

  // 1. Where spans go. A real app already has a tracer provider; the demo keeps spans in memory.
  const otel = memoryTracing();

  // 2. The warden: who the agent is, which version runs, and the guards in onion order.
  const warden = createWarden({
    agent: 'refund-agent',
    version: { prompt: 'You are a careful refund agent.', model: 'scripted-model-1', knowledgeBase: 'kb-2026-03' },
    middleware: [
      tracing({ tracerProvider: otel.provider }),
      policy({
        agents: { 'refund-agent': { allow: ['lookup_order', 'issue_refund', 'send_email'] } },
        deny: ['delete_customer'],
        rules: [{ name: 'refund-cap', when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 1000, then: 'deny', reason: 'refunds over $1000 are never automatic' }],
      }),
      loopBreaker({ maxRepeats: 2 }),
      retry({ retries: 1, minTimeoutMs: 5 }),
    ],
  });

  // 3. The tools, wrapped: same signatures, now guarded.
  const orders: Record<string, { total: number; status: string }> = { A1: { total: 120, status: 'delivered' }, B7: { total: 2400, status: 'delivered' } };
  const lookupOrder = warden.tool('lookup_order', async ({ orderId }: { orderId: string }) => orders[orderId] ?? { total: 0, status: 'unknown' }, {
    input: z.object({ orderId: z.string().regex(/^[A-Z]\d+$/, 'order ids look like A1') }),
  });
  const issueRefund = warden.tool('issue_refund', async ({ orderId, amount }: { orderId: string; amount: number }) => ({ refundId: `R-${orderId}`, amount }), {
    input: z.object({ orderId: z.string(), amount: z.number().positive() }),
    risk: 'high',
  });
  const deleteCustomer = warden.tool('delete_customer', async (_args: { customerId: string }) => ({ deleted: true }));
  const tools: Record<string, (args: never) => Promise<unknown>> = { lookup_order: lookupOrder, issue_refund: issueRefund, delete_customer: deleteCustomer };

  // 4. Decisions, as they happen.
  warden.on('decision', (decision: Decision) => {
    const mark = decision.outcome === 'allow' ? green('allow') : decision.outcome === 'halt' ? red('HALT ') : red(decision.outcome.padEnd(5));
    print(`    ${mark} ${decision.tool.padEnd(16)} ${dim(`by ${decision.by}${decision.rule ? ` (${decision.rule})` : ''}: ${decision.reason}`)}`);
  });

  // 5. A scripted "model": each run is the list of tool calls the model would make.
  type Step = { tool: string; args: unknown };
  const script: Array<{ title: string; steps: Step[] }> = [
    { title: 'A normal refund', steps: [{ tool: 'lookup_order', args: { orderId: 'A1' } }, { tool: 'issue_refund', args: { orderId: 'A1', amount: 120 } }] },
    { title: 'The model sends a malformed order id (validation)', steps: [{ tool: 'lookup_order', args: { orderId: 'order number one' } }] },
    { title: 'The model goes out of bounds (policy)', steps: [{ tool: 'issue_refund', args: { orderId: 'B7', amount: 2400 } }, { tool: 'delete_customer', args: { customerId: 'C9' } }] },
    { title: 'The model gets stuck in a loop (loop breaker)', steps: Array.from({ length: 4 }, () => ({ tool: 'lookup_order', args: { orderId: 'B7' } })) },
  ];

  async function agentLoop(title: string, steps: Step[], index: number): Promise<void> {
    print(`\n${bold(`Run ${index + 1}: ${title}`)}`);
    await warden.run({ sessionId: `session-${index + 1}`, workflow: 'claims', department: 'finance' }, async () => {
      for (const step of steps) {
        try {
          const result = await tools[step.tool]!(step.args as never);
          print(`    ${dim('→')} ${step.tool} returned ${JSON.stringify(result)}`);
        } catch (error) {
          if (!isWardenError(error)) throw error;
          print(`    ${yellow('✗')} ${step.tool} refused: ${error.name} (${error.code})`);
          // Denials go back to the model as tool errors; a halt ends the run.
          if (error.code === 'loop_detected' || error.code === 'halted') return;
        }
      }
    });
  }

  for (const [index, run] of script.entries()) await agentLoop(run.title, run.steps, index);

  print(`\n${bold('An operator pulls the kill switch')}`);
  warden.on('halt', ({ reason }) => print(`    ${red('KILL SWITCH')} ${reason}`));
  warden.halt('incident INC-311: refunds paused by on-call');
  await agentLoop('the agent tries a refund while halted', [{ tool: 'issue_refund', args: { orderId: 'A1', amount: 10 } }], 4).catch(() => {});
  warden.resume();

  print(`\n${bold('Spans sent to OpenTelemetry')} ${dim(`(version ${warden.version.id})`)}`);
  print(formatSpanTree(otel.spans(), ['gen_ai.conversation.id', 'agentwarden.decision', 'error.type']));
  print(`\n${dim(`warden.stats(): ${JSON.stringify(warden.stats())}  ·  ${otel.spans().length} spans  ·  no network, no key`)}`);
  await otel.shutdown();
}
