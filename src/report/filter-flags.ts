/** Turns `--from --to --agent --session --workflow --department` into a `ReportFilter`. */
import { OptionsError } from '../core/errors.js';
import type { ReportFilter } from './report-data.js';

/** The flags every reading command accepts, in `node:util` `parseArgs` form. */
export const FILTER_FLAGS = {
  from: { type: 'string' },
  to: { type: 'string' },
  agent: { type: 'string' },
  session: { type: 'string' },
  workflow: { type: 'string' },
  department: { type: 'string' },
} as const;

/** Builds a filter; `--from`/`--to` take ISO dates or times (`2026-03-01`, `2026-03-01T12:00Z`). */
export function filterFromFlags(values: Partial<Record<keyof typeof FILTER_FLAGS, string | undefined>>): ReportFilter {
  const filter: { -readonly [K in keyof ReportFilter]: ReportFilter[K] } = {};
  for (const key of ['from', 'to'] as const) {
    const raw = values[key];
    if (raw === undefined) continue;
    const time = Date.parse(raw);
    if (Number.isNaN(time)) throw new OptionsError(`\`--${key}\` must be an ISO date or time such as 2026-03-01T12:00:00Z, got ${JSON.stringify(raw)}`);
    filter[key] = time;
  }
  for (const key of ['agent', 'session', 'workflow', 'department'] as const) {
    if (values[key] !== undefined) filter[key] = values[key];
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) throw new OptionsError('`--from` must not be after `--to`');
  return filter;
}
