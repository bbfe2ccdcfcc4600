/**
 * Checks a hash chain line by line as the lines stream past: each line must seal its own
 * bytes, carry the next `seq` and name the line before as `prev`. A torn fragment (a crash
 * mid-write) is accepted only when the next line is a `torn_tail` entry that records the
 * fragment's length and SHA-256, so the fragment itself cannot be edited unseen either.
 * Shared by `verifyAudit` and by reports, which verify while they read.
 *
 * Given keys, keyed lines are checked with their key and the chain must be keyed: an
 * unkeyed line after a keyed one, or a chain without any keyed line, is a chain someone
 * re-sealed without the key. (Unkeyed lines before the first keyed line, from before a key
 * was set, are pinned by it: its MAC covers their last hash.)
 */
import type { AnchorReport } from './anchor-check.js';
import type { SealKey } from './audit-key.js';
import { readSealedLine, sha256, type ChainTip, type SealedLineHeader } from './chain.js';
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
  /**
   * `unkeyed`: plain SHA-256, which anyone who can write the file can rewrite and re-seal;
   * `keyed`: every line sealed with HMAC-SHA256; `mixed`: unkeyed lines, then keyed ones.
   */
  readonly sealing?: 'unkeyed' | 'keyed' | 'mixed';
  /** The key ids that sealed lines, in order of first use. */
  readonly keyIds?: readonly string[];
  /** Set when the chain is broken because a line's key was not given: its id. */
  readonly missingKeyId?: string;
  /** The check against an anchor's checkpoints, when `anchors` was given. */
  readonly anchors?: AnchorReport;
}

/** Options of `createChainVerifier`. */
export interface ChainVerifierOptions {
  /** Keys by id. Without keys, keyed lines cannot be checked and break the chain with `missingKeyId`. */
  readonly keys?: ReadonlyMap<string, SealKey>;
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
  /** The last intact line so far. */
  readonly tip: ChainTip | undefined;
  result(): VerifyResult;
}

/** Creates an incremental chain check. */
export function createChainVerifier(options: ChainVerifierOptions = {}): ChainVerifier {
  const { keys } = options;
  const keyed = keys !== undefined && keys.size > 0;
  const keyIds: string[] = [];
  let unkeyedLines = 0;
  let missingKeyId: string | undefined;
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
    const header = readSealedLine(line.bytes, keys);
    if (pending) {
      // A fragment is a crash's partial line only when the very next line seals it off.
      const fragment = pending;
      pending = undefined;
      if (!header || (header.computed !== undefined && header.computed !== header.hash) || !acknowledges(line.bytes, fragment)) {
        return breakAt(fragment.lineNumber, fragment.terminated ? 'not a sealed audit line (edited, or garbage was inserted)' : 'torn tail: the last line is incomplete (a crash during a write?)', fragment.file);
      }
      recoveredFragments += 1;
    } else if (!header) {
      pending = { lineNumber: lines, file, bytes: line.bytes.length, sha256: sha256(line.bytes), terminated: line.terminated };
      return;
    }
    const sealProblem = checkSeal(header);
    if (sealProblem) return breakAt(lines, sealProblem);
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

  /** Why the line's seal does not hold, if it does not. */
  function checkSeal(header: SealedLineHeader): string | undefined {
    if (header.kid === undefined) {
      if (keyed && keyIds.length > 0) return 'an unkeyed line follows keyed lines: the line was re-sealed without the key';
      unkeyedLines += 1;
      return header.computed === header.hash ? undefined : 'the line does not match its own hash (edited)';
    }
    if (!keyIds.includes(header.kid)) keyIds.push(header.kid);
    if (header.computed === undefined) {
      missingKeyId = header.kid;
      return keyed ? `the line is sealed with key id "${header.kid}", which is not among the keys given` : `the line is sealed with key id "${header.kid}": give that key to verify the chain`;
    }
    return header.computed === header.hash ? undefined : `the line does not match its HMAC under key id "${header.kid}" (edited, or re-sealed without the key)`;
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
    get tip() {
      return tip;
    },
    result() {
      if (!broken && pending) {
        const fragment = pending;
        breakAt(fragment.lineNumber, fragment.terminated ? 'the last line is not a sealed audit line (edited)' : 'torn tail: the last line is incomplete (a crash during a write?)', fragment.file);
      }
      if (!broken && keyed && keyIds.length === 0 && lines > 0) {
        breakAt(1, 'no line is sealed with a key: the chain is unkeyed (written without a key, or rewritten and re-sealed with plain SHA-256)', files[0] ?? file);
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
        sealing: keyIds.length === 0 ? 'unkeyed' : unkeyedLines > 0 ? 'mixed' : 'keyed',
        keyIds,
        ...(missingKeyId !== undefined && { missingKeyId }),
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
