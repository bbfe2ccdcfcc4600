import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approval } from '../../src/approval/approval.js';
import { auditLog } from '../../src/audit/audit-log.js';
import { approvalsInbox, storeInbox } from '../../src/console/approval-inbox.js';
import { ApprovalPendingError } from '../../src/core/errors.js';
import { createWarden } from '../../src/core/warden.js';
import type { ApprovalEvent } from '../../src/approval/events.js';
import { memoryApprovalStore } from '../../src/stores/memory-approval-store.js';
import type { ApprovalTicket } from '../../src/stores/approval-store.js';

type Charge = { to: string; amount: number; apiKey: string; headers: Record<string, string> };
const STRIPE_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const HEADER_KEY = 'hdr-9f8e7d6c5b4a';
const args: Charge = { to: 'ana@example.com', amount: 900, apiKey: STRIPE_KEY, headers: { 'x-api-key': HEADER_KEY } };

function setup() {
  const folder = mkdtempSync(join(tmpdir(), 'agentwarden-approval-secrets-'));
  const auditFile = join(folder, 'audit.jsonl');
  const store = memoryApprovalStore();
  const warden = createWarden({ agent: 'billing', middleware: [approval({ when: () => true, store })], audit: auditLog({ file: auditFile }) });
  const received: Charge[] = [];
  const charge = warden.tool('charge', async (input: Charge) => {
    received.push(input);
    return 'charged';
  });
  const events: ApprovalEvent[] = [];
  warden.on('approval', (event) => events.push(event));
  return { warden, store, charge, received, events, auditFile };
}

async function pause(promise: Promise<unknown>): Promise<ApprovalTicket> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApprovalPendingError);
  return (error as ApprovalPendingError).ticket as ApprovalTicket;
}

describe('approval tickets keep no raw secrets', () => {
  it('stores, announces and audits the args with secrets redacted, and still runs the tool with the real args', async () => {
    const { warden, store, charge, received, events, auditFile } = setup();
    const ticket = await pause(charge(args, { callId: 'charge-1' }));
    const stored = (await store.get(ticket.id))!;
    expect(JSON.stringify(stored)).not.toContain(STRIPE_KEY);
    expect(JSON.stringify(stored)).not.toContain(HEADER_KEY);
    expect(stored.args).toMatchObject({ to: 'ana@example.com', amount: 900, apiKey: expect.stringMatching(/^\[secret:[0-9a-f]{6}\]$/), headers: { 'x-api-key': expect.stringMatching(/^\[secret:/) } });
    expect(JSON.stringify(events)).not.toContain(STRIPE_KEY);

    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    await expect(charge(args, { callId: 'charge-1' })).resolves.toBe('charged');
    expect(received).toEqual([args]);
    await warden.close();
    const audit = readFileSync(auditFile, 'utf8');
    expect(audit).toContain('"type":"approval"');
    expect(audit).not.toContain(STRIPE_KEY);
    expect(audit).not.toContain(HEADER_KEY);
  });

  it('shows redacted args in the console inbox, also for tickets stored raw by older versions', async () => {
    const { warden, charge } = setup();
    await pause(charge(args, { callId: 'charge-2' }));
    const [fresh] = await approvalsInbox(warden.approvals).listPending();
    expect(JSON.stringify(fresh)).not.toContain(STRIPE_KEY);

    const legacy = memoryApprovalStore();
    const now = new Date().toISOString();
    await legacy.open({ id: 'apr_old', callId: 'c-old', status: 'pending', tool: 'charge', args, argsHash: 'h', agent: 'billing', runId: 'r', decisionType: 'charge', reason: 'old', versionId: 'v', createdAt: now, expiresAt: now, updatedAt: now });
    const [old] = await storeInbox(legacy).listPending();
    expect(JSON.stringify(old)).not.toContain(STRIPE_KEY);
    expect(JSON.stringify(old)).not.toContain(HEADER_KEY);
    expect(old!.args).toMatchObject({ to: 'ana@example.com', amount: 900 });
    await warden.close();
  });
});
