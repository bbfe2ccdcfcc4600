/** Checks model usage before anything is charged: counts must be non-negative integers. */
import { ValidationError, type ValidationIssue } from './errors.js';
import type { UsageInput } from './types.js';

const COUNT_FIELDS = ['inputTokens', 'outputTokens', 'cachedInputTokens'] as const;

/** Throws a `ValidationError` naming each bad field; charges nothing. */
export function checkUsage(usage: UsageInput): void {
  const issues: ValidationIssue[] = [];
  if (typeof usage !== 'object' || usage === null) {
    issues.push({ path: [], message: 'usage must be an object', code: 'invalid_type' });
  } else {
    if (typeof usage.model !== 'string' || usage.model.length === 0) {
      issues.push({ path: ['model'], message: '`model` must be a non-empty string', code: 'invalid_type' });
    }
    for (const field of COUNT_FIELDS) {
      const value = usage[field];
      if (field === 'cachedInputTokens' && value === undefined) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        issues.push({ path: [field], message: `\`${field}\` must be a non-negative integer, got ${String(value)}`, code: 'invalid_value' });
      }
    }
  }
  if (issues.length === 0) return;
  const reason = issues.map((issue) => issue.message).join('; ');
  throw new ValidationError(
    { outcome: 'deny', by: 'recordUsage', reason, tool: 'model', callId: 'usage', agent: 'unknown', at: new Date().toISOString() },
    issues,
    'usage',
  );
}
