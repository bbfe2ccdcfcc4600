/**
 * The appending end of an audit file. Entries wait in memory and are written in batches
 * off the hot path, each line with its own `write` on an `O_APPEND` descriptor, so a line
 * is whole or (after a crash) a torn tail that the next writer seals off. Each batch is
 * written under a short cross-process lock; before it the writer checks whether another
 * writer (in this process or another) appended or rotated the file and, if so, continues
 * the chain after their last line. Failures never throw to the caller: they go to `onError`
 * and the batch is retried later.
 */
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SealKey } from './audit-key.js';
import { newGenesis, readSealedLine, sealLine, sha256, type ChainTip } from './chain.js';
import { AuditTornTailError, AuditWriteError } from './audit-errors.js';
import { nextSegmentPath } from './segments.js';
import { withAppendLock } from './append-lock.js';
import { readFirstSeq, readTail } from './tail.js';

/** Audit files (and rotated segments, which are renamed live files) are for their owner only. */
const PRIVATE_FILE_MODE = 0o600;

/** Writers wait up to 5 s for another process's batch; a lock left by a dead process is broken at once, any lock after 30 s. */
const LOCK_OPTIONS = { timeoutMs: 5_000, staleMs: 30_000 };

/** One queued entry: its body is built (redacted, serialized) only when it is written. */
export interface QueuedEntry {
  readonly body: () => string;
}

/** The keys of a keyed chain, as the writer sees them at each batch. */
export interface WriterKeyring {
  /** False while the first key is being fetched: batches wait. */
  readonly ready: boolean;
  /** The key new lines are sealed with. */
  readonly current: SealKey | undefined;
  /** Every key fetched so far, to recognise the file's own last line after a rotation. */
  readonly known: ReadonlyMap<string, SealKey>;
}

/** A point of the chain the writer publishes to an anchor: where the chain stood, or a finished segment. */
export interface AnchorPoint {
  /** `checkpoint`: the chain's head; `segment`: a file just rotated out, with its seq range. */
  readonly type: 'checkpoint' | 'segment';
  readonly seq: number;
  readonly hash: string;
  /** For `segment`: the rotated file's name and its first seq. */
  readonly file?: string;
  readonly firstSeq?: number;
}

/** Where and how often the writer publishes anchor points. */
export interface WriterAnchor {
  /** Publish a checkpoint after this many lines (and at close). */
  readonly every: number;
  /** Also publish one when this long has passed since the last, at the next line written; unset: lines only. */
  readonly intervalMs?: number;
  /** Must not throw; called synchronously (also at process exit). */
  readonly publish: (point: AnchorPoint) => void;
}

/** Options of `createAuditWriter`. */
export interface AuditWriterOptions {
  readonly file: string;
  /** Rotate when the file reaches this size; unset: never. */
  readonly rotateBytes?: number;
  /** Delay between an append and its batch write. */
  readonly flushIntervalMs: number;
  /** Write at once when this many entries wait. */
  readonly maxBatch: number;
  /** Most entries kept while writes fail; older ones are dropped (and counted) past it. */
  readonly maxQueue: number;
  /** Wait before retrying after a failed write. */
  readonly retryMs: number;
  /** Called whenever the file is opened; entries it returns go first (start, version_change). */
  readonly onOpen?: (fd: number, size: number) => QueuedEntry[];
  /** Body of the `rotate` entry that opens a new file. */
  readonly rotateBody?: (previousFile: string) => Record<string, unknown>;
  readonly onError: (error: Error) => void;
  readonly count: (counter: string, by?: number) => void;
  /** Time for the `at` of the lines the writer adds itself (genesis, rotate, torn_tail). */
  readonly now: () => number;
  /** Seal lines with HMAC-SHA256 under the current key; unset: plain SHA-256. */
  readonly keyring?: WriterKeyring;
  /** Publish checkpoints and rotated segments to an anchor; unset: none. */
  readonly anchor?: WriterAnchor;
}

/** The writer's handle. */
export interface AuditWriter {
  append(entry: QueuedEntry): void;
  /** Writes everything queued, synchronously. Never throws. */
  flush(): void;
  /** Flushes and closes the file. */
  close(): void;
  /** Writes everything queued and publishes a checkpoint of the head (at process exit). */
  flushAndCheckpoint(): void;
  /** Entries waiting to be written. */
  readonly pending: number;
}

