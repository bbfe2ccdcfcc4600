/**
 * Human approval that survives a restart, in three processes:
 *   1. a scripted refund agent runs; the $900 refund pauses (ApprovalPendingError) and the process exits;
 *   2. an operator approves it from the CLI: `agentwarden approvals approve <id> --store file:... --by alice`;
 *   3. the agent starts again, resumes the paused call by its callId, and the refund runs exactly once.
 * Run: npx tsx examples/approval.ts
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { approval, ApprovalPendingError, createWarden, fileApprovalStore, type ApprovalTicket } from 'agentwarden';

type Refund = { orderId: string; amount: number };
const here = fileURLToPath(import.meta.url);

/**
 * How to start the `agentwarden` command: the installed package's bin (what `npx agentwarden`
 * runs), or, inside the agentwarden repository itself, its source through tsx (no build needed).
 */
function agentwardenCommand(): string[] {
  const packageRoot = dirname(fileURLToPath(import.meta.resolve('agentwarden/package.json')));
  const source = join(packageRoot, 'src', 'cli', 'bin.ts');
  return existsSync(source) ? ['--import', 'tsx', source] : [join(packageRoot, 'dist', 'cli.js')];
}

/** The agent: one warden, one guarded refund tool; refunds over $500 wait for a person. */
function refundAgent(dir: string) {
  const warden = createWarden({
    agent: 'refund-agent',
    version: { model: 'scripted-model', prompt: 'You issue refunds for damaged orders.' },
    middleware: [approval({ when: (call) => call.tool === 'issue_refund' && (call.args as Refund).amount > 500, store: fileApprovalStore(join(dir, 'approvals.json')) })],
  });
  warden.on('decision', (d) => console.log(`    decision: ${d.outcome.padEnd(7)} by ${d.by.padEnd(8)} ${d.reason}`));
  const issueRefund = warden.tool('issue_refund', async (args: Refund) => {
    appendFileSync(join(dir, 'bank.jsonl'), `${JSON.stringify(args)}\n`); // the side effect that must happen once
    return { refundId: `rf_${args.orderId}`, amount: args.amount };
  });
  return { warden, issueRefund };
}

/** Process 1: a scripted model asks for two refunds; the big one pauses. */
async function firstRun(dir: string) {
  const { warden, issueRefund } = refundAgent(dir);
  const script: Array<{ callId: string; args: Refund }> = [
    { callId: 'tc_small', args: { orderId: 'A100', amount: 120 } },
    { callId: 'tc_big', args: { orderId: 'A200', amount: 900 } },
  ];
  await warden.run({ sessionId: 'chat-42', workflow: 'claims' }, async () => {
    for (const step of script) {
      console.log(`  model calls issue_refund(${JSON.stringify(step.args)}) [${step.callId}]`);
      try {
        console.log('    result:', JSON.stringify(await issueRefund(step.args, { callId: step.callId })));
      } catch (error) {
        if (!(error instanceof ApprovalPendingError)) throw error;
        const ticket = error.ticket as ApprovalTicket;
        console.log(`    paused: ticket ${ticket.id} waits for a person; the agent process exits now`);
      }
    }
  });
}

/** Process 3: the agent restarts and resumes every approved call by its callId. */
async function resume(dir: string) {
  const { warden, issueRefund } = refundAgent(dir);
  for (const ticket of await warden.approvals.list({ status: 'approved' })) {
    console.log(`  resuming ${ticket.callId} (approved by ${ticket.verdict?.by})`);
    console.log('    result:', JSON.stringify(await issueRefund(ticket.args as Refund, { callId: ticket.callId })));
    console.log(`  resuming ${ticket.callId} again (say, the agent crashed before it recorded the result)`);
    console.log('    result:', JSON.stringify(await issueRefund(ticket.args as Refund, { callId: ticket.callId })));
  }
}

function spawn(args: string[]): string {
  return execFileSync(process.execPath, args, { encoding: 'utf8' });
}

const [mode, dir] = process.argv.slice(2);
if (mode === 'agent') await firstRun(dir!);
else if (mode === 'resume') await resume(dir!);
else {
  const work = mkdtempSync(join(tmpdir(), 'agentwarden-approval-'));
  const store = join(work, 'approvals.json');
  console.log(`Process 1: the agent runs\n${spawn(['--import', 'tsx', here, 'agent', work])}`);
  const pending = JSON.parse(readFileSync(store, 'utf8')) as { tickets: Record<string, ApprovalTicket> };
  const id = Object.values(pending.tickets).find((ticket) => ticket.status === 'pending')!.id;
  const cli = agentwardenCommand();
  console.log(`Process 2: an operator looks at the inbox and approves\n  $ agentwarden approvals list --store file:${store}`);
  console.log(spawn([...cli, 'approvals', 'list', '--store', `file:${store}`]).replace(/^(?=.)/gm, '    '));
  console.log(`  $ agentwarden approvals approve ${id} --store file:${store} --by alice --reason "photos show the damage"`);
  console.log(`    ${spawn([...cli, 'approvals', 'approve', id, '--store', `file:${store}`, '--by', 'alice', '--reason', 'photos show the damage'])}`);
  console.log(`Process 3: the agent restarts and resumes\n${spawn(['--import', 'tsx', here, 'resume', work])}`);
  const bank = existsSync(join(work, 'bank.jsonl')) ? readFileSync(join(work, 'bank.jsonl'), 'utf8').trim().split('\n') : [];
  console.log(`The bank saw ${bank.length} refunds:\n${bank.map((line) => `  ${line}`).join('\n')}`);
  console.log(bank.filter((line) => line.includes('A200')).length === 1 ? 'The $900 refund ran exactly once.' : 'UNEXPECTED: the $900 refund did not run exactly once');
}
