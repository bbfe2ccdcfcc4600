/**
 * `versions({ stages, file })`: a registry of named versions (content-hashed stamps) moving
 * through stages (dev → staging → canary → prod). `promote` and `rollback` change what a
 * stage holds; every change lands in `history()`, in the JSON file (atomic writes) and — for
 * each warden the registry is plugged into — in the audit trail as a decision
 * (`outcome: 'approve'`, `rule: 'register' | 'promote' | 'rollback'`, `by`, `reason`).
 */
import { z } from 'zod';
import { systemClock } from '../core/clock.js';
import { OptionsError } from '../core/errors.js';
import { newId } from '../internal/ids.js';
import { parseOptions } from '../internal/options.js';
import type { Clock, VersionStamp, WardenHost } from '../core/types.js';
import { isVersionStamp, versionStamp } from '../core/version-stamp.js';
import { VersionRegistryError } from './errors.js';
import { emptyState, fileIdentity, readRegistryFile, writeRegistryFile, type RegistryChange, type RegistryState } from './registry-file.js';
import { canaryRoute } from './route.js';
import type { VersionRegistry, VersionsOptions } from './types.js';
import { watchDrift } from './watch.js';

export type { ChangeOptions, VersionRegistry, VersionsOptions } from './types.js';

const DEFAULT_STAGES = ['dev', 'staging', 'canary', 'prod'] as const;

const optionsSchema = z.object({
  stages: z
    .array(z.string().min(1, 'must hold non-empty names'), 'must be an array of stage names')
    .min(1, 'must name at least one stage')
    .refine((stages) => new Set(stages).size === stages.length, 'must not repeat a stage')
    .default([...DEFAULT_STAGES]),
  file: z.string().min(1, 'must be a non-empty path').optional(),
  canaryStage: z.string().optional(),
  prodStage: z.string().optional(),
  refreshMs: z.number().int('must be a non-negative integer').nonnegative('must be a non-negative integer').optional(),
  clock: z.custom<Clock>((value) => typeof (value as Clock)?.now === 'function', 'must have now()').optional(),
});

/**
 * Creates a version registry.
 * @param options stages, file, canary and prod stage names.
 * @returns the registry; also a warden plugin.
 * @example
 * const registry = versions({ file: 'versions.json' });
 * const a = registry.register({ prompt: promptA, model: 'gpt-4o' }, { label: 'A' });
 * registry.promote('A', 'prod', { by: 'alice', reason: 'initial release' });
 * const warden = createWarden({ agent: 'support', version: registry.route({ canaryPercent: 10 }), plugins: [registry] });
 */
