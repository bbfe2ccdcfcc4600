/**
 * `npm run bench`: runs every bench module, prints one table and writes `bench/results.json`.
 * Each module runs in a fresh child process (so one module's heap and timers never slow the
 * next); inside it every case and its bare-span baseline are measured side by side.
 * `--compare <file>` shows the change against an earlier results file; `--only <group>` runs
 * the modules whose file name contains <group>.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHarness, type BenchRow, type Harness } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};

const moduleFlag = flag('--module');
if (moduleFlag) {
  // Child mode: run one module and hand its rows to the parent as JSON on the last line.
  const harness = await createHarness();
  const module = (await import(pathToFileURL(join(here, moduleFlag)).href)) as { default: (h: Harness) => Promise<BenchRow[]> };
  let rows: BenchRow[];
  try {
    rows = await module.default(harness);
  } catch (error) {
    rows = [{ group: moduleFlag.replace('.bench.ts', ''), name: 'FAILED', note: String(error instanceof Error ? error.message : error) }];
  }
  process.stdout.write(`\n${JSON.stringify({ baselineNs: harness.baselineNs, rows })}\n`);
  process.exit(0);
}

const harness = await createHarness();
const rows: BenchRow[] = [{ group: 'baseline', name: 'bare OTel span (BatchSpanProcessor, no-op exporter)', nsPerOp: harness.baselineNs, ratio: 1 }];
const only = flag('--only');
const modules = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => !only || file.includes(only))
  .sort();
for (const file of modules) {
  process.stderr.write(`bench: ${file}\n`);
  try {
    const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--module', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    const result = JSON.parse(output.trimEnd().split('\n').at(-1)!) as { rows: BenchRow[] };
    rows.push(...result.rows);
  } catch (error) {
    rows.push({ group: file.replace('.bench.ts', ''), name: 'FAILED', note: String(error instanceof Error ? error.message.split('\n')[0] : error) });
  }
}

const compareFile = flag('--compare');
const previous = compareFile ? (JSON.parse(readFileSync(compareFile, 'utf8')) as { rows: BenchRow[] }).rows : undefined;
printTable(rows, previous);
writeFileSync(join(here, 'results.json'), JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString(), rows }, null, 2) + '\n');
process.exit(0);

function printTable(table: BenchRow[], before?: BenchRow[]): void {
  const format = (row: BenchRow) => {
    const timed = row.nsPerOp !== undefined ? `${(row.nsPerOp / 1000).toFixed(2)} µs` : '';
    const ratio = row.ratio !== undefined ? `${row.ratio.toFixed(2)}x` : '';
    const value = row.value !== undefined ? `${Number(row.value.toPrecision(4))} ${row.unit ?? ''}` : '';
    const old = before?.find((candidate) => candidate.group === row.group && candidate.name === row.name);
    let change = '';
    if (old) {
      const a = row.ratio ?? row.value;
      const b = old.ratio ?? old.value;
      if (a !== undefined && b !== undefined && b !== 0) change = `${(((a - b) / b) * 100).toFixed(1)}%`;
    }
    return [row.group, row.name, timed, ratio, value, change, row.note ?? ''];
  };
  const header = ['group', 'case', 'per op', 'ratio', 'value', before ? 'change' : '', 'note'];
  const lines = [header, ...table.map(format)];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => String(line[column]).length)));
  for (const line of lines) console.log(line.map((cell, column) => String(cell).padEnd(widths[column]!)).join('  ').trimEnd());
}
