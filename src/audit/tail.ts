/**
 * Reads the end of an open audit file synchronously, backwards: the last complete line (to
 * continue the chain after it), a partial line after it (a torn tail), and the last entry
 * that names a version for an agent (to log a `version_change`).
 */
import { readSync } from 'node:fs';

const CHUNK = 64 * 1024;

/** The end of a file. */
export interface FileTail {
  /** The last newline-terminated line, without its newline. */
  readonly lastLine?: Buffer;
  /** Bytes after the last newline: a torn line. */
  readonly fragment?: { readonly offset: number; readonly bytes: Buffer };
}

/** Reads the last complete line and any torn fragment of the first `size` bytes of `fd`. */
export function readTail(fd: number, size: number): FileTail {
  if (size === 0) return {};
  const lastNewline = findNewlineBefore(fd, size);
  const fragment = lastNewline === size - 1 ? undefined : { offset: lastNewline + 1, bytes: readRange(fd, lastNewline + 1, size) };
  if (lastNewline === -1) return fragment ? { fragment } : {};
  const lineStart = findNewlineBefore(fd, lastNewline) + 1;
  const lastLine = readRange(fd, lineStart, lastNewline);
  return fragment ? { lastLine, fragment } : { lastLine };
}

/**
 * Walks lines backwards from `size` and returns the first one `accept` maps to a value.
 * Reads at most `maxBytes` from the end.
 */
export function findLastLine<T>(fd: number, size: number, accept: (line: string) => T | undefined, maxBytes = 256 * 1024 * 1024): T | undefined {
  let end = size;
  let carry = Buffer.alloc(0);
  const floor = Math.max(0, size - maxBytes);
  while (end > floor) {
    const start = Math.max(floor, end - CHUNK);
    const chunk = Buffer.concat([readRange(fd, start, end), carry]);
    let lineEnd = chunk.length;
    for (let newline = chunk.lastIndexOf(0x0a, lineEnd - 1); newline !== -1; newline = chunk.lastIndexOf(0x0a, lineEnd - 1)) {
      const found = acceptLine(chunk.subarray(newline + 1, lineEnd), accept);
      if (found !== undefined) return found;
      lineEnd = newline;
      if (lineEnd === 0) break;
    }
    carry = Buffer.from(chunk.subarray(0, lineEnd));
    end = start;
  }
  return carry.length > 0 && floor === 0 ? acceptLine(carry, accept) : undefined;
}

/** The `seq` of the first line of the first `size` bytes of `fd`, if it is a sealed line. */
export function readFirstSeq(fd: number, size: number): number | undefined {
  const head = readRange(fd, 0, Math.min(size, 64)).toString('latin1');
  const match = /^\{"seq":(0|[1-9]\d{0,15}),/.exec(head);
  return match ? Number(match[1]) : undefined;
}

function acceptLine<T>(bytes: Buffer, accept: (line: string) => T | undefined): T | undefined {
  return bytes.length === 0 ? undefined : accept(bytes.toString('utf8'));
}

function findNewlineBefore(fd: number, end: number): number {
  let position = end;
  while (position > 0) {
    const start = Math.max(0, position - CHUNK);
    const chunk = readRange(fd, start, position);
    const index = chunk.lastIndexOf(0x0a);
    if (index !== -1) return start + index;
    position = start;
  }
  return -1;
}

function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(end - start);
  let filled = 0;
  while (filled < buffer.length) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, start + filled);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}
