import type { StructuredToolInterface } from '@langchain/core/tools';
import type { AgentMiddleware, CreateAgentParams } from 'langchain';
import { describe, expectTypeOf, it } from 'vitest';
import { WardenCallbackHandler, wardenMiddleware, wardenTool, wardenTools, type WardenCallbackHandlerOptions, type WardenGuardedTool } from '../../src/adapters/langchain.js';
import type { Warden } from '../../src/index.js';

describe('agentwarden/langchain types', () => {
  it('returns guarded tools that createAgent accepts', () => {
    expectTypeOf(wardenTool).returns.toEqualTypeOf<WardenGuardedTool>();
    expectTypeOf<WardenGuardedTool>().toMatchTypeOf<StructuredToolInterface>();
    expectTypeOf(wardenTools).returns.toMatchTypeOf<NonNullable<CreateAgentParams['tools']>>();
  });

  it('returns an agent middleware and a LangChain callback handler', () => {
    expectTypeOf(wardenMiddleware).returns.toMatchTypeOf<AgentMiddleware>();
    expectTypeOf(WardenCallbackHandler).constructorParameters.toEqualTypeOf<[warden: Warden, options?: WardenCallbackHandlerOptions]>();
  });
});
