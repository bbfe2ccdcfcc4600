import { describe, expect, it } from 'vitest';
import { createWarden, retry } from '../../src/index.js';
import { recorder } from '../../src/replay/recorder.js';
import { replayer } from '../../src/replay/replayer.js';
import { fakeClock } from '../../src/testing/index.js';

describe('record and replay with retries and a fake clock', () => {
  it('records each retry attempt and replays the same sequence', async () => {
    const tape = recorder();
    let failures = 1;
    const flaky = () => {
      if (failures-- > 0) throw new Error('503 upstream');
      return { rate: 1.08 };
    };
    const live = createWarden({ agent: 'fx', middleware: [retry({ retries: 2, minTimeoutMs: 1, maxTimeoutMs: 1 }), tape] });
    const rate = live.tool('fx_rate', flaky);
    const recorded = await live.run({ sessionId: 's' }, () => rate({ pair: 'EURUSD' }));
    const [cassette] = tape.cassettes();
    expect(cassette!.calls.map((call) => [call.attempt, call.outcome, call.error?.message])).toEqual([
      [1, 'error', '503 upstream'],
      [2, 'ok', undefined],
    ]);
    expect(new Set(cassette!.calls.map((call) => call.callId)).size).toBe(1);

    const replay = replayer(cassette!);
    const offline = createWarden({ agent: 'fx', middleware: [retry({ retries: 2, minTimeoutMs: 1, maxTimeoutMs: 1 }), replay] });
    const replayedRate = offline.tool('fx_rate', () => {
      throw new Error('must not run');
    });
    expect(await offline.run({ sessionId: 's' }, () => replayedRate({ pair: 'EURUSD' }))).toEqual(recorded);
    expect(replay.report()).toMatchObject({ identical: true, calls: 2, served: 2 });
  });

  it('takes offsets and durations from the warden clock', async () => {
    const clock = fakeClock();
    const tape = recorder();
    const warden = createWarden({ agent: 'slow', clock, middleware: [tape] });
    const slow = warden.tool('slow', () => {
      clock.advance(250);
      return 'done';
    });
    await warden.run({}, async () => {
      clock.advance(100);
      await slow(undefined);
      await warden.recordUsage({ model: 'm', inputTokens: 1, outputTokens: 1 });
    });
    const [cassette] = tape.cassettes();
    expect(cassette!.calls[0]).toMatchObject({ offsetMs: 100, durationMs: 250 });
    expect(cassette!.model[0]).toMatchObject({ offsetMs: 350 });
    expect(cassette!.durationMs).toBe(350);
    expect(cassette!.startedAt).toBe(new Date(Date.UTC(2026, 0, 1)).toISOString());
  });
});
