import { describe, expect, it } from 'vitest';
import { createWarden, type CallObservation, type RunInfo, type WardenHost, type WardenPlugin } from '../../src/index.js';
import { versions } from '../../src/versions/registry.js';

function registryWithCanary() {
  const registry = versions();
  const a = registry.register({ prompt: 'refund politely', model: 'gpt-4o' }, { label: 'A' });
  const b = registry.register({ prompt: 'refund quickly', model: 'gpt-4o' }, { label: 'B' });
  registry.promote('A', 'prod');
  registry.promote('B', 'canary');
  return { registry, a, b };
}

const sessionIds = (count: number) => Array.from({ length: count }, (_, i) => `session-${i}`);

/** A plugin that hands out the host, so a test can emit warden events the way a middleware does. */
function hostGrabber(): WardenPlugin & { host?: WardenHost } {
  const plugin: WardenPlugin & { host?: WardenHost } = { pluginName: 'grab', attach: (host) => void (plugin.host = host) };
  return plugin;
}

describe('canary routing', () => {
  it('sends each session to the same version every time', () => {
    const { registry } = registryWithCanary();
    const route = registry.route({ canaryPercent: 30 });
    for (const id of sessionIds(200)) {
      const first = route.resolveVersion({ sessionId: id }).id;
      for (let i = 0; i < 3; i++) expect(route.resolveVersion({ sessionId: id }).id).toBe(first);
    }
  });

  it.each([1, 10, 50])('sends %i %% of sessions to the canary within four standard deviations', (percent) => {
    const { registry, b } = registryWithCanary();
    const route = registry.route({ canaryPercent: percent });
    const n = 20_000;
    const canary = sessionIds(n).filter((id) => route.resolveVersion({ sessionId: id }).id === b.id).length;
    const p = percent / 100;
    const sigma = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(canary - n * p)).toBeLessThan(4 * sigma);
  });

  it('sends runs without a session id, and everyone at 0 %, to prod', () => {
    const { registry, a } = registryWithCanary();
    expect(registry.route({ canaryPercent: 100 }).resolveVersion({}).id).toBe(a.id);
    const none = registry.route({ canaryPercent: 0 });
    expect(sessionIds(500).every((id) => none.resolveVersion({ sessionId: id }).id === a.id)).toBe(true);
  });

  it('sends every new session to prod once the canary is rolled back', () => {
    const { registry, a } = registryWithCanary();
    const route = registry.route({ canaryPercent: 50 });
    expect(sessionIds(100).some((id) => route.assign(id) === 'canary')).toBe(true);
    registry.rollback('canary', { by: 'oncall', reason: 'bad refunds' });
    expect(sessionIds(1000).every((id) => route.resolveVersion({ sessionId: id }).id === a.id)).toBe(true);
  });

  it('stamps the routed version on the run and on every call of it', async () => {
    const { registry, a, b } = registryWithCanary();
    const warden = createWarden({ agent: 'refunds', version: registry.route({ canaryPercent: 50 }) });
    const calls: CallObservation[] = [];
    warden.on('call', (call) => calls.push(call));
    const lookup = warden.tool('lookup', async (args: { id: string }) => ({ id: args.id }));
    const seen = new Map<string, string>();
    for (const id of sessionIds(40)) {
      await warden.run({ sessionId: id }, async (run: RunInfo) => {
        seen.set(id, run.version.id);
        await lookup({ id });
      });
    }
    expect(new Set(seen.values())).toEqual(new Set([a.id, b.id]));
    for (const call of calls) expect(call.version.id).toBe(seen.get(call.sessionId!));
    expect(calls.find((call) => call.version.id === b.id)?.version.label).toBe('B');
  });

  it('fails a run clearly when prod is empty and no fallback is given, and uses the fallback otherwise', async () => {
    const registry = versions();
    const warden = createWarden({ agent: 'x', version: registry.route() });
    await expect(warden.run({ sessionId: 's' }, () => 1)).rejects.toThrow(/stage "prod" holds no version/);
    expect(registry.route({ fallback: { prompt: 'p' } }).resolveVersion({}).parts).toEqual({ prompt: 'p' });
  });

  it('rejects a canary share outside 0–100', () => {
    expect(() => versions().route({ canaryPercent: 120 })).toThrow('versions.route: `canaryPercent` must be between 0 and 100, got 120');
  });
});

describe('drift auto-rollback', () => {
  it('rolls the canary back when the warden emits a drift alarm for the canary version', async () => {
    const { registry, a, b } = registryWithCanary();
    const grab = hostGrabber();
    const warden = createWarden({ agent: 'refunds', version: registry.route({ canaryPercent: 50 }), plugins: [grab, registry] });
    const rules: Array<string | undefined> = [];
    warden.on('decision', (decision) => rules.push(`${decision.rule}:${decision.by}`));
    registry.watch(warden, { autoRollback: true, stage: 'canary' });

    grab.host!.emit('drift', { metric: 'error_rate', versionId: a.id, score: 9 });
    expect(registry.current('canary')?.id).toBe(b.id);

    grab.host!.emit('drift', { metric: 'error_rate', versionId: b.id, score: 9 });
    expect(registry.current('canary')).toBeUndefined();
    expect(rules).toEqual(['rollback:drift']);
    const versionsAfter = await Promise.all(sessionIds(50).map((id) => warden.run({ sessionId: id }, (run) => run.version.id)));
    expect(new Set(versionsAfter)).toEqual(new Set([a.id]));
    expect(registry.history().at(-1)?.reason).toMatch(/drift alarm on error_rate for B/);
  });

  it('does nothing with autoRollback off, and stops after unsubscribing', () => {
    const { registry, b } = registryWithCanary();
    const grab = hostGrabber();
    const warden = createWarden({ agent: 'refunds', plugins: [grab] });
    const off = registry.watch(warden, { autoRollback: false });
    grab.host!.emit('drift', { versionId: b.id });
    expect(registry.current('canary')?.id).toBe(b.id);
    off();
    const offToo = registry.watch(warden, { autoRollback: true });
    offToo();
    grab.host!.emit('drift', { version: { id: b.id } });
    expect(registry.current('canary')?.id).toBe(b.id);
  });

  it('rejects a watch without autoRollback or on an unknown stage', () => {
    const { registry } = registryWithCanary();
    const warden = createWarden({ agent: 'refunds' });
    expect(() => registry.watch(warden, {} as never)).toThrow('versions.watch: `autoRollback` must be true or false');
    expect(() => registry.watch(warden, { autoRollback: true, stage: 'qa' })).toThrow('versions.watch: `stage` must be one of the stages (dev, staging, canary, prod), got qa');
  });
});

describe('a warden routed by a registry', () => {
  it('reports the prod version as its default version', async () => {
    const { versions } = await import('../../src/index.js');
    const { createWarden } = await import('../../src/index.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const registry = versions({ file: join(mkdtempSync(join(tmpdir(), 'aw-route-default-')), 'versions.json') });
    const prod = await registry.register({ model: 'gpt-4o', prompt: 'v1' }, { by: 'ci', reason: 'first' });
    await registry.promote(prod.id, 'prod', { by: 'ci', reason: 'ship' });
    const warden = createWarden({ agent: 'a', version: registry.route({ canaryPercent: 10 }) });
    expect(warden.version.id).toBe(prod.id);
  });
});
