import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/eval/compare.js';
import { caseFromCassette } from '../../src/eval/cases.js';
import { createWarden, type Warden } from '../../src/index.js';
import { nextModelTurn, recordModelTurn } from '../../src/replay/model-turns.js';
import { recorder } from '../../src/replay/recorder.js';
import { replayer } from '../../src/replay/replayer.js';

/** A "model" that must not be reached during replay. */
function liveModel(question: string): string {
  return question.includes('A1') ? 'call lookup_order A1' : 'answer: no idea';
}

async function agent(warden: Warden, question: string, model: (q: string) => string): Promise<string> {
  const lookup = warden.tool('lookup_order', (args: { orderId: string }) => ({ id: args.orderId, total: 120 }));
  const first = nextModelTurn(warden)?.output as string | undefined ?? model(question);
  recordModelTurn(warden, { model: 'scripted', input: question, output: first });
  if (!first.startsWith('call')) return first;
  const order = await lookup({ orderId: 'A1' });
  const followUp = `order ${order.id} totals ${order.total}`;
  const second = nextModelTurn(warden)?.output as string | undefined ?? `answer: refund ${order.total}`;
  recordModelTurn(warden, { model: 'scripted', input: followUp, output: second });
  return second;
}

describe('model turns on tape', () => {
  it('records model prompts and answers and serves them again on replay', async () => {
    const tape = recorder();
    const live = createWarden({ agent: 'support', middleware: [tape] });
    const output = await live.run({ sessionId: 's', metadata: { input: 'refund A1?' } }, () => agent(live, 'refund A1?', liveModel));
    const [cassette] = tape.cassettes();
    expect(cassette!.turns.map((turn) => [turn.input, turn.output])).toEqual([
      ['refund A1?', 'call lookup_order A1'],
      ['order A1 totals 120', 'answer: refund 120'],
    ]);

    const replay = replayer(cassette!);
    const offline = createWarden({ agent: 'support', middleware: [replay] });
    const unreachable = () => {
      throw new Error('the model must not be called on replay');
    };
    expect(await offline.run({ sessionId: 's' }, () => agent(offline, 'refund A1?', unreachable))).toBe(output);
    expect(replay.report().identical).toBe(true);
  });

  it('is a no-op without a recorder or replayer', async () => {
    const plain = createWarden({ agent: 'support' });
    expect(await plain.run({}, () => agent(plain, 'refund A1?', liveModel))).toBe('answer: refund 120');
  });

  it('gives eval cases from cassettes the recorded answers as their scripted model', async () => {
    const tape = recorder();
    const live = createWarden({ agent: 'support', middleware: [tape] });
    await live.run({ sessionId: 's', metadata: { input: 'refund A1?' } }, () => agent(live, 'refund A1?', liveModel));
    const result = await compareVersions({
      cases: tape.cassettes().map((cassette) => caseFromCassette(cassette, { expected: 'answer: refund 120' })),
      baseline: { prompt: 'v1' },
      candidate: { prompt: 'v2' },
      agent: async ({ warden, input, model }) => {
        const lookup = warden.tool('lookup_order', () => {
          throw new Error('offline');
        });
        const first = model.next() as string;
        if (first.startsWith('call')) await lookup({ orderId: 'A1' });
        return model.next();
      },
    });
    expect(result.cases[0]!.baseline.output).toBe('answer: refund 120');
    expect(result.passed).toBe(true);
  });
});
