/**
 * Inline SVG charts for the HTML report: stacked bars over time, bars with a running total,
 * points per metric, and horizontal bars by key. Plain strings, no library, no network;
 * every label and tooltip is escaped.
 */
import { escapeHtml } from './escape.js';
import { when } from './format.js';

const WIDTH = 760;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 12, bottom: 34 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** One stacked series: its label, color, and a value per bucket. */
export interface StackSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly number[];
}

/** Stacked bars, one per time bucket. */
export function stackedBarChart(id: string, title: string, times: readonly number[], series: readonly StackSeries[], format: (value: number) => string = String): string {
  const totals = times.map((_, index) => series.reduce((sum, item) => sum + (item.values[index] ?? 0), 0));
  const max = Math.max(1e-12, ...totals);
  const band = PLOT_W / Math.max(1, times.length);
  const bars: string[] = [];
  times.forEach((time, index) => {
    let y = PAD.top + PLOT_H;
    for (const item of series) {
      const value = item.values[index] ?? 0;
      if (value <= 0) continue;
      const height = (value / max) * PLOT_H;
      y -= height;
      bars.push(`<rect class="bar" x="${(PAD.left + index * band + band * 0.1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, band * 0.8).toFixed(1)}" height="${Math.max(0.5, height).toFixed(1)}" fill="${item.color}"><title>${escapeHtml(`${when(time)} ${item.label}: ${format(value)}`)}</title></rect>`);
    }
  });
  return frame(id, title, bars.join(''), times, format(max), legend(series));
}

/** Bars per bucket with a running-total line on a second scale. */
export function barsWithTotalChart(id: string, title: string, times: readonly number[], values: readonly number[], color: string, format: (value: number) => string): string {
  const max = Math.max(1e-12, ...values);
  let running = 0;
  const totals = values.map((value) => (running += value));
  const totalMax = Math.max(1e-12, running);
  const band = PLOT_W / Math.max(1, times.length);
  const bars = values
    .map((value, index) => {
      if (value <= 0) return '';
      const height = (value / max) * PLOT_H;
      return `<rect class="bar" x="${(PAD.left + index * band + band * 0.1).toFixed(1)}" y="${(PAD.top + PLOT_H - height).toFixed(1)}" width="${Math.max(1, band * 0.8).toFixed(1)}" height="${Math.max(0.5, height).toFixed(1)}" fill="${color}" opacity="0.75"><title>${escapeHtml(`${when(times[index])}: ${format(value)}`)}</title></rect>`;
    })
    .join('');
  const points = totals.map((total, index) => `${(PAD.left + index * band + band / 2).toFixed(1)},${(PAD.top + PLOT_H - (total / totalMax) * PLOT_H).toFixed(1)}`).join(' ');
  const line = totals.length > 0 ? `<polyline class="line" points="${points}" fill="none" stroke="#1f2937" stroke-width="1.5"><title>${escapeHtml(`running total: ${format(running)}`)}</title></polyline>` : '';
  const extra = `<text x="${WIDTH - PAD.right}" y="${PAD.top + 10}" text-anchor="end" class="axis">total ${escapeHtml(format(running))}</text>`;
  return frame(id, title, bars + line + extra, times, format(max), legend([{ label: 'per bucket', color }, { label: 'running total', color: '#1f2937' }]));
}

/** Points over time, one color per metric. */
export function pointChart(id: string, title: string, points: ReadonlyArray<{ at: number; metric: string; value: number }>, palette: readonly string[]): string {
  if (points.length === 0) return frame(id, title, `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" class="empty">no drift alerts</text>`, [], '', '');
  const metrics = [...new Set(points.map((point) => point.metric))];
  const minAt = Math.min(...points.map((point) => point.at));
  const maxAt = Math.max(...points.map((point) => point.at));
  const maxValue = Math.max(1e-12, ...points.map((point) => Math.abs(point.value)));
  const span = Math.max(1, maxAt - minAt);
  const dots = points
    .map((point) => {
      const color = palette[metrics.indexOf(point.metric) % palette.length]!;
      const x = PAD.left + (maxAt === minAt ? 0.5 : (point.at - minAt) / span) * PLOT_W;
      const y = PAD.top + PLOT_H - (Math.abs(point.value) / maxValue) * PLOT_H;
      return `<circle class="point" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="${color}"><title>${escapeHtml(`${when(point.at)} ${point.metric}: ${point.value}`)}</title></circle>`;
    })
    .join('');
  const series = metrics.map((metric, index) => ({ label: metric, color: palette[index % palette.length]! }));
  return frame(id, title, dots, [minAt, maxAt], String(Number(maxValue.toPrecision(4))), legend(series));
}

/** Horizontal bars by key (e.g. cost by department). */
export function horizontalBarChart(id: string, title: string, rows: ReadonlyArray<{ label: string; value: number }>, color: string, format: (value: number) => string): string {
  const shown = rows.slice(0, 12);
  const rowHeight = 22;
  const height = Math.max(60, shown.length * rowHeight + 20);
  const max = Math.max(1e-12, ...shown.map((row) => row.value));
  const labelWidth = 170;
  const barWidth = WIDTH - labelWidth - 110;
  const body = shown.length === 0
    ? `<text x="${WIDTH / 2}" y="${height / 2}" text-anchor="middle" class="empty">no priced model usage</text>`
    : shown
        .map((row, index) => {
          const y = 10 + index * rowHeight;
          const width = Math.max(1, (row.value / max) * barWidth);
          return `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" class="label">${escapeHtml(row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label)}</text><rect class="bar" x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 6}" fill="${color}"><title>${escapeHtml(`${row.label}: ${format(row.value)}`)}</title></rect><text x="${(labelWidth + width + 6).toFixed(1)}" y="${y + 14}" class="label">${escapeHtml(format(row.value))}</text>`;
        })
        .join('');
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg id="${escapeHtml(id)}" class="plot" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">${body}</svg></figure>`;
}

function frame(id: string, title: string, body: string, times: readonly number[], maxLabel: string, legendHtml: string): string {
  const axis = `<line x1="${PAD.left}" y1="${PAD.top + PLOT_H}" x2="${WIDTH - PAD.right}" y2="${PAD.top + PLOT_H}" class="axis-line"/><line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + PLOT_H}" class="axis-line"/>`;
  const first = times[0];
  const last = times.at(-1);
  const labels = [
    maxLabel ? `<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end" class="axis">${escapeHtml(maxLabel)}</text>` : '',
    first !== undefined ? `<text x="${PAD.left}" y="${HEIGHT - 12}" class="axis">${escapeHtml(when(first))}</text>` : '',
    last !== undefined && last !== first ? `<text x="${WIDTH - PAD.right}" y="${HEIGHT - 12}" text-anchor="end" class="axis">${escapeHtml(when(last))}</text>` : '',
  ].join('');
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg id="${escapeHtml(id)}" class="plot" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" xmlns="http://www.w3.org/2000/svg">${axis}${body}${labels}</svg>${legendHtml}</figure>`;
}

function legend(series: ReadonlyArray<{ label: string; color: string }>): string {
  return `<div class="legend">${series.map((item) => `<span><i style="background:${item.color}"></i>${escapeHtml(item.label)}</span>`).join('')}</div>`;
}
