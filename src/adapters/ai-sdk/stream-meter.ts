/**
 * Watches a model stream on its way to the SDK without changing it: picks the usage and
 * finish reason from the `finish` part, the response model from `response-metadata`, and
 * counts the generated text for an estimate when the provider reports no usage. Calls
 * `onEnd` exactly once: when the stream finishes, fails, or the consumer cancels it.
 */
import type { ModelFinishReason, ModelStreamPart, ModelUsage } from './sdk-types.js';

/** What a model stream said about itself by the time it ended. */
export interface StreamSummary {
  usage?: ModelUsage;
  finishReason?: ModelFinishReason;
  responseModel?: string;
  responseId?: string;
  /** Text, reasoning and tool input the model produced (for the fallback estimate). */
  outputText: string;
  /** What the model answered, as content parts (text joined, tool calls whole), for the model-turn record. */
  content: Array<{ type: 'text'; text: string } | { type: 'tool-call'; toolCallId: string; toolName: string; input: string }>;
}

/** Returns a stream with the same parts as `source` that reports a summary to `onEnd`. */
export function meterStream(source: ReadableStream<ModelStreamPart>, onEnd: (summary: StreamSummary) => Promise<void>): ReadableStream<ModelStreamPart> {
  const reader = source.getReader();
  const summary: StreamSummary = { outputText: '', content: [] };
  let ended = false;
  const end = () => {
    if (ended) return Promise.resolve();
    ended = true;
    return onEnd(summary);
  };
  return new ReadableStream<ModelStreamPart>({
    async pull(controller) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        await end().catch(() => {});
        controller.error(error);
        return;
      }
      if (next.done) {
        try {
          await end();
          controller.close();
        } catch (error) {
          controller.error(error);
        }
        return;
      }
      observe(summary, next.value);
      controller.enqueue(next.value);
    },
    async cancel(reason) {
      await end().catch(() => {});
      await reader.cancel(reason);
    },
  });
}

function observe(summary: StreamSummary, part: ModelStreamPart): void {
  switch (part.type) {
    case 'text-delta': {
      summary.outputText += part.delta;
      const last = summary.content.at(-1);
      if (last?.type === 'text') last.text += part.delta;
      else summary.content.push({ type: 'text', text: part.delta });
      break;
    }
    case 'reasoning-delta':
      summary.outputText += part.delta;
      break;
    case 'tool-call':
      summary.outputText += part.input;
      summary.content.push({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
      break;
    case 'response-metadata':
      if (part.modelId !== undefined) summary.responseModel = part.modelId;
      if (part.id !== undefined) summary.responseId = part.id;
      break;
    case 'finish':
      summary.usage = part.usage;
      summary.finishReason = part.finishReason;
      break;
  }
}
