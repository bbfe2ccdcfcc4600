/**
 * `warden.drift.snapshot()`: the learned baselines per version as plain JSON, so a
 * restarted process (or another replica) starts monitoring at once instead of warming up
 * again: pass it back as `driftMonitor({ baseline: { snapshot } })`.
 */
import { OptionsError } from '../core/errors.js';
import { describeValue } from '../internal/options.js';
import { checkBaseline, type Baseline } from './baseline.js';

/** The snapshot format tag. */
export const SNAPSHOT_FORMAT = 'agentwarden.drift/1';

/** Baselines learned for one version. */
export interface VersionBaselines {
  readonly versionId: string;
  readonly label?: string;
  /** ISO time the version was first seen. */
  readonly firstSeen: string;
  readonly baselines: Readonly<Record<string, Baseline>>;
}

/** What `warden.drift.snapshot()` returns: JSON-serializable, versions oldest first. */
export interface DriftSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly agent: string;
  readonly takenAt: string;
  readonly versions: readonly VersionBaselines[];
}

/** Checks a snapshot (an object or its JSON text) or throws naming the field. */
export function checkSnapshot(factory: string, field: string, value: unknown): DriftSnapshot {
  let snapshot = value;
  if (typeof value === 'string') {
    try {
      snapshot = JSON.parse(value);
    } catch (error) {
      throw new OptionsError(`${factory}: \`${field}\` must be a drift snapshot or its JSON text, got text that is not JSON`, { cause: error });
    }
  }
  const record = snapshot as Record<string, unknown> | null;
  if (record === null || typeof record !== 'object' || record.format !== SNAPSHOT_FORMAT) {
    throw new OptionsError(`${factory}: \`${field}.format\` must be "${SNAPSHOT_FORMAT}", got ${describeValue(record?.format)}`);
  }
  if (!Array.isArray(record.versions)) throw new OptionsError(`${factory}: \`${field}.versions\` must be an array, got ${describeValue(record.versions)}`);
  const versions = record.versions.map((entry: unknown, index): VersionBaselines => {
    const version = entry as Record<string, unknown> | null;
    const at = `${field}.versions.${index}`;
    if (typeof version?.versionId !== 'string') throw new OptionsError(`${factory}: \`${at}.versionId\` must be a string, got ${describeValue(version?.versionId)}`);
    const baselines = version.baselines as Record<string, unknown> | null;
    if (baselines === null || typeof baselines !== 'object') throw new OptionsError(`${factory}: \`${at}.baselines\` must be an object, got ${describeValue(baselines)}`);
    return {
      versionId: version.versionId,
      ...(typeof version.label === 'string' && { label: version.label }),
      firstSeen: typeof version.firstSeen === 'string' ? version.firstSeen : new Date(0).toISOString(),
      baselines: Object.fromEntries(Object.entries(baselines).map(([metric, baseline]) => [metric, restore(factory, `${at}.baselines.${metric}`, baseline)])),
    };
  });
  return { format: SNAPSHOT_FORMAT, agent: String(record.agent ?? ''), takenAt: String(record.takenAt ?? ''), versions };
}

function restore(factory: string, field: string, value: unknown): Baseline {
  const checked = checkBaseline(factory, field, value);
  const kind = (value as { kind?: unknown }).kind;
  if (kind !== undefined && kind !== checked.kind) throw new OptionsError(`${factory}: \`${field}.kind\` must be "${checked.kind}" for this baseline, got ${describeValue(kind)}`);
  return checked;
}
