/**
 * The incident report as Markdown (what `agentwarden report` prints): integrity, summary,
 * cost attribution, every denied/halted/rejected call with its reason, approvals, version
 * changes, and the timeline of notable events.
 */
import { escapeMarkdownCell, stripControl } from './escape.js';
import { compactJson, count, duration, usd, when } from './format.js';
import type { CostDimension, CostRow, ReportData } from './report-data.js';

const SPARKS = '▁▂▃▄▅▆▇█';

/** Renders `data` as a Markdown document. */
export function renderMarkdown(data: ReportData): string {
  const { summary } = data;
  const lines: string[] = [`# Incident report: ${escapeInline(data.file)}`, ''];
  lines.push(`Generated ${when(data.generatedAt)}. Covers ${data.firstAt ? `${when(data.firstAt)} to ${when(data.lastAt)}` : 'no entries'}${describeFilter(data)}.`, '');
  lines.push(integrityLine(data), '');
  lines.push('## Summary', '', '| | |', '|---|---|');
  const rows: Array<[string, string]> = [
    ['Runs', count(summary.runs)],
    ['Tool calls', `${count(summary.calls)} (${count(summary.callsOk)} ok, ${count(summary.callsFailed)} failed, ${count(summary.callsBlocked)} blocked)`],
    ['Denials', count(summary.denials)],
    ['Halts', count(summary.halts)],
    ['Approvals', `${count(summary.pauses)} paused, ${count(summary.approvals)} approved, ${count(summary.rejections)} rejected`],
    ['Flags', count(summary.flags)],
    ['Spend', `${usd(summary.spendUsd)} (${count(summary.inputTokens)} input + ${count(summary.outputTokens)} output tokens${summary.unpricedModelCalls ? `; ${count(summary.unpricedModelCalls)} unpriced model calls` : ''})`],
    ['Budget events', count(summary.budgetEvents)],
    ['Drift alerts', count(summary.driftAlerts)],
    ['Version changes', count(summary.versionChanges)],
  ];
  for (const [label, value] of rows) lines.push(`| ${label} | ${value} |`);
  lines.push('');
  if (data.series.buckets.length > 1) {
    lines.push(`Activity per ${duration(data.series.bucketMs)}: calls \`${sparkline(data.series.buckets.map((bucket) => bucket.calls))}\`, spend \`${sparkline(data.series.buckets.map((bucket) => bucket.costUsd))}\``, '');
  }
  for (const dimension of ['department', 'workflow', 'agent', 'model'] as const) lines.push(...costSection(dimension, data.cost[dimension]));
  lines.push(`## Denied, halted and rejected calls (${count(data.incidents.items.length + data.incidents.omitted)})`, '');
  if (data.incidents.items.length === 0) lines.push('None.', '');
  else {
    lines.push('| Time | Outcome | Tool | By | Reason | Args | Session | Version |', '|---|---|---|---|---|---|---|---|');
    for (const incident of data.incidents.items) {
      lines.push(`| ${when(incident.at)} | ${incident.outcome} | ${cell(incident.tool)} | ${cell(incident.rule ? `${incident.by} (${incident.rule})` : incident.by)} | ${cell(incident.reason)} | ${cell(compactJson(incident.args, 160))} | ${cell(incident.sessionId ?? '')} | ${cell(incident.versionId ?? '')} |`);
    }
    lines.push(...omitted(data.incidents.omitted), '');
  }
  lines.push(`## Approvals (${count(data.approvals.items.length + data.approvals.omitted)})`, '');
  if (data.approvals.items.length === 0) lines.push('None.', '');
  else {
    lines.push('| Time | Step | Tool | By | Reason |', '|---|---|---|---|---|');
    for (const step of data.approvals.items) lines.push(`| ${when(step.at)} | ${cell(step.what)} | ${cell(step.tool ?? '')} | ${cell(step.by ?? '')} | ${cell(step.reason ?? '')} |`);
    lines.push(...omitted(data.approvals.omitted), '');
  }
  lines.push(`## Version changes (${count(summary.versionChanges)})`, '');
  if (data.versions.items.length === 0) lines.push('None.', '');
  else {
    lines.push('| Time | Agent | From | To | Changed |', '|---|---|---|---|---|');
    for (const change of data.versions.items) lines.push(`| ${when(change.at)} | ${cell(change.agent ?? '')} | ${cell(change.from?.id ?? '')} | ${cell(change.to?.id ?? '')} | ${cell(change.changed.join(', '))} |`);
    lines.push(...omitted(data.versions.omitted), '');
  }
  lines.push(`## Timeline${data.timeline.omitted ? ` (last ${count(data.timeline.items.length)} of ${count(data.timeline.items.length + data.timeline.omitted)} notable events)` : ''}`, '');
  if (data.timeline.items.length === 0) lines.push('Nothing notable.', '');
  for (const item of data.timeline.items) lines.push(`- ${when(item.at)} ${item.severity === 'alert' ? '**' : ''}${escapeInline(item.text)}${item.severity === 'alert' ? '**' : ''}${item.agent ? ` _(${escapeInline(item.agent)})_` : ''}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The integrity sentence both renderings start with. */
export function integrityLine(data: ReportData): string {
  const { integrity } = data;
  if (integrity.ok) {
    const recovered = integrity.recoveredFragments ? ` (${integrity.recoveredFragments} torn line(s) from crashes sealed off)` : '';
    const sealing = integrity.sealing === 'unkeyed' ? ' The chain is unkeyed: anyone who can write the file could have rewritten it and re-sealed every line.' : integrity.sealing ? ' Sealed with HMAC-SHA256 under the given key.' : '';
    return `Chain intact: ${count(integrity.lines)} lines verified${integrity.anchor === 'continued' ? ' (older rotated files are gone: the chain starts at a rotation)' : ''}${recovered}.${sealing}`;
  }
  if (integrity.missingKeyId !== undefined) return `Chain not checked: it is sealed with key id "${stripControl(integrity.missingKeyId)}"; check it with \`agentwarden verify --key\`.`;
  return `CHAIN BROKEN at line ${integrity.brokenAt}${integrity.brokenFile && integrity.brokenFile !== data.file ? ` of ${stripControl(integrity.brokenFile)}` : ''}: ${integrity.reason}. Entries after it cannot be trusted.`;
}

function describeFilter(data: ReportData): string {
  const parts = Object.entries(data.filter)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} ${key === 'from' || key === 'to' ? when(value as number) : escapeInline(String(value))}`);
  return parts.length > 0 ? `, filtered by ${parts.join(', ')}` : '';
}

function costSection(dimension: CostDimension, rows: readonly CostRow[]): string[] {
  if (rows.length === 0) return [];
  const total = rows.reduce((sum, row) => sum + row.costUsd, 0);
  const lines = [`## Cost by ${dimension}`, '', `| ${dimension} | Cost | Share | Input tokens | Output tokens | Model calls |`, '|---|---:|---:|---:|---:|---:|'];
  for (const row of rows.slice(0, 25)) {
    const share = total > 0 ? `${((row.costUsd / total) * 100).toFixed(1)}%` : '';
    lines.push(`| ${cell(row.key)} | ${usd(row.costUsd)}${row.unpricedCalls ? '*' : ''} | ${share} | ${count(row.inputTokens)} | ${count(row.outputTokens)} | ${count(row.modelCalls)} |`);
  }
  if (rows.length > 25) lines.push(`| … ${rows.length - 25} more | | | | | |`);
  if (rows.some((row) => row.unpricedCalls > 0)) lines.push('', '\\* includes model calls without a price (tokens counted, cost unknown).');
  lines.push('');
  return lines;
}

function sparkline(values: readonly number[]): string {
  const max = Math.max(...values);
  if (max <= 0) return SPARKS[0]!.repeat(values.length);
  return values.map((value) => SPARKS[Math.min(7, Math.floor((value / max) * 7.999))]).join('');
}

function omitted(n: number): string[] {
  return n > 0 ? ['', `…and ${count(n)} more not shown.`] : [];
}

function cell(value: string): string {
  return escapeMarkdownCell(value);
}

/** Text inside a list item: one line, no control codes, no HTML, no links, images or emphasis. */
function escapeInline(text: string): string {
  return stripControl(text).replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([*_`[\]])/g, '\\$1');
}
