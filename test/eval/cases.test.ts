import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCases } from '../../src/eval/cases.js';
import { recorder } from '../../src/replay/recorder.js';
import { realTools, refundAgent, wardenWith } from '../replay/fixtures.js';
import { tempDirs } from '../replay/temp-dirs.js';

const tempDir = tempDirs();

async function recordTwo(dir: string) {
  const tape = recorder({ dir });
  const warden = wardenWith([tape]);
  for (const orderId of ['A1', 'B2']) {
    await warden.run({ sessionId: `session-${orderId}`, workflow: 'claims', metadata: { input: { orderId } } }, () => refundAgent(warden, realTools, { orderId }));
  }
  await warden.close();
}

describe('readCases', () => {
  it('reads JSONL cases, skipping blanks and comments, with cassettes by relative path', async () => {
    const dir = tempDir('aw-cases-');
    await recordTwo(join(dir, 'tapes'));
    const [firstTape] = readdirSync(join(dir, 'tapes'));
    const file = join(dir, 'cases.jsonl');
    writeFileSync(file, ['// cases', '{"id":"plain","input":{"q":1},"expected":"x"}', '', `{"cassette":"tapes/${firstTape}","expected":"refunded"}`, '{"input":2}'].join('\n'));
    const cases = readCases(file);
    expect(cases.map((item) => item.id)).toEqual(['plain', expect.stringMatching(/^session-/), 'case-5']);
    expect(cases[1]).toMatchObject({ expected: 'refunded', scope: { workflow: 'claims' } });
    expect(cases[1]!.cassette?.calls).toHaveLength(2);
    expect(cases[1]!.input).toEqual({ orderId: expect.any(String) });
  });

  it('reads a directory of recorded cassettes as cases', async () => {
    const dir = tempDir('aw-cases-');
    await recordTwo(dir);
    const cases = readCases(dir);
    expect(cases.map((item) => item.id).sort()).toEqual(['session-A1', 'session-B2']);
    expect(cases.every((item) => item.cassette !== undefined)).toBe(true);
  });

  it('names the line that is not JSON or has no input', () => {
    const dir = tempDir('aw-cases-');
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"input":1}\n{oops}\n');
    expect(() => readCases(file)).toThrow(/bad\.jsonl:2 is not JSON/);
    writeFileSync(file, '{"expected":1}\n');
    expect(() => readCases(file)).toThrow(/bad\.jsonl:1 needs an `input`/);
  });
});
