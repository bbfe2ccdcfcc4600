/** The error of a missing or damaged learned-screen weights file. */
import { WardenError } from '../../core/errors.js';

/**
 * A weights file for `classifier()` is missing, unreadable or damaged. Thrown when the
 * detector is built, never while scoring: the screen never passes everything silently.
 */
export class ScreenModelError extends WardenError {
  override name = 'ScreenModelError' as const;
  /** The weights file that failed. */
  readonly file: string;
  constructor(file: string, problem: string, cause?: unknown) {
    super(`classifier: weights file ${file} ${problem}`, 'screen_model_invalid', undefined, cause === undefined ? undefined : { cause });
    this.file = file;
  }
}
