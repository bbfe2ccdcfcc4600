/** The error a version registry throws when a change cannot be made (unknown version, empty stage). */
import { WardenError } from '../core/errors.js';

/** Stable codes of registry errors. */
export type VersionRegistryErrorCode = 'unknown_version' | 'unknown_stage' | 'no_previous_version' | 'empty_stage' | 'corrupt_registry';

/** A registry change was refused; `code` says why, `stage` and `version` say where. */
export class VersionRegistryError extends WardenError {
  override name = 'VersionRegistryError' as const;
  declare readonly code: VersionRegistryErrorCode;
  readonly stage: string | undefined;
  readonly version: string | undefined;
  constructor(code: VersionRegistryErrorCode, message: string, context: { stage?: string; version?: string } = {}, options?: { cause?: unknown }) {
    super(message, code, undefined, options);
    this.stage = context.stage;
    this.version = context.version;
  }
}
