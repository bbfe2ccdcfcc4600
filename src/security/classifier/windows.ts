/**
 * Window scoring of the learned screen. A text is cut into sentences; each sentence is
 * featurised once into a sum of bucket weights, a feature count and indicator bits; every
 * window of one to three consecutive sentences is then scored from those sums:
 *
 *   margin = bias[context] + Σ bucket weights / √(Σ feature counts + 16) + Σ indicator weights of the bits (and pairs of bits) set in any sentence
 *
 * and the text's margin is its best window's, so one planted sentence in a long benign
 * email is not diluted by the rest. Training uses the very same sums (`sentenceTable`).
 */
import type { ScreenMatch } from '../types.js';
import { featurizeSentence, sentenceFeatures, splitSentences, type FeatureConfig, type SentenceFeatures } from './features.js';
import { INDICATOR_FEATURES, indicatorBit } from './mood.js';

const INDICATOR_COUNT = INDICATOR_FEATURES.length;
import type { NormalizedChunk } from '../heuristics.js';
import { normalizeText } from '../normalize.js';

/** Windows span at most this many sentences. */
export const MAX_WINDOW = 3;

/**
 * Pseudo-count added to a window's feature count before the square root: a window of a
 * few characters (`"sha": "000…"`) has too little text to say much, so its hashed sum is
 * shrunk toward zero instead of being blown up by a small denominator.
 */
export const LENGTH_PRIOR = 16;

/** A scored window: its margin and its span in the original text. */
export interface WindowScore {
  readonly margin: number;
  readonly start: number;
  readonly end: number;
}

/** The parts of a model the window scorer needs. */
export interface WindowWeights {
  readonly config: FeatureConfig;
  readonly scale: number;
  readonly weights: Int8Array | Float64Array | Float32Array;
  readonly indicators: readonly [Float64Array, Float64Array];
  readonly bias: readonly [number, number];
}

/** A rule match as the scorer uses it: where it starts, its family and weight. */
export type RuleHit = Pick<ScreenMatch, 'start' | 'family' | 'weight'>;

const FAMILY_BITS: Readonly<Record<string, number>> = {
  override: indicatorBit('rule_override'),
  role: indicatorBit('rule_role'),
  template: indicatorBit('rule_template'),
  end_marker: indicatorBit('rule_end_marker'),
  hidden: indicatorBit('rule_hidden'),
  encoded: indicatorBit('rule_encoded'),
  multilingual: indicatorBit('rule_multilingual'),
  exfiltration: indicatorBit('rule_exfiltration'),
  addressed: indicatorBit('rule_addressed'),
  jailbreak: indicatorBit('rule_jailbreak'),
};
const STRONG = indicatorBit('rule_strong');
/** Rule matches weaker than this are not fed to the model. */
const RULE_FLOOR = 0.2;

/** One feature buffer for every call: scoring is synchronous, and `keep` copies what it keeps. */
const sharedFeatures = sentenceFeatures();

/** Per-sentence sums of a text, plus where each sentence sits in the original text. */
export interface SentenceTable {
  count: number;
  /** Σ of the sentence's bucket weights (unscaled). */
  dots: Float64Array;
  /** Number of bucket features in the sentence. */
  counts: Int32Array;
  bits: Int32Array;
  originalStarts: Int32Array;
  originalEnds: Int32Array;
}

/**
 * Featurises every sentence of `text` once. With `keep`, the bucket indices of each
 * sentence are handed to it (training stores them); scoring passes none. `chunks` are the
 * normalised pieces of `text` when the rules already made them (see `NORMALIZED_CHUNKS`).
 */
