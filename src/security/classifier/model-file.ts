/**
 * The learned screen's weights file: gzip of a small binary frame — the magic `AWSCREEN`,
 * a format version, the length of a JSON header, the header (feature layout, indicator and
 * bias weights per context, calibration anchors, training summary), then one signed byte
 * per hashed bucket. The header carries the SHA-256 of the bucket bytes, so a damaged file
 * is refused at load with the file's name instead of scoring silently wrong.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ScreenModelError } from './errors.js';
import type { FeatureConfig } from './features.js';
import { INDICATOR_FEATURES, INDICATOR_WEIGHTS } from './mood.js';

/** Raw margins at which each sensitivity level starts to flag, per context. */
export interface CalibrationAnchors {
  /** Margin at the validation FPR target of `high` (the most sensitive). */
  readonly high: number;
  readonly balanced: number;
  /** Margin at the validation FPR target of `low` (the least sensitive). */
  readonly low: number;
}

/** A loaded learned-screen model. */
export interface ScreenModel {
  readonly config: FeatureConfig;
  /** Multiplier from a stored byte to a bucket weight. */
  readonly scale: number;
  /** One quantised weight per hashed bucket. */
  readonly weights: Int8Array;
  /** Indicator weights, `[args, results]`, each `INDICATOR_WEIGHTS` long (single indicators and pairs). */
  readonly indicators: readonly [Float64Array, Float64Array];
  /** Bias per context, `[args, results]`. */
  readonly bias: readonly [number, number];
  /** Calibration anchors per context. */
  readonly calibration: { readonly args: CalibrationAnchors; readonly results: CalibrationAnchors };
  /** What it was trained on and how it scored on validation; for reports, not for scoring. */
  readonly about: Record<string, unknown>;
}

const MAGIC = 'AWSCREEN';
const FORMAT = 1;

interface Header {
  config: FeatureConfig;
  scale: number;
  indicatorNames: string[];
  indicators: [number[], number[]];
  bias: [number, number];
  calibration: ScreenModel['calibration'];
  about: Record<string, unknown>;
  sha256: string;
}

/** Serialises `model` to the bytes of a weights file (deterministic for the same model). */
export function encodeModel(model: ScreenModel): Buffer {
  const header: Header = {
    config: { tableBits: model.config.tableBits, charGrams: [...model.config.charGrams] },
    scale: model.scale,
    indicatorNames: [...INDICATOR_FEATURES],
    indicators: [Array.from(model.indicators[0]), Array.from(model.indicators[1])],
    bias: [model.bias[0], model.bias[1]],
    calibration: model.calibration,
    about: model.about,
    sha256: createHash('sha256').update(model.weights).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const frame = Buffer.alloc(MAGIC.length + 8);
  frame.write(MAGIC, 0, 'latin1');
  frame.writeUInt32LE(FORMAT, MAGIC.length);
  frame.writeUInt32LE(json.length, MAGIC.length + 4);
  const body = Buffer.concat([frame, json, Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength)]);
  // Level 9 and no timestamp: the same model always gives the same bytes.
  return gzipSync(body, { level: 9 });
}

/** Parses the bytes of a weights file; `source` names the file in errors. */
export function decodeModel(bytes: Uint8Array, source: string): ScreenModel {
  let body: Buffer;
  try {
    body = gunzipSync(bytes);
  } catch (error) {
    throw new ScreenModelError(source, 'is not a gzip file (damaged or not a weights file)', error);
  }
  if (body.length < MAGIC.length + 8 || body.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new ScreenModelError(source, 'does not start with the AWSCREEN frame');
  const format = body.readUInt32LE(MAGIC.length);
  if (format !== FORMAT) throw new ScreenModelError(source, `has format ${format}; this version reads format ${FORMAT}`);
  const headerLength = body.readUInt32LE(MAGIC.length + 4);
  const headerEnd = MAGIC.length + 8 + headerLength;
  if (headerEnd > body.length) throw new ScreenModelError(source, 'is cut short inside its header');
  let header: Header;
  try {
    header = JSON.parse(body.toString('utf8', MAGIC.length + 8, headerEnd)) as Header;
  } catch (error) {
    throw new ScreenModelError(source, 'has a header that is not JSON', error);
  }
  const buckets = 2 ** header.config?.tableBits;
  if (!Number.isInteger(header.config?.tableBits) || header.config.tableBits < 8 || header.config.tableBits > 24) throw new ScreenModelError(source, 'has an invalid `tableBits`');
  if (body.length - headerEnd !== buckets) throw new ScreenModelError(source, `holds ${body.length - headerEnd} weights, expected ${buckets}`);
  const weights = new Int8Array(buckets);
  weights.set(new Int8Array(body.buffer, body.byteOffset + headerEnd, buckets));
  if (createHash('sha256').update(weights).digest('hex') !== header.sha256) throw new ScreenModelError(source, 'fails its checksum (the weights were changed or damaged)');
  if (header.indicatorNames?.join(',') !== INDICATOR_FEATURES.join(',') || header.indicators?.[0]?.length !== INDICATOR_WEIGHTS || header.indicators?.[1]?.length !== INDICATOR_WEIGHTS) {
    throw new ScreenModelError(source, 'was trained with other indicator features than this version computes');
  }
  return {
    config: { tableBits: header.config.tableBits, charGrams: header.config.charGrams },
    scale: header.scale,
    weights,
    indicators: [Float64Array.from(header.indicators[0]), Float64Array.from(header.indicators[1])],
    bias: header.bias,
    calibration: header.calibration,
    about: header.about,
  };
}

/** Reads and parses a weights file; every failure is a `ScreenModelError` naming `file`. */
export function readModelFile(file: string): ScreenModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ScreenModelError(file, 'cannot be read', error);
  }
  return decodeModel(bytes, file);
}
