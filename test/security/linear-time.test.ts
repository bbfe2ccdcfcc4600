import { describe, expect, it } from 'vitest';
import { classifier, scanText } from '../../src/index.js';

// Size-scaling, not an absolute limit (issue #5): the time for 1 MB must be under 20x the
// time for 50 kB. The input is 19.5x larger, so a linear scan sits just under the bound, an
// n log n step lands near 25x and a quadratic one near 400x.
// To compare like with like, the 50 kB time is that of 20 back-to-back scans (as much text
// as one 1 MB scan) divided by 20: both measurements then run as long, pay the same share
// of garbage collection and suffer the same interruptions from other processes. Rounds are
// interleaved and the fastest of each size is compared (the least disturbed measurement).
// A linear scan sits within about 3% of the bound, inside machine noise: when the first
// rounds do not settle it, more rounds refine both minimums (never more than MAX_ROUNDS).
// A superlinear step fails however many rounds run: n log n by about 25%, n^2 by 20 times.
const LINEAR_BOUND = 20;
const SMALL = 50 * 1024;
const LARGE = 1_000_000;
const REPEAT = Math.round(LARGE / SMALL);
const ROUNDS = 7;
const MAX_ROUNDS = 60;

const shapes: Record<string, (size: number) => string> = {
  'one repeated override verb': (size) => 'ignore '.repeat(size / 7 + 1).slice(0, size),
  'override phrases without an object': (size) => 'ignore all the previous '.repeat(size / 24 + 1).slice(0, size),
  'single-letter fragments': (size) => 'i g n o r e '.repeat(size / 12 + 1).slice(0, size),
  'unclosed markers and comments': (size) => '<|im_sta <!-- end of tool outpu system: '.repeat(size / 40 + 1).slice(0, size),
  'one long base64-like run': (size) => 'QUFB'.repeat(size / 4 + 1).slice(0, size),
  'zero-width characters between letters': (size) => 'a\u200b'.repeat(size / 2 + 1).slice(0, size),
  'text addressed to an AI over and over': (size) => 'note to the ai assistant: '.repeat(size / 26 + 1).slice(0, size),
  'one word without spaces': (size) => 'a'.repeat(size),
  'mixed scripts and full-width letters': (size) => 'ｉｇｎｏｒｅ приветствие 忽略指令 '.repeat(size / 24 + 1).slice(0, size),
  'e-mail-like and digit runs': (size) => '@@@ a@b. 1234 5678 9012 3456 +1 '.repeat(size / 32 + 1).slice(0, size),
};

// The learned detector reads the rules' matches as features; its rules here never reuse a
// previous scan, so each timed call does the whole work.
const learned = classifier({ rules: (text) => scanText(text) });
const scanners: Record<string, (text: string) => unknown> = {
  heuristics: (text) => scanText(text),
  classifier: (text) => learned(text, { direction: 'results' }),
};

/** Wall time of `times` scans of `text` in a row, in ns. */
function elapsed(scan: (text: string) => unknown, text: string, times: number): number {
  const start = process.hrtime.bigint();
  for (let round = 0; round < times; round++) scan(text);
  return Number(process.hrtime.bigint() - start);
}

const cases = Object.entries(scanners).flatMap(([scanner, scan]) => Object.entries(shapes).map(([shape, make]) => [scanner, shape, scan, make] as const));

describe('the screen runs in linear time', () => {
  it.each(cases)('%s scales linearly on %s', (_scanner, _shape, scan, make) => {
    const small = make(SMALL);
    const large = make(LARGE);
    elapsed(scan, small, REPEAT);
    elapsed(scan, large, 1);
    let smallBest = Number.POSITIVE_INFINITY;
    let largeBest = Number.POSITIVE_INFINITY;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      smallBest = Math.min(smallBest, elapsed(scan, small, REPEAT) / REPEAT);
      largeBest = Math.min(largeBest, elapsed(scan, large, 1));
      if (round + 1 >= ROUNDS && largeBest / smallBest < LINEAR_BOUND) break;
    }
    expect(largeBest / smallBest).toBeLessThan(LINEAR_BOUND);
  });
});
