import { describe, expect, it } from 'vitest';
import { costMicros, microsToUsd, priceOf, usdToMicros } from '../../src/budget/pricing.js';

describe('pricing', () => {
  const gpt4o = { input: 2.5, output: 10, cachedInput: 1.25 };

  it('prices tokens in exact integer micro-dollars', () => {
    expect(costMicros(gpt4o, { inputTokens: 1_000, outputTokens: 500 })).toBe(7_500);
    expect(costMicros({ input: 0.15, output: 0.6 }, { inputTokens: 1_000, outputTokens: 0 })).toBe(150);
  });

  it('prices cached input tokens at the cached rate, as part of the input', () => {
    expect(costMicros(gpt4o, { inputTokens: 1_000, cachedInputTokens: 800, outputTokens: 0 })).toBe(200 * 2.5 + 800 * 1.25);
  });

  it('prices cached input at the input rate when no cached rate is given', () => {
    expect(costMicros({ input: 3, output: 15 }, { inputTokens: 100, cachedInputTokens: 100, outputTokens: 0 })).toBe(300);
  });

  it('finds only exact model ids and never guesses', () => {
    const table = { 'gpt-4o': gpt4o };
    expect(priceOf(table, 'gpt-4o')).toBe(gpt4o);
    expect(priceOf(table, 'gpt-4o-2024-08-06')).toBeUndefined();
    expect(priceOf(table, 'toString')).toBeUndefined();
    expect(priceOf(table, undefined)).toBeUndefined();
  });

  it('converts between USD and micro-dollars', () => {
    expect(usdToMicros(0.1 + 0.2)).toBe(300_000);
    expect(microsToUsd(1_500_000)).toBe(1.5);
  });
});
