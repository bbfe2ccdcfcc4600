/** Listeners kept per key (a ticket id...), removed with the function `add` returns. */

/** Adds `listener` under `key`; the returned function removes it (and the key when empty). */
export function addKeyedListener<K>(listeners: Map<K, Set<() => void>>, key: K, listener: () => void): () => void {
  const set = listeners.get(key) ?? new Set();
  set.add(listener);
  listeners.set(key, set);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(key) === set) listeners.delete(key);
  };
}
