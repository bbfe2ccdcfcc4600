/** Shared setup for audit tests: a temp folder and a small warden that writes an audit file. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { auditLog, type AuditLogOptions } from '../../src/audit/audit-log.js';
import type { AuditEntry } from '../../src/audit/entries.js';
import { policy } from '../../src/policy/policy.js';
import type { VersionParts } from '../../src/core/types.js';
import { createWarden } from '../../src/core/warden.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'agentwarden-audit-'));
  folders.push(folder);
  return folder;
}

/** Parsed lines of an audit file. */
export function entriesOf(file: string): AuditEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry);
}

/** A policy that denies `refund` calls by rule. */
export const denyRefunds = () => policy({ rules: [{ name: 'no-refunds', when: (call) => call.tool === 'refund', then: 'deny', reason: 'refunds need a human' }] });

/** A warden with an audit log on `file`, a `lookup` tool and a denied `refund` tool. */
export function auditedWarden(file: string, options: { version?: VersionParts; agent?: string; audit?: Partial<AuditLogOptions> } = {}) {
  const warden = createWarden({
    agent: options.agent ?? 'support-agent',
    version: options.version ?? { model: 'gpt-4o', prompt: 'be helpful' },
    middleware: [denyRefunds()],
    audit: auditLog({ file, ...options.audit }),
  });
  const errors: Error[] = [];
  warden.on('error', (error) => errors.push(error));
  const lookup = warden.tool('lookup', async (args: { orderId: string }) => ({ status: 'shipped', orderId: args.orderId }));
  const refund = warden.tool('refund', async (_args: { orderId: string; amount: number }) => 'refunded');
  return { warden, lookup, refund, errors };
}
