/**
 * Core overhead, measured on the built package (`dist/`, what users install; `npm run bench`
 * builds first): one guarded call through the default stack (tracing, policy, validateInput,
 * loopBreaker, tokenBudget) inside one run, against one bare OTel span; each middleware alone
 * and its own cost (over a warden with no middleware); heap kept per call in one long run;
 * bytes and time to import the main entry; the size of each dist entry.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import type * as Agentwarden from '../src/index.js';
import type { BenchRow, Harness } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distEntry = join(root, 'dist', 'index.js');
const built = existsSync(distEntry);
const aw = (await import(built ? pathToFileURL(distEntry).href : '../src/index.js')) as typeof Agentwarden;
const source = built ? 'dist' : 'src via tsx (run `npm run build` first for the shipped figures)';

const argsSchema = z.object({ orderId: z.string(), amount: z.number() });
type Stack = () => Agentwarden.Middleware[];
const lifted = { maxRepeats: Number.MAX_SAFE_INTEGER, maxCalls: Number.MAX_SAFE_INTEGER };
const single: Array<[string, Stack]> = [
  ['tracing()', () => [aw.tracing()]],
  ['policy()', () => [aw.policy({ allow: ['lookup_order'] })]],
  ['validateInput()', () => [aw.validateInput(argsSchema)]],
  ['loopBreaker()', () => [aw.loopBreaker(lifted)]],
  ['tokenBudget()', () => [aw.tokenBudget({ limits: { run: Number.MAX_SAFE_INTEGER } })]],
  ['retry() (no failures)', () => [aw.retry()]],
];
const defaultStack: Stack = () => single.slice(0, 5).flatMap(([, stack]) => stack());

async function perCall(h: Harness, middleware: Agentwarden.Middleware[]): Promise<number> {
  const warden = aw.createWarden({ agent: 'bench-agent', version: { model: 'gpt-4o' }, middleware });
  const lookup = warden.tool('lookup_order', async (args: { orderId: string; amount: number }) => args.amount);
  let n = 0;
  // One long run; args cycle through 1,000 values (the loop breaker's limits are lifted so it
  // counts every call but never trips).
  return warden.run({ sessionId: 'bench' }, () => h.timePerOp(() => lookup({ orderId: 'A1', amount: n++ % 1000 })));
}

export default async function core(h: Harness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const bare = await perCall(h, []);
  rows.push(h.ratioRow('core', 'guarded call, no middleware', bare, `measured on ${source}`));
  for (const [name, stack] of single) {
    const ns = await perCall(h, stack());
    rows.push(h.ratioRow('core', `${name} alone`, ns, `own cost ${((ns - bare) / 1000).toFixed(2)} µs${name === 'tracing()' ? '; goal <= 1.1x' : ''}`));
  }
  rows.push(h.ratioRow('core', 'default stack (tracing, policy, validateInput, loopBreaker, tokenBudget)', await perCall(h, defaultStack()), 'goal <= 1.5x'));
  rows.push(...(await heapRows()));
  if (built) rows.push(...importRows(), ...distRows());
  return rows;
}

/** Heap kept per call after a full GC: one run of 140k distinct calls, then many short runs. */
async function heapRows(): Promise<BenchRow[]> {
  const gc = globalThis.gc;
  const note = gc ? 'after a full gc' : 'run node with --expose-gc for exact figures';
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const warden = aw.createWarden({ agent: 'bench-agent', middleware: defaultStack() });
  const lookup = warden.tool('lookup_order', async (args: { orderId: string; amount: number }) => args.amount);
  const rows: BenchRow[] = [];
  await warden.run({ sessionId: 'long' }, async () => {
    await lookup({ orderId: 'warm', amount: -1 });
    const before = await settle();
    const calls = 140_000;
    for (let i = 0; i < calls; i++) await lookup({ orderId: `A${i}`, amount: i });
    const after = await settle();
    rows.push({ group: 'core', name: 'heap kept per call, one run of 140k distinct calls', value: Math.max(0, after - before) / calls, unit: 'bytes', note: `${note}; goal <= 64` });
  });
  const shortRuns = async (calls: number) => {
    for (let done = 0; done < calls; done += 100) {
      await warden.run({ sessionId: `s${done}` }, async () => {
        for (let i = 0; i < 100; i++) await lookup({ orderId: 'A1', amount: i });
      });
    }
    return settle();
  };
  const after100k = await shortRuns(100_000);
  const after1m = await shortRuns(900_000);
  rows.push({ group: 'core', name: 'heap growth from 100k to 1M calls (runs of 100)', value: after1m / after100k, unit: 'ratio', note: `${((after1m - after100k) / 1e6).toFixed(2)} MB; ${note}` });
  return rows;
}

/** Bytes the main entry loads (itself and the chunks it imports) and its cold import time. */
function importRows(): BenchRow[] {
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from\s*["'](\.\/[^"']+)["']/g)) visit(join(dirname(file), match[1]!));
  };
  visit(distEntry);
  const bytes = [...loaded].reduce((sum, file) => sum + statSync(file).size, 0);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(distEntry).href)}); console.log(performance.now() - t);`;
    times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root }).trim()));
  }
  return [
    { group: 'core', name: "bytes loaded by import 'agentwarden'", value: bytes / 1024, unit: 'kB', note: `${loaded.size} files` },
    { group: 'core', name: "cold import time of 'agentwarden'", value: Math.min(...times), unit: 'ms', note: 'best of 5 fresh processes' },
  ];
}

/** Size of each published entry file. */
function distRows(): BenchRow[] {
  const entries = ['index.js', 'testing.js', 'ai-sdk.js', 'langchain.js', 'redis.js', 'cli.js'];
  return entries
    .filter((entry) => existsSync(join(root, 'dist', entry)))
    .map((entry) => ({ group: 'core', name: `dist/${entry}`, value: statSync(join(root, 'dist', entry)).size / 1024, unit: 'kB' }));
}
