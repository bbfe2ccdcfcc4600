/**
 * A shop MCP server over stdio, guarded by its own warden, for the child-process test:
 * `delete_customer` is denied by policy, `slow_report` never answers.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { wardenMcpServer } from '../../../src/adapters/mcp.js';
import { createWarden, policy } from '../../../src/index.js';

const warden = createWarden({ agent: 'shop-stdio', middleware: [policy({ deny: ['delete_customer'] })] });
const server = wardenMcpServer(new McpServer({ name: 'shop-stdio', version: '2.0.0' }), warden);
server.registerTool('lookup_order', { inputSchema: { orderId: z.string() } }, async ({ orderId }) => ({ content: [{ type: 'text', text: `order ${orderId}: shipped` }] }));
server.registerTool('delete_customer', { inputSchema: { customerId: z.string() } }, async ({ customerId }) => ({ content: [{ type: 'text', text: `deleted ${customerId}` }] }));
server.registerTool('slow_report', { description: 'Never answers.' }, () => new Promise(() => {}));
await server.connect(new StdioServerTransport());
