/**
 * `fileApprovalStore(path)`: approval tickets in one JSON file, shared by every process that
 * opens the same path. Each change takes a cross-process lock (`<path>.lock`), reads the
 * file, applies the change, writes a temp file, fsyncs it and renames it over the original,
 * so a reader always sees a whole old or a whole new file and a crash at any point leaves
 * the store readable. A file that does not parse is reported with its path and never
 * overwritten.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { StoreUnavailableError } from '../core/errors.js';
import { parseOptions } from '../internal/options.js';
import { z } from 'zod';
import type { ApprovalStore } from './approval-store.js';
import { acquireFileLock } from './file-lock.js';
import { listTickets, liveTicket, copyTicket, openTicket, transitionTicket, type TicketTable } from './ticket-table.js';

/** Options of `fileApprovalStore`. */
export interface FileApprovalStoreOptions {
  /** Give up waiting for the lock after this long (`StoreUnavailableError`). Defaults to `5000`. */
  lockTimeoutMs?: number;
  /** Break a lock older than this even if its owner seems alive. Defaults to `60000`. */
  staleLockMs?: number;
}

const optionsSchema = z.object({
  lockTimeoutMs: z.number().positive('must be a positive number').default(5_000),
  staleLockMs: z.number().positive('must be a positive number').default(60_000),
});

const FORMAT = 'agentwarden.approvals';

/**
 * Creates an approval store backed by one JSON file, safe for several processes.
 * @param path The JSON file; created on first write, with its directory.
 * @param options Lock timeouts.
 * @returns An `ApprovalStore` whose tickets survive restarts.
 * @example
 * const store = fileApprovalStore('./approvals.json');
 * createWarden({ agent: 'refunds', middleware: [approval({ when: isLargeRefund, store })] });
 * // later, from a shell: agentwarden approvals approve apr_... --store file:approvals.json --by alice
 */
export function fileApprovalStore(path: string, options: FileApprovalStoreOptions = {}): ApprovalStore {
  if (typeof path !== 'string' || path.length === 0) {
    throw new StoreUnavailableError('fileApprovalStore', '`path` must be a non-empty string');
  }
  const { lockTimeoutMs, staleLockMs } = parseOptions('fileApprovalStore', optionsSchema, options);
  const file = resolve(path);
  const storeName = `fileApprovalStore(${file})`;
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<TicketTable> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Object.create(null) as TicketTable;
      throw new StoreUnavailableError(storeName, `cannot read ${file}: ${(error as Error).message}`, { cause: error });
    }
    return parseTable(text, file, storeName);
  }

  async function write(table: TicketTable): Promise<void> {
    const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    const text = `${JSON.stringify({ format: FORMAT, version: 1, tickets: table }, null, 1)}\n`;
    try {
      // Tickets hold args and verdicts: the file is for its owner only (the rename keeps the mode).
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw new StoreUnavailableError(storeName, `cannot write ${file}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Serialises changes in this process, then across processes with the lock file. */
  function change<T>(apply: (table: TicketTable) => { result: T; changed: boolean }): Promise<T> {
    const run = queue.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const release = await acquireFileLock(file, { owner: storeName, timeoutMs: lockTimeoutMs, staleMs: staleLockMs });
      try {
        const table = await read();
        const { result, changed } = apply(table);
        if (changed) await write(table);
        return result;
      } finally {
        await release();
      }
    });
    queue = run.catch(() => {});
    return run;
  }

  return {
    storeName,
    open: (ticket) =>
      change((table) => {
        const result = openTicket(table, ticket);
        return { result, changed: result.created };
      }),
    get: async (id) => {
      const ticket = (await read())[id];
      return ticket && copyTicket(ticket);
    },
    findByCallId: async (callId) => {
      const ticket = liveTicket(await read(), callId);
      return ticket && copyTicket(ticket);
    },
    list: async (filter) => listTickets(await read(), filter),
    transition: (id, transition) =>
      change((table) => {
        const result = transitionTicket(table, id, transition);
        return { result, changed: result.ok };
      }),
  };
}

function parseTable(text: string, file: string, storeName: string): TicketTable {
  if (text.trim() === '') {
    throw new StoreUnavailableError(storeName, `${file} is empty; expected an approvals file. It was left untouched: restore it from a backup or move it away.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StoreUnavailableError(storeName, `${file} is not valid JSON (${(error as Error).message}). It was left untouched: restore it from a backup or move it away.`, { cause: error });
  }
  const tickets = (parsed as { format?: unknown; tickets?: unknown } | null)?.tickets;
  if ((parsed as { format?: unknown } | null)?.format !== FORMAT || typeof tickets !== 'object' || tickets === null || Array.isArray(tickets)) {
    throw new StoreUnavailableError(storeName, `${file} is not an agentwarden approvals file (expected {"format":"${FORMAT}","tickets":{...}}). It was left untouched.`);
  }
  // No prototype: ids such as `__proto__` or `constructor` are unknown tickets, not Object's members.
  return Object.assign(Object.create(null) as TicketTable, tickets);
}
