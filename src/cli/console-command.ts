/** `agentwarden console --audit audit.jsonl`: the local web console (live report + approvals inbox). */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inboxFromSpec } from '../console/approvals-spec.js';
import { startConsole } from '../console/server.js';
import { OptionsError } from '../core/errors.js';
import { FILTER_FLAGS, filterFromFlags } from '../report/filter-flags.js';
import type { CliCommand } from './command.js';

/** The `console` command; runs until SIGINT or SIGTERM. */
export const consoleCommand: CliCommand = {
  name: 'console',
  summary: 'local web console on 127.0.0.1: live incident report and approvals inbox',
  usage: `Usage: agentwarden console --audit <audit.jsonl> [--approvals file:approvals.json] [--port 0]
                           [--agent NAME] [--session ID] [--from ISO] [--to ISO]

Serves a live incident report and, with --approvals, an inbox of paused calls to approve
or reject, on 127.0.0.1 only. Prints a URL with a random access token: every request
without it is refused. Stop with Ctrl-C.

  --port N        port to listen on (default 0: any free port)
`,
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { ...FILTER_FLAGS, audit: { type: 'string' }, approvals: { type: 'string' }, port: { type: 'string', default: '0' } } });
    if (!values.audit) {
      io.stderr(`agentwarden console: --audit is required\n\n${consoleCommand.usage}`);
      return 2;
    }
    if (!existsSync(values.audit)) {
      io.stderr(`agentwarden console: ${values.audit}: no such file\n`);
      return 2;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new OptionsError(`\`--port\` must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}`);
    const approvals = values.approvals ? inboxFromSpec(values.approvals) : undefined;
    const server = await startConsole({ audit: values.audit, port, filter: filterFromFlags(values), ...(approvals && { approvals }) });
    io.stdout(`agentwarden console: ${server.url}\n(open it in a browser on this machine; Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
