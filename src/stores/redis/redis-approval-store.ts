/**
 * `redisApprovalStore`: approval tickets in Redis, so a call paused in one process can be
 * approved from a second (the CLI, an operator's console) and resumed, exactly once, in a
 * third. Tickets are hashes; opening a ticket and every status change are Lua scripts (see
 * `approval-scripts.ts`); the `approved → running` claim also takes a `SET NX` claim key with
 * the claimant's token; the tool's result is stored in the ticket, so later re-invocations
 * of the same `callId` read it instead of running again. `watch` wakes `warden.approvals.wait`
 * through Redis pub/sub the moment another process resolves a ticket.
 */
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import type { ApprovalStore, ApprovalTicket, TransitionResult } from '../approval-store.js';
import type { WardenHost } from '../../core/types.js';
import { listScript, openScript, transitionScript } from './approval-scripts.js';
import { defineScripts, type ScriptCaller } from './define-scripts.js';
import { parseRedisStoreOptions, type RedisStoreOptions, storeKeyBase } from './redis-options.js';
import { createStoreGuard } from './store-guard.js';
import { addKeyedListener } from '../../internal/keyed-listeners.js';

/** Options of `redisApprovalStore`. */
export interface RedisApprovalStoreOptions extends Omit<RedisStoreOptions, 'failMode'> {
  /**
   * Only `'closed'`: an approval store that answered "no ticket" while Redis is down would
   * ask again or run a call twice, so a down Redis is always a `StoreUnavailableError`.
   */
  failMode?: 'closed';
  /** How long a ticket in a final status (done, failed, rejected, expired, void) is kept. Defaults to 30 days. */
  ticketTtlMs?: number;
}

/** An `ApprovalStore` on Redis, with pub/sub wake-ups. */
export interface RedisApprovalStore extends ApprovalStore {
  /** Calls `listener` whenever ticket `id` changes in any process; returns an unsubscribe. */
  watch(id: string, listener: () => void): () => void;
  /**
   * Called by `approval()` when a warden starts using the store; the returned detach (run by
   * `warden.close()`) closes the pub/sub connection once no warden uses the store.
   */
  attach(host: WardenHost): () => void;
  /** Opens the pub/sub connection if needed and resolves once it is subscribed (later changes are sure to wake watchers). */
  subscribed(): Promise<void>;
  /** Closes the pub/sub connection (the caller's client stays open). */
  close(): Promise<void>;
}

const PLAIN_FIELDS = new Set(['status', 'callId']);

/**
 * Creates an approval store on Redis. Use the same `prefix` in every process that gates,
 * approves or resumes calls.
 * @param client An ioredis client (the store defines its scripts on it, and duplicates it once for pub/sub).
 * @param options `prefix` (default `'agentwarden:'`), `timeoutMs` (default `2000`), `ticketTtlMs` (default 30 days).
 * @returns An `ApprovalStore`.
 * @example
 * const redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 });
 * const warden = createWarden({
 *   agent: 'refunds',
 *   middleware: [approval({ when: isLargeRefund, store: redisApprovalStore(redis, { prefix: 'refunds:' }) })],
 * });
 */
