/**
 * The hash chain of the audit file. Every line is
 * `{"seq":N,"prev":"<64 hex>",...body...,"hash":"<64 hex>"}` where `hash` is the SHA-256 of
 * the line's bytes before `,"hash":` and `prev` is the `hash` of the line before. The first
 * line of a chain anchors on a random genesis recorded as its `prev`. Because each line
 * seals itself and the next line seals it again, any changed byte, a dropped, inserted or
 * reordered line all break the chain, the last line included.
 */
import * as crypto from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';

/** Byte length of the `,"hash":"<64 hex>"}` suffix every sealed line ends with. */
export const HASH_SUFFIX_LENGTH = 75;
const HASH_KEY = Buffer.from(',"hash":"');
const NEWLINE = 0x0a;

/** Where a chain stands: the last line's `seq` and `hash`. */
export interface ChainTip {
  readonly seq: number;
  readonly hash: string;
}

/** A sealed line's header, read without parsing the whole JSON. */
export interface SealedLineHeader {
  readonly seq: number;
  readonly prev: string;
  /** The `hash` the line claims. */
  readonly hash: string;
  /** The SHA-256 of the line's sealed bytes: equals `hash` unless the line was changed. */
  readonly computed: string;
}

/** A fresh random genesis: the anchor of a new chain. */
export function newGenesis(): string {
  return randomBytes(32).toString('hex');
}

// One-shot `crypto.hash` (Node >= 20.12) is about twice as fast as createHash for short lines.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string }).hash;

/** SHA-256 hex of `bytes`. */
export function sha256(bytes: Uint8Array | string): string {
  return oneShot ? oneShot('sha256', bytes, 'hex') : createHash('sha256').update(bytes).digest('hex');
}

/**
 * Seals `bodyJson` (a JSON object text such as `{"at":...,"type":"call"}`) as line `seq`
 * after `prev`, and returns the full line with its trailing newline and its hash.
 */
export function sealLine(bodyJson: string, seq: number, prev: string): { line: string; hash: string } {
  const inner = bodyJson.length > 2 ? `,${bodyJson.slice(1, -1)}` : '';
  const sealed = `{"seq":${seq},"prev":"${prev}"${inner}`;
  const hash = sha256(sealed);
  return { line: `${sealed},"hash":"${hash}"}\n`, hash };
}

/**
 * Reads the header of one sealed line (without its newline) and recomputes its hash.
 * Returns `undefined` when the line does not have the sealed shape at all.
 */
export function readSealedLine(line: Uint8Array): SealedLineHeader | undefined {
  const length = line.length;
  if (length < HASH_SUFFIX_LENGTH + 80) return undefined;
  const suffixStart = length - HASH_SUFFIX_LENGTH;
  for (let i = 0; i < HASH_KEY.length; i++) if (line[suffixStart + i] !== HASH_KEY[i]) return undefined;
  if (line[length - 2] !== 0x22 || line[length - 1] !== 0x7d) return undefined;
  const bytes = Buffer.isBuffer(line) ? line : Buffer.from(line.buffer, line.byteOffset, length);
  const hash = bytes.toString('latin1', suffixStart + HASH_KEY.length, length - 2);
  if (!isLowerHex(hash)) return undefined;
  const header = readPrefix(bytes);
  if (!header) return undefined;
  const computed = sha256(bytes.subarray(0, suffixStart));
  return { seq: header.seq, prev: header.prev, hash, computed };
}

const SEQ_KEY = Buffer.from('{"seq":');
const PREV_KEY = Buffer.from(',"prev":"');

/** Reads `{"seq":N,"prev":"<64 hex>"` from the start of a line, byte by byte. */
function readPrefix(bytes: Buffer): { seq: number; prev: string } | undefined {
  for (let i = 0; i < SEQ_KEY.length; i++) if (bytes[i] !== SEQ_KEY[i]) return undefined;
  let position = SEQ_KEY.length;
  let seq = 0;
  const digitsStart = position;
  while (position < bytes.length && bytes[position]! >= 0x30 && bytes[position]! <= 0x39 && position - digitsStart < 16) {
    seq = seq * 10 + (bytes[position]! - 0x30);
    position += 1;
  }
  const digits = position - digitsStart;
  if (digits === 0 || (digits > 1 && bytes[digitsStart] === 0x30)) return undefined;
  for (let i = 0; i < PREV_KEY.length; i++) if (bytes[position + i] !== PREV_KEY[i]) return undefined;
  position += PREV_KEY.length;
  if (bytes[position + 64] !== 0x22) return undefined;
  const prev = bytes.toString('latin1', position, position + 64);
  return isLowerHex(prev) ? { seq, prev } : undefined;
}

function isLowerHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
  }
  return true;
}

/** True when `byte` ends a line. */
export function isNewline(byte: number | undefined): boolean {
  return byte === NEWLINE;
}
