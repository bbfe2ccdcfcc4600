// Re-exports only. See DESIGN.md for the public contract.
export { createWarden } from './core/warden.js';
export type { ExternalDecision, Warden, WardenOptions, WardenPlugin, GuardedTool, GuardedCallOptions, ToolContext, ToolOptions, WardenStats, ApprovalsApi } from './core/warden.js';
export { compose, middlewareName, stepMiddleware } from './core/compose.js';
export { decide, decisionFor } from './core/decision.js';
export type { DecisionInput } from './core/decision.js';
export { runLocal, emitDecision, clockOf, hostOf } from './core/call-context.js';
export { versionStamp, versionAttributes } from './core/version-stamp.js';
export { stableHash } from './internal/stable-hash.js';
export { systemClock } from './core/clock.js';
export { validateInput, validateOutput } from './validation/validate.js';
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
} from './core/errors.js';
export type { ValidationIssue } from './core/errors.js';
export type {
  ApprovalRequirement,
  CallObservation,
  CallOutcome,
  Clock,
  Decision,
  DecisionOutcome,
  Middleware,
  CallSteps,
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
} from './core/types.js';

// foundation middleware
export { tracing } from './tracing/tracing.js';
export type { TracingOptions } from './tracing/tracing.js';
export { policy, compilePolicy, policyHash } from './policy/policy.js';
export type { PolicySpec, PolicyRule, PolicyVerdict, ToolLists, PolicyVerdictDetail } from './policy/policy.js';
export { loadPolicy, parsePolicyJson } from './policy/load-policy.js';
export type { JsonCondition, ArgCondition } from './policy/load-policy.js';
export { loopBreaker } from './loop/loop-breaker.js';
export type { LoopBreakerOptions, CircuitState } from './loop/loop-breaker.js';
export { retry } from './retry/retry.js';
export type { RetryOptions } from './retry/retry.js';
export { evaluate } from './policy/evaluate.js';
export type { Evaluation, EvaluationCall } from './policy/evaluate.js';

// drift
export { driftMonitor } from './drift/drift-monitor.js';
export type { DriftMonitorOptions, DriftBaselineOptions, CustomMetric, MetricValueOf } from './drift/drift-monitor.js';
export type { DriftApi } from './drift/api.js';
export type { DriftAlarm, DriftStatistic } from './drift/alarm.js';
export type { DriftStatus } from './drift/engine.js';
export type { DriftSnapshot, VersionBaselines } from './drift/snapshot.js';
export type { Baseline, MeanBaseline, MixBaseline, GivenMeanBaseline, GivenMixBaseline } from './drift/baseline.js';
export type { BuiltinMetric } from './drift/metrics.js';
export { createCusum } from './drift/cusum.js';
export type { Cusum, CusumOptions, CusumAlarm } from './drift/cusum.js';
export { createMixTest } from './drift/mix-test.js';
export type { MixTest, MixTestOptions, MixAlarm } from './drift/mix-test.js';
// audit
export { auditLog } from './audit/audit-log.js';
export type { AuditLogOptions, AuditLogPlugin } from './audit/audit-log.js';
export { verifyAudit } from './audit/verify.js';
export type { VerifyAuditOptions } from './audit/verify.js';
export type { VerifyResult } from './audit/chain-verifier.js';
export { readAudit, scanAudit } from './audit/read-audit.js';
export type { ReadAuditOptions, ScanSummary } from './audit/read-audit.js';
export { AuditWriteError, AuditTornTailError } from './audit/audit-errors.js';
export { pruneAudit } from './audit/prune.js';
export type { PruneAuditOptions, PrunedSegment } from './audit/prune.js';
export type { AuditKey, AuditKeyPair, AuditKeyProvider } from './audit/audit-key.js';
export type { AuditCheckpoint, AnchorSink } from './audit/anchors.js';
export type { AnchorProblem, AnchorReport } from './audit/anchor-check.js';
export type {
  AuditEntry,
  AuditEntryType,
  AuditScope,
  AuditVersion,
  CallEntry,
  DecisionEntry,
  EventEntry,
  GenesisEntry,
  RotateEntry,
  RunEntry,
  StartEntry,
  SwitchEntry,
  TornTailEntry,
  UsageEntry,
  VersionChangeEntry,
} from './audit/entries.js';
export { buildReport } from './report/lazy.js';
export type { BuildReportOptions } from './report/build-report.js';
export { renderMarkdown } from './report/markdown.js';
export { renderHtml } from './report/html.js';
export type { ReportData, ReportFilter, CostDimension, CostRow, Incident, TimelineItem } from './report/report-data.js';
export { startConsole } from './console/lazy.js';
export type { ConsoleOptions, ConsoleServer } from './console/server.js';
export { storeInbox, approvalsInbox, InboxResolveError } from './console/approval-inbox.js';
export type { ApprovalInbox, PendingApproval, InboxVerdict, TicketStoreLike, ApprovalsApiLike } from './console/approval-inbox.js';

