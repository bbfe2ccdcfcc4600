import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wardenMcpClient } from '../../src/adapters/mcp.js';
import {
  ApprovalRejectedError,
  BudgetExceededError,
  createWarden,
  HaltedError,
  injectionScreen,
  loopBreaker,
  LoopDetectedError,
  OptionsError,
  policy,
  PolicyDeniedError,
  tokenBudget,
  tracing,
  ValidationError,
  approval,
  type CallObservation,
} from '../../src/index.js';
import { decisionRecorder, memoryTracing, type MemoryTracing } from '../../src/testing/index.js';
import { connect, INJECTED, shopServer, textOf } from './mcp-fixtures.js';

let otel: MemoryTracing;
beforeEach(() => {
  otel = memoryTracing({ global: true });
});
afterEach(async () => {
  await otel.shutdown();
});

async function setup(middleware: Parameters<typeof createWarden>[0]['middleware'], options: Parameters<typeof wardenMcpClient>[2] = {}) {
  const shop = shopServer();
  const raw = await connect(shop.server);
  const warden = createWarden({ agent: 'support', middleware: [tracing({ tracerProvider: otel.provider }), ...(middleware ?? [])] });
  const log = decisionRecorder(warden);
  const client = wardenMcpClient(raw, warden, options);
  return { ...shop, raw, warden, log, client };
}

