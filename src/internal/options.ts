/**
 * Checks options once, at construction, with zod, and turns the first problem into a
 * message that names the factory and the field: ``loopBreaker: `maxRepeats` must be a
 * positive integer, got -1``.
 */
import { custom as zCustom, type z } from 'zod';
import { OptionsError } from '../errors.js';

/** Parses `value` with `schema` or throws an `OptionsError` naming `factory` and the field. */
export function parseOptions<Schema extends z.ZodType>(factory: string, schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new OptionsError(describeOptionsProblem(factory, parsed.error.issues[0]!, value));
}

/** Formats one zod issue as ``factory: `a.b` message, got X``. */
export function describeOptionsProblem(factory: string, issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.map(String).join('.');
  const received = valueAt(input, issue.path);
  const field = path ? `\`${path}\`` : 'options';
  return `${factory}: ${field} ${issue.message}, got ${describeValue(received)}`;
}

/** The value at `path` inside `input`, or `undefined` where the path leaves objects. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A short, safe rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

/** A zod schema for a function-valued option (zod 4 has no function schema type). */
export function functionOption<T extends (...args: any[]) => unknown>(message = 'must be a function'): z.ZodType<T> {
  return zCustom<T>((value) => typeof value === 'function', { message });
}
