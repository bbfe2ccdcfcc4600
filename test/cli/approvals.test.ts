import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { approval, ApprovalPendingError, createWarden, fileApprovalStore, type ApprovalTicket } from '../../src/index.js';
import { decisionRecorder } from '../../src/testing/index.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

async function pausedRefund() {
  const path = join(mkdtempSync(join(tmpdir(), 'aw-cli-approvals-')), 'approvals.json');
  const make = () => {
    const warden = createWarden({ agent: 'refund-agent', middleware: [approval({ when: () => true, store: fileApprovalStore(path) })] });
    const runs: unknown[] = [];
    return { warden, runs, refund: warden.tool('issue_refund', async (args: { amount: number }) => (runs.push(args), 'refunded')) };
  };
  const agent = make();
  const error = await agent.refund({ amount: 900 }, { callId: 'c1' }).catch((thrown: unknown) => thrown);
  return { path, make, ticket: (error as ApprovalPendingError).ticket as ApprovalTicket };
}

describe('agentwarden approvals', () => {
  it('lists pending tickets as a table and as JSON lines', async () => {
    const { path, ticket } = await pausedRefund();
    const table = await cli('approvals', 'list', '--store', `file:${path}`, '--status', 'pending');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${ticket.id}\\s+pending\\s+issue_refund`));
    const json = await cli('approvals', 'list', '--store', `file:${path}`, '--json');
    expect(JSON.parse(json.stdout.trim())).toMatchObject({ id: ticket.id, args: { amount: 900 } });
  });

  it('approves a ticket so the resuming agent runs the call once and reports who approved', async () => {
    const { path, ticket, make } = await pausedRefund();
    const approved = await cli('approvals', 'approve', ticket.id, '--store', `file:${path}`, '--by', 'alice', '--reason', 'verified');
    expect(approved).toMatchObject({ code: 0, stdout: expect.stringMatching(/^approved apr_\w+ \(issue_refund \{"amount":900\}\) by alice: verified/) });
    const resumed = make();
    const log = decisionRecorder(resumed.warden);
    await expect(resumed.refund({ amount: 900 }, { callId: 'c1' })).resolves.toBe('refunded');
    expect(resumed.runs).toHaveLength(1);
    expect(log.decisions.map((d) => `${d.outcome}:${d.by}`)).toEqual(['approve:alice', 'allow:approval']);
  });

  it('rejects a ticket so the resumed call throws', async () => {
    const { path, ticket, make } = await pausedRefund();
    expect((await cli('approvals', 'reject', ticket.id, '--store', `file:${path}`, '--by', 'bob')).code).toBe(0);
    await expect(make().refund({ amount: 900 }, { callId: 'c1' })).rejects.toMatchObject({ name: 'ApprovalRejectedError', decision: { by: 'bob' } });
  });

  it('names the problem for an unknown id, a second verdict and a missing --by', async () => {
    const { path, ticket } = await pausedRefund();
    expect(await cli('approvals', 'approve', 'apr_nope', '--store', `file:${path}`, '--by', 'a')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no approval ticket with id "apr_nope"/) });
    expect(await cli('approvals', 'approve', ticket.id, '--store', `file:${path}`)).toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --by <name>/) });
    await cli('approvals', 'approve', ticket.id, '--store', `file:${path}`, '--by', 'alice');
    expect(await cli('approvals', 'reject', ticket.id, '--store', `file:${path}`, '--by', 'bob')).toMatchObject({ code: 1, stderr: expect.stringMatching(/already approved by alice/) });
  });

  it('refuses a store path that does not exist instead of listing an empty inbox', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'aw-cli-approvals-')), 'nope.json');
    const listed = await cli('approvals', 'list', '--store', `file:${missing}`);
    expect(listed.code).toBe(2);
    expect(listed.stdout).toBe('');
    expect(listed.stderr).toContain(`no approval store at ${missing}`);
  });

  it('reports a corrupt store with its path', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'aw-cli-approvals-')), 'approvals.json');
    writeFileSync(path, '{oops');
    expect(await cli('approvals', 'list', '--store', `file:${path}`)).toMatchObject({ code: 1, stderr: expect.stringContaining(path) });
  });

  it.each([
    [['approvals', 'list'], /`--store` is required/],
    [['approvals', 'list', '--store', 'redis://x'], /unsupported --store/],
    [['approvals', 'frobnicate', '--store', 'file:x.json'], /unknown action "frobnicate"/],
    [['approvals', 'list', '--store', 'file:x.json', '--status', 'maybe'], /unknown --status "maybe"/],
  ])('answers usage errors for %j with exit code 2', async (argv, message) => {
    expect(await cli(...argv)).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });
});