export function versions(options: VersionsOptions = {}): VersionRegistry {
  const parsed = parseOptions('versions', optionsSchema, options);
  const stages = parsed.stages;
  const prodStage = parsed.prodStage ?? stages[stages.length - 1]!;
  const canaryStage = parsed.canaryStage ?? (stages.includes('canary') ? 'canary' : undefined);
  for (const [field, stage] of [['prodStage', prodStage], ['canaryStage', canaryStage]] as const) {
    if (stage !== undefined && !stages.includes(stage)) throw new OptionsError(`versions: \`${field}\` must be one of the stages (${stages.join(', ')}), got "${stage}"`);
  }
  const clock = parsed.clock ?? systemClock;
  const { file, refreshMs } = parsed;
  const hosts = new Set<WardenHost>();
  let state: RegistryState = file ? readRegistryFile(file, stages) : emptyState(stages);
  let index = indexOf(state);
  let seenIdentity = file ? fileIdentity(file) : undefined;
  let checkedAt = clock.now();

  /** With `refreshMs`, re-reads the file when its identity (inode, size, mtime) changed. */
  function refresh(): void {
    if (!file || refreshMs === undefined || clock.now() - checkedAt < refreshMs) return;
    checkedAt = clock.now();
    const identity = fileIdentity(file);
    if (identity === seenIdentity) return;
    state = readRegistryFile(file, stages);
    index = indexOf(state);
    seenIdentity = identity;
  }

  /** Before a change: start from the file as it is now, so another process's change is kept. */
  function latest(): void {
    if (!file) return;
    state = readRegistryFile(file, stages);
    index = indexOf(state);
    seenIdentity = fileIdentity(file);
  }

  function indexOf(of: RegistryState): Map<string, VersionStamp> {
    return new Map(of.versions.map((stored) => [stored.id, { id: stored.id, parts: stored.parts, ...(stored.label !== undefined && { label: stored.label }) }]));
  }

  function find(idOrLabel: string): VersionStamp | undefined {
    return index.get(idOrLabel) ?? [...index.values()].reverse().find((stamp) => stamp.label === idOrLabel);
  }

  function stackOf(of: RegistryState, stage: string): string[] {
    if (!stages.includes(stage)) throw new VersionRegistryError('unknown_stage', `versions: unknown stage "${stage}"; stages are ${stages.join(', ')}`, { stage });
    return (of.stages[stage] ??= []);
  }

  function current(stage: string): VersionStamp | undefined {
    refresh();
    const stack = stackOf(state, stage);
    const id = stack[stack.length - 1];
    return id === undefined ? undefined : index.get(id);
  }

  /** Applies `mutate` to a copy, persists it, then swaps it in and tells the wardens. */
  function commit(mutate: (next: RegistryState, at: string) => RegistryChange): RegistryChange {
    const next = structuredClone(state);
    const change = mutate(next, new Date(clock.now()).toISOString());
    next.history.push(change);
    if (file) {
      writeRegistryFile(file, next);
      seenIdentity = fileIdentity(file);
    }
    state = next;
    index = indexOf(state);
    announce(change);
    return change;
  }

  function announce(change: RegistryChange): void {
    for (const host of hosts) {
      host.decide({
        outcome: 'approve',
        by: change.by,
        rule: change.action,
        reason: change.reason,
        tool: 'versions',
        callId: newId('ver'),
        agent: host.agent,
        at: change.at,
        ...(change.versionId !== undefined && { versionId: change.versionId }),
        details: { ...change },
      });
    }
  }

  const registry: VersionRegistry = {
    pluginName: 'versions',
    stages,
    prodStage,
    canaryStage,
    register(version, { label, by = 'versions', reason } = {}) {
      latest();
      const stamp = isVersionStamp(version) ? (label === undefined ? version : { ...version, label }) : versionStamp(version, label);
      const known = index.get(stamp.id);
      if (known && (label === undefined || known.label === label)) return known;
      commit((next, at) => {
        next.versions = next.versions.filter((stored) => stored.id !== stamp.id);
        next.versions.push({ id: stamp.id, parts: stamp.parts, registeredAt: at, ...(stamp.label !== undefined && { label: stamp.label }) });
        return { action: 'register', versionId: stamp.id, ...(stamp.label !== undefined && { label: stamp.label }), by, reason: reason ?? `registered ${describe(stamp)}`, at };
      });
      return index.get(stamp.id)!;
    },
    get: find,
    list: () => [...index.values()],
    current,
    snapshot: () => Object.fromEntries(stages.map((stage) => [stage, current(stage)?.id])),
    promote(idOrLabel, stage, { by = 'versions', reason } = {}) {
      latest();
      const stamp = find(idOrLabel);
      if (!stamp) throw new VersionRegistryError('unknown_version', `versions.promote: no version "${idOrLabel}" is registered`, { version: idOrLabel, stage });
      return commit((next, at) => {
        const stack = stackOf(next, stage);
        const previous = stack[stack.length - 1];
        if (previous !== stamp.id) stack.push(stamp.id);
        return { action: 'promote', versionId: stamp.id, ...(stamp.label !== undefined && { label: stamp.label }), stage, ...(previous !== undefined && { previousVersionId: previous }), by, reason: reason ?? `promoted ${describe(stamp)} to ${stage}`, at };
      });
    },
    rollback(stage, { by = 'versions', reason } = {}) {
      latest();
      const stack = stackOf(state, stage);
      const rolledBack = stack[stack.length - 1];
      if (rolledBack === undefined) throw new VersionRegistryError('empty_stage', `versions.rollback: stage "${stage}" holds no version`, { stage });
      if (stage !== canaryStage && stack.length < 2) throw new VersionRegistryError('no_previous_version', `versions.rollback: stage "${stage}" has no previous version to go back to`, { stage, version: rolledBack });
      return commit((next, at) => {
        const nextStack = stackOf(next, stage);
        if (stage === canaryStage) nextStack.length = 0;
        else nextStack.pop();
        const restored = nextStack[nextStack.length - 1];
        const label = restored === undefined ? undefined : index.get(restored)?.label;
        const what = restored === undefined ? `ended the ${stage} (every new session goes to ${prodStage})` : `back to ${label ?? restored}`;
        return { action: 'rollback', ...(restored !== undefined && { versionId: restored }), ...(label !== undefined && { label }), stage, previousVersionId: rolledBack, by, reason: reason ?? `rolled back ${stage}: ${what}`, at };
      });
    },
    history: () => state.history,
    route: (routeOptions) => canaryRoute({ prodStage, canaryStage, current }, routeOptions),
    watch: (target, watchOptions) => watchDrift(registry, target, watchOptions),
    reload: latest,
    attach(host) {
      hosts.add(host);
      return () => void hosts.delete(host);
    },
  };
  return registry;
}

function describe(stamp: VersionStamp): string {
  return stamp.label === undefined ? stamp.id : `${stamp.label} (${stamp.id})`;
}
