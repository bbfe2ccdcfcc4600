import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenMcpClient, wardenMcpServer } from '../../src/adapters/mcp.js';
import { approval, createWarden, injectionScreen, OptionsError, policy, tracing, type CallObservation } from '../../src/index.js';
import { decisionRecorder, memoryTracing, type MemoryTracing } from '../../src/testing/index.js';
import { connect, shopServer, textOf } from './mcp-fixtures.js';

let otel: MemoryTracing;
beforeEach(() => {
  otel = memoryTracing({ global: true });
});
afterEach(async () => {
  await otel.shutdown();
});

function serverWarden(middleware: Parameters<typeof createWarden>[0]['middleware'] = []) {
  const warden = createWarden({ agent: 'shop-server', middleware: [tracing({ tracerProvider: otel.provider }), ...(middleware ?? [])] });
  return { warden, log: decisionRecorder(warden) };
}

describe('wardenMcpServer', () => {
  it('runs an allowed call through the warden, one span per call', async () => {
    const { server, ran } = shopServer();
    const { warden } = serverWarden([policy({ deny: ['delete_customer'] })]);
    const calls: CallObservation[] = [];
    warden.on('call', (call) => calls.push(call));
    const client = await connect(wardenMcpServer(server, warden));
    const result = await client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } });
    expect(textOf(result)).toBe('order B2: shipped');
    expect(ran).toEqual(['lookup_order:B2']);
    expect(calls.map((call) => [call.tool, call.outcome])).toEqual([['lookup_order', 'ok']]);
    expect(otel.spansNamed('execute_tool lookup_order')).toHaveLength(1);
  });

  it('answers a policy deny with an MCP error result carrying the reason, and records the decision', async () => {
    const { server, ran } = shopServer();
    const { warden, log } = serverWarden([policy({ deny: ['delete_customer'] })]);
    const client = await connect(wardenMcpServer(server, warden));
    const result = await client.callTool({ name: 'delete_customer', arguments: { customerId: 'C1' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Call refused by policy/);
    expect(result._meta).toMatchObject({ 'agentwarden/decision': { code: 'policy_denied', outcome: 'deny' } });
    expect(ran).toEqual([]);
    expect(log.decisions).toMatchObject([{ outcome: 'deny', tool: 'delete_customer', agent: 'shop-server' }]);
    // The server keeps serving after a refusal.
    await expect(client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } })).resolves.toMatchObject({ content: [{ text: 'order B2: shipped' }] });
  });

  it('guards tools registered after wrapping, with the args the client sent', async () => {
    const { server } = shopServer();
    const { warden } = serverWarden([policy({ deny: ['wipe'] })]);
    wardenMcpServer(server, warden);
    const seen: unknown[] = [];
    server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => {
      seen.push(text);
      return { content: [{ type: 'text', text }] };
    });
    server.registerTool('wipe', { description: 'Wipes everything.' }, async () => ({ content: [{ type: 'text', text: 'wiped' }] }));
    const client = await connect(server);
    await expect(client.callTool({ name: 'echo', arguments: { text: 'hi' } })).resolves.toMatchObject({ content: [{ text: 'hi' }] });
    await expect(client.callTool({ name: 'wipe', arguments: {} })).resolves.toMatchObject({ isError: true });
    expect(seen).toEqual(['hi']);
  });

  it('flags an injected result on its way out of the server', async () => {
    const { server } = shopServer();
    const { warden, log } = serverWarden([injectionScreen({ scan: 'results', action: 'flag' })]);
    const client = await connect(wardenMcpServer(server, warden));
    await client.callTool({ name: 'lookup_order', arguments: { orderId: 'A17' } });
    expect(log.decisions).toMatchObject([{ outcome: 'flag', by: 'injectionScreen', tool: 'lookup_order' }]);
  });

  it('holds a refund behind an approver and tells the client who said no', async () => {
    const { server, ran } = shopServer();
    const { warden } = serverWarden([approval({ when: (call) => call.tool === 'refund', approver: async () => ({ approved: false, by: 'ana', reason: 'over the limit' }) })]);
    const client = await connect(wardenMcpServer(server, warden));
    const result = await client.callTool({ name: 'refund', arguments: { orderId: 'A1', amount: 900 } });
    expect(result).toMatchObject({ isError: true, _meta: { 'agentwarden/decision': { code: 'approval_rejected', by: 'ana' } } });
    expect(ran).toEqual([]);
  });

  it('guards a callback swapped in later through update()', async () => {
    const { server } = shopServer();
    const { warden } = serverWarden([policy({ deny: ['flaky'] })]);
    const registered = server.registerTool('flaky2', { description: 'x' }, async () => ({ content: [{ type: 'text', text: 'v1' }] }));
    wardenMcpServer(server, warden);
    registered.update({ callback: async () => ({ content: [{ type: 'text', text: 'v2' }] }) });
    const calls: string[] = [];
    warden.on('call', (call) => calls.push(call.tool));
    const client = await connect(server);
    await expect(client.callTool({ name: 'flaky2', arguments: {} })).resolves.toMatchObject({ content: [{ text: 'v2' }] });
    expect(calls).toEqual(['flaky2']);
  });

  it('counts each call once when the server is guarded twice by the same warden', async () => {
    const { server } = shopServer();
    const { warden } = serverWarden();
    wardenMcpServer(wardenMcpServer(server, warden), warden);
    const calls: string[] = [];
    warden.on('call', (call) => calls.push(call.tool));
    const client = await connect(server);
    await client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } });
    expect(calls).toEqual(['lookup_order']);
    expect(() => wardenMcpServer(server, createWarden({ agent: 'other' }))).toThrow(OptionsError);
  });

  it('works end to end with a guarded client in front of a guarded server', async () => {
    const { server } = shopServer();
    const serverSide = serverWarden([policy({ deny: ['delete_customer'] })]);
    const clientSide = serverWarden([]);
    const client = wardenMcpClient(await connect(wardenMcpServer(server, serverSide.warden)), clientSide.warden);
    const result = await client.callTool({ name: 'delete_customer', arguments: { customerId: 'C1' } });
    // The server's refusal reaches the client as the tool's own error result.
    expect(result.isError).toBe(true);
    expect(serverSide.log.decisions).toMatchObject([{ outcome: 'deny' }]);
    expect(clientSide.log.decisions).toEqual([]);
  });
});
