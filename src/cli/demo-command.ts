/** `agentwarden demo`: runs the scripted refund agent and prints decisions and spans. */
import type { CliCommand } from './command.js';

/** The `demo` command. */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'run a scripted refund agent: decisions and the span tree (no key, no network)',
  usage: 'Usage: agentwarden demo\n\nRuns a scripted refund agent through agentwarden and prints each decision and the OpenTelemetry span tree.\nNeeds @opentelemetry/sdk-trace-base installed (it keeps the spans in memory).',
  async run(_argv, io) {
    const { runRefundDemo } = await import('../demo/refund-demo.js');
    await runRefundDemo({ write: (line) => io.stdout(`${line}\n`), color: Boolean(process.stdout.isTTY) });
    return 0;
  },
};
