import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wardenMcpClient } from '../../src/adapters/mcp.js';
import { createWarden, policy, PolicyDeniedError, ToolTimeoutError, type Decision } from '../../src/index.js';
import { textOf } from './mcp-fixtures.js';

const serverScript = fileURLToPath(new URL('./mcp/stdio-server.ts', import.meta.url));
let raw: Client;

beforeAll(async () => {
  raw = new Client({ name: 'agent', version: '0.0.1' });
  await raw.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', serverScript], stderr: 'pipe' }));
}, 60_000);
afterAll(async () => {
  await raw?.close();
});

describe('wardenMcpClient and wardenMcpServer over stdio with a child process', () => {
  it('passes an allowed call, and reads the server-side refusal as an error result', async () => {
    const warden = createWarden({ agent: 'support' });
    const client = wardenMcpClient(raw, warden);
    await expect(client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } })).resolves.toMatchObject({ content: [{ text: 'order B2: shipped' }] });
    const refused = await client.callTool({ name: 'delete_customer', arguments: { customerId: 'C1' } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^Call refused by policy/);
  });

  it('refuses on the client before anything crosses the pipe', async () => {
    const warden = createWarden({ agent: 'support', middleware: [policy({ deny: ['delete_customer'] })] });
    const decisions: Decision[] = [];
    warden.on('decision', (decision) => decisions.push(decision));
    await expect(wardenMcpClient(raw, warden).callTool({ name: 'delete_customer', arguments: { customerId: 'C1' } })).rejects.toBeInstanceOf(PolicyDeniedError);
    expect(decisions.map((decision) => decision.outcome)).toEqual(['deny']);
  });

  it('bounds a server that never answers with timeoutMs: a typed ToolTimeoutError, and the connection stays usable', async () => {
    const client = wardenMcpClient(raw, createWarden({ agent: 'support' }), { timeoutMs: 200 });
    await expect(client.callTool({ name: 'slow_report', arguments: {} })).rejects.toBeInstanceOf(ToolTimeoutError);
    await expect(client.callTool({ name: 'lookup_order', arguments: { orderId: 'C3' } })).resolves.toMatchObject({ content: [{ text: 'order C3: shipped' }] });
  });
});
