import { afterEach, describe, expect, it } from 'vitest';
import { createWarden, policy, PolicyDeniedError, tracing, type Decision } from '../../src/index.js';
import { memoryTracing, type MemoryTracing } from '../../src/testing/index.js';
import { versions } from '../../src/versions/registry.js';

let otel: MemoryTracing | undefined;
afterEach(async () => {
  await otel?.shutdown();
  otel = undefined;
});

describe('canary routing with tracing and policy', () => {
  it('stamps the routed version on run spans, tool spans and decisions', async () => {
    otel = memoryTracing({ global: true });
    const registry = versions();
    const a = registry.register({ prompt: 'a', model: 'm' }, { label: 'A' });
    const b = registry.register({ prompt: 'b', model: 'm' }, { label: 'B' });
    registry.promote('A', 'prod');
    registry.promote('B', 'canary');
    const warden = createWarden({
      agent: 'refunds',
      version: registry.route({ canaryPercent: 50 }),
      middleware: [tracing({ tracerProvider: otel.provider }), policy({ deny: ['delete_account'] })],
      plugins: [registry],
    });
    const decisions: Decision[] = [];
    warden.on('decision', (decision) => decisions.push(decision));
    const lookup = warden.tool('lookup', async () => 'ok');
    const remove = warden.tool('delete_account', async () => 'gone');
    const bySession = new Map<string, string>();
    for (let i = 0; i < 30; i++) {
      await warden.run({ sessionId: `s${i}` }, async (run) => {
        bySession.set(run.runId, run.version.id);
        await lookup(undefined);
        await expect(remove(undefined)).rejects.toBeInstanceOf(PolicyDeniedError);
      });
    }
    expect(new Set(bySession.values())).toEqual(new Set([a.id, b.id]));
    const runSpans = otel.spans().filter((span) => span.attributes['gen_ai.operation.name'] === 'invoke_agent');
    const toolSpans = otel.spans().filter((span) => span.attributes['gen_ai.operation.name'] === 'execute_tool');
    expect(runSpans).toHaveLength(30);
    expect(toolSpans).toHaveLength(60);
    for (const span of runSpans) {
      const id = span.attributes['agentwarden.version.id'];
      expect(span.attributes['agentwarden.version.label']).toBe(id === a.id ? 'A' : 'B');
    }
    const runOf = new Map(runSpans.map((span) => [span.spanContext().spanId, span.attributes['agentwarden.version.id']]));
    for (const span of toolSpans) expect(span.attributes['agentwarden.version.id']).toBe(runOf.get(span.parentSpanContext?.spanId ?? ''));
    const denials = decisions.filter((decision) => decision.outcome === 'deny');
    expect(denials).toHaveLength(30);
    for (const denial of denials) expect(denial.versionId).toBe(bySession.get(denial.runId!));

    registry.rollback('canary', { by: 'oncall', reason: 'test' });
    expect(decisions.at(-1)).toMatchObject({ rule: 'rollback', by: 'oncall' });
    expect(warden.stats()['tracing.errors'] ?? 0).toBe(0);
  });
});
