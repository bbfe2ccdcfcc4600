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

// budget
export { tokenBudget } from './middleware/token-budget.js';
export type { TokenBudgetOptions } from './middleware/token-budget.js';
export type { BudgetLimits, ScopedLimit } from './budget/options.js';
export type { BudgetMeter, LimitRaise, LimitRaised } from './budget/meter.js';
export type { BudgetPauseTicket, RefusalFigures } from './budget/exceeded.js';
export type { BudgetPeriod } from './budget/periods.js';
export type { ModelPrice, PricingTable } from './budget/pricing.js';
export type { ThresholdCrossing } from './budget/thresholds.js';
export type { BudgetEvent, BudgetThresholdEvent, BudgetExceededEvent, BudgetPausedEvent, BudgetRaisedEvent, BudgetUnpricedEvent } from './budget/events.js';
export type { CostLine, CostReport, LimitStatus } from './types.js';
export { windowId } from './budget/periods.js';
export { costMicros, usdToMicros, microsToUsd } from './budget/pricing.js';
export { BUDGET_THRESHOLDS } from './budget/thresholds.js';
export { usageAttributes } from './budget/attributes.js';
export { estimateTokens } from './budget/estimate.js';
export { isBudgetStore } from './stores/budget-store.js';
export type { BudgetStore, BudgetLine, ReserveRequest, ReserveOutcome, BudgetRefusal, SettleRequest, SettleOutcome, SettledLine, BudgetTotals, BudgetEntry, BudgetSnapshot } from './stores/budget-store.js';
export { memoryBudgetStore } from './stores/memory-budget-store.js';
export type { MemoryBudgetStore, MemoryBudgetStoreOptions } from './stores/memory-budget-store.js';
export { fileBudgetStore } from './stores/file-budget-store.js';
export type { FileBudgetStore, FileBudgetStoreOptions } from './stores/file-budget-store.js';