// approval
export { approval } from './approval/approval.js';
export type { ApprovalOptions } from './approval/approval.js';
export type { ApprovalRequest, Approver } from './approval/ask-approver.js';
export type { ApprovalVerdict } from './approval/resolve.js';
export type { OnStale } from './approval/stale.js';
export type { ApprovalEvent, ApprovalEventKind } from './approval/events.js';
export type { WaitOptions } from './approval/api.js';
export { ApprovalTicketError } from './approval/errors.js';
export type { ApprovalTicketProblem } from './approval/errors.js';
export { memoryApprovalStore } from './stores/memory-approval-store.js';
export { fileApprovalStore } from './stores/file-approval-store.js';
export type { FileApprovalStoreOptions } from './stores/file-approval-store.js';
export { TICKET_STATUSES } from './stores/approval-store.js';
export type {
  ApprovalStore,
  ApprovalTicket,
  TicketExecution,
  TicketFilter,
  TicketStatus,
  TicketTransition,
  TicketChanges,
  TicketVerdict,
  TransitionResult,
} from './stores/approval-store.js';

// versions
export { versions } from './versions/registry.js';
export type { VersionRegistry, VersionsOptions, ChangeOptions } from './versions/registry.js';
export type { RegistryChange } from './versions/registry-file.js';
export { sessionBucket } from './versions/route.js';
export type { CanaryRoute, RouteOptions } from './versions/route.js';
export type { WatchOptions, DriftSource } from './versions/watch.js';
export { VersionRegistryError } from './versions/errors.js';
export type { VersionRegistryErrorCode } from './versions/errors.js';
export { recorder } from './replay/recorder.js';
export type { Recorder, RecorderOptions } from './replay/recorder.js';
export { replayer } from './replay/replayer.js';
export type { Replayer, ReplayerOptions, ReplayReport } from './replay/replayer.js';
export { readCassette, isCassette, CASSETTE_FORMAT } from './replay/cassette.js';
export type { Cassette, RecordedCall, RecordedDecision, RecordedError, RecordedModelCall, RecordedModelTurn } from './replay/cassette.js';
export { recordModelTurn, nextModelTurn } from './replay/model-turns.js';
export type { CapabilityLookup, RecorderCapability, ReplayerCapability } from './replay/model-turns.js';
export type { Divergence, DivergenceKind } from './replay/divergence.js';
export { InvalidCassetteError, ReplayDivergenceError, ReplayedToolError } from './replay/errors.js';
export { compareVersions } from './eval/lazy.js';
export { exact, regex, schema, custom, llmJudge } from './eval/scorers.js';
export type { LlmJudgeOptions } from './eval/scorers.js';
export { formatComparison } from './eval/table.js';
export type { FormatOptions } from './eval/table.js';
export { scriptedModel } from './eval/scripted-model.js';
export type { ScriptedModel } from './eval/scripted-model.js';
export { caseFromCassette, readCases } from './eval/cases.js';
export { defineEvalConfig } from './eval/config.js';
export type { EvalConfig } from './eval/config.js';
export { pairedPermutationTest } from './eval/stats.js';
export type { PairedTestResult } from './eval/stats.js';
export type {
  CaseComparison,
  CaseRun,
  CompareOptions,
  Comparison,
  EvalAgent,
  EvalAgentContext,
  EvalCase,
  EvalRole,
  EvalSetup,
  MetricRow,
  ScoreContext,
  ScoreValue,
  Scorer,
  Threshold,
} from './eval/types.js';

