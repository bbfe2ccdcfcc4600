import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approval } from '../../src/approval/approval.js';
import { approvalsInbox, storeInbox, type ApprovalInbox } from '../../src/console/approval-inbox.js';
import { inboxFromSpec } from '../../src/console/approvals-spec.js';
import { startConsole, type ConsoleServer } from '../../src/console/server.js';
import { auditLog } from '../../src/audit/audit-log.js';
import { createWarden } from '../../src/core/warden.js';
import { memoryApprovalStore } from '../../src/stores/memory-approval-store.js';
import { writeFixtureAudit } from '../report/fixture.js';
import { pauseTwoCalls } from './paused-calls.js';

function post(server: ConsoleServer, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'x-agentwarden-token': server.token, 'content-type': 'application/json', host: `127.0.0.1:${server.port}` };
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ approved: true, by: 'eve' }));
  });
}

const OBJECT_MEMBERS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

describe.each([
  ['a file store behind the approval API', async (folder: string) => {
    await pauseTwoCalls(join(folder, 'approvals.json'));
    return inboxFromSpec(`file:${join(folder, 'approvals.json')}`);
  }],
  ['a memory store, directly', async () => storeInbox(memoryApprovalStore())],
  ['warden.approvals on a memory store', async () => approvalsInbox(createWarden({ agent: 'a', middleware: [approval({ when: () => true })] }).approvals)],
] as const)('console ticket ids with %s', (_name, makeInbox: (folder: string) => Promise<ApprovalInbox>) => {
  let folder: string;
  let server: ConsoleServer;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-ticket-ids-'));
    const audit = join(folder, 'audit.jsonl');
    await writeFixtureAudit(audit);
    server = await startConsole({ audit, approvals: await makeInbox(folder) });
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(OBJECT_MEMBERS)('answers 404 unknown ticket for the id %s', async (id) => {
    const response = await post(server, `/api/approvals/${id}`);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ error: 'unknown ticket' });
  });

  it.each(['%E0%A4%A', '%', 'apr_%ZZ'])('answers 400 with a plain message for the malformed escape %s', async (segment) => {
    const response = await post(server, `/api/approvals/${segment}`);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: 'malformed ticket id' });
  });

  it('answers 404 for an id that cannot be a ticket id', async () => {
    const response = await post(server, `/api/approvals/${encodeURIComponent('a b<script>')}`);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('script');
  });
});

describe('memoryApprovalStore lookups', () => {
  it.each(OBJECT_MEMBERS)('knows no ticket %s', async (id) => {
    const store = memoryApprovalStore();
    expect(await store.get(id)).toBeUndefined();
    expect((await store.transition(id, { from: 'pending', to: 'approved', at: new Date().toISOString() })).ok).toBe(false);
  });
});

describe('console report of a keyed chain', () => {
  it('checks the seals with the key it is given, and says the chain was not checked without it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'agentwarden-console-key-'));
    const audit = join(folder, 'audit.jsonl');
    const key = 'audit-key-0123456789abcdef';
    const warden = createWarden({ agent: 'a', audit: auditLog({ file: audit, key }) });
    await warden.tool('ping', async () => 'pong')({});
    await warden.close();
    const keyed = await startConsole({ audit, key });
    const plain = await startConsole({ audit });
    try {
      const integrity = async (server: ConsoleServer) => ((await (await fetch(`http://127.0.0.1:${server.port}/api/report.json?token=${server.token}`)).json()) as { integrity: { ok: boolean; sealing?: string; missingKeyId?: string } }).integrity;
      expect(await integrity(keyed)).toMatchObject({ ok: true, sealing: 'keyed' });
      expect(await integrity(plain)).toMatchObject({ ok: false, missingKeyId: expect.any(String) });
    } finally {
      await keyed.close();
      await plain.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
