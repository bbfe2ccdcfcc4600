/**
 * `compareVersions` as the main entry exports it: the eval runner is loaded on first use, so
 * `import 'agentwarden'` does not load it.
 */
import type { ScriptedModel } from './scripted-model.js';
import type { CompareOptions, Comparison } from './types.js';

/** Evaluates a candidate against a baseline (see `eval/compare.ts`); loads the runner on first call. */
export async function compareVersions<Input = unknown, Model = ScriptedModel>(options: CompareOptions<Input, Model>): Promise<Comparison> {
  const runner = await import('./compare.js');
  return runner.compareVersions(options);
}
