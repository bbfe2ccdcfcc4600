/**
 * Budget windows. A scoped limit (agent, workflow, department) counts spend within a
 * period — a UTC calendar day, a UTC calendar month, or a fixed window of `ms` — and resets
 * when the store's clock enters the next window. A window is named by a short stable id
 * (`d2026-11-26`, `m2026-11`, `w3600000:492110`) so stores can key totals by it.
 * Stores compute the window from their own clock, so every process sharing a store
 * agrees on when a window turns over.
 */

/** How long a scoped limit lasts before it resets. Defaults to `'day'` (UTC). */
export type BudgetPeriod = 'day' | 'month' | { readonly ms: number };

/** The id of the window that `now` (epoch ms) falls in; `undefined` period means all-time. */
export function windowId(period: BudgetPeriod | undefined, now: number): string | undefined {
  if (period === undefined) return undefined;
  if (period === 'day') return `d${new Date(now).toISOString().slice(0, 10)}`;
  if (period === 'month') return `m${new Date(now).toISOString().slice(0, 7)}`;
  return `w${period.ms}:${Math.floor(now / period.ms)}`;
}

/**
 * A `windowId` that remembers the current day and month window, so the hot path formats a
 * date only when a window turns over. One per store (no shared state between stores).
 */
export function windowNamer(): (period: BudgetPeriod | undefined, now: number) => string | undefined {
  const day = { start: 0, end: -1, id: '' };
  const month = { start: 0, end: -1, id: '' };
  return (period, now) => {
    if (period === undefined) return undefined;
    if (typeof period !== 'string') return `w${period.ms}:${Math.floor(now / period.ms)}`;
    const cache = period === 'day' ? day : month;
    if (now >= cache.start && now < cache.end) return cache.id;
    const date = new Date(now);
    cache.start = period === 'day' ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    cache.end = period === 'day' ? cache.start + 86_400_000 : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    cache.id = windowId(period, now)!;
    return cache.id;
  };
}
