import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createWarden,
  HaltedError,
  isWardenError,
  loopBreaker,
  OptionsError,
  PolicyDeniedError,
  policy,
  ToolTimeoutError,
  tracing,
  WardenError,
  type Middleware,
} from '../../src/index.js';
import { decisionRecorder, fakeClock, memoryTracing } from '../../src/testing/index.js';

describe('createWarden', () => {
  it('returns the tool result through a guarded call with the same args', async () => {
    const warden = createWarden({ agent: 'a' });
    const add = warden.tool('add', async (args: { a: number; b: number }) => args.a + args.b);
    await expect(add({ a: 2, b: 3 })).resolves.toBe(5);
  });

  it('runs middleware in onion order, first listed outermost', async () => {
    const order: string[] = [];
    const layer = (name: string): Middleware => async (call, next) => {
      order.push(`${name}:in`);
      const result = await next();
      order.push(`${name}:out`);
      return result;
    };
    const warden = createWarden({ agent: 'a', middleware: [layer('outer'), layer('inner')] });
    await warden.tool('t', async () => order.push('tool'))({});
    expect(order).toEqual(['outer:in', 'inner:in', 'tool', 'inner:out', 'outer:out']);
  });

  it('lets a middleware change the args passed inward', async () => {
    const upper: Middleware = (call, next) => next({ ...call, args: String(call.args).toUpperCase() });
    const warden = createWarden({ agent: 'a', middleware: [upper] });
    await expect(warden.tool('echo', async (text: string) => text)('hi')).resolves.toBe('HI');
  });

  it('gives the tool its callId, signal and the call, and keeps a given callId', async () => {
    const warden = createWarden({ agent: 'a' });
    const controller = new AbortController();
    const seen = await warden.tool('t', async (_args: unknown, context) => context)({}, { callId: 'call-1', signal: controller.signal });
    expect(seen.callId).toBe('call-1');
    expect(seen.signal).toBe(controller.signal);
    expect(seen.call.tool).toBe('t');
  });

  it('fails a call with the plain error a user middleware throws, and the next run is clean', async () => {
    let throwOnce = true;
    const flaky: Middleware = async (call, next) => {
      if (throwOnce) {
        throwOnce = false;
        throw new Error('middleware broke');
      }
      return next();
    };
    const warden = createWarden({ agent: 'a', middleware: [flaky, loopBreaker({ maxCalls: 1 })] });
    const tool = warden.tool('t', async () => 'ok');
    await expect(warden.run({}, () => tool({}))).rejects.toThrow('middleware broke');
    await expect(warden.run({}, () => tool({}))).resolves.toBe('ok');
  });

  it('rejects a middleware that calls next twice concurrently', async () => {
    const twice: Middleware = async (_call, next) => Promise.all([next(), next()]);
    const warden = createWarden({ agent: 'a', middleware: [twice] });
    await expect(warden.tool('t', async () => 1)({})).rejects.toMatchObject({ code: 'next_called_twice' });
  });

  it('rejects a middleware that calls next again after it succeeded', async () => {
    const again: Middleware = async (_call, next) => {
      await next();
      return next();
    };
    const warden = createWarden({ agent: 'a', middleware: [again] });
    await expect(warden.tool('t', async () => 1)({})).rejects.toThrow(/more than once/);
  });
});

