/**
 * Turns tool args and results into plain JSON for a cassette: secrets redacted by key, long
 * strings cut, and circular references, BigInt, Map, Set, Date and errors made safe — so a
 * recording never crashes a run and a cassette reads back the same in any process.
 */

/** How values are cleaned before they are written. */
export interface JsonSafeOptions {
  /** Called for every object key; return a replacement (e.g. `'[REDACTED]'`) or the value unchanged. */
  redact?: (key: string, value: unknown) => unknown;
  /** Strings longer than this are cut. Defaults to `100_000`. */
  maxContentLength?: number;
}

/** Keys whose values are replaced by `[REDACTED]` unless a `redact` function is given. */
export const SECRET_KEY = /^(password|passwd|secret|client_?secret|token|access_?token|refresh_?token|id_?token|api_?key|authorization|cookie|set-cookie|private_?key)$/i;

const MAX_DEPTH = 32;

/** Keys seen so far and whether they are secret: keys repeat, so this beats running the regex each time. */
const secretKeyCache = new Map<string, boolean>();

/** The default `redact`: replaces the values of secret-looking keys. */
export function redactSecrets(key: string, value: unknown): unknown {
  let secret = secretKeyCache.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (secretKeyCache.size >= 10_000) secretKeyCache.clear();
    secretKeyCache.set(key, secret);
  }
  return secret ? '[REDACTED]' : value;
}

interface Walk {
  readonly redact: (key: string, value: unknown) => unknown;
  readonly limit: number;
  /** The objects on the path from the root: a short array beats a Set at these depths. */
  readonly ancestors: object[];
}

/** A JSON-safe copy of `value`. Never throws. */
export function toJsonSafe(value: unknown, options: JsonSafeOptions = {}): unknown {
  const walk: Walk = { redact: options.redact ?? redactSecrets, limit: options.maxContentLength ?? 100_000, ancestors: [] };
  try {
    return walkValue(walk, value);
  } catch {
    return '[Unserializable]';
  }
}

function walkValue(walk: Walk, item: unknown): unknown {
  switch (typeof item) {
    case 'string':
      return item.length > walk.limit ? `${item.slice(0, walk.limit)}…[truncated ${item.length - walk.limit} chars]` : item;
    case 'number':
      return Number.isFinite(item) ? item : String(item);
    case 'boolean':
      return item;
    case 'bigint':
      return `${item}n`;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (item === null) return null;
  const { ancestors } = walk;
  if (ancestors.length > MAX_DEPTH) return '[MaxDepth]';
  const object = item as object;
  if (ancestors.includes(object)) return '[Circular]';
  ancestors.push(object);
  try {
    return walkObject(walk, object);
  } finally {
    ancestors.pop();
  }
}

function walkObject(walk: Walk, object: object): unknown {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    if (Array.isArray(object)) return object.map((entry) => walkValue(walk, entry) ?? null);
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
    if (object instanceof Error) return { name: object.name, message: object.message };
    if (object instanceof Set) return [...object].map((entry) => walkValue(walk, entry) ?? null);
    if (object instanceof Map) {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of object) addEntry(walk, out, String(key), entry);
      return out;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    let entry: unknown;
    try {
      entry = (object as Record<string, unknown>)[key];
    } catch {
      entry = '[GetterThrew]';
    }
    addEntry(walk, out, key, entry);
  }
  return out;
}

function addEntry(walk: Walk, out: Record<string, unknown>, key: string, entry: unknown): void {
  const cleaned = walkValue(walk, walk.redact(key, entry));
  if (cleaned !== undefined) out[key] = cleaned;
}
