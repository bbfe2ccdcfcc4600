/**
 * The incident report as one self-contained HTML file: inline CSS, inline SVG plots, no
 * script and no network (a Content-Security-Policy forbids both), so it can be mailed,
 * archived and opened offline. Every value from the audit file is escaped.
 */
import { escapeHtml } from './escape.js';
import { compactJson, count, duration, usd, when, bytes } from './format.js';
import { integrityLine } from './markdown.js';
import type { CostDimension, ReportData } from './report-data.js';
import { barsWithTotalChart, horizontalBarChart, pointChart, stackedBarChart } from './svg.js';

/** Colors of decision outcomes in the plots. */
export const OUTCOME_COLORS = { allow: '#16a34a', flag: '#ca8a04', pause: '#2563eb', approve: '#0891b2', reject: '#9333ea', deny: '#dc2626', halt: '#111827' } as const;
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#ca8a04', '#9333ea', '#0891b2', '#ea580c', '#4b5563'];

/** The report's stylesheet (also used by the console). */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #111827; background: #f9fafb; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
.meta { color: #4b5563; margin: 0 0 12px; }
.integrity { padding: 8px 12px; border-radius: 6px; font-weight: 600; }
.integrity.ok { background: #dcfce7; color: #14532d; } .integrity.broken { background: #fee2e2; color: #7f1d1d; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 12px; }
.card b { display: block; font-size: 20px; } .card span { color: #4b5563; font-size: 12px; }
.charts { display: grid; grid-template-columns: 1fr; gap: 12px; }
figure.chart { margin: 0; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.plot text { font: 11px system-ui, sans-serif; fill: #374151; } svg.plot .axis-line { stroke: #9ca3af; } svg.plot .empty { fill: #6b7280; font-size: 13px; }
.legend { font-size: 12px; color: #374151; } .legend span { margin-right: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { border: 1px solid #e5e7eb; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; word-break: break-word; margin: 0; }
.sev-alert { color: #b91c1c; font-weight: 600; } .sev-warn { color: #a16207; }
.outcome { display: inline-block; padding: 0 6px; border-radius: 4px; color: #fff; font-size: 12px; }
.timeline { list-style: none; padding: 0; margin: 0; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; }
.timeline li { padding: 4px 10px; border-bottom: 1px solid #f3f4f6; } .timeline time { color: #6b7280; margin-right: 8px; font-variant-numeric: tabular-nums; }
.note { color: #6b7280; font-size: 12px; }
`;

/** Renders `data` as a complete, self-contained HTML document. */
export function renderHtml(data: ReportData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Incident report: ${escapeHtml(data.file)}</title>
<style>${REPORT_CSS}</style></head>
<body><main>${renderReportBody(data)}</main></body></html>
`;
}

/** The report's sections as an HTML fragment (the console embeds it in its own page). */
export function renderReportBody(data: ReportData): string {
  const { summary } = data;
  const times = data.series.buckets.map((bucket) => bucket.start);
  const outcomes = Object.keys(OUTCOME_COLORS) as Array<keyof typeof OUTCOME_COLORS>;
  const decisionSeries = outcomes
    .map((outcome) => ({ label: outcome, color: OUTCOME_COLORS[outcome], values: data.series.buckets.map((bucket) => bucket.decisions[outcome] ?? 0) }))
    .filter((series) => series.values.some((value) => value > 0));
  const per = duration(data.series.bucketMs);
  return `
<header><h1>Incident report</h1>
<p class="meta">${escapeHtml(data.file)} · ${escapeHtml(bytes(data.bytes))} · generated ${escapeHtml(when(data.generatedAt))} · covers ${data.firstAt ? `${escapeHtml(when(data.firstAt))} to ${escapeHtml(when(data.lastAt))}` : 'no entries'}${filterText(data)}</p>
<p class="integrity ${data.integrity.ok ? 'ok' : 'broken'}" id="integrity">${escapeHtml(integrityLine(data))}</p></header>
<section id="summary"><h2>Summary</h2><div class="cards">
${card('runs', summary.runs)}${card('tool calls', summary.calls)}${card('failed calls', summary.callsFailed)}${card('denials', summary.denials)}${card('halts', summary.halts)}
${card('paused for approval', summary.pauses)}${card('approved', summary.approvals)}${card('rejected', summary.rejections)}${cardText('spend', usd(summary.spendUsd))}
${card('tokens', summary.inputTokens + summary.outputTokens)}${card('budget events', summary.budgetEvents)}${card('drift alerts', summary.driftAlerts)}${card('version changes', summary.versionChanges)}
</div></section>
<section id="plots"><h2>Over time</h2><div class="charts">
${stackedBarChart('plot-decisions', `Decisions per ${per}`, times, decisionSeries.length > 0 ? decisionSeries : [{ label: 'tool calls', color: '#9ca3af', values: data.series.buckets.map((bucket) => bucket.calls) }], (value) => count(value))}
${barsWithTotalChart('plot-cost', `Spend per ${per}`, times, data.series.buckets.map((bucket) => bucket.costUsd), '#2563eb', usd)}
${pointChart('plot-drift', 'Drift alerts (value of the drifting metric)', data.drift, PALETTE)}
</div></section>
<section id="cost"><h2>Cost attribution</h2><div class="charts">
${horizontalBarChart('plot-cost-department', 'Spend by department', data.cost.department.map((row) => ({ label: row.key, value: row.costUsd })), '#0891b2', usd)}
</div>
${(['department', 'workflow', 'agent', 'model'] as const).map((dimension) => costTable(dimension, data)).join('\n')}
</section>
<section id="incidents"><h2>Denied, halted and rejected calls (${count(data.incidents.items.length + data.incidents.omitted)})</h2>
${data.incidents.items.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>Time</th><th>Outcome</th><th>Tool</th><th>By</th><th>Reason</th><th>Args</th><th>Session / run</th><th>Version</th></tr></thead><tbody>
${data.incidents.items.map((incident) => `<tr><td>${escapeHtml(when(incident.at))}</td><td>${outcomeBadge(incident.outcome)}</td><td><code>${escapeHtml(incident.tool)}</code></td><td>${escapeHtml(incident.by)}${incident.rule ? `<br><span class="note">${escapeHtml(incident.rule)}</span>` : ''}</td><td>${escapeHtml(incident.reason)}</td><td><pre class="args">${escapeHtml(compactJson(incident.args, 600))}</pre></td><td>${escapeHtml(incident.sessionId ?? '')}<br><span class="note">${escapeHtml(incident.runId ?? '')}</span></td><td><code>${escapeHtml(incident.versionId ?? '')}</code></td></tr>`).join('\n')}
</tbody></table>${omittedNote(data.incidents.omitted)}`}
</section>
<section id="approvals"><h2>Approvals (${count(data.approvals.items.length + data.approvals.omitted)})</h2>
${data.approvals.items.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>Time</th><th>Step</th><th>Tool</th><th>By</th><th>Reason</th></tr></thead><tbody>
${data.approvals.items.map((step) => `<tr><td>${escapeHtml(when(step.at))}</td><td>${escapeHtml(step.what)}</td><td><code>${escapeHtml(step.tool ?? '')}</code></td><td>${escapeHtml(step.by ?? '')}</td><td>${escapeHtml(step.reason ?? '')}</td></tr>`).join('\n')}
</tbody></table>${omittedNote(data.approvals.omitted)}`}
</section>
<section id="versions"><h2>Version changes (${count(summary.versionChanges)})</h2>
${data.versions.items.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>Time</th><th>Agent</th><th>From</th><th>To</th><th>Changed parts</th></tr></thead><tbody>
${data.versions.items.map((change) => `<tr><td>${escapeHtml(when(change.at))}</td><td>${escapeHtml(change.agent ?? '')}</td><td><code>${escapeHtml(change.from?.id ?? '')}</code><pre>${escapeHtml(compactJson(change.from?.parts, 300))}</pre></td><td><code>${escapeHtml(change.to?.id ?? '')}</code><pre>${escapeHtml(compactJson(change.to?.parts, 300))}</pre></td><td>${escapeHtml(change.changed.join(', '))}</td></tr>`).join('\n')}
</tbody></table>`}
</section>
<section id="timeline"><h2>Timeline${data.timeline.omitted ? ` (last ${count(data.timeline.items.length)} of ${count(data.timeline.items.length + data.timeline.omitted)})` : ''}</h2>
${data.timeline.items.length === 0 ? '<p>Nothing notable.</p>' : `<ol class="timeline">${data.timeline.items.map((item) => `<li class="sev-${item.severity}"><time>${escapeHtml(when(item.at))}</time>${escapeHtml(item.text)}${item.agent ? ` <span class="note">(${escapeHtml(item.agent)})</span>` : ''}</li>`).join('')}</ol>`}
</section>`;
}

function card(label: string, value: number): string {
  return cardText(label, count(value));
}

function cardText(label: string, value: string): string {
  return `<div class="card"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

function outcomeBadge(outcome: string): string {
  const color = (OUTCOME_COLORS as Record<string, string>)[outcome] ?? '#4b5563';
  return `<span class="outcome" style="background:${color}">${escapeHtml(outcome)}</span>`;
}

function costTable(dimension: CostDimension, data: ReportData): string {
  const rows = data.cost[dimension];
  if (rows.length === 0) return '';
  return `<h3>By ${dimension}</h3><table class="cost" data-dimension="${dimension}"><thead><tr><th>${dimension}</th><th>Cost</th><th>Input tokens</th><th>Output tokens</th><th>Model calls</th></tr></thead><tbody>${rows
    .slice(0, 50)
    .map((row) => `<tr><td>${escapeHtml(row.key)}</td><td class="num">${escapeHtml(usd(row.costUsd))}${row.unpricedCalls ? ' *' : ''}</td><td class="num">${count(row.inputTokens)}</td><td class="num">${count(row.outputTokens)}</td><td class="num">${count(row.modelCalls)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function omittedNote(omitted: number): string {
  return omitted > 0 ? `<p class="note">…and ${count(omitted)} more not shown.</p>` : '';
}

function filterText(data: ReportData): string {
  const parts = Object.entries(data.filter)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} ${key === 'from' || key === 'to' ? when(value as number) : String(value)}`);
  return parts.length > 0 ? ` · filtered by ${escapeHtml(parts.join(', '))}` : '';
}
