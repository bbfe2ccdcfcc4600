/**
 * Streams a file as raw lines (bytes, without the newline) in batches, one read buffer at a
 * time, so verifying or reporting a 1 GB audit file keeps memory flat. Lines are kept as
 * bytes because the hash chain covers bytes, not decoded text.
 */
import { open } from 'node:fs/promises';

/** One line of a file. */
export interface RawLine {
  /** The line's bytes without its newline. Valid until the next batch is requested. */
  readonly bytes: Buffer;
  /** False only for a last line that has no newline (a torn tail). */
  readonly terminated: boolean;
  /** Byte offset of the line in the file. */
  readonly offset: number;
}

/** Options of `readLineBatches`. */
export interface LineReadOptions {
  /** Called after each read with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Byte offset to start at. Defaults to `0`. */
  start?: number;
  /** Read buffer size. Defaults to 1 MiB. */
  chunkBytes?: number;
}

/** Yields the file's lines, a batch per read. */
export async function* readLineBatches(file: string, options: LineReadOptions = {}): AsyncGenerator<RawLine[]> {
  const { onProgress, start = 0, chunkBytes = 1 << 20 } = options;
  const handle = await open(file, 'r');
  try {
    const totalBytes = (await handle.stat()).size;
    let position = start;
    let carry: Buffer | undefined;
    let carryOffset = start;
    // One buffer for the whole file: a batch's lines are only valid until the next batch.
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, position);
      if (bytesRead === 0) break;
      const view = chunk.subarray(0, bytesRead);
      const batch: RawLine[] = [];
      let lineStart = 0;
      for (let newline = view.indexOf(0x0a, 0); newline !== -1; newline = view.indexOf(0x0a, lineStart)) {
        if (carry) {
          batch.push({ bytes: Buffer.concat([carry, view.subarray(0, newline)]), terminated: true, offset: carryOffset });
          carry = undefined;
        } else {
          batch.push({ bytes: view.subarray(lineStart, newline), terminated: true, offset: position + lineStart });
        }
        lineStart = newline + 1;
      }
      if (lineStart < bytesRead) {
        const rest = view.subarray(lineStart);
        if (carry) carry = Buffer.concat([carry, rest]);
        else {
          carry = Buffer.from(rest);
          carryOffset = position + lineStart;
        }
      }
      position += bytesRead;
      onProgress?.(position, totalBytes);
      if (batch.length > 0) yield batch;
    }
    if (carry) yield [{ bytes: carry, terminated: false, offset: carryOffset }];
  } finally {
    await handle.close();
  }
}
