/**
 * Model turns from LangChain onto the `recorder`'s tape: the messages the model was asked and
 * the message it answered, as LangChain's own stored-message form (`toDict()`), so a replay
 * can rebuild them with `mapStoredMessagesToChatMessages`.
 */
import { mapChatMessagesToStoredMessages, type BaseMessage } from '@langchain/core/messages';
import type { Warden } from '../../core/warden.js';
import { recordModelTurn } from '../../replay/model-turns.js';

/** Records one LangChain model call; a no-op without a `recorder` or outside a run. */
export function recordLangChainTurn(warden: Warden, model: string, input: readonly BaseMessage[], output: unknown): void {
  if (warden.capability('recorder') === undefined) return;
  recordModelTurn(warden, { model, input: storedMessages(input), output: storedMessage(output) });
}

function storedMessages(messages: readonly BaseMessage[]): unknown {
  try {
    return mapChatMessagesToStoredMessages([...messages]);
  } catch {
    return messages;
  }
}

function storedMessage(message: unknown): unknown {
  const toDict = (message as { toDict?: unknown } | undefined)?.toDict;
  return typeof toDict === 'function' ? toDict.call(message) : message;
}
