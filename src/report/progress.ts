/**
 * A progress line on stderr while a command reads a large audit file:
 * `reading audit.jsonl: 41% (420.0 MB of 1.0 GB)`, redrawn at most twice a second and
 * closed with a newline.
 */
import { bytes } from './format.js';

/** Files at least this large get a progress line unless asked otherwise: 64 MiB. */
export const PROGRESS_THRESHOLD_BYTES = 64 * 1024 * 1024;

/** A progress callback and a `done` to end the line. */
export interface ProgressLine {
  readonly onProgress: (bytesRead: number, totalBytes: number) => void;
  done(): void;
}

/**
 * Creates a progress line for `label`. `mode`: `auto` shows it for files of at least
 * `thresholdBytes`, `always` for any file, `never` not at all.
 */
export function progressLine(write: (text: string) => void, label: string, mode: 'auto' | 'always' | 'never' = 'auto', thresholdBytes = PROGRESS_THRESHOLD_BYTES): ProgressLine {
  let lastDrawn = 0;
  let shown = false;
  let lastText = '';
  const draw = (read: number, total: number) => {
    const percent = total > 0 ? Math.floor((read / total) * 100) : 100;
    lastText = `reading ${label}: ${percent}% (${bytes(read)} of ${bytes(total)})`;
    write(`\r${lastText}`);
    shown = true;
  };
  return {
    onProgress(read, total) {
      if (mode === 'never' || (mode === 'auto' && total < thresholdBytes)) return;
      const now = Date.now();
      if (read < total && shown && now - lastDrawn < 500) return;
      lastDrawn = now;
      draw(read, total);
    },
    done() {
      if (shown) write('\n');
    },
  };
}
