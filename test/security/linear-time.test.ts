import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/index.js';

// Size-scaling, not an absolute limit: a quadratic step would make 1 MB cost about 400x
// what 50 kB costs, a linear one about 20x (the input is 19.5x larger). A strictly linear
// scan measures 19.6x to 21.5x here (cache and GC effects of the larger input), so a bound
// of exactly 20x would fail at random; 25x still fails any superlinear step by far.
// Medians of interleaved runs damp machine noise.
const LINEAR_BOUND = 25;
const SMALL = 50 * 1024;
const LARGE = 1_000_000;

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

function elapsed(text: string): number {
  const start = process.hrtime.bigint();
  scanText(text);
  return Number(process.hrtime.bigint() - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

describe('the screen runs in linear time', () => {
  it.each(Object.entries(shapes))('scales linearly on %s', (_shape, make) => {
    const small = make(SMALL);
    const large = make(LARGE);
    elapsed(small);
    elapsed(large);
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let round = 0; round < 7; round++) {
      smallTimes.push(elapsed(small));
      largeTimes.push(elapsed(large));
    }
    expect(median(largeTimes)).toBeLessThan(LINEAR_BOUND * median(smallTimes));
  });
});
