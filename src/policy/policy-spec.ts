/**
 * The shape of a policy and its zod schema. A spec is plain data (plus optional `when`
 * functions in code), so the same schema checks `policy({...})` options and JSON policy
 * files loaded by `loadPolicy(file)`.
 */
import { z } from 'zod';
import { functionOption } from '../internal/options.js';
import type { ToolCall } from '../core/types.js';

/** What a rule makes of a matching call. */
export type PolicyVerdict = 'allow' | 'deny' | 'require_approval';

/** One named rule: when it matches, `then` applies, with `reason` in the decision. */
export interface PolicyRule {
  name: string;
  when: (call: ToolCall) => boolean;
  then: PolicyVerdict;
  reason: string;
}

/** Allow/deny lists of tool names; `*` matches any run of characters (e.g. `crm.*`). */
export interface ToolLists {
  allow?: string[];
  deny?: string[];
}

/** A policy. Deny wins over everything; allow lists restrict; rules add conditions. */
export interface PolicySpec extends ToolLists {
  /** Lists per agent name. */
  agents?: Record<string, ToolLists>;
  /** Lists per workflow: the context boundary of a run. */
  workflows?: Record<string, ToolLists>;
  rules?: PolicyRule[];
  /** After a run read untrusted content, what happens to `risk: 'high'` tools. */
  taint?: { afterUntrusted: 'deny' | 'require_approval' };
}

const toolNames = (_field: string) =>
  z.array(z.string({ message: `must be an array of tool names` }).min(1, { message: 'must not contain empty tool names' }), { message: `must be an array of tool names` });

const listsSchema = z.strictObject(
  { allow: toolNames('allow').optional(), deny: toolNames('deny').optional() },
  { message: 'must be an object with `allow` and/or `deny` arrays' },
);

/** Zod schema of a policy spec; messages name the field. */
export const policySpecSchema = z.strictObject(
  {
    allow: toolNames('allow').optional(),
    deny: toolNames('deny').optional(),
    agents: z.record(z.string(), listsSchema, { message: 'must map agent names to { allow, deny }' }).optional(),
    workflows: z.record(z.string(), listsSchema, { message: 'must map workflow names to { allow, deny }' }).optional(),
    rules: z
      .array(
        z.strictObject(
          {
            name: z.string({ message: 'must be a non-empty string' }).min(1, { message: 'must be a non-empty string' }),
            when: functionOption<(call: ToolCall) => boolean>('must be a function (call) => boolean'),
            then: z.enum(['allow', 'deny', 'require_approval'], { message: 'must be "allow", "deny" or "require_approval"' }),
            reason: z.string({ message: 'must be a non-empty string' }).min(1, { message: 'must be a non-empty string' }),
          },
          { message: 'must be a rule { name, when, then, reason }' },
        ),
        { message: 'must be an array of rules' },
      )
      .optional(),
    taint: z
      .strictObject({ afterUntrusted: z.enum(['deny', 'require_approval'], { message: 'must be "deny" or "require_approval"' }) }, { message: 'must be { afterUntrusted }' })
      .optional(),
  },
  { message: 'must be an object' },
);
