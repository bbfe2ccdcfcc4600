/**
 * Turns what a call carried (args, results, errors, event details) into plain JSON for an
 * audit line: every key passes through the redactor first, and circular references,
 * BigInt, Maps, binary data, deep nesting and huge strings become short markers instead of
 * crashing the writer or bloating the file.
 */

import type { Redactor } from '../security/pii-redactor.js';

/** A redactor: gets each key and value, returns the value to keep (or a replacement). */
export type { Redactor };

/** Limits for `auditContent`. */
export interface ContentLimits {
  /** Longest string kept, in characters. */
  readonly maxString: number;
  /** Most keys or items kept per object or array. */
  readonly maxItems: number;
  /** Deepest nesting kept. */
  readonly maxDepth: number;
}

/** Defaults: strings to 2,000 characters, 100 items, depth 8. */
export const DEFAULT_CONTENT_LIMITS: ContentLimits = { maxString: 2_000, maxItems: 100, maxDepth: 8 };

/** Returns a JSON-safe, redacted and bounded copy of `value`, stored under `key`. */
export function auditContent(key: string, value: unknown, redact: Redactor | undefined, limits: ContentLimits = DEFAULT_CONTENT_LIMITS): unknown {
  return copy(key, value, 0, new Set(), redact, limits);
}

function copy(key: string, raw: unknown, depth: number, seen: Set<object>, redact: Redactor | undefined, limits: ContentLimits): unknown {
  let value = raw;
  if (redact) {
    try {
      value = redact(key, raw);
    } catch {
      return '[redactor failed]';
    }
  }
  switch (typeof value) {
    case 'string':
      return value.length > limits.maxString ? `${value.slice(0, limits.maxString)}…[+${value.length - limits.maxString} chars]` : value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return undefined;
    case 'symbol':
      return `[Symbol ${value.description ?? ''}]`;
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof Error) return { name: object.name, message: copy('message', object.message, depth + 1, seen, redact, limits) };
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[${object.constructor.name} ${object.byteLength} bytes]`;
  if (depth >= limits.maxDepth) return '[Depth limit]';
  seen.add(object);
  try {
    if (Array.isArray(object) || object instanceof Set) {
      const items = Array.isArray(object) ? object : [...object];
      const kept = items.slice(0, limits.maxItems).map((item, index) => copy(String(index), item, depth + 1, seen, redact, limits) ?? null);
      if (items.length > limits.maxItems) kept.push(`…[+${items.length - limits.maxItems} items]`);
      return kept;
    }
    const entries = object instanceof Map ? [...object.entries()].map(([entryKey, item]) => [String(entryKey), item] as const) : safeEntries(object);
    const result: Record<string, unknown> = {};
    let kept = 0;
    for (const [entryKey, item] of entries) {
      if (kept === limits.maxItems) {
        result['…'] = `+${entries.length - kept} keys`;
        break;
      }
      const copied = copy(entryKey, item, depth + 1, seen, redact, limits);
      if (copied !== undefined) result[entryKey] = copied;
      kept += 1;
    }
    return result;
  } finally {
    seen.delete(object);
  }
}

function safeEntries(object: object): Array<readonly [string, unknown]> {
  let keys: string[];
  try {
    keys = Object.keys(object);
  } catch {
    return [];
  }
  return keys.map((key) => {
    try {
      return [key, (object as Record<string, unknown>)[key]] as const;
    } catch {
      return [key, '[getter threw]'] as const;
    }
  });
}
