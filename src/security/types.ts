/**
 * Shapes shared by the injection screen and its detectors. A detector is any function of
 * text to a score and matched spans, sync or async, so a classifier model or an LLM judge
 * plugs in beside the built-in `heuristics()`.
 */

/** Which family of signal a match belongs to. */
export type DetectorFamily =
  | 'override'
  | 'role'
  | 'template'
  | 'end_marker'
  | 'hidden'
  | 'encoded'
  | 'multilingual'
  | 'exfiltration'
  | 'addressed'
  | 'jailbreak'
  | 'canary'
  | 'learned'
  | 'custom';

/** One suspicious span of the scanned text. */
export interface ScreenMatch {
  /** Rule name, e.g. `override_instructions`. */
  readonly rule: string;
  readonly family: DetectorFamily;
  /** Span in the original text (UTF-16 offsets, end exclusive). */
  readonly start: number;
  readonly end: number;
  /** How much this match alone says "injection", in [0, 1]. */
  readonly weight: number;
  /** The matched original text (at most 200 characters). */
  readonly text: string;
  /** Where the text sat in the scanned value (`$.body.note`), set by the screen. */
  readonly path?: string;
  /** Which detector found it, set by the screen. */
  readonly detector?: string;
}

/** What a detector answers for one text. */
export interface DetectorResult {
  /** In [0, 1]; the screen compares it with its `threshold`. */
  readonly score: number;
  readonly matches: readonly ScreenMatch[];
}

/** What a detector knows about the text it is given. */
export interface DetectorContext {
  /** `args` before the tool runs, `results` after. */
  readonly direction: 'args' | 'results';
  readonly tool: string;
  /** JSON-path-like location of the string in the scanned value, `$` for a bare string. */
  readonly path: string;
  readonly signal?: AbortSignal;
}

/** A pluggable detector: the built-in `heuristics()`, a classifier, an LLM judge. */
export interface Detector {
  (text: string, context: DetectorContext): DetectorResult | Promise<DetectorResult>;
  /** Shown in matches and decisions. Defaults to the function's name. */
  readonly detectorName?: string;
}
