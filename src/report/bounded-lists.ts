/**
 * Lists that stay small however many items pass through them: the report's timeline keeps
 * the most recent items, its drift plot keeps an even spread of all of them.
 */
import type { Capped } from './report-data.js';

/** Keeps the last `cap` items pushed. */
export function createRing<T>(cap: number) {
  const items: T[] = [];
  let next = 0;
  let total = 0;
  return {
    push(item: T) {
      total += 1;
      if (items.length < cap) items.push(item);
      else {
        items[next] = item;
        next = (next + 1) % cap;
      }
    },
    capped(): Capped<T> {
      return { items: [...items.slice(next), ...items.slice(0, next)], omitted: total - items.length };
    },
  };
}

/** Keeps about `cap` items spread evenly over everything pushed (halving when full). */
export function createThinnedList<T>(cap: number) {
  let items: T[] = [];
  let stride = 1;
  let seen = 0;
  return {
    push(item: T) {
      if (seen++ % stride !== 0) return;
      items.push(item);
      if (items.length >= cap) {
        items = items.filter((_, index) => index % 2 === 0);
        stride *= 2;
      }
    },
    items: () => items,
  };
}
