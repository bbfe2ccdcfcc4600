import { describe, expect, it, vi } from 'vitest';
import { createWarden, externalDetector, heuristics, injectionScreen, InjectionDetectedError, OptionsError } from '../../src/index.js';

const CONTEXT = { direction: 'results', tool: 'fetch_page', path: '$' } as const;

describe('externalDetector', () => {
  it('returns the scorer\'s probability with a match naming the detector', async () => {
    const detect = externalDetector({ name: 'my-model', score: (text) => (text.includes('wire') ? 0.92 : 0.01), onFailure: 'open' });
    const result = await detect('please wire the money', CONTEXT);
    expect(result.score).toBe(0.92);
    expect(result.matches[0]).toMatchObject({ rule: 'my-model', family: 'custom', weight: 0.92 });
    expect(detect.detectorName).toBe('my-model');
  });

  it.each([
    ['open', 0],
    ['closed', 1],
  ] as const)('fails %s on a timeout, and aborts the scorer', async (onFailure, expected) => {
    vi.useFakeTimers();
    try {
      let aborted = false;
      const detect = externalDetector({
        name: 'slow',
        timeoutMs: 100,
        onFailure,
        score: (_text, { signal }) =>
          new Promise<number>((resolve) => {
            signal.addEventListener('abort', () => {
              aborted = true;
              resolve(0.9);
            });
          }),
      });
      const pending = detect('text', CONTEXT);
      await vi.advanceTimersByTimeAsync(100);
      const result = await pending;
      expect(result.score).toBe(expected);
      expect(aborted).toBe(true);
      if (onFailure === 'closed') expect(result.matches[0]!.rule).toBe('slow_timeout');
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['throws', () => Promise.reject(new Error('model not loaded'))],
    ['answers NaN', () => Number.NaN],
    ['answers above 1', () => 3],
  ])('fails closed when the scorer %s', async (_case, score) => {
    const detect = externalDetector({ name: 'flaky', score, onFailure: 'closed' });
    expect((await detect('text', CONTEXT)).score).toBe(1);
  });

  it('never runs more scores at once than `concurrency`', async () => {
    let inFlight = 0;
    let most = 0;
    const detect = externalDetector({
      name: 'capped',
      concurrency: 2,
      onFailure: 'open',
      score: async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return 0.1;
      },
    });
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => detect(`text ${index}`, CONTEXT)));
    expect(results.every((result) => result.score === 0.1)).toBe(true);
    expect(most).toBe(2);
  });

  it('hands the scorer at most `maxChars` characters', async () => {
    const lengths: number[] = [];
    const detect = externalDetector({ name: 'short', maxChars: 10, onFailure: 'open', score: (text) => (lengths.push(text.length), 0) });
    await detect('x'.repeat(50), CONTEXT);
    expect(lengths).toEqual([10]);
  });

  it('blocks through injectionScreen when it fails closed, naming itself', async () => {
    const detect = externalDetector({ name: 'guard-model', score: () => Promise.reject(new Error('down')), onFailure: 'closed' });
    const warden = createWarden({ agent: 'a', middleware: [injectionScreen({ detectors: [heuristics(), detect] })] });
    const fetchPage = warden.tool('fetch_page', async () => 'A harmless page about gardening.');
    const error = await fetchPage({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InjectionDetectedError);
    expect((error as InjectionDetectedError).decision.details).toMatchObject({ detector: 'guard-model' });
  });

  const zero = (): number => 0;
  it.each<[unknown, string]>([
    [{ name: 'x', score: zero }, '`onFailure`'],
    [{ name: 'x', score: 'nope', onFailure: 'open' }, '`score`'],
    [{ name: 'x', score: zero, onFailure: 'open', timeoutMs: -1 }, '`timeoutMs`'],
  ])('rejects bad options naming the field (%#)', (options, field) => {
    expect(() => externalDetector(options as never)).toThrow(OptionsError);
    expect(() => externalDetector(options as never)).toThrow(field);
  });
});
