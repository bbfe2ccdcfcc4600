/** The shapes of the evaluation harness: cases, the agent under test, scorers, thresholds and results. */
import type { Cassette, RecordedError } from '../replay/cassette.js';
import type { Divergence } from '../replay/divergence.js';
import type { ReplayerOptions } from '../replay/replayer.js';
import type { CallObservation, Decision, RunScope, SettledUsage, VersionParts, VersionStamp } from '../core/types.js';
import type { Warden, WardenOptions } from '../core/warden.js';
import type { ScriptedModel } from './scripted-model.js';

/** Which side of the comparison a run is on. */
export type EvalRole = 'baseline' | 'candidate';

/** One input to run under both versions. */
export interface EvalCase<Input = unknown> {
  readonly id: string;
  readonly input: Input;
  /** What a good answer is; `exact()` compares with it. */
  readonly expected?: unknown;
  /** Scripted model answers: one list for both sides, or lists by role, version label or version id. Defaults to the cassette's recorded turns. */
  readonly answers?: readonly unknown[] | Readonly<Record<string, readonly unknown[]>>;
  /** A recorded session: its tool results are served from the tape and divergence is counted. */
  readonly cassette?: Cassette;
  /** Workflow, department, session id for the run. */
  readonly scope?: Omit<RunScope, 'runId'>;
}

/** What the agent under test receives for one case. */
export interface EvalAgentContext<Input = unknown, Model = ScriptedModel> {
  readonly warden: Warden;
  readonly version: VersionStamp;
  readonly role: EvalRole;
  readonly case: EvalCase<Input>;
  readonly input: Input;
  /** From `model(...)`, or a scripted model over the case's answers. */
  readonly model: Model;
}

/** The agent under test: runs one case inside a warden run and returns its answer. */
export type EvalAgent<Input = unknown, Model = ScriptedModel> = (context: EvalAgentContext<Input, Model>) => unknown | Promise<unknown>;

/** Everything a scorer may look at. */
export interface ScoreContext<Input = unknown> {
  readonly case: EvalCase<Input>;
  readonly input: Input;
  readonly output: unknown;
  readonly expected: unknown;
  /** Set when the run threw. */
  readonly error?: unknown;
  readonly version: VersionStamp;
  readonly role: EvalRole;
  readonly calls: readonly CallObservation[];
  readonly decisions: readonly Decision[];
  readonly usage: readonly SettledUsage[];
}

/** A score: a number in [0, 1], a boolean, one with a reason, or undefined when it does not apply. */
export type ScoreValue = number | boolean | { score: number | boolean; reason?: string } | undefined;

/** A named way to judge an answer. Scores at or above `passAt` pass. */
export interface Scorer<Input = unknown> {
  readonly name: string;
  readonly passAt: number;
  score(context: ScoreContext<Input>): ScoreValue | Promise<ScoreValue>;
}

/** How much worse a metric may get before the comparison fails. */
export interface Threshold {
  /** Largest allowed regression (in the metric's units, or a fraction of the baseline when `relative`). Defaults to `0`. */
  maxRegression?: number;
  relative?: boolean;
  /** Fail only when the regression is also significant at this level (paired test). */
  alpha?: number;
}

/** What `compareVersions` and the CLI config share. */
export interface EvalSetup<Input = unknown, Model = ScriptedModel> {
  agent: EvalAgent<Input, Model>;
  /** Builds the model for a side; without it each case's `answers` are scripted. */
  model?: (context: { version: VersionStamp; role: EvalRole; case: EvalCase<Input> }) => Model | Promise<Model>;
  /** More warden options per run (middleware, plugins, clock); `agent` defaults to `'eval'`. */
  warden?: (context: { version: VersionStamp; role: EvalRole; case: EvalCase<Input> }) => Partial<Omit<WardenOptions, 'version'>>;
  scorers?: Scorer<Input>[];
  /** Metric → threshold (a number is `maxRegression`). Defaults to `success` and every scorer: no regression. */
  thresholds?: Record<string, Threshold | number>;
  /** USD per 1M tokens by model, for usage that arrives unpriced. */
  pricing?: Record<string, { input: number; output: number }>;
  /** Options for the replayer used on cases with a cassette. Defaults to `onDivergence: 'throw'`. */
  replay?: ReplayerOptions;
}

/** Options of `compareVersions`. */
export interface CompareOptions<Input = unknown, Model = ScriptedModel> extends EvalSetup<Input, Model> {
  cases: readonly EvalCase<Input>[];
  baseline: VersionParts | VersionStamp;
  candidate: VersionParts | VersionStamp;
}

/** One case run under one version. */
export interface CaseRun {
  readonly output: unknown;
  readonly error?: RecordedError;
  /** Metric name → value (undefined when it does not apply). */
  readonly metrics: Record<string, number | undefined>;
  readonly reasons: Record<string, string>;
  readonly divergences: readonly Divergence[];
}

/** One case, both sides. */
export interface CaseComparison {
  readonly id: string;
  readonly baseline: CaseRun;
  readonly candidate: CaseRun;
}

/** One line of the side-by-side table. */
export interface MetricRow {
  readonly metric: string;
  readonly better: 'higher' | 'lower';
  readonly baseline: number | undefined;
  readonly candidate: number | undefined;
  /** candidate − baseline. */
  readonly delta: number | undefined;
  readonly pValue: number;
  /** Pairs with both values. */
  readonly n: number;
  readonly threshold?: Threshold;
  readonly passed: boolean;
  /** Why it failed, when it did. */
  readonly failure?: string;
}

/** What `compareVersions` returns. */
export interface Comparison {
  readonly baseline: VersionStamp;
  readonly candidate: VersionStamp;
  readonly cases: readonly CaseComparison[];
  readonly metrics: readonly MetricRow[];
  /** False when any threshold failed: gate `promote` on it. */
  readonly passed: boolean;
  readonly failures: readonly string[];
}
