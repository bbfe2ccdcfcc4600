/**
 * Checks options once, at construction, with zod, and turns the first problem into a
 * message that names the factory and the field: ``loopBreaker: `maxRepeats` must be a
 * positive integer, got -1``.
 */
import { custom as zCustom, type z } from 'zod';
import { OptionsError } from '../core/errors.js';
import { closestName } from './closest-name.js';

/** Parses `value` with `schema` or throws an `OptionsError` naming `factory` and the field. */
export function parseOptions<Schema extends z.ZodType>(factory: string, schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new OptionsError(describeOptionsProblem(factory, parsed.error.issues[0]!, value, schema));
}

/**
 * Formats one zod issue as ``factory: `a.b` message, got X``; an unknown key as
 * ``factory: unknown option `agnets` (did you mean `agents`?)`` when `schema` is given.
 */
export function describeOptionsProblem(factory: string, issue: z.core.$ZodIssue, input: unknown, schema?: z.ZodType): string {
  if (issue.code === 'unrecognized_keys') return `${factory}: ${describeUnknownKeys(issue, schema, issue.path.map(String).join('.'))}`;
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

/**
 * ``unknown option `agnets` (did you mean `agents`?); known: allow, deny, agents`` for an
 * `unrecognized_keys` issue; `prefix` is shown before each key (`agents.a.`).
 */
export function describeUnknownKeys(issue: z.core.$ZodIssueUnrecognizedKeys, schema: z.ZodType | undefined, prefix: string, noun = 'option'): string {
  const known = schema ? keysAt(schema, issue.path) : [];
  const described = issue.keys.map((key) => {
    const near = closestName(key, known, 2);
    return `\`${prefix ? `${prefix}.` : ''}${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}`;
  });
  return `unknown ${noun}${issue.keys.length > 1 ? 's' : ''} ${described.join(', ')}${known.length > 0 ? `; known: ${known.join(', ')}` : ''}`;
}

/** The keys an object schema accepts at `path` (through optional, default, array and record wrappers). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  const unwrap = (node: unknown): unknown => {
    for (let depth = 0; depth < 8; depth++) {
      const def = (node as { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } } })?._zod?.def;
      if (!def) return node;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') node = def.innerType;
      else if (def.type === 'pipe') node = def.in;
      else return node;
    }
    return node;
  };
  for (const key of path) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } } })?._zod?.def;
    if (!def) return [];
    if (def.type === 'object' && def.shape) current = def.shape[String(key)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return [];
  }
  const def = (unwrap(current) as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } })?._zod?.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
