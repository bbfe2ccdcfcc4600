/** How eval tables and messages print a number. */

/** A short number for tables and messages. */
export function format(value: number | undefined): string {
  if (value === undefined) return '–';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return value.toFixed(0);
  if (magnitude >= 1) return String(Number(value.toFixed(2)));
  return String(Number(value.toPrecision(3)));
}
