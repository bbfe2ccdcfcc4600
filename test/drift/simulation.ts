/** Seeded simulations of detectors, shared by the tests (and quoted in the report). */
import type { DriftAlarm } from '../../src/drift/alarm.js';
import { createCusum, type CusumOptions } from '../../src/drift/cusum.js';
import { createDriftEngine } from '../../src/drift/engine.js';
import { parseDriftMonitorOptions, type DriftMonitorOptions } from '../../src/drift/monitor-options.js';
import { seededRandom } from './seeded-random.js';

/** Observations until the first alarm on a Bernoulli(`rate`) stream, or undefined within `length`. */
export function firstAlarm(options: CusumOptions, rate: number, length: number, seed: number): number | undefined {
  const random = seededRandom(seed);
  const cusum = createCusum(options);
  for (let observation = 1; observation <= length; observation++) {
    if (cusum.update(random() < rate ? 1 : 0)) return observation;
  }
  return undefined;
}

/** The median of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One draw from the categories by share. */
export function pick(random: () => number, shares: Readonly<Record<string, number>>): string {
  let u = random();
  const entries = Object.entries(shares);
  for (const [category, share] of entries) {
    u -= share;
    if (u < 0) return category;
  }
  return entries.at(-1)![0];
}

/** One seeded stream through a drift engine set up with `driftMonitor`'s defaults (plus `options`). */
export interface StreamCase {
  /** A 0/1 rate with this probability of 1, or a normal metric with this mean (std 1). */
  readonly kind: 'rate' | 'normal';
  readonly before: number;
  readonly after: number;
  /** The value moves right after the warm-up. Defaults to the `driftMonitor` default (200). */
  readonly warmup?: number;
  /** Observations in all, warm-up included. */
  readonly length: number;
  readonly options?: DriftMonitorOptions;
}

/** What happened on one stream: the first alarm after the warm-up and how long after it came. */
export interface StreamOutcome {
  readonly alarm: DriftAlarm | undefined;
  /** Observations after the warm-up up to and including the one that raised it. */
  readonly delay: number | undefined;
}

/** Runs one stream of `streamCase` with `seed`. */
export function runStream(streamCase: StreamCase, seed: number): StreamOutcome {
  const random = seededRandom(seed);
  const parsed = parseDriftMonitorOptions({ ...streamCase.options, baseline: { warmup: streamCase.warmup ?? 200, ...streamCase.options?.baseline } });
  const engine = createDriftEngine({ agent: 'simulation', warmup: parsed.warmup, given: parsed.given, shiftFor: parsed.shiftFor, falseAlarmRate: parsed.falseAlarmRate, ...(parsed.decisionInterval !== undefined && { decisionInterval: parsed.decisionInterval }), window: parsed.window, debounceMs: parsed.debounceMs });
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rate = streamCase.kind === 'rate';
  for (let observation = 1; observation <= streamCase.length; observation++) {
    const level = observation <= parsed.warmup ? streamCase.before : streamCase.after;
    const value = rate ? (random() < level ? 1 : 0) : level + normal();
    const [alarm] = engine.observe({ metric: 'metric', kind: 'mean', value, rate, at: observation, versionId: 'v_A' });
    if (alarm) return { alarm, delay: observation - parsed.warmup };
  }
  return { alarm: undefined, delay: undefined };
}

/** Detection rate and median delay (of the detected streams) over `trials` seeds from `firstSeed`. */
export function streamStatistics(streamCase: StreamCase, trials: number, firstSeed: number): { detected: number; medianDelay: number; outcomes: StreamOutcome[] } {
  const outcomes = Array.from({ length: trials }, (_, trial) => runStream(streamCase, firstSeed + trial));
  const delays = outcomes.flatMap((outcome) => (outcome.delay === undefined ? [] : [outcome.delay]));
  return { detected: delays.length / trials, medianDelay: delays.length > 0 ? median(delays) : Number.NaN, outcomes };
}
