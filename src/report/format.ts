/** Number, money, time and text formatting shared by the Markdown and HTML reports. */

/** US dollars: cents from $1 up, four decimals below (agent spend is often fractions of a cent). */
export function usd(amount: number): string {
  if (amount !== 0 && Math.abs(amount) < 1) return `$${amount.toFixed(4)}`;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** An integer with thousands separators. */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** An ISO time shown compactly in UTC: `2026-03-01 12:00:05`. */
export function when(iso: string | number | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** A byte size: `512 B`, `3.4 MB`, `1.2 GB`. */
export function bytes(size: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A bucket width: `1 s`, `8 min`, `2 h`, `3 d`. */
export function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** Compact JSON of any value for a table cell, cut at `max` characters. */
export function compactJson(value: unknown, max = 300): string {
  if (value === undefined) return '';
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
