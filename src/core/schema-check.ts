/**
 * Checking a value against a zod schema on the call path: what `warden.tool`'s `input` and
 * `output` options do, and what `validateInput` / `validateOutput` wrap as middleware. A
 * failure is a `deny` decision by the named checker, thrown as `ValidationError` with the
 * zod issues; parsed values (with zod's defaults and transforms) are what passes on.
 */
import type { z } from 'zod';
import { isThenable, stepMiddleware } from './compose.js';
import { decide } from './decision.js';
import { OptionsError, ValidationError, type ValidationIssue } from './errors.js';
import type { Middleware, ToolCall } from './types.js';

/** Which side of the tool a schema checks. */
export type SchemaDirection = 'input' | 'output';

/** Parses synchronously (the common case, no promise) and falls back to async refinements. */
export function parseFast(schema: z.ZodType, value: unknown): z.ZodSafeParseResult<unknown> | Promise<z.ZodSafeParseResult<unknown>> {
  try {
    return schema.safeParse(value);
  } catch (error) {
    if (error instanceof Error && /async/i.test(error.message)) return schema.safeParseAsync(value);
    throw error;
  }
}

/** Emits the `deny` decision for failed `zodIssues` and returns the error to throw. */
export function schemaFailure(call: ToolCall, by: string, direction: SchemaDirection, zodIssues: readonly z.core.$ZodIssue[]): ValidationError {
  const issues: ValidationIssue[] = zodIssues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code }));
  const summary = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  const decision = decide(call, { outcome: 'deny', by, rule: `${direction}_schema`, reason: `${direction} failed validation: ${summary}`, details: { issues } });
  return new ValidationError(decision, issues, direction);
}

/** Throws `OptionsError` naming `factory` unless `schema` is a zod schema. */
export function assertSchema(factory: string, schema: unknown): asserts schema is z.ZodType {
  if (typeof (schema as z.ZodType | undefined)?.safeParseAsync !== 'function') {
    throw new OptionsError(`${factory}: \`schema\` must be a zod schema`);
  }
}

/**
 * A middleware named `name` that checks the call's args (`input`) or the tool's result
 * (`output`) against `schema`; what passes on is zod's parsed value.
 */
export function schemaChecker(name: string, direction: SchemaDirection, schema: z.ZodType): Middleware {
  assertSchema(name, schema);
  const check = (call: ToolCall, parsed: z.ZodSafeParseResult<unknown>): unknown => {
    if (!parsed.success) throw schemaFailure(call, name, direction, parsed.error.issues);
    return parsed.data;
  };
  const parse = (call: ToolCall, value: unknown): unknown => {
    const parsed = parseFast(schema, value);
    return isThenable(parsed) ? parsed.then((settled) => check(call, settled)) : check(call, parsed);
  };
  if (direction === 'input') {
    return stepMiddleware<unknown>(name, {
      enter: (call) => parse(call, call.args),
      forward: (args, call) => (args === call.args ? call : { ...call, args }),
    });
  }
  return stepMiddleware<undefined>(name, {
    enter: () => undefined,
    exit: (_state, result, call) => parse(call, result),
  });
}
