/** `agentwarden demo`: runs the scripted refund agent, prints decisions and spans, and writes files to explore. */
import { parseArgs } from 'node:util';
import type { CliCommand } from './command.js';

/** The `demo` command. */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'run a scripted refund agent: decisions, the span tree and an audit file to explore (no key, no network)',
  usage: `Usage: agentwarden demo [--dir agentwarden-demo]

Runs a scripted refund agent through agentwarden and prints each decision and the OpenTelemetry
span tree. Writes its audit file (audit.jsonl) and approvals store (approvals.json) into the
folder, replacing an earlier run's, and prints the commands to try on them next.
Needs @opentelemetry/sdk-trace-base installed (it keeps the spans in memory).

  --dir PATH      where to write the files (default: ./agentwarden-demo)
`,
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' } } });
    const { runRefundDemo } = await import('../demo/refund-demo.js');
    await runRefundDemo({ write: (line) => io.stdout(`${line}\n`), color: Boolean(process.stdout.isTTY), dir: values.dir });
    return 0;
  },
};
