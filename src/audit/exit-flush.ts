/**
 * Flushes open audit logs when the process exits. One `exit` listener serves every open
 * log (instead of one listener per warden, which would trip Node's listener warning); it
 * is installed with the first log and removed with the last.
 */
const flushers = new Set<() => void>();

function flushAll(): void {
  for (const flush of flushers) {
    try {
      flush();
    } catch {
      // Best effort: the process is going away and has nowhere to report.
    }
  }
}

/** Runs `flush` synchronously at process exit until the returned function is called. */
export function flushOnExit(flush: () => void): () => void {
  if (flushers.size === 0) process.on('exit', flushAll);
  flushers.add(flush);
  return () => {
    flushers.delete(flush);
    if (flushers.size === 0) process.off('exit', flushAll);
  };
}
