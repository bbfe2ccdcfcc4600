/**
 * The in-process cost ledger behind the memory and file budget stores: totals and holds per
 * scope and window, and live reservations. Every operation is synchronous, so in one
 * JavaScript process each is atomic by construction — no await between check and charge.
 * It implements the `BudgetStore` semantics exactly; the stores add only async wrapping
 * and (for the file store) a journal.
 */
import { windowNamer } from './periods.js';
import type {
  BudgetEntry,
  BudgetLine,
  BudgetSnapshot,
  BudgetTotals,
  ReserveOutcome,
  ReserveRequest,
  LimitUnit,
  SettleOutcome,
  SettleRequest,
} from '../stores/budget-store.js';

interface MutableEntry {
  readonly scope: string;
  readonly window: string | undefined;
  tokens: number;
  costMicros: number;
  settlements: number;
  heldTokens: number;
  heldCostMicros: number;
  /** When an entry of a line with `retainMs` may be forgotten. */
  forgetAt?: number;
}

/** How often idle run totals are looked for (at most). */
const PRUNE_EVERY_MS = 60_000;

interface Reservation {
  readonly entries: readonly MutableEntry[];
  readonly tokens: number;
  readonly costMicros: number;
  readonly expiresAt: number;
}

/** The synchronous ledger; `now` is passed in so a caller can use one instant per step. */
export interface Ledger {
  reserve(request: ReserveRequest, now: number): ReserveOutcome;
  settle(request: SettleRequest, now: number): SettleOutcome;
  release(id: string, now: number): boolean;
  snapshot(lines: readonly BudgetLine[] | undefined, now: number): BudgetSnapshot;
  /** Adds `delta` to the adjustment `name` of `unit`; returns the new adjustment. */
  adjust(name: string, unit: LimitUnit, delta: number): number;
  /** Every adjustment, for compaction: `[name, unit, amount]`. */
  adjustments(): Array<[string, LimitUnit, number]>;
  /** Adds settled totals directly (journal replay). */
  restore(scope: string, window: string | undefined, tokens: number, costMicros: number, settlements: number): void;
  /** Number of live reservations (for tests and stats). */
  readonly liveReservations: number;
}

const ZERO: BudgetTotals = Object.freeze({ tokens: 0, costMicros: 0, settlements: 0, heldTokens: 0, heldCostMicros: 0 });

