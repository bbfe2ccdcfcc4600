/**
 * `outputGate`: checks what the agent is about to do — the args of an action tool — before
 * the tool runs: amount limits, allowed recipients or domains, no secrets. A check answers
 * `true`/`undefined` (go), `false` or a reason string (stop), or `{ allow, reason, rule }`.
 * This is the last line of defence when injected text got past the screen.
 */
import { allow, decide } from '../core/decision.js';
import { OptionsError, PolicyDeniedError } from '../core/errors.js';
import { named } from '../internal/named.js';
import type { Middleware, ToolCall } from '../core/types.js';

/** What a check answers. */
export type OutputCheckResult = boolean | string | undefined | void | { allow: boolean; reason?: string; rule?: string };

/** A check of an action's args; may be async. */
export type OutputCheck = (args: any, call: ToolCall) => OutputCheckResult | Promise<OutputCheckResult>;

/** Options of `outputGate`. */
export interface OutputGateOptions {
  /** Only these tools are checked. Defaults to every tool. */
  tools?: string[];
  /** Only tools declared `risk: 'high'` are checked. Defaults to `false`. */
  highRiskOnly?: boolean;
}

/**
 * Runs `check` (or each of several checks) on a call's args before the tool; the first
 * refusal denies the call with `PolicyDeniedError`.
 * @param check One check or a list, run in order.
 * @param options See `OutputGateOptions`.
 * @returns A middleware named `outputGate`.
 * @example
 * outputGate([maxAmount(500), allowedDomains(['example.com'], { field: 'to' }), noSecrets()], { highRiskOnly: true });
 */
export function outputGate(check: OutputCheck | OutputCheck[], options: OutputGateOptions = {}): Middleware {
  const checks = Array.isArray(check) ? check : [check];
  if (checks.length === 0 || checks.some((item) => typeof item !== 'function')) throw new OptionsError('outputGate: `check` must be a function or a non-empty array of functions');
  if (options.tools !== undefined && (!Array.isArray(options.tools) || options.tools.some((tool) => typeof tool !== 'string'))) {
    throw new OptionsError('outputGate: `tools` must be an array of tool names');
  }
  const tools = options.tools ? new Set(options.tools) : undefined;
  const highRiskOnly = options.highRiskOnly ?? false;
  return named('outputGate', async function outputGate(call, next) {
    if ((tools && !tools.has(call.tool)) || (highRiskOnly && call.traits.risk !== 'high')) return next();
    for (const [index, item] of checks.entries()) {
      const verdict = normalizeVerdict(await item(call.args, call), item, index);
      if (!verdict.allow) throw new PolicyDeniedError(decide(call, { outcome: 'deny', by: 'outputGate', rule: verdict.rule, reason: verdict.reason }));
    }
    allow(call, { by: 'outputGate', reason: 'args passed the output checks' });
    return next();
  });
}

function normalizeVerdict(answer: OutputCheckResult, check: OutputCheck, index: number): { allow: boolean; reason: string; rule: string } {
  const rule = (check as { checkName?: string }).checkName ?? (check.name || `check_${index + 1}`);
  if (answer === undefined || answer === true) return { allow: true, reason: '', rule };
  if (answer === false) return { allow: false, reason: `refused by ${rule}`, rule };
  if (typeof answer === 'string') return { allow: false, reason: answer, rule };
  if (typeof answer === 'object' && answer !== null && typeof answer.allow === 'boolean') {
    return { allow: answer.allow, reason: answer.reason ?? `refused by ${answer.rule ?? rule}`, rule: answer.rule ?? rule };
  }
  return { allow: false, reason: `${rule} returned an invalid answer`, rule };
}
