/**
 * A stable content hash for arbitrary JavaScript values: object key order does not matter,
 * and circular references, BigInt, Date, Map, Set, typed arrays, functions, symbols and
 * huge values never throw. Used for loop detection, version ids and approval arg checks.
 */
import { createHash, type Hash } from 'node:crypto';

/** Stop descending after this many nodes; the rest is summarised by a marker. */
const MAX_NODES = 100_000;
const MAX_DEPTH = 64;

/** Returns a hex SHA-256 (first 32 chars) of `value`'s canonical form. */
export function stableHash(value: unknown): string {
  const hash = createHash('sha256');
  const walker = { nodes: 0, seen: new Set<object>() };
  feed(hash, value, 0, walker);
  return hash.digest('hex').slice(0, 32);
}

/** Canonical JSON-like text of `value` (sorted keys, tagged special types); for small values. */
export function stableStringify(value: unknown): string {
  const parts: string[] = [];
  const sink = { update: (chunk: string) => { parts.push(chunk); return sink; } } as unknown as Hash;
  feed(sink, value, 0, { nodes: 0, seen: new Set<object>() });
  return parts.join('');
}

interface Walker {
  nodes: number;
  seen: Set<object>;
}

function feed(hash: Hash, value: unknown, depth: number, walker: Walker): void {
  walker.nodes += 1;
  if (walker.nodes > MAX_NODES || depth > MAX_DEPTH) {
    hash.update('!limit');
    return;
  }
  switch (typeof value) {
    case 'string':
      hash.update('s');
      hash.update(String(value.length));
      hash.update(':');
      hash.update(value);
      return;
    case 'number':
      hash.update(Object.is(value, -0) ? 'n0' : `n${value}`);
      return;
    case 'bigint':
      hash.update(`b${value}`);
      return;
    case 'boolean':
      hash.update(value ? 't' : 'f');
      return;
    case 'undefined':
      hash.update('u');
      return;
    case 'symbol':
      hash.update(`y${String(value.description)}`);
      return;
    case 'function':
      hash.update(`F${value.name}`);
      return;
  }
  if (value === null) {
    hash.update('z');
    return;
  }
  const object = value as object;
  if (walker.seen.has(object)) {
    hash.update('!circular');
    return;
  }
  walker.seen.add(object);
  try {
    feedObject(hash, object, depth, walker);
  } finally {
    walker.seen.delete(object);
  }
}

function feedObject(hash: Hash, object: object, depth: number, walker: Walker): void {
  if (object instanceof Date) {
    hash.update(`D${Number.isNaN(object.getTime()) ? 'invalid' : object.toISOString()}`);
    return;
  }
  if (ArrayBuffer.isView(object)) {
    hash.update(`T${object.constructor.name}:${object.byteLength}:`);
    hash.update(new Uint8Array(object.buffer, object.byteOffset, object.byteLength));
    return;
  }
  if (object instanceof ArrayBuffer) {
    hash.update(`A${object.byteLength}:`);
    hash.update(new Uint8Array(object));
    return;
  }
  if (Array.isArray(object)) {
    hash.update(`[${object.length}`);
    for (const item of object) {
      hash.update(',');
      feed(hash, item, depth + 1, walker);
    }
    hash.update(']');
    return;
  }
  if (object instanceof Map) {
    const entries = [...object.entries()].map(([key, item]) => [stableStringify(key), item] as const);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    hash.update(`M${entries.length}{`);
    for (const [key, item] of entries) {
      hash.update(key);
      hash.update('=');
      feed(hash, item, depth + 1, walker);
      hash.update(';');
    }
    hash.update('}');
    return;
  }
  if (object instanceof Set) {
    const items = [...object].map((item) => stableStringify(item)).sort();
    hash.update(`S${items.length}{${items.join(',')}}`);
    return;
  }
  if (object instanceof RegExp) {
    hash.update(`R${object.source}/${object.flags}`);
    return;
  }
  if (object instanceof Error) {
    hash.update(`E${object.name}:${object.message}`);
    return;
  }
  let keys: string[];
  try {
    keys = Object.keys(object).sort();
  } catch {
    hash.update('!unreadable');
    return;
  }
  hash.update(`{${keys.length}`);
  for (const key of keys) {
    let item: unknown;
    try {
      item = (object as Record<string, unknown>)[key];
    } catch {
      item = '!getter-threw';
    }
    hash.update(`,${JSON.stringify(key)}:`);
    feed(hash, item, depth + 1, walker);
  }
  hash.update('}');
}

/** Above this length a canonical key is replaced by its hash, to bound memory. */
const MAX_KEY_LENGTH = 256;

/**
 * A short, stable identity for `value` suited as a Map key: the canonical text of small
 * plain JSON-like values (fast path), otherwise `stableHash(value)`. Key order never matters.
 */
export function stableKey(value: unknown): string {
  const fast = plainCanonical(value, 0);
  if (fast !== undefined && fast.length <= MAX_KEY_LENGTH) return fast;
  return `#${stableHash(value)}`;
}

/** Canonical text for plain JSON-like values; `undefined` for anything exotic or deep. */
function plainCanonical(value: unknown, depth: number): string | undefined {
  if (depth > 8) return undefined;
  switch (typeof value) {
    case 'string':
      return value.length > MAX_KEY_LENGTH ? undefined : JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        if (value.length > 32) return undefined;
        let out = '[';
        for (let index = 0; index < value.length; index++) {
          const item = plainCanonical(value[index], depth + 1);
          if (item === undefined) return undefined;
          out += index === 0 ? item : `,${item}`;
        }
        return `${out}]`;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      const keys = Object.keys(value);
      if (keys.length > 32) return undefined;
      keys.sort();
      let out = '{';
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index]!;
        const item = plainCanonical((value as Record<string, unknown>)[key], depth + 1);
        if (item === undefined) return undefined;
        out += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${item}`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}
