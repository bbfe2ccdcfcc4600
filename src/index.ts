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

// security
export { injectionScreen, screenedMatches, SCREENED } from './middleware/injection-screen.js';
export type { InjectionScreenOptions } from './middleware/injection-screen.js';
export { outputGate } from './middleware/output-gate.js';
export type { OutputCheck, OutputCheckResult, OutputGateOptions } from './middleware/output-gate.js';
export { redactPII } from './middleware/redact-pii.js';
export type { RedactPIIOptions } from './middleware/redact-pii.js';
export { heuristics, scanText } from './security/heuristics.js';
export type { HeuristicsOptions } from './security/heuristics.js';
export { canary } from './security/canary.js';
export type { Canary, CanaryOptions } from './security/canary.js';
export { maxAmount, allowedDomains, noSecrets } from './security/gate-checks.js';
export type { FieldOption } from './security/gate-checks.js';
export { findPII, isCardNumber, isIban, luhn, PII_KINDS } from './security/pii.js';
export type { PIIKind, PIIMatch } from './security/pii.js';
export { piiRedactor, redactPIIText } from './security/pii-redactor.js';
export type { PIIRedactorOptions, Redactor } from './security/pii-redactor.js';
export { normalizeText } from './security/normalize.js';
export type { NormalizedText } from './security/normalize.js';
export type { Detector, DetectorContext, DetectorFamily, DetectorResult, ScreenMatch } from './security/types.js';
