/**
 * Runs one eval case under one version: a fresh warden (your middleware plus a replayer when
 * the case carries a cassette), the agent inside `warden.run`, then the built-in metrics
 * (task success, tool errors, denials, tokens, cost, latency, steps, divergences) and scores.
 */
import { performance } from 'node:perf_hooks';
import { recordError } from '../replay/cassette.js';
import { replayer } from '../replay/replayer.js';
import type { CallObservation, Decision, SettledUsage, VersionStamp } from '../core/types.js';
import { createWarden } from '../core/warden.js';
import { normaliseScore } from './scorers.js';
import { scriptedModel } from './scripted-model.js';
import type { CaseRun, EvalCase, EvalRole, EvalSetup, Scorer } from './types.js';

const REFUSALS = new Set(['deny', 'reject', 'halt']);

/** Runs `evalCase` under `version` and measures it. */
export async function runCase<Input, Model>(setup: EvalSetup<Input, Model>, evalCase: EvalCase<Input>, role: EvalRole, version: VersionStamp, scorers: readonly Scorer<Input>[]): Promise<CaseRun> {
  const context = { version, role, case: evalCase };
  const extra = setup.warden?.(context) ?? {};
  const replay = evalCase.cassette ? replayer(evalCase.cassette, { onDivergence: 'throw', ...setup.replay }) : undefined;
  const warden = createWarden({
    agent: evalCase.cassette?.agent ?? 'eval',
    ...extra,
    version,
    middleware: [...(extra.middleware ?? []), ...(replay ? [replay] : [])],
  });
  const calls: CallObservation[] = [];
  const decisions: Decision[] = [];
  const usage: SettledUsage[] = [];
  warden.on('call', (call) => calls.push(call));
  warden.on('decision', (decision) => decisions.push(decision));
  warden.on('usage', (settled) => usage.push(settled));

  const model = (setup.model ? await setup.model(context) : scriptedModel(answersFor(evalCase, role, version))) as Model;
  let output: unknown;
  let error: unknown;
  let failed = false;
  const started = performance.now();
  try {
    output = await warden.run({ sessionId: `eval-${evalCase.id}`, ...evalCase.scope, metadata: { ...evalCase.scope?.metadata, evalCase: evalCase.id, evalRole: role } }, () =>
      setup.agent({ warden, version, role, case: evalCase, input: evalCase.input, model }),
    );
  } catch (thrown) {
    failed = true;
    error = thrown;
  }
  const latencyMs = performance.now() - started;
  await warden.close();

  const metrics: Record<string, number | undefined> = {};
  const reasons: Record<string, string> = {};
  let allPassed = !failed;
  const scoreContext = { case: evalCase, input: evalCase.input, output, expected: evalCase.expected, version, role, calls, decisions, usage, ...(failed && { error }) };
  for (const scorer of scorers) {
    let scored: ReturnType<typeof normaliseScore>;
    try {
      scored = normaliseScore(await scorer.score(scoreContext));
    } catch (thrown) {
      scored = { score: 0, reason: `scorer threw: ${thrown instanceof Error ? thrown.message : String(thrown)}` };
    }
    metrics[scorer.name] = scored.score;
    if (scored.reason !== undefined) reasons[scorer.name] = scored.reason;
    if (scored.score !== undefined && scored.score < scorer.passAt) allPassed = false;
  }
  const tokens = usage.reduce((sum, item) => sum + item.inputTokens + item.outputTokens, 0);
  Object.assign(metrics, {
    success: allPassed ? 1 : 0,
    toolErrors: calls.filter((call) => call.outcome === 'error').length,
    denials: decisions.filter((decision) => REFUSALS.has(decision.outcome)).length,
    tokens,
    costUsd: usage.reduce((sum, item) => sum + (item.costUsd ?? priced(setup.pricing, item)), 0),
    latencyMs,
    steps: calls.length + usage.length,
    ...(replay && { divergences: replay.report().divergences.length }),
  });
  return { output, metrics, reasons, divergences: replay?.report().divergences ?? [], ...(failed && { error: recordError(error) }) };
}

function answersFor(evalCase: EvalCase<unknown>, role: EvalRole, version: VersionStamp): readonly unknown[] {
  const { answers } = evalCase;
  if (answers === undefined) return evalCase.cassette?.turns?.map((turn) => turn.output) ?? [];
  if (Array.isArray(answers)) return answers;
  const byKey = answers as Readonly<Record<string, readonly unknown[]>>;
  return byKey[role] ?? (version.label !== undefined ? byKey[version.label] : undefined) ?? byKey[version.id] ?? [];
}

function priced(pricing: EvalSetup['pricing'], usage: SettledUsage): number {
  const price = pricing?.[usage.model];
  return price ? (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000 : 0;
}
