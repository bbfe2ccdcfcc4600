// `agentwarden/langchain`: the LangChain.js adapter. Re-exports only.
export { wardenTool, wardenTools, isGuardedBy } from './langchain/tools.js';
export type { WardenToolOptions, WardenGuardedTool } from './langchain/tools.js';
export { WardenCallbackHandler } from './langchain/callback-handler.js';
export type { WardenCallbackHandlerOptions } from './langchain/callback-handler.js';
export type { ModelCallEstimate } from './langchain/model-gate.js';
export { wardenMiddleware } from './langchain/middleware.js';
export type { WardenMiddlewareOptions, WardenAgentMiddleware } from './langchain/middleware.js';
export { usageFromMessage, usageFromResult } from './langchain/usage.js';
export type { TokenCounts } from './langchain/usage.js';
export type { ApprovalInterrupt, ApprovalResume } from './langchain/approval-interrupt.js';
