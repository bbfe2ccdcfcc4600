/**
 * The drift engine: per version, per metric, a baseline (learned in a warm-up, given, or
 * restored from a snapshot) and a detector against it (a bank of CUSUMs, or one CUSUM,
 * for means and rates; a chi-square window test for mixes). A version seen for the first
 * time learns its own baseline and, meanwhile and after, is compared with the previous
 * version's learned baseline: that is how a model or prompt update shows up. Alarms are debounced per
 * version, metric and comparison. The engine knows nothing of wardens, so simulations
 * drive it directly.
 */
import { meanLearner, mixLearner, type Baseline, type BaselineLearner } from './baseline.js';
import type { DriftAlarm } from './alarm.js';
import { createCheck, type Check, type Verdict } from './check.js';
import { SNAPSHOT_FORMAT, type DriftSnapshot } from './snapshot.js';

/** One value of one metric, with where and when it came from. */
export interface DriftSample {
  readonly metric: string;
  readonly kind: 'mean' | 'mix';
  readonly value: number | string;
  /** A 0/1 rate (error rate, boolean custom metric): a constant warm-up still gives a baseline. */
  readonly rate?: boolean;
  /** Observation time in ms (from the observation itself, not the wall clock). */
  readonly at: number;
  readonly versionId: string;
  readonly versionLabel?: string;
  readonly tool?: string;
  readonly callId?: string;
  readonly runId?: string;
}

/** How the engine is set up (already checked by `driftMonitor`). */
export interface DriftEngineOptions {
  readonly agent: string;
  /** Observations per version and metric learned before monitoring starts. */
  readonly warmup: number;
  /** Baselines that hold for every version, by metric. */
  readonly given: Readonly<Record<string, Baseline>>;
  readonly restored?: DriftSnapshot;
  /** Smallest shift worth an alarm for a mean metric, in baseline standard deviations; `undefined` for the adaptive bank. */
  readonly shiftFor: (metric: string) => number | undefined;
  readonly falseAlarmRate: number;
  /** CUSUM decision interval override. */
  readonly decisionInterval?: number;
  readonly window: number;
  readonly debounceMs: number;
  /** Counts suppressed alarms and degenerate warm-ups. */
  readonly count?: (counter: string) => void;
}

/** Where one metric of one version stands. */
export interface DriftStatus {
  readonly versionId: string;
  readonly metric: string;
  readonly phase: 'warmup' | 'monitoring' | 'degenerate';
  /** Warm-up observations so far, or those the baseline rests on. */
  readonly samples: number;
  readonly baseline?: Baseline;
  /** The previous version this one is still being compared with. */
  readonly comparingWith?: string;
}

/** The running engine. */
export interface DriftEngine {
  /** Feeds one value; returns the alarms it raised (after debouncing), usually none. */
  observe(sample: DriftSample): DriftAlarm[];
  /** Learned and restored baselines per version, as JSON. */
  snapshot(now: number): DriftSnapshot;
  status(): DriftStatus[];
}

interface MetricTrack {
  baseline?: Baseline;
  source: 'given' | 'learned' | 'restored' | 'warmup' | 'degenerate';
  learner?: BaselineLearner;
  own?: Check;
  reference?: Check;
}

interface VersionTrack {
  readonly versionId: string;
  readonly label?: string;
  readonly firstSeen: number;
  readonly metrics: Map<string, MetricTrack>;
}

