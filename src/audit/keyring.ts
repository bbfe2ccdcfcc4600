/**
 * The keys an audit log seals with: a fixed key, or one fetched from an async provider at
 * start and again every `refreshMs` (a KMS rotating its key), shared by every warden the
 * log is attached to. Until the provider's first answer the keyring is not ready and the
 * writer holds its batches: no line is ever written unsealed.
 */
import { isKeyProvider, toSealKey, type AuditKey, type AuditKeyProvider, type SealKey } from './audit-key.js';
import { AuditWriteError } from './audit-errors.js';
import type { WriterKeyring } from './audit-writer.js';

/** A keyring plus `start`, called per attached warden; the returned function stops it. */
export interface AuditKeyring extends WriterKeyring {
  start(onError: (error: Error) => void): () => void;
}

/** Creates the keyring of `key`; `onReady` runs once the first key is known (to flush waiting lines). */
export function createKeyring(key: AuditKey, refreshMs: number, onReady: () => void): AuditKeyring {
  const known = new Map<string, SealKey>();
  let current: SealKey | undefined;
  if (!isKeyProvider(key)) {
    current = toSealKey(key, 'auditLog: `key`');
    known.set(current.id, current);
  }
  const provider: AuditKeyProvider | undefined = isKeyProvider(key) ? key : undefined;
  let users = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function fetchKey(onError: (error: Error) => void): Promise<void> {
    try {
      const fetched = toSealKey(await provider!(), 'auditLog: the `key` provider\'s answer');
      known.set(fetched.id, fetched);
      const first = current === undefined;
      current = fetched;
      if (first) onReady();
    } catch (error) {
      onError(new AuditWriteError('(audit key)', `the key provider failed: ${error instanceof Error ? error.message : String(error)}`, { queued: 0 }, { cause: error }));
    }
    if (users > 0) {
      timer = setTimeout(() => void fetchKey(onError), current === undefined ? Math.min(refreshMs, 1_000) : refreshMs);
      timer.unref?.();
    }
  }

  return {
    get ready() {
      return current !== undefined;
    },
    get current() {
      return current;
    },
    known,
    start(onError) {
      users += 1;
      if (provider && users === 1) void fetchKey(onError);
      return () => {
        users -= 1;
        if (users === 0 && timer !== undefined) clearTimeout(timer);
      };
    },
  };
}
