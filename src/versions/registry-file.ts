/**
 * The registry's JSON file: read once at construction (and on `reload()`), written after
 * every change with an atomic temp-file + rename, so a crash mid-write leaves the old file
 * whole and a reader never sees half a registry.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { newId } from '../internal/ids.js';
import { VersionRegistryError } from './errors.js';

/** Format tag written into every registry file. */
export const REGISTRY_FORMAT = 'agentwarden.versions/1';

/** One line of the registry's history: who changed what, when and why. */
export interface RegistryChange {
  readonly action: 'register' | 'promote' | 'rollback';
  /** The version registered, promoted, or now in force after a rollback (absent when a stage was emptied). */
  readonly versionId?: string;
  readonly label?: string;
  readonly stage?: string;
  /** The version the stage held before the change. */
  readonly previousVersionId?: string;
  readonly by: string;
  readonly reason: string;
  /** ISO-8601 time. */
  readonly at: string;
}

/** A registered version as stored. */
export interface StoredVersion {
  readonly id: string;
  readonly parts: Record<string, unknown>;
  readonly label?: string;
  readonly registeredAt: string;
}

/** Everything the registry persists. `stages[stage]` is a stack; its last id is in force. */
export interface RegistryState {
  versions: StoredVersion[];
  stages: Record<string, string[]>;
  history: RegistryChange[];
}

const changeSchema = z.object({
  action: z.enum(['register', 'promote', 'rollback']),
  versionId: z.string().optional(),
  label: z.string().optional(),
  stage: z.string().optional(),
  previousVersionId: z.string().optional(),
  by: z.string(),
  reason: z.string(),
  at: z.string(),
});

const fileSchema = z.object({
  format: z.literal(REGISTRY_FORMAT),
  versions: z.array(z.object({ id: z.string(), parts: z.record(z.string(), z.unknown()), label: z.string().optional(), registeredAt: z.string() })),
  stages: z.record(z.string(), z.array(z.string())),
  history: z.array(changeSchema),
});

/** An empty registry with one empty stack per stage. */
export function emptyState(stages: readonly string[]): RegistryState {
  return { versions: [], stages: Object.fromEntries(stages.map((stage) => [stage, []])), history: [] };
}

/** Reads `file`; an absent file is an empty registry, a malformed one throws `corrupt_registry`. */
export function readRegistryFile(file: string, stages: readonly string[]): RegistryState {
  if (!existsSync(file)) return emptyState(stages);
  let parsed: z.output<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new VersionRegistryError('corrupt_registry', `versions: cannot read registry file ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {}, { cause: error });
  }
  const state = emptyState(stages);
  state.versions = parsed.versions as StoredVersion[];
  state.history = parsed.history as RegistryChange[];
  for (const [stage, stack] of Object.entries(parsed.stages)) state.stages[stage] = stack;
  return state;
}

/** Writes `state` to `file` atomically: a temp file in the same directory, fsync, rename. */
export function writeRegistryFile(file: string, state: RegistryState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${newId('tmp')}`;
  const text = `${JSON.stringify({ format: REGISTRY_FORMAT, ...state }, null, 2)}\n`;
  try {
    const handle = openSync(temporary, 'w');
    try {
      writeSync(handle, text);
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Inode, size and mtime of `file` as one string (`absent` when missing): an atomic rename always changes it. */
export function fileIdentity(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'absent';
  }
}
