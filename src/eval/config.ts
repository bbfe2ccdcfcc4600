/**
 * The eval config module the CLI loads: `agentwarden eval --config agentwarden.eval.ts`.
 * It default-exports `defineEvalConfig({ agent, versions, registry, scorers, thresholds, ... })`
 * (or a function returning one). `.js`/`.mjs` load natively; `.ts` loads natively where the
 * runtime strips types (Node ≥ 22.18, Bun, tsx, vitest) and through `tsx` when it is installed.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OptionsError } from '../core/errors.js';
import type { VersionParts, VersionStamp } from '../core/types.js';
import type { ScriptedModel } from './scripted-model.js';
import type { EvalSetup } from './types.js';

/** What an eval config module exports. */
export interface EvalConfig<Input = unknown, Model = ScriptedModel> extends EvalSetup<Input, Model> {
  /** Named versions for `--baseline` / `--candidate`. */
  versions?: Record<string, VersionParts | VersionStamp>;
  /** A `versions({ file })` registry file (relative to the config): names are ids, labels or stages. */
  registry?: string;
}

/** Config files tried in the working directory when `--config` is not given. */
export const DEFAULT_CONFIG_FILES = ['agentwarden.eval.ts', 'agentwarden.eval.mts', 'agentwarden.eval.js', 'agentwarden.eval.mjs'] as const;

/**
 * Types an eval config (identity at run time).
 * @example
 * export default defineEvalConfig({ agent: ({ warden, input, model }) => runAgent(warden, input, model), versions: { A, B } });
 */
export function defineEvalConfig<Input = unknown, Model = ScriptedModel>(config: EvalConfig<Input, Model>): EvalConfig<Input, Model> {
  return config;
}

/** Loads and checks a config module; `registry` comes back as an absolute path. */
export async function loadEvalConfig(file: string): Promise<EvalConfig> {
  const path = resolve(file);
  if (!existsSync(path)) throw new OptionsError(`eval: config file ${file} does not exist`);
  const module = (await importModule(path)) as { default?: unknown; config?: unknown };
  let config = module.default ?? module.config;
  if (typeof config === 'function') config = await (config as () => unknown)();
  if (typeof config !== 'object' || config === null) throw new OptionsError(`eval: ${file} must default-export an eval config (defineEvalConfig({ agent, ... }))`);
  const checked = config as EvalConfig;
  if (typeof checked.agent !== 'function') throw new OptionsError(`eval: ${file}: \`agent\` must be a function ({ warden, input, model }) => output`);
  return checked.registry === undefined ? checked : { ...checked, registry: resolve(dirname(path), checked.registry) };
}

async function importModule(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href;
  try {
    return await import(url);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    let tsx: { tsImport: (specifier: string, parent: string) => Promise<unknown> };
    try {
      // A variable specifier keeps bundlers from inlining tsx: it is the user's optional dependency.
      const specifier = 'tsx/esm/api';
      tsx = (await import(specifier)) as typeof tsx;
    } catch {
      throw new OptionsError(`eval: cannot load ${path}: this Node cannot import TypeScript; install tsx (npm i -D tsx), use Node >= 22.18, or write the config as .mjs`);
    }
    return tsx.tsImport(url, url);
  }
}
