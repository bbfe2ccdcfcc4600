import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { classifier, ScreenModelError } from '../../../src/index.js';
import { decodeModel, encodeModel, readModelFile, type ScreenModel } from '../../../src/security/classifier/model-file.js';
import { INDICATOR_WEIGHTS } from '../../../src/security/classifier/mood.js';

const folder = mkdtempSync(join(tmpdir(), 'agentwarden-model-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function tinyModel(): ScreenModel {
  const weights = new Int8Array(1 << 10);
  for (let index = 0; index < weights.length; index++) weights[index] = (index * 37) % 255 - 127;
  return {
    config: { tableBits: 10, charGrams: [4] },
    scale: 0.01,
    weights,
    indicators: [new Float64Array(INDICATOR_WEIGHTS).fill(0.5), new Float64Array(INDICATOR_WEIGHTS).fill(-0.25)],
    bias: [-1, -2],
    calibration: { args: { high: -1, balanced: 0, low: 1 }, results: { high: -2, balanced: -1, low: 0.5 } },
    about: { note: 'tiny' },
  };
}

describe('screen model file', () => {
  it('round-trips a model, byte for byte', () => {
    const bytes = encodeModel(tinyModel());
    const decoded = decodeModel(bytes, 'tiny.bin');
    expect(decoded).toEqual(tinyModel());
    expect(encodeModel(decoded).equals(bytes)).toBe(true);
  });

  it('refuses a missing file at construction, naming it', () => {
    const missing = join(folder, 'nope.bin');
    expect(() => classifier({ model: missing })).toThrow(ScreenModelError);
    expect(() => classifier({ model: missing })).toThrow(missing);
  });

  it.each([
    ['not gzip', () => Buffer.from('hello')],
    ['no frame', () => gzipSync(Buffer.from('something else entirely'))],
    ['cut short', () => gzipSync(decompressed().subarray(0, 200))],
    ['changed weight', () => {
      const body = decompressed();
      body[body.length - 1] = (body[body.length - 1]! + 1) & 0xff;
      return gzipSync(body);
    }],
  ])('refuses a damaged file (%s) naming it', (_case, make) => {
    const file = join(folder, `damaged-${_case.replace(/\s/g, '-')}.bin`);
    writeFileSync(file, make());
    expect(() => readModelFile(file)).toThrow(ScreenModelError);
    expect(() => readModelFile(file)).toThrow(file);
  });
});

function decompressed(): Buffer {
  return gunzipSync(encodeModel(tinyModel()));
}
