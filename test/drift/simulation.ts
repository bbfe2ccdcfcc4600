/** Seeded simulations of detectors, shared by the tests (and quoted in the report). */
import { createCusum, type CusumOptions } from '../../src/drift/cusum.js';
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
