/**
 * Approval gate costs: an ungated call through `approval()` (the price every call pays),
 * an inline approval end to end on the memory store, and pause → resolve → resume on the
 * memory and file stores.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approval, ApprovalPendingError, createWarden, fileApprovalStore, memoryApprovalStore, type ApprovalStore, type ApprovalTicket } from '../src/index.js';
import type { BenchRow, Harness } from './harness.js';

export default async function approvalBench(h: Harness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  const plain = createWarden({ agent: 'bench' });
  const plainTool = plain.tool('lookup', async (id: number) => id);
  const gated = createWarden({ agent: 'bench', middleware: [approval({ when: (call) => call.tool === 'issue_refund' })] });
  const ungatedTool = gated.tool('lookup', async (id: number) => id);
  const bare = await h.timePerOp(() => plainTool(1));
  const ungated = await h.timePerOp(() => ungatedTool(1));
  rows.push(h.ratioRow('approval', 'guarded call, no middleware', bare));
  rows.push(h.ratioRow('approval', 'ungated call through approval()', ungated, `+${((ungated - bare) / 1000).toFixed(2)} µs over no middleware`));

  const inline = createWarden({ agent: 'bench', middleware: [approval({ when: () => true, approver: async () => ({ approved: true, by: 'bot' }) })] });
  const inlineTool = inline.tool('issue_refund', async (amount: number) => amount);
  let n = 0;
  rows.push(h.ratioRow('approval', 'inline approval end to end (memory store)', await h.timePerOp(() => inlineTool(1, { callId: `i${n++}` }), { iterations: 3_000, rounds: 3, warmup: 300 })));

  const cycle = async (store: ApprovalStore, iterations: number) => {
    const warden = createWarden({ agent: 'bench', middleware: [approval({ when: () => true, store })] });
    const tool = warden.tool('issue_refund', async (amount: number) => amount);
    let id = 0;
    return h.timePerOp(
      async () => {
        const callId = `c${id++}`;
        const error = await tool(1, { callId }).catch((thrown: unknown) => thrown);
        await warden.approvals.resolve(((error as ApprovalPendingError).ticket as ApprovalTicket).id, { approved: true, by: 'bot' });
        await tool(1, { callId });
      },
      { iterations, rounds: 3, warmup: Math.ceil(iterations / 10) },
    );
  };
  rows.push(h.ratioRow('approval', 'pause → resolve → resume (memory store)', await cycle(memoryApprovalStore(), 3_000)));
  const dir = mkdtempSync(join(tmpdir(), 'aw-bench-approval-'));
  const fileNs = await cycle(fileApprovalStore(join(dir, 'approvals.json')), 40);
  rows.push({ ...h.ratioRow('approval', 'pause → resolve → resume (file store, ≤124 tickets)', fileNs), value: fileNs / 1e6, unit: 'ms/cycle' });
  return rows;
}
