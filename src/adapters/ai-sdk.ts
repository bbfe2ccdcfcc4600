/**
 * `agentwarden/ai-sdk`: the Vercel AI SDK (`ai@6`) adapter. `wardenTools` guards a tool
 * record, `wardenModel` (or `wardenMiddleware`) budgets and traces the model. Re-exports only.
 */
export { wardenTools } from './ai-sdk/tools.js';
export type { WardenToolsOptions } from './ai-sdk/tools.js';
export { wardenModel, wardenMiddleware } from './ai-sdk/model.js';
export type { WardenModelOptions } from './ai-sdk/model.js';
export type { ChatSpanMode } from './ai-sdk/chat-span.js';
export type { OnDeny } from './ai-sdk/stop-latch.js';
export type { SdkApprovalPredicate } from './ai-sdk/sdk-approval.js';
export type { SdkApprover, SdkApprovalAnswer } from './ai-sdk/sdk-denials.js';
