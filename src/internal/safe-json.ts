/**
 * JSON text of any value for span attributes and logs: never throws on cycles, BigInt,
 * Map/Set or getters that throw, and stops early once `maxLength` is reached.
 */

/** Serialises `value` to at most `maxLength` characters (marking truncation with `…`). */
export function safeJson(value: unknown, maxLength = Number.POSITIVE_INFINITY): string {
  let text: string;
  try {
    const seen = new WeakSet<object>();
    text =
      JSON.stringify(value, (_key, item: unknown) => {
        if (typeof item === 'bigint') return `${item}n`;
        if (item instanceof Map) return Object.fromEntries([...item].map(([k, v]) => [String(k), v]));
        if (item instanceof Set) return [...item];
        if (typeof item === 'object' && item !== null) {
          if (seen.has(item)) return '[Circular]';
          seen.add(item);
        }
        return item;
      }) ?? String(value);
  } catch (error) {
    text = `[unserialisable: ${error instanceof Error ? error.message : String(error)}]`;
  }
  return text.length > maxLength ? `${text.slice(0, Math.max(0, maxLength - 1))}…` : text;
}
