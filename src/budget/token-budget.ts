/**
 * `tokenBudget(opts)`: token and cost budgets per run, agent, workflow and department, with
 * cost attribution. It registers the warden's `usage` capability, so `warden.reserve`,
 * `warden.recordUsage` and `warden.costs` go through it; on the tool-call path it refuses a
 * guarded call while a scope in force is already exhausted (a `deny` by `tokenBudget`, or a
 * `pause` with `onExceeded: 'pause'`), because an agent out of budget should stop acting,
 * not only stop thinking.
 */
import { clockOf, hostOf } from '../core/call-context.js';
import { stepMiddleware } from '../core/compose.js';
import { createBudgetMeter, type BudgetMeter, type MeterHost } from './meter.js';
import { parseBudgetOptions, type TokenBudgetOptions } from './options.js';
import type { BudgetStore } from '../stores/budget-store.js';
import { memoryBudgetStore } from '../stores/memory-budget-store.js';
import { attachStore } from '../stores/store-host.js';
import type { Middleware, ToolCall, WardenHost } from '../core/types.js';

export type { TokenBudgetOptions } from './options.js';

/**
 * Creates the budget middleware. Limits are ceilings on input + output tokens (`limits`)
 * and on USD (`costLimits`): `run` per run; `agent`, `workflow.<name>`, `department.<name>`
 * per `period` (default `'day'`, UTC). A model call is charged to all of its scopes at once
 * and refused if any would go over. Defaults: in-memory store, `onExceeded: 'throw'`.
 * @param options Limits, cost limits, pricing (USD per 1M tokens), store, onExceeded.
 * @returns A middleware named `tokenBudget` that provides the `usage` capability.
 * @example
 * const warden = createWarden({
 *   agent: 'claims-agent',
 *   middleware: [tokenBudget({
 *     limits: { run: 20_000 },
 *     costLimits: { department: { finance: { limit: 50, period: 'month' } } },
 *     pricing: { 'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 } },
 *     onExceeded: 'pause',
 *   })],
 * });
 * const held = await warden.reserve({ model: 'gpt-4o', inputTokens: 1200, outputTokens: 500 });
 * await warden.recordUsage({ model: 'gpt-4o', inputTokens: 1180, outputTokens: 312 }, held);
 */
export function tokenBudget(options: TokenBudgetOptions = {}): Middleware {
  const parsed = parseBudgetOptions(options);
  let store: BudgetStore | undefined = parsed.store;
  const meters = new WeakMap<object, BudgetMeter>();
  const standalone = new Map<string, BudgetMeter>();

  function attach(host: WardenHost) {
    store ??= memoryBudgetStore({ clock: host.clock });
    const { meter, close } = createBudgetMeter(parsed, store, host);
    meters.set(host, meter);
    host.provide('usage', meter);
    const detach = attachStore(store, host);
    if (!detach) return close;
    return async () => {
      await close();
      detach();
    };
  }

  /** Without a warden (under `evaluate`), a quiet meter per agent on the call's clock. */
  function meterFor(call: ToolCall): BudgetMeter {
    const host = hostOf(call);
    const attached = host && meters.get(host);
    if (attached) return attached;
    let meter = standalone.get(call.agent);
    if (!meter) {
      store ??= memoryBudgetStore({ clock: clockOf(call) });
      const quiet: MeterHost = { agent: call.agent, version: call.version, clock: clockOf(call), emit() {}, decide() {}, count() {}, capability: () => undefined };
      meter = createBudgetMeter(parsed, store, quiet).meter;
      if (standalone.size < 100) standalone.set(call.agent, meter);
    }
    return meter;
  }

  // Refuses a tool call while a scope in force is exhausted; with an in-process store the
  // check is synchronous.
  return stepMiddleware<void>('tokenBudget', { enter: (call) => (parsed.guardToolCalls ? meterFor(call).guardToolCall(call) : undefined) }, attach);
}
