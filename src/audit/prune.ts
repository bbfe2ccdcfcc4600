/**
 * `pruneAudit(file, { keep, anchor })`: deletes the oldest rotated files of an audit log on
 * purpose. Before each file goes, a `prune` record naming it and its seq range (signed when
 * a key is given) is published to the log's anchor, so `verify --anchors` tells a retention
 * policy from an attacker deleting evidence: pruned files are listed, deleted ones fail.
 */
import { closeSync, fstatSync, openSync, unlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { OptionsError } from '../core/errors.js';
import { resolveSealKeys, type AuditKey } from './audit-key.js';
import { checkpointMac, fileAnchorSink, type AnchorSink, type AuditCheckpoint } from './anchors.js';
import { readSealedLine } from './chain.js';
import { auditSegments } from './segments.js';
import { readFirstSeq, readTail } from './tail.js';

/** Options of `pruneAudit`. */
export interface PruneAuditOptions {
  /** Rotated files to keep (the newest ones); the live file is always kept. */
  keep: number;
  /** The log's anchor: the file path or sink given to `auditLog({ anchor })`. */
  anchor: string | AnchorSink;
  /** The log's key, to sign the prune records. Defaults to none (unsigned records). */
  key?: AuditKey;
  /** Time of the records, in ms. Defaults to `Date.now`. */
  now?: () => number;
}

/** A rotated file that was pruned, with the seqs it held. */
export interface PrunedSegment {
  readonly file: string;
  readonly firstSeq: number;
  readonly seq: number;
}

/**
 * Deletes all but the newest `keep` rotated files of `file`, oldest first, each after its
 * prune record reached the anchor. A file whose first or last line cannot be read is not
 * deleted (an error is thrown, and the files after it stay).
 * @example
 * await pruneAudit('audit.jsonl', { keep: 30, anchor: '/mnt/worm/audit.anchor.jsonl', key: process.env.AUDIT_KEY });
 */
export async function pruneAudit(file: string, options: PruneAuditOptions): Promise<PrunedSegment[]> {
  const { keep, anchor, key, now = Date.now } = options;
  if (!Number.isInteger(keep) || keep < 0) throw new OptionsError(`pruneAudit: \`keep\` must be a non-negative integer, got ${String(keep)}`);
  if (!(typeof anchor === 'string' && anchor.length > 0) && typeof anchor !== 'function') throw new OptionsError('pruneAudit: `anchor` must be the file path or function given to auditLog({ anchor })');
  const sink = typeof anchor === 'string' ? fileAnchorSink(anchor) : anchor;
  const sealKey = key === undefined ? undefined : [...(await resolveSealKeys(key, 'pruneAudit: `key`')).values()][0];
  const rotated = auditSegments(file).filter((segment) => segment !== file);
  const pruned: PrunedSegment[] = [];
  for (const segment of rotated.slice(0, Math.max(0, rotated.length - keep))) {
    const range = seqRange(segment);
    const unsigned: Omit<AuditCheckpoint, 'mac'> = { type: 'prune', seq: range.seq, hash: range.hash, time: new Date(now()).toISOString(), file: basename(segment), firstSeq: range.firstSeq, ...(sealKey && { kid: sealKey.id }) };
    await sink(sealKey ? { ...unsigned, mac: checkpointMac(sealKey, unsigned) } : unsigned);
    unlinkSync(segment);
    pruned.push({ file: basename(segment), firstSeq: range.firstSeq, seq: range.seq });
  }
  return pruned;
}

/** The first seq and the last line's seq and hash of a rotated file. */
function seqRange(segment: string): { firstSeq: number; seq: number; hash: string } {
  const fd = openSync(segment, 'r');
  try {
    const size = fstatSync(fd).size;
    const firstSeq = readFirstSeq(fd, size);
    const last = readTail(fd, size).lastLine;
    const header = last && readSealedLine(last);
    if (firstSeq === undefined || !header) throw new Error(`pruneAudit: ${segment} does not start and end with sealed audit lines; it was not deleted`);
    return { firstSeq, seq: header.seq, hash: header.hash };
  } finally {
    closeSync(fd);
  }
}
