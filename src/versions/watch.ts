/**
 * Drift auto-rollback: listens for the warden's `drift` events and rolls a stage back when
 * the alarm concerns the version that stage holds. An alarm that names another version (say,
 * prod drifting while the canary is watched) is left alone; one that names no version counts.
 */
import { z } from 'zod';
import { OptionsError } from '../core/errors.js';
import { parseOptions } from '../internal/options.js';
import type { VersionStamp } from '../core/types.js';
import type { RegistryChange } from './registry-file.js';
import type { ChangeOptions } from './change-options.js';

/** Anything that emits `drift` events: a warden, or the host a plugin receives. */
export interface DriftSource {
  on(event: 'drift', listener: (event: Record<string, unknown>) => void): unknown;
  off?(event: 'drift', listener: (event: Record<string, unknown>) => void): unknown;
}

/** Options of `registry.watch`. */
export interface WatchOptions {
  /** Roll the stage back on a drift alarm. Must be set explicitly. */
  autoRollback: boolean;
  /** The stage to roll back. Defaults to the registry's canary stage. */
  stage?: string;
  /** Shown as `by` in history and the audit trail. Defaults to `'drift'`. */
  by?: string;
  /** Called after an automatic rollback. */
  onRollback?: (change: RegistryChange, event: Record<string, unknown>) => void;
}

/** What `watchDrift` needs from the registry. */
interface Rollbackable {
  readonly canaryStage: string | undefined;
  readonly stages: readonly string[];
  current(stage: string): VersionStamp | undefined;
  rollback(stage: string, options?: ChangeOptions): RegistryChange;
}

const watchSchema = z.object({
  autoRollback: z.boolean('must be true or false'),
  stage: z.string().optional(),
  by: z.string().min(1).optional(),
  onRollback: z.custom<WatchOptions['onRollback']>((value) => typeof value === 'function', 'must be a function').optional(),
});

/** The version id a drift event names, from `versionId`, `version.id` or a `version` string. */
export function driftVersionId(event: Record<string, unknown>): string | undefined {
  if (typeof event.versionId === 'string') return event.versionId;
  const version = event.version;
  if (typeof version === 'string') return version;
  if (typeof version === 'object' && version !== null && typeof (version as VersionStamp).id === 'string') return (version as VersionStamp).id;
  return undefined;
}

/** Subscribes `registry` to `target`'s drift events; returns an unsubscribe. */
export function watchDrift(registry: Rollbackable, target: DriftSource, options: WatchOptions): () => void {
  const { autoRollback, stage = registry.canaryStage, by = 'drift', onRollback } = parseOptions('versions.watch', watchSchema, options);
  if (typeof target?.on !== 'function') throw new OptionsError('versions.watch: `target` must be a warden (something with on(event, listener))');
  if (stage === undefined || !registry.stages.includes(stage)) {
    throw new OptionsError(`versions.watch: \`stage\` must be one of the stages (${registry.stages.join(', ')}), got ${String(stage)}`);
  }
  const listener = (event: Record<string, unknown>) => {
    if (!autoRollback) return;
    const held = registry.current(stage);
    if (!held) return;
    const named = driftVersionId(event ?? {});
    if (named !== undefined && named !== held.id) return;
    const metric = typeof event?.metric === 'string' ? ` on ${event.metric}` : '';
    const change = registry.rollback(stage, { by, reason: `drift alarm${metric} for ${held.label ?? held.id}: automatic rollback of ${stage}` });
    onRollback?.(change, event);
  };
  target.on('drift', listener);
  return () => void target.off?.('drift', listener);
}
