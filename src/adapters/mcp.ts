/**
 * `agentwarden/mcp`: the Model Context Protocol adapter (`@modelcontextprotocol/sdk@1`).
 * `wardenMcpClient` guards a client's tool calls, `wardenMcpServer` the tools a server
 * exposes. Re-exports only.
 */
export { wardenMcpClient } from './mcp/client.js';
export type { WardenMcpClientOptions } from './mcp/client.js';
export { wardenMcpServer } from './mcp/server.js';
export type { WardenMcpServerOptions } from './mcp/server.js';
export { CALL_ID_META_KEY, DECISION_META_KEY } from './mcp/outcome.js';
export type { RefusalResult } from './mcp/outcome.js';
