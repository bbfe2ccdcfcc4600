import { HumanMessage } from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { describe, expect, it } from 'vitest';
import { WardenCallbackHandler } from '../../src/adapters/langchain.js';
import { BudgetExceededError, createWarden, HaltedError, OptionsError, tokenBudget, type Decision, type SettledUsage } from '../../src/index.js';
import { scriptedModel, type Turn } from './langchain-fixtures.js';

/** A chat model at 120 tokens a call (100 in, 20 out), ten answers deep. */
const tenAnswers = (): Turn[] => Array.from({ length: 10 }, (_, index) => ({ answer: `answer ${index + 1}`, tokens: [100, 20] as [number, number] }));

function budgeted(run = 400) {
  const warden = createWarden({ agent: 'support', middleware: [tokenBudget({ limits: { run } })] });
  const usages: SettledUsage[] = [];
  const decisions: Decision[] = [];
  warden.on('usage', (usage) => usages.push(usage));
  warden.on('decision', (decision) => decisions.push(decision));
  return { warden, usages, decisions };
}

/** Calls `ask` up to ten times in one run; returns how many answers came back and the error that stopped it. */
async function tenCalls(warden: ReturnType<typeof createWarden>, ask: () => Promise<unknown>) {
  let answers = 0;
  let stoppedBy: unknown;
  await warden.run({}, async () => {
    for (let call = 0; call < 10; call += 1) {
      try {
        await ask();
        answers += 1;
      } catch (error) {
        stoppedBy = error;
        break;
      }
    }
  });
  return { answers, stoppedBy };
}

describe('WardenCallbackHandler with raiseError', () => {
  it('stops model.invoke once a 400-token run budget is spent, with BudgetExceededError, before the next model call', async () => {
    const { warden, usages } = budgeted(400);
    const model = scriptedModel(tenAnswers());
    const handler = new WardenCallbackHandler(warden, { model: 'fake-4o', raiseError: true });
    const { answers, stoppedBy } = await tenCalls(warden, () => model.invoke([new HumanMessage('hi')], { callbacks: [handler] }));

    expect(stoppedBy).toBeInstanceOf(BudgetExceededError);
    // 3 × 120 = 360 fits; the 4th call's estimate fits the 40 left, its real 120 overshoots; the 5th is refused.
    expect(answers).toBe(4);
    expect(usages.map((usage) => usage.inputTokens + usage.outputTokens)).toEqual([120, 120, 120, 120]);
  });

  it('still makes every call without raiseError: it records, it does not refuse', async () => {
    const { warden, usages } = budgeted(400);
    const model = scriptedModel(tenAnswers());
    const handler = new WardenCallbackHandler(warden, { model: 'fake-4o' });
    const { answers } = await tenCalls(warden, () => model.invoke([new HumanMessage('hi')], { callbacks: [handler] }));
    expect(answers).toBe(10);
    expect(usages).toHaveLength(10);
  });

  it('refuses a call whose estimate the budget cannot cover, before the model is asked', async () => {
    const { warden, usages } = budgeted(400);
    const model = scriptedModel(tenAnswers());
    const handler = new WardenCallbackHandler(warden, { raiseError: true, estimate: (_input, name) => ({ model: name, inputTokens: 500 }) });
    const { answers, stoppedBy } = await tenCalls(warden, () => model.invoke([new HumanMessage('hi')], { callbacks: [handler] }));
    expect(stoppedBy).toBeInstanceOf(BudgetExceededError);
    expect(answers).toBe(0);
    expect(usages).toEqual([]);
  });

  it('refuses every model call while the kill switch is on, with HaltedError and a halt decision', async () => {
    const { warden, decisions, usages } = budgeted(10_000);
    warden.halt('incident 42');
    const model = scriptedModel(tenAnswers());
    const error = await warden.run({}, () => model.invoke([new HumanMessage('hi')], { callbacks: [new WardenCallbackHandler(warden, { raiseError: true })] })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HaltedError);
    expect(decisions.map((decision) => [decision.outcome, decision.by, decision.reason])).toEqual([['halt', 'kill-switch', 'incident 42']]);
    expect(usages).toEqual([]);
  });

  it('refuses model.stream and batch the same way', async () => {
    const { warden } = budgeted(10_000);
    warden.halt('maintenance');
    const handler = new WardenCallbackHandler(warden, { raiseError: true });
    const model = scriptedModel(tenAnswers());
    await warden.run({}, async () => {
      const streaming = async () => {
        for await (const _chunk of await model.stream([new HumanMessage('hi')], { callbacks: [handler] }));
      };
      await expect(streaming()).rejects.toBeInstanceOf(HaltedError);
      await expect(model.batch([[new HumanMessage('a')], [new HumanMessage('b')]], { callbacks: [handler] })).rejects.toBeInstanceOf(HaltedError);
    });
  });

  it('refuses a model inside an LCEL chain', async () => {
    const { warden, usages } = budgeted(400);
    const chain = ChatPromptTemplate.fromMessages([['human', 'Where is {orderId}?']]).pipe(scriptedModel(tenAnswers()));
    const handler = new WardenCallbackHandler(warden, { model: 'fake-4o', raiseError: true });
    const { answers, stoppedBy } = await tenCalls(warden, () => chain.invoke({ orderId: 'A1' }, { callbacks: [handler] }));
    expect(stoppedBy).toBeInstanceOf(BudgetExceededError);
    expect(answers).toBe(4);
    expect(usages).toHaveLength(4);
  });

  it('rejects bad enforcement options at construction', () => {
    const warden = createWarden({ agent: 'a' });
    expect(() => new WardenCallbackHandler(warden, { raiseError: 'yes' as never })).toThrow(OptionsError);
    expect(() => new WardenCallbackHandler(warden, { estimate: 5 as never })).toThrow(/`estimate` must be a function/);
  });
});