export function redisApprovalStore(client: Redis | Cluster, options: RedisApprovalStoreOptions = {}): RedisApprovalStore {
  const { prefix, timeoutMs, ticketTtlMs } = parseRedisStoreOptions('redisApprovalStore', client, options, {
    failMode: z.literal('closed', { message: "must be 'closed' (an approval store never fails open)" }).optional(),
    ticketTtlMs: z.number({ message: 'must be a positive integer' }).int({ message: 'must be a positive integer' }).positive({ message: 'must be a positive integer' }).optional(),
  });
  const keepMs = ticketTtlMs ?? 30 * 86_400_000;
  const storeName = `redisApprovalStore(${prefix})`;
  const guard = createStoreGuard({ storeName, counter: 'redis.approval.errors', timeoutMs, failMode: 'closed' });
  const base = storeKeyBase(client, prefix, 'approval');
  const scripts = defineScripts(client, 'Approval', { open: openScript, transition: transitionScript, list: listScript });
  const watchers = createWatchers(client, `${base}changed`);
  let attached = 0;

  return {
    storeName,
    open(ticket) {
      return guard.strict('open', async () => {
        const reply = (await callScript(scripts.open, base, [ticket.id, ticket.callId, scoreOf(ticket.createdAt), keepMs, ...toFields(ticket)])) as [number, string[]?];
        return reply[0] === 1 ? { ticket: copy(ticket), created: true } : { ticket: fromFields(reply[1]!)!, created: false };
      });
    },
    get(id) {
      return guard.strict('get', async () => fromFields(await client.hgetall(`${base}t:${id}`)));
    },
    findByCallId(callId) {
      return guard.strict('findByCallId', async () => {
        const id = await client.get(`${base}call:${callId}`);
        const ticket = id === null ? undefined : fromFields(await client.hgetall(`${base}t:${id}`));
        return ticket && ticket.status !== 'void' ? ticket : undefined;
      });
    },
    list(filter = {}) {
      const statuses = filter.status === undefined ? [] : typeof filter.status === 'string' ? [filter.status] : [...filter.status];
      if (filter.status !== undefined && statuses.length === 0) return Promise.resolve([]);
      return guard.strict('list', async () => ((await callScript(scripts.list, base, [filter.callId ?? '', ...statuses])) as string[][]).map((fields) => fromFields(fields)!));
    },
    transition(id, change) {
      const claimant = change.to === 'running' ? (change.set?.execution?.claimedBy ?? 'unknown') : '';
      const set = Object.entries(change.set ?? {}).flatMap(([field, value]) => (value === undefined ? [] : [field, JSON.stringify(value)]));
      return guard.strict('transition', async (): Promise<TransitionResult> => {
        const [ok, fields] = (await callScript(scripts.transition, base, [id, change.from, change.to, JSON.stringify(change.at), claimant, keepMs, ...set])) as [number, string[]];
        const ticket = fromFields(fields);
        return ok === 1 ? { ok: true, ticket: ticket! } : { ok: false, ticket };
      });
    },
    watch: watchers.watch,
    subscribed: () => guard.strict('subscribe', watchers.subscribed),
    attach(host) {
      const detach = guard.attach(host);
      attached += 1;
      let detached = false;
      return () => {
        if (detached) return;
        detached = true;
        detach();
        attached -= 1;
        if (attached === 0) void watchers.close();
      };
    },
    close: watchers.close,
  };
}

async function callScript(script: ScriptCaller, base: string, args: Array<string | number>): Promise<unknown> {
  try {
    return await script(base, ...args);
  } catch (error) {
    const message = (error as Error)?.message ?? '';
    if (message.includes('AW_TAKEN')) throw new TypeError(message.slice(message.indexOf('AW_TAKEN') + 9));
    throw error;
  }
}

/** One pub/sub connection per store, opened on the first `watch`, shared by every watcher. */
function createWatchers(client: Redis | Cluster, channel: string) {
  const listeners = new Map<string, Set<() => void>>();
  let subscriber: Redis | Cluster | undefined;
  let subscription: Promise<unknown> = Promise.resolve();

  function connect(): void {
    if (subscriber) return;
    subscriber = client.duplicate();
    subscriber.on('error', () => {}); // reconnects are ioredis's job (it resubscribes); waiters also poll
    subscriber.on('message', (_channel: string, id: string) => {
      for (const listener of [...(listeners.get(id) ?? [])]) listener();
    });
    subscription = subscriber.subscribe(channel);
    subscription.catch(() => {});
  }

  return {
    watch(id: string, listener: () => void): () => void {
      connect();
      return addKeyedListener(listeners, id, listener);
    },
    async subscribed(): Promise<void> {
      connect();
      await subscription;
    },
    async close(): Promise<void> {
      listeners.clear();
      const closing = subscriber;
      subscriber = undefined;
      closing?.disconnect();
    },
  };
}

function scoreOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
}

function toFields(ticket: ApprovalTicket): string[] {
  return Object.entries(ticket).flatMap(([field, value]) => (value === undefined ? [] : [field, PLAIN_FIELDS.has(field) ? String(value) : JSON.stringify(value)]));
}

function fromFields(fields: string[] | Record<string, string>): ApprovalTicket | undefined {
  const pairs: Array<[string, string]> = Array.isArray(fields) ? Array.from({ length: fields.length / 2 }, (_, index) => [fields[2 * index]!, fields[2 * index + 1]!]) : Object.entries(fields);
  if (pairs.length === 0) return undefined;
  return Object.fromEntries(pairs.map(([field, value]) => [field, PLAIN_FIELDS.has(field) ? value : JSON.parse(value)])) as unknown as ApprovalTicket;
}

function copy(ticket: ApprovalTicket): ApprovalTicket {
  return JSON.parse(JSON.stringify(ticket)) as ApprovalTicket;
}
