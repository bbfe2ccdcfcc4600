import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWarden, type Decision } from '../../src/index.js';
import { VersionRegistryError } from '../../src/versions/errors.js';
import { versions } from '../../src/versions/registry.js';
import { fakeClock } from '../../src/testing/index.js';
import { tempDirs } from '../replay/temp-dirs.js';

const tempDir = tempDirs();

const tempFile = () => join(tempDir('aw-versions-'), 'versions.json');

describe('versions registry', () => {
  it('gives the same id to the same parts and keeps the label', () => {
    const registry = versions();
    const a = registry.register({ prompt: 'be kind', model: 'gpt-4o' }, { label: 'A' });
    const again = registry.register({ model: 'gpt-4o', prompt: 'be kind' });
    expect(again.id).toBe(a.id);
    expect(registry.get('A')?.id).toBe(a.id);
    expect(registry.list()).toHaveLength(1);
  });

  it('promotes through stages and rolls prod back to its previous version', () => {
    const registry = versions();
    registry.register({ prompt: 'a' }, { label: 'A' });
    const b = registry.register({ prompt: 'b' }, { label: 'B' });
    registry.promote('A', 'prod');
    registry.promote('B', 'prod', { by: 'alice', reason: 'B won the eval' });
    expect(registry.current('prod')?.id).toBe(b.id);
    const change = registry.rollback('prod', { by: 'bob', reason: 'refund errors' });
    expect(registry.current('prod')?.label).toBe('A');
    expect(change).toMatchObject({ action: 'rollback', stage: 'prod', previousVersionId: b.id, by: 'bob', reason: 'refund errors' });
  });

  it('ends the canary on rollback, so the canary stage is empty', () => {
    const registry = versions();
    registry.register({ prompt: 'a' }, { label: 'A' });
    registry.register({ prompt: 'b' }, { label: 'B' });
    registry.register({ prompt: 'c' }, { label: 'C' });
    registry.promote('B', 'canary');
    registry.promote('C', 'canary');
    registry.rollback('canary');
    expect(registry.current('canary')).toBeUndefined();
    expect(registry.snapshot()).toEqual({ dev: undefined, staging: undefined, canary: undefined, prod: undefined });
  });

  it('refuses to roll back a stage with nothing to go back to', () => {
    const registry = versions();
    registry.register({ prompt: 'a' }, { label: 'A' });
    registry.promote('A', 'prod');
    expect(() => registry.rollback('prod')).toThrow(VersionRegistryError);
    expect(() => registry.rollback('staging')).toThrow(/holds no version/);
    expect(() => registry.promote('nope', 'prod')).toThrow(/no version "nope"/);
    expect(() => registry.promote('A', 'qa')).toThrow(/unknown stage "qa"/);
  });

  it('persists versions, stages and history to the file and reads them back', () => {
    const file = tempFile();
    const first = versions({ file });
    first.register({ prompt: 'a' }, { label: 'A' });
    first.register({ prompt: 'b' }, { label: 'B' });
    first.promote('A', 'prod', { by: 'alice' });
    first.promote('B', 'prod', { by: 'alice' });
    first.rollback('prod', { by: 'pager', reason: 'errors up' });

    const second = versions({ file });
    expect(second.current('prod')?.label).toBe('A');
    expect(second.history().map((change) => [change.action, change.label, change.by])).toEqual([
      ['register', 'A', 'versions'],
      ['register', 'B', 'versions'],
      ['promote', 'A', 'alice'],
      ['promote', 'B', 'alice'],
      ['rollback', 'A', 'pager'],
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('agentwarden.versions/1');
  });

  it('sees changes another process made after reload', () => {
    const file = tempFile();
    const reader = versions({ file });
    const writer = versions({ file });
    writer.register({ prompt: 'a' }, { label: 'A' });
    writer.promote('A', 'prod');
    expect(reader.current('prod')).toBeUndefined();
    reader.reload();
    expect(reader.current('prod')?.label).toBe('A');
  });

  it('picks up another process\'s rollback on its own with refreshMs', () => {
    const file = tempFile();
    const clock = fakeClock();
    const writer = versions({ file });
    writer.register({ prompt: 'a' }, { label: 'A' });
    writer.register({ prompt: 'b' }, { label: 'B' });
    writer.promote('A', 'prod');
    writer.promote('B', 'canary');
    const reader = versions({ file, refreshMs: 1_000, clock });
    const route = reader.route({ canaryPercent: 100 });
    expect(route.resolveVersion({ sessionId: 's' }).label).toBe('B');
    writer.rollback('canary', { by: 'oncall' });
    clock.advance(999);
    expect(route.resolveVersion({ sessionId: 's' }).label).toBe('B');
    clock.advance(1);
    expect(route.resolveVersion({ sessionId: 's' }).label).toBe('A');
    expect(reader.history().at(-1)).toMatchObject({ action: 'rollback', by: 'oncall' });
  });

  it('keeps another process\'s change when it makes its own', () => {
    const file = tempFile();
    const first = versions({ file });
    const second = versions({ file });
    first.register({ prompt: 'a' }, { label: 'A' });
    second.register({ prompt: 'b' }, { label: 'B' });
    second.promote('A', 'prod', { by: 'second' });
    expect(versions({ file }).list().map((stamp) => stamp.label)).toEqual(['A', 'B']);
    expect(first.current('prod')).toBeUndefined();
    first.promote('B', 'staging');
    expect(first.snapshot()).toMatchObject({ prod: first.get('A')!.id, staging: first.get('B')!.id });
  });

  it('rejects a corrupt file naming it', () => {
    const file = tempFile();
    writeFileSync(file, '{"format":"something-else"}');
    expect(() => versions({ file })).toThrow(new RegExp(`cannot read registry file ${file.replace(/[/\\.]/g, '\\$&')}`));
  });

  it.each([
    [{ stages: [] }, /`stages` must name at least one stage/],
    [{ stages: ['a', 'a'] }, /`stages` must not repeat a stage/],
    [{ stages: ['dev', 'prod'], canaryStage: 'canary' }, /`canaryStage` must be one of the stages/],
    [{ file: '' }, /`file` must be a non-empty path/],
    [{ refreshMs: -5 }, /`refreshMs` must be a non-negative integer/],
  ])('rejects bad options %j', (options, message) => {
    expect(() => versions(options as never)).toThrow(message);
  });

  it('writes every change to the audit trail of the wardens it is plugged into', async () => {
    const registry = versions();
    const warden = createWarden({ agent: 'support', plugins: [registry] });
    const decisions: Decision[] = [];
    warden.on('decision', (decision) => decisions.push(decision));
    const a = registry.register({ prompt: 'a' }, { label: 'A', by: 'ci' });
    registry.register({ prompt: 'b' }, { label: 'B', by: 'ci' });
    registry.promote('A', 'prod', { by: 'alice', reason: 'first release' });
    registry.promote('B', 'prod', { by: 'alice', reason: 'new prompt' });
    registry.rollback('prod', { by: 'bob', reason: 'complaints' });
    expect(decisions.map((d) => [d.outcome, d.rule, d.by, d.agent, d.tool])).toEqual([
      ['approve', 'register', 'ci', 'support', 'versions'],
      ['approve', 'register', 'ci', 'support', 'versions'],
      ['approve', 'promote', 'alice', 'support', 'versions'],
      ['approve', 'promote', 'alice', 'support', 'versions'],
      ['approve', 'rollback', 'bob', 'support', 'versions'],
    ]);
    expect(decisions[4]).toMatchObject({ reason: 'complaints', versionId: a.id, details: { stage: 'prod', versionId: a.id } });
    await warden.close();
    registry.promote('B', 'prod');
    expect(decisions).toHaveLength(5);
  });

  it('keeps the in-memory state unchanged when the file cannot be written', () => {
    const dir = tempDir('aw-versions-');
    const file = join(dir, 'versions.json');
    const registry = versions({ file });
    registry.register({ prompt: 'a' }, { label: 'A' });
    writeFileSync(join(dir, 'blocker'), 'x');
    const blocked = versions({ file: join(dir, 'blocker', 'versions.json') });
    expect(() => blocked.register({ prompt: 'a' })).toThrow();
    expect(blocked.list()).toEqual([]);
    expect(registry.list()).toHaveLength(1);
  });
});
