/**
 * `npm run screen-report`: precision, recall and false-positive rate of the built-in
 * `heuristics()` screen on the development set `<repo>/../shared/data/injection-dev.jsonl`
 * (or a JSONL file given as the first argument), overall and by context, with the misses
 * and false alarms listed. `--threshold 0.5` changes the decision threshold.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanText } from '../src/security/heuristics.js';

interface Row {
  text: string;
  label: 'injection' | 'benign';
  context: string;
}

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const thresholdAt = args.indexOf('--threshold');
const threshold = thresholdAt === -1 ? 0.5 : Number(args[thresholdAt + 1]);
const file = args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--threshold') ?? devSet();
const rows: Row[] = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Row);

/** `<repo>/../shared/data/injection-dev.jsonl`; from a git worktree, beside the main checkout. */
function devSet(): string {
  const beside = join(repo, '..', 'shared', 'data', 'injection-dev.jsonl');
  if (existsSync(beside)) return beside;
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repo, encoding: 'utf8' }).trim();
    const main = join(dirname(common), '..', 'shared', 'data', 'injection-dev.jsonl');
    if (existsSync(main)) return main;
  } catch {
    // not a git checkout: fall through to the plain path and its clear ENOENT
  }
  return beside;
}

interface Tally {
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
}
const tallies = new Map<string, Tally>();
const misses: string[] = [];
const falseAlarms: string[] = [];
let scannedChars = 0;
const started = process.hrtime.bigint();
for (const row of rows) {
  const result = scanText(row.text);
  scannedChars += row.text.length;
  const flagged = result.score >= threshold;
  for (const key of ['all', row.context]) {
    const tally = tallies.get(key) ?? { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0 };
    if (row.label === 'injection') flagged ? tally.truePositive++ : tally.falseNegative++;
    else flagged ? tally.falsePositive++ : tally.trueNegative++;
    tallies.set(key, tally);
  }
  const rules = result.matches.filter((match) => match.weight >= 0.3).map((match) => match.rule).join(', ') || '-';
  const line = `  [${row.context}] score ${result.score.toFixed(2)} (${rules}): ${row.text.replace(/\s+/g, ' ').slice(0, 140)}`;
  if (row.label === 'injection' && !flagged) misses.push(line);
  if (row.label === 'benign' && flagged) falseAlarms.push(line);
}
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

const ratio = (a: number, b: number) => (b === 0 ? '  n/a' : (a / b).toFixed(3));
console.log(`Injection screen on ${file}`);
console.log(`${rows.length} texts, threshold ${threshold}, ${(scannedChars / 1024).toFixed(1)} KiB in ${elapsedMs.toFixed(1)} ms\n`);
console.log('context       texts  precision  recall   FPR     TP  FN  FP  TN');
for (const [key, tally] of [...tallies].sort(([a], [b]) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)))) {
  const { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn } = tally;
  console.log(`${key.padEnd(12)}  ${String(tp + fp + tn + fn).padStart(5)}  ${ratio(tp, tp + fp).padStart(9)}  ${ratio(tp, tp + fn).padStart(6)}  ${ratio(fp, fp + tn).padStart(6)}  ${String(tp).padStart(3)} ${String(fn).padStart(3)} ${String(fp).padStart(3)} ${String(tn).padStart(3)}`);
}
console.log(`\nMissed injections (${misses.length}):`);
console.log(misses.length ? misses.join('\n') : '  none');
console.log(`\nFalse alarms (${falseAlarms.length}):`);
console.log(falseAlarms.length ? falseAlarms.join('\n') : '  none');
