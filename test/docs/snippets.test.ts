/**
 * Docs that run as written: every TypeScript block of README.md and docs/*.md is a complete
 * program, type-checked with `tsc --strict` and run to exit 0 with no network and no API key,
 * or is marked as a fragment of a complete program that exists (docs/development.md, "Docs that
 * run"). The programs are written under .tmp/ in the repository, so `zod`, `ai` and the other
 * packages resolve as they would in an app, and removed at the end. How `agentwarden` resolves
 * for the type check and for the runs: programs.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, useRedis, type TestRedis } from '../support/redis.js';
import { allBlocks, completeBlocksUnder, type DocBlock } from './doc-blocks.js';
import { buildForRuns, inPool, runProgram, typeCheck, writePrograms, type Program, type ProgramResult } from './programs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Files whose blocks are not checked yet, with why; each block shows as a todo. Empty this by
 * completing or marking the blocks (docs/development.md, "Docs that run").
 */
const NOT_YET_CHECKED: Record<string, string> = {
};

const everyBlock = allBlocks(root);
const blocks = everyBlock.filter((block) => !(block.file in NOT_YET_CHECKED));
const unchecked = everyBlock.filter((block) => block.file in NOT_YET_CHECKED);
const complete = blocks.filter((block) => block.kind === 'complete');
const fragments = blocks.filter((block) => block.kind === 'fragment');
const withRedis = redisAvailable();
const runnable = complete.filter((block) => block.needs !== 'redis' || withRedis);

let folder: string;
let programs: Program[];
let checked: { ok: boolean; output: string };
const results = new Map<DocBlock, ProgramResult>();
let redis: TestRedis | undefined;

beforeAll(async () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  folder = mkdtempSync(join(root, '.tmp', 'docs-programs-'));
  programs = writePrograms(folder, root, complete);
  if (runnable.some((block) => block.needs === 'redis')) redis = await useRedis();
  const toRun = programs.filter((program) => runnable.includes(program.block));
  // The type check (one tsc, the slow part) runs beside the build and the runs.
  const runAll = async () => {
    await buildForRuns(folder, root, toRun);
    return inPool(toRun, Math.max(2, Math.min(4, availableParallelism())), (program) => runProgram(folder, program, redis ? { REDIS_URL: redis.url } : {}));
  };
  const [typeChecked, ran] = await Promise.all([typeCheck(folder, root, programs), runAll()]);
  checked = typeChecked;
  toRun.forEach((program, index) => results.set(program.block, ran[index]!));
}, 240_000);

afterAll(async () => {
  await redis?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('docs that run', () => {
  it('finds the blocks of the README and docs/', () => {
    expect(complete.length).toBeGreaterThan(10);
    expect(blocks.filter((block) => block.file === 'README.md').length).toBeGreaterThanOrEqual(3);
  });

  it('type-checks every complete program with tsc --strict', () => {
    expect(checked.ok, checked.output).toBe(true);
  });

  for (const block of complete) {
    // Without a reachable Redis (and outside CI) the programs that need one are type-checked only.
    const runIt = runnable.includes(block) ? it : it.skip;
    runIt(`${block.where} runs to exit 0`, () => {
      const result = results.get(block)!;
      expect(result.code, `${block.where} exited ${result.code ?? result.signal}:\n${result.stderr}${result.stdout}`).toBe(0);
    });
  }

  for (const block of unchecked) it.todo(`${block.where}: ${NOT_YET_CHECKED[block.file]}`);

  it.each(fragments.map((block) => [block.where, block] as const))('%s is a fragment of a complete program that exists', (_where, block) => {
    const [file, anchor] = block.of!.split('#') as [string, string | undefined];
    expect(anchor, `${block.where}: name the section, e.g. <!-- fragment of: ${file}#some-heading -->`).toBeTruthy();
    const text = readFileSync(join(root, file), 'utf8');
    expect(completeBlocksUnder(file, text, anchor!).length, `${block.where}: no complete program under ${block.of}`).toBeGreaterThan(0);
  });
});
