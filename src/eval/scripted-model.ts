/** A scripted model: hands out prepared answers in order, so an eval needs no key and no network. */

/** Answers handed out one by one. */
export interface ScriptedModel<Answer = unknown> {
  /** The next answer; throws when the script is used up. */
  next(): Answer;
  readonly used: number;
  readonly remaining: number;
}

/**
 * Creates a scripted model.
 * @param answers in the order the agent will ask for them.
 * @example
 * const model = scriptedModel([{ tool: 'lookup_order', args: { orderId: 'A1' } }, { text: 'Done.' }]);
 * const first = model.next();
 */
export function scriptedModel<Answer>(answers: readonly Answer[]): ScriptedModel<Answer> {
  if (!Array.isArray(answers)) throw new TypeError('scriptedModel: `answers` must be an array');
  let used = 0;
  return {
    next() {
      if (used >= answers.length) throw new Error(`scripted model: no answer left after ${answers.length}`);
      return answers[used++]!;
    },
    get used() {
      return used;
    },
    get remaining() {
      return answers.length - used;
    },
  };
}
