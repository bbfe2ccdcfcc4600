/**
 * Zod validation of tool input and output as middleware (the checks themselves live in
 * `core/schema-check.ts`, which `warden.tool`'s `input` / `output` options use too). A failure throws `ValidationError` with the zod issues; parsed
 * values (with zod's defaults and transforms) are what the tool and caller receive.
 */
import type { z } from 'zod';
import { schemaChecker } from '../core/schema-check.js';
import type { Middleware } from '../core/types.js';

/**
 * Validates a call's args against `schema` before the tool runs.
 * @param schema A zod schema for the args.
 * @returns A middleware named `validateInput`.
 * @example
 * createWarden({ agent: 'a', middleware: [validateInput(z.object({ orderId: z.string() }))] });
 */
export function validateInput(schema: z.ZodType): Middleware {
  return schemaChecker('validateInput', 'input', schema);
}

/**
 * Validates a tool's result against `schema` after it runs.
 * @param schema A zod schema for the result.
 * @returns A middleware named `validateOutput`.
 * @example
 * warden.tool('lookup', lookup, { output: z.object({ status: z.enum(['open', 'closed']) }) });
 */
export function validateOutput(schema: z.ZodType): Middleware {
  return schemaChecker('validateOutput', 'output', schema);
}
