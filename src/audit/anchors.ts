/**
 * Anchored head: the audit writer publishes signed checkpoints of its chain, `{ seq, hash,
 * time, mac }`, every N lines, at each rotation (naming the rotated file and its seq range)
 * and at close, to a sink outside the audit file: an append-only file on other storage, or
 * a callback (object storage with retention, a ticketing system). A chain check against the
 * checkpoints then catches what the chain alone cannot: a cut tail, a whole-file rewrite,
 * and deleted rotated files. With a `key`, checkpoints carry an HMAC-SHA256 so they cannot
 * be forged either.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { hmacHex, type SealKey } from './audit-key.js';
import type { AnchorPoint } from './audit-writer.js';

/** One published checkpoint (one JSON line of an anchor file). */
export interface AuditCheckpoint {
  /**
   * `checkpoint`: the head of the chain; `segment`: a file rotated out, with its seq range;
   * `prune`: a rotated file deleted on purpose by `pruneAudit`, with its seq range.
   */
  readonly type: 'checkpoint' | 'segment' | 'prune';
  /** The last seq covered. */
  readonly seq: number;
  /** The hash (or HMAC) of line `seq`. */
  readonly hash: string;
  /** ISO-8601 time of publication. */
  readonly time: string;
  /** For `segment` and `prune`: the rotated file's name (`audit.jsonl.3`) and its first seq. */
  readonly file?: string;
  readonly firstSeq?: number;
  /** The key id and HMAC-SHA256 of the checkpoint, when the log has a key. */
  readonly kid?: string;
  readonly mac?: string;
}

/** Receives checkpoints; a rejected promise or a throw is reported on the warden's `error` event. */
export type AnchorSink = (checkpoint: AuditCheckpoint) => void | Promise<void>;

/** The bytes a checkpoint's MAC covers: its fields in a fixed order, without `mac`. */
export function checkpointText(checkpoint: Omit<AuditCheckpoint, 'mac'>): string {
  const { type, seq, hash, time, file, firstSeq, kid } = checkpoint;
  return `agentwarden-anchor/1\n${JSON.stringify({ type, seq, hash, time, file, firstSeq, kid })}`;
}

/** HMAC-SHA256 of a checkpoint under `key`. */
export function checkpointMac(key: SealKey, checkpoint: Omit<AuditCheckpoint, 'mac'>): string {
  return hmacHex(key, checkpointText(checkpoint));
}

/** Appends checkpoints to a file, one JSON line each, created 0600. Synchronous: it also runs at process exit. */
export function fileAnchorSink(path: string): AnchorSink {
  let folderMade = false;
  return function fileAnchor(checkpoint) {
    if (!folderMade) {
      mkdirSync(dirname(path), { recursive: true });
      folderMade = true;
    }
    appendFileSync(path, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  };
}

/** Turns the writer's anchor points into signed checkpoints for `sink`. Never throws. */
export function checkpointPublisher(sink: AnchorSink, context: { key: () => SealKey | undefined; now: () => number; onError: (error: Error) => void }): (point: AnchorPoint) => void {
  const fail = (error: unknown) => context.onError(new Error(`audit anchor: publishing a checkpoint failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
  return function publish(point) {
    const key = context.key();
    const unsigned: Omit<AuditCheckpoint, 'mac'> = {
      type: point.type,
      seq: point.seq,
      hash: point.hash,
      time: new Date(context.now()).toISOString(),
      ...(point.file !== undefined && { file: point.file }),
      ...(point.firstSeq !== undefined && { firstSeq: point.firstSeq }),
      ...(key && { kid: key.id }),
    };
    const checkpoint: AuditCheckpoint = key ? { ...unsigned, mac: checkpointMac(key, unsigned) } : unsigned;
    try {
      const result = sink(checkpoint);
      if (result && typeof (result as Promise<void>).then === 'function') (result as Promise<void>).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}
