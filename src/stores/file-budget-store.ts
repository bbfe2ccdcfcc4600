/**
 * A budget store whose settled totals survive a restart: the memory ledger plus an
 * append-only journal file, one JSON line per settlement, written before the charge is
 * applied. On open the journal is replayed; a torn last line (a crash mid-write) is
 * dropped, because a settlement whose line is incomplete was never acknowledged. The
 * journal is compacted into one snapshot line (written to a temp file, then renamed) every
 * `compactAfter` lines. Holds are not journaled: a reservation dies with its process.
 * One process per file; for many processes use the Redis store.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { createLedger } from '../budget/ledger.js';
import { windowNamer } from '../budget/periods.js';
import { systemClock } from '../core/clock.js';
import { OptionsError, StoreUnavailableError } from '../core/errors.js';
import type { Clock } from '../core/types.js';
import type { BudgetStore } from './budget-store.js';

/** Options of `fileBudgetStore`. */
export interface FileBudgetStoreOptions {
  /** Decides which period window a charge falls in. Defaults to the system clock. */
  clock?: Pick<Clock, 'now'>;
  /** Rewrite the journal as one snapshot line after this many lines. Defaults to `10_000`. */
  compactAfter?: number;
}

/** A file-backed `BudgetStore`. */
export interface FileBudgetStore extends BudgetStore {
  readonly path: string;
  /** Torn last lines dropped on open (a crash mid-write). Any other unreadable line refuses the open. */
  readonly skippedLines: number;
  readonly liveReservations: number;
  /** Rewrites the journal as a single snapshot line now. */
  compact(): void;
}

type JournalScope = [scope: string, window: string | null];
type SnapshotRow = [scope: string, window: string | null, tokens: number, costMicros: number, settlements: number];


/** Budget journals are readable and writable by their owner only. */
const PRIVATE_FILE_MODE = 0o600;
/**
 * Opens (or creates) a budget journal at `path` and replays it.
 * @param path The journal file; its directory must exist.
 * @param options `clock` (period windows), `compactAfter` (default `10_000`).
 * @returns A `BudgetStore` whose settled totals survive a restart.
 * @example
 * createWarden({ agent: 'a', middleware: [tokenBudget({ limits: { agent: 2_000_000 }, store: fileBudgetStore('budget.jsonl') })] });
 */
export function fileBudgetStore(path: string, options: FileBudgetStoreOptions = {}): FileBudgetStore {
  if (typeof path !== 'string' || path.length === 0) throw new OptionsError('fileBudgetStore: `path` must be a non-empty string');
  const clock = options.clock ?? systemClock;
  if (typeof clock?.now !== 'function') throw new OptionsError('fileBudgetStore: `clock` must have a now() method');
  const compactAfter = options.compactAfter ?? 10_000;
  if (!Number.isInteger(compactAfter) || compactAfter < 1) throw new OptionsError(`fileBudgetStore: \`compactAfter\` must be a positive integer, got ${String(compactAfter)}`);

  const ledger = createLedger();
  const loaded = load(path, ledger);
  let journalLines = loaded.lines;
  const windowId = windowNamer();

  function append(text: string): void {
    try {
      appendFileSync(path, text, { mode: PRIVATE_FILE_MODE });
    } catch (error) {
      throw new StoreUnavailableError('fileBudgetStore', `cannot append to ${path}: ${(error as Error).message}`, { cause: error });
    }
  }

  const store: FileBudgetStore = {
    path,
    skippedLines: loaded.skipped,
    get liveReservations() {
      return ledger.liveReservations;
    },
    reserve: async (request) => ledger.reserve(request, clock.now()),
    async settle(request) {
      const now = clock.now();
      const scopes: JournalScope[] = request.lines.map((line) => [line.scope, windowId(line.period, now) ?? null]);
      if (!Number.isSafeInteger(request.tokens) || !Number.isSafeInteger(request.costMicros) || request.tokens < 0 || request.costMicros < 0) {
        return ledger.settle(request, now); // the ledger throws the precise RangeError; nothing is journaled
      }
      append(`${JSON.stringify({ s: scopes, t: request.tokens, c: request.costMicros })}\n`);
      const outcome = ledger.settle(request, now);
      journalLines += 1;
      if (journalLines >= compactAfter) store.compact();
      return outcome;
    },
    release: async (id) => ledger.release(id, clock.now()),
    snapshot: async (lines) => ledger.snapshot(lines, clock.now()),
    snapshotNow: (lines) => ledger.snapshot(lines, clock.now()),
    async adjustLimit(name, unit, delta) {
      if (!Number.isSafeInteger(delta)) return ledger.adjust(name, unit, delta); // throws the precise RangeError; nothing is journaled
      append(`${JSON.stringify({ adj: name, u: unit, d: delta })}\n`);
      journalLines += 1;
      return ledger.adjust(name, unit, delta);
    },
    compact() {
      const rows: SnapshotRow[] = ledger
        .snapshot(undefined, clock.now())
        .entries.filter((entry) => entry.settlements > 0)
        .map((entry) => [entry.scope, entry.window ?? null, entry.tokens, entry.costMicros, entry.settlements]);
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        const adjustments = ledger.adjustments().map(([name, unit, amount]) => JSON.stringify({ adj: name, u: unit, d: amount }));
        writeFileSync(temporary, [JSON.stringify({ snapshot: rows }), ...adjustments].map((line) => `${line}\n`).join(''), { mode: PRIVATE_FILE_MODE });
        renameSync(temporary, path);
      } catch (error) {
        throw new StoreUnavailableError('fileBudgetStore', `cannot compact ${path}: ${(error as Error).message}`, { cause: error });
      }
      journalLines = 1;
    },
  };
  return store;
}

