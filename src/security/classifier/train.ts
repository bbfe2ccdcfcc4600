/**
 * Training of the learned screen: logistic regression by AdaGrad over the same sentence
 * windows the detector scores. Each text contributes one window per epoch and label:
 * an injection its planted sentences when the span is known, else its best-scoring
 * window (multiple-instance learning: the attack sits somewhere in it); a benign text
 * its best-scoring window (the hardest negative) and one random window. Deterministic for
 * a given corpus, options and seed: every loop runs in a fixed order, and the shuffles come
 * from a seeded generator. Used by `npm run train:screen` and by the tests.
 */
import { seededRandom } from '../../internal/seeded-random.js';
import { normalizedChunksOf, scanText } from '../heuristics.js';
import { contextIndex, structureStart, type FeatureConfig, type ScreenContext } from './features.js';
import { INDICATOR_FEATURES, INDICATOR_WEIGHTS } from './mood.js';
import { indicatorSum, LENGTH_PRIOR, MAX_WINDOW, sentenceTable, type WindowWeights } from './windows.js';

/** One labelled training text. */
export interface TrainingText {
  readonly text: string;
  readonly context: ScreenContext;
  readonly label: 0 | 1;
  /** For a planted injection: the span of the planted instruction in `text`. */
  readonly payload?: { readonly start: number; readonly end: number };
  /** How much this text counts, relative to others of its class. Defaults to `1`. */
  readonly weight?: number;
}

/** Knobs of `trainScreenModel`. */
export interface TrainOptions {
  readonly config: FeatureConfig;
  readonly epochs: number;
  readonly seed: number;
  /** AdaGrad step size. */
  readonly learningRate: number;
  /** L2 pull toward zero, applied to the weights a window touches. */
  readonly l2: number;
  /**
   * Share of updates that see only the structure features (skeleton, first word, indicators),
   * not the words and character n-grams: the model must then explain an attack by its shape
   * too, not only by the words of the attacks it has read. Defaults to `0`.
   */
  readonly contentDropout?: number;
}

/** Unquantised weights as training leaves them. */
export interface TrainedWeights extends WindowWeights {
  readonly weights: Float64Array;
  readonly indicators: [Float64Array, Float64Array];
  readonly bias: [number, number];
}

interface PreparedText {
  readonly context: 0 | 1;
  readonly label: 0 | 1;
  readonly weight: number;
  /** Bucket indices of all sentences, back to back. */
  readonly indices: Int32Array;
  /** `sentenceEnds[i]` is where sentence `i`'s indices end in `indices`. */
  readonly sentenceEnds: Int32Array;
  readonly bits: Int32Array;
  /** First and last sentence of the planted payload, or -1. */
  readonly payloadFirst: number;
  readonly payloadLast: number;
}

/** Featurises every text once (rule matches included), keeping each sentence's buckets. */
export function prepareTexts(texts: readonly TrainingText[], config: FeatureConfig): PreparedText[] {
  const probe: WindowWeights = { config, scale: 1, weights: new Int8Array(1 << config.tableBits), indicators: [new Float64Array(INDICATOR_WEIGHTS), new Float64Array(INDICATOR_WEIGHTS)], bias: [0, 0] };
  const prepared: PreparedText[] = [];
  for (const item of texts) {
    const context = contextIndex(item.context);
    const chunks: Int32Array[] = [];
    const rules = scanText(item.text);
    const table = sentenceTable(item.text, context, probe, rules.matches, (_sentence, features) => {
      chunks.push(features.indices.slice(0, features.count));
    }, normalizedChunksOf(rules));
    if (table.count === 0) continue;
    let total = 0;
    for (const chunk of chunks) total += chunk.length;
    const indices = new Int32Array(total);
    const sentenceEnds = new Int32Array(chunks.length);
    let at = 0;
    chunks.forEach((chunk, index) => {
      indices.set(chunk, at);
      at += chunk.length;
      sentenceEnds[index] = at;
    });
    let payloadFirst = -1;
    let payloadLast = -1;
    if (item.payload) {
      for (let sentence = 0; sentence < table.count; sentence++) {
        const overlaps = table.originalStarts[sentence]! < item.payload.end && table.originalEnds[sentence]! > item.payload.start;
        if (!overlaps) continue;
        if (payloadFirst < 0) payloadFirst = sentence;
        payloadLast = sentence;
      }
    }
    prepared.push({ context, label: item.label, weight: item.weight ?? 1, indices, sentenceEnds, bits: table.bits.slice(), payloadFirst, payloadLast });
  }
  return prepared;
}

