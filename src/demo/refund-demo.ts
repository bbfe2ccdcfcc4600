/**
 * The demo agent behind `npm run demo` and `agentwarden demo`: a scripted refund agent (no
 * model key, no network) that prints the decision each guard makes and the span tree
 * OpenTelemetry receives: an allowed call, a validation failure, a policy deny, a loop
 * halted, a refund paused for a person, and the kill switch. It writes its audit file and
 * approvals store into a folder and ends with the commands to try on them.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  approval,
  auditLog,
  createWarden,
  fileApprovalStore,
  isWardenError,
  loopBreaker,
  policy,
  retry,
  tokenBudget,
  tracing,
  type ApprovalTicket,
  type Decision,
} from '../index.js';
import { formatSpanTree, memoryTracing } from '../testing/index.js';

/** The folder the demo writes into when none is given. */
export const DEFAULT_DEMO_DIR = 'agentwarden-demo';

/** The files the demo writes (and replaces on the next run) inside its folder. */
export const DEMO_FILES = { audit: 'audit.jsonl', approvals: 'approvals.json' } as const;

/** Where the demo prints and where it writes its files. */
export interface DemoOptions {
  /** Prints one line. Defaults to stdout. */
  write?: (line: string) => void;
  /** ANSI colours. Defaults to whether stdout is a terminal. */
  color?: boolean;
  /** The folder for the audit file and the approvals store. Defaults to `./agentwarden-demo`. */
  dir?: string;
}

/** What the demo wrote, for the commands that come next. */
export interface DemoResult {
  readonly dir: string;
  readonly auditFile: string;
  readonly approvalsFile: string;
}

