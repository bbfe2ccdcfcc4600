/**
 * Bounded memory: one long run through the default stack keeps a flat heap. Checked as a
 * growth ratio between 100k and 1M calls (after a full GC), never as an absolute number, so a
 * different machine or Node version does not change the verdict; a leak of even a few bytes
 * per call (the old loop breaker kept ~200) fails it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createWarden, loopBreaker, policy, tokenBudget, tracing, validateInput } from '../../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function heapAfterGc(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('heap over a long run', () => {
  it('stays flat from 100k to 1M distinct calls in one run', async () => {
    const warden = createWarden({
      agent: 'heap',
      middleware: [
        tracing(),
        policy({ allow: ['lookup'] }),
        validateInput(z.object({ id: z.string(), n: z.number() })),
        loopBreaker({ maxCalls: Number.MAX_SAFE_INTEGER }),
        tokenBudget({ limits: { run: Number.MAX_SAFE_INTEGER } }),
      ],
    });
    const lookup = warden.tool('lookup', async (args: { id: string; n: number }) => args.n);
    const heaps = await warden.run({ sessionId: 'long' }, async () => {
      let i = 0;
      const callsUpTo = async (count: number) => {
        for (; i < count; i++) await lookup({ id: `order-${i}`, n: i });
        return heapAfterGc();
      };
      return { at100k: await callsUpTo(100_000), at1m: await callsUpTo(1_000_000) };
    });
    const growth = heaps.at1m / heaps.at100k;
    const bytesPerCall = (heaps.at1m - heaps.at100k) / 900_000;
    expect(growth, `heap ${(heaps.at100k / 1e6).toFixed(1)} MB → ${(heaps.at1m / 1e6).toFixed(1)} MB (${bytesPerCall.toFixed(1)} bytes per call)`).toBeLessThan(1.15);
  }, 120_000);
});
