/**
 * Scorers for `compareVersions`: `exact`, `regex`, `schema` (zod), `custom` (any async
 * function) and `llmJudge` (your function that asks a model for a 0–1 grade). Each returns
 * a `Scorer`; a score at or above its `passAt` passes, and task success needs every scorer to pass.
 */
import type { z } from 'zod';
import { OptionsError } from '../core/errors.js';
import { sameValue } from '../replay/divergence.js';
import { toJsonSafe } from '../replay/json-safe.js';
import type { ScoreContext, Scorer, ScoreValue } from './types.js';

/**
 * Output equals the case's `expected` (deep, key order ignored). Skipped for cases without `expected`.
 * @example exact()
 */
export function exact(options: { name?: string } = {}): Scorer {
  return {
    name: options.name ?? 'exact',
    passAt: 1,
    score: ({ output, expected }) => (expected === undefined ? undefined : sameValue(toJsonSafe(output), toJsonSafe(expected))),
  };
}

/**
 * The output (as text; objects as JSON) matches `pattern`.
 * @example regex(/refunded \d+/)
 */
export function regex(pattern: RegExp, options: { name?: string } = {}): Scorer {
  if (!(pattern instanceof RegExp)) throw new OptionsError('regex: `pattern` must be a RegExp');
  const matcher = new RegExp(pattern.source, pattern.flags.replace('g', '').replace('y', ''));
  return {
    name: options.name ?? `regex ${pattern}`,
    passAt: 1,
    score: ({ output }) => matcher.test(typeof output === 'string' ? output : JSON.stringify(output) ?? ''),
  };
}

/**
 * The output parses with a zod schema.
 * @example schema(z.object({ refundId: z.string() }))
 */
export function schema(zodSchema: z.ZodType, options: { name?: string } = {}): Scorer {
  if (typeof zodSchema?.safeParse !== 'function') throw new OptionsError('schema: `zodSchema` must be a zod schema');
  return {
    name: options.name ?? 'schema',
    passAt: 1,
    score: ({ output }) => {
      const parsed = zodSchema.safeParse(output);
      return parsed.success ? true : { score: false, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ') };
    },
  };
}

/**
 * Any function, sync or async, returning a number in [0, 1], a boolean or `{ score, reason }`.
 * @example custom('polite', async ({ output }) => !/sorry not sorry/i.test(String(output)))
 */
export function custom<Input = unknown>(name: string, score: (context: ScoreContext<Input>) => ScoreValue | Promise<ScoreValue>, options: { passAt?: number } = {}): Scorer<Input> {
  if (typeof name !== 'string' || name.length === 0) throw new OptionsError('custom: `name` must be a non-empty string');
  if (typeof score !== 'function') throw new OptionsError(`custom("${name}"): \`score\` must be a function`);
  return { name, passAt: checkPassAt('custom', options.passAt ?? 1), score };
}

/** Options of `llmJudge`. */
export interface LlmJudgeOptions<Input = unknown> {
  /** Asks your model to grade; returns a number in [0, 1] or `{ score, reason }`. */
  judge: (context: ScoreContext<Input>) => Promise<number | { score: number; reason?: string }> | number | { score: number; reason?: string };
  /** Defaults to `'judge'`. */
  name?: string;
  /** Defaults to `0.5`. */
  passAt?: number;
}

/**
 * A model grades the answer through your `judge` function (bring any client; none is bundled).
 * @example llmJudge({ judge: async ({ input, output }) => Number(await askModel(`Grade 0-1: ${input} -> ${output}`)) })
 */
export function llmJudge<Input = unknown>(options: LlmJudgeOptions<Input>): Scorer<Input> {
  if (typeof options?.judge !== 'function') throw new OptionsError('llmJudge: `judge` must be a function');
  return { name: options.name ?? 'judge', passAt: checkPassAt('llmJudge', options.passAt ?? 0.5), score: (context) => options.judge(context) };
}

/** Normalises a score to a number in [0, 1] (or undefined) with an optional reason. */
export function normaliseScore(value: ScoreValue): { score: number | undefined; reason?: string } {
  if (value === undefined) return { score: undefined };
  if (typeof value === 'object') return { ...normaliseScore(value.score), ...(value.reason !== undefined && { reason: value.reason }) };
  const number = typeof value === 'boolean' ? Number(value) : value;
  if (!Number.isFinite(number)) return { score: 0, reason: `score was ${String(value)}` };
  return { score: Math.min(1, Math.max(0, number)) };
}

function checkPassAt(factory: string, passAt: number): number {
  if (!(typeof passAt === 'number' && passAt >= 0 && passAt <= 1)) throw new OptionsError(`${factory}: \`passAt\` must be a number between 0 and 1, got ${String(passAt)}`);
  return passAt;
}
