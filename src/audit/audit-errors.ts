/**
 * Errors of the audit trail. They are never thrown into a tool call: the audit log hands
 * them to the warden's `error` event and counts them in `warden.stats()`.
 */
import { WardenError } from '../core/errors.js';

/** Appending to the audit file failed (full disk, closed file, no permission). */
export class AuditWriteError extends WardenError {
  override name = 'AuditWriteError' as const;
  /** The audit file. */
  readonly file: string;
  /** The system error code, e.g. `ENOSPC`, when there is one. */
  readonly systemCode: string | undefined;
  /** Entries waiting to be written after this failure (kept and retried). */
  readonly queued: number;
  constructor(file: string, message: string, context: { systemCode?: string; queued: number }, options?: { cause?: unknown }) {
    super(`audit log ${file}: ${message}`, 'audit_write_failed', undefined, options);
    this.file = file;
    this.systemCode = context.systemCode;
    this.queued = context.queued;
  }
}

/** The audit file ended in a partial line (a crash mid-write); it was sealed off and recorded. */
export class AuditTornTailError extends WardenError {
  override name = 'AuditTornTailError' as const;
  readonly file: string;
  /** Byte offset of the partial line. */
  readonly offset: number;
  /** Its length in bytes. */
  readonly bytes: number;
  constructor(file: string, offset: number, bytes: number) {
    super(`audit log ${file}: found a torn last line (${bytes} bytes at offset ${offset}); recorded it and continued the chain after it`, 'audit_torn_tail');
    this.file = file;
    this.offset = offset;
    this.bytes = bytes;
  }
}
