/**
 * Tool-scope policy: which tools an agent may call, per agent and per workflow (the context
 * boundary), plus named rules over the whole call. Deny always wins. A rule with
 * `then: 'require_approval'` hands the call to the `approval` middleware (and denies, saying
 * so, when there is none). With `taint`, a run that has read untrusted content may not call
 * a `risk: 'high'` tool without a person's approval, whatever the screen missed.
 */
import { hostOf, runLocal } from '../core/call-context.js';
import { allow, decide } from '../core/decision.js';
import { stepMiddleware } from '../core/compose.js';
import { PolicyDeniedError } from '../core/errors.js';
import { compileNames, type NameMatcher } from '../internal/glob.js';
import { parseOptions } from '../internal/options.js';
import { stableHash } from '../internal/stable-hash.js';
import type { Middleware, ToolCall } from '../core/types.js';
import { policySpecSchema, type PolicyRule, type PolicySpec, type ToolLists } from './policy-spec.js';

export type { PolicyRule, PolicySpec, PolicyVerdict, ToolLists } from './policy-spec.js';

/** The policy's own verdict for a call, before anything is emitted. */
export interface PolicyVerdictDetail {
  verdict: 'allow' | 'deny' | 'require_approval';
  rule: string;
  reason: string;
}

interface CompiledLists {
  allow?: NameMatcher;
  deny?: NameMatcher;
}

/** The first untrusted call a run took in. */
interface TaintMark {
  tool: string;
  callId: string;
}

const TAINT = Symbol('agentwarden.taint');

/**
 * Tool allow/deny lists per agent and workflow, and rules with `when/then/reason`.
 * @param spec The policy. Throws at construction when a field is malformed.
 * @returns A middleware named `policy`.
 * @example
 * policy({
 *   agents: { 'refund-agent': { allow: ['lookup_order', 'issue_refund'] } },
 *   rules: [{ name: 'large-refund', when: (c) => c.tool === 'issue_refund' && c.args.amount > 500,
 *             then: 'require_approval', reason: 'refunds over $500 need a person' }],
 * });
 */
export function policy(spec: PolicySpec): Middleware {
  const checked = parseOptions('policy', policySpecSchema, spec) as PolicySpec;
  const judge = compilePolicy(checked);
  const hash = policyHash(checked);

  return stepMiddleware<ToolCall | undefined>(
    'policy',
    {
      enter(call) {
        const tainted = checked.taint && call.traits.risk === 'high' ? runLocal<{ mark?: TaintMark }>(call, TAINT, () => ({})).mark : undefined;
        let detail = judge(call);
        if (tainted && detail.verdict !== 'deny') {
          const reason = `run read untrusted content from ${tainted.tool} (call ${tainted.callId}) before this high-risk call`;
          detail = { verdict: checked.taint!.afterUntrusted, rule: 'taint.afterUntrusted', reason };
        }
        if (detail.verdict === 'deny') {
          throw new PolicyDeniedError(decide(call, { outcome: 'deny', by: 'policy', rule: detail.rule, reason: detail.reason, details: { policyHash: hash } }));
        }
        let forwarded: ToolCall | undefined;
        if (detail.verdict === 'require_approval') {
          if (!hostOf(call)?.capability('approvals')) {
            const reason = `${detail.reason} (rule "${detail.rule}" requires approval, but no approval middleware is configured)`;
            throw new PolicyDeniedError(decide(call, { outcome: 'deny', by: 'policy', rule: detail.rule, reason, details: { policyHash: hash } }));
          }
          forwarded = { ...call, requiresApproval: { rule: detail.rule, reason: detail.reason, by: 'policy', policyHash: hash } };
        } else {
          allow(call, { by: 'policy', rule: detail.rule, reason: detail.reason });
        }
        if (checked.taint && call.traits.source === 'untrusted') {
          const state = runLocal<{ mark?: TaintMark }>(call, TAINT, () => ({}));
          state.mark ??= { tool: call.tool, callId: call.callId };
        }
        return forwarded;
      },
      forward: (forwarded, call) => forwarded ?? call,
    },
    (host) => {
      if (!host.capability('policy')) host.provide('policy', { hash });
    },
  );
}

