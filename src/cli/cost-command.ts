/** `agentwarden cost audit.jsonl --by department`: who spent what, from the audit file's usage lines. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { OptionsError } from '../core/errors.js';
import { buildReport } from '../report/build-report.js';
import { FILTER_FLAGS, filterFromFlags } from '../report/filter-flags.js';
import { count, usd } from '../report/format.js';
import { progressLine } from '../report/progress.js';
import type { CostDimension } from '../report/report-data.js';
import type { CliCommand } from './command.js';

const DIMENSIONS: readonly CostDimension[] = ['department', 'workflow', 'agent', 'model'];

/** The `cost` command. */
export const costCommand: CliCommand = {
  name: 'cost',
  summary: 'cost attribution table by department, workflow, agent or model',
  usage: `Usage: agentwarden cost <audit.jsonl> --by department|workflow|agent|model [--json]
                        [--from ISO] [--to ISO] [--agent NAME] [--session ID]

Sums the priced model usage in the audit file by the chosen key, largest first.
A * marks rows that include model calls without a price (tokens counted, cost unknown).
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...FILTER_FLAGS, by: { type: 'string', default: 'department' }, json: { type: 'boolean' }, progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' } },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.stderr(`agentwarden cost: expected one audit file\n\n${costCommand.usage}`);
      return 2;
    }
    const by = values.by as CostDimension;
    if (!DIMENSIONS.includes(by)) throw new OptionsError(`\`--by\` must be one of ${DIMENSIONS.join(', ')}, got ${JSON.stringify(values.by)}`);
    if (!existsSync(file)) {
      io.stderr(`agentwarden cost: ${file}: no such file\n`);
      return 2;
    }
    const progress = progressLine(io.stderr, file, values.progress ? 'always' : values['no-progress'] ? 'never' : 'auto');
    const data = await buildReport(file, { filter: filterFromFlags(values), onProgress: progress.onProgress });
    progress.done();
    const rows = data.cost[by];
    const total = rows.reduce((sum, row) => sum + row.costUsd, 0);
    if (values.json) {
      // Integer micro-dollars as the ledger keeps them; USD rounded to the micro-dollar, never 0.022949999999999998.
      const micro = (usdValue: number) => Math.round(usdValue * 1_000_000);
      const jsonRows = rows.map((row) => ({ ...row, costUsd: micro(row.costUsd) / 1_000_000, costMicroUsd: micro(row.costUsd) }));
      const totalMicroUsd = jsonRows.reduce((sum, row) => sum + row.costMicroUsd, 0);
      io.stdout(`${JSON.stringify({ by, totalUsd: totalMicroUsd / 1_000_000, totalMicroUsd, rows: jsonRows }, null, 2)}\n`);
      return 0;
    }
    const table = [[by, 'cost', 'share', 'input tokens', 'output tokens', 'model calls']];
    for (const row of rows) {
      table.push([row.key, `${usd(row.costUsd)}${row.unpricedCalls ? '*' : ''}`, total > 0 ? `${((row.costUsd / total) * 100).toFixed(1)}%` : '-', count(row.inputTokens), count(row.outputTokens), count(row.modelCalls)]);
    }
    table.push(['total', usd(total), total > 0 ? '100.0%' : '-', count(rows.reduce((sum, row) => sum + row.inputTokens, 0)), count(rows.reduce((sum, row) => sum + row.outputTokens, 0)), count(rows.reduce((sum, row) => sum + row.modelCalls, 0))]);
    const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
    const format = (line: string[]) => line.map((cellText, column) => (column === 0 ? cellText.padEnd(widths[column]!) : cellText.padStart(widths[column]!))).join('  ');
    io.stdout(`${[format(table[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...table.slice(1, -1).map(format), widths.map((width) => '-'.repeat(width)).join('  '), format(table.at(-1)!)].join('\n')}\n`);
    if (rows.some((row) => row.unpricedCalls > 0)) io.stdout('* includes model calls without a price (tokens counted, cost unknown)\n');
    if (rows.length === 0) io.stdout('(no model usage in the selected entries)\n');
    return 0;
  },
};