/** Creates a drift engine. */
export function createDriftEngine(options: DriftEngineOptions): DriftEngine {
  const versions = new Map<string, VersionTrack>();
  const order: string[] = [];
  const lastAlarm = new Map<string, number>();

  // Restored detectors are built on the metric's first value, which says whether it is a rate.
  for (const restored of options.restored?.versions ?? []) {
    const track = addVersion(restored.versionId, restored.label, Date.parse(restored.firstSeen) || 0);
    for (const [metric, baseline] of Object.entries(restored.baselines)) track.metrics.set(metric, { baseline, source: 'restored' });
  }

  function addVersion(versionId: string, label: string | undefined, firstSeen: number): VersionTrack {
    const track: VersionTrack = { versionId, firstSeen, metrics: new Map(), ...(label !== undefined && { label }) };
    versions.set(versionId, track);
    order.push(versionId);
    return track;
  }

  function check(sample: DriftSample, baseline: Baseline, baselineVersionId: string | undefined): Check {
    return createCheck(baseline, baselineVersionId, { shift: options.shiftFor(sample.metric), rate: sample.rate === true, falseAlarmRate: options.falseAlarmRate, window: options.window, decisionInterval: options.decisionInterval });
  }

  function previousBaseline(versionId: string, metric: string): { versionId: string; baseline: Baseline } | undefined {
    for (let index = order.indexOf(versionId) - 1; index >= 0; index--) {
      const track = versions.get(order[index]!)!.metrics.get(metric);
      if (track?.baseline && (track.source === 'learned' || track.source === 'restored')) return { versionId: order[index]!, baseline: track.baseline };
    }
    return undefined;
  }

  function metricTrack(version: VersionTrack, sample: DriftSample): MetricTrack {
    let track = version.metrics.get(sample.metric);
    if (track) {
      if (track.source === 'restored' && !track.own) track.own = check(sample, track.baseline!, version.versionId);
      return track;
    }
    const given = options.given[sample.metric];
    if (given) {
      track = { baseline: given, source: 'given', own: check(sample, given, undefined) };
    } else {
      track = { source: 'warmup', learner: sample.kind === 'mean' ? meanLearner(sample.rate === true) : mixLearner() };
      const previous = previousBaseline(version.versionId, sample.metric);
      if (previous && previous.baseline.kind === sample.kind) track.reference = check(sample, previous.baseline, previous.versionId);
    }
    version.metrics.set(sample.metric, track);
    return track;
  }

  function raise(sample: DriftSample, verdict: Verdict, used: Check, comparedTo: DriftAlarm['comparedTo']): DriftAlarm | undefined {
    const key = `${sample.versionId}\u0000${sample.metric}\u0000${comparedTo}`;
    const last = lastAlarm.get(key);
    if (last !== undefined && sample.at - last < options.debounceMs) {
      options.count?.('drift.suppressed');
      return undefined;
    }
    lastAlarm.set(key, sample.at);
    return {
      metric: sample.metric,
      kind: sample.kind,
      comparedTo,
      versionId: sample.versionId,
      ...(sample.versionLabel !== undefined && { versionLabel: sample.versionLabel }),
      ...(used.baselineVersionId !== undefined && { baselineVersionId: used.baselineVersionId }),
      baseline: used.baseline,
      current: verdict.current,
      ...(verdict.direction !== undefined && { direction: verdict.direction }),
      ...(verdict.scale !== undefined && { scale: verdict.scale }),
      ...(verdict.estimatedShift !== undefined && { estimatedShift: verdict.estimatedShift }),
      statistic: verdict.statistic,
      window: { observations: verdict.observations, ...(verdict.since !== undefined && { from: new Date(verdict.since).toISOString() }), to: new Date(sample.at).toISOString() },
      at: new Date(sample.at).toISOString(),
      agent: options.agent,
      ...(sample.tool !== undefined && { tool: sample.tool }),
      ...(sample.callId !== undefined && { callId: sample.callId }),
      ...(sample.runId !== undefined && { runId: sample.runId }),
    };
  }

  return {
    observe(sample) {
      const version = versions.get(sample.versionId) ?? addVersion(sample.versionId, sample.versionLabel, sample.at);
      const track = metricTrack(version, sample);
      const alarms: DriftAlarm[] = [];
      if (track.reference) {
        const verdict = track.reference.update(sample.value, sample.at);
        const alarm = verdict && raise(sample, verdict, track.reference, 'previous_version');
        if (alarm) {
          alarms.push(alarm);
          delete track.reference;
        }
      }
      if (track.learner) {
        track.learner.add(sample.value);
        if (track.learner.samples >= options.warmup) {
          const baseline = track.learner.finish();
          delete track.learner;
          if (baseline) {
            track.baseline = baseline;
            track.source = 'learned';
            track.own = check(sample, baseline, sample.versionId);
          } else {
            track.source = 'degenerate';
            options.count?.('drift.degenerate_baseline');
          }
        }
      } else if (track.own) {
        const verdict = track.own.update(sample.value, sample.at);
        const alarm = verdict && raise(sample, verdict, track.own, 'baseline');
        if (alarm) alarms.push(alarm);
      }
      return alarms;
    },
    snapshot(now) {
      return {
        format: SNAPSHOT_FORMAT,
        agent: options.agent,
        takenAt: new Date(now).toISOString(),
        versions: order.map((versionId) => {
          const version = versions.get(versionId)!;
          const baselines: Record<string, Baseline> = {};
          for (const [metric, track] of version.metrics) {
            if (track.baseline && (track.source === 'learned' || track.source === 'restored')) baselines[metric] = track.baseline;
          }
          return { versionId, ...(version.label !== undefined && { label: version.label }), firstSeen: new Date(version.firstSeen).toISOString(), baselines };
        }),
      };
    },
    status() {
      const rows: DriftStatus[] = [];
      for (const versionId of order) {
        for (const [metric, track] of versions.get(versionId)!.metrics) {
          const phase = track.learner ? 'warmup' : track.source === 'degenerate' ? 'degenerate' : 'monitoring';
          rows.push({
            versionId,
            metric,
            phase,
            samples: track.learner?.samples ?? track.baseline?.samples ?? 0,
            ...(track.baseline !== undefined && { baseline: track.baseline }),
            ...(track.reference?.baselineVersionId !== undefined && { comparingWith: track.reference.baselineVersionId }),
          });
        }
      }
      return rows;
    },
  };
}
