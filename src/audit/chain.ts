/**
 * The hash chain of the audit file. Every line is
 * `{"seq":N,"prev":"<64 hex>",...body...,"hash":"<64 hex>"}` where `hash` is the SHA-256 of
 * the line's bytes before `,"hash":` and `prev` is the `hash` of the line before. The first
 * line of a chain anchors on a random genesis recorded as its `prev`. Because each line
 * seals itself and the next line seals it again, any changed byte, a dropped, inserted or
 * reordered line all break the chain, the last line included.
 *
 * A keyed chain (`auditLog({ key })`) writes `"kid":"<key id>"` right after `prev` and makes
 * `hash` the HMAC-SHA256 of the same bytes under that key, so a line cannot be re-sealed
 * without the key.
 */
import * as crypto from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';
import { hmacHex, KEY_ID, type SealKey } from './audit-key.js';

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
  /** The id of the key that sealed the line; absent on an unkeyed line. */
  readonly kid?: string;
  /**
   * The SHA-256 (unkeyed) or HMAC (keyed) of the line's sealed bytes: equals `hash` unless
   * the line was changed. `undefined` for a keyed line whose key was not given.
   */
  readonly computed: string | undefined;
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
export function sealLine(bodyJson: string, seq: number, prev: string, key?: SealKey): { line: string; hash: string } {
  const inner = bodyJson.length > 2 ? `,${bodyJson.slice(1, -1)}` : '';
  const sealed = key ? `{"seq":${seq},"prev":"${prev}","kid":"${key.id}"${inner}` : `{"seq":${seq},"prev":"${prev}"${inner}`;
  const hash = key ? hmacHex(key, sealed) : sha256(sealed);
  return { line: `${sealed},"hash":"${hash}"}\n`, hash };
}

/**
 * Reads the header of one sealed line (without its newline) and recomputes its hash.
 * A keyed line is recomputed with its key from `keys`. Returns `undefined` when the line does
 * not have the sealed shape at all.
 */
export function readSealedLine(line: Uint8Array, keys?: ReadonlyMap<string, SealKey>): SealedLineHeader | undefined {
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
  const sealed = bytes.subarray(0, suffixStart);
  if (header.kid === undefined) return { seq: header.seq, prev: header.prev, hash, computed: sha256(sealed) };
  const key = keys?.get(header.kid);
  return { seq: header.seq, prev: header.prev, hash, kid: header.kid, computed: key ? hmacHex(key, sealed) : undefined };
}

const SEQ_KEY = Buffer.from('{"seq":');
const PREV_KEY = Buffer.from(',"prev":"');
const KID_KEY = Buffer.from(',"kid":"');

/** Reads `{"seq":N,"prev":"<64 hex>"` and an optional `,"kid":"<id>"` from the start of a line, byte by byte. */
function readPrefix(bytes: Buffer): { seq: number; prev: string; kid?: string } | undefined {
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
  if (!isLowerHex(prev)) return undefined;
  position += 65;
  for (let i = 0; i < KID_KEY.length; i++) if (bytes[position + i] !== KID_KEY[i]) return { seq, prev };
  position += KID_KEY.length;
  const kidEnd = bytes.indexOf(0x22, position);
  if (kidEnd === -1 || kidEnd - position > 64 || kidEnd === position) return undefined;
  const kid = bytes.toString('latin1', position, kidEnd);
  return KEY_ID.test(kid) ? { seq, prev, kid } : undefined;
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
