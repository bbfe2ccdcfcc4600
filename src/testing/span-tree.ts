/** Renders finished spans as an indented tree, for demos and failing-test messages. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** One line per span, children indented under parents, with chosen attributes. */
export function formatSpanTree(spans: readonly ReadableSpan[], attributeKeys: readonly string[] = ['gen_ai.tool.call.id', 'agentwarden.decision', 'error.type']): string {
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  const children = new Map<string | undefined, ReadableSpan[]>();
  for (const span of spans) {
    const parentId = span.parentSpanContext?.spanId;
    const key = parentId && byId.has(parentId) ? parentId : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => hrtimeMs(a.startTime) - hrtimeMs(b.startTime));
    for (const span of list) {
      const facts = attributeKeys.filter((key) => span.attributes[key] !== undefined).map((key) => `${shortKey(key)}=${String(span.attributes[key])}`);
      const status = span.status.code === 2 ? ' ✗' : '';
      lines.push(`${'  '.repeat(depth)}${depth ? '└─ ' : ''}${span.name}${status}${facts.length ? `  [${facts.join(' ')}]` : ''}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}

function hrtimeMs([seconds, nanos]: [number, number]): number {
  return seconds * 1000 + nanos / 1e6;
}

function shortKey(key: string): string {
  return key.replace(/^(gen_ai|agentwarden)\./, '');
}
