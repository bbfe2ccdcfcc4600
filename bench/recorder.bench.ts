/**
 * Recorder cost per guarded call, as a ratio to one bare OTel span. Each timed op is a run of
 * ten calls (the run is what closes a cassette), divided by ten; the recorder's own cost is the
 * difference from the same run without it. Cassettes go to a no-op sink (pure recording cost)
 * and, separately, to files (recording plus one atomic file write per run). The variants are
 * timed in interleaved rounds and each keeps its best round, so a machine whose load changes
 * during the bench skews them alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWarden, type Middleware } from '../src/index.js';
import { recorder } from '../src/replay/recorder.js';
import type { BenchRow, Harness } from './harness.js';

const CALLS_PER_RUN = 10;
const ROUNDS = 7;

export default async function recorderBench(h: Harness): Promise<BenchRow[]> {
  const runOfCalls = (middleware: Middleware[]) => {
    const warden = createWarden({ agent: 'bench', middleware });
    const lookup = warden.tool('lookup_order', (args: { orderId: string }) => ({ id: args.orderId, total: 120, status: 'delivered', items: ['a', 'b'] }));
    const args = { orderId: 'A1', reason: 'damaged', customer: { id: 'c1', tier: 'gold' } };
    return () =>
      warden.run({ sessionId: 's' }, async () => {
        for (let i = 0; i < CALLS_PER_RUN; i++) await lookup(args);
      });
  };
  const dir = mkdtempSync(join(tmpdir(), 'aw-bench-cassettes-'));
  const toFiles = recorder({ dir });
  const variants = {
    bare: { op: runOfCalls([]), iterations: 1_000, per: CALLS_PER_RUN },
    memory: { op: runOfCalls([recorder({ onCassette: () => {} })]), iterations: 1_000, per: CALLS_PER_RUN },
    files: { op: runOfCalls([toFiles]), iterations: 500, per: CALLS_PER_RUN },
  };
  const best: Record<keyof typeof variants, number> = { bare: Infinity, memory: Infinity, files: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, variant] of Object.entries(variants) as Array<[keyof typeof variants, (typeof variants)['bare']]>) {
      const ns = (await h.timePerOp(variant.op, { iterations: variant.iterations, rounds: 1, warmup: round === 0 ? variant.iterations / 5 : 0 })) / variant.per;
      best[name] = Math.min(best[name], ns);
    }
    await toFiles.flush();
  }
  rmSync(dir, { recursive: true, force: true });

  return [
    h.ratioRow('recorder', 'guarded call in a run, no middleware', best.bare),
    h.ratioRow('recorder', 'guarded call + recorder (memory sink)', best.memory),
    h.ratioRow('recorder', 'recorder cost per call (memory sink)', Math.max(0, best.memory - best.bare), 'difference from the bare guarded call'),
    h.ratioRow('recorder', 'recorder cost per call (file per run)', Math.max(0, best.files - best.bare), `one cassette file per ${CALLS_PER_RUN}-call run`),
  ];
}