describe('warden.run', () => {
  it('keeps loop counters apart for 20 concurrent runs', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ maxRepeats: 2 })] });
    const lookup = warden.tool('lookup', async (args: { id: number }) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      return args.id;
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, run) =>
        warden.run({ sessionId: `s${run}` }, async () => {
          await lookup({ id: 1 });
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
          await lookup({ id: 1 });
          return warden.currentRun()?.sessionId;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, run) => `s${run}`));
  });

  it('keeps the traces of 20 concurrent runs apart', async () => {
    const otel = memoryTracing();
    const warden = createWarden({ agent: 'a', middleware: [tracing({ tracerProvider: otel.provider })] });
    const step = warden.tool('step', async (n: number) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      return n;
    });
    await Promise.all(Array.from({ length: 20 }, (_, run) => warden.run({ sessionId: `s${run}` }, async () => {
      await step(run);
      await step(run);
    })));
    const runs = otel.spansNamed('invoke_agent a');
    expect(runs).toHaveLength(20);
    for (const runSpan of runs) {
      const children = otel.spans().filter((span) => span.parentSpanContext?.spanId === runSpan.spanContext().spanId);
      expect(children).toHaveLength(2);
      for (const child of children) {
        expect(child.spanContext().traceId).toBe(runSpan.spanContext().traceId);
        expect(child.attributes['gen_ai.conversation.id']).toBe(runSpan.attributes['gen_ai.conversation.id']);
      }
    }
  });

  it('nests a run inside a run with its own counters and the parent run id', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ maxCalls: 1 })] });
    const tool = warden.tool('t', async () => warden.currentRun());
    const [outer, inner] = await warden.run({ workflow: 'claims' }, async (outerRun) => {
      await tool({});
      const innerRun = await warden.run({}, async () => tool({}));
      return [outerRun, innerRun];
    });
    expect(inner?.parentRunId).toBe(outer?.runId);
    expect(inner?.workflow).toBe('claims');
  });

  it('emits a run observation with totals when a run ends', async () => {
    const warden = createWarden({ agent: 'a', middleware: [policy({ deny: ['bad'] })] });
    const observations: unknown[] = [];
    warden.on('run', (observation) => observations.push(observation));
    const good = warden.tool('good', async () => 1);
    const bad = warden.tool('bad', async () => 1);
    const broken = warden.tool('broken', async () => {
      throw new Error('x');
    });
    await warden.run({}, async () => {
      await good({});
      await bad({}).catch(() => {});
      await broken({}).catch(() => {});
    });
    expect(observations).toEqual([expect.objectContaining({ calls: 3, blocked: 1, errors: 1, outcome: 'ok' })]);
  });
});

