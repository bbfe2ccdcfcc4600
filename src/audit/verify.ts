/**
 * `verifyAudit(file)`: streams an audit file (and the files it rotated into) and checks its
 * hash chain. Finds an edited, dropped, inserted or reordered line and a torn tail; memory
 * stays flat whatever the file size.
 */
import { createChainVerifier, type VerifyResult } from './chain-verifier.js';
import { readLineBatches } from './line-reader.js';
import { auditSegments } from './segments.js';

/** Options of `verifyAudit`. */
export interface VerifyAuditOptions {
  /** Also verify the rotated files `file.1`, `file.2`... before `file`. Defaults to `true`. */
  rotated?: boolean;
  /** Progress over all files, in bytes. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
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
  const { rotated = true, onProgress } = options;
  const files = rotated ? auditSegments(file) : [file];
  if (files.length === 0 || !files.includes(file)) files.push(file);
  const verifier = createChainVerifier();
  for (const segment of files) {
    verifier.startFile(segment);
    for await (const batch of readLineBatches(segment, onProgress ? { onProgress } : {})) {
      for (const line of batch) verifier.push(line);
      if (!verifier.intact) return verifier.result();
    }
  }
  return verifier.result();
}

export type { VerifyResult };
