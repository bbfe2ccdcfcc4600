/**
 * Every example a user may copy runs to the end on its own (no key, no network) and exits 0.
 * The ai-sdk and rollout examples have their own tests with closer checks.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redisAvailable } from './support/redis.js';

const run = promisify(execFile);

const examples: Array<[string, RegExp]> = [
  ['budget', /BudgetExceededError|budget/i],
  ['approval', /exactly once/],
  ['security', /InjectionDetectedError|injection/i],
  ['own-model', /m2: blocked[\s\S]*never answers: m1 passed/],
  ['drift', /drift/i],
  ['audit', /verify/i],
  ['langchain', /invoke_agent/],
  ['demo', /Spans sent to OpenTelemetry/],
];
if (redisAvailable()) examples.push(['redis', /Redis goes down|REDIS_URL given/]);

describe('examples', () => {
  it.each(examples)('examples/%s.ts runs to the end', async (name, expected) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/${name}.ts`], { timeout: 90_000, maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toMatch(expected);
  }, 120_000);
});
