/**
 * `npm run screen-report`: how well the default injection screen (`heuristics()` and the
 * learned `classifier()`, the higher score wins) does
 *   - on the development set `../shared/data/injection-dev.jsonl` (never trained or tuned on),
 *   - on the validation sources of `data/screen/` (whole sources the model never trained on;
 *     their benign texts set the calibration anchors),
 * with recall, FPR and precision by context at the chosen sensitivity, a precision–recall
 * table, figures per validation source, the worst misses and false alarms, and throughput.
 *
 *   npm run screen-report [-- --sensitivity low|balanced|high] [--model file] [--dev file] [--worst 15]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SENSITIVITY, type Sensitivity } from '../src/security/classifier/calibration.js';
import { loadScreenModel, shippedModelPath } from '../src/security/classifier/classifier.js';
import { defaultDetectors } from '../src/security/classifier/default-detectors.js';
import { heuristics } from '../src/security/heuristics.js';
import type { SetText } from './screen/build-sets.js';
import { repoRoot } from './screen/corpus.js';
import { figures, groupTable, precisionRecallTable, scoreTexts, worst, type ScoredText } from './screen/evaluate.js';
import { setTexts } from './screen/training-options.js';
import { plainText } from '../bench/screen.bench.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const sensitivity = (option('sensitivity') ?? 'balanced') as Sensitivity;
if (!(sensitivity in SENSITIVITY)) throw new Error(`--sensitivity must be low, balanced or high, got ${sensitivity}`);
const threshold = SENSITIVITY[sensitivity].threshold;
const modelFile = option('model') ?? shippedModelPath();
const worstCount = Number(option('worst') ?? 15);

const loadStarted = process.hrtime.bigint();
const model = loadScreenModel(modelFile);
const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;

console.log(`Injection screen: heuristics (structural families) + classifier(), sensitivity ${sensitivity} (score >= ${threshold}, calibrated to ${(SENSITIVITY[sensitivity].targetFpr * 100).toFixed(1)} % FPR on validation)`);
console.log(`model ${modelFile}: ${readFileSync(modelFile).length} bytes, loaded in ${loadMs.toFixed(1)} ms\n`);

function section(title: string, scored: readonly ScoredText[]): void {
  console.log(`## ${title}\n`);
  for (const line of summaryLines(scored)) console.log(line);
  console.log('\nprecision-recall by context:');
  for (const line of precisionRecallTable(scored, [0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9])) console.log(`  ${line}`);
}

function summaryLines(scored: readonly ScoredText[]): string[] {
  const lines = [`${'context'.padEnd(8)} ${'texts'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'FPR'.padStart(7)}   TP   FN   FP   TN`];
  for (const context of ['all', 'args', 'results']) {
    const subset = scored.filter((entry) => context === 'all' || entry.item.context === context);
    const counts = figures(subset, threshold);
    const fn = counts.positives - counts.truePositives;
    const tn = counts.negatives - counts.falsePositives;
    const ratio = (a: number, b: number) => (b === 0 ? '-' : (a / b).toFixed(3));
    lines.push(`${context.padEnd(8)} ${String(subset.length).padStart(6)} ${ratio(counts.truePositives, counts.truePositives + counts.falsePositives).padStart(9)} ${ratio(counts.truePositives, counts.positives).padStart(7)} ${ratio(counts.falsePositives, counts.negatives).padStart(7)} ${String(counts.truePositives).padStart(4)} ${String(fn).padStart(4)} ${String(counts.falsePositives).padStart(4)} ${String(tn).padStart(4)}`);
  }
  return lines;
}

/** What each detector adds: injections caught by one alone, and by which rule families. */
function printContributions(scored: readonly ScoredText[]): void {
  const positives = scored.filter((entry) => entry.item.label === 1);
  const rulesOnly = positives.filter((entry) => entry.rules >= threshold && entry.learned < threshold);
  const learnedOnly = positives.filter((entry) => entry.learned >= threshold && entry.rules < threshold);
  const both = positives.filter((entry) => entry.learned >= threshold && entry.rules >= threshold);
  const benign = scored.filter((entry) => entry.item.label === 0);
  console.log(`\nwho catches the ${positives.length} injections: both ${both.length}, classifier only ${learnedOnly.length}, rules only ${rulesOnly.length}`);
  console.log(`who raises the ${benign.filter((entry) => entry.score >= threshold).length} false alarms: rules ${benign.filter((entry) => entry.rules >= threshold).length}, classifier ${benign.filter((entry) => entry.learned >= threshold).length}`);
  const families = new Map<string, number>();
  for (const entry of rulesOnly) {
    for (const family of new Set(heuristics()(entry.item.text).matches.filter((match) => match.weight >= 0.3).map((match) => match.family))) families.set(family, (families.get(family) ?? 0) + 1);
  }
  console.log(`rule families behind the rules-only catches: ${[...families].sort((a, b) => b[1] - a[1]).map(([family, count]) => `${family} ${count}`).join(', ') || 'none'}`);
}

function printWorst(scored: readonly ScoredText[]): void {
  const { misses, falseAlarms } = worst(scored, worstCount);
  console.log(`\nworst misses:\n${misses.join('\n') || '  none'}`);
  console.log(`\nworst false alarms:\n${falseAlarms.join('\n') || '  none'}`);
}

// Development set: user_input is what reaches a tool as args, tool_result what a tool returns.
const devFile = option('dev') ?? devSet();
if (existsSync(devFile)) {
  const dev: SetText[] = readFileSync(devFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { text: string; label: string; context: string })
    .map((row) => ({ text: row.text, label: row.label === 'injection' ? 1 : 0, context: row.context === 'user_input' ? 'args' : 'results', source: 'dev', how: row.label === 'injection' ? 'direct' : 'request' }) as SetText);
  const scored = scoreTexts(dev, model);
  section(`Development set (${devFile}; never trained or tuned on)`, scored);
  printContributions(scored);
  printWorst(scored);
} else console.log(`(no development set at ${devFile})`);

const validation = scoreTexts(setTexts('validation'), model);
console.log('');
section('Validation sources (never trained on; their benign texts set the calibration)', validation);
console.log('\nby source and use:');
for (const line of groupTable(validation, threshold, (entry) => `${entry.item.source} ${entry.item.how} ${entry.item.context}`)) console.log(`  ${line}`);
printContributions(validation);
printWorst(validation);

// Throughput of the default pair on plain prose, steady state.
const prose = plainText(1_000_000);
const [rules, learned] = defaultDetectors(model);
const scan = () => {
  rules(prose + ' ');
  return learned(prose + ' ', { direction: 'results' });
};
for (let round = 0; round < 3; round++) scan();
let best = Number.POSITIVE_INFINITY;
for (let round = 0; round < 5; round++) {
  const started = process.hrtime.bigint();
  scan();
  best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
}
console.log(`\nthroughput on 1 MB of plain prose (heuristics + classifier): ${(1000 / best).toFixed(1)} MB/s (${best.toFixed(1)} ms)`);

/** `<repo>/../shared/data/injection-dev.jsonl`; from a git worktree, beside the main checkout. */
function devSet(): string {
  const beside = join(repoRoot, '..', 'shared', 'data', 'injection-dev.jsonl');
  if (existsSync(beside)) return beside;
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return join(dirname(common), '..', 'shared', 'data', 'injection-dev.jsonl');
  } catch {
    return beside;
  }
}
