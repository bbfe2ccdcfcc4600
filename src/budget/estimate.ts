/**
 * A rough token estimate for reservations when no tokenizer is at hand: about four characters
 * per token for English text, rounded up. Reservations only need to be an upper-ish bound;
 * the real usage is what `recordUsage` settles.
 */

/** Estimated tokens in `text` (ceil(chars / 4)). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
