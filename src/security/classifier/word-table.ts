/**
 * One lookup per word for everything the featuriser wants to know about it: its indicator
 * bits, whether it reads as an order, whether an order may still follow it ("please"), and
 * its skeleton token. An open-addressing table over typed arrays, keyed by the word hash:
 * one or two probes, no boxed keys, no Map.
 */
import { IMPERATIVE_WORDS, LEAD_WORDS, SKELETON, WORD_BITS } from './mood.js';

/** Flag: first in a sentence, the word makes it an order. */
export const IMPERATIVE_FLAG = 1 << 30;
/** Flag: after this word, the next word may still be the order ("please send"). */
export const LEAD_FLAG = 1 << 29;
/** Mask of the indicator bits in a table value. */
export const BITS_MASK = (1 << 29) - 1;

const SLOTS_LOG2 = 14;
const SLOTS = 1 << SLOTS_LOG2;

/** What the table knows about one word, or `undefined`-like zeros when it knows nothing. */
export interface WordTable {
  readonly keys: Int32Array;
  readonly used: Uint8Array;
  /** Indicator bits and flags. */
  readonly values: Int32Array;
  /** Skeleton token, valid where `hasShape` is 1. */
  readonly shapes: Int32Array;
  readonly hasShape: Uint8Array;
}

function slotOf(table: WordTable, hash: number): number {
  let slot = Math.imul(hash, 0x9e3779b1) >>> (32 - SLOTS_LOG2);
  while (table.used[slot] === 1 && table.keys[slot] !== hash) slot = (slot + 1) & (SLOTS - 1);
  return slot;
}

/** The slot holding `hash`, or -1. */
export function findWord(table: WordTable, hash: number): number {
  const slot = slotOf(table, hash);
  return table.used[slot] === 1 ? slot : -1;
}

function buildTable(): WordTable {
  const table: WordTable = { keys: new Int32Array(SLOTS), used: new Uint8Array(SLOTS), values: new Int32Array(SLOTS), shapes: new Int32Array(SLOTS), hasShape: new Uint8Array(SLOTS) };
  const at = (hash: number) => {
    const slot = slotOf(table, hash);
    table.used[slot] = 1;
    table.keys[slot] = hash;
    return slot;
  };
  for (const [hash, bits] of WORD_BITS) table.values[at(hash)]! |= bits;
  for (const hash of IMPERATIVE_WORDS) table.values[at(hash)]! |= IMPERATIVE_FLAG;
  for (const hash of LEAD_WORDS) table.values[at(hash)]! |= LEAD_FLAG;
  for (const [hash, shape] of SKELETON) {
    const slot = at(hash);
    table.shapes[slot] = shape;
    table.hasShape[slot] = 1;
  }
  return table;
}

/** The featuriser's word table. */
export const WORD_TABLE: WordTable = buildTable();