/** Compiles a checked spec into a pure function of a call. Exposed for `evaluate`-style use. */
export function compilePolicy(spec: PolicySpec): (call: ToolCall) => PolicyVerdictDetail {
  const global = compileLists(spec);
  const agents = compileMap(spec.agents);
  const workflows = compileMap(spec.workflows);
  const rules: readonly PolicyRule[] = spec.rules ?? [];

  const ALLOWED: PolicyVerdictDetail = Object.freeze({ verdict: 'allow', rule: 'default', reason: 'allowed by policy' });
  return (call) => {
    // Scope names are built only when one of them decides (the allowed path allocates nothing).
    const agentLists = agents.size === 0 ? undefined : agents.get(call.agent);
    const workflowLists = call.workflow === undefined || workflows.size === 0 ? undefined : workflows.get(call.workflow);
    const scopes = () => [
      ['policy', global],
      [`agents.${call.agent}`, agentLists],
      [`workflows.${call.workflow ?? ''}`, workflowLists],
    ] as Array<[string, CompiledLists | undefined]>;
    if (global?.deny?.(call.tool) || agentLists?.deny?.(call.tool) || workflowLists?.deny?.(call.tool)) {
      for (const [where, lists] of scopes()) {
        if (lists?.deny?.(call.tool)) return { verdict: 'deny', rule: `${where}.deny`, reason: `tool "${call.tool}" is on the deny list of ${describeScope(where)}` };
      }
    }
    let approvalRule: PolicyVerdictDetail | undefined;
    let allowRule: PolicyVerdictDetail | undefined;
    for (const rule of rules) {
      let matched: boolean;
      try {
        matched = rule.when(call) === true;
      } catch (error) {
        return { verdict: 'deny', rule: rule.name, reason: `rule "${rule.name}" threw while deciding (${error instanceof Error ? error.message : String(error)}); failing closed` };
      }
      if (!matched) continue;
      if (rule.then === 'deny') return { verdict: 'deny', rule: rule.name, reason: rule.reason };
      if (rule.then === 'require_approval') approvalRule ??= { verdict: 'require_approval', rule: rule.name, reason: rule.reason };
      else allowRule ??= { verdict: 'allow', rule: rule.name, reason: rule.reason };
    }
    if (approvalRule) return approvalRule;
    if (allowRule) return allowRule;
    const outside = (lists: CompiledLists | undefined) => lists?.allow !== undefined && !lists.allow(call.tool);
    if (outside(global) || outside(agentLists) || outside(workflowLists)) {
      for (const [where, lists] of scopes()) {
        if (outside(lists)) return { verdict: 'deny', rule: `${where}.allow`, reason: `tool "${call.tool}" is not on the allow list of ${describeScope(where)}` };
      }
    }
    return ALLOWED;
  };
}

/** A content hash of a policy (rules hashed with their `when` source), stored on approval tickets. */
export function policyHash(spec: PolicySpec): string {
  const rules = (spec.rules ?? []).map((rule) => ({ ...rule, when: rule.when.toString() }));
  return `p_${stableHash({ ...spec, rules }).slice(0, 16)}`;
}

function compileLists(lists: ToolLists | undefined): CompiledLists | undefined {
  if (!lists) return undefined;
  const compiled: CompiledLists = {};
  const allow = compileNames(lists.allow);
  const deny = compileNames(lists.deny);
  if (allow) compiled.allow = allow;
  if (deny) compiled.deny = deny;
  return compiled;
}

function compileMap(map: Record<string, ToolLists> | undefined): Map<string, CompiledLists | undefined> {
  return new Map(Object.entries(map ?? {}).map(([name, lists]) => [name, compileLists(lists)]));
}

function describeScope(where: string): string {
  if (where === 'policy') return 'the policy';
  const [kind, ...rest] = where.split('.');
  return `${kind === 'agents' ? 'agent' : 'workflow'} "${rest.join('.')}"`;
}
