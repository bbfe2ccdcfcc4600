/**
 * Recorder cost per guarded call, as a ratio to one bare OTel span. Each timed op is a run of
 * ten calls (the run is what closes a cassette), divided by ten; the recorder's own cost is the
 * difference from the same run without it. Cassettes go to a no-op sink (pure recording cost)
 * and, separately, to files (recording plus one atomic file write per run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWarden, type Middleware } from '../src/index.js';
import { recorder } from '../src/replay/recorder.js';
import type { BenchRow, Harness } from './harness.js';

const CALLS_PER_RUN = 10;

export default async function recorderBench(h: Harness): Promise<BenchRow[]> {
  const timeCalls = async (middleware: Middleware[], iterations = 3_000) => {
    const warden = createWarden({ agent: 'bench', middleware });
    const lookup = warden.tool('lookup_order', (args: { orderId: string }) => ({ id: args.orderId, total: 120, status: 'delivered', items: ['a', 'b'] }));
    const args = { orderId: 'A1', reason: 'damaged', customer: { id: 'c1', tier: 'gold' } };
    const ns = await h.timePerOp(
      () =>
        warden.run({ sessionId: 's' }, async () => {
          for (let i = 0; i < CALLS_PER_RUN; i++) await lookup(args);
        }),
      { iterations, rounds: 5, warmup: 300 },
    );
    return { ns: ns / CALLS_PER_RUN, warden };
  };

  const bare = await timeCalls([]);
  const memory = await timeCalls([recorder({ onCassette: () => {} })]);
  const dir = mkdtempSync(join(tmpdir(), 'aw-bench-cassettes-'));
  const toFiles = recorder({ dir });
  const files = await timeCalls([toFiles], 1_000);
  await toFiles.flush();
  rmSync(dir, { recursive: true, force: true });

  return [
    h.ratioRow('recorder', 'guarded call in a run, no middleware', bare.ns),
    h.ratioRow('recorder', 'guarded call + recorder (memory sink)', memory.ns),
    h.ratioRow('recorder', 'recorder cost per call (memory sink)', Math.max(0, memory.ns - bare.ns), 'difference from the bare guarded call'),
    h.ratioRow('recorder', 'recorder cost per call (file per run)', Math.max(0, files.ns - bare.ns), `one cassette file per ${CALLS_PER_RUN}-call run`),
  ];
}
