// agentwarden/testing: the offline harness. Re-exports only.
export { memoryTracing } from './memory-tracing.js';
export type { MemoryTracing } from './memory-tracing.js';
export { fakeClock } from './fake-clock.js';
export type { FakeClock } from './fake-clock.js';
export { decisionRecorder } from './decision-recorder.js';
export type { DecisionRecorder } from './decision-recorder.js';
export { formatSpanTree } from './span-tree.js';
export { evaluate } from '../policy/evaluate.js';
