/**
 * The hash chain of the audit file. Every line is
 * `{"seq":N,"prev":"<64 hex>",...body...,"hash":"<64 hex>"}` where `hash` is the SHA-256 of
 * the line's bytes before `,"hash":` and `prev` is the `hash` of the line before. The first
 * line of a chain anchors on a random genesis recorded as its `prev`. Because each line
 * seals itself and the next line seals it again, any changed byte, a dropped, inserted or
 * reordered line all break the chain, the last line included.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Byte length of the `,"hash":"<64 hex>"}` suffix every sealed line ends with. */
export const HASH_SUFFIX_LENGTH = 75;
const HASH_KEY = Buffer.from(',"hash":"');
const PREFIX_PATTERN = /^\{"seq":(0|[1-9]\d{0,15}),"prev":"([0-9a-f]{64})"/;
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

/** SHA-256 hex of `bytes`. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
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
  const hash = Buffer.from(line.buffer, line.byteOffset + suffixStart + HASH_KEY.length, 64).toString('latin1');
  if (!isLowerHex(hash)) return undefined;
  const head = PREFIX_PATTERN.exec(Buffer.from(line.buffer, line.byteOffset, Math.min(length, 100)).toString('latin1'));
  if (!head) return undefined;
  const computed = createHash('sha256').update(line.subarray(0, suffixStart)).digest('hex');
  return { seq: Number(head[1]), prev: head[2]!, hash, computed };
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
