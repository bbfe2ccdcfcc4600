/**
 * The compiled call path: hook layers fused into one node must behave exactly like the same
 * layers as an onion — order in and out, changed calls, errors seen by the layers outside
 * the one that threw, asynchronous hooks — and plain function middleware mixes in.
 */
import { describe, expect, it } from 'vitest';
import { compileChain, compose, stepMiddleware } from '../../src/core/compose.js';
import { allow } from '../../src/core/decision.js';
import { withCallContext } from '../../src/core/call-context.js';
import { systemClock } from '../../src/core/clock.js';
import type { CallSteps, Middleware, ToolCall, WardenHost } from '../../src/core/types.js';
import { versionStamp } from '../../src/core/version-stamp.js';
import { createWarden, policy } from '../../src/index.js';

function callOf(args: unknown = {}): ToolCall {
  return { tool: 't', args, callId: 'c1', agent: 'a', runId: 'r1', version: versionStamp({}), attempt: 1, metadata: {}, traits: {} };
}

/** A hook layer that logs what it sees. */
function logged(name: string, log: string[], extra: Partial<CallSteps<string>> = {}): Middleware {
  return stepMiddleware<string>(name, {
    enter: () => {
      log.push(`${name}:enter`);
      return name;
    },
    exit: (state, result) => {
      log.push(`${name}:exit(${String(result)})`);
      return result;
    },
    fail: (state, error) => void log.push(`${name}:fail(${(error as Error).message})`),
    ...extra,
  });
}

describe('compileChain', () => {
  it('runs enters in order and exits in reverse, fused or one by one alike', async () => {
    for (const fused of [true, false]) {
      const log: string[] = [];
      const layers = [logged('a', log), logged('b', log), logged('c', log)];
      const onion: Middleware = async (call, next) => next(call); // splits the group when not fused
      const chain = compose(fused ? layers : [layers[0]!, onion, layers[1]!, onion, layers[2]!], () => {
        log.push('tool');
        return 42;
      });
      await expect(chain(callOf())).resolves.toBe(42);
      expect(log).toEqual(['a:enter', 'b:enter', 'c:enter', 'tool', 'c:exit(42)', 'b:exit(42)', 'a:exit(42)']);
    }
  });

  it('returns a plain value when every layer and the tool are synchronous, a promise otherwise', () => {
    const log: string[] = [];
    expect(compileChain([logged('a', log)], () => 1)(callOf())).toBe(1);
    expect(compileChain([logged('a', log)], async () => 1)(callOf())).toBeInstanceOf(Promise);
  });

  it('gives the layers outside a refusing enter its error, but not the refusing layer itself', async () => {
    const log: string[] = [];
    const refuse = logged('b', log, {
      enter: () => {
        log.push('b:enter');
        throw new Error('no');
      },
    });
    const chain = compose([logged('a', log), refuse, logged('c', log)], () => log.push('tool'));
    await expect(chain(callOf())).rejects.toThrow('no');
    expect(log).toEqual(['a:enter', 'b:enter', 'a:fail(no)']);
  });

  it('turns an exit that throws into an error for the layers outside it', async () => {
    const log: string[] = [];
    const reject = logged('b', log, {
      exit: () => {
        log.push('b:exit');
        throw new Error('bad result');
      },
    });
    const chain = compose([logged('a', log), reject, logged('c', log)], async () => 'r');
    await expect(chain(callOf())).rejects.toThrow('bad result');
    expect(log).toEqual(['a:enter', 'b:enter', 'c:enter', 'c:exit(r)', 'b:exit', 'a:fail(bad result)']);
  });

  it('waits for an asynchronous enter or exit and keeps the order', async () => {
    const log: string[] = [];
    const slowEnter = logged('b', log, {
      enter: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push('b:enter');
        return 'b';
      },
    });
    const slowExit = logged('c', log, {
      exit: async (_state, result) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push('c:exit');
        return `${String(result)}!`;
      },
    });
    const chain = compose([logged('a', log), slowEnter, slowExit], () => 'r');
    await expect(chain(callOf())).resolves.toBe('r!');
    expect(log).toEqual(['a:enter', 'b:enter', 'c:enter', 'c:exit', 'b:exit(r!)', 'a:exit(r!)']);
  });

  it('passes a changed call inward and gives each layer back the call it received', async () => {
    const seen: unknown[] = [];
    const change = stepMiddleware<unknown>('change', { enter: () => ({ changed: true }), forward: (args, call) => ({ ...call, args }) });
    const watch = stepMiddleware<void>('watch', { enter: (call) => void seen.push(call.args), exit: (_s, result, call) => (seen.push(call.args), result) });
    const chain = compose([watch, change, watch], (call) => call.args);
    await expect(chain(callOf({ original: true }))).resolves.toEqual({ changed: true });
    expect(seen).toEqual([{ original: true }, { changed: true }, { changed: true }, { original: true }]);
  });

  it('runs the rest of the chain inside `around`, synchronously', async () => {
    let inside = false;
    const wrap = stepMiddleware<void>('wrap', {
      enter: () => {},
      around: (_state, inner) => {
        inside = true;
        try {
          return inner();
        } finally {
          inside = false;
        }
      },
    });
    const chain = compose([wrap], () => inside);
    await expect(chain(callOf())).resolves.toBe(true);
  });

  it('gives the same answers through the function form (as `evaluate` uses it)', async () => {
    const log: string[] = [];
    const layer = logged('a', log);
    await expect(layer(callOf(), async () => 7)).resolves.toBe(7);
    await expect(layer(callOf(), async () => Promise.reject(new Error('tool broke')))).rejects.toThrow('tool broke');
    expect(log).toEqual(['a:enter', 'a:exit(7)', 'a:enter', 'a:fail(tool broke)']);
  });
});

describe('decisions nobody hears', () => {
  it('builds no allow decision when no listener would see it', () => {
    let decided = 0;
    const host = { hearsDecisions: () => false, decide: () => void (decided += 1) } as unknown as WardenHost;
    const call = withCallContext(callOf(), { state: new Map(), clock: systemClock, host });
    allow(call, { by: 'policy', reason: 'ok' });
    expect(decided).toBe(0);
    const listening = withCallContext(callOf(), { state: new Map(), clock: systemClock, host: { ...host, hearsDecisions: () => true } as WardenHost });
    allow(listening, { by: 'policy', reason: 'ok' });
    expect(decided).toBe(1);
  });

  it('still emits the allow to a listener that subscribes later', async () => {
    const warden = createWarden({ agent: 'a', middleware: [policy({ allow: ['t'] })] });
    const tool = warden.tool('t', async () => 1);
    await tool({});
    const outcomes: string[] = [];
    warden.on('decision', (decision) => outcomes.push(decision.outcome));
    await tool({});
    expect(outcomes).toEqual(['allow']);
  });
});
