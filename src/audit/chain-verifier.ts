/**
 * Checks a hash chain line by line as the lines stream past: each line must seal its own
 * bytes, carry the next `seq` and name the line before as `prev`. A torn fragment (a crash
 * mid-write) is accepted only when the next line is a `torn_tail` entry that records the
 * fragment's length and SHA-256, so the fragment itself cannot be edited unseen either.
 * Shared by `verifyAudit` and by reports, which verify while they read.
 */
import { readSealedLine, sha256, type ChainTip } from './chain.js';
import type { RawLine } from './line-reader.js';

/** What `verifyAudit` (and a report) says about a chain. */
export interface VerifyResult {
  /** True when every line is intact and in order and the file does not end torn. */
  readonly ok: boolean;
  /** Lines read, over all files of the chain. */
  readonly lines: number;
  /** 1-based line number (over all files) of the first line that breaks the chain. */
  readonly brokenAt?: number;
  /** Why the chain is broken. */
  readonly reason?: string;
  /** The file holding `brokenAt`. */
  readonly brokenFile?: string;
  /** The last line has no newline: a write was cut short (crash, full disk). */
  readonly torn?: boolean;
  /** The last intact line: keep it elsewhere to also catch a deleted tail later. */
  readonly head?: ChainTip;
  /** `genesis` when the chain starts at its genesis line; `continued` when older rotated files are gone. */
  readonly anchor?: 'genesis' | 'continued';
  /** Torn fragments from earlier crashes that a later writer recorded and sealed. */
  readonly recoveredFragments: number;
  /** The files read, oldest first. */
  readonly files: readonly string[];
}

interface PendingFragment {
  readonly lineNumber: number;
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly terminated: boolean;
}

/** An incremental chain check: `push` each line in order, then `result`. */
export interface ChainVerifier {
  /** Starts the next file of a rotated chain. */
  startFile(file: string): void;
  push(line: RawLine): void;
  /** False once the chain is broken (callers may stop reading). */
  readonly intact: boolean;
  result(): VerifyResult;
}

/** Creates an incremental chain check. */
export function createChainVerifier(): ChainVerifier {
  const files: string[] = [];
  let file = '';
  let lines = 0;
  let tip: ChainTip | undefined;
  let anchor: VerifyResult['anchor'];
  let pending: PendingFragment | undefined;
  let recoveredFragments = 0;
  let broken: { at: number; file: string; reason: string } | undefined;
  let torn = false;

  const breakAt = (at: number, reason: string, where = file) => {
    broken = { at, file: where, reason };
  };

  function push(line: RawLine): void {
    if (broken) return;
    lines += 1;
    if (!line.terminated) torn = true;
    const header = readSealedLine(line.bytes);
    if (pending) {
      // A fragment is a crash's partial line only when the very next line seals it off.
      const fragment = pending;
      pending = undefined;
      if (!header || header.computed !== header.hash || !acknowledges(line.bytes, fragment)) {
        return breakAt(fragment.lineNumber, fragment.terminated ? 'not a sealed audit line (edited, or garbage was inserted)' : 'torn tail: the last line is incomplete (a crash during a write?)', fragment.file);
      }
      recoveredFragments += 1;
    } else if (!header) {
      pending = { lineNumber: lines, file, bytes: line.bytes.length, sha256: sha256(line.bytes), terminated: line.terminated };
      return;
    }
    if (header.computed !== header.hash) return breakAt(lines, 'the line does not match its own hash (edited)');
    if (tip === undefined) {
      const type = entryType(line.bytes);
      if (type === 'genesis') anchor = 'genesis';
      else if (type === 'rotate') anchor = 'continued';
      else return breakAt(lines, `the chain starts with a "${type ?? 'unknown'}" line, not its genesis (lines before it were dropped)`);
    } else if (header.seq !== tip.seq + 1) {
      return breakAt(lines, `seq ${header.seq} follows seq ${tip.seq}: a line was dropped, inserted or reordered`);
    } else if (header.prev !== tip.hash) {
      return breakAt(lines, 'prev does not match the hash of the line before: a line was replaced, inserted or reordered');
    }
    if (!line.terminated) return breakAt(lines, 'torn tail: the last line has no newline (a crash during a write?)');
    tip = { seq: header.seq, hash: header.hash };
  }

  return {
    startFile(next) {
      file = next;
      files.push(next);
    },
    push,
    get intact() {
      return broken === undefined;
    },
    result() {
      if (!broken && pending) {
        const fragment = pending;
        breakAt(fragment.lineNumber, fragment.terminated ? 'the last line is not a sealed audit line (edited)' : 'torn tail: the last line is incomplete (a crash during a write?)', fragment.file);
      }
      return {
        ok: broken === undefined,
        lines,
        recoveredFragments,
        files,
        ...(broken && { brokenAt: broken.at, reason: broken.reason, brokenFile: broken.file }),
        ...(torn && { torn: true }),
        ...(tip && { head: tip }),
        ...(anchor && { anchor }),
      };
    },
  };
}

function acknowledges(bytes: Buffer, fragment: PendingFragment): boolean {
  if (!fragment.terminated) return false;
  try {
    const entry = JSON.parse(bytes.toString('utf8')) as { type?: unknown; fragment?: { bytes?: unknown; sha256?: unknown } };
    return (entry.type === 'torn_tail' || entry.type === 'genesis') && entry.fragment?.bytes === fragment.bytes && entry.fragment.sha256 === fragment.sha256;
  } catch {
    return false;
  }
}

function entryType(bytes: Buffer): string | undefined {
  try {
    const type = (JSON.parse(bytes.toString('utf8')) as { type?: unknown }).type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}
