/**
 * `verifyAudit(file)`: streams an audit file (and the files it rotated into) and checks its
 * hash chain. Finds an edited, dropped, inserted or reordered line and a torn tail; memory
 * stays flat whatever the file size. With `key`, the HMAC of every keyed line is checked
 * and a chain re-sealed without the key is caught.
 */
import { resolveSealKeys, type AuditKey } from './audit-key.js';
import { compareWithAnchor, prunedSegments, readCheckpoints, type AnchorReport } from './anchor-check.js';
import { createChainVerifier, type VerifyResult } from './chain-verifier.js';
import { readLineBatches } from './line-reader.js';
import { auditSegments } from './segments.js';

/** Options of `verifyAudit`. */
export interface VerifyAuditOptions {
  /** Also verify the rotated files `file.1`, `file.2`... before `file`. Defaults to `true`. */
  rotated?: boolean;
  /** Progress over all files, in bytes. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * The key (or keys, across a rotation) the chain was sealed with, in any form `auditLog`
   * takes. With a key, every line from the first keyed one on must carry a valid HMAC, and a
   * chain without keyed lines fails. Defaults to none: an unkeyed chain is checked with
   * SHA-256 (anyone who can write the file could have re-sealed it), a keyed one fails with
   * `missingKeyId`.
   */
  key?: AuditKey | readonly AuditKey[];
  /**
   * The anchor file the writer published checkpoints to (`auditLog({ anchor })`). The log
   * must reach every checkpoint with the same hash: a cut tail, a rewritten file and deleted
   * rotated files fail, each named in `anchors.problems` with its missing seq range.
   * Checkpoints are checked against `key` when one is given.
   */
  anchors?: string;
}

/**
 * Verifies the hash chain of an audit file.
 *
 * @param file the live audit file (its rotated predecessors are found beside it)
 * @returns `{ ok, lines, brokenAt?, reason? }` and more (see `VerifyResult`)
 * @example
 * const result = await verifyAudit('audit.jsonl');
 * if (!result.ok) console.error(`broken at line ${result.brokenAt}: ${result.reason}`);
 */
export async function verifyAudit(file: string, options: VerifyAuditOptions = {}): Promise<VerifyResult> {
  const { rotated = true, onProgress, key, anchors } = options;
  const keys = key === undefined ? undefined : await resolveSealKeys(key, 'verifyAudit: `key`');
  const anchor = anchors === undefined ? undefined : readCheckpoints(anchors, keys);
  const wanted = new Set(anchor?.checkpoints.map((checkpoint) => checkpoint.seq));
  const hashes = new Map<number, string>();
  let firstSeq: number | undefined;
  const files = rotated ? auditSegments(file) : [file];
  if (files.length === 0 || !files.includes(file)) files.push(file);
  const verifier = createChainVerifier(keys ? { keys } : {});
  reading: for (const segment of files) {
    verifier.startFile(segment);
    for await (const batch of readLineBatches(segment, onProgress ? { onProgress } : {})) {
      for (const line of batch) {
        verifier.push(line);
        const tip = verifier.intact ? verifier.tip : undefined;
        if (tip === undefined) continue;
        firstSeq ??= tip.seq;
        if (wanted.has(tip.seq)) hashes.set(tip.seq, tip.hash);
      }
      if (!verifier.intact) break reading;
    }
  }
  const result = verifier.result();
  if (!anchor || anchors === undefined) return result;
  const problems = [...anchor.problems, ...compareWithAnchor(anchor.checkpoints, { headSeq: result.head?.seq, firstSeq, hashes, files: result.files })];
  const report: AnchorReport = { file: anchors, checkpoints: anchor.checkpoints.length, signed: anchor.signed, pruned: prunedSegments(anchor.checkpoints), problems };
  if (problems.length === 0 || !result.ok) return { ...result, anchors: report };
  return { ...result, ok: false, reason: problems[0]!.message, anchors: report };
}

export type { VerifyResult };
