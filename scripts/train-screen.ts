/**
 * `npm run train:screen`: rebuilds the learned screen's weights from the committed corpus
 * (`data/screen/`), bit for bit, and prints the validation figures.
 *
 *   npm run train:screen               train, calibrate, write src/security/classifier/screen-model.bin
 *   npm run train:screen -- --check    train and compare with the shipped file instead of writing it
 *   npm run train:screen -- --out f    write the weights to f
 *
 * Training uses only the sources marked `train` in `data/screen/sources.json`; the sources
 * marked `validation` (whole attack families and carrier kinds) are never trained on: the
 * calibration anchors (the margins at 5 %, 2 % and 0.5 % FPR per context) are read off their
 * benign texts, and their figures are what the report calls "validation".
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedModelPath } from '../src/security/classifier/classifier.js';
import { SENSITIVITY } from '../src/security/classifier/calibration.js';
import { contextIndex } from '../src/security/classifier/features.js';
import { encodeModel, type CalibrationAnchors, type ScreenModel } from '../src/security/classifier/model-file.js';
import { heuristics, normalizedChunksOf, STRUCTURAL_FAMILIES } from '../src/security/heuristics.js';
import { quantizeWeights, trainScreenModel } from '../src/security/classifier/train.js';
import { bestWindow, sentenceTable } from '../src/security/classifier/windows.js';
import type { SetText } from './screen/build-sets.js';
import { corpusDir, readSources } from './screen/corpus.js';
import { setTexts, TRAINING } from './screen/training-options.js';
import { figures, groupTable, scoreTexts } from './screen/evaluate.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1]! : shippedModelPath();

const started = Date.now();
const sources = readSources();
const corpusHasher = createHash('sha256');
for (const source of sources) corpusHasher.update(readFileSync(join(corpusDir, 'corpus', `${source.id}.jsonl.gz`)));
const corpusHash = corpusHasher.digest('hex');

const trainTexts = setTexts('train');
const validationTexts = setTexts('validation');
console.log(`corpus ${corpusHash.slice(0, 16)}: ${trainTexts.length} training texts, ${validationTexts.length} validation texts`);

const trained = trainScreenModel(trainTexts, TRAINING);
const { weights, scale } = quantizeWeights(trained.weights);
const draft: ScreenModel = {
  config: TRAINING.config,
  scale,
  weights,
  indicators: trained.indicators,
  bias: trained.bias,
  calibration: { args: { high: 0, balanced: 0, low: 0 }, results: { high: 0, balanced: 0, low: 0 } },
  about: {},
};
const calibration = { args: anchorsFor(validationTexts, 'args', draft), results: anchorsFor(validationTexts, 'results', draft) };
const calibrated: ScreenModel = { ...draft, calibration };
const scored = scoreTexts(validationTexts, calibrated);
const summary: Record<string, unknown> = {};
for (const context of ['args', 'results'] as const) {
  const counts = figures(scored.filter((entry) => entry.item.context === context), SENSITIVITY.balanced.threshold);
  summary[context] = { recall: round(counts.truePositives / counts.positives), fpr: round(counts.falsePositives / counts.negatives), positives: counts.positives, negatives: counts.negatives };
}
const model: ScreenModel = {
  ...calibrated,
  about: {
    corpusSha256: corpusHash,
    trainedOn: sources.filter((source) => source.split === 'train').map((source) => source.id),
    validatedOn: sources.filter((source) => source.split === 'validation').map((source) => source.id),
    options: TRAINING,
    validationAtBalanced: summary,
    nonZeroWeights: weights.reduce((count, value) => count + (value !== 0 ? 1 : 0), 0),
  },
};
const bytes = encodeModel(model);
console.log(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s; ${bytes.length} bytes, ${String(model.about.nonZeroWeights)} non-zero weights of ${weights.length}`);
console.log(`calibration (margins at FPR 5 % / 2 % / 0.5 %): args ${fmt(calibration.args)}, results ${fmt(calibration.results)}`);
console.log('\nvalidation at balanced (score >= 0.5), by context:');
for (const line of groupTable(scored, 0.5, (entry) => entry.item.context)) console.log(`  ${line}`);
console.log('\nvalidation at balanced, by source and use:');
for (const line of groupTable(scored, 0.5, (entry) => `${entry.item.source} ${entry.item.how} ${entry.item.context}`)) console.log(`  ${line}`);

if (check) {
  const shipped = readFileSync(out);
  const same = Buffer.compare(shipped, bytes) === 0;
  console.log(`\n${same ? 'OK: the rebuilt weights equal' : 'DIFFERENT: the rebuilt weights differ from'} ${out}`);
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(out, bytes);
  console.log(`\nwrote ${out}`);
}

/**
 * Margins at which the default screen — the higher of the rules' score and the calibrated
 * classifier score — flags 5 %, 2 % and 0.5 % of the benign validation texts of `context`.
 * Texts the rules alone already flag at a level count against that level's budget, so the
 * anchors place the combined screen, not the classifier alone, at the target FPR.
 */
function anchorsFor(texts: readonly SetText[], context: 'args' | 'results', model: ScreenModel): CalibrationAnchors {
  const rules = heuristics({ families: STRUCTURAL_FAMILIES });
  const id = contextIndex(context);
  const benign = texts
    .filter((text) => text.label === 0 && text.context === context)
    .map((text) => {
      const ruleResult = rules(text.text);
      const margin = bestWindow(sentenceTable(text.text, id, model, ruleResult.matches, undefined, normalizedChunksOf(ruleResult)), id, model).margin;
      return { margin, rules: ruleResult.score };
    });
  const at = (level: 'high' | 'balanced' | 'low') => {
    const { threshold, targetFpr } = SENSITIVITY[level];
    const budget = Math.floor(benign.length * targetFpr) - benign.filter((text) => text.rules >= threshold).length;
    const rest = benign.filter((text) => text.rules < threshold).map((text) => text.margin).sort((a, b) => b - a);
    // Flag at most `budget` of the rest: the anchor sits just above the next margin down.
    const next = rest[Math.max(0, budget)];
    return round(next === undefined ? (rest[rest.length - 1] ?? 0) : next + 1e-4);
  };
  const anchors = { high: at('high'), balanced: at('balanced'), low: at('low') };
  return { high: anchors.high, balanced: Math.max(anchors.balanced, anchors.high), low: Math.max(anchors.low, anchors.balanced, anchors.high) };
}

function fmt(anchors: CalibrationAnchors): string {
  return `${anchors.high} / ${anchors.balanced} / ${anchors.low}`;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