describe('kill switch', () => {
  it('fails every guarded call fast after halt and lets them through after resume', async () => {
    const warden = createWarden({ agent: 'a' });
    const log = decisionRecorder(warden);
    let ran = 0;
    const tool = warden.tool('t', async () => ++ran);
    warden.halt('incident 42');
    const error = await tool({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HaltedError);
    expect((error as HaltedError).decision).toMatchObject({ outcome: 'halt', by: 'kill-switch', reason: 'incident 42' });
    expect(ran).toBe(0);
    expect(warden.halted).toBe(true);
    warden.resume();
    await expect(tool({})).resolves.toBe(1);
    expect(log.summary()).toEqual(['t:halt']);
  });

  it('emits halt and resume events', async () => {
    const warden = createWarden({ agent: 'a' });
    const events: string[] = [];
    warden.on('halt', (event) => events.push(`halt:${event.reason}`));
    warden.on('resume', () => events.push('resume'));
    warden.halt('stop');
    warden.resume();
    expect(events).toEqual(['halt:stop', 'resume']);
  });
});

describe('tool timeouts', () => {
  it('aborts the signal and throws ToolTimeoutError when a tool does not settle in timeoutMs', async () => {
    const clock = fakeClock();
    const warden = createWarden({ agent: 'a', clock });
    let aborted = false;
    const hang = warden.tool('hang', (_args: unknown, { signal }) => new Promise<never>(() => signal?.addEventListener('abort', () => (aborted = true))), { timeoutMs: 1000 });
    const pending = hang({}).catch((error: unknown) => error);
    await clock.advanceAsync(1000);
    const error = await pending;
    expect(error).toBeInstanceOf(ToolTimeoutError);
    expect(aborted).toBe(true);
  });

  it('rejects with the caller signal reason when the caller aborts', async () => {
    const warden = createWarden({ agent: 'a' });
    const controller = new AbortController();
    const hang = warden.tool('hang', () => new Promise<never>(() => {}), { timeoutMs: 60_000 });
    const pending = hang({}, { signal: controller.signal }).catch((error: unknown) => error);
    controller.abort(new Error('user cancelled'));
    expect(await pending).toMatchObject({ message: 'user cancelled' });
  });
});

describe('errors', () => {
  it('makes every blocking error a WardenError with a decision', async () => {
    const warden = createWarden({ agent: 'a', middleware: [policy({ deny: ['x'] })] });
    const error = await warden.tool('x', async () => 1)({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyDeniedError);
    expect(error).toBeInstanceOf(WardenError);
    expect(isWardenError(error)).toBe(true);
    expect((error as PolicyDeniedError).decision).toMatchObject({ outcome: 'deny', tool: 'x', agent: 'a', by: 'policy' });
  });

  it('recognises a warden error from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('agentwarden.error')]: true });
    expect(isWardenError(foreign)).toBe(true);
    expect(isWardenError(new Error('x'))).toBe(false);
  });
});

describe('bad options', () => {
  it.each([
    [{ agent: '' }, /`agent` must be a non-empty string/],
    [{ agent: 'a', middleware: [42] }, /`middleware\[0\]` must be a middleware function/],
    [{ agent: 'a', middleware: 'tracing' }, /`middleware` must be an array/],
    [{ agent: 'a', version: 'v1' }, /`version` must be an object/],
    [{ agent: 'a', audit: {} }, /`audit` must have an attach/],
  ])('rejects %j naming the field', (options, message) => {
    expect(() => createWarden(options as never)).toThrow(OptionsError);
    expect(() => createWarden(options as never)).toThrow(message);
  });

  it('rejects a bad timeoutMs on a tool', () => {
    const warden = createWarden({ agent: 'a' });
    expect(() => warden.tool('t', async () => 1, { timeoutMs: -5 })).toThrow(/`timeoutMs` must be a positive number/);
  });

  it('tells the user which middleware to add when approvals are missing', () => {
    const warden = createWarden({ agent: 'a' });
    expect(() => warden.approvals.list!()).toThrow(/no approval\(\) middleware/);
  });
});

describe('usage without a budget', () => {
  it('rejects negative or fractional token counts with a ValidationError', async () => {
    const warden = createWarden({ agent: 'a' });
    await expect(warden.recordUsage({ model: 'm', inputTokens: -1, outputTokens: 2 })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(warden.recordUsage({ model: 'm', inputTokens: 1.5, outputTokens: 2 })).rejects.toThrow(/inputTokens/);
  });

  it('adds usage to the run observation and emits a usage event', async () => {
    const warden = createWarden({ agent: 'a' });
    const runs: Array<{ inputTokens: number; outputTokens: number }> = [];
    warden.on('run', (run) => runs.push(run));
    await warden.run({}, async () => {
      await warden.recordUsage({ model: 'm', inputTokens: 10, outputTokens: 5 });
      await warden.recordUsage({ model: 'm', inputTokens: 1, outputTokens: 1 });
    });
    expect(runs[0]).toMatchObject({ inputTokens: 11, outputTokens: 6 });
  });
});

describe('tool input and output options', () => {
  it('validates input before the tool and output after it', async () => {
    const warden = createWarden({ agent: 'a' });
    let ran = 0;
    const tool = warden.tool('t', async (args: { n: number }) => (ran++, { doubled: args.n * 2 }), {
      input: z.object({ n: z.number() }),
      output: z.object({ doubled: z.number().max(10) }),
    });
    await expect(tool({ n: 'x' } as never)).rejects.toMatchObject({ code: 'validation_failed', direction: 'input' });
    expect(ran).toBe(0);
    await expect(tool({ n: 50 })).rejects.toMatchObject({ code: 'validation_failed', direction: 'output' });
    await expect(tool({ n: 2 })).resolves.toEqual({ doubled: 4 });
  });
});

describe('warden.decide', () => {
  it('emits a decision made outside a call with the run, agent and version filled in', async () => {
    const warden = createWarden({ agent: 'a', version: { model: 'm' } });
    const log = decisionRecorder(warden);
    const made = await warden.run({ sessionId: 's', workflow: 'w' }, async (run) => {
      const decision = warden.decide({ outcome: 'reject', by: 'alice', reason: 'not today', tool: 'issue_refund', callId: 'c9' });
      return { decision, run };
    });
    expect(log.decisions).toEqual([made.decision]);
    expect(made.decision).toMatchObject({ agent: 'a', runId: made.run.runId, sessionId: 's', workflow: 'w', versionId: warden.version.id, callId: 'c9', outcome: 'reject' });
  });
});