/** Runs the scripted refund agent, prints what agentwarden saw and decided, and says what to try next. */
export async function runRefundDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const print = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const useColor = options.color ?? (options.write === undefined && Boolean(process.stdout.isTTY));
  const color = (code: number) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
  const [green, red, yellow, dim, bold] = [32, 31, 33, 2, 1].map(color) as [(t: string) => string, (t: string) => string, (t: string) => string, (t: string) => string, (t: string) => string];

  // 0. The folder the demo writes into, emptied of the previous run's files (and nothing else).
  const dir = resolve(options.dir ?? DEFAULT_DEMO_DIR);
  mkdirSync(dir, { recursive: true });
  removePreviousRun(dir);
  const auditFile = join(dir, DEMO_FILES.audit);
  const approvalsFile = join(dir, DEMO_FILES.approvals);

  // 1. Where spans go. A real app already has a tracer provider; the demo keeps spans in memory.
  const otel = memoryTracing();

  // 2. The warden: who the agent is, which version runs, the guards in onion order, and the audit trail.
  const model = 'scripted-model-1';
  const warden = createWarden({
    agent: 'refund-agent',
    version: { prompt: 'You are a careful refund agent.', model, knowledgeBase: 'kb-2026-03' },
    middleware: [
      tracing({ tracerProvider: otel.provider }),
      policy({
        agents: { 'refund-agent': { allow: ['lookup_order', 'issue_refund', 'send_email'] } },
        deny: ['delete_customer'],
        rules: [
          { name: 'refund-cap', when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 1000, then: 'deny', reason: 'refunds over $1000 are never automatic' },
          { name: 'big-refund', when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 500, then: 'require_approval', reason: 'refunds over $500 need a person' },
        ],
      }),
      approval({ store: fileApprovalStore(approvalsFile) }),
      loopBreaker({ maxRepeats: 2 }),
      retry({ retries: 1, minTimeoutMs: 5 }),
      tokenBudget({ costLimits: { department: { '*': 5 } }, pricing: { [model]: { input: 2.5, output: 10 } } }),
    ],
    audit: auditLog({ file: auditFile }),
  });

  // 3. The tools, wrapped: same signatures, now guarded.
  const orders: Record<string, { total: number; status: string }> = { A1: { total: 120, status: 'delivered' }, B7: { total: 2400, status: 'delivered' }, C3: { total: 640, status: 'damaged' } };
  const lookupOrder = warden.tool('lookup_order', async ({ orderId }: { orderId: string }) => orders[orderId] ?? { total: 0, status: 'unknown' }, {
    input: z.object({ orderId: z.string().regex(/^[A-Z]\d+$/, 'order ids look like A1') }),
  });
  const issueRefund = warden.tool('issue_refund', async ({ orderId, amount }: { orderId: string; amount: number }) => ({ refundId: `R-${orderId}`, amount }), {
    input: z.object({ orderId: z.string(), amount: z.number().positive() }),
    risk: 'high',
  });
  const deleteCustomer = warden.tool('delete_customer', async (_args: { customerId: string }) => ({ deleted: true }));
  const tools: Record<string, (args: never, call?: { callId: string }) => Promise<unknown>> = { lookup_order: lookupOrder, issue_refund: issueRefund, delete_customer: deleteCustomer };

  // 4. Decisions, as they happen.
  warden.on('decision', (decision: Decision) => {
    const mark = decision.outcome === 'allow' ? green('allow') : decision.outcome === 'halt' ? red('HALT ') : decision.outcome === 'pause' ? yellow('pause') : red(decision.outcome.padEnd(5));
    print(`    ${mark} ${decision.tool.padEnd(16)} ${dim(`by ${decision.by}${decision.rule ? ` (${decision.rule})` : ''}: ${decision.reason}`)}`);
  });

  // 5. A scripted "model": each run is the list of tool calls the model would make, and each turn's tokens are billed.
  type Step = { tool: string; args: unknown };
  const script: Array<{ title: string; department: string; steps: Step[] }> = [
    { title: 'A normal refund', department: 'finance', steps: [{ tool: 'lookup_order', args: { orderId: 'A1' } }, { tool: 'issue_refund', args: { orderId: 'A1', amount: 120 } }] },
    { title: 'The model sends a malformed order id (validation)', department: 'support', steps: [{ tool: 'lookup_order', args: { orderId: 'order number one' } }] },
    { title: 'The model goes out of bounds (policy)', department: 'finance', steps: [{ tool: 'issue_refund', args: { orderId: 'B7', amount: 2400 } }, { tool: 'delete_customer', args: { customerId: 'C9' } }] },
    { title: 'The model gets stuck in a loop (loop breaker)', department: 'support', steps: Array.from({ length: 4 }, () => ({ tool: 'lookup_order', args: { orderId: 'B7' } })) },
    { title: 'A large refund waits for a person (approval)', department: 'finance', steps: [{ tool: 'lookup_order', args: { orderId: 'C3' } }, { tool: 'issue_refund', args: { orderId: 'C3', amount: 640 } }] },
  ];

  let pausedTicket = '<id>';
  async function agentLoop(title: string, department: string, steps: Step[], index: number): Promise<void> {
    print(`\n${bold(`Run ${index + 1}: ${title}`)}`);
    await warden.run({ sessionId: `session-${index + 1}`, workflow: 'claims', department }, async () => {
      for (const [turn, step] of steps.entries()) {
        await warden.recordUsage({ model, inputTokens: 900 + 250 * turn, outputTokens: 60 });
        try {
          const result = await tools[step.tool]!(step.args as never, { callId: `call-${index + 1}-${turn + 1}` });
          print(`    ${dim('→')} ${step.tool} returned ${JSON.stringify(result)}`);
        } catch (error) {
          if (!isWardenError(error)) throw error;
          if (error.code === 'approval_pending') {
            pausedTicket = (error as { ticket?: ApprovalTicket }).ticket?.id ?? pausedTicket;
            print(`    ${yellow('⏸')} ${step.tool} paused: ticket ${pausedTicket} waits for a person`);
            return;
          }
          print(`    ${yellow('✗')} ${step.tool} refused: ${error.name} (${error.code})`);
          // Denials go back to the model as tool errors; a halt ends the run.
          if (error.code === 'loop_detected' || error.code === 'halted') return;
        }
      }
    });
  }

  for (const [index, run] of script.entries()) await agentLoop(run.title, run.department, run.steps, index);

  print(`\n${bold('An operator pulls the kill switch')}`);
  warden.on('halt', ({ reason }) => print(`    ${red('KILL SWITCH')} ${reason}`));
  warden.halt('incident INC-311: refunds paused by on-call');
  await agentLoop('the agent tries a refund while halted', 'finance', [{ tool: 'issue_refund', args: { orderId: 'A1', amount: 10 } }], script.length).catch(() => {});
  warden.resume();

  print(`\n${bold('Spans sent to OpenTelemetry')} ${dim(`(version ${warden.version.id})`)}`);
  print(formatSpanTree(otel.spans(), ['gen_ai.conversation.id', 'agentwarden.decision', 'error.type']));
  print(`\n${dim(`warden.stats(): ${JSON.stringify(warden.stats())}  ·  ${otel.spans().length} spans  ·  no network, no key`)}`);
  await warden.close();
  await otel.shutdown();

  // 6. What to open next: the same files the CLI reads in production.
  const shown = (path: string) => {
    const fromHere = relative(process.cwd(), path);
    const text = fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : path;
    return /[\s'"$`\\]/.test(text) ? JSON.stringify(text) : text;
  };
  const [audit, approvals, report] = [shown(auditFile), shown(approvalsFile), shown(join(dir, 'report.html'))];
  print(`\n${bold(`Files in ${shown(dir)}`)}`);
  print(`    ${DEMO_FILES.audit.padEnd(15)} ${dim('every call, decision, run and model call, hash-chained')}`);
  print(`    ${DEMO_FILES.approvals.padEnd(15)} ${dim('the $640 refund, waiting for a person')}`);
  print(`\n${bold('Next, try')}`);
  if (runningFromUnbuiltSource()) print(`    ${dim('(in this clone, run `npm run build` once so `npx agentwarden` finds its bin)')}`);
  for (const [command, what] of [
    [`npx agentwarden verify ${audit}`, 'the hash chain is intact'],
    [`npx agentwarden report ${audit} --out ${report}`, 'the incident report, and an HTML page'],
    [`npx agentwarden cost ${audit} --by department`, 'who spent what'],
    [`npx agentwarden approvals list --store file:${approvals}`, 'the paused refund'],
    [`npx agentwarden approvals approve ${pausedTicket} --store file:${approvals} --by you`, 'decide it'],
    [`npx agentwarden console --audit ${audit} --approvals file:${approvals}`, 'both in a browser'],
  ] as const) {
    print(`    ${command}  ${dim(`# ${what}`)}`);
  }
  return { dir, auditFile, approvalsFile };
}

/** Deletes the files an earlier demo run left in `dir` (audit, its rotations and locks, approvals, report). */
function removePreviousRun(dir: string): void {
  const ours = /^(audit\.jsonl(\.\d+)?(\.lock(\.break)?)?|approvals\.json(\.lock(\.break)?|\..+\.tmp)?|report\.html)$/;
  for (const name of readdirSync(dir)) if (ours.test(name)) rmSync(join(dir, name), { force: true });
}

/** True when the demo runs from the repository's TypeScript source and `dist/` was never built. */
function runningFromUnbuiltSource(): boolean {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') && !existsSync(join(dirname(here), '..', '..', 'dist', 'cli.js'));
}