function load(path: string, ledger: ReturnType<typeof createLedger>): { lines: number; skipped: number } {
  if (!existsSync(path)) return { lines: 0, skipped: 0 };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new StoreUnavailableError('fileBudgetStore', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const end = bytes.lastIndexOf(0x0a) + 1; // bytes after the last newline: none, or a line cut short by a crash
  let lines = 0;
  let skipped = 0;
  let lineNumber = 0;
  for (const row of bytes.subarray(0, end).toString('utf8').split('\n')) {
    lineNumber += 1;
    if (row.length === 0) continue;
    if (replay(row, ledger)) {
      lines += 1;
      continue;
    }
    // Only the last line can be torn by a crash. An unreadable complete line means the file
    // was edited or damaged: opening anyway would restart spend from a wrong total, so refuse.
    throw new StoreUnavailableError(
      'fileBudgetStore',
      `${path}: line ${lineNumber} is not a budget journal entry; refusing to open it (budget totals would be wrong). Restore the file or move it aside.`,
    );
  }
  if (end < bytes.length) {
    // A complete line that lost only its newline is kept; a cut one was never acknowledged.
    const kept = replay(bytes.subarray(end).toString('utf8'), ledger);
    if (kept) lines += 1;
    else skipped += 1;
    try {
      if (kept) appendFileSync(path, '\n');
      else truncateSync(path, end);
    } catch (error) {
      throw new StoreUnavailableError('fileBudgetStore', `cannot repair ${path}: ${(error as Error).message}`, { cause: error });
    }
  }
  return { lines, skipped };
}

function replay(row: string, ledger: ReturnType<typeof createLedger>): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const record = parsed as { s?: unknown; t?: unknown; c?: unknown; snapshot?: unknown; adj?: unknown; u?: unknown; d?: unknown };
  if (typeof record.adj === 'string') {
    if ((record.u !== 'tokens' && record.u !== 'costMicros') || typeof record.d !== 'number' || !Number.isSafeInteger(record.d)) return false;
    ledger.adjust(record.adj, record.u, record.d);
    return true;
  }
  if (Array.isArray(record.snapshot)) {
    if (!record.snapshot.every(isSnapshotRow)) return false;
    for (const [scope, window, tokens, costMicros, settlements] of record.snapshot as SnapshotRow[]) {
      ledger.restore(scope, window ?? undefined, tokens, costMicros, settlements);
    }
    return true;
  }
  if (!Array.isArray(record.s) || !record.s.every(isJournalScope) || !isCount(record.t) || !isCount(record.c)) return false;
  for (const [scope, window] of record.s as JournalScope[]) ledger.restore(scope, window ?? undefined, record.t, record.c, 1);
  return true;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isJournalScope(value: unknown): value is JournalScope {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && (value[1] === null || typeof value[1] === 'string');
}

function isSnapshotRow(value: unknown): value is SnapshotRow {
  return Array.isArray(value) && value.length === 5 && isJournalScope([value[0], value[1]]) && isCount(value[2]) && isCount(value[3]) && isCount(value[4]);
}
