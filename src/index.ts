// Re-exports only. See DESIGN.md for the public contract.
export { createWarden } from './warden.js';
export type { Warden, WardenOptions, WardenPlugin, GuardedTool, GuardedCallOptions, ToolContext, ToolOptions, WardenStats, ApprovalsApi } from './warden.js';
export { compose, middlewareName } from './compose.js';
export { decide, decisionFor } from './decision.js';
export type { DecisionInput } from './decision.js';
export { runLocal, emitDecision, clockOf, hostOf } from './call-context.js';
export { versionStamp, versionAttributes } from './version.js';
export { stableHash } from './internal/stable-hash.js';
export { systemClock } from './clock.js';
export { validateInput, validateOutput } from './middleware/validate.js';
export {
  WardenError,
  isWardenError,
  PolicyDeniedError,
  ValidationError,
  InjectionDetectedError,
  LoopDetectedError,
  BudgetExceededError,
  ApprovalPendingError,
  ApprovalRejectedError,
  HaltedError,
  ToolTimeoutError,
  StoreUnavailableError,
  OptionsError,
} from './errors.js';
export type { ValidationIssue } from './errors.js';
export type {
  ApprovalRequirement,
  CallObservation,
  CallOutcome,
  Clock,
  Decision,
  DecisionOutcome,
  Middleware,
  Next,
  ReservationHandle,
  RunInfo,
  RunObservation,
  RunScope,
  RunTracer,
  SettledUsage,
  ToolCall,
  ToolTraits,
  UsageEstimate,
  UsageInput,
  UsageMeter,
  VersionParts,
  VersionSource,
  VersionStamp,
  WardenEvents,
  WardenHost,
} from './types.js';

// foundation middleware
export { tracing } from './middleware/tracing.js';
export type { TracingOptions } from './middleware/tracing.js';
export { policy, compilePolicy, policyHash } from './middleware/policy.js';
export type { PolicySpec, PolicyRule, PolicyVerdict, ToolLists, PolicyVerdictDetail } from './middleware/policy.js';
export { loadPolicy, parsePolicyJson } from './middleware/load-policy.js';
export type { JsonCondition, ArgCondition } from './middleware/load-policy.js';
export { loopBreaker } from './middleware/loop-breaker.js';
export type { LoopBreakerOptions, CircuitState } from './middleware/loop-breaker.js';
export { retry } from './middleware/retry.js';
export type { RetryOptions } from './middleware/retry.js';
export { evaluate } from './evaluate.js';
export type { Evaluation, EvaluationCall } from './evaluate.js';
