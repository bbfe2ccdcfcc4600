import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeInbox } from '../../src/console/approval-inbox.js';
import { inboxFromSpec } from '../../src/console/approvals-spec.js';
import { fileApprovalStore } from '../../src/stores/file-approval-store.js';
import { startConsole, type ConsoleServer } from '../../src/console/server.js';
import { auditLog } from '../../src/audit/audit-log.js';
import { createWarden } from '../../src/core/warden.js';
import { writeFixtureAudit } from '../report/fixture.js';
import { pauseTwoCalls } from './paused-calls.js';

/** A raw request, so Host and Origin headers can be set freely. */
function call(server: ConsoleServer, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

describe('startConsole', () => {
  let folder: string;
  let file: string;
  let server: ConsoleServer;
  let approvalsFile: string;
  let ids: { refund: string; wire: string };
  const status = async (id: string) => (await fileApprovalStore(approvalsFile).get(id))?.status;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-console-'));
    file = join(folder, 'audit.jsonl');
    approvalsFile = join(folder, 'approvals.json');
    await writeFixtureAudit(file);
    const tickets = await pauseTwoCalls(approvalsFile);
    ids = { refund: tickets.refund.id, wire: tickets.wire.id };
    server = await startConsole({ audit: file, approvals: inboxFromSpec(`file:${approvalsFile}`) });
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const auth = () => ({ 'x-agentwarden-token': server.token });
  const post = (id: string, body: unknown, headers: Record<string, string> = { ...auth(), 'content-type': 'application/json' }) => call(server, `/api/approvals/${id}`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 and prints a URL that carries the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=`));
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it.each(['/', '/api/report', '/api/approvals', '/favicon.ico'])('refuses %s without the token with 401', async (path) => {
    expect((await call(server, path)).status).toBe(401);
    expect((await call(server, `${path}${path.includes('?') ? '&' : '?'}token=wrong`)).status).toBe(401);
  });

  it('serves the page with the token and a nonce-only script policy', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('id="plot-decisions"');
    expect(html).not.toContain('<script>window.__pwned');
  });

  it('refuses a request whose Host header names another site (DNS rebinding)', async () => {
    const response = await call(server, `/?token=${server.token}`, { headers: { host: 'evil.example:80' } });
    expect(response.status).toBe(421);
  });

  it('lists pending tickets as JSON', async () => {
    const response = await call(server, '/api/approvals', { headers: auth() });
    expect(response.status).toBe(200);
    expect((JSON.parse(response.body) as { tickets: Array<{ id: string }> }).tickets.map((ticket) => ticket.id).sort()).toEqual([ids.refund, ids.wire].sort());
  });

  it('needs the token in a header to change state: a token in the URL alone is refused', async () => {
    const response = await call(server, `/api/approvals/${ids.wire}?token=${server.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approved: true, by: 'mallory' }) });
    expect(response.status).toBe(401);
    expect(await status(ids.wire)).toBe('pending');
  });

  it('refuses a cross-origin state change and a non-JSON body', async () => {
    expect((await post(ids.wire, { approved: true, by: 'mallory' }, { ...auth(), 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(ids.wire, { approved: true, by: 'mallory' }, { ...auth(), 'content-type': 'text/plain' })).status).toBe(415);
    expect(await status(ids.wire)).toBe('pending');
  });

  it.each([
    [{ by: 'dana' }, '`approved` must be true or false'],
    [{ approved: true }, '`by` must name who decided'],
    [{ approved: true, by: 'dana', reason: 7 }, '`reason` must be a string'],
  ])('rejects a bad verdict %j with 400', async (body, message) => {
    const response = await post(ids.wire, body);
    expect(response.status).toBe(400);
    expect(response.body).toContain(message);
  });

  it('resolves a ticket in the store once; a second answer gets 409, an unknown id 404', async () => {
    const first = await post(ids.wire, { approved: false, by: 'dana', reason: 'not today' });
    expect(first.status).toBe(200);
    expect(await fileApprovalStore(approvalsFile).get(ids.wire)).toMatchObject({ status: 'rejected', verdict: { approved: false, by: 'dana', reason: 'not today' } });
    expect((await post(ids.wire, { approved: true, by: 'eve' })).status).toBe(409);
    expect((await post('apr_404', { approved: true, by: 'eve' })).status).toBe(404);
  });

  it('reports lines appended to the audit file since the last refresh', async () => {
    const before = JSON.parse((await call(server, '/api/report.json', { headers: auth() })).body) as { summary: { calls: number }; integrity: { ok: boolean } };
    const warden = createWarden({ agent: 'late-agent', audit: auditLog({ file }) });
    await warden.tool('ping', async () => 'pong')({});
    await warden.close();
    const after = JSON.parse((await call(server, '/api/report.json', { headers: auth() })).body) as typeof before;
    expect(after.summary.calls).toBe(before.summary.calls + 1);
    expect(after.integrity.ok).toBe(true);
    appendFileSync(file, '{"seq":1,"prev":"tampered"}\n');
    const broken = JSON.parse((await call(server, '/api/report.json', { headers: auth() })).body) as typeof before;
    expect(broken.integrity.ok).toBe(false);
  });
});

describe('storeInbox', () => {
  it('lists and resolves pending tickets straight on a store, once', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'agentwarden-inbox-'));
    try {
      const approvalsFile = join(folder, 'approvals.json');
      const { refund } = await pauseTwoCalls(approvalsFile);
      const inbox = storeInbox(fileApprovalStore(approvalsFile));
      expect((await inbox.listPending()).map((ticket) => ticket.tool).sort()).toEqual(['issue_refund', 'wire_money']);
      await inbox.resolve(refund.id, { approved: true, by: 'dana' });
      expect(await fileApprovalStore(approvalsFile).get(refund.id)).toMatchObject({ status: 'approved', verdict: { by: 'dana', announced: false } });
      await expect(inbox.resolve(refund.id, { approved: false, by: 'eve' })).rejects.toMatchObject({ code: 'already_resolved' });
      await expect(inbox.resolve('apr_missing', { approved: false, by: 'eve' })).rejects.toMatchObject({ code: 'unknown_ticket' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
