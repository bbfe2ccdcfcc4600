/** `agentwarden report audit.jsonl`: an incident report as Markdown on stdout and, with `--out`, HTML. */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildReport } from '../report/build-report.js';
import { FILTER_FLAGS, filterFromFlags } from '../report/filter-flags.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { stripControl } from '../report/escape.js';
import { progressLine } from '../report/progress.js';
import type { CliCommand } from './command.js';
import { keyFromSpec } from './verify-command.js';

/** The `report` command. */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'incident report from an audit file: Markdown on stdout, self-contained HTML with --out',
  usage: `Usage: agentwarden report <audit.jsonl> [--from ISO] [--to ISO] [--agent NAME] [--session ID]
                          [--workflow NAME] [--department NAME] [--out report.html] [--json]

Prints the report as Markdown: chain integrity, summary (calls, denials, halts, approvals,
spend), cost by department/workflow/agent/model, every denied/halted/rejected call with
its reason, approvals, version changes and the timeline. --out also writes one HTML file
with plots of decisions, cost and drift over time (no network needed to open it).

  --key           the key of a keyed chain, as for verify: [ID=]env:NAME or [ID=]file:PATH (repeatable)
  --json          print the report data as JSON instead of Markdown
  --progress      always show a progress line on stderr (default: files over 64 MB)
  --no-progress   never show it
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...FILTER_FLAGS, out: { type: 'string' }, json: { type: 'boolean' }, progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' }, key: { type: 'string', multiple: true } },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.stderr(`agentwarden report: expected one audit file\n\n${reportCommand.usage}`);
      return 2;
    }
    if (!existsSync(file)) {
      io.stderr(`agentwarden report: ${file}: no such file\n`);
      return 2;
    }
    let key;
    try {
      key = values.key?.map(keyFromSpec);
    } catch (error) {
      io.stderr(`agentwarden report: ${(error as Error).message}\n`);
      return 2;
    }
    const filter = filterFromFlags(values);
    const progress = progressLine(io.stderr, file, values.progress ? 'always' : values['no-progress'] ? 'never' : 'auto');
    const data = await buildReport(file, { filter, onProgress: progress.onProgress, ...(key && { key }) });
    progress.done();
    // Markdown is read on a terminal: no control code from the audit file may reach it (JSON escapes them itself).
    io.stdout(values.json ? `${JSON.stringify(data, null, 2)}\n` : stripControl(renderMarkdown(data)));
    if (values.out) {
      writeFileSync(values.out, renderHtml(data));
      io.stderr(`wrote ${values.out}\n`);
    }
    return 0;
  },
};