// budget
export { tokenBudget } from './budget/token-budget.js';
export type { TokenBudgetOptions } from './budget/token-budget.js';
export type { BudgetLimits, ScopedLimit } from './budget/options.js';
export type { BudgetMeter, LimitRaise, LimitRaised } from './budget/meter.js';
export type { BudgetPauseTicket, RefusalFigures } from './budget/exceeded.js';
export type { BudgetPeriod } from './budget/periods.js';
export type { ModelPrice, PricingTable } from './budget/pricing.js';
export type { ThresholdCrossing } from './budget/thresholds.js';
export type { BudgetEvent, BudgetThresholdEvent, BudgetExceededEvent, BudgetPausedEvent, BudgetRaisedEvent, BudgetUnpricedEvent } from './budget/events.js';
export type { CostLine, CostReport, LimitStatus } from './core/types.js';
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

// redis
export { isLoopStore } from './loop/loop-store.js';
export type { LoopStore, LoopEnterRequest, LoopEnterOutcome, LoopFailure } from './loop/loop-store.js';
export { attachStore } from './stores/store-host.js';
export type { HostAwareStore } from './stores/store-host.js';

// security
export { injectionScreen, screenedMatches, SCREENED } from './security/injection-screen.js';
export type { InjectionScreenOptions } from './security/injection-screen.js';
export { outputGate } from './security/output-gate.js';
export type { OutputCheck, OutputCheckResult, OutputGateOptions } from './security/output-gate.js';
export { redactPII } from './security/redact-pii.js';
export type { RedactPIIOptions } from './security/redact-pii.js';
export { heuristics, scanText, STRUCTURAL_FAMILIES } from './security/heuristics.js';
export { classifier, loadScreenModel } from './security/classifier/classifier.js';
export type { ClassifierDetector, ClassifierOptions, RuleDetector } from './security/classifier/classifier.js';
export { ScreenModelError } from './security/classifier/errors.js';
export { externalDetector } from './security/external-detector.js';
export type { ExternalDetectorOptions } from './security/external-detector.js';
export { SENSITIVITY } from './security/classifier/calibration.js';
export type { Sensitivity } from './security/classifier/calibration.js';
export type { CalibrationAnchors, ScreenModel } from './security/classifier/model-file.js';
export type { HeuristicsOptions } from './security/heuristics.js';
export { canary } from './security/canary.js';
export type { Canary, CanaryOptions } from './security/canary.js';
export { maxAmount, allowedDomains, noSecrets } from './security/gate-checks.js';
export type { FieldOption } from './security/gate-checks.js';
export { findPII, isCardNumber, isIban, luhn, PII_KINDS } from './security/pii.js';
export type { PIIKind, PIIMatch } from './security/pii.js';
export { piiRedactor, redactPIIText } from './security/pii-redactor.js';
export { isSecretName } from './security/redact-secret-names.js';
export { secretRedactor } from './security/redact-secrets.js';
export type { SecretRedactorOptions } from './security/redact-secrets.js';
export type { PIIRedactorOptions, Redactor } from './security/pii-redactor.js';
export { normalizeText } from './security/normalize.js';
export type { NormalizedText } from './security/normalize.js';
export type { Detector, DetectorContext, DetectorFamily, DetectorResult, ScreenMatch } from './security/types.js';
