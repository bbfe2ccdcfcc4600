/**
 * Version stamps: a prompt, model, knowledge base and tool config become one content hash,
 * `agentwarden.version.id`, so every span, decision and audit line says which deploy ran.
 */
import { stableHash } from '../internal/stable-hash.js';
import type { VersionParts, VersionSource, VersionStamp } from './types.js';

/** Prompts longer than this are stored as a hash in the stamp's parts. */
const PROMPT_INLINE_LIMIT = 200;

/** Builds the stamp for `parts`; the id is stable across key order and processes. */
export function versionStamp(parts: VersionParts = {}, label?: string): VersionStamp {
  const normalised: VersionParts = { ...parts };
  if (typeof normalised.prompt === 'string' && normalised.prompt.length > PROMPT_INLINE_LIMIT) {
    normalised.prompt = `sha256:${stableHash(normalised.prompt)}`;
  }
  const id = `v_${stableHash(normalised).slice(0, 16)}`;
  return label === undefined ? { id, parts: normalised } : { id, parts: normalised, label };
}

/** True when `value` is already a stamp (has an id and parts). */
export function isVersionStamp(value: unknown): value is VersionStamp {
  return typeof value === 'object' && value !== null && typeof (value as VersionStamp).id === 'string' && typeof (value as VersionStamp).parts === 'object';
}

/** True when `value` picks a version per run. */
export function isVersionSource(value: unknown): value is VersionSource {
  return typeof value === 'object' && value !== null && typeof (value as VersionSource).resolveVersion === 'function';
}

/** Flat span/audit attributes for a stamp. */
export function versionAttributes(version: VersionStamp): Record<string, string> {
  const attributes: Record<string, string> = { 'agentwarden.version.id': version.id };
  for (const [key, value] of Object.entries(version.parts)) {
    if (value === undefined) continue;
    attributes[`agentwarden.version.${key}`] = typeof value === 'string' ? value : stableHash(value).slice(0, 16);
  }
  if (version.label) attributes['agentwarden.version.label'] = version.label;
  return attributes;
}
