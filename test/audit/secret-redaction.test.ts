import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CallEntry } from '../../src/audit/entries.js';
import { auditedWarden, entriesOf, tempDir } from './helpers.js';

const SECRET_NAMES = ['x-api-key', 'authToken', 'db_password', 'client_secret', 'refresh_token', 'aws_secret_access_key', 'privateKey', 'Authorization', 'cookie', 'set-cookie', 'session_id'];

describe('audit call lines and secrets', () => {
  it('writes no value held under a secret name, and keeps ordinary fields', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const { warden, lookup } = auditedWarden(file);
    const args: Record<string, unknown> = { orderId: 'A1', tokens: 512, passage: 'the monkey and the keyboard' };
    SECRET_NAMES.forEach((name, index) => (args[name] = `raw-secret-value-${index}`));
    await lookup(args as { orderId: string });
    await warden.close();
    expect(readFileSync(file, 'utf8')).not.toContain('raw-secret-value-');
    const call = entriesOf(file).find((entry): entry is CallEntry => entry.type === 'call')!;
    const written = call.args as Record<string, unknown>;
    for (const name of SECRET_NAMES) expect(written[name]).toMatch(/^\[secret:[0-9a-f]+\]$/);
    expect(written).toMatchObject({ orderId: 'A1', tokens: 512, passage: 'the monkey and the keyboard' });
  });

  it('redacts token shapes inside a failed call’s error message', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const { warden } = auditedWarden(file);
    const failing = warden.tool('deploy', async () => {
      throw new Error('push failed with ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    });
    await expect(failing({})).rejects.toThrow();
    await warden.close();
    expect(readFileSync(file, 'utf8')).not.toContain('ghp_abcdef');
  });
});
