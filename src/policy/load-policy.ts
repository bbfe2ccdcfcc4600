/**
 * `loadPolicy(file)`: a policy as a JSON file, checked by zod at load time. Rules in JSON
 * use a small declarative `when` (tool, agent, workflow, department, and comparisons on
 * args), since a file cannot hold functions. Errors name the file and the JSON path.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OptionsError } from '../core/errors.js';
import { compileNames } from '../internal/glob.js';
import { describeUnknownKeys, describeValue, valueAt } from '../internal/options.js';
import type { ToolCall } from '../core/types.js';
import { policySpecSchema, type PolicyRule, type PolicySpec } from './policy-spec.js';

/** A comparison on one arg (dot path into `call.args`). */
export interface ArgCondition {
  eq?: unknown;
  ne?: unknown;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  in?: unknown[];
  exists?: boolean;
}

/** The declarative `when` of a JSON rule: every given field must match. */
export interface JsonCondition {
  tool?: string | string[];
  agent?: string | string[];
  workflow?: string | string[];
  department?: string | string[];
  args?: Record<string, ArgCondition>;
}

const names = z.union([z.string(), z.array(z.string())], { message: 'must be a name or an array of names' });
const argCondition = z.strictObject(
  {
    eq: z.unknown().optional(),
    ne: z.unknown().optional(),
    gt: z.number({ message: 'must be a number' }).optional(),
    gte: z.number({ message: 'must be a number' }).optional(),
    lt: z.number({ message: 'must be a number' }).optional(),
    lte: z.number({ message: 'must be a number' }).optional(),
    in: z.array(z.unknown(), { message: 'must be an array' }).optional(),
    exists: z.boolean({ message: 'must be a boolean' }).optional(),
  },
  { message: 'must be a comparison such as { "gt": 500 }' },
);
const jsonCondition = z.strictObject(
  { tool: names.optional(), agent: names.optional(), workflow: names.optional(), department: names.optional(), args: z.record(z.string(), argCondition).optional() },
  { message: 'must be a condition object { tool?, agent?, workflow?, department?, args? }' },
);
const jsonRule = z.strictObject(
  {
    name: z.string({ message: 'must be a non-empty string' }).min(1, { message: 'must be a non-empty string' }),
    when: jsonCondition,
    then: z.enum(['allow', 'deny', 'require_approval'], { message: 'must be "allow", "deny" or "require_approval"' }),
    reason: z.string({ message: 'must be a non-empty string' }).min(1, { message: 'must be a non-empty string' }),
  },
  { message: 'must be a rule { name, when, then, reason }' },
);
const jsonPolicySchema = policySpecSchema.extend({ rules: z.array(jsonRule, { message: 'must be an array of rules' }).optional() });

/**
 * Reads and checks a JSON policy file.
 * @param file Path to the JSON file.
 * @returns A `PolicySpec` for `policy(...)`.
 * @example
 * const warden = createWarden({ agent: 'refund-agent', middleware: [policy(loadPolicy('policy.json'))] });
 */
export function loadPolicy(file: string): PolicySpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new OptionsError(`loadPolicy: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return parsePolicyJson(text, file);
}

/** Parses policy JSON text; `source` names it in errors. */
export function parsePolicyJson(text: string, source = 'policy'): PolicySpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new OptionsError(`loadPolicy: ${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = jsonPolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = '$' + issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
    if (issue.code === 'unrecognized_keys') throw new OptionsError(`loadPolicy: ${source} at ${path}: ${describeUnknownKeys(issue, jsonPolicySchema, '', 'key')}`);
    throw new OptionsError(`loadPolicy: ${source} at ${path}: ${issue.message}, got ${describeValue(valueAt(raw, issue.path))}`);
  }
  const { rules, ...lists } = parsed.data;
  const spec: PolicySpec = { ...lists };
  if (rules) spec.rules = rules.map((rule) => ({ ...rule, when: compileCondition(rule.when as JsonCondition) }) satisfies PolicyRule);
  return spec;
}

/** Turns a declarative condition into a predicate over a call. */
export function compileCondition(condition: JsonCondition): (call: ToolCall) => boolean {
  const checks: Array<(call: ToolCall) => boolean> = [];
  for (const field of ['tool', 'agent', 'workflow', 'department'] as const) {
    const wanted = condition[field];
    if (wanted === undefined) continue;
    const matches = compileNames(Array.isArray(wanted) ? wanted : [wanted])!;
    checks.push((call) => call[field] !== undefined && matches(call[field]!));
  }
  for (const [path, comparison] of Object.entries(condition.args ?? {})) {
    const keys = path.split('.');
    checks.push((call) => compare(valueAt(call.args, keys), comparison));
  }
  return (call) => checks.every((check) => check(call));
}

function compare(value: unknown, condition: ArgCondition): boolean {
  if (condition.exists !== undefined && (value !== undefined) !== condition.exists) return false;
  if ('eq' in condition && value !== condition.eq) return false;
  if ('ne' in condition && value === condition.ne) return false;
  if (condition.in && !condition.in.includes(value)) return false;
  const numeric = typeof value === 'number' ? value : Number.NaN;
  if (condition.gt !== undefined && !(numeric > condition.gt)) return false;
  if (condition.gte !== undefined && !(numeric >= condition.gte)) return false;
  if (condition.lt !== undefined && !(numeric < condition.lt)) return false;
  if (condition.lte !== undefined && !(numeric <= condition.lte)) return false;
  return true;
}
