/** The version registry's public shapes: its options, who-and-why of a change, and the registry itself. */
import type { Clock, VersionParts, VersionStamp } from '../core/types.js';
import type { WardenPlugin } from '../core/warden.js';
import type { RegistryChange } from './registry-file.js';
import type { CanaryRoute, RouteOptions } from './route.js';
import type { ChangeOptions } from './change-options.js';
import type { DriftSource, WatchOptions } from './watch.js';

export type { ChangeOptions } from './change-options.js';

/** Options of `versions`. */
export interface VersionsOptions {
  /** Stage names, lowest first. Defaults to `['dev', 'staging', 'canary', 'prod']`. */
  stages?: readonly string[];
  /** JSON file the registry lives in; in memory only when absent. */
  file?: string;
  /** The stage `route()` sends its canary share to. Defaults to `'canary'` when that stage exists. */
  canaryStage?: string;
  /** The stage every other session runs. Defaults to the last stage. */
  prodStage?: string;
  /** Re-read `file` when another process changed it, checking at most every `refreshMs` ms. Off when absent. */
  refreshMs?: number;
  /** Time source for `at` and `refreshMs`. Defaults to the system clock. */
  clock?: Clock;
}


/** The registry. Pass it in `plugins` of each warden whose audit trail should see its changes. */
export interface VersionRegistry extends WardenPlugin {
  /** Adds a version (idempotent: the same parts give the same id) and returns its stamp. */
  register(version: VersionParts | VersionStamp, options?: ChangeOptions & { label?: string }): VersionStamp;
  /** A version by id or label. */
  get(idOrLabel: string): VersionStamp | undefined;
  /** Every registered version, oldest first. */
  list(): VersionStamp[];
  /** The version a stage holds now. */
  current(stage: string): VersionStamp | undefined;
  /** Stage → version id in force (undefined when empty). */
  snapshot(): Record<string, string | undefined>;
  /** Puts a registered version (id or label) in `stage`. */
  promote(idOrLabel: string, stage: string, options?: ChangeOptions): RegistryChange;
  /** Puts `stage` back to its previous version; the canary stage is emptied instead (the canary ends). */
  rollback(stage: string, options?: ChangeOptions): RegistryChange;
  /** Every change, oldest first. */
  history(): readonly RegistryChange[];
  /** A version source for `createWarden({ version })`: prod, with a sticky canary share. */
  route(options?: RouteOptions): CanaryRoute;
  /** Listens for `drift` events on a warden; with `autoRollback: true` rolls the stage back. Returns an unsubscribe. */
  watch(target: DriftSource, options: WatchOptions): () => void;
  /** Re-reads the file now (picks up another process's changes; `refreshMs` does it on its own). */
  reload(): void;
  readonly stages: readonly string[];
  readonly prodStage: string;
  readonly canaryStage: string | undefined;
}
