/**
 * Canary routing: a `VersionSource` that sends a fixed share of sessions to the version in
 * the canary stage and the rest to prod. The pick is sticky: a hash of the session id (salted
 * with the canary's id) decides, so a session sees one version for its whole life and a new
 * canary draws a fresh slice of sessions. Runs without a `sessionId` go to prod.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseOptions } from '../internal/options.js';
import type { RunScope, VersionParts, VersionSource, VersionStamp } from '../core/types.js';
import { isVersionStamp, versionStamp } from '../core/version-stamp.js';
import { VersionRegistryError } from './errors.js';

/** Options of `registry.route`. */
export interface RouteOptions {
  /** Share of sessions (0–100) sent to the canary stage. Defaults to `0`. */
  canaryPercent?: number;
  /** Used when the prod stage is empty. Without it such a run fails with `empty_stage`. */
  fallback?: VersionParts | VersionStamp;
}

/** What a route reads from the registry. */
export interface RouteStages {
  readonly prodStage: string;
  readonly canaryStage: string | undefined;
  current(stage: string): VersionStamp | undefined;
}

/** A version source with its share and a way to ask where a session goes. */
export interface CanaryRoute extends VersionSource {
  readonly canaryPercent: number;
  /** Where a session goes now: `canary` or `prod`. */
  assign(sessionId: string | undefined): 'canary' | 'prod';
  resolveVersion(scope: RunScope): VersionStamp;
}

const routeSchema = z.object({
  canaryPercent: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100').default(0),
  fallback: z.record(z.string(), z.unknown()).optional(),
});

/** The bucket of a session in [0, 1): the first 48 bits of SHA-256(salt:sessionId). */
export function sessionBucket(sessionId: string, salt: string): number {
  const digest = createHash('sha256').update(`${salt}:${sessionId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** Builds the route; `registry.route(options)` calls this. */
export function canaryRoute(stages: RouteStages, options: RouteOptions = {}): CanaryRoute {
  const { canaryPercent, fallback } = parseOptions('versions.route', routeSchema, options);
  const fallbackStamp = fallback === undefined ? undefined : isVersionStamp(fallback) ? fallback : versionStamp(fallback as VersionParts);
  const share = canaryPercent / 100;

  function prod(): VersionStamp {
    const stamp = stages.current(stages.prodStage) ?? fallbackStamp;
    if (!stamp) throw new VersionRegistryError('empty_stage', `versions.route: stage "${stages.prodStage}" holds no version; promote one or pass \`fallback\``, { stage: stages.prodStage });
    return stamp;
  }

  function canary(sessionId: string | undefined, prodStamp: VersionStamp): VersionStamp | undefined {
    if (share === 0 || sessionId === undefined || stages.canaryStage === undefined) return undefined;
    const stamp = stages.current(stages.canaryStage);
    if (!stamp || stamp.id === prodStamp.id) return undefined;
    return sessionBucket(sessionId, stamp.id) < share ? stamp : undefined;
  }

  return {
    canaryPercent,
    assign(sessionId) {
      return canary(sessionId, prod()) ? 'canary' : 'prod';
    },
    resolveVersion(scope) {
      const prodStamp = prod();
      return canary(scope.sessionId, prodStamp) ?? prodStamp;
    },
  };
}
