/**
 * Checks an audit chain against the checkpoints its writer published to an anchor (see
 * `anchors.ts`): a checkpoint past the log's last line means the tail was cut; a line whose
 * hash differs from its checkpoint means the file was rewritten; a rotated file the anchor
 * knows but the folder lacks was deleted. Each problem names the file and the missing seq
 * range. Signed checkpoints are checked with the log's keys, so a forged anchor line fails.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SealKey } from './audit-key.js';
import { checkpointMac, type AuditCheckpoint } from './anchors.js';

/** One way the log disagrees with its anchor. */
export interface AnchorProblem {
  readonly kind: 'tail_truncated' | 'rewritten' | 'segment_deleted' | 'start_missing' | 'bad_checkpoint';
  readonly message: string;
  /** The rotated file concerned (`segment_deleted`). */
  readonly file?: string;
  /** The seq range that is missing or differs. */
  readonly fromSeq?: number;
  readonly toSeq?: number;
}

/** What the anchor check found. */
export interface AnchorReport {
  /** The anchor file. */
  readonly file: string;
  /** Checkpoints read (head checkpoints and rotated-segment records). */
  readonly checkpoints: number;
  /** Checkpoints whose MAC was checked with a key. */
  readonly signed: number;
  /** Rotated files deleted on purpose (`pruneAudit`), with the seqs they held. */
  readonly pruned: ReadonlyArray<{ readonly file: string; readonly fromSeq: number; readonly toSeq: number }>;
  readonly problems: readonly AnchorProblem[];
}

/** The checkpoints of an anchor file, with the problems of the file itself (bad lines, bad MACs). */
export function readCheckpoints(path: string, keys: ReadonlyMap<string, SealKey> | undefined): { checkpoints: AuditCheckpoint[]; signed: number; problems: AnchorProblem[] } {
  const checkpoints: AuditCheckpoint[] = [];
  const problems: AnchorProblem[] = [];
  let signed = 0;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let checkpoint: AuditCheckpoint;
      try {
        checkpoint = JSON.parse(line) as AuditCheckpoint;
      } catch {
        problems.push({ kind: 'bad_checkpoint', message: `anchor line ${index + 1} is not JSON` });
        return;
      }
      if (!isCheckpoint(checkpoint)) return void problems.push({ kind: 'bad_checkpoint', message: `anchor line ${index + 1} is not a checkpoint` });
      if (keys && keys.size > 0) {
        const key = checkpoint.kid === undefined ? undefined : keys.get(checkpoint.kid);
        if (!key || checkpoint.mac === undefined) {
          return void problems.push({ kind: 'bad_checkpoint', message: `anchor line ${index + 1} is not signed with a key given${checkpoint.kid ? ` (key id "${checkpoint.kid}")` : ''}` });
        }
        const { mac, ...unsigned } = checkpoint;
        if (checkpointMac(key, unsigned) !== mac) return void problems.push({ kind: 'bad_checkpoint', message: `anchor line ${index + 1} does not match its MAC (forged or edited checkpoint)` });
        signed += 1;
      }
      checkpoints.push(checkpoint);
    });
  return { checkpoints, signed, problems };
}

/** What the chain check saw, for `compareWithAnchor`. */
export interface ObservedChain {
  /** The last intact line's seq, or `undefined` for an empty or unreadable log. */
  readonly headSeq: number | undefined;
  /** The first seq read (above 0 when older rotated files are gone). */
  readonly firstSeq: number | undefined;
  /** Hashes seen at the seqs the checkpoints name. */
  readonly hashes: ReadonlyMap<number, string>;
  /** The files read. */
  readonly files: readonly string[];
}

/** The rotated files the anchor records as pruned on purpose. */
export function prunedSegments(checkpoints: readonly AuditCheckpoint[]): AnchorReport['pruned'] {
  return checkpoints.filter((checkpoint) => checkpoint.type === 'prune' && checkpoint.file !== undefined).map((prune) => ({ file: prune.file!, fromSeq: prune.firstSeq ?? 0, toSeq: prune.seq }));
}

/** The problems of a log measured against its checkpoints, most telling first. */
export function compareWithAnchor(checkpoints: readonly AuditCheckpoint[], observed: ObservedChain): AnchorProblem[] {
  const problems: AnchorProblem[] = [];
  const present = new Set(observed.files.map((file) => basename(file)));
  const head = observed.headSeq ?? -1;
  const first = observed.firstSeq ?? head + 1;
  const prunes = checkpoints.filter((checkpoint) => checkpoint.type === 'prune' && checkpoint.file !== undefined);
  const prunedUpTo = prunes.reduce((highest, prune) => Math.max(highest, prune.seq), -1);
  const isPruned = (segment: AuditCheckpoint) => prunes.some((prune) => prune.file === segment.file && prune.seq === segment.seq && prune.hash === segment.hash);
  const latest = checkpoints.reduce<AuditCheckpoint | undefined>((best, checkpoint) => (best === undefined || checkpoint.seq > best.seq ? checkpoint : best), undefined);
  if (latest && latest.seq > head) {
    problems.push({ kind: 'tail_truncated', fromSeq: head + 1, toSeq: latest.seq, message: `tail truncated: the anchor has a checkpoint at seq ${latest.seq} (${latest.time}) but the log ends at seq ${head < 0 ? 'none' : head}; lines ${head + 1} to ${latest.seq} are missing` });
  }
  let deletedBelow = prunedUpTo;
  for (const segment of checkpoints.filter((checkpoint) => checkpoint.type === 'segment' && checkpoint.file !== undefined)) {
    if (present.has(segment.file!) || segment.seq >= first || isPruned(segment)) continue;
    problems.push({ kind: 'segment_deleted', file: segment.file!, fromSeq: segment.firstSeq ?? 0, toSeq: segment.seq, message: `rotated file ${segment.file} was deleted: seq ${segment.firstSeq ?? '?'} to ${segment.seq} are missing` });
    deletedBelow = Math.max(deletedBelow, segment.seq);
  }
  const earliest = checkpoints.filter((checkpoint) => checkpoint.seq < first && checkpoint.seq > deletedBelow).sort((a, b) => a.seq - b.seq)[0];
  if (earliest) {
    problems.push({ kind: 'start_missing', fromSeq: earliest.seq, toSeq: first - 1, message: `lines before seq ${first} are missing: the anchor has a checkpoint at seq ${earliest.seq} (${earliest.time})` });
  }
  const rewritten = checkpoints.filter((checkpoint) => checkpoint.type !== 'prune' && observed.hashes.has(checkpoint.seq) && observed.hashes.get(checkpoint.seq) !== checkpoint.hash).sort((a, b) => a.seq - b.seq)[0];
  if (rewritten) {
    problems.push({ kind: 'rewritten', fromSeq: rewritten.seq, toSeq: rewritten.seq, message: `rewritten: line seq ${rewritten.seq} differs from the anchor checkpoint of ${rewritten.time} (the file was rewritten from there or earlier)` });
  }
  return problems;
}

function isCheckpoint(value: unknown): value is AuditCheckpoint {
  const checkpoint = value as Partial<AuditCheckpoint> | null;
  return (
    typeof checkpoint === 'object' &&
    checkpoint !== null &&
    (checkpoint.type === 'checkpoint' || checkpoint.type === 'segment' || checkpoint.type === 'prune') &&
    Number.isSafeInteger(checkpoint.seq) &&
    typeof checkpoint.hash === 'string' &&
    typeof checkpoint.time === 'string'
  );
}
