/**
 * Span attributes of a settled model call: the OpenTelemetry GenAI usage keys plus
 * agentwarden's cost and scope keys. The tracing middleware's `recordUsage` can use the same
 * set; `tokenBudget` puts them on the active span itself when no tracer is registered.
 */
import type { SettledUsage } from '../core/types.js';

/** Attribute set for one settled usage; `agentwarden.cost.unpriced` marks an unknown model. */
export function usageAttributes(usage: SettledUsage): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {
    'gen_ai.request.model': usage.model,
    'gen_ai.usage.input_tokens': usage.inputTokens,
    'gen_ai.usage.output_tokens': usage.outputTokens,
    'gen_ai.agent.name': usage.agent,
    'agentwarden.version.id': usage.versionId,
  };
  if (usage.cachedInputTokens !== undefined) attributes['agentwarden.usage.cached_input_tokens'] = usage.cachedInputTokens;
  if (usage.costUsd !== undefined) attributes['agentwarden.cost.usd'] = usage.costUsd;
  if (usage.unpriced) attributes['agentwarden.cost.unpriced'] = true;
  if (usage.runId !== undefined) attributes['agentwarden.run.id'] = usage.runId;
  if (usage.sessionId !== undefined) attributes['gen_ai.conversation.id'] = usage.sessionId;
  if (usage.workflow !== undefined) attributes['agentwarden.workflow'] = usage.workflow;
  if (usage.department !== undefined) attributes['agentwarden.department'] = usage.department;
  return attributes;
}
