/**
 * Keys of a keyed audit chain. With a key, every line is sealed with HMAC-SHA256 instead of
 * plain SHA-256 and names the key's id, so only someone holding the key can re-seal an
 * edited file; without one, anyone who can write the file can rewrite it and re-seal every
 * line. A key is a secret (a string or bytes, at least 16 bytes) whose id is derived from it
 * one way, or `{ id, secret }` with an id of your own (a KMS key version), or an async
 * provider of `{ id, secret }`. Several keys verify a chain written across a key rotation.
 */
import { createHash, createHmac } from 'node:crypto';
import { OptionsError } from '../core/errors.js';

/** A key with an id of your own, e.g. the version of a key held in a KMS. */
export interface AuditKeyPair {
  /** Recorded on every line it seals: letters, digits and `._:-`, up to 64 characters. */
  readonly id: string;
  readonly secret: string | Uint8Array;
}

/** Fetches the current key, e.g. from a KMS or a secret manager. */
export type AuditKeyProvider = () => Promise<AuditKeyPair>;

/** The forms a key may be given in: a secret (its id is derived from it), a pair, or a provider. */
export type AuditKey = string | Uint8Array | AuditKeyPair | AuditKeyProvider;

/** A checked key: its id and its secret bytes. */
export interface SealKey {
  readonly id: string;
  readonly secret: Buffer;
}

/** Key ids as they appear in sealed lines (no character that JSON would escape). */
export const KEY_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const MIN_SECRET_BYTES = 16;

/** The id of a key given as a bare secret: a one-way digest of it, the same in every process. */
export function derivedKeyId(secret: Uint8Array): string {
  return `k${createHash('sha256').update('agentwarden-audit-key-id\0').update(secret).digest('hex').slice(0, 12)}`;
}

/** True for the provider form. */
export function isKeyProvider(key: AuditKey): key is AuditKeyProvider {
  return typeof key === 'function';
}

/** Checks a key given as a secret or a pair; `who` names the option in errors (``auditLog: `key` ``). */
export function toSealKey(key: Exclude<AuditKey, AuditKeyProvider>, who: string): SealKey {
  if (typeof key === 'string' || key instanceof Uint8Array) {
    const secret = secretBytes(key, who);
    return { id: derivedKeyId(secret), secret };
  }
  if (typeof key !== 'object' || key === null || !('secret' in key)) throw new OptionsError(`${who} must be a string, bytes, { id, secret } or an async function returning { id, secret }, got ${describe(key)}`);
  if (typeof key.id !== 'string' || !KEY_ID.test(key.id)) throw new OptionsError(`${who} id must be 1 to 64 letters, digits or ._:-, got ${JSON.stringify(key.id)}`);
  return { id: key.id, secret: secretBytes(key.secret, who) };
}

/** Resolves keys in any form (a provider is called once) into a map by key id. */
export async function resolveSealKeys(keys: AuditKey | readonly AuditKey[], who: string): Promise<Map<string, SealKey>> {
  const list = Array.isArray(keys) ? keys : [keys as AuditKey];
  const resolved = new Map<string, SealKey>();
  for (const key of list) {
    const sealKey = isKeyProvider(key) ? toSealKey(await key(), who) : toSealKey(key, who);
    resolved.set(sealKey.id, sealKey);
  }
  return resolved;
}

/** HMAC-SHA256 hex of `bytes` under `key`. */
export function hmacHex(key: SealKey, bytes: Uint8Array | string): string {
  return createHmac('sha256', key.secret).update(bytes).digest('hex');
}

function secretBytes(secret: unknown, who: string): Buffer {
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) throw new OptionsError(`${who} secret must be a string or bytes, got ${describe(secret)}`);
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < MIN_SECRET_BYTES) throw new OptionsError(`${who} must be at least ${MIN_SECRET_BYTES} bytes, got ${bytes.length}`);
  return bytes;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
