/**
 * The 32-bit hashes the learned screen's features are bucketed by. They are plain integer
 * arithmetic (`Math.imul`), so a feature lands in the same bucket on every machine and in
 * every Node version: the shipped weights and the training script agree bit for bit.
 */

/** FNV-1a offset basis: the start value of a word hash. */
export const HASH_START = 0x811c9dc5;

/** Folds one UTF-16 code unit into a running FNV-1a hash. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Murmur3's finaliser: spreads the bits of `hash` so the low bits can index a table. */
export function mixHash(hash: number): number {
  let value = hash ^ (hash >>> 16);
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}

/** Hash of a whole string, as the featuriser would compute it for a word. */
export function hashWord(word: string): number {
  let hash = HASH_START;
  for (let index = 0; index < word.length; index++) hash = hashStep(hash, word.charCodeAt(index));
  return hash;
}

/** Seeds that keep the feature kinds apart in the one shared table. */
export const Seed = {
  unigram: 0x1b873593,
  bigram: 0x2f7a1d3c,
  charGram: 0x5bd1e995,
  firstWord: 0x68e31da4,
  context: 0x7feb352d,
  skeletonBigram: 0x846ca68b,
  skeletonTrigram: 0x9c2d2b1f,
} as const;
