/**
 * `auditLog({ file })`: a warden plugin that appends one hash-chained JSON line per tool
 * call, decision, run, model usage, budget, drift and approval event, kill-switch change and
 * warden start. Lines are written in batches off the tool call's path, flushed on
 * `warden.close()` and at process exit; write failures go to the warden's `error` event
 * and never reach a tool call. With a `key`, every line is sealed with HMAC-SHA256 so only a
 * key holder can re-seal an edited file.
 */
import { z } from 'zod';
import { parseOptions } from '../internal/options.js';
import { piiRedactor } from '../security/pii-redactor.js';
import type { CallObservation, Decision, RunObservation, SettledUsage, WardenHost } from '../core/types.js';
import type { WardenPlugin } from '../core/warden.js';
import type { AuditKey } from './audit-key.js';
import { createAuditWriter, type AuditWriter } from './audit-writer.js';
import { createKeyring } from './keyring.js';
import { DEFAULT_CONTENT_LIMITS, type Redactor } from './content.js';
import type { AuditVersion } from './entries.js';
import {
  auditVersion,
  callBody,
  decisionBody,
  eventBody,
  runBody,
  startBody,
  switchBody,
  usageBody,
  versionChangeBody,
  type BodyOptions,
} from './entry-bodies.js';
import { checkpointPublisher, fileAnchorSink, type AnchorSink } from './anchors.js';
import { flushOnExit } from './exit-flush.js';
import { findLastLine } from './tail.js';

/** Options of `auditLog`. */
export interface AuditLogOptions {
  /** The audit file (JSON lines). Created with its folder when missing. */
  file: string;
  /** Rotate to `file.1`, `file.2`... once the file reaches this many bytes; the chain runs on. Defaults to never. */
  rotateBytes?: number;
  /**
   * Called for every key and value of args, results, reasons and event details before they
   * are written. Defaults to `piiRedactor()` (emails, phones, cards, IBANs, SSNs and secrets
   * become `[kind:hash]`); pass your own, or `false` to write content as it is.
   */
  redact?: Redactor | false;
  /** Write each call's args. Defaults to `true`. */
  captureArgs?: boolean;
  /** Write each call's result. Defaults to `false`. */
  captureResults?: boolean;
  /** Longest string kept in content, in characters. Defaults to `2000`. */
  maxContentLength?: number;
  /** Delay between an event and its batch write, in ms. Defaults to `50`. */
  flushIntervalMs?: number;
  /** Write at once when this many lines wait. Defaults to `1000`. */
  maxBatch?: number;
  /** Lines kept in memory while the disk refuses writes; older ones are dropped past it. Defaults to `100000`. */
  maxQueue?: number;
  /** Wait before retrying a failed write, in ms. Defaults to `1000`. */
  retryMs?: number;
  /**
   * Seal every line with HMAC-SHA256 under this key (and record its id), so that only a key
   * holder can re-seal an edited file: a secret string or bytes (at least 16 bytes; its id
   * is derived from it), `{ id, secret }`, or an async function returning `{ id, secret }`
   * (a KMS or secret manager; asked at start and every `keyRefreshMs`, so a rotated key is
   * picked up). Verify with `verifyAudit(file, { key })` or `agentwarden verify --key`.
   * Defaults to none: plain SHA-256, which anyone who can write the file can rewrite.
   */
  key?: AuditKey;
  /** How often an async `key` provider is asked again, in ms. Defaults to `900000` (15 minutes). */
  keyRefreshMs?: number;
  /**
   * Where to publish checkpoints of the chain's head (`{ seq, hash, time, mac }`, signed
   * when there is a `key`) every `anchorEvery` lines, at each rotation and at close: a path
   * to an append-only file kept apart from the log, or a function (object storage with
   * retention...). `verifyAudit(file, { anchors })` and `agentwarden verify --anchors` then
   * catch a cut tail, a rewritten file and deleted rotated files. Defaults to none.
   */
  anchor?: string | AnchorSink;
  /** Lines between two checkpoints. Defaults to `1000`. */
  anchorEvery?: number;
  /** Also publish a checkpoint when this many ms have passed since the last one (at the next line). Defaults to none. */
  anchorIntervalMs?: number;
}

const positiveInt = z.number().int('must be an integer').positive('must be positive');
const optionsSchema = z.object({
  file: z.string().min(1, 'must be a non-empty path'),
  rotateBytes: z.number().int('must be an integer').min(4096, 'must be at least 4096 bytes').optional(),
  redact: z.custom<Redactor | false>((value) => typeof value === 'function' || value === false, 'must be a function (key, value) => value, or false').optional(),
  captureArgs: z.boolean().default(true),
  captureResults: z.boolean().default(false),
  maxContentLength: positiveInt.default(DEFAULT_CONTENT_LIMITS.maxString),
  flushIntervalMs: z.number().min(0, 'must be non-negative').default(50),
  maxBatch: positiveInt.default(1000),
  maxQueue: positiveInt.default(100_000),
  retryMs: z.number().min(0, 'must be non-negative').default(1000),
  key: z.custom<AuditKey>((value) => typeof value === 'string' || value instanceof Uint8Array || typeof value === 'function' || (typeof value === 'object' && value !== null), 'must be a string, bytes, { id, secret } or an async function returning { id, secret }').optional(),
  keyRefreshMs: positiveInt.default(900_000),
  anchor: z.custom<string | AnchorSink>((value) => (typeof value === 'string' && value.length > 0) || typeof value === 'function', 'must be a file path or a function (checkpoint) => void').optional(),
  anchorEvery: positiveInt.default(1000),
  anchorIntervalMs: positiveInt.optional(),
});

