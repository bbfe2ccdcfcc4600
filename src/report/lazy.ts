/**
 * `buildReport` as the main entry exports it: reading and aggregating an audit file is loaded
 * on first use, so `import 'agentwarden'` does not load it.
 */
import type { BuildReportOptions } from './build-report.js';
import type { ReportData } from './report-data.js';

/** Builds the incident report data of an audit file (see `report/build-report.ts`); loads the code on first call. */
export async function buildReport(file: string, options: BuildReportOptions = {}): Promise<ReportData> {
  const builder = await import('./build-report.js');
  return builder.buildReport(file, options);
}
