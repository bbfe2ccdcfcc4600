/**
 * Time buckets for the report's plots. Buckets start one second wide and step up through
 * round widths (each a multiple of the one before, so buckets merge exactly) whenever the
 * covered span would need more than `maxBuckets`; any file, an hour or a year of entries,
 * is plotted with a bounded number of bars aligned on round UTC times.
 */
import type { DecisionOutcome } from '../core/types.js';
import type { SeriesBucket } from './report-data.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Round widths, each a multiple of the one before. */
const BUCKET_WIDTHS = [SECOND, 2 * SECOND, 10 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 14 * DAY, 28 * DAY];

/** An adaptive series of time buckets. */
export interface TimeSeries {
  /** The bucket for time `at` (ms), widening the buckets when needed. */
  bucket(at: number): SeriesBucket;
  /** Contiguous buckets from the first to the last time seen (empty ones filled in). */
  snapshot(): { bucketMs: number; buckets: SeriesBucket[] };
}

/** Creates a series of at most `maxBuckets` buckets. Defaults to `120`. */
export function createTimeSeries(maxBuckets = 120): TimeSeries {
  let step = 0;
  let width = BUCKET_WIDTHS[0]!;
  let buckets = new Map<number, SeriesBucket>();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;

  const keyOf = (at: number) => Math.floor(at / width) * width;
  const empty = (start: number): SeriesBucket => ({ start, decisions: {}, calls: 0, failed: 0, costUsd: 0 });

  function widen(): void {
    while ((keyOf(max) - keyOf(min)) / width >= maxBuckets) {
      step += 1;
      width = BUCKET_WIDTHS[step] ?? width * 2;
    }
    const merged = new Map<number, SeriesBucket>();
    for (const bucket of buckets.values()) {
      const key = keyOf(bucket.start);
      const target = merged.get(key) ?? empty(key);
      merge(target, bucket);
      merged.set(key, target);
    }
    buckets = merged;
  }

  return {
    bucket(at) {
      if (at < min) min = at;
      if (at > max) max = at;
      if ((keyOf(max) - keyOf(min)) / width >= maxBuckets) widen();
      const key = keyOf(at);
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = empty(key);
        buckets.set(key, bucket);
      }
      return bucket;
    },
    snapshot() {
      if (buckets.size === 0) return { bucketMs: width, buckets: [] };
      const filled: SeriesBucket[] = [];
      for (let key = keyOf(min); key <= keyOf(max); key += width) filled.push(buckets.get(key) ?? empty(key));
      return { bucketMs: width, buckets: filled };
    },
  };
}

function merge(target: SeriesBucket, source: SeriesBucket): void {
  target.calls += source.calls;
  target.failed += source.failed;
  target.costUsd += source.costUsd;
  const decisions = target.decisions as Record<DecisionOutcome, number>;
  for (const [outcome, count] of Object.entries(source.decisions) as Array<[DecisionOutcome, number]>) {
    decisions[outcome] = (decisions[outcome] ?? 0) + count;
  }
}
