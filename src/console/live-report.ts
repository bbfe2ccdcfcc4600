/**
 * The console's live report: the first request reads the audit file (and its rotated
 * predecessors) once; later requests read only the bytes appended since, so refreshing a
 * console on a large, growing file stays cheap. A rotation or truncation starts over.
 */
import { statSync } from 'node:fs';
import type { SealKey } from '../audit/audit-key.js';
import { createChainVerifier, type ChainVerifier } from '../audit/chain-verifier.js';
import { readLineBatches } from '../audit/line-reader.js';
import { parseEntry } from '../audit/read-audit.js';
import { auditSegments } from '../audit/segments.js';
import { createReportBuilder, type ReportBuilder } from '../report/aggregate.js';
import type { ReportData, ReportFilter } from '../report/report-data.js';

/** A report that follows a growing audit file. */
export interface LiveReport {
  /** Reads what was appended since the last call and returns the report as of now. */
  refresh(): Promise<ReportData>;
}

interface State {
  builder: ReportBuilder;
  verifier: ChainVerifier;
  inode: number;
  offset: number;
  bytes: number;
  unreadable: number;
}

/** Creates a live report over `file`; with `keys`, a keyed chain's seals are checked. */
export function createLiveReport(file: string, filter: ReportFilter = {}, keys?: ReadonlyMap<string, SealKey>): LiveReport {
  let state: State | undefined;
  let running: Promise<ReportData> | undefined;

  async function readFrom(current: State, segment: string, start: number): Promise<number> {
    let consumed = start;
    for await (const batch of readLineBatches(segment, { start })) {
      for (const line of batch) {
        // A line still being written is read again next time, whole.
        if (!line.terminated) return consumed;
        current.verifier.push(line);
        const entry = parseEntry(line.bytes);
        if (entry) current.builder.add(entry);
        else current.unreadable += 1;
        consumed = line.offset + line.bytes.length + 1;
      }
    }
    return consumed;
  }

  async function update(): Promise<ReportData> {
    const stat = statSync(file);
    if (!state || stat.ino !== state.inode || stat.size < state.offset) {
      const fresh: State = { builder: createReportBuilder(filter), verifier: createChainVerifier(keys ? { keys } : {}), inode: stat.ino, offset: 0, bytes: 0, unreadable: 0 };
      for (const segment of auditSegments(file).filter((candidate) => candidate !== file)) {
        fresh.verifier.startFile(segment);
        const size = await readFrom(fresh, segment, 0);
        fresh.bytes += size;
      }
      fresh.verifier.startFile(file);
      state = fresh;
    }
    const current = state;
    const before = current.offset;
    current.offset = await readFrom(current, file, current.offset);
    current.bytes += current.offset - before;
    return current.builder.finish({ file, integrity: current.verifier.result(), bytes: current.bytes, unreadableLines: current.unreadable });
  }

  return {
    refresh() {
      // One read at a time: concurrent requests share it.
      running ??= update().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