export function sentenceTable(
  text: string,
  context: 0 | 1,
  model: WindowWeights,
  rules: readonly RuleHit[],
  keep?: (sentence: number, features: SentenceFeatures) => void,
  chunks: readonly NormalizedChunk[] = [{ offset: 0, normalized: normalizeText(text) }],
): SentenceTable {
  const pieces = chunks.map((chunk) => splitSentences(chunk.normalized.text));
  let count = 0;
  for (const piece of pieces) count += piece.count;
  const table: SentenceTable = {
    count,
    dots: new Float64Array(count),
    counts: new Int32Array(count),
    bits: new Int32Array(count),
    originalStarts: new Int32Array(count),
    originalEnds: new Int32Array(count),
  };
  const weights = model.weights;
  const features = sharedFeatures;
  let sentence = 0;
  chunks.forEach((chunk, index) => {
    const spans = pieces[index]!;
    const normalized = chunk.normalized.text;
    const offsets = chunk.normalized.offsets;
    for (let local = 0; local < spans.count; local++, sentence++) {
      const start = spans.starts[local]!;
      const end = spans.ends[local]!;
      featurizeSentence(normalized, start, end, context, model.config, features);
      let dot = 0;
      const indices = features.indices;
      for (let at = 0; at < features.count; at++) dot += weights[indices[at]!]!;
      table.dots[sentence] = dot;
      table.counts[sentence] = features.count;
      table.bits[sentence] = features.bits;
      table.originalStarts[sentence] = chunk.offset + (offsets ? offsets[start]! : start);
      table.originalEnds[sentence] = chunk.offset + (offsets ? offsets[end]! : end);
      keep?.(sentence, features);
    }
  });
  addRuleBits(table, rules);
  return table;
}

/** Sets each sentence's rule bits from the rule matches that start inside it. */
function addRuleBits(table: SentenceTable, rules: readonly RuleHit[]): void {
  if (table.count === 0) return;
  for (const rule of rules) {
    if (rule.weight < RULE_FLOOR) continue;
    const bit = FAMILY_BITS[rule.family];
    if (bit === undefined) continue;
    // The last sentence starting at or before the match.
    let low = 0;
    let high = table.count - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (table.originalStarts[middle]! <= rule.start) low = middle;
      else high = middle - 1;
    }
    table.bits[low]! |= bit | (rule.weight >= 0.7 ? STRONG : 0);
  }
}

/** Sum of the indicator weights of every set bit and every pair of set bits of `bits`. */
export function indicatorSum(bits: number, weights: Float64Array): number {
  let sum = 0;
  for (let outer = bits; outer !== 0; outer &= outer - 1) {
    const first = 31 - Math.clz32(outer & -outer);
    const row = first * INDICATOR_COUNT;
    for (let inner = outer; inner !== 0; inner &= inner - 1) sum += weights[row + 31 - Math.clz32(inner & -inner)]!;
  }
  return sum;
}

/** The margin of sentences `first`..`last` (inclusive). */
export function windowMargin(table: SentenceTable, first: number, last: number, context: 0 | 1, model: WindowWeights): number {
  let dot = 0;
  let features = 0;
  let bits = 0;
  for (let sentence = first; sentence <= last; sentence++) {
    dot += table.dots[sentence]!;
    features += table.counts[sentence]!;
    bits |= table.bits[sentence]!;
  }
  const hashed = (dot * model.scale) / Math.sqrt(features + LENGTH_PRIOR);
  return model.bias[context] + hashed + indicatorSum(bits, model.indicators[context]);
}

/** The best window of the table; an empty text scores its bias alone. */
export function bestWindow(table: SentenceTable, context: 0 | 1, model: WindowWeights): WindowScore {
  let best: WindowScore = { margin: model.bias[context], start: 0, end: 0 };
  for (let first = 0; first < table.count; first++) {
    const lastPossible = Math.min(table.count - 1, first + MAX_WINDOW - 1);
    for (let last = first; last <= lastPossible; last++) {
      const margin = windowMargin(table, first, last, context, model);
      if (margin > best.margin || best.end === 0) best = { margin, start: table.originalStarts[first]!, end: table.originalEnds[last]! };
    }
  }
  return best;
}