/** Trains weights on `texts`; the same inputs always give the same weights. */
export function trainScreenModel(texts: readonly TrainingText[], options: TrainOptions): TrainedWeights {
  return trainPrepared(prepareTexts(texts, options.config), options);
}

/** `trainScreenModel` on texts already featurised by `prepareTexts`. */
export function trainPrepared(prepared: readonly PreparedText[], options: TrainOptions): TrainedWeights {
  const size = 1 << options.config.tableBits;
  const model: TrainedWeights = {
    config: options.config,
    scale: 1,
    weights: new Float64Array(size),
    indicators: [new Float64Array(INDICATOR_WEIGHTS), new Float64Array(INDICATOR_WEIGHTS)],
    bias: [0, 0],
  };
  const squared = new Float64Array(size);
  const indicatorSquared = [new Float64Array(INDICATOR_WEIGHTS), new Float64Array(INDICATOR_WEIGHTS)] as const;
  const biasSquared = [0, 0];
  // Balance classes within each context: each (context, label) cell weighs the same in total.
  const cells = [0, 0, 0, 0];
  for (const item of prepared) cells[item.context * 2 + item.label]! += (item.label === 0 ? 2 : 1) * item.weight;
  const classWeight = (context: number, label: number) => {
    const positives = cells[context * 2 + 1]!;
    const negatives = cells[context * 2]!;
    const count = cells[context * 2 + label]!;
    return count === 0 ? 0 : (positives + negatives) / (2 * count);
  };
  const random = seededRandom(options.seed);
  const order = prepared.map((_, index) => index);
  const rate = options.learningRate;

  const sentenceDot = (item: PreparedText, sentence: number): number => {
    let dot = 0;
    for (let index = sentence === 0 ? 0 : item.sentenceEnds[sentence - 1]!; index < item.sentenceEnds[sentence]!; index++) dot += model.weights[item.indices[index]!]!;
    return dot;
  };
  const bestWindowOf = (item: PreparedText, from: number, to: number): [number, number] => {
    const dots = new Float64Array(to - from + 1);
    for (let sentence = from; sentence <= to; sentence++) dots[sentence - from] = sentenceDot(item, sentence);
    let best: [number, number] = [from, from];
    let bestMargin = Number.NEGATIVE_INFINITY;
    for (let first = from; first <= to; first++) {
      let dot = 0;
      let bits = 0;
      for (let last = first; last <= Math.min(to, first + MAX_WINDOW - 1); last++) {
        dot += dots[last - from]!;
        bits |= item.bits[last]!;
        const features = item.sentenceEnds[last]! - (first === 0 ? 0 : item.sentenceEnds[first - 1]!);
        const margin = dot / Math.sqrt(features + LENGTH_PRIOR) + indicatorSum(bits, model.indicators[item.context]);
        if (margin > bestMargin) {
          bestMargin = margin;
          best = [first, last];
        }
      }
    }
    return best;
  };
  const randomWindow = (item: PreparedText): [number, number] => {
    const count = item.sentenceEnds.length;
    const first = Math.floor(random() * count);
    const length = 1 + Math.floor(random() * MAX_WINDOW);
    return [first, Math.min(count - 1, first + length - 1)];
  };
  const structure = structureStart(options.config);
  const dropout = options.contentDropout ?? 0;
  const update = (item: PreparedText, first: number, last: number, weight: number) => {
    const from = first === 0 ? 0 : item.sentenceEnds[first - 1]!;
    const to = item.sentenceEnds[last]!;
    const floor = dropout > 0 && random() < dropout ? structure : 0;
    let used = 0;
    for (let index = from; index < to; index++) if (item.indices[index]! >= floor) used++;
    const norm = 1 / Math.sqrt(used + LENGTH_PRIOR);
    let bits = 0;
    for (let sentence = first; sentence <= last; sentence++) bits |= item.bits[sentence]!;
    let dot = 0;
    for (let index = from; index < to; index++) if (item.indices[index]! >= floor) dot += model.weights[item.indices[index]!]!;
    const indicators = model.indicators[item.context];
    const margin = model.bias[item.context]! + dot * norm + indicatorSum(bits, indicators);
    const probability = 1 / (1 + Math.exp(-margin));
    const gradient = (probability - item.label) * weight;
    if (gradient === 0) return;
    for (let index = from; index < to; index++) {
      const bucket = item.indices[index]!;
      if (bucket < floor) continue;
      const step = gradient * norm + options.l2 * model.weights[bucket]!;
      squared[bucket]! += step * step;
      model.weights[bucket]! -= (rate * step) / Math.sqrt(squared[bucket]! + 1e-8);
    }
    const indicatorSquares = indicatorSquared[item.context];
    for (let outer = bits; outer !== 0; outer &= outer - 1) {
      const row = (31 - Math.clz32(outer & -outer)) * INDICATOR_FEATURES.length;
      for (let inner = outer; inner !== 0; inner &= inner - 1) {
        const slot = row + 31 - Math.clz32(inner & -inner);
        const step = gradient + options.l2 * indicators[slot]!;
        indicatorSquares[slot]! += step * step;
        indicators[slot]! -= (rate * step) / Math.sqrt(indicatorSquares[slot]! + 1e-8);
      }
    }
    biasSquared[item.context]! += gradient * gradient;
    model.bias[item.context]! -= (rate * gradient) / Math.sqrt(biasSquared[item.context]! + 1e-8);
  };

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const swap = Math.floor(random() * (index + 1));
      [order[index], order[swap]] = [order[swap]!, order[index]!];
    }
    for (const position of order) {
      const item = prepared[position]!;
      const count = item.sentenceEnds.length;
      const weight = classWeight(item.context, item.label) * item.weight;
      if (item.label === 1) {
        if (item.payloadFirst >= 0) {
          const [first, last] = item.payloadLast - item.payloadFirst < MAX_WINDOW ? [item.payloadFirst, item.payloadLast] : bestWindowOf(item, item.payloadFirst, item.payloadLast);
          update(item, first, last, weight);
        } else if (epoch === 0 && count > MAX_WINDOW) {
          const [first, last] = randomWindow(item);
          update(item, first, last, weight);
        } else {
          const [first, last] = count <= MAX_WINDOW && epoch === 0 ? [0, count - 1] : bestWindowOf(item, 0, count - 1);
          update(item, first, last, weight);
        }
        continue;
      }
      const [randomFirst, randomLast] = randomWindow(item);
      update(item, randomFirst, randomLast, weight);
      if (epoch > 0) {
        const [first, last] = bestWindowOf(item, 0, count - 1);
        update(item, first, last, weight);
      }
    }
  }
  return model;
}

/** Quantises bucket weights to signed bytes; the largest 0.01 % are clipped. */
export function quantizeWeights(weights: Float64Array): { weights: Int8Array; scale: number } {
  const magnitudes = Float64Array.from(weights, Math.abs).sort();
  const clip = magnitudes[Math.min(magnitudes.length - 1, Math.floor(magnitudes.length * 0.9999))]! || 1;
  const scale = clip / 127;
  const quantized = new Int8Array(weights.length);
  for (let index = 0; index < weights.length; index++) quantized[index] = Math.max(-127, Math.min(127, Math.round(weights[index]! / scale)));
  return { weights: quantized, scale };
}