/** Creates the writer; the file is opened on the first flush. */
export function createAuditWriter(options: AuditWriterOptions): AuditWriter {
  const { file, rotateBytes, flushIntervalMs, maxBatch, maxQueue, retryMs } = options;
  let queue: QueuedEntry[] = [];
  let head = 0;
  let fd: number | undefined;
  let inode = 0;
  let size = 0;
  let tip: ChainTip | undefined;
  let needsResync = false;
  let rotatedFrom: string | undefined;
  let restartReason: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryUntil = 0;
  let closed = false;
  let flushing = false;
  /** False for devices and pipes (`/dev/stdout`), which other writers cannot share a chain on. */
  let lockable: boolean | undefined;
  /** Lines this writer wrote since its last checkpoint, and the first seq of the open file. */
  let sinceCheckpoint = 0;
  let lastCheckpointAt = options.now();
  let segmentFirstSeq: number | undefined;

  const at = () => new Date(options.now()).toISOString();
  const pending = () => queue.length - head;

  function schedule(delay: number): void {
    if (timer !== undefined || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, delay);
    timer.unref?.();
  }

  function append(entry: QueuedEntry): void {
    if (closed) {
      options.count('audit.errors');
      options.onError(new AuditWriteError(file, 'the audit log is closed; the entry was not written', { queued: 0 }));
      return;
    }
    queue.push(entry);
    if (pending() >= maxBatch && Date.now() >= retryUntil) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      setImmediate(flush).unref?.();
    } else schedule(flushIntervalMs);
  }

  function open(): void {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'a+', PRIVATE_FILE_MODE);
    const stat = fstatSync(fd);
    inode = stat.ino;
    size = stat.size;
    segmentFirstSeq = size > 0 ? readFirstSeq(fd, size) : undefined;
    resync();
    const first = options.onOpen?.(fd, size) ?? [];
    if (first.length > 0) {
      queue = [...first, ...queue.slice(head)];
      head = 0;
    }
  }

  /** Reads the file's end: continue after its last line, seal off a torn fragment. */
  function resync(): void {
    const tail = readTail(fd!, size);
    tip = undefined;
    if (tail.lastLine) {
      const header = readSealedLine(tail.lastLine, options.keyring?.known);
      // A line sealed with a key this writer does not hold (another process's, before a
      // rotation) is taken at its word: the writer continues chains, the verifier judges them.
      const sealed = header && (header.computed === undefined ? header.kid !== undefined : header.computed === header.hash);
      if (header && sealed) tip = { seq: header.seq, hash: header.hash };
      else restartReason = 'the last line of the file is not a sealed audit line';
    }
    needsResync = false;
    if (!tail.fragment) return;
    size += writeLine('\n');
    const fragment = { offset: tail.fragment.offset, bytes: tail.fragment.bytes.length, sha256: sha256(tail.fragment.bytes) };
    options.count('audit.torn_tails');
    if (tip) writeBody(JSON.stringify({ at: at(), type: 'torn_tail', fragment }));
    else writeGenesis({ fragment });
    options.onError(new AuditTornTailError(file, fragment.offset, fragment.bytes));
  }

  /** Re-reads the end when another writer appended, rotated or removed the file. */
  function checkForeignChanges(): void {
    let onDisk: number | undefined;
    try {
      onDisk = statSync(file).ino;
    } catch {
      onDisk = undefined;
    }
    if (onDisk !== inode) {
      closeQuietly();
      open();
      return;
    }
    const actual = fstatSync(fd!).size;
    if (actual !== size || needsResync) {
      size = actual;
      resync();
    }
  }

  /** One write(2) of one whole line; a short write leaves a torn tail to seal off next time. */
  function writeLine(line: string): number {
    const length = Buffer.byteLength(line);
    const written = writeSync(fd!, line);
    if (written < length) {
      size += written;
      needsResync = true;
      throw new Error(`partial write: ${written} of ${length} bytes`);
    }
    return written;
  }

  /** Starts a new chain: a genesis line anchored on a random value. */
  function writeGenesis(extra: Record<string, unknown>): void {
    const reason = restartReason;
    restartReason = undefined;
    const body = JSON.stringify({ at: at(), type: 'genesis', format: 'agentwarden-audit/1', ...(reason !== undefined && { restartReason: reason }), ...extra });
    const sealed = sealLine(body, 0, newGenesis(), options.keyring?.current);
    size += writeLine(sealed.line);
    tip = { seq: 0, hash: sealed.hash };
    segmentFirstSeq ??= 0;
    sinceCheckpoint += 1;
  }

  function writeBody(bodyJson: string): void {
    if (tip === undefined) writeGenesis({});
    const sealed = sealLine(bodyJson, tip!.seq + 1, tip!.hash, options.keyring?.current);
    size += writeLine(sealed.line);
    tip = { seq: tip!.seq + 1, hash: sealed.hash };
    segmentFirstSeq ??= tip.seq;
    sinceCheckpoint += 1;
  }

  /** Publishes the chain's head when lines were written since the last checkpoint. */
  function checkpoint(force: boolean): void {
    const anchor = options.anchor;
    if (!anchor || tip === undefined || sinceCheckpoint === 0) return;
    const due = force || sinceCheckpoint >= anchor.every || (anchor.intervalMs !== undefined && options.now() - lastCheckpointAt >= anchor.intervalMs);
    if (!due) return;
    anchor.publish({ type: 'checkpoint', seq: tip.seq, hash: tip.hash });
    sinceCheckpoint = 0;
    lastCheckpointAt = options.now();
  }

  function rotate(): void {
    const previous = nextSegmentPath(file);
    closeQuietly();
    renameSync(file, previous);
    rotatedFrom = basename(previous);
    // The anchor learns which seqs the rotated file holds, so its deletion can be named later.
    if (options.anchor && tip !== undefined && segmentFirstSeq !== undefined) options.anchor.publish({ type: 'segment', file: rotatedFrom, firstSeq: segmentFirstSeq, seq: tip.seq, hash: tip.hash });
    segmentFirstSeq = undefined;
    fd = openSync(file, 'a+', PRIVATE_FILE_MODE);
    const stat = fstatSync(fd);
    inode = stat.ino;
    size = stat.size;
    if (size > 0) {
      segmentFirstSeq = readFirstSeq(fd, size);
      return resync();
    }
    writeBody(JSON.stringify({ at: at(), type: 'rotate', previousFile: rotatedFrom, ...options.rotateBody?.(rotatedFrom) }));
  }

  function flush(): void {
    if (flushing) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending() === 0 && fd !== undefined) return;
    if (options.keyring && !options.keyring.ready) {
      // Nothing is written unsealed: the batch waits for the key provider's first answer.
      if (closed) options.onError(new AuditWriteError(file, `the audit key was not available; ${pending()} entries were not written`, { queued: pending() }));
      else schedule(Math.min(flushIntervalMs || 10, 100));
      return;
    }
    flushing = true;
    try {
      if (fd === undefined) mkdirSync(dirname(file), { recursive: true });
      lockable ??= !isSpecialFile(file);
      if (lockable) withAppendLock(file, writeBatch, LOCK_OPTIONS);
      else writeBatch();
    } catch (error) {
      fail(error);
    } finally {
      flushing = false;
    }
  }

  /** Under the lock: catch up with other writers, then seal and write every queued line. */
  function writeBatch(): void {
    if (fd === undefined) open();
    else checkForeignChanges();
    while (head < queue.length) {
      writeBody(queue[head]!.body());
      head += 1;
      checkpoint(false);
      if (rotateBytes !== undefined && size >= rotateBytes) rotate();
    }
    queue = [];
    head = 0;
  }

  function fail(error: unknown): void {
    const overflow = pending() - maxQueue;
    if (overflow > 0) {
      head += overflow;
      options.count('audit.dropped', overflow);
    }
    if (head > 0) {
      queue = queue.slice(head);
      head = 0;
    }
    options.count('audit.errors');
    const systemCode = (error as NodeJS.ErrnoException | undefined)?.code;
    if (systemCode === 'EBADF') {
      closeQuietly();
    }
    options.onError(new AuditWriteError(file, error instanceof Error ? error.message : String(error), { queued: pending(), ...(systemCode !== undefined && { systemCode }) }, { cause: error }));
    retryUntil = Date.now() + retryMs;
    schedule(retryMs);
  }

  function closeQuietly(): void {
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } catch {
      // Already closed: nothing left to release.
    }
    fd = undefined;
  }

  return {
    append,
    flush,
    close() {
      flush();
      closed = true;
      if (pending() > 0 && options.keyring && !options.keyring.ready) flush();
      checkpoint(true);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      closeQuietly();
    },
    flushAndCheckpoint() {
      flush();
      try {
        checkpoint(true);
      } catch (error) {
        options.onError(error instanceof Error ? error : new Error(String(error)));
      }
    },
    get pending() {
      return pending();
    },
  };
}

function isSpecialFile(file: string): boolean {
  try {
    return !statSync(file).isFile();
  } catch {
    return false;
  }
}
