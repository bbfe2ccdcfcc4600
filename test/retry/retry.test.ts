import { describe, expect, it } from 'vitest';
import { createWarden, policy, retry, tracing } from '../../src/index.js';
import { memoryTracing } from '../../src/testing/index.js';

describe('retry', () => {
  it('retries a transient failure and returns the later result', async () => {
    const warden = createWarden({ agent: 'a', middleware: [retry({ retries: 2, minTimeoutMs: 1 })] });
    let calls = 0;
    const flaky = warden.tool('flaky', async () => {
      calls += 1;
      if (calls < 3) throw new Error('ECONNRESET');
      return 'ok';
    });
    await expect(flaky({})).resolves.toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the retries and throws the last error', async () => {
    const warden = createWarden({ agent: 'a', middleware: [retry({ retries: 1, minTimeoutMs: 1 })] });
    let calls = 0;
    const broken = warden.tool('broken', async () => {
      calls += 1;
      throw new Error(`fail ${calls}`);
    });
    await expect(broken({})).rejects.toThrow('fail 2');
  });

  it('makes exactly one attempt with retries 0', async () => {
    const warden = createWarden({ agent: 'a', middleware: [retry({ retries: 0 })] });
    let calls = 0;
    const broken = warden.tool('broken', async () => {
      calls += 1;
      throw new Error('down');
    });
    await expect(broken({})).rejects.toThrow('down');
    expect(calls).toBe(1);
  });

  it('stops waiting to retry when the caller aborts', async () => {
    const warden = createWarden({ agent: 'a', middleware: [retry({ retries: 3, minTimeoutMs: 60_000 })] });
    const controller = new AbortController();
    let calls = 0;
    const broken = warden.tool('broken', async () => {
      calls += 1;
      setTimeout(() => controller.abort(new Error('user gave up')), 5);
      throw new Error('down');
    });
    await expect(broken({}, { signal: controller.signal })).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('never retries a warden error', async () => {
    let reached = 0;
    const warden = createWarden({ agent: 'a', middleware: [retry({ retries: 3, minTimeoutMs: 1 }), policy({ deny: ['t'] })] });
    const tool = warden.tool('t', async () => ++reached);
    await expect(tool({})).rejects.toMatchObject({ code: 'policy_denied' });
    expect(reached).toBe(0);
  });

  it('raises call.attempt and adds one span event per attempt', async () => {
    const otel = memoryTracing();
    const attempts: number[] = [];
    const warden = createWarden({ agent: 'a', middleware: [tracing({ tracerProvider: otel.provider }), retry({ retries: 2, minTimeoutMs: 1 })] });
    const flaky = warden.tool('flaky', async (_args: unknown, { call }) => {
      attempts.push(call.attempt);
      if (attempts.length < 2) throw new Error('blip');
      return 'ok';
    });
    await warden.run({}, () => flaky({}));
    expect(attempts).toEqual([1, 2]);
    const [span] = otel.spansNamed('execute_tool flaky');
    expect(span!.events.filter((event) => event.name === 'agentwarden.retry.attempt')).toHaveLength(2);
  });

  it('rejects bad options naming the field', () => {
    expect(() => retry({ retries: -1 })).toThrow('retry: `retries` must be a non-negative integer, got -1');
  });
});