describe('wardenMcpClient', () => {
  it('passes an allowed call to the real server and returns its result', async () => {
    const { client, ran, warden } = await setup([policy({ deny: ['delete_customer'] })]);
    const calls: CallObservation[] = [];
    warden.on('call', (call) => calls.push(call));
    const result = await warden.run({ sessionId: 's1' }, () => client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } }));
    expect(textOf(result)).toBe('order B2: shipped');
    expect(ran).toEqual(['lookup_order:B2']);
    expect(calls.map((call) => [call.tool, call.outcome, call.sessionId])).toEqual([['lookup_order', 'ok', 's1']]);
  });

  it('opens one execute_tool span per call, named for the MCP tool and carrying the server name', async () => {
    const { client, warden } = await setup([]);
    await warden.run({}, async () => {
      await client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } });
      await client.callTool({ name: 'refund', arguments: { orderId: 'B2', amount: 5 } });
    });
    const spans = otel.spans().filter((span) => span.name.startsWith('execute_tool'));
    expect(spans.map((span) => span.name)).toEqual(['execute_tool lookup_order', 'execute_tool refund']);
    expect(spans[0]!.attributes).toMatchObject({ 'gen_ai.tool.name': 'lookup_order', 'agentwarden.mcp.server.name': 'shop', 'agentwarden.mcp.server.version': '1.2.0' });
  });

  it('throws the typed error on a policy deny, records the decision and never reaches the server', async () => {
    const { client, ran, log } = await setup([policy({ deny: ['delete_customer'] })]);
    await expect(client.callTool({ name: 'delete_customer', arguments: { customerId: 'C1' } })).rejects.toBeInstanceOf(PolicyDeniedError);
    expect(ran).toEqual([]);
    expect(log.decisions).toMatchObject([{ outcome: 'deny', tool: 'delete_customer', by: 'policy' }]);
  });

  it("returns an MCP error result the model can read with onDeny: 'result'", async () => {
    const { client, ran } = await setup([policy({ deny: ['delete_customer'] })], { onDeny: 'result' });
    const result = await client.callTool({ name: 'delete_customer', arguments: { customerId: 'C1' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Call refused by policy/);
    expect(result._meta).toMatchObject({ 'agentwarden/decision': { code: 'policy_denied', outcome: 'deny', by: 'policy' } });
    expect(ran).toEqual([]);
  });

  it('flags an injected tool result with the screen', async () => {
    const { client, log } = await setup([injectionScreen({ scan: 'results', action: 'flag' })]);
    const result = await client.callTool({ name: 'lookup_order', arguments: { orderId: 'A17' } });
    expect(textOf(result)).toBe(INJECTED);
    expect(log.decisions).toMatchObject([{ outcome: 'flag', by: 'injectionScreen', tool: 'lookup_order' }]);
  });

  it('blocks an injected tool result with the default screen', async () => {
    const { client } = await setup([injectionScreen()], { onDeny: 'result' });
    const result = await client.callTool({ name: 'lookup_order', arguments: { orderId: 'A17' } });
    expect(result.isError).toBe(true);
    expect(result._meta).toMatchObject({ 'agentwarden/decision': { code: 'injection_detected' } });
  });

  it('asks the approver before a gated call and returns its rejection as a refusal', async () => {
    const { client, ran, log } = await setup([approval({ when: (call) => call.tool === 'refund', approver: async () => ({ approved: false, by: 'ana', reason: 'too large' }) })]);
    await expect(client.callTool({ name: 'refund', arguments: { orderId: 'A1', amount: 900 } })).rejects.toBeInstanceOf(ApprovalRejectedError);
    expect(ran).toEqual([]);
    expect(log.decisions.map((decision) => [decision.outcome, decision.by])).toContainEqual(['reject', 'ana']);
  });

  it('halts the third identical call in a run with the loop breaker, even with onDeny: result', async () => {
    const { client, ran, warden } = await setup([loopBreaker({ maxRepeats: 2 })], { onDeny: 'result' });
    await warden.run({}, async () => {
      await client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } });
      await client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } });
      await expect(client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } })).rejects.toBeInstanceOf(LoopDetectedError);
    });
    expect(ran).toHaveLength(2);
  });

  it('refuses every call while the kill switch is on', async () => {
    const { client, ran, warden } = await setup([], { onDeny: 'result' });
    warden.halt('incident 42');
    await expect(client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } })).rejects.toBeInstanceOf(HaltedError);
    expect(ran).toEqual([]);
  });

  it('stops the run once the token budget is spent', async () => {
    const { client, warden } = await setup([tokenBudget({ limits: { run: 100 } })]);
    await warden.run({}, async () => {
      await warden.recordUsage({ model: 'm', inputTokens: 90, outputTokens: 20 });
      await expect(client.callTool({ name: 'lookup_order', arguments: { orderId: 'B2' } })).rejects.toBeInstanceOf(BudgetExceededError);
    });
  });

  it("checks arguments against the tool's JSON schema from listTools before sending", async () => {
    const { client, ran, log } = await setup([]);
    await client.listTools();
    const error = await client.callTool({ name: 'refund', arguments: { orderId: 'A1', amount: 'lots' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(ran).toEqual([]);
    expect(log.decisions).toMatchObject([{ outcome: 'deny', by: 'mcpInputSchema', tool: 'refund' }]);
  });

  it('reads destructiveHint as a high-risk tool', async () => {
    const seen: unknown[] = [];
    const { client } = await setup([
      async (call, next) => {
        seen.push([call.tool, call.traits.risk]);
        return next();
      },
    ]);
    await client.listTools();
    await client.callTool({ name: 'refund', arguments: { orderId: 'A1', amount: 5 } });
    expect(seen).toEqual([['refund', 'high']]);
  });

  it('hides the tools a policy denies from listTools', async () => {
    const { client } = await setup([], { hideDenied: { deny: ['delete_customer'] } });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['lookup_order', 'refund', 'flaky']);
  });

  it("returns the server's own error result as is, and takes the callId from _meta", async () => {
    const { client, warden } = await setup([]);
    const calls: CallObservation[] = [];
    warden.on('call', (call) => calls.push(call));
    const result = await client.callTool({ name: 'flaky', arguments: {}, _meta: { 'agentwarden/callId': 'call_7' } });
    expect(result).toMatchObject({ isError: true, content: [{ type: 'text', text: 'inventory service down' }] });
    expect(calls.map((call) => call.callId)).toEqual(['call_7']);
  });

  it('leaves the original client unguarded and guards the same client once per warden', async () => {
    const { client, raw, warden, log } = await setup([policy({ deny: ['delete_customer'] })]);
    await expect(raw.callTool({ name: 'delete_customer', arguments: { customerId: 'C1' } })).resolves.toMatchObject({ content: [{ text: 'deleted C1' }] });
    expect(wardenMcpClient(client, warden)).toBe(client);
    expect(() => wardenMcpClient(client, createWarden({ agent: 'other' }))).toThrow(OptionsError);
    expect(log.decisions).toEqual([]);
  });

  it.each([
    [{ onDeny: 'ignore' }, /`onDeny` must be 'throw' or 'result'/],
    [{ timeoutMs: -1 }, /`timeoutMs` must be a positive number/],
    [{ hideDenied: 'policy' }, /`hideDenied` must be a policy/],
  ])('rejects bad options at construction: %o', async (options, message) => {
    const { raw, warden } = await setup([]);
    expect(() => wardenMcpClient(raw, warden, options as never)).toThrow(message);
  });
});

describe('wardenMcpClient against a server that misbehaves', () => {
  it('rejects a malformed tool result with the SDK error, recorded as a failed call, and nothing runs twice', async () => {
    const { Server } = await import('@modelcontextprotocol/sdk/server/index.js');
    const { CallToolRequestSchema, ListToolsRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
    const server = new Server({ name: 'broken', version: '0.0.1' }, { capabilities: { tools: {} } });
    let served = 0;
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'lookup_order', inputSchema: { type: 'object' as const } }] }));
    server.setRequestHandler(CallToolRequestSchema, async () => {
      served += 1;
      return { content: 'not a list of parts' } as never;
    });
    const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const raw = new Client({ name: 'agent', version: '0.0.1' });
    await Promise.all([server.connect(serverSide), raw.connect(clientSide)]);
    const warden = createWarden({ agent: 'support' });
    const calls: CallObservation[] = [];
    warden.on('call', (call) => calls.push(call));
    const error = await wardenMcpClient(raw, warden, { onDeny: 'result' }).callTool({ name: 'lookup_order', arguments: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(served).toBe(1);
    expect(calls.map((call) => call.outcome)).toEqual(['error']);
    await raw.close();
  });
});
