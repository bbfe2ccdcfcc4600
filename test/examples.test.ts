/**
 * Every example a user may copy runs to the end on its own (no key, no network) and exits 0.
 * The ai-sdk and rollout examples have their own tests with closer checks.
 * Examples import `agentwarden` by name (tsconfig.json `paths` map it to src/ for tsx).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  ['mcp', /deny\s+delete_customer[\s\S]*refunds paid: A1:120, A2:800/],
  ['demo', /Spans sent to OpenTelemetry[\s\S]*npx agentwarden verify /],
];
if (redisAvailable()) examples.push(['redis', /Redis goes down|REDIS_URL given/]);

describe('examples', () => {
  it.each(examples)('examples/%s.ts runs to the end', async (name, expected) => {
    // The demo writes its files where it is told: a temp folder here, never the repository.
    const demoDir = join(mkdtempSync(join(tmpdir(), 'aw-examples-')), 'demo');
    const env = { ...process.env, AGENTWARDEN_DEMO_DIR: demoDir };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/${name}.ts`], { timeout: 90_000, maxBuffer: 16 * 1024 * 1024, env });
    expect(stdout).toMatch(expected);
    if (name === 'demo') expect(existsSync(join(demoDir, 'audit.jsonl'))).toBe(true);
  }, 120_000);
});