/** A fresh, empty ledger. */
export function createLedger(): Ledger {
  // scope → window ('' for all-time) → totals; nested maps avoid building a key per lookup.
  const entries = new Map<string, Map<string, MutableEntry>>();
  const reservations = new Map<string, Reservation>();
  let nextExpiry = Number.POSITIVE_INFINITY;
  const windowId = windowNamer();

  const find = (scope: string, window: string | undefined) => entries.get(scope)?.get(window ?? '');
  // Shared limit adjustments by `<unit>|<name>`; a line adds those named in its `limitKeys`.
  const adjusted = new Map<string, number>();
  const adjustment = (line: BudgetLine, unit: LimitUnit): number => {
    if (line.limitKeys === undefined || adjusted.size === 0) return 0;
    let sum = 0;
    for (const name of line.limitKeys) sum += adjusted.get(`${unit}|${name}`) ?? 0;
    return sum;
  };

  // Entries of lines with `retainMs` (run totals) are forgotten once idle that long; the check
  // runs at most once a minute, so it costs nothing per call.
  const retained = new Set<MutableEntry>();
  let nextPrune = Number.NEGATIVE_INFINITY;
  function retain(entry: MutableEntry, line: BudgetLine, now: number): void {
    if (line.retainMs === undefined || line.period !== undefined) return;
    entry.forgetAt = now + line.retainMs;
    retained.add(entry);
  }
  function prune(now: number): void {
    if (now < nextPrune) return;
    nextPrune = now + PRUNE_EVERY_MS;
    for (const entry of retained) {
      if (entry.forgetAt! > now || entry.heldTokens !== 0 || entry.heldCostMicros !== 0) continue;
      retained.delete(entry);
      const windows = entries.get(entry.scope);
      windows?.delete(entry.window ?? '');
      if (windows?.size === 0) entries.delete(entry.scope);
    }
  }

  function entryFor(scope: string, window: string | undefined): MutableEntry {
    let windows = entries.get(scope);
    if (!windows) entries.set(scope, (windows = new Map()));
    let entry = windows.get(window ?? '');
    if (!entry) {
      entry = { scope, window, tokens: 0, costMicros: 0, settlements: 0, heldTokens: 0, heldCostMicros: 0 };
      windows.set(window ?? '', entry);
    }
    return entry;
  }

  function drop(reservation: Reservation): void {
    for (const entry of reservation.entries) {
      entry.heldTokens -= reservation.tokens;
      entry.heldCostMicros -= reservation.costMicros;
    }
  }

  function sweep(now: number): void {
    prune(now);
    if (now < nextExpiry) return;
    nextExpiry = Number.POSITIVE_INFINITY;
    for (const [id, reservation] of reservations) {
      if (reservation.expiresAt <= now) {
        drop(reservation);
        reservations.delete(id);
      } else if (reservation.expiresAt < nextExpiry) {
        nextExpiry = reservation.expiresAt;
      }
    }
  }

  return {
    reserve(request, now) {
      assertAmounts('reserve', request.tokens, request.costMicros);
      sweep(now);
      if (reservations.has(request.id)) throw new RangeError(`reserve: reservation id "${request.id}" is already live`);
      const windows = request.lines.map((line) => windowId(line.period, now));
      for (let index = 0; index < request.lines.length; index++) {
        const line = request.lines[index]!;
        const window = windows[index];
        const current = find(line.scope, window) ?? ZERO;
        const maxTokens = line.maxTokens === undefined ? undefined : line.maxTokens + adjustment(line, 'tokens');
        const maxCostMicros = line.maxCostMicros === undefined ? undefined : line.maxCostMicros + adjustment(line, 'costMicros');
        if (maxTokens !== undefined && current.tokens + current.heldTokens + request.tokens > maxTokens) {
          return refuse(line.scope, window, 'tokens', maxTokens, current.tokens, current.heldTokens, request.tokens);
        }
        if (maxCostMicros !== undefined && current.costMicros + current.heldCostMicros + request.costMicros > maxCostMicros) {
          return refuse(line.scope, window, 'costMicros', maxCostMicros, current.costMicros, current.heldCostMicros, request.costMicros);
        }
      }
      const held = request.lines.map((line, index) => entryFor(line.scope, windows[index]));
      held.forEach((entry, index) => {
        entry.heldTokens += request.tokens;
        entry.heldCostMicros += request.costMicros;
        retain(entry, request.lines[index]!, now);
      });
      const expiresAt = now + request.ttlMs;
      reservations.set(request.id, { entries: held, tokens: request.tokens, costMicros: request.costMicros, expiresAt });
      if (expiresAt < nextExpiry) nextExpiry = expiresAt;
      return { ok: true };
    },

    settle(request, now) {
      assertAmounts('settle', request.tokens, request.costMicros);
      sweep(now);
      if (request.reservationId !== undefined) this.release(request.reservationId, now);
      const lines = request.lines.map((line) => {
        const entry = entryFor(line.scope, windowId(line.period, now));
        const before = copyTotals(entry);
        entry.tokens += request.tokens;
        entry.costMicros += request.costMicros;
        entry.settlements += 1;
        retain(entry, line, now);
        const settled: { scope: string; window?: string; before: BudgetTotals; after: BudgetTotals } = { scope: entry.scope, before, after: copyTotals(entry) };
        if (entry.window !== undefined) settled.window = entry.window;
        return settled;
      });
      return { lines };
    },

    release(id, now) {
      sweep(now);
      const reservation = reservations.get(id);
      if (!reservation) return false;
      drop(reservation);
      reservations.delete(id);
      return true;
    },

    snapshot(lines, now) {
      sweep(now);
      const list: BudgetEntry[] = lines
        ? lines.map((line) => {
            const window = windowId(line.period, now);
            const entry = toEntry(find(line.scope, window) ?? { scope: line.scope, window, ...ZERO });
            const adjustTokens = adjustment(line, 'tokens');
            const adjustCostMicros = adjustment(line, 'costMicros');
            if (adjustTokens === 0 && adjustCostMicros === 0) return entry;
            return { ...entry, ...(adjustTokens !== 0 && { adjustTokens }), ...(adjustCostMicros !== 0 && { adjustCostMicros }) };
          })
        : [...entries.values()].flatMap((windows) => [...windows.values()].map(toEntry));
      return { at: now, entries: list };
    },

    adjust(name, unit, delta) {
      if (!Number.isSafeInteger(delta)) throw new RangeError(`adjustLimit: \`delta\` must be an integer, got ${delta}`);
      const key = `${unit}|${name}`;
      const next = (adjusted.get(key) ?? 0) + delta;
      if (next === 0) adjusted.delete(key);
      else adjusted.set(key, next);
      return next;
    },

    adjustments() {
      return [...adjusted].map(([key, amount]) => {
        const bar = key.indexOf('|');
        return [key.slice(bar + 1), key.slice(0, bar) as LimitUnit, amount];
      });
    },

    restore(scope, window, tokens, costMicros, settlements) {
      const entry = entryFor(scope, window);
      entry.tokens += tokens;
      entry.costMicros += costMicros;
      entry.settlements += settlements;
    },

    get liveReservations() {
      return reservations.size;
    },
  };
}

function refuse(scope: string, window: string | undefined, unit: 'tokens' | 'costMicros', limit: number, spent: number, held: number, requested: number): ReserveOutcome {
  return { ok: false, refusal: { scope, unit, limit, spent, held, requested, ...(window !== undefined && { window }) } };
}

function copyTotals(entry: BudgetTotals): BudgetTotals {
  return { tokens: entry.tokens, costMicros: entry.costMicros, settlements: entry.settlements, heldTokens: entry.heldTokens, heldCostMicros: entry.heldCostMicros };
}

function toEntry(entry: BudgetTotals & { scope: string; window?: string | undefined }): BudgetEntry {
  const copy: { -readonly [K in keyof BudgetEntry]: BudgetEntry[K] } = {
    scope: entry.scope,
    tokens: entry.tokens,
    costMicros: entry.costMicros,
    settlements: entry.settlements,
    heldTokens: entry.heldTokens,
    heldCostMicros: entry.heldCostMicros,
  };
  if (entry.window !== undefined) copy.window = entry.window;
  return copy;
}

function assertAmounts(operation: string, tokens: number, costMicros: number): void {
  if (!Number.isSafeInteger(tokens) || tokens < 0) throw new RangeError(`${operation}: \`tokens\` must be a non-negative integer, got ${tokens}`);
  if (!Number.isSafeInteger(costMicros) || costMicros < 0) throw new RangeError(`${operation}: \`costMicros\` must be a non-negative integer, got ${costMicros}`);
}
