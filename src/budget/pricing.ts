/**
 * Pricing: a table of USD per 1M tokens per model id, given by the user. Cost is computed
 * in integer micro-dollars — tokens × (USD per 1M tokens) is exactly µUSD — rounded to the
 * nearest µUSD per call. A model missing from the table is never guessed: it is counted in
 * tokens only and flagged unpriced.
 */

/** USD per 1M tokens for one model. */
export interface ModelPrice {
  /** Uncached input (prompt) tokens. */
  readonly input: number;
  /** Output (completion) tokens. */
  readonly output: number;
  /** Cached input tokens (a subset of the input tokens). Defaults to `input`. */
  readonly cachedInput?: number;
}

/** Prices by exact model id, e.g. `{ 'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 } }`. */
export type PricingTable = Readonly<Record<string, ModelPrice>>;

/** Token counts to price. `cachedInputTokens` is the part of `inputTokens` served from cache. */
export interface TokenCounts {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens?: number;
}

/** The price of `model`, or `undefined` when the table has no exact entry for it. */
export function priceOf(pricing: PricingTable, model: string | undefined): ModelPrice | undefined {
  if (model === undefined || !Object.hasOwn(pricing, model)) return undefined;
  return pricing[model];
}

/** Cost of `counts` at `price`, in integer µUSD. */
export function costMicros(price: ModelPrice, counts: TokenCounts): number {
  const cached = Math.min(counts.cachedInputTokens ?? 0, counts.inputTokens);
  const uncached = counts.inputTokens - cached;
  return Math.round(uncached * price.input + cached * (price.cachedInput ?? price.input) + counts.outputTokens * price.output);
}

/** USD to integer µUSD (rounded to the nearest). */
export function usdToMicros(usd: number): number {
  return Math.round(usd * 1_000_000);
}

/** Integer µUSD to USD. */
export function microsToUsd(micros: number): number {
  return micros / 1_000_000;
}
