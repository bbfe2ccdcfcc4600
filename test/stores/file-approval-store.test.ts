import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileApprovalStore, StoreUnavailableError } from '../../src/index.js';
import { sampleTicket } from '../fixtures/sample-ticket.js';
import { runTsx } from '../fixtures/spawn-tsx.js';

const at = '2026-01-01T00:01:00.000Z';
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'aw-file-approvals-')), 'approvals.json');

describe('fileApprovalStore', () => {
  it('keeps tickets across store instances (a restart)', async () => {
    const path = tempFile();
    await fileApprovalStore(path).open(sampleTicket('c1'));
    expect(await fileApprovalStore(path).findByCallId('c1')).toMatchObject({ id: 'apr_c1', status: 'pending' });
  });

  it('loses no ticket when two store instances on one file write at once', async () => {
    const path = tempFile();
    const [a, b] = [fileApprovalStore(path), fileApprovalStore(path)];
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).open(sampleTicket(`c${i}`))));
    expect(await a.list()).toHaveLength(40);
  });

  it('loses no ticket when four processes write to one file at once', { timeout: 60_000 }, async () => {
    const path = tempFile();
    const children = await Promise.all([0, 1, 2, 3].map((n) => runTsx('test/fixtures/store-open-many.ts', [path, `p${n}`, '10'])));
    expect(children.map((child) => child.code)).toEqual([0, 0, 0, 0]);
    expect(await fileApprovalStore(path).list()).toHaveLength(40);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('stays readable and writable after a crash between writing the temp file and renaming it', { timeout: 60_000 }, async () => {
    const path = tempFile();
    await fileApprovalStore(path).open(sampleTicket('before'));
    const before = readFileSync(path, 'utf8');
    const child = await runTsx('test/fixtures/store-crash-before-rename.ts', [path, 'crashed']);
    expect(child.signal).toBe('SIGKILL');
    expect(readdirSync(join(path, '..')).some((name) => name.endsWith('.tmp'))).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(true);

    expect(readFileSync(path, 'utf8')).toBe(before);
    const store = fileApprovalStore(path);
    expect((await store.list()).map((ticket) => ticket.callId)).toEqual(['before']);
    await store.open(sampleTicket('after'));
    expect((await store.list()).map((ticket) => ticket.callId).sort()).toEqual(['after', 'before']);
  });

  it.each([
    ['not JSON', '{"format":"agentwarden.approvals","tickets":{"apr_1":'],
    ['empty', ''],
    ['another format', '{"tickets":[]}'],
  ])('reports a corrupt file (%s) with its path and never empties it', async (_kind, content) => {
    const path = tempFile();
    writeFileSync(path, content);
    const store = fileApprovalStore(path);
    await expect(store.list()).rejects.toThrow(StoreUnavailableError);
    await expect(store.open(sampleTicket('c1'))).rejects.toThrow(path);
    await expect(store.transition('apr_1', { from: 'pending', to: 'approved', at })).rejects.toThrow(/left untouched/);
    expect(readFileSync(path, 'utf8')).toBe(content);
  });

  it('gives up with the lock path when a live process holds the lock', async () => {
    const path = tempFile();
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), token: 't', at: Date.now() }));
    const store = fileApprovalStore(path, { lockTimeoutMs: 50 });
    await expect(store.open(sampleTicket('c1'))).rejects.toThrow(`${path}.lock`);
  });

  it('rejects bad options naming the field', () => {
    expect(() => fileApprovalStore(tempFile(), { lockTimeoutMs: 0 })).toThrow(/`lockTimeoutMs` must be a positive number, got 0/);
    expect(() => fileApprovalStore('')).toThrow(/`path` must be a non-empty string/);
  });
});
