/**
 * OpenTelemetry spans with the GenAI semantic conventions: `invoke_agent {agent}` per run,
 * `execute_tool {tool}` per call as its child, `chat {model}` from adapters. Spans go to
 * whatever provider the host registered. Tracing never breaks the host: every error from
 * the OpenTelemetry SDK, a processor or an exporter is swallowed and counted in
 * `warden.stats()['tracing.errors']`. Content (args, results) is captured only when asked,
 * redacted and truncated.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { context as otelContext, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { z } from 'zod';
import { stepMiddleware } from '../core/compose.js';
import { isWardenError } from '../core/errors.js';
import { functionOption, parseOptions } from '../internal/options.js';
import { safeJson } from '../internal/safe-json.js';
import { piiRedactor } from '../security/pii-redactor.js';
import type { Decision, Middleware, RunInfo, RunTracer, SettledUsage, ToolCall, WardenHost } from '../core/types.js';
import { versionAttributes } from '../core/version-stamp.js';

/** Options of `tracing`. */
export interface TracingOptions {
  /** Record tool args and results on spans. Defaults to `false`. */
  captureContent?: boolean;
  /** Longest captured content, in characters. Defaults to `2000`. */
  maxContentLength?: number;
  /**
   * Called for every key/value of captured content; return the value to record. Defaults to
   * `piiRedactor()`: e-mails, phones, cards, IBANs, SSNs and secrets become `[kind:hash]`.
   */
  redact?: (key: string, value: unknown) => unknown;
  /** Where spans go. Defaults to the global provider (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider;
}

const tracingSchema = z.strictObject({
  captureContent: z.boolean({ message: 'must be a boolean' }).optional(),
  maxContentLength: z.number().int().positive({ message: 'must be a positive integer' }).optional(),
  redact: functionOption('must be a function (key, value) => value').optional(),
  tracerProvider: z.custom<TracerProvider>((value) => typeof (value as TracerProvider)?.getTracer === 'function', { message: 'must be an OpenTelemetry TracerProvider' }).optional(),
});

const TRACER_NAME = 'agentwarden';

/**
 * Traces runs and tool calls with OpenTelemetry GenAI attributes.
 * @param options Content capture and redaction; the provider to use.
 * @returns A middleware named `tracing` that also provides the warden's `tracer` capability.
 * @example
 * const warden = createWarden({ agent: 'refund-agent', middleware: [tracing({ captureContent: true })] });
 */
export function tracing(options: TracingOptions = {}): Middleware {
  const { captureContent = false, maxContentLength = 2000, redact, tracerProvider } = parseOptions('tracing', tracingSchema, options) as TracingOptions;
  const runSpans = new Map<string, Span>();
  // Open call spans by call id (ids are unique per process), so a decision made outside the
  // call's own layers (an approval resolved elsewhere, a retry event) lands on its span.
  const callSpans = new Map<string, Span>();
  const chatStorage = new AsyncLocalStorage<Span>();
  const versionCache = new Map<string, Attributes>();
  let host: WardenHost | undefined;
  let localErrors = 0;
  const swallowed = () => (host ? host.count('tracing.errors') : (localErrors += 1));
  // The global provider may be registered after this middleware is built, so the tracer is
  // looked up again whenever the provider object changes.
  let cachedProvider: TracerProvider | undefined;
  let cachedTracer: Tracer | undefined;
  const tracer = (): Tracer => {
    const provider = tracerProvider ?? trace.getTracerProvider();
    if (provider !== cachedProvider || !cachedTracer) {
      cachedProvider = provider;
      cachedTracer = provider.getTracer(TRACER_NAME);
    }
    return cachedTracer;
  };

  const versionOf = (version: RunInfo['version']): Attributes => {
    let attributes = versionCache.get(version.id);
    if (!attributes) {
      attributes = versionAttributes(version);
      if (versionCache.size > 1000) versionCache.clear();
      versionCache.set(version.id, attributes);
    }
    return attributes;
  };

  // Without a `redact` of the user's, captured content has its PII replaced by keyed labels.
  // Error messages and stacks are redacted always: they often quote the args that failed.
  const defaultRedact = redact ? undefined : piiRedactor();
  const content = (key: string, value: unknown): string => {
    const redacted = redact ? redactDeep(key, value, redact) : defaultRedact!(key, value);
    return typeof redacted === 'string' ? truncate(redacted, maxContentLength) : safeJson(redacted, maxContentLength);
  };
  const errorText = (key: string, text: string): string => {
    const redacted = redact ? redact(key, text) : defaultRedact!(key, text);
    return typeof redacted === 'string' ? redacted : safeJson(redacted, maxContentLength);
  };
  const markError = (span: Span, error: unknown) => markSpanError(span, error, errorText);

  const runTracer: RunTracer = {
    startRun(run) {
      const parent = run.parentRunId ? runSpans.get(run.parentRunId) : undefined;
      const parentContext = parent ? trace.setSpan(otelContext.active(), parent) : otelContext.active();
      const span = tracer().startSpan(
        `invoke_agent ${run.agent}`,
        { kind: SpanKind.INTERNAL, attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': run.agent, ...scopeAttributes(run), ...versionOf(run.version) } },
        parentContext,
      );
      runSpans.set(run.runId, span);
      return span;
    },
    endRun(run, span, error) {
      runSpans.delete(run.runId);
      if (!span) return;
      if (error !== undefined) markError(span, error);
      span.end();
    },
    async chat(run, model, attributes, fn) {
      let span: Span | undefined;
      try {
        const parent = run ? runSpans.get(run.runId) : undefined;
        const parentContext = parent ? trace.setSpan(otelContext.active(), parent) : otelContext.active();
        span = tracer().startSpan(
          `chat ${model}`,
          { kind: SpanKind.CLIENT, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': model, ...(run && { 'gen_ai.agent.name': run.agent, ...scopeAttributes(run), ...versionOf(run.version) }), ...toAttributes(attributes) } },
          parentContext,
        );
      } catch {
        swallowed();
      }
      if (!span) return fn(undefined);
      const active = span;
      try {
        return await chatStorage.run(active, () => otelContext.with(trace.setSpan(otelContext.active(), active), () => fn(active)));
      } catch (error) {
        guard(() => markError(active, error));
        throw error;
      } finally {
        guard(() => active.end());
      }
    },
    callEvent(runId, callId, name, attributes) {
      callSpans.get(callId)?.addEvent(name, attributes);
    },
    recordDecision(decision: Decision) {
      if (decision.outcome === 'allow') return;
      const span = (decision.runId && callSpans.get(decision.callId)) || (decision.runId && runSpans.get(decision.runId));
      if (!span) return;
      span.addEvent('agentwarden.decision', {
        'agentwarden.decision.outcome': decision.outcome,
        'agentwarden.decision.by': decision.by,
        'agentwarden.decision.reason': decision.reason,
        ...(decision.rule !== undefined && { 'agentwarden.decision.rule': decision.rule }),
      });
      span.setAttribute('agentwarden.decision', decision.outcome);
    },
    recordUsage(run, usage: SettledUsage) {
      const span = chatStorage.getStore() ?? (run ? runSpans.get(run.runId) : undefined);
      if (!span) return;
      span.setAttributes({
        'gen_ai.usage.input_tokens': usage.inputTokens,
        'gen_ai.usage.output_tokens': usage.outputTokens,
        ...(usage.cachedInputTokens !== undefined && { 'gen_ai.usage.cache_read.input_tokens': usage.cachedInputTokens }),
        ...(usage.costUsd !== undefined && { 'agentwarden.cost.usd': usage.costUsd }),
        ...(usage.unpriced && { 'agentwarden.cost.unpriced': true }),
      });
    },
  };

  function guard(step: () => void): void {
    try {
      step();
    } catch {
      swallowed();
    }
  }

  /** Parent of a call's span: the active context, with the run's span when it is not already the active one. */
  const parentOf = (call: ToolCall) => {
    const active = otelContext.active();
    const runSpan = runSpans.get(call.runId);
    return runSpan === undefined || trace.getSpan(active) === runSpan ? active : trace.setSpan(active, runSpan);
  };

  // One span per call; its state is the span itself, so nothing per call sits in a shared map
  // except the callId index that lets a decision made elsewhere (an approval) find it.
  return stepMiddleware<Span | undefined>(
    'tracing',
    {
      enter(call) {
        try {
          const span = tracer().startSpan(spanName(call.tool), { kind: SpanKind.INTERNAL, attributes: callAttributes(call) }, parentOf(call));
          if (captureContent) span.setAttribute('gen_ai.tool.call.arguments', content('arguments', call.args));
          callSpans.set(call.callId, span);
          return span;
        } catch {
          swallowed();
          return undefined;
        }
      },
      // The tool runs inside its span's context, so spans it starts itself are children of it.
      around: (span, inner) => (span === undefined ? inner() : otelContext.with(trace.setSpan(otelContext.active(), span), inner)),
      exit(span, result, call) {
        if (span === undefined) return result;
        if (captureContent) guard(() => span.setAttribute('gen_ai.tool.call.result', content('result', result)));
        finish(span, call);
        return result;
      },
      fail(span, error, call) {
        if (span === undefined) return;
        guard(() => markError(span, error));
        finish(span, call);
      },
    },
    (attachedHost) => {
      host = attachedHost;
      if (localErrors > 0) host.count('tracing.errors', localErrors);
      host.provide('tracer', runTracer);
    },
  );

  function finish(span: Span, call: ToolCall): void {
    if (callSpans.get(call.callId) === span) callSpans.delete(call.callId);
    try {
      span.end();
    } catch {
      swallowed();
    }
  }
}

function scopeAttributes(scope: { runId: string; sessionId?: string; workflow?: string; department?: string }): Attributes {
  const attributes: Attributes = { 'agentwarden.run.id': scope.runId };
  if (scope.sessionId !== undefined) attributes['gen_ai.conversation.id'] = scope.sessionId;
  if (scope.workflow !== undefined) attributes['agentwarden.workflow'] = scope.workflow;
  if (scope.department !== undefined) attributes['agentwarden.department'] = scope.department;
  return attributes;
}

const spanNames = new Map<string, string>();

/** `execute_tool {tool}`, built once per tool name (a bounded cache). */
function spanName(tool: string): string {
  let name = spanNames.get(tool);
  if (name === undefined) {
    name = `execute_tool ${tool}`;
    if (spanNames.size >= 1_000) spanNames.clear();
    spanNames.set(tool, name);
  }
  return name;
}

/**
 * Tool spans carry what a backend filters tool calls by; the run's workflow, department and
 * version parts sit once on the parent `invoke_agent` span (fewer attributes per call).
 */
function callAttributes(call: ToolCall): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': call.tool,
    'gen_ai.tool.call.id': call.callId,
    'gen_ai.agent.name': call.agent,
    'agentwarden.version.id': call.version.id,
  };
  if (call.sessionId !== undefined) attributes['gen_ai.conversation.id'] = call.sessionId;
  if (call.attempt > 1) attributes['agentwarden.attempt'] = call.attempt;
  if (call.traits.description !== undefined) attributes['gen_ai.tool.description'] = call.traits.description;
  return attributes;
}

/**
 * Marks a span failed. Spans leave the process for a tracing backend, so the message and
 * stack go through `redactText` first (the stack repeats the message in its first line).
 */
function markSpanError(span: Span, error: unknown, redactText: (key: string, text: string) => string): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  const message = redactText('exception.message', exception.message);
  const stack = typeof exception.stack === 'string' ? redactText('exception.stacktrace', exception.stack) : undefined;
  span.recordException({ name: exception.name, message, ...(stack !== undefined && { stack }) });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute('error.type', isWardenError(error) ? error.code : exception.name);
}

function toAttributes(values: Record<string, unknown>): Attributes {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) attributes[key] = value as string[];
    else attributes[key] = safeJson(value, 2000);
  }
  return attributes;
}

function truncate(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, Math.max(0, maxLength - 1))}…` : text;
}

/** Applies `redact` to every key/value pair of a JSON-like value (cycle-safe, depth-capped). */
function redactDeep(key: string, value: unknown, redact: (key: string, value: unknown) => unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  const replaced = redact(key, value);
  if (depth > 32 || typeof replaced !== 'object' || replaced === null) return replaced;
  if (seen.has(replaced)) return '[Circular]';
  seen.add(replaced);
  if (Array.isArray(replaced)) return replaced.map((item, index) => redactDeep(String(index), item, redact, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [childKey, child] of Object.entries(replaced)) out[childKey] = redactDeep(childKey, child, redact, depth + 1, seen);
  return out;
}
