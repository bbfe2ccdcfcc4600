/**
 * Ids for runs, calls and tickets: a random per-process prefix plus a counter, so ids are
 * unique across processes and cheap on the hot path (no UUID per call).
 */
import { randomBytes, randomUUID } from 'node:crypto';

const processPrefix = randomBytes(6).toString('hex');
let counter = 0;

/** A unique id with a readable prefix, e.g. `call_1a2b3c4d5e6f_1k`. */
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}_${processPrefix}_${counter.toString(36)}`;
}

/** A random id that reveals nothing about order (approval tickets, access tokens). */
export function randomId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}
