/** Errors of record and replay: a bad cassette file, a replay that left the recorded path, a replayed tool error. */
import { WardenError } from '../core/errors.js';
import type { Divergence } from './divergence-kind.js';

/** A file is not a readable cassette. */
export class InvalidCassetteError extends WardenError {
  override name = 'InvalidCassetteError' as const;
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, 'invalid_cassette', undefined, options);
    this.file = file;
  }
}

/** A replayed call left the recording (another tool, other args, a call too many) and could not be served. */
export class ReplayDivergenceError extends WardenError {
  override name = 'ReplayDivergenceError' as const;
  readonly divergence: Divergence;
  constructor(divergence: Divergence) {
    super(`replay diverged: ${divergence.message}`, 'replay_divergence');
    this.divergence = divergence;
  }
}

/** The error a tool threw when it was recorded, thrown again on replay with the same name, message and code. */
export class ReplayedToolError extends Error {
  readonly code: string | undefined;
  readonly replayed = true as const;
  constructor(recorded: { name: string; message: string; code?: string }) {
    super(recorded.message);
    this.name = recorded.name;
    this.code = recorded.code;
  }
}
