/**
 * Streams the entries of an audit file (and the files it rotated into) while verifying
 * the chain in the same pass, so reports say whether the record they show is intact
 * without reading the file twice. Memory stays flat: one read buffer at a time.
 */
import { statSync } from 'node:fs';
import { resolveSealKeys, type AuditKey } from './audit-key.js';
import { createChainVerifier, type VerifyResult } from './chain-verifier.js';
import type { AuditEntry } from './entries.js';
import { readLineBatches } from './line-reader.js';
import { auditSegments } from './segments.js';

/** Options of `scanAudit` and `readAudit`. */
export interface ReadAuditOptions {
  /** Also read the rotated files `file.1`, `file.2`... first. Defaults to `true`. */
  rotated?: boolean;
  /** Progress over all files, in bytes. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Key(s) of a keyed chain, for the chain check of `scanAudit` (see `verifyAudit`). */
  key?: AuditKey | readonly AuditKey[];
}

/** What a scan found besides the entries. */
export interface ScanSummary {
  /** The chain check over everything read. */
  readonly verify: VerifyResult;
  /** Lines that are not JSON (torn fragments, damage); skipped. */
  readonly unreadable: number;
  readonly bytes: number;
}

/** Calls `onEntry` for each entry in order and verifies the chain on the way. */
export async function scanAudit(file: string, onEntry: (entry: AuditEntry) => void, options: ReadAuditOptions = {}): Promise<ScanSummary> {
  const { rotated = true, onProgress } = options;
  const files = rotated ? auditSegments(file) : [file];
  if (!files.includes(file)) files.push(file);
  const sizes = files.map((segment) => statSync(segment).size);
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const keys = options.key === undefined ? undefined : await resolveSealKeys(options.key, 'scanAudit: `key`');
  const verifier = createChainVerifier(keys ? { keys } : {});
  let unreadable = 0;
  let before = 0;
  for (const [index, segment] of files.entries()) {
    verifier.startFile(segment);
    const progress = onProgress ? { onProgress: (read: number) => onProgress(before + read, totalBytes) } : {};
    for await (const batch of readLineBatches(segment, progress)) {
      for (const line of batch) {
        verifier.push(line);
        const entry = parseEntry(line.bytes);
        if (entry) onEntry(entry);
        else unreadable += 1;
      }
    }
    before += sizes[index]!;
  }
  return { verify: verifier.result(), unreadable, bytes: totalBytes };
}

/**
 * Yields the entries of an audit file in order, streaming.
 *
 * @example
 * for await (const entry of readAudit('audit.jsonl')) if (entry.type === 'decision') console.log(entry.reason);
 */
export async function* readAudit(file: string, options: ReadAuditOptions = {}): AsyncGenerator<AuditEntry> {
  const { rotated = true, onProgress } = options;
  const files = rotated ? auditSegments(file) : [file];
  if (!files.includes(file)) files.push(file);
  for (const segment of files) {
    for await (const batch of readLineBatches(segment, onProgress ? { onProgress } : {})) {
      for (const line of batch) {
        const entry = parseEntry(line.bytes);
        if (entry) yield entry;
      }
    }
  }
}

/** Parses one line as an entry; `undefined` for a line that is not an entry (torn, damaged). */
export function parseEntry(bytes: Buffer): AuditEntry | undefined {
  if (bytes.length === 0 || bytes[0] !== 0x7b) return undefined;
  try {
    const entry = JSON.parse(bytes.toString('utf8')) as AuditEntry;
    return typeof entry === 'object' && entry !== null && typeof entry.type === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}