/** The audit plugin; `flush()` writes what is queued now (the warden's `close()` also does). */
export interface AuditLogPlugin extends WardenPlugin {
  readonly pluginName: 'auditLog';
  readonly file: string;
  /** Writes every queued line now, synchronously. */
  flush(): void;
}

/**
 * Creates the audit trail plugin for `createWarden({ audit })`.
 *
 * @param options `file` and optional rotation, redaction and batching settings
 * @returns a plugin; attach it to one warden (or several: they share the chain)
 * @example
 * const warden = createWarden({ agent: 'refund-agent', audit: auditLog({ file: 'audit.jsonl' }) });
 * // ...
 * await warden.close();                       // flushes
 * const { ok } = await verifyAudit('audit.jsonl');
 */
export function auditLog(options: AuditLogOptions): AuditLogPlugin {
  const parsed = parseOptions('auditLog', optionsSchema, options);
  const bodyOptions: BodyOptions = {
    redact: parsed.redact === false ? undefined : (parsed.redact ?? piiRedactor()),
    limits: { ...DEFAULT_CONTENT_LIMITS, maxString: parsed.maxContentLength },
    captureArgs: parsed.captureArgs,
    captureResults: parsed.captureResults,
  };
  const writers = new Set<AuditWriter>();
  const anchorSink = parsed.anchor === undefined ? undefined : typeof parsed.anchor === 'string' ? fileAnchorSink(parsed.anchor) : parsed.anchor;
  const keyring = parsed.key === undefined ? undefined : createKeyring(parsed.key, parsed.keyRefreshMs, () => {
    for (const writer of writers) writer.flush();
  });

  function attach(host: WardenHost): () => void {
    let started = false;
    const now = () => host.clock.now();
    const writer = createAuditWriter({
      file: parsed.file,
      ...(parsed.rotateBytes !== undefined && { rotateBytes: parsed.rotateBytes }),
      flushIntervalMs: parsed.flushIntervalMs,
      maxBatch: parsed.maxBatch,
      maxQueue: parsed.maxQueue,
      retryMs: parsed.retryMs,
      ...(keyring && { keyring }),
      ...(anchorSink && { anchor: { every: parsed.anchorEvery, ...(parsed.anchorIntervalMs !== undefined && { intervalMs: parsed.anchorIntervalMs }), publish: checkpointPublisher(anchorSink, { key: () => keyring?.current, now, onError: (error) => host.emit('error', error) }) } }),
      now,
      count: (counter, by) => host.count(counter, by),
      onError: (error) => host.emit('error', error),
      onOpen(fd, size) {
        if (started) return [];
        started = true;
        const at = now();
        const last = findLastLine(fd, size, (line) => lastVersionIn(line, host.agent));
        const first = [{ body: () => startBody(host.agent, host.version, at) }];
        if (last && last.id !== host.version.id) first.unshift({ body: () => versionChangeBody(host.agent, last, host.version, at) });
        return first;
      },
      rotateBody: () => ({ agent: host.agent, versionId: host.version.id, version: auditVersion(host.version) }),
    });
    writers.add(writer);
    const stopKeyring = keyring?.start((error) => host.emit('error', error));
    const fallback = () => ({ at: now(), agent: host.agent });
    host.on('call', (observation: CallObservation) => writer.append({ body: () => callBody(observation, bodyOptions) }));
    host.on('decision', (decision: Decision) => writer.append({ body: () => decisionBody(decision, bodyOptions) }));
    host.on('run', (observation: RunObservation) => writer.append({ body: () => runBody(observation, bodyOptions) }));
    host.on('usage', (usage: SettledUsage) => writer.append({ body: () => usageBody(usage) }));
    for (const type of ['budget', 'drift', 'approval'] as const) {
      host.on(type, (payload: unknown) => {
        const context = fallback();
        writer.append({ body: () => eventBody(type, payload, context, bodyOptions) });
      });
    }
    for (const type of ['halt', 'resume'] as const) {
      host.on(type, (payload: { reason?: string; at?: string } | undefined) => {
        const context = fallback();
        writer.append({ body: () => switchBody(type, payload, context, bodyOptions) });
      });
    }
    // Open the file (start, version_change, torn-tail recovery) once the caller has had the
    // chance to subscribe to `error`: right after createWarden returns.
    queueMicrotask(writer.flush);
    const stopExitFlush = flushOnExit(writer.flushAndCheckpoint);
    return () => {
      stopExitFlush();
      writer.close();
      writers.delete(writer);
      stopKeyring?.();
    };
  }

  return {
    pluginName: 'auditLog',
    file: parsed.file,
    attach,
    flush() {
      for (const writer of writers) writer.flush();
    },
  };
}

/** The version of `agent`'s last `start`, `version_change` or `rotate` line, if `line` is one. */
function lastVersionIn(line: string, agent: string): AuditVersion | undefined {
  if (!line.includes('"type":"start"') && !line.includes('"type":"version_change"') && !line.includes('"type":"rotate"')) return undefined;
  try {
    const entry = JSON.parse(line) as { type: string; agent?: string; version?: AuditVersion; to?: AuditVersion };
    if (entry.agent !== agent) return undefined;
    const version = entry.type === 'version_change' ? entry.to : entry.version;
    return version && typeof version.id === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

