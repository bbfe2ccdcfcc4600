/**
 * Deep walking of tool args and results: every string, with its path, through objects,
 * arrays, Maps and Sets, with caps on characters, depth and nodes. Cycles are visited once,
 * throwing getters are skipped, and `mapStrings` rebuilds only the containers that change,
 * so redaction never mutates the caller's value.
 */

/** One string found in a value. */
export interface StringSite {
  /** `$`, `$.body`, `$.items[2].text` */
  readonly path: string;
  /** The property name the string sits under, if any. */
  readonly key: string | undefined;
  /** The string, cut to the remaining character budget when the cap was reached. */
  readonly value: string;
}

/** What `collectStrings` found. */
export interface CollectedStrings {
  readonly strings: StringSite[];
  /** True when the character, depth or node cap cut the walk short. */
  readonly truncated: boolean;
  /** Characters handed out in `strings`. */
  readonly scannedChars: number;
}

/** Caps of a walk. */
export interface WalkLimits {
  /** Total characters. Defaults to `1_000_000`. */
  maxChars?: number;
  /** Nesting depth. Defaults to `64`. */
  maxDepth?: number;
  /** Objects, arrays and strings visited. Defaults to `100_000`. */
  maxNodes?: number;
}

/** Every string in `value`, breadth by depth, within the caps. */
export function collectStrings(value: unknown, limits: WalkLimits = {}): CollectedStrings {
  const maxChars = limits.maxChars ?? 1_000_000;
  const maxDepth = limits.maxDepth ?? 64;
  const maxNodes = limits.maxNodes ?? 100_000;
  const strings: StringSite[] = [];
  const seen = new WeakSet<object>();
  const stack: Array<{ value: unknown; path: string; key: string | undefined; depth: number }> = [{ value, path: '$', key: undefined, depth: 0 }];
  let budget = maxChars;
  let nodes = 0;
  let truncated = false;
  while (stack.length > 0) {
    const { value: current, path, key, depth } = stack.pop()!;
    if (++nodes > maxNodes) {
      truncated = true;
      break;
    }
    if (typeof current === 'string') {
      if (current.length === 0) continue;
      if (budget <= 0) {
        truncated = true;
        continue;
      }
      const taken = current.length > budget ? current.slice(0, budget) : current;
      if (taken.length < current.length) truncated = true;
      budget -= taken.length;
      strings.push({ path, key, value: taken });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (seen.has(current)) continue;
    seen.add(current);
    if (depth >= maxDepth) {
      truncated = true;
      continue;
    }
    const children = childrenOf(current, path);
    // Reverse so the stack pops children in their natural order.
    for (let index = children.length - 1; index >= 0; index--) stack.push({ ...children[index]!, depth: depth + 1 });
  }
  return { strings, truncated, scannedChars: maxChars - budget };
}

/**
 * `value` with every string passed through `replace`; containers are copied only where
 * something changed. Plain objects, arrays and Maps are rebuilt; other objects are kept.
 */
export function mapStrings(value: unknown, replace: (text: string, path: string, key: string | undefined) => string, limits: WalkLimits = {}): unknown {
  const maxDepth = limits.maxDepth ?? 64;
  const active = new WeakSet<object>();
  const visit = (current: unknown, path: string, key: string | undefined, depth: number): unknown => {
    if (typeof current === 'string') return replace(current, path, key);
    if (current === null || typeof current !== 'object' || depth >= maxDepth || active.has(current)) return current;
    active.add(current);
    try {
      if (Array.isArray(current)) {
        let copy: unknown[] | undefined;
        current.forEach((item, index) => {
          const next = visit(item, `${path}[${index}]`, undefined, depth + 1);
          if (next !== item) (copy ??= current.slice())[index] = next;
        });
        return copy ?? current;
      }
      if (current instanceof Map) {
        let copy: Map<unknown, unknown> | undefined;
        for (const [mapKey, item] of current) {
          const next = visit(item, `${path}${segment(String(mapKey))}`, String(mapKey), depth + 1);
          if (next !== item) (copy ??= new Map(current)).set(mapKey, next);
        }
        return copy ?? current;
      }
      if (!isPlainObject(current)) return current;
      let copy: Record<string, unknown> | undefined;
      for (const name of Object.keys(current)) {
        const item = readProperty(current, name);
        const next = visit(item, `${path}${segment(name)}`, name, depth + 1);
        if (next !== item) (copy ??= { ...current })[name] = next;
      }
      return copy ?? current;
    } finally {
      active.delete(current);
    }
  };
  return visit(value, '$', undefined, 0);
}

function childrenOf(object: object, path: string): Array<{ value: unknown; path: string; key: string | undefined }> {
  if (Array.isArray(object)) return object.map((item, index) => ({ value: item, path: `${path}[${index}]`, key: undefined }));
  if (object instanceof Map) return [...object].map(([key, item]) => ({ value: item, path: `${path}${segment(String(key))}`, key: String(key) }));
  if (object instanceof Set) return [...object].map((item, index) => ({ value: item, path: `${path}[${index}]`, key: undefined }));
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer || object instanceof Date || object instanceof RegExp) return [];
  return Object.keys(object).map((name) => ({ value: readProperty(object, name), path: `${path}${segment(name)}`, key: name }));
}

function readProperty(object: object, name: string): unknown {
  try {
    return (object as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

function segment(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
