import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approval, createWarden, fileApprovalStore, type ApprovalTicket } from '../../src/index.js';
import { runTsx } from '../fixtures/spawn-tsx.js';

function paths() {
  const dir = mkdtempSync(join(tmpdir(), 'aw-resume-'));
  return { store: join(dir, 'approvals.json'), ledger: join(dir, 'ledger.jsonl') };
}

const outcomesOf = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as { result?: { refunded: number; by: number }; error?: string; ticket?: ApprovalTicket });
const ledgerLines = (ledger: string) => (existsSync(ledger) ? readFileSync(ledger, 'utf8').trim().split('\n').filter(Boolean) : []);

/** Approves a ticket the way an operator's process would: its own warden on the same file. */
async function approveElsewhere(store: string, id: string) {
  const operator = createWarden({ agent: 'operator', middleware: [approval({ store: fileApprovalStore(store) })] });
  return operator.approvals.resolve(id, { approved: true, by: 'alice', reason: 'checked the order' });
}

describe('approval across processes with the file store', () => {
  it('pauses in one process, is approved in another and runs once in a third', { timeout: 60_000 }, async () => {
    const { store, ledger } = paths();
    const paused = await runTsx('test/fixtures/refund-agent.ts', [store, ledger, 'call-A1', '900']);
    const [pending] = outcomesOf(paused.stdout);
    expect(pending).toMatchObject({ error: 'approval_pending', ticket: { status: 'pending', callId: 'call-A1', tool: 'issue_refund' } });

    await approveElsewhere(store, pending!.ticket!.id);

    const resumed = await runTsx('test/fixtures/refund-agent.ts', [store, ledger, 'call-A1', '900']);
    const [first] = outcomesOf(resumed.stdout);
    expect(first?.result?.refunded).toBe(900);
    const again = await runTsx('test/fixtures/refund-agent.ts', [store, ledger, 'call-A1', '900']);
    expect(outcomesOf(again.stdout)[0]).toEqual(first);
    expect(ledgerLines(ledger)).toHaveLength(1);
    expect(await fileApprovalStore(store).get(pending!.ticket!.id)).toMatchObject({ status: 'done', verdict: { by: 'alice' }, execution: { result: first!.result } });
  });

  it('runs the tool once when 50 resumes of one callId race in five processes', { timeout: 60_000 }, async () => {
    const { store, ledger } = paths();
    const paused = await runTsx('test/fixtures/refund-agent.ts', [store, ledger, 'call-B2', '900']);
    await approveElsewhere(store, outcomesOf(paused.stdout)[0]!.ticket!.id);

    const children = await Promise.all(Array.from({ length: 5 }, () => runTsx('test/fixtures/refund-agent.ts', [store, ledger, 'call-B2', '900', '10'])));
    const outcomes = children.flatMap((child) => outcomesOf(child.stdout));
    expect(outcomes).toHaveLength(50);
    expect(ledgerLines(ledger)).toHaveLength(1);
    const runner = JSON.parse(ledgerLines(ledger)[0]!) as { pid: number };
    for (const outcome of outcomes) {
      if (outcome.result) expect(outcome.result).toEqual({ refunded: 900, by: runner.pid });
      else expect(outcome.error).toBe('approval_in_progress');
    }
    expect(outcomes.filter((outcome) => outcome.result).length).toBeGreaterThanOrEqual(10);
  });

  it('asks again when the process that resumes runs another version', { timeout: 60_000 }, async () => {
    const { store, ledger } = paths();
    const paused = await runTsx('test/fixtures/refund-agent.ts', [store, ledger, 'call-C3', '900', '1', 'gpt-4o']);
    const ticket = outcomesOf(paused.stdout)[0]!.ticket!;
    await approveElsewhere(store, ticket.id);
    const upgraded = await runTsx('test/fixtures/refund-agent.ts', [store, ledger, 'call-C3', '900', '1', 'gpt-5']);
    const [outcome] = outcomesOf(upgraded.stdout);
    expect(outcome).toMatchObject({ error: 'approval_pending', ticket: { status: 'pending' } });
    expect(outcome!.ticket!.id).not.toBe(ticket.id);
    expect(ledgerLines(ledger)).toHaveLength(0);
  });
});
