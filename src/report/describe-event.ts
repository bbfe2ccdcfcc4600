/**
 * One readable sentence for a `budget`, `drift` or `approval` event. These events come from
 * other middleware with their own shapes; the sentence uses the fields it knows and falls
 * back to a compact JSON of the rest, so an unknown shape still reads sensibly.
 */

type Event = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(Number(value.toPrecision(6))) : undefined);

/** `budget`: thresholds crossed, budgets exceeded, pauses, raises, unpriced models. */
export function describeBudget(event: Event): { text: string; severity: 'info' | 'warn' | 'alert' } {
  const type = text(event.type) ?? 'budget';
  const scope = text(event.scope) ?? text(event.department) ?? text(event.workflow) ?? '';
  const unit = event.unit === 'usd' ? ' USD' : event.unit === 'tokens' ? ' tokens' : '';
  const figures = event.limit !== undefined ? ` (${text(event.spent) ?? '?'} of ${text(event.limit)}${unit})` : '';
  if (type === 'threshold') {
    const percent = Number(event.percent);
    return { text: `budget ${scope} reached ${text(event.percent) ?? '?'}%${figures}`, severity: percent >= 100 ? 'alert' : 'warn' };
  }
  if (type === 'exceeded') return { text: `budget ${scope} exceeded${figures}${event.tool ? ` by ${text(event.tool)}` : ''}`, severity: 'alert' };
  if (type === 'unpriced') return { text: `model ${text(event.model) ?? '?'} has no price: counted in tokens only`, severity: 'warn' };
  return { text: `budget ${type}${scope ? ` ${scope}` : ''}${figures}`, severity: 'info' };
}

/** `drift`: which metric moved, from what to what. */
export function describeDrift(event: Event): string {
  const metric = text(event.metric) ?? 'a metric';
  const baseline = event.baseline as Event | undefined;
  const from = text(baseline?.mean);
  const current = text(event.current);
  const moved = event.direction === 'down' ? 'fell' : event.direction === 'up' ? 'rose' : 'drifted';
  const version = text(event.versionId);
  return `${metric} ${moved}${from !== undefined ? ` from ${from}` : ''}${current !== undefined ? ` to ${current}` : ''}${version ? ` under ${version}` : ''}`;
}

/** The number a drift event is plotted by: the current value, else the test statistic. */
export function driftValue(event: Event): number | undefined {
  const statistic = event.statistic as Event | undefined;
  for (const candidate of [event.current, statistic?.value, event.value, event.score]) {
    if (typeof candidate === 'number' && Number.isFinite(candidate)) return candidate;
  }
  return undefined;
}

/** `approval`: a ticket requested, approved, rejected, expired... */
export function describeApproval(event: Event): { what: string; tool?: string; callId?: string; by?: string; reason?: string } {
  const ticket = (event.ticket ?? {}) as Event;
  const verdict = (ticket.verdict ?? {}) as Event;
  const what = text(event.kind) ?? text(event.outcome) ?? text(event.type) ?? 'approval';
  const tool = text(ticket.tool) ?? text(event.tool);
  const callId = text(ticket.callId) ?? text(event.callId);
  const by = text(verdict.by) ?? text(event.by);
  const reason = text(verdict.reason) ?? text(ticket.reason) ?? text(event.reason);
  return { what, ...(tool && { tool }), ...(callId && { callId }), ...(by && { by }), ...(reason && { reason }) };
}
