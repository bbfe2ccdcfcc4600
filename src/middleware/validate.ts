/**
 * Zod validation of tool input and output. Also what the `input` / `output` options of
 * `warden.tool` install. A failure throws `ValidationError` with the zod issues; parsed
 * values (with zod's defaults and transforms) are what the tool and caller receive.
 */
import type { z } from 'zod';
import { decide } from '../decision.js';
import { OptionsError, ValidationError, type ValidationIssue } from '../errors.js';
import { named } from '../internal/named.js';
import type { Middleware, ToolCall } from '../types.js';

/**
 * Validates a call's args against `schema` before the tool runs.
 * @param schema A zod schema for the args.
 * @returns A middleware named `validateInput`.
 * @example
 * createWarden({ agent: 'a', middleware: [validateInput(z.object({ orderId: z.string() }))] });
 */
export function validateInput(schema: z.ZodType): Middleware {
  assertSchema('validateInput', schema);
  return named('validateInput', async function validateInput(call, next) {
    const parsed = await parseFast(schema, call.args);
    if (!parsed.success) throw failure(call, 'validateInput', 'input', parsed.error.issues);
    return next(parsed.data === call.args ? call : { ...call, args: parsed.data });
  });
}

/**
 * Validates a tool's result against `schema` after it runs.
 * @param schema A zod schema for the result.
 * @returns A middleware named `validateOutput`.
 * @example
 * warden.tool('lookup', lookup, { output: z.object({ status: z.enum(['open', 'closed']) }) });
 */
export function validateOutput(schema: z.ZodType): Middleware {
  assertSchema('validateOutput', schema);
  return named('validateOutput', async function validateOutput(call, next) {
    const result = await next();
    const parsed = await parseFast(schema, result);
    if (!parsed.success) throw failure(call, 'validateOutput', 'output', parsed.error.issues);
    return parsed.data;
  });
}

/** Parses synchronously (the common case, no promise) and falls back to async refinements. */
function parseFast(schema: z.ZodType, value: unknown): z.ZodSafeParseResult<unknown> | Promise<z.ZodSafeParseResult<unknown>> {
  try {
    return schema.safeParse(value);
  } catch (error) {
    if (error instanceof Error && /async/i.test(error.message)) return schema.safeParseAsync(value);
    throw error;
  }
}

function failure(call: ToolCall, by: string, direction: 'input' | 'output', zodIssues: readonly z.core.$ZodIssue[]): ValidationError {
  const issues: ValidationIssue[] = zodIssues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code }));
  const summary = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  const decision = decide(call, { outcome: 'deny', by, rule: `${direction}_schema`, reason: `${direction} failed validation: ${summary}`, details: { issues } });
  return new ValidationError(decision, issues, direction);
}

function assertSchema(factory: string, schema: unknown): void {
  if (typeof (schema as z.ZodType | undefined)?.safeParseAsync !== 'function') {
    throw new OptionsError(`${factory}: \`schema\` must be a zod schema`);
  }
}
