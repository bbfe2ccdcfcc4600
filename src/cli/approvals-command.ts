/**
 * `agentwarden approvals list|approve|reject`: the approval inbox from a shell, on the same
 * store the agents use. A verdict given here is picked up by the agent process that resumes
 * the call (the ticket records who decided, and the resuming warden emits the decision).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { approvalsApi } from '../approval/api.js';
import { createHub } from '../approval/hub.js';
import { stripControl } from '../report/escape.js';
import { secretRedactor } from '../security/redact-secrets.js';
import { TICKET_STATUSES, type ApprovalStore, type ApprovalTicket, type TicketStatus } from '../stores/approval-store.js';
import { fileApprovalStore } from '../stores/file-approval-store.js';
import type { CliCommand, CliIO } from './command.js';

const usage = `Usage:
  agentwarden approvals list --store file:approvals.json [--status pending] [--json]
  agentwarden approvals approve <id> --store file:approvals.json --by <name> [--reason <text>]
  agentwarden approvals reject <id> --store file:approvals.json --by <name> [--reason <text>]

Options:
  --store   where the tickets are: file:<path> (the file given to fileApprovalStore)
  --status  list only tickets with this status (${TICKET_STATUSES.join(', ')})
  --by      who decides (required for approve and reject)
  --reason  why (optional)
  --json    print tickets as JSON lines
`;

/**
 * Opens the store a `--store` value names. A file store must already exist: a mistyped
 * path would otherwise read as an empty inbox and an operator would believe nothing waits.
 */
export function storeFromSpec(spec: string | undefined): ApprovalStore {
  if (!spec) throw new UsageError('`--store` is required, e.g. --store file:approvals.json');
  if (spec.startsWith('file:') && spec.length > 'file:'.length) {
    const path = spec.slice('file:'.length);
    if (!existsSync(path)) throw new UsageError(`no approval store at ${resolve(path)}: check the path (the file is created by fileApprovalStore when the first call pauses)`);
    return fileApprovalStore(path);
  }
  throw new UsageError(`unsupported --store "${spec}"; use file:<path>`);
}

class UsageError extends Error {}

/** The `approvals` command. */
export const approvalsCommand: CliCommand = {
  name: 'approvals',
  summary: 'list, approve or reject paused tool calls in an approval store',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    try {
      return await runApprovals(argv, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`agentwarden approvals: ${error.message}\n\n${usage}`);
      return 2;
    }
  },
};

async function runApprovals(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { store: { type: 'string' }, by: { type: 'string' }, reason: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [action, id, ...extra] = positionals;
  // Tickets written before args were redacted may still hold secrets: never print them.
  const redactSecrets = secretRedactor();
  const shown = (ticket: ApprovalTicket): ApprovalTicket => ({ ...ticket, args: redactSecrets(ticket.args) });
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (action === 'list') {
    if (values.status !== undefined && !TICKET_STATUSES.includes(values.status as TicketStatus)) throw new UsageError(`unknown --status "${values.status}"`);
    const api = approvalsApi(createHub(storeFromSpec(values.store)));
    const tickets = (await api.list(values.status === undefined ? {} : { status: values.status as TicketStatus })).map(shown);
    io.stdout(values.json ? tickets.map((ticket) => `${JSON.stringify(ticket)}\n`).join('') : stripControl(formatTable(tickets)));
    return 0;
  }
  if (action === 'approve' || action === 'reject') {
    if (!id) throw new UsageError(`${action} needs a ticket id`);
    if (!values.by) throw new UsageError(`${action} needs --by <name>: every verdict names who decided`);
    const api = approvalsApi(createHub(storeFromSpec(values.store)));
    const ticket = shown(await api.resolve(id, { approved: action === 'approve', by: values.by, ...(values.reason !== undefined && { reason: values.reason }) }));
    io.stdout(stripControl(`${ticket.status} ${ticket.id} (${ticket.tool} ${JSON.stringify(ticket.args)}) by ${values.by}${values.reason ? `: ${values.reason}` : ''}\n`));
    return 0;
  }
  throw new UsageError(action ? `unknown action "${action}"` : 'an action is required: list, approve or reject');
}

function formatTable(tickets: ApprovalTicket[]): string {
  if (tickets.length === 0) return 'no tickets\n';
  const rows = [
    ['id', 'status', 'tool', 'type', 'agent', 'created', 'args', 'reason / verdict'],
    ...tickets.map((ticket) => [
      ticket.id,
      ticket.status,
      ticket.tool,
      ticket.decisionType,
      ticket.agent,
      ticket.createdAt,
      truncate(JSON.stringify(ticket.args) ?? '', 40),
      ticket.verdict ? `${ticket.verdict.approved ? 'approved' : 'rejected'} by ${ticket.verdict.by}${ticket.verdict.reason ? `: ${ticket.verdict.reason}` : ''}` : ticket.reason,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n') + '\n';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
