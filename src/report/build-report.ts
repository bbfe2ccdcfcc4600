/**
 * `buildReport(file)`: reads an audit file once, streaming, verifies its chain on the way
 * and returns the report facts that `renderMarkdown` and `renderHtml` turn into documents.
 */
import type { AuditKey } from '../audit/audit-key.js';
import { scanAudit } from '../audit/read-audit.js';
import { createReportBuilder, DEFAULT_REPORT_LIMITS, type ReportLimits } from './aggregate.js';
import type { ReportData, ReportFilter } from './report-data.js';

/** Options of `buildReport`. */
export interface BuildReportOptions {
  /** Which entries to cover. Defaults to all. */
  filter?: ReportFilter;
  /** Caps of the report's lists. */
  limits?: Partial<ReportLimits>;
  /** Progress in bytes (for a progress line on large files). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Also read the rotated files `file.1`, `file.2`... Defaults to `true`. */
  rotated?: boolean;
  /** Key(s) of a keyed chain, to check its seals (see `verifyAudit`). */
  key?: AuditKey | readonly AuditKey[];
}

/**
 * Builds an incident report's facts from an audit file.
 *
 * @example
 * const data = await buildReport('audit.jsonl', { filter: { agent: 'refund-agent', from: Date.parse('2026-03-01') } });
 * writeFileSync('report.html', renderHtml(data));
 */
export async function buildReport(file: string, options: BuildReportOptions = {}): Promise<ReportData> {
  const builder = createReportBuilder(options.filter ?? {}, { ...DEFAULT_REPORT_LIMITS, ...options.limits });
  const scan = await scanAudit(file, builder.add, {
    ...(options.onProgress && { onProgress: options.onProgress }),
    ...(options.rotated !== undefined && { rotated: options.rotated }),
    ...(options.key !== undefined && { key: options.key }),
  });
  return builder.finish({ file, integrity: scan.verify, bytes: scan.bytes, unreadableLines: scan.unreadable });
}
